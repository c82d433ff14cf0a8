//! Service levels: business calendars, SLA policies, the status of a
//! complaint's clocks and the escalations `tick` fires.

pub mod calendar;
pub mod escalation;
pub mod policy;
pub mod status;

pub use calendar::{Calendar, CalendarSpec, DayHours, Holiday, TimeOfDay, Window};
pub use policy::{
    Conditions, EscalationRule, Metric, ResolutionMode, SlaPolicy, Targets, TriggerOn,
};
pub use status::{IntervalKind, MetricState, MetricStatus, SlaInterval, SlaStatus};
