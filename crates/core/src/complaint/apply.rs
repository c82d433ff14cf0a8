//! Folding complaint, calendar and policy events into the state; checking
//! such events from an untrusted log before they are applied.

use super::model::{Author, Cancellation, Complaint, ComplaintState, Mark, Message, Resolution};
use crate::event::{ComplaintOpened, Event, EventPayload};
use crate::id::ComplaintId;
use crate::sla::{policy::precedence_key, Calendar};
use crate::workspace::State;

impl State {
    /// Checks a workspace-level complaint, calendar or policy event.
    pub(crate) fn check_sla_config(&self, payload: &EventPayload) -> Result<(), String> {
        match payload {
            EventPayload::ComplaintSettingsChanged { .. } => Ok(()),
            EventPayload::CalendarDefined { calendar, .. } => Calendar::new(calendar.clone())
                .map(|_| ())
                .map_err(|e| e.to_string()),
            EventPayload::CalendarRemoved { key } => {
                if !self.calendars.contains_key(key) {
                    return Err(format!("calendar {key:?} is not defined"));
                }
                if self.policies.iter().any(|p| &p.calendar == key) {
                    return Err(format!("calendar {key:?} is still used by a policy"));
                }
                Ok(())
            }
            EventPayload::SlaPolicyDefined { policy } => {
                if self.calendars.contains_key(&policy.calendar) {
                    Ok(())
                } else {
                    Err(format!(
                        "policy {:?} uses undefined calendar {:?}",
                        policy.key, policy.calendar
                    ))
                }
            }
            EventPayload::SlaPolicyRemoved { key } => {
                if self.policies.iter().any(|p| &p.key == key) {
                    Ok(())
                } else {
                    Err(format!("SLA policy {key:?} is not defined"))
                }
            }
            other => Err(format!(
                "a {} event cannot concern the workspace",
                other.type_name()
            )),
        }
    }

    pub(crate) fn apply_sla_config(&mut self, payload: &EventPayload) {
        match payload {
            EventPayload::ComplaintSettingsChanged { settings } => {
                self.complaint_settings = *settings;
            }
            EventPayload::CalendarDefined { key, calendar } => {
                if let Ok(c) = Calendar::new(calendar.clone()) {
                    self.calendars.insert(key.clone(), c);
                }
            }
            EventPayload::CalendarRemoved { key } => {
                self.calendars.remove(key);
            }
            EventPayload::SlaPolicyDefined { policy } => {
                self.policies.retain(|p| p.key != policy.key);
                let k = precedence_key(policy);
                let i = self.policies.partition_point(|p| precedence_key(p) < k);
                self.policies.insert(i, (**policy).clone());
                self.refresh_policy_tiers();
            }
            EventPayload::SlaPolicyRemoved { key } => {
                self.policies.retain(|p| &p.key != key);
                self.refresh_policy_tiers();
            }
            _ => {}
        }
        // Settled SLA outcomes depend on calendars and policies.
        self.care_memo.forget_all();
    }

    /// Checks an event about complaint `id` against the state before it.
    pub(crate) fn check_complaint(&self, id: ComplaintId, ev: &Event) -> Result<(), String> {
        let known_agent = |a: &crate::id::AgentId| {
            if self.agents.contains_key(a) {
                Ok(())
            } else {
                Err(format!("agent {a} is not registered"))
            }
        };
        if let EventPayload::ComplaintOpened(o) = &ev.payload {
            crate::model::check_time("received_at", o.received_at).map_err(|e| e.to_string())?;
            if self.complaint_ix.contains_key(&id) {
                return Err(format!("complaint {id} is opened twice"));
            }
            if !self.customer_ix.contains_key(&o.customer) {
                return Err(format!("customer {} is not registered", o.customer));
            }
            if let Some(a) = &o.assignee {
                known_agent(a)?;
            }
            if let Some(f) = o.follows {
                if !self.complaint_ix.contains_key(&f) {
                    return Err(format!("complaint {f} (followed) is not recorded"));
                }
            }
            for i in &o.interactions {
                if !self.interaction_ix.contains_key(i) {
                    return Err(format!("interaction {i} is not logged"));
                }
            }
            if o.subject.trim().is_empty() {
                return Err("complaint subject is empty".into());
            }
            return Ok(());
        }
        let c = self
            .complaint(id)
            .map_err(|_| format!("complaint {id} is not recorded"))?;
        let s = c.state;
        let need = |ok: bool, what: &str| {
            if ok {
                Ok(())
            } else {
                Err(format!("cannot {what} complaint {id} in state {s}"))
            }
        };
        match &ev.payload {
            EventPayload::ComplaintUpdated { .. } => need(!s.is_final(), "update"),
            EventPayload::ComplaintAssigned { assignee, .. } => {
                if let Some(a) = assignee {
                    known_agent(a)?;
                }
                need(s.is_active(), "assign")
            }
            EventPayload::ComplaintStateChanged { from, to, .. } => {
                need(*from == s, "change the state (from mismatch) of")?;
                need(s.is_active() && to.is_active() && *to != s, "move")
            }
            EventPayload::ComplaintMessageAdded(m) => {
                crate::model::check_time("occurred_at", m.occurred_at)
                    .map_err(|e| e.to_string())?;
                if let Some(a) = &m.agent {
                    known_agent(a)?;
                }
                if let Some(i) = &m.interaction {
                    if !self.interaction_ix.contains_key(i) {
                        return Err(format!("interaction {i} is not logged"));
                    }
                }
                need(!s.is_final(), "add a message to")
            }
            EventPayload::ComplaintInteractionLinked { interaction } => {
                if !self.interaction_ix.contains_key(interaction) {
                    return Err(format!("interaction {interaction} is not logged"));
                }
                need(!s.is_final(), "link an interaction to")
            }
            EventPayload::ComplaintResolved { from, .. }
            | EventPayload::ComplaintCancelled { from, .. } => {
                need(*from == s && s.is_active(), "resolve or cancel")
            }
            EventPayload::ComplaintMerged { from, into } => {
                let target = self
                    .complaint(*into)
                    .map_err(|_| format!("complaint {into} (merge target) is not recorded"))?;
                need(
                    *from == s && s.is_active() && target.state.is_active() && *into != id,
                    "merge",
                )
            }
            EventPayload::ComplaintReopened { .. } | EventPayload::ComplaintClosed { .. } => {
                need(s == ComplaintState::Resolved, "reopen or close")
            }
            EventPayload::ComplaintEscalated {
                assignee, to_level, ..
            } => {
                if let Some(a) = assignee {
                    known_agent(a)?;
                }
                need(s.is_active() && *to_level <= 9, "escalate")
            }
            other => Err(format!(
                "a {} event cannot concern a complaint",
                other.type_name()
            )),
        }
    }

