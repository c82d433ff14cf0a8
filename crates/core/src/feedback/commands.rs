//! Survey commands: define and remove custom surveys, configure feedback,
//! send a survey, record its answer.

use super::model::{
    AnswerValue, FeedbackSettings, Question, QuestionKind, SurveyAnswered, SurveyKind, SurveyLink,
    SurveySent, SurveyStatus, SurveyTemplate,
};
use crate::customer::Purpose;
use crate::error::{Error, Result};
use crate::event::{EntityRef, EventPayload};
use crate::id::{AgentId, ComplaintId, CustomerId, IdSource, SurveyId};
use crate::model::{check_time, iso, Channel, Meta};
use crate::text::{normalize_label, normalize_text};
use crate::workspace::State;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

type Pending = Vec<(EntityRef, EventPayload)>;

/// Changes the feedback settings; absent fields keep their current value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigureFeedback {
    /// Send a CSAT survey when a complaint is resolved (default false).
    #[serde(default)]
    pub csat_on_resolve: Option<bool>,
    /// Days a survey accepts answers, 1 to 365 (default 14).
    #[serde(default)]
    pub response_days: Option<u32>,
}

/// Removes a custom survey (surveys already sent keep their questions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoveSurvey {
    /// Its key.
    pub key: String,
}

/// Sends a survey to a customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SendSurvey {
    /// Use this id instead of a new one (for sync); must be unused.
    #[serde(default)]
    pub id: Option<SurveyId>,
    /// The customer asked.
    pub customer: CustomerId,
    /// CSAT, NPS, CES or custom.
    pub kind: SurveyKind,
    /// The custom survey's key (custom only).
    #[serde(default)]
    pub template: Option<String>,
    /// The channel it goes out on (the customer must consent to feedback there).
    pub channel: Channel,
    /// What it is about (a complaint, interaction, purchase or playbook step
    /// of the same customer).
    #[serde(default)]
    pub link: Option<SurveyLink>,
    /// The agent whose work it rates (default: the complaint's assignee or
    /// the interaction's agent).
    #[serde(default)]
    pub agent: Option<AgentId>,
    /// Days it accepts answers (default: the feedback settings' `response_days`).
    #[serde(default)]
    pub response_days: Option<u32>,
}

/// Records a customer's answer to a survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerSurvey {
    /// The survey.
    pub survey: SurveyId,
    /// The score (CSAT 1-5, NPS 0-10, CES 1-7).
    #[serde(default)]
    pub score: Option<i64>,
    /// Answers by question key (custom surveys).
    #[serde(default)]
    pub answers: BTreeMap<String, AnswerValue>,
    /// A free comment.
    #[serde(default)]
    pub comment: Option<String>,
    /// When the customer answered (default: the command's time; not before it was sent).
    #[serde(default)]
    pub answered_at: Option<DateTime<Utc>>,
}

const MAX_QUESTIONS: usize = 50;

fn check_days(field: &str, days: u32) -> Result<u32> {
    if (1..=365).contains(&days) {
        Ok(days)
    } else {
        Err(Error::invalid_input(
            field,
            days.to_string(),
            "must be 1 to 365 days",
        ))
    }
}

pub(crate) fn decide_configure(state: &State, cmd: ConfigureFeedback) -> Result<Pending> {
    let cur = &state.feedback;
    let settings = FeedbackSettings {
        csat_on_resolve: cmd.csat_on_resolve.unwrap_or(cur.csat_on_resolve),
        response_days: check_days(
            "response_days",
            cmd.response_days.unwrap_or(cur.response_days),
        )?,
    };
    if settings == *cur {
        return Ok(Vec::new());
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::FeedbackConfigured { settings },
    )])
}

