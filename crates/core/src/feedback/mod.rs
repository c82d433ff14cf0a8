//! Feedback: CSAT, NPS, CES and custom surveys, sent to customers and answered.
//!
//! A survey is sent (an event with its channel and what it is about) and
//! answered once. The rules for late and repeated answers are in
//! `docs/kpi.md` ("Surveys").

pub(crate) mod apply;
pub mod commands;
pub mod model;
pub mod query;

pub use commands::{AnswerSurvey, ConfigureFeedback, RemoveSurvey, SendSurvey};
pub use model::{
    AnswerValue, FeedbackSettings, Question, QuestionKind, Survey, SurveyAnswered, SurveyKind,
    SurveyLink, SurveySent, SurveyStatus, SurveyTemplate,
};
pub use query::SurveyFilter;
