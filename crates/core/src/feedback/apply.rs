//! Checking and folding feedback events.

use super::model::{Survey, SurveyKind, SurveyLink, SurveyStatus};
use crate::event::{Event, EventPayload};
use crate::id::SurveyId;
use crate::workspace::State;

impl State {
    /// Checks a feedback event from an untrusted log.
    pub(crate) fn check_feedback(&self, ev: &Event) -> Result<(), String> {
        match (&ev.entity, &ev.payload) {
            (_, EventPayload::SurveyDefined { .. } | EventPayload::SurveyRemoved { .. }) => Ok(()),
            (_, EventPayload::FeedbackConfigured { settings }) => {
                if (1..=365).contains(&settings.response_days) {
                    Ok(())
                } else {
                    Err("response_days must be 1 to 365".into())
                }
            }
            (crate::event::EntityRef::Survey(id), EventPayload::SurveySent(s)) => {
                if self.survey_ix.contains_key(id) {
                    return Err(format!("survey {id} is sent twice"));
                }
                self.customer(s.customer).map_err(|e| e.to_string())?;
                if let Some(a) = s.agent {
                    self.agent(a).map_err(|e| e.to_string())?;
                }
                crate::model::check_time("expires_at", s.expires_at).map_err(|e| e.to_string())?;
                if (s.kind == SurveyKind::Custom) != s.template.is_some() {
                    return Err(
                        "a custom survey carries its template, and only a custom one".into(),
                    );
                }
                match s.link {
                    Some(SurveyLink::Complaint { id }) => self.complaint(id).map(|_| ()),
                    Some(SurveyLink::Interaction { id }) => self.interaction(id).map(|_| ()),
                    Some(SurveyLink::Purchase { id }) => self.purchase(id).map(|_| ()),
                    Some(SurveyLink::PlaybookStep { run, .. }) => {
                        self.playbook_run(run).map(|_| ())
                    }
                    None => Ok(()),
                }
                .map_err(|e| e.to_string())
            }
            (crate::event::EntityRef::Survey(id), EventPayload::SurveyAnswered(a)) => {
                let s = self.survey(*id).map_err(|e| e.to_string())?;
                if s.status != SurveyStatus::Sent {
                    return Err(format!("survey {id} is answered twice"));
                }
                crate::model::check_time("answered_at", a.answered_at)
                    .map_err(|e| e.to_string())?;
                if a.late != (a.answered_at > s.expires_at) {
                    return Err(format!("survey {id}: late does not match answered_at"));
                }
                let range = s
                    .kind
                    .score_range()
                    .or_else(|| s.measure().and_then(SurveyKind::score_range));
                match (a.score, range) {
                    (Some(x), Some((lo, hi))) if (lo..=hi).contains(&x) => Ok(()),
                    (None, _) => Ok(()),
                    (Some(x), _) => Err(format!("survey {id}: score {x} is out of range")),
                }
            }
            (entity, p) => Err(format!(
                "a {} event cannot concern {entity:?}",
                p.type_name()
            )),
        }
    }

    /// Folds a feedback event.
    pub(crate) fn apply_feedback(&mut self, ev: &Event, log_pos: u32) {
        match (&ev.entity, &ev.payload) {
            (_, EventPayload::SurveyDefined { template }) => {
                self.survey_templates
                    .insert(template.key.clone(), (**template).clone());
            }
            (_, EventPayload::SurveyRemoved { key }) => {
                self.survey_templates.remove(key);
            }
            (_, EventPayload::FeedbackConfigured { settings }) => {
                self.feedback = settings.clone();
            }
            (crate::event::EntityRef::Survey(id), EventPayload::SurveySent(s)) => {
                let pos = u32::try_from(self.surveys.len()).unwrap_or(u32::MAX);
                self.survey_ix.insert(*id, pos);
                self.surveys_by_customer
                    .entry(s.customer)
                    .or_default()
                    .push(pos);
                self.on_timeline(s.customer, log_pos);
                self.surveys.push(Survey {
                    id: *id,
                    customer: s.customer,
                    kind: s.kind,
                    template: s.template.clone(),
                    channel: s.channel,
                    link: s.link,
                    agent: s.agent,
                    sent_at: ev.at,
                    expires_at: s.expires_at,
                    status: SurveyStatus::Sent,
                    score: None,
                    answers: std::collections::BTreeMap::new(),
                    comment: None,
                    answered_at: None,
                });
            }
            (crate::event::EntityRef::Survey(id), EventPayload::SurveyAnswered(a)) => {
                if let Some(c) = self.survey(*id).ok().map(|s| s.customer) {
                    self.on_timeline(c, log_pos);
                }
                if let Some(s) = self.survey_mut(*id) {
                    s.status = if a.late {
                        SurveyStatus::AnsweredLate
                    } else {
                        SurveyStatus::Answered
                    };
                    s.score = a.score;
                    s.answers.clone_from(&a.answers);
                    s.comment.clone_from(&a.comment);
                    s.answered_at = Some(a.answered_at);
                }
            }
            _ => {}
        }
    }

    fn on_timeline(&mut self, customer: crate::id::CustomerId, log_pos: u32) {
        if let Some(&p) = self.customer_ix.get(&customer) {
            if let Some(t) = self.timeline.get_mut(p as usize) {
                t.push(log_pos);
            }
        }
    }

    fn survey_mut(&mut self, id: SurveyId) -> Option<&mut Survey> {
        let p = *self.survey_ix.get(&id)?;
        self.surveys.get_mut(p as usize)
    }

    pub(crate) fn survey(&self, id: SurveyId) -> crate::Result<&Survey> {
        self.survey_ix
            .get(&id)
            .map(|&p| &self.surveys[p as usize])
            .ok_or_else(|| crate::Error::not_found(SurveyId::ENTITY, id))
    }
}