fn normalize_question(i: usize, q: Question, keys: &mut BTreeSet<String>) -> Result<Question> {
    let at = |f: &str| format!("questions[{i}].{f}");
    let key = normalize_label(&at("key"), &q.key, 64)?;
    if !keys.insert(key.clone()) {
        return Err(Error::invalid_input(
            at("key"),
            key,
            "question keys must be unique within a survey",
        ));
    }
    let text = normalize_text(&at("text"), q.text.trim(), 1000)?;
    if text.is_empty() {
        return Err(Error::invalid_input(
            at("text"),
            q.text,
            "must not be empty",
        ));
    }
    let misplaced = |f: &str, v: String, kinds: &str| {
        Error::invalid_input(at(f), v, format!("only {kinds} questions take {f}"))
    };
    if q.kind != QuestionKind::Scale {
        if let Some(m) = q.min {
            return Err(misplaced("min", m.to_string(), "scale"));
        }
        if let Some(m) = q.max {
            return Err(misplaced("max", m.to_string(), "scale"));
        }
        if let Some(m) = q.measures {
            return Err(misplaced("measures", m.to_string(), "scale"));
        }
    }
    if q.kind != QuestionKind::Choice {
        if !q.options.is_empty() {
            return Err(misplaced("options", q.options.join(", "), "choice"));
        }
        if q.multiple {
            return Err(misplaced("multiple", "true".into(), "choice"));
        }
    }
    let mut options = Vec::new();
    match q.kind {
        QuestionKind::Scale => {
            let (Some(min), Some(max)) = (q.min, q.max) else {
                return Err(Error::invalid_input(
                    at("max"),
                    "",
                    "a scale needs min and max (1 and 5, 0 and 10...)",
                ));
            };
            if min >= max || max - min > 100 {
                return Err(Error::invalid_input(
                    at("max"),
                    format!("{min}..{max}"),
                    "a scale needs min < max and at most 100 steps",
                ));
            }
            if let Some(m) = q.measures {
                if m.score_range() != Some((min, max)) {
                    return Err(Error::invalid_input(
                        at("measures"),
                        m.as_str(),
                        "a scale that feeds csat must run 1-5, nps 0-10, ces 1-7",
                    ));
                }
            }
        }
        QuestionKind::Choice => {
            if q.options.len() < 2 || q.options.len() > 50 {
                return Err(Error::invalid_input(
                    at("options"),
                    q.options.len().to_string(),
                    "a choice needs 2 to 50 options",
                ));
            }
            let mut seen = BTreeSet::new();
            for (j, o) in q.options.iter().enumerate() {
                let o = normalize_label(&format!("questions[{i}].options[{j}]"), o.trim(), 200)?;
                if !seen.insert(o.clone()) {
                    return Err(Error::invalid_input(
                        at("options"),
                        o,
                        "options must be distinct",
                    ));
                }
                options.push(o);
            }
        }
        QuestionKind::Text => {}
    }
    Ok(Question {
        key,
        text,
        options,
        ..q
    })
}

pub(crate) fn decide_define(cmd: SurveyTemplate) -> Result<Pending> {
    let key = normalize_label("key", cmd.key.trim(), 64)?;
    if SurveyKind::ALL.iter().any(|k| k.as_str() == key) {
        return Err(Error::invalid_input(
            "key",
            key,
            "csat, nps, ces and custom are the built-in kinds; choose another key",
        ));
    }
    if cmd.questions.is_empty() || cmd.questions.len() > MAX_QUESTIONS {
        return Err(Error::invalid_input(
            "questions",
            cmd.questions.len().to_string(),
            format!("a survey needs 1 to {MAX_QUESTIONS} questions"),
        ));
    }
    let title = cmd
        .title
        .as_deref()
        .map(|t| normalize_label("title", t.trim(), 200))
        .transpose()?;
    let mut keys = BTreeSet::new();
    let questions = cmd
        .questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| normalize_question(i, q, &mut keys))
        .collect::<Result<Vec<_>>>()?;
    let measured = questions.iter().filter(|q| q.measures.is_some()).count();
    if measured > 1 {
        return Err(Error::invalid_input(
            "questions",
            measured.to_string(),
            "at most one scale may feed a standard measure (csat, nps or ces)",
        ));
    }
    let template = SurveyTemplate {
        key,
        title,
        questions,
    };
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::SurveyDefined {
            template: Box::new(template),
        },
    )])
}

