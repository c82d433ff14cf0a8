#![doc = include_str!("../../../README.md")]
#![warn(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod agent;
pub mod complaint;
pub mod customer;
pub mod error;
pub mod event;
pub mod feedback;
pub mod followup;
pub mod id;
pub mod identity;
pub mod interaction;
pub mod journey;
pub mod json;
pub mod kpi;
pub mod model;
pub mod serde_util;
pub mod sla;
pub mod text;
pub mod workspace;

pub use agent::{Agent, RegisterAgent, UpdateAgent};
pub use complaint::{
    AddCustomerMessage, AssignComplaint, Author, CancelComplaint, CancelReason, Cancellation,
    ChangeComplaintState, CloseComplaint, Compensation, CompensationKind, Complaint,
    ComplaintFilter, ComplaintSettings, ComplaintSort, ComplaintState, EscalateComplaint,
    EscalationTrigger, LinkInteraction, Mark, MergeComplaint, Message, OpenComplaint, Priority,
    ReopenComplaint, Resolution, ResolveComplaint, RespondToComplaint, SlaAlert, UpdateComplaint,
};
pub use customer::{
    AddContactPoint, AddMembership, ArchiveCustomer, ChangeLifecycle, Consent, ContactPoint,
    Customer, CustomerFilter, CustomerKind, Lifecycle, Membership, Names, Page, PageRequest,
    PostalAddress, Purpose, RecordConsent, RegisterCustomer, RemoveContactPoint, RemoveMembership,
    RestoreCustomer, SetTier, TagCustomer, UpdateCustomer, MAX_PAGE,
};
pub use error::{Error, Result};
pub use event::{
    ComplaintChanges, ComplaintOpened, CustomerChanges, CustomerRegistered, CustomersMerged,
    EntityRef, Event, EventPayload, FollowUpScheduled, MessageAdded, OpportunityChanges,
    OpportunityOpened, PurchaseRecorded, FORMAT_VERSION,
};
pub use feedback::{
    AnswerSurvey, AnswerValue, ConfigureFeedback, FeedbackSettings, Question, QuestionKind,
    RemoveSurvey, SendSurvey, Survey, SurveyAnswered, SurveyFilter, SurveyKind, SurveyLink,
    SurveySent, SurveyStatus, SurveyTemplate,
};
pub use followup::recurrence::{Frequency, Recurrence, RecurrenceSpec, RuleSpec, WeekdayNum};
pub use followup::{
    Agenda, CancelFollowUp, CompleteFollowUp, FollowUp, FollowUpKind, FollowUpLinks,
    FollowUpStatus, ReassignFollowUp, ScheduleFollowUp, SnoozeFollowUp,
};
pub use id::{
    AgentId, ComplaintId, CustomerId, EventId, FollowUpId, IdSource, InteractionId, OpportunityId,
    PlaybookRunId, PurchaseId, ReferralId, SeededIds, SurveyId,
};
pub use identity::duplicates::{
    DuplicateMatch, DuplicatePair, DuplicateReport, DuplicateRules, MatchReason, NameMetric,
    ScanPhase, ScanProgress,
};
pub use identity::search::{
    MatchedField, SearchHit, SearchQuery, SearchResults, SearchStats, DEFAULT_SEARCH_LIMIT,
};
pub use identity::{
    ContactDecision, ContactReason, CustomerExport, EraseCustomer, MergeCustomers, Survive,
    Survivorship, UnmergeCustomers, ERASED, EXPORT_FORMAT,
};
pub use interaction::{Direction, Interaction, LogInteraction};
pub use journey::{
    Board, BoardColumn, LoyaltySettings, MoveOpportunity, OpenOpportunity, Opportunity, Pipeline,
    Purchase, PurchaseItem, RecordPurchase, RecordReferral, Referral, ReferralStatus,
    RewardReferral, Source, Stage, StageKind, TierPlan, TierRule, Totals, UpdateOpportunity,
    WonPurchase, DEFAULT_PIPELINE,
};
pub use journey::{
    CancelPlaybookRun, PlannedStep, Playbook, PlaybookConditions, PlaybookRun, PlaybookStep,
    RemovePlaybook, RunEnd, RunProgress, RunStatus, StepKind, StepProgress, StepStatus,
};
pub use kpi::{Dashboard, GroupBy, KpiQuery, KpiRow, KPI_NAMES};
pub use model::{Actor, AttrValue, Channel, Meta, Money, Network};
pub use sla::escalation::{
    ConfigureComplaints, DefineCalendar, RemoveCalendar, RemoveSlaPolicy, Tick,
};
pub use sla::{
    Calendar, CalendarSpec, Conditions, DayHours, EscalationRule, Holiday, IntervalKind, Metric,
    MetricState, MetricStatus, ResolutionMode, SlaInterval, SlaPolicy, SlaStatus, Targets,
    TimeOfDay, TriggerOn, Window,
};
pub use workspace::{
    BulkOutcome, Command, Committed, ConfigureWorkspace, Outcome, Prepared, TimelineCursor,
    TimelineEntry, Workspace,
};