    /// Applies an event about complaint `id` (already checked).
    pub(crate) fn apply_complaint(&mut self, id: ComplaintId, ev: &Event, log_pos: u32) {
        if let EventPayload::ComplaintOpened(o) = &ev.payload {
            self.open_complaint(id, o, ev, log_pos);
            return;
        }
        let Some(&pos) = self.complaint_ix.get(&id) else {
            return;
        };
        let p = pos as usize;
        let old_assignee = self.complaints[p].assignee;
        let was_active = self.complaints[p].state.is_active();
        let was_resolved = self.complaints[p].state == ComplaintState::Resolved;
        let at = ev.at;
        let c = &mut self.complaints[p];
        match &ev.payload {
            EventPayload::ComplaintUpdated { changes } => {
                if let Some(v) = &changes.subject {
                    c.subject.clone_from(v);
                }
                if let Some(v) = &changes.description {
                    c.description.clone_from(v);
                }
                if let Some(v) = &changes.category {
                    c.category.clone_from(v);
                }
                if let Some(v) = changes.priority {
                    c.priority = v;
                }
                if let Some(v) = &changes.tags {
                    c.tags.clone_from(v);
                }
            }
            EventPayload::ComplaintAssigned { assignee, team } => {
                c.assignee = *assignee;
                c.team.clone_from(team);
            }
            EventPayload::ComplaintStateChanged { to, .. } => {
                if *to == ComplaintState::WaitingOnCustomer {
                    // A complaint put on hold straight from `new` has been
                    // looked at: the customer's reply brings it to `open`.
                    c.resume_state = match c.state {
                        ComplaintState::New => ComplaintState::Open,
                        s => s,
                    };
                }
                enter(c, *to, at);
            }
            EventPayload::ComplaintMessageAdded(m) => {
                let msg = Message {
                    seq: ev.seq,
                    author: m.author,
                    agent: m.agent,
                    channel: m.channel,
                    public: m.public,
                    automated: m.automated,
                    body: m.body.clone(),
                    occurred_at: m.occurred_at,
                };
                if msg.counts_as_response() {
                    if c.first_response_at.is_none_or(|f| m.occurred_at < f) {
                        c.first_response_at = Some(m.occurred_at);
                    }
                    c.push_mark(Mark::Response { at: m.occurred_at });
                } else if m.author == Author::Customer {
                    c.push_mark(Mark::CustomerMessage { at: m.occurred_at });
                }
                if let Some(i) = m.interaction {
                    if !c.interactions.contains(&i) {
                        c.interactions.push(i);
                    }
                }
                c.messages.push(msg);
            }
            EventPayload::ComplaintInteractionLinked { interaction } => {
                c.interactions.push(*interaction);
            }
            EventPayload::ComplaintResolved {
                category,
                note,
                compensation,
                ..
            } => {
                c.resolutions.push(Resolution {
                    category: category.clone(),
                    note: note.clone(),
                    compensation: compensation.clone(),
                    at,
                    by: ev.actor,
                });
                enter(c, ComplaintState::Resolved, at);
            }
            EventPayload::ComplaintReopened { .. } => {
                c.reopen_count += 1;
                enter(c, ComplaintState::Open, at);
            }
            EventPayload::ComplaintClosed { .. } => {
                c.closed_at = Some(at);
                enter(c, ComplaintState::Closed, at);
            }
            EventPayload::ComplaintCancelled { reason, note, .. } => {
                c.cancelled = Some(Cancellation {
                    reason: *reason,
                    note: note.clone(),
                });
                enter(c, ComplaintState::Cancelled, at);
            }
            EventPayload::ComplaintMerged { into, .. } => {
                c.merged_into = Some(*into);
                enter(c, ComplaintState::Merged, at);
                let into = *into;
                if let Some(&t) = self.complaint_ix.get(&into) {
                    self.complaints[t as usize].merged_from.push(id);
                    self.complaint_history[t as usize].push(log_pos);
                }
            }
            EventPayload::ComplaintEscalated {
                to_level,
                assignee,
                team,
                trigger,
                ..
            } => {
                c.escalation_level = c.escalation_level.max(*to_level);
                if let Some(a) = assignee {
                    c.assignee = Some(*a);
                }
                if let Some(t) = team {
                    c.team = Some(t.clone());
                }
                if let Some(t) = trigger {
                    if let Err(i) = c.fired.binary_search(t) {
                        c.fired.insert(i, *t);
                    }
                }
            }
            _ => {}
        }
        let c = &mut self.complaints[p];
        c.updated_at = at;
        let (new_assignee, now_active, customer) = (c.assignee, c.state.is_active(), c.customer);
        if old_assignee != new_assignee {
            if let Some(a) = old_assignee {
                if let Some(set) = self.complaints_by_assignee.get_mut(&a) {
                    set.remove(&pos);
                }
            }
            if let Some(a) = new_assignee {
                self.complaints_by_assignee
                    .entry(a)
                    .or_default()
                    .insert(pos);
            }
        }
        let now_resolved = self.complaints[p].state == ComplaintState::Resolved;
        if was_resolved != now_resolved {
            if now_resolved {
                self.resolved_complaints.insert(pos);
            } else {
                self.resolved_complaints.remove(&pos);
            }
        }
        if was_active != now_active {
            if now_active {
                self.active_complaints.insert(pos);
            } else {
                self.active_complaints.remove(&pos);
            }
        }
        self.complaint_history[p].push(log_pos);
        self.on_customer_timeline(customer, log_pos);
        let escalated = matches!(ev.payload, EventPayload::ComplaintEscalated { .. }).then_some(at);
        self.refresh_care_facts(p, escalated);
        if let EventPayload::ComplaintMerged { into, .. } = &ev.payload {
            if let Some(&t) = self.complaint_ix.get(into) {
                self.care_memo.forget(t as usize);
            }
        }
    }

