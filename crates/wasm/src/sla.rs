//! Service levels: business calendars, SLA policies, `tick`, and the SLA
//! status, explanations and alerts of complaints.

use crate::convert::{self, args, id, input, instant, instant_or_now, meta, string, to_js};
use crate::errors::{invalid, Failure, JsResult};
use crate::workspace::Workspace;
use chrono::{SecondsFormat, TimeDelta};
use clientcare::{
    Command, ComplaintId, DefineCalendar, Error, RemoveCalendar, RemoveSlaPolicy, SlaPolicy,
};
use wasm_bindgen::prelude::*;

/// Microseconds in a second: the core's business time is exact to the microsecond.
const MICROS: f64 = 1_000_000.0;

/// A duration as a JavaScript number of seconds (fractional below the second).
fn seconds(d: TimeDelta) -> f64 {
    d.num_seconds() as f64 + f64::from(d.subsec_nanos()) / 1e9
}

/// A JavaScript number of seconds (0 or more) as a duration, to the microsecond.
fn duration(v: &JsValue, field: &str) -> JsResult<TimeDelta> {
    let n = v
        .as_f64()
        .ok_or_else(|| invalid(field, convert::render_js(v), "expected a number of seconds"))?;
    if !n.is_finite() || n < 0.0 {
        return Err(invalid(
            field,
            n.to_string(),
            "a business duration is a finite number of seconds, 0 or more",
        ));
    }
    let micros = (n * MICROS).round();
    // i64::MAX µs is about 292 000 years: far beyond any calendar's range.
    if micros >= 9.2e18 {
        return Err(invalid(
            field,
            n.to_string(),
            "the result would be after 9999-12-31",
        ));
    }
    Ok(TimeDelta::microseconds(micros as i64))
}

#[wasm_bindgen]
impl Workspace {
    /// Defines (or replaces) the business calendar `key`: an IANA time zone,
    /// weekly working windows (`"HH:MM"` wall-clock times) and holidays.
    #[wasm_bindgen(js_name = defineCalendar)]
    pub fn define_calendar(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CalendarSpecInput")] calendar: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        // Errors name the field as the core does: `calendar.week[0].windows[1]`.
        let cmd: DefineCalendar = args(&[("key", &key), ("calendar", &calendar)])?;
        self.run(&opts, Command::DefineCalendar(cmd)).map(|_| ())
    }

    /// Removes a calendar that no policy uses (`conflict` naming a policy otherwise).
    #[wasm_bindgen(js_name = removeCalendar)]
    pub fn remove_calendar(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd: RemoveCalendar = args(&[("key", &key)])?;
        self.run(&opts, Command::RemoveCalendar(cmd)).map(|_| ())
    }

    /// A calendar by key, as defined (normalised).
    #[wasm_bindgen(unchecked_return_type = "CalendarSpec")]
    pub fn calendar(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
    ) -> JsResult<JsValue> {
        let key = string(&key, "key")?;
        to_js(self.inner.calendar(&key)?)
    }

    /// The calendar keys, sorted.
    #[wasm_bindgen(js_name = calendarKeys, unchecked_return_type = "string[]")]
    pub fn calendar_keys(&self) -> JsResult<JsValue> {
        to_js(&self.inner.calendar_keys().collect::<Vec<_>>())
    }

    /// Defines (or replaces, by `key`) an SLA policy.
    #[wasm_bindgen(js_name = defineSlaPolicy)]
    pub fn define_sla_policy(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SlaPolicyInput")] policy: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let policy: SlaPolicy = input(&policy, "input")?;
        self.run(&opts, Command::DefineSlaPolicy(policy))
            .map(|_| ())
    }

    /// Removes an SLA policy.
    #[wasm_bindgen(js_name = removeSlaPolicy)]
    pub fn remove_sla_policy(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] key: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<()> {
        let cmd: RemoveSlaPolicy = args(&[("key", &key)])?;
        self.run(&opts, Command::RemoveSlaPolicy(cmd)).map(|_| ())
    }

    /// The SLA policies in precedence order (the first that matches applies).
    #[wasm_bindgen(js_name = slaPolicies, unchecked_return_type = "SlaPolicy[]")]
    pub fn sla_policies(&self) -> JsResult<JsValue> {
        to_js(self.inner.sla_policies())
    }

