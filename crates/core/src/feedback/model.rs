//! Survey kinds, custom templates, the survey record and its events' payloads.

use crate::complaint::str_enum;
use crate::id::{AgentId, ComplaintId, CustomerId, InteractionId, PlaybookRunId, PurchaseId};
use crate::model::Channel;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

str_enum! {
    /// What a survey measures.
    SurveyKind {
        /// Customer satisfaction: one score from 1 to 5.
        Csat => "csat",
        /// Net promoter score: how likely to recommend, 0 to 10.
        Nps => "nps",
        /// Customer effort score: how easy it was, 1 to 7.
        Ces => "ces",
        /// A custom multi-question survey defined with `define_survey`.
        Custom => "custom",
    }
}

impl SurveyKind {
    /// The score range of the standard kinds (`None` for custom).
    #[must_use]
    pub fn score_range(self) -> Option<(i64, i64)> {
        match self {
            SurveyKind::Csat => Some((1, 5)),
            SurveyKind::Nps => Some((0, 10)),
            SurveyKind::Ces => Some((1, 7)),
            SurveyKind::Custom => None,
        }
    }
}

str_enum! {
    /// The kind of answer a question takes.
    QuestionKind {
        /// A whole number from `min` to `max` (both included).
        Scale => "scale",
        /// One of `options` (several when `multiple`).
        Choice => "choice",
        /// Free text.
        Text => "text",
    }
}

/// One question of a custom survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Key of the answer (`overall`, `reason`), unique within the survey.
    pub key: String,
    /// The question as shown.
    pub text: String,
    /// Scale, choice or text.
    pub kind: QuestionKind,
    /// Scale: the lowest score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Scale: the highest score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// Scale: the standard measure it feeds (`csat` 1-5, `nps` 0-10, `ces`
    /// 1-7); its answers then count in that KPI. The range must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measures: Option<SurveyKind>,
    /// Choice: the options (2 to 50, distinct).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Choice: several options may be picked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub multiple: bool,
    /// An answer must include it.
    #[serde(default)]
    pub required: bool,
}

impl Question {
    fn new(key: &str, text: &str, kind: QuestionKind) -> Self {
        Self {
            key: key.to_owned(),
            text: text.to_owned(),
            kind,
            min: None,
            max: None,
            measures: None,
            options: Vec::new(),
            multiple: false,
            required: false,
        }
    }

    /// A whole-number scale from `min` to `max`.
    #[must_use]
    pub fn scale(key: &str, text: &str, min: i64, max: i64) -> Self {
        Self {
            min: Some(min),
            max: Some(max),
            ..Self::new(key, text, QuestionKind::Scale)
        }
    }

    /// A choice of one of `options`.
    #[must_use]
    pub fn choice(key: &str, text: &str, options: &[&str]) -> Self {
        Self {
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            ..Self::new(key, text, QuestionKind::Choice)
        }
    }

    /// A free-text question.
    #[must_use]
    pub fn text(key: &str, text: &str) -> Self {
        Self::new(key, text, QuestionKind::Text)
    }

    /// The answer must include it.
    #[must_use]
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// A choice of several options.
    #[must_use]
    pub fn multiple(mut self) -> Self {
        self.multiple = true;
        self
    }

    /// A scale that feeds a standard measure (`csat` 1-5, `nps` 0-10, `ces` 1-7).
    #[must_use]
    pub fn measures(mut self, kind: SurveyKind) -> Self {
        self.measures = Some(kind);
        self
    }
}

/// A custom survey: a key and its questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyTemplate {
    /// Key (`post-visit`); defining one with a used key replaces it.
    pub key: String,
    /// Display title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The questions, in order (1 to 50).
    pub questions: Vec<Question>,
}

/// Workspace-wide feedback settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedbackSettings {
    /// Send a CSAT survey when a complaint is resolved (on the complaint's
    /// channel, if the customer consents to feedback there).
    pub csat_on_resolve: bool,
    /// Days a survey accepts answers (an answer after that is recorded as
    /// late and not counted). 1 to 365; default 14.
    pub response_days: u32,
}

impl Default for FeedbackSettings {
    fn default() -> Self {
        Self {
            csat_on_resolve: false,
            response_days: 14,
        }
    }
}