pub(crate) fn decide_remove(state: &State, cmd: RemoveSurvey) -> Result<Pending> {
    let key = cmd.key.trim();
    if !state.survey_templates.contains_key(key) {
        return Err(Error::not_found("survey template", key));
    }
    let used = |s: &Option<String>| s.as_deref() == Some(key);
    if let Some(p) = state
        .playbooks
        .iter()
        .find(|p| p.steps.iter().any(|s| used(&s.survey)))
    {
        return Err(Error::Conflict {
            field: "key".into(),
            value: key.to_owned(),
            holder_entity: "playbook",
            holder: p.key.clone(),
            remedy: "a step of this playbook sends the survey; change the playbook first".into(),
        });
    }
    let open = |f: Option<crate::id::FollowUpId>| {
        f.and_then(|f| state.follow_up(f).ok())
            .is_some_and(|f| f.status == crate::followup::FollowUpStatus::Open)
    };
    if let Some(r) = state
        .playbook_runs
        .iter()
        .find(|r| r.ended.is_none() && r.steps.iter().any(|s| used(&s.survey) && open(s.follow_up)))
    {
        return Err(Error::Conflict {
            field: "key".into(),
            value: key.to_owned(),
            holder_entity: "playbook_run",
            holder: r.id.to_string(),
            remedy: "an open step of this run still sends the survey; complete or cancel the step, or cancel the run".into(),
        });
    }
    Ok(vec![(
        EntityRef::Workspace,
        EventPayload::SurveyRemoved {
            key: key.to_owned(),
        },
    )])
}

/// The agent a link attributes a survey to, after checking that the linked
/// record exists and belongs to `customer`.
fn check_link(state: &State, customer: CustomerId, link: &SurveyLink) -> Result<Option<AgentId>> {
    let owner_mismatch = |what: &str, id: String, owner: CustomerId| {
        Error::invalid_input(
            "link",
            id,
            format!("the {what} belongs to customer {owner}, not to {customer}"),
        )
    };
    match *link {
        SurveyLink::Complaint { id } => {
            let c = state.complaint(id)?;
            if c.customer != customer {
                return Err(owner_mismatch("complaint", id.to_string(), c.customer));
            }
            Ok(c.assignee)
        }
        SurveyLink::Interaction { id } => {
            let i = state.interaction(id)?;
            if i.customer != customer {
                return Err(owner_mismatch("interaction", id.to_string(), i.customer));
            }
            Ok(i.agent)
        }
        SurveyLink::Purchase { id } => {
            let p = state.purchase(id)?;
            if p.customer != customer {
                return Err(owner_mismatch("purchase", id.to_string(), p.customer));
            }
            Ok(None)
        }
        SurveyLink::PlaybookStep { run, step } => {
            let r = state.playbook_run(run)?;
            if r.customer != customer {
                return Err(owner_mismatch("playbook run", run.to_string(), r.customer));
            }
            if !r.steps.iter().any(|s| s.index == step) {
                return Err(Error::invalid_input(
                    "link.step",
                    step.to_string(),
                    format!("playbook run {run} has {} steps (0-based)", r.steps.len()),
                ));
            }
            Ok(None)
        }
    }
}