    /// The policy that applies to a complaint now, or `null`.
    #[wasm_bindgen(js_name = slaPolicyFor, unchecked_return_type = "SlaPolicy | null")]
    pub fn sla_policy_for(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] complaint: JsValue,
    ) -> JsResult<JsValue> {
        let complaint: ComplaintId = id(&complaint, "complaint")?;
        to_js(&self.inner.sla_policy_for(complaint)?)
    }

    /// Runs the time-based rules at `opts.at` (now by default): SLA
    /// escalations (each fires once) and auto-close. Returns how many events
    /// it recorded; a second tick at the same instant records none.
    pub fn tick(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "CommandOptions")] opts: JsValue,
    ) -> JsResult<f64> {
        let meta = meta(&opts)?;
        Ok(self.inner.tick(meta)? as f64)
    }

    /// The SLA status of a complaint at `now` (the current time by default):
    /// per metric its target, deadline, business seconds elapsed and
    /// remaining, and state. No policy: no metrics.
    #[wasm_bindgen(js_name = slaStatus, unchecked_return_type = "SlaStatus")]
    pub fn sla_status(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] complaint: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] now: JsValue,
    ) -> JsResult<JsValue> {
        let complaint: ComplaintId = id(&complaint, "complaint")?;
        let now = instant_or_now(&now, "now")?;
        to_js(&self.inner.sla_status(complaint, now)?)
    }

    /// Like `slaStatus`, with each metric's `intervals`: the working time
    /// that counted and the time paused.
    #[wasm_bindgen(js_name = explainSla, unchecked_return_type = "SlaStatus")]
    pub fn explain_sla(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] complaint: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] now: JsValue,
    ) -> JsResult<JsValue> {
        let complaint: ComplaintId = id(&complaint, "complaint")?;
        let now = instant_or_now(&now, "now")?;
        to_js(&self.inner.explain_sla(complaint, now)?)
    }

    /// The SLA status of every working complaint with a policy, at `now`.
    #[wasm_bindgen(js_name = slaStatuses, unchecked_return_type = "SlaStatus[]")]
    pub fn sla_statuses(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] now: JsValue,
    ) -> JsResult<JsValue> {
        let now = instant_or_now(&now, "now")?;
        to_js(&self.inner.sla_statuses(now))
    }

    /// Working complaints with a metric in `warning` at `now`, soonest deadline first.
    #[wasm_bindgen(js_name = complaintsAtRisk, unchecked_return_type = "SlaAlert[]")]
    pub fn complaints_at_risk(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] now: JsValue,
    ) -> JsResult<JsValue> {
        let now = instant_or_now(&now, "now")?;
        to_js(&self.inner.complaints_at_risk(now))
    }

    /// Working complaints with a metric breached and still unfulfilled at
    /// `now`, earliest breach first.
    #[wasm_bindgen(js_name = complaintsBreached, unchecked_return_type = "SlaAlert[]")]
    pub fn complaints_breached(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "DateInput")] now: JsValue,
    ) -> JsResult<JsValue> {
        let now = instant_or_now(&now, "now")?;
        to_js(&self.inner.complaints_breached(now))
    }

    /// Business time between `start` and `end` on a calendar, in seconds
    /// (fractional: exact to the microsecond; 0 when `end` is not after `start`).
    #[wasm_bindgen(js_name = businessTimeBetween)]
    pub fn business_time_between(
        &self,
        #[wasm_bindgen(js_name = calendarKey, unchecked_param_type = "string")]
        calendar_key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] end: JsValue,
    ) -> JsResult<f64> {
        let key = string(&calendar_key, "calendarKey")?;
        let start = instant(&start, "start")?;
        let end = instant(&end, "end")?;
        Ok(seconds(self.inner.business_time_between(&key, start, end)?))
    }

    /// The instant `seconds` of business time after `start` on a calendar
    /// (`start` itself for 0), as an ISO 8601 string like every time this
    /// package returns.
    #[wasm_bindgen(js_name = addBusinessTime, unchecked_return_type = "string")]
    pub fn add_business_time(
        &self,
        #[wasm_bindgen(js_name = calendarKey, unchecked_param_type = "string")]
        calendar_key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DateInput")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] seconds: JsValue,
    ) -> JsResult<String> {
        let key = string(&calendar_key, "calendarKey")?;
        let start = instant(&start, "start")?;
        let business = duration(&seconds, "seconds")?;
        let due = self
            .inner
            .add_business_time(&key, start, business)
            .map_err(|e| match e {
                // The core names its duration argument `business`.
                Error::InvalidInput { reason, .. } => {
                    invalid("seconds", convert::render_js(&seconds), reason)
                }
                other => Failure::from(other),
            })?;
        Ok(due.to_rfc3339_opts(SecondsFormat::AutoSi, true))
    }
}