    fn open_complaint(&mut self, id: ComplaintId, o: &ComplaintOpened, ev: &Event, log_pos: u32) {
        let pos = u32::try_from(self.complaints.len()).unwrap_or(u32::MAX);
        let customer_pos = self
            .customer_ix
            .get(&o.customer)
            .copied()
            .unwrap_or(u32::MAX);
        let mut c = Complaint {
            id,
            customer: o.customer,
            channel: o.channel,
            subject: o.subject.clone(),
            description: o.description.clone(),
            category: o.category.clone(),
            priority: o.priority,
            assignee: o.assignee,
            team: o.team.clone(),
            tags: o.tags.clone(),
            interactions: o.interactions.clone(),
            follows: o.follows,
            state: ComplaintState::New,
            resume_state: ComplaintState::Open,
            escalation_level: 0,
            received_at: o.received_at,
            created_at: ev.at,
            updated_at: ev.at,
            first_response_at: None,
            resolutions: Vec::new(),
            reopen_count: 0,
            cancelled: None,
            merged_into: None,
            merged_from: Vec::new(),
            closed_at: None,
            messages: Vec::new(),
            marks: Vec::new(),
            fired: Vec::new(),
            customer_pos,
        };
        c.marks.push(Mark::State {
            at: o.received_at,
            state: ComplaintState::New,
        });
        self.complaint_ix.insert(id, pos);
        self.complaints.push(c);
        self.refresh_care_facts(pos as usize, None);
        self.complaint_history.push(vec![log_pos]);
        self.active_complaints.insert(pos);
        self.complaints_by_customer
            .entry(o.customer)
            .or_default()
            .push(pos);
        if let Some(a) = o.assignee {
            self.complaints_by_assignee
                .entry(a)
                .or_default()
                .insert(pos);
        }
        self.on_customer_timeline(o.customer, log_pos);
    }

    pub(crate) fn on_customer_timeline(&mut self, customer: crate::id::CustomerId, log_pos: u32) {
        if let Some(&cp) = self.customer_ix.get(&customer) {
            if let Some(t) = self.timeline.get_mut(cp as usize) {
                t.push(log_pos);
            }
        }
    }
}

fn enter(c: &mut Complaint, state: ComplaintState, at: chrono::DateTime<chrono::Utc>) {
    c.state = state;
    c.push_mark(Mark::State { at, state });
}
