//! Survey queries.

use super::model::{
    FeedbackSettings, Survey, SurveyKind, SurveyLink, SurveyStatus, SurveyTemplate,
};
use crate::error::Result;
use crate::id::{CustomerId, SurveyId};
use crate::workspace::Workspace;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Which surveys to list. Empty or absent fields match everything.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SurveyFilter {
    /// Of this customer.
    pub customer: Option<CustomerId>,
    /// Of these kinds.
    pub kinds: Vec<SurveyKind>,
    /// In these states.
    pub statuses: Vec<SurveyStatus>,
    /// Sent at or after.
    pub sent_from: Option<DateTime<Utc>>,
    /// Sent before.
    pub sent_to: Option<DateTime<Utc>>,
    /// About this complaint, interaction, purchase or playbook step.
    pub link: Option<SurveyLink>,
}

impl SurveyFilter {
    fn matches(&self, s: &Survey) -> bool {
        (self.kinds.is_empty() || self.kinds.contains(&s.kind))
            && (self.statuses.is_empty() || self.statuses.contains(&s.status))
            && self.sent_from.is_none_or(|f| s.sent_at >= f)
            && self.sent_to.is_none_or(|t| s.sent_at < t)
            && self.link.is_none_or(|l| s.link == Some(l))
    }
}

impl Workspace {
    /// A survey by id.
    ///
    /// # Errors
    /// `not_found` for an unknown survey.
    pub fn survey(&self, id: SurveyId) -> Result<&Survey> {
        self.state.survey(id)
    }

    /// Surveys matching `filter`, in the order sent (a customer filter uses
    /// the per-customer index).
    ///
    /// # Errors
    /// `not_found` for an unknown customer in the filter.
    pub fn surveys(&self, filter: &SurveyFilter) -> Result<Vec<&Survey>> {
        let st = &self.state;
        Ok(match filter.customer.map(|c| st.resolve(c)) {
            Some(c) => {
                st.customer(c)?;
                st.surveys_by_customer
                    .get(&c)
                    .map(|v| {
                        v.iter()
                            .map(|&p| &st.surveys[p as usize])
                            .filter(|s| filter.matches(s))
                            .collect()
                    })
                    .unwrap_or_default()
            }
            None => st.surveys.iter().filter(|s| filter.matches(s)).collect(),
        })
    }

    /// How many surveys were sent.
    #[must_use]
    pub fn survey_count(&self) -> usize {
        self.state.surveys.len()
    }

    /// The custom survey templates, by key.
    pub fn survey_templates(&self) -> impl Iterator<Item = &SurveyTemplate> {
        self.state.survey_templates.values()
    }

    /// The feedback settings.
    #[must_use]
    pub fn feedback_settings(&self) -> &FeedbackSettings {
        &self.state.feedback
    }
}