/// Validates a send and returns its id and payload.
pub(crate) fn decide_send(
    state: &State,
    meta: &Meta,
    cmd: SendSurvey,
    ids: &mut dyn IdSource,
) -> Result<(SurveyId, Pending)> {
    let customer = state.active_customer(cmd.customer, "send a survey to")?;
    let template = match (cmd.kind, cmd.template.as_deref()) {
        (SurveyKind::Custom, Some(key)) => Some(
            state
                .survey_templates
                .get(key.trim())
                .cloned()
                .ok_or_else(|| Error::not_found("survey template", key))?,
        ),
        (SurveyKind::Custom, None) => {
            return Err(Error::invalid_input(
                "template",
                "",
                "a custom survey needs the key of a survey defined with define_survey",
            ))
        }
        (k, Some(key)) => {
            return Err(Error::invalid_input(
                "template",
                key,
                format!("a {k} survey has its built-in question; templates are for custom surveys"),
            ))
        }
        (_, None) => None,
    };
    let may =
        crate::identity::consent::decide_now(customer, cmd.channel, Purpose::Feedback, meta.at);
    if !may.allowed {
        return Err(Error::invalid_input(
            "channel",
            cmd.channel.as_str(),
            format!(
                "customer {} may not be asked for feedback on {} ({}); record consent first or choose another channel",
                cmd.customer,
                cmd.channel.as_str(),
                may.reason.as_str()
            ),
        ));
    }
    let linked_agent = cmd
        .link
        .as_ref()
        .map(|l| check_link(state, cmd.customer, l))
        .transpose()?
        .flatten();
    if let Some(a) = cmd.agent {
        state.agent(a)?;
    }
    let days = check_days(
        "response_days",
        cmd.response_days.unwrap_or(state.feedback.response_days),
    )?;
    let id = match cmd.id {
        Some(id) if state.survey_ix.contains_key(&id) => {
            return Err(Error::id_in_use("survey", id))
        }
        Some(id) => id,
        None => SurveyId::generate_unused(ids, meta.at, |id| state.survey_ix.contains_key(id))?,
    };
    let sent = SurveySent {
        customer: cmd.customer,
        kind: cmd.kind,
        template,
        channel: cmd.channel,
        link: cmd.link,
        agent: cmd.agent.or(linked_agent),
        // Capped at the last instant the log accepts (9999-12-31T23:59:59Z).
        expires_at: (meta.at + Duration::days(i64::from(days)))
            .min(DateTime::from_timestamp(crate::model::LATEST_TIMESTAMP, 0).unwrap_or(meta.at)),
    };
    Ok((
        id,
        vec![(
            EntityRef::Survey(id),
            EventPayload::SurveySent(Box::new(sent)),
        )],
    ))
}

/// The CSAT request a resolution sends when the settings ask for it, the
/// customer consents to feedback on the complaint's channel and no CSAT
/// survey was sent for this complaint before (none otherwise).
pub(crate) fn csat_on_resolve(
    state: &State,
    meta: &Meta,
    complaint: ComplaintId,
    ids: &mut dyn IdSource,
) -> Result<Pending> {
    if !state.feedback.csat_on_resolve {
        return Ok(Vec::new());
    }
    let c = state.complaint(complaint)?;
    let consents = state.customer(c.customer).is_ok_and(|cu| {
        crate::identity::consent::decide_now(cu, c.channel, Purpose::Feedback, meta.at).allowed
    });
    // One CSAT request per complaint: a complaint resolved again after a
    // reopen does not ask twice.
    let asked = state.surveys_by_customer.get(&c.customer).is_some_and(|v| {
        v.iter().any(|&p| {
            let s = &state.surveys[p as usize];
            s.kind == SurveyKind::Csat && s.link == Some(SurveyLink::Complaint { id: complaint })
        })
    });
    if !consents || asked {
        return Ok(Vec::new());
    }
    let cmd = SendSurvey {
        id: None,
        customer: c.customer,
        kind: SurveyKind::Csat,
        template: None,
        channel: c.channel,
        link: Some(SurveyLink::Complaint { id: complaint }),
        agent: None,
        response_days: None,
    };
    decide_send(state, meta, cmd, ids).map(|(_, p)| p)
}

fn score_in(field: &str, score: i64, (min, max): (i64, i64)) -> Result<i64> {
    if (min..=max).contains(&score) {
        Ok(score)
    } else {
        Err(Error::invalid_input(
            field,
            score.to_string(),
            format!("the score must be a whole number from {min} to {max}"),
        ))
    }
}

