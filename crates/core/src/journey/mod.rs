//! The sales and after-sales journey: pipelines and opportunities, purchases
//! and what they do to a customer (lifecycle, tier), referrals.

pub(crate) mod apply;
pub mod commands;
pub mod model;
pub mod pipeline;
pub mod playbook;
pub mod query;

pub use commands::*;
pub use model::*;
pub use pipeline::*;
pub use playbook::{
    CancelPlaybookRun, PlannedStep, Playbook, PlaybookConditions, PlaybookRun, PlaybookStep,
    RemovePlaybook, RunEnd, RunProgress, RunStatus, StepKind, StepProgress, StepStatus,
};
pub use query::*;
