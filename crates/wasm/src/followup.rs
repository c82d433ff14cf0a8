//! Follow-ups: tasks due at an instant, on a local date (whole-day) or at
//! each occurrence of an RFC 5545 recurrence; completing, cancelling
//! (or skipping one occurrence), snoozing and reassigning them; an agent's
//! and a team's agenda.

use crate::convert::{self, id, input, instant_or_now, options, string, to_js};
use crate::errors::{invalid, JsResult};
use crate::workspace::Workspace;
use chrono::{DateTime, TimeDelta, Utc};
use clientcare::{AgentId, Command, CustomerId, FollowUpId, ScheduleFollowUp};
use wasm_bindgen::prelude::*;

/// The agenda window when `withinSeconds` is absent: a week.
const DEFAULT_WITHIN: TimeDelta = TimeDelta::days(1);
/// How many follow-ups an agenda lists when `limit` is absent.
const DEFAULT_LIMIT: usize = 100;

/// The options of `agenda` and `teamAgenda`.
struct AgendaOptions {
    now: DateTime<Utc>,
    within: TimeDelta,
    limit: usize,
}

fn agenda_options(v: &JsValue) -> JsResult<AgendaOptions> {
    let o = options(v, "options", &["now", "withinSeconds", "limit"])?;
    let (now, within, limit) = (&o[0], &o[1], &o[2]);
    let now = instant_or_now(now, "now")?;
    let within = if within.is_undefined() {
        DEFAULT_WITHIN
    } else {
        let n = within.as_f64().ok_or_else(|| {
            invalid(
                "withinSeconds",
                convert::render_js(within),
                "expected a number of seconds",
            )
        })?;
        if !n.is_finite() || n < 0.0 {
            return Err(invalid(
                "withinSeconds",
                n.to_string(),
                "the window looks ahead: a finite number of seconds, 0 or more",
            ));
        }
        // Beyond TimeDelta's range (about 292 million years) is "everything".
        let ms = (n * 1000.0).round();
        if ms >= TimeDelta::MAX.num_milliseconds() as f64 {
            TimeDelta::MAX
        } else {
            TimeDelta::milliseconds(ms as i64)
        }
    };
    // The core checks the range (1 to `MAX_AGENDA`).
    let limit = convert::opt_count(limit, "limit")?
        .map_or(DEFAULT_LIMIT, |n| usize::try_from(n).unwrap_or(usize::MAX));
    Ok(AgendaOptions { now, within, limit })
}