fn check_answer(q: &Question, v: AnswerValue) -> Result<AnswerValue> {
    let field = format!("answers.{}", q.key);
    let bad = |v: &AnswerValue, what: &str| {
        Error::invalid_input(field.clone(), v.to_string(), what.to_owned())
    };
    let options = &q.options;
    match (q.kind, v) {
        (QuestionKind::Scale, AnswerValue::Score(s)) => {
            let range = (q.min.unwrap_or(i64::MIN), q.max.unwrap_or(i64::MAX));
            score_in(&field, s, range).map(AnswerValue::Score)
        }
        (QuestionKind::Choice, AnswerValue::Text(t)) => {
            let t = crate::text::nfc(t.trim());
            if options.contains(&t) {
                Ok(if q.multiple {
                    AnswerValue::Choices(vec![t])
                } else {
                    AnswerValue::Text(t)
                })
            } else {
                Err(bad(
                    &AnswerValue::Text(t),
                    &format!("expected one of: {}", options.join(", ")),
                ))
            }
        }
        (QuestionKind::Choice, AnswerValue::Choices(cs)) if q.multiple => {
            let mut picked = BTreeSet::new();
            for c in &cs {
                let c = crate::text::nfc(c.trim());
                if !options.contains(&c) {
                    return Err(bad(
                        &AnswerValue::Text(c),
                        &format!("expected options from: {}", options.join(", ")),
                    ));
                }
                picked.insert(c);
            }
            if picked.is_empty() {
                return Err(bad(&AnswerValue::Choices(cs), "pick at least one option"));
            }
            // Keep the template's order.
            Ok(AnswerValue::Choices(
                options
                    .iter()
                    .filter(|o| picked.contains(*o))
                    .cloned()
                    .collect(),
            ))
        }
        (QuestionKind::Text, AnswerValue::Text(t)) => {
            normalize_text(&field, t.trim(), 5000).map(AnswerValue::Text)
        }
        (kind, v) => {
            let want = match kind {
                QuestionKind::Scale => "a whole-number score",
                QuestionKind::Choice if q.multiple => "an option or a list of options",
                QuestionKind::Choice => "one option",
                QuestionKind::Text => "text",
            };
            Err(bad(&v, &format!("expected {want}")))
        }
    }
}

