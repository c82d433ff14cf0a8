//! Seeded, deterministic generator of realistic customer-care data for the
//! `clientcare` benchmarks, tests and examples. No data files, no network, no
//! `rand` crate: one seed fixes every name, number and timestamp.
//!
//! - [`customer_rows`]: `n` [`RegisterCustomer`](clientcare::RegisterCustomer)
//!   rows (Vietnamese and international people and companies, emails derived
//!   from folded names, Vietnamese mobiles in mixed local formats, landlines,
//!   international numbers, tags, tiers, lifecycle stages). Emails and phones
//!   are unique by construction, except a deliberate 0.3 % of people who share
//!   a relative's phone with `allow_shared_contacts`.
//! - [`build_workspace`]: a whole workspace (agents in teams, customers,
//!   interactions on every channel with a business-hour bias in
//!   Asia/Ho_Chi_Minh, tags, consents, lifecycle changes, memberships,
//!   archives) with roughly a target number of events.
//! - [`care_year::build_care_year`]: a year of customer care for the KPI
//!   benchmarks (complaints, surveys, deals, purchases, follow-ups, referrals).
//!
//! ```
//! let rows = clientcare_bench::customer_rows(3, 42);
//! assert_eq!(rows, clientcare_bench::customer_rows(3, 42));
//! let built = clientcare_bench::build_workspace(&clientcare_bench::WorkspaceSpec::new(500, 1))?;
//! assert!(built.workspace.events().len() > 300);
//! # Ok::<(), clientcare_bench::BuildError>(())
//! ```

pub mod activity;
pub mod calendar;
pub mod care_year;
pub mod complaints;
pub mod contacts;
pub mod customers;
pub mod dupes;
pub mod harness;
pub mod names;
pub mod rng;
pub mod scenario;

pub use customers::{customer_rows, two_contact_rows, CustomerGen, GeneratedCustomer};
pub use rng::Rng;
pub use scenario::{build_workspace, BuildError, BuiltWorkspace, WorkspaceSpec};