#[wasm_bindgen]
impl Workspace {
    /// Schedules a follow-up and returns its id: due at an instant (`dueAt`),
    /// on a local date (`dueDate`, a whole-day task read in `timeZone` or the
    /// customer's zone), or at the first occurrence of a `recurrence` (the
    /// next one is scheduled when it is done or skipped).
    #[wasm_bindgen(js_name = scheduleFollowUp, unchecked_return_type = "string")]
    pub fn schedule_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ScheduleFollowUpInput")] follow_up: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<String> {
        let cmd: ScheduleFollowUp = input(&follow_up, "input")?;
        let meta = convert::meta(&opts)?;
        Ok(self.inner.schedule_follow_up(meta, cmd)?.to_string())
    }

    /// Completes an open follow-up (with an optional outcome); a recurring one
    /// schedules its next occurrence.
    #[wasm_bindgen(js_name = completeFollowUp)]
    pub fn complete_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CompleteFollowUpInput")] complete: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&complete, "input")?;
        self.run(&opts, Command::CompleteFollowUp(cmd)).map(|_| ())
    }

    /// Cancels an open follow-up (`reason` required). A recurring series ends,
    /// unless `skipOnly` skips just this occurrence (the next one is scheduled).
    #[wasm_bindgen(js_name = cancelFollowUp)]
    pub fn cancel_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CancelFollowUpInput")] cancel: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&cancel, "input")?;
        self.run(&opts, Command::CancelFollowUp(cmd)).map(|_| ())
    }

    /// Moves an open follow-up later (`until` after now and after its due
    /// time); the occurrence it stands for (`slot`) stays.
    #[wasm_bindgen(js_name = snoozeFollowUp)]
    pub fn snooze_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SnoozeFollowUpInput")] snooze: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&snooze, "input")?;
        self.run(&opts, Command::SnoozeFollowUp(cmd)).map(|_| ())
    }

    /// Reassigns an open follow-up to an agent and/or a team (absent:
    /// unchanged, `null`: unassigned).
    #[wasm_bindgen(js_name = reassignFollowUp)]
    pub fn reassign_follow_up(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "ReassignFollowUpInput")] reassign: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd = input(&reassign, "input")?;
        self.run(&opts, Command::ReassignFollowUp(cmd)).map(|_| ())
    }

    /// A follow-up by id.
    #[wasm_bindgen(js_name = followUp, unchecked_return_type = "FollowUp")]
    pub fn follow_up(
        &self,
        #[wasm_bindgen(js_name = id, unchecked_param_type = "string")] follow_up_id: JsValue,
    ) -> JsResult<JsValue> {
        let follow_up_id: FollowUpId = id(&follow_up_id, "id")?;
        to_js(self.inner.follow_up(follow_up_id)?)
    }

    /// A customer's follow-ups (all states), in the order scheduled.
    #[wasm_bindgen(js_name = followUpsOf, unchecked_return_type = "FollowUp[]")]
    pub fn follow_ups_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] customer: JsValue,
    ) -> JsResult<JsValue> {
        let customer: CustomerId = id(&customer, "customer")?;
        to_js(&self.inner.follow_ups_of(customer)?)
    }

    /// An agent's agenda at `now` (the current time by default): open
    /// follow-ups overdue (oldest first) and due within `withinSeconds` (a
    /// week by default; today's whole-day tasks included), at most `limit`
    /// (100 by default, up to 10 000) in all; `truncated` says the limit cut them.
    #[wasm_bindgen(unchecked_return_type = "Agenda")]
    pub fn agenda(
        &self,
        #[wasm_bindgen(js_name = agentId, unchecked_param_type = "string")] agent_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "AgendaOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let agent: AgentId = id(&agent_id, "agentId")?;
        let o = agenda_options(&options)?;
        to_js(&self.inner.agenda(agent, o.now, o.within, o.limit)?)
    }

    /// A team's agenda (follow-ups assigned to the team), like `agenda`.
    #[wasm_bindgen(js_name = teamAgenda, unchecked_return_type = "Agenda")]
    pub fn team_agenda(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] team: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "AgendaOptions")] options: JsValue,
    ) -> JsResult<JsValue> {
        let team = string(&team, "team")?;
        let o = agenda_options(&options)?;
        to_js(&self.inner.team_agenda(&team, o.now, o.within, o.limit)?)
    }
}

/// The occurrences of a recurrence as ISO instants (UTC), from `since` (the
/// first occurrence by default) until before `before`, at most `limit` (100
/// by default, 1 to 10 000) — to preview a rule before scheduling it.
#[wasm_bindgen(unchecked_return_type = "string[]")]
pub fn occurrences(
    #[wasm_bindgen(unchecked_param_type = "RecurrenceSpecInput")] recurrence: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "OccurrencesOptions")] options_: JsValue,
) -> JsResult<JsValue> {
    let spec: clientcare::RecurrenceSpec = input(&recurrence, "recurrence")?;
    let r = clientcare::Recurrence::new(spec)?;
    let o = options(&options_, "options", &["since", "before", "limit"])?;
    let since = if o[0].is_undefined() || o[0].is_null() {
        None
    } else {
        Some(convert::instant(&o[0], "since")?)
    };
    let before = if o[1].is_undefined() || o[1].is_null() {
        None
    } else {
        Some(convert::instant(&o[1], "before")?)
    };
    let limit = convert::opt_count(&o[2], "limit")?
        .map_or(DEFAULT_LIMIT, |n| usize::try_from(n).unwrap_or(usize::MAX));
    let list = r.occurrences(since, before, limit)?;
    to_js(&list)
}

/// Reads RFC 5545 `RRULE` text (`"FREQ=MONTHLY;BYDAY=-1FR;COUNT=6"`) into
/// the rule object a recurrence takes.
#[wasm_bindgen(js_name = parseRrule, unchecked_return_type = "RuleSpec")]
pub fn parse_rrule(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> JsResult<JsValue> {
    let text = string(&text, "rule")?;
    to_js(&clientcare::Recurrence::parse_rrule(&text)?)
}