/// Validates an answer. A survey takes one answer: a second one is refused
/// (`invalid_transition`); an answer after the survey expired is recorded as
/// late and does not count.
pub(crate) fn decide_answer(state: &State, meta: &Meta, cmd: AnswerSurvey) -> Result<Pending> {
    let s = state.survey(cmd.survey)?;
    if s.status != SurveyStatus::Sent {
        return Err(Error::InvalidTransition {
            entity: "survey",
            id: cmd.survey.to_string(),
            action: "answer".into(),
            current: s.status.as_str().into(),
            allowed: Vec::new(),
        });
    }
    let answered_at = check_time("answered_at", cmd.answered_at.unwrap_or(meta.at))?;
    if answered_at < s.sent_at {
        return Err(Error::invalid_input(
            "answered_at",
            iso(answered_at),
            format!(
                "a survey cannot be answered before it was sent ({})",
                iso(s.sent_at)
            ),
        ));
    }
    let comment = cmd
        .comment
        .as_deref()
        .map(|c| normalize_text("comment", c.trim(), 5000))
        .transpose()?
        .filter(|c| !c.is_empty());
    let (score, answers) = match (&s.template, s.kind.score_range()) {
        (None, Some(range)) => {
            if !cmd.answers.is_empty() {
                return Err(Error::invalid_input(
                    "answers",
                    format!("{} answers", cmd.answers.len()),
                    format!("a {} survey takes a score, not answers", s.kind),
                ));
            }
            let Some(score) = cmd.score else {
                return Err(Error::invalid_input(
                    "score",
                    "",
                    format!(
                        "a {} survey needs a score from {} to {}",
                        s.kind, range.0, range.1
                    ),
                ));
            };
            (Some(score_in("score", score, range)?), BTreeMap::new())
        }
        (Some(t), _) => {
            if cmd.score.is_some() {
                return Err(Error::invalid_input(
                    "score",
                    cmd.score.map(|x| x.to_string()).unwrap_or_default(),
                    "a custom survey takes answers by question key, not a score",
                ));
            }
            let mut given = cmd.answers;
            if let Some(k) = given
                .keys()
                .find(|k| !t.questions.iter().any(|q| &q.key == *k))
            {
                return Err(Error::invalid_input(
                    "answers",
                    k.clone(),
                    format!(
                        "not a question of survey {}; its keys: {}",
                        t.key,
                        t.questions
                            .iter()
                            .map(|q| q.key.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            }
            let mut answers = BTreeMap::new();
            let mut score = None;
            for q in &t.questions {
                match given.remove(&q.key) {
                    Some(v) => {
                        let v = check_answer(q, v)?;
                        if let (Some(_), AnswerValue::Score(x)) = (q.measures, &v) {
                            score = Some(*x);
                        }
                        answers.insert(q.key.clone(), v);
                    }
                    None if q.required => {
                        return Err(Error::invalid_input(
                            format!("answers.{}", q.key),
                            "",
                            "this question is required",
                        ))
                    }
                    None => {}
                }
            }
            if answers.is_empty() && comment.is_none() {
                return Err(Error::invalid_input(
                    "answers",
                    "",
                    "an answer needs at least one question answered or a comment",
                ));
            }
            (score, answers)
        }
        (None, None) => (None, BTreeMap::new()),
    };
    let answered = SurveyAnswered {
        score,
        answers,
        comment,
        answered_at,
        late: answered_at > s.expires_at,
    };
    Ok(vec![(
        EntityRef::Survey(cmd.survey),
        EventPayload::SurveyAnswered(Box::new(answered)),
    )])
}

/// Checks the survey of playbook step `i`: only survey steps send one, and it
/// names a standard kind or a defined custom survey.
pub(crate) fn check_step_survey(
    state: &State,
    i: usize,
    kind: crate::journey::StepKind,
    key: &str,
) -> Result<String> {
    let field = format!("steps[{i}].survey");
    if kind != crate::journey::StepKind::Survey {
        return Err(Error::invalid_input(
            field,
            key,
            "only a survey step sends a survey",
        ));
    }
    let key = key.trim();
    let standard = SurveyKind::ALL
        .iter()
        .any(|k| *k != SurveyKind::Custom && k.as_str() == key);
    if standard || state.survey_templates.contains_key(key) {
        Ok(key.to_owned())
    } else {
        Err(Error::invalid_input(
            field,
            key,
            "expected csat, nps, ces or the key of a survey defined with define_survey",
        ))
    }
}

/// The survey that completing follow-up `fu` sends: the one of its playbook
/// step, if any, when the customer consents to feedback on the step's channel.
pub(crate) fn survey_for_step(
    state: &State,
    meta: &Meta,
    fu: crate::id::FollowUpId,
    ids: &mut dyn IdSource,
) -> Result<Pending> {
    let f = state.follow_up(fu)?;
    let (Some(run), Some(step)) = (f.links.playbook_run, f.links.playbook_step) else {
        return Ok(Vec::new());
    };
    let r = state.playbook_run(run)?;
    let Some(planned) = r.steps.iter().find(|s| s.index == step) else {
        return Ok(Vec::new());
    };
    let (Some(key), Some(channel)) = (planned.survey.as_deref(), planned.channel) else {
        return Ok(Vec::new());
    };
    let consents = state.customer(r.customer).is_ok_and(|c| {
        crate::identity::consent::decide_now(c, channel, Purpose::Feedback, meta.at).allowed
    });
    if !consents {
        return Ok(Vec::new());
    }
    let kind = SurveyKind::ALL
        .iter()
        .copied()
        .find(|k| *k != SurveyKind::Custom && k.as_str() == key);
    let cmd = SendSurvey {
        id: None,
        customer: r.customer,
        kind: kind.unwrap_or(SurveyKind::Custom),
        template: kind.is_none().then(|| key.to_owned()),
        channel,
        link: Some(SurveyLink::PlaybookStep { run, step }),
        agent: f.assignee,
        response_days: None,
    };
    decide_send(state, meta, cmd, ids).map(|(_, p)| p)
}