/// What a survey is about (at most one link).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SurveyLink {
    /// A complaint (CSAT after resolution).
    Complaint {
        /// The complaint.
        id: ComplaintId,
    },
    /// An interaction (a call, a visit).
    Interaction {
        /// The interaction.
        id: InteractionId,
    },
    /// A purchase.
    Purchase {
        /// The purchase.
        id: PurchaseId,
    },
    /// A step of an after-sales playbook run.
    PlaybookStep {
        /// The run.
        run: PlaybookRunId,
        /// The step's index (0-based).
        step: u32,
    },
}

/// One answer to a custom question: in JSON a whole number (a scale), a
/// string (text or one choice) or a list of strings (several choices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum AnswerValue {
    /// A scale score.
    Score(i64),
    /// A text answer or one choice.
    Text(String),
    /// Several choices.
    Choices(Vec<String>),
}

impl std::fmt::Display for AnswerValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnswerValue::Score(x) => write!(f, "{x}"),
            AnswerValue::Text(t) => f.write_str(t),
            AnswerValue::Choices(c) => write!(f, "[{}]", c.join(", ")),
        }
    }
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = AnswerValue;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a whole number (a scale), a text (text or one choice) or a list of texts (choices)")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Score(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<AnswerValue, E> {
                i64::try_from(v)
                    .map(AnswerValue::Score)
                    .map_err(|_| E::custom("the score is too large"))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<AnswerValue, E> {
                Ok(AnswerValue::Text(v.to_owned()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<AnswerValue, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(AnswerValue::Choices(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// The payload of `survey_sent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveySent {
    /// The customer asked.
    pub customer: CustomerId,
    /// CSAT, NPS, CES or custom.
    pub kind: SurveyKind,
    /// The custom survey's questions as sent (custom only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<SurveyTemplate>,
    /// The channel it went out on.
    pub channel: Channel,
    /// What it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<SurveyLink>,
    /// The agent whose work it rates (from the complaint or interaction unless given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<AgentId>,
    /// Answers after this instant are late.
    pub expires_at: DateTime<Utc>,
}

/// The payload of `survey_answered`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyAnswered {
    /// The score (CSAT, NPS, CES; for custom: the first scale that `measures` the kind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    /// The answers by question key (custom).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, AnswerValue>,
    /// A free comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// When the customer answered.
    pub answered_at: DateTime<Utc>,
    /// Answered after `expires_at`: kept, but not counted in scores or response rate.
    #[serde(default)]
    pub late: bool,
}

str_enum! {
    /// Where a survey stands.
    SurveyStatus {
        /// Sent, not answered.
        Sent => "sent",
        /// Answered in time.
        Answered => "answered",
        /// Answered after it expired (not counted).
        AnsweredLate => "answered_late",
    }
}

/// A survey sent to a customer, as folded from its events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Survey {
    /// Its id.
    pub id: crate::id::SurveyId,
    /// The customer asked.
    pub customer: CustomerId,
    /// CSAT, NPS, CES or custom.
    pub kind: SurveyKind,
    /// The custom survey's questions (custom only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<SurveyTemplate>,
    /// The channel it went out on.
    pub channel: Channel,
    /// What it is about.
    pub link: Option<SurveyLink>,
    /// The agent whose work it rates.
    pub agent: Option<AgentId>,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// Answers after this instant are late.
    pub expires_at: DateTime<Utc>,
    /// Sent, answered or answered late.
    pub status: SurveyStatus,
    /// The score counted for CSAT, NPS or CES.
    pub score: Option<i64>,
    /// The answers by question key (custom).
    pub answers: BTreeMap<String, AnswerValue>,
    /// A free comment.
    pub comment: Option<String>,
    /// When it was answered.
    pub answered_at: Option<DateTime<Utc>>,
}

impl Survey {
    /// The standard measure its score counts in (for custom: the kind its
    /// first `measures` scale names).
    #[must_use]
    pub fn measure(&self) -> Option<SurveyKind> {
        match self.kind {
            SurveyKind::Custom => self
                .template
                .as_ref()
                .and_then(|t| t.questions.iter().find_map(|q| q.measures)),
            k => Some(k),
        }
    }

    /// Answered in time (counts in scores and the response rate).
    #[must_use]
    pub fn counted(&self) -> bool {
        self.status == SurveyStatus::Answered
    }
}
