//! Feedback: CSAT, NPS, CES and custom surveys; the feedback settings,
//! custom survey templates, sending a survey and recording its answer.

use crate::convert::{id_arg, list_to_py, survey_to_py, to_py, Fields};
use crate::errors::OrRaise;
use crate::workspace::PyWorkspace;
use clientcare::{Command, EntityRef, Error, SurveyFilter, SurveyId};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

#[pymethods]
impl PyWorkspace {
    /// Changes the feedback settings; an omitted one keeps its current value
    /// (initially: no CSAT on resolve, 14 response days).
    ///
    /// Args:
    ///     csat_on_resolve: send a CSAT survey when a complaint is resolved,
    ///         on the complaint's channel, if the customer consents to
    ///         feedback there.
    ///     response_days: days a survey accepts answers (1 to 365); a later
    ///         answer is kept as ``answered_late`` and not counted.
    ///
    /// Raises:
    ///     InvalidInputError: for ``response_days`` outside 1..365.
    ///
    /// Example:
    ///     >>> ws.configure_feedback(csat_on_resolve=True, response_days=7, at=at)
    ///     >>> ws.feedback_settings()
    ///     {'csat_on_resolve': True, 'response_days': 7}
    #[pyo3(signature = (*, csat_on_resolve=None, response_days=None, at=None, actor=None),
        text_signature = "($self, *, csat_on_resolve=None, response_days=None, at=None, actor=None)")]
    fn configure_feedback(
        &mut self,
        py: Python<'_>,
        csat_on_resolve: Option<Bound<'_, PyAny>>,
        response_days: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("csat_on_resolve", csat_on_resolve.as_ref())
            .put("response_days", response_days.as_ref())
            .parse()
            .map(Command::ConfigureFeedback);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// The feedback settings: ``{"csat_on_resolve": bool, "response_days": int}``.
    ///
    /// Example:
    ///     >>> ws.feedback_settings()
    ///     {'csat_on_resolve': False, 'response_days': 14}
    fn feedback_settings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.inner.feedback_settings())
    }

    /// Defines (or replaces, by ``key``) a custom survey. Surveys already
    /// sent keep the questions they were sent with.
    ///
    /// Args:
    ///     key: the survey's key (``"post-visit"``; not csat, nps, ces or custom).
    ///     questions: 1 to 50 questions, each ``{"key": str, "text": str,
    ///         "kind": "scale" | "choice" | "text", "required": bool}`` plus,
    ///         for a scale, ``"min"``, ``"max"`` and optionally ``"measures":
    ///         "csat" | "nps" | "ces"`` (its answers then count in that
    ///         measure; the range must be 1-5, 0-10 or 1-7), and for a
    ///         choice, ``"options": [str, ...]`` and ``"multiple": bool``.
    ///     title: a display title.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field (``questions[0].max``) for
    ///         duplicate keys, an empty text, a bad scale or a range that does
    ///         not match its measure, fewer than two or duplicate options,
    ///         or more than one scale feeding a measure.
    ///
    /// Example:
    ///     >>> ws.define_survey("visit", [
    ///     ...     {"key": "overall", "text": "Hài lòng không?", "kind": "scale", "min": 1, "max": 5,
    ///     ...      "measures": "csat", "required": True},
    ///     ...     {"key": "liked", "text": "Thích gì?", "kind": "choice",
    ///     ...      "options": ["staff", "price"], "multiple": True},
    ///     ...     {"key": "note", "text": "Góp ý?", "kind": "text"}], title="Sau chuyến thăm", at=at)
    ///     >>> t = ws.survey_templates()[0]
    ///     >>> t["key"], t["title"], [q["kind"] for q in t["questions"]]
    ///     ('visit', 'Sau chuyến thăm', ['scale', 'choice', 'text'])
    #[pyo3(signature = (key, questions, *, title=None, at=None, actor=None))]
    fn define_survey(
        &mut self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        questions: &Bound<'_, PyAny>,
        title: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("key", Some(key))
            .put("title", title.as_ref())
            .put("questions", Some(questions))
            .parse()
            .map(Command::DefineSurvey);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// Removes a custom survey; surveys already sent keep their questions.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown key.
    ///     ConflictError: while a playbook step sends it, or a running
    ///         playbook step still will (``details["holder"]``).
    ///
    /// Example:
    ///     >>> ws.define_survey("quick", [{"key": "note", "text": "Góp ý?", "kind": "text"}], at=at)
    ///     >>> ws.remove_survey("quick", at=at)
    ///     >>> ws.survey_templates()
    ///     []
    #[pyo3(signature = (key, *, at=None, actor=None))]
    fn remove_survey(
        &mut self,
        py: Python<'_>,
        key: &Bound<'_, PyAny>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("key", Some(key))
            .parse()
            .map(Command::RemoveSurvey);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// The custom surveys, by key (dicts in the form ``define_survey``
    /// takes, with ``key``; ``required`` is always present, ``multiple``
    /// only when true).
    fn survey_templates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for t in self.inner.survey_templates() {
            list.append(to_py(py, t)?)?;
        }
        Ok(list)
    }

    /// Sends a survey to a customer, who must have granted ``feedback``
    /// consent on ``channel``. It accepts answers for ``response_days``.
    ///
    /// Args:
    ///     customer: the (active) customer's id.
    ///     kind: ``"csat"`` (1-5), ``"nps"`` (0-10), ``"ces"`` (1-7) or
    ///         ``"custom"`` (with ``template``).
    ///     channel: the channel it goes out on.
    ///     template: the key of a custom survey (custom only).
    ///     link: what it is about, a record of the same customer:
    ///         ``{"kind": "complaint" | "interaction" | "purchase", "id": ...}``
    ///         or ``{"kind": "playbook_step", "run": ..., "step": int}``.
    ///     agent: the agent whose work it rates (default: the linked
    ///         complaint's assignee or interaction's agent).
    ///     response_days: days it accepts answers (default: the settings').
    ///     id: use this id instead of a new one (for sync); must be unused.
    ///
    /// Returns:
    ///     The new survey's id.
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for missing feedback consent
    ///         (``channel``), a template on a standard kind or none on
    ///         custom, a link to another customer's record, or
    ///         ``response_days`` outside 1..365.
    ///     NotFoundError: for an unknown customer, template, agent or linked record.
    ///     InvalidTransitionError: for an archived customer.
    ///     ConflictError: when ``id`` is already used.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Lan", emails=["lan@example.vn"], at=at)
    ///     >>> ws.record_consent(c, channel="email", purpose="feedback", granted=True, source="form", at=at)
    ///     >>> s = ws.send_survey(c, "nps", "email", response_days=7, at=at)
    ///     >>> sv = ws.survey(s)
    ///     >>> sv["kind"], sv["status"], sv["expires_at"] - sv["sent_at"]
    ///     ('nps', 'sent', datetime.timedelta(days=7))
    #[pyo3(signature = (
        customer, kind, channel, *, template=None, link=None, agent=None, response_days=None,
        id=None, at=None, actor=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn send_survey(
        &mut self,
        py: Python<'_>,
        customer: &Bound<'_, PyAny>,
        kind: &Bound<'_, PyAny>,
        channel: &Bound<'_, PyAny>,
        template: Option<Bound<'_, PyAny>>,
        link: Option<Bound<'_, PyAny>>,
        agent: Option<Bound<'_, PyAny>>,
        response_days: Option<Bound<'_, PyAny>>,
        id: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let command = Fields::new()
            .put("id", id.as_ref())
            .put("customer", Some(customer))
            .put("kind", Some(kind))
            .put("template", template.as_ref())
            .put("channel", Some(channel))
            .put("link", link.as_ref())
            .put("agent", agent.as_ref())
            .put("response_days", response_days.as_ref())
            .parse()
            .map(Command::SendSurvey);
        let outcome = self.run(py, command, at.as_ref(), actor.as_ref())?;
        match outcome.created {
            Some(EntityRef::Survey(id)) => Ok(id.to_string()),
            _ => Err(Error::invalid_input(
                "command",
                "send_survey",
                "internal: no survey was created",
            ))
            .or_raise(py),
        }
    }

    /// Records a customer's answer to a survey (one answer per survey). An
    /// answer after the survey expired is kept with status
    /// ``answered_late`` and does not count in scores.
    ///
    /// Args:
    ///     survey: the survey's id.
    ///     score: the score of a csat (1-5), nps (0-10) or ces (1-7) survey.
    ///     answers: the answers of a custom survey by question key: an int
    ///         for a scale, a str for a text or one choice, a list of str
    ///         for a multiple choice.
    ///     comment: a free comment.
    ///     answered_at: when the customer answered, an aware datetime
    ///         (default ``at``; not before the survey was sent).
    ///
    /// Raises:
    ///     InvalidInputError: naming the field for a score out of range
    ///         (``score``), a score on a custom survey or answers on a
    ///         standard one, an unknown question, a missing required answer
    ///         or one of the wrong type (``answers.<key>``).
    ///     InvalidTransitionError: when the survey was already answered.
    ///     NotFoundError: for an unknown survey.
    ///
    /// Example:
    ///     >>> from datetime import timedelta
    ///     >>> c = ws.register_customer("Lan", at=at)
    ///     >>> ws.record_consent(c, channel="sms", purpose="feedback", granted=True, source="form", at=at)
    ///     >>> s = ws.send_survey(c, "csat", "sms", at=at)
    ///     >>> ws.answer_survey(s, score=5, comment="Rất tốt", at=at + timedelta(hours=2))
    ///     >>> sv = ws.survey(s)
    ///     >>> sv["status"], sv["score"], sv["comment"], sv["answered_at"] - at
    ///     ('answered', 5, 'Rất tốt', datetime.timedelta(seconds=7200))
    #[pyo3(signature = (
        survey, *, score=None, answers=None, comment=None, answered_at=None, at=None, actor=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn answer_survey(
        &mut self,
        py: Python<'_>,
        survey: &Bound<'_, PyAny>,
        score: Option<Bound<'_, PyAny>>,
        answers: Option<Bound<'_, PyAny>>,
        comment: Option<Bound<'_, PyAny>>,
        answered_at: Option<Bound<'_, PyAny>>,
        at: Option<Bound<'_, PyAny>>,
        actor: Option<Bound<'_, PyAny>>,
    ) -> PyResult<()> {
        let command = Fields::new()
            .put("survey", Some(survey))
            .put("score", score.as_ref())
            .put("answers", answers.as_ref())
            .put("comment", comment.as_ref())
            .put("answered_at", answered_at.as_ref())
            .parse()
            .map(Command::AnswerSurvey);
        self.run(py, command, at.as_ref(), actor.as_ref())
            .map(|_| ())
    }

    /// A survey as a dict (``id``, ``customer``, ``kind``, ``channel``,
    /// ``link``, ``agent``, ``status``, ``score``, ``answers``, ``comment``,
    /// and ``template`` for a custom one): ``sent_at``, ``expires_at`` and
    /// ``answered_at`` as aware ``datetime``s in UTC.
    ///
    /// Raises:
    ///     NotFoundError: for an unknown id.
    ///     InvalidInputError: when ``id`` is not a UUID string.
    fn survey<'py>(&self, py: Python<'py>, id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyDict>> {
        let id: SurveyId = id_arg(id, "survey").or_raise(py)?;
        survey_to_py(py, self.inner.survey(id).or_raise(py)?)
    }

    /// Surveys matching all the given filters, in the order sent.
    ///
    /// Args:
    ///     customer: of this customer.
    ///     kinds: of these kinds (a single str counts as one).
    ///     statuses: in these states: ``"sent"``, ``"answered"``,
    ///         ``"answered_late"`` (a single str counts as one).
    ///     sent_from: sent at or after this aware datetime.
    ///     sent_to: sent before this aware datetime.
    ///     link: about this record, e.g. ``{"kind": "complaint", "id": c}``
    ///         (a complaint's CSAT).
    ///
    /// Raises:
    ///     NotFoundError: for an unknown customer.
    ///     InvalidInputError: for a bad filter value or a naive datetime.
    ///
    /// Example:
    ///     >>> c = ws.register_customer("Lan", at=at)
    ///     >>> ws.record_consent(c, channel="email", purpose="feedback", granted=True, source="form", at=at)
    ///     >>> a = ws.send_survey(c, "csat", "email", at=at)
    ///     >>> b = ws.send_survey(c, "nps", "email", at=at)
    ///     >>> ws.answer_survey(b, score=9, at=at)
    ///     >>> [s["kind"] for s in ws.surveys(customer=c, statuses="sent")]
    ///     ['csat']
    ///     >>> len(ws.surveys(kinds=["csat", "nps"], sent_from=at))
    ///     2
    #[pyo3(signature = (*, customer=None, kinds=None, statuses=None, sent_from=None, sent_to=None, link=None))]
    #[allow(clippy::too_many_arguments)]
    fn surveys<'py>(
        &self,
        py: Python<'py>,
        customer: Option<Bound<'py, PyAny>>,
        kinds: Option<Bound<'py, PyAny>>,
        statuses: Option<Bound<'py, PyAny>>,
        sent_from: Option<Bound<'py, PyAny>>,
        sent_to: Option<Bound<'py, PyAny>>,
        link: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyList>> {
        let filter: SurveyFilter = Fields::new()
            .put("customer", customer.as_ref())
            .put_strs("kinds", kinds.as_ref())
            .put_strs("statuses", statuses.as_ref())
            .put("sent_from", sent_from.as_ref())
            .put("sent_to", sent_to.as_ref())
            .put("link", link.as_ref())
            .parse()
            .or_raise(py)?;
        let items = self.inner.surveys(&filter).or_raise(py)?;
        list_to_py(py, items, survey_to_py)
    }
}
