//! Checking and folding follow-up events.

use super::model::{FollowUp, FollowUpStatus};
use crate::event::{Event, EventPayload};
use crate::id::{AgentId, FollowUpId};
use crate::workspace::State;
use chrono::{DateTime, Utc};

impl State {
    /// Checks a follow-up event from an untrusted log.
    pub(crate) fn check_follow_up(&self, id: FollowUpId, ev: &Event) -> Result<(), String> {
        let known_agent = |a: &AgentId| {
            if self.agents.contains_key(a) {
                Ok(())
            } else {
                Err(format!("agent {a} is not registered"))
            }
        };
        if let EventPayload::FollowUpScheduled(f) = &ev.payload {
            crate::model::check_time("due_at", f.due_at).map_err(|e| e.to_string())?;
            crate::model::check_time("due_end", f.due_end).map_err(|e| e.to_string())?;
            if self.follow_up_ix.contains_key(&id) {
                return Err(format!("follow-up {id} is scheduled twice"));
            }
            if let Some(c) = &f.customer {
                if !self.customer_ix.contains_key(c) {
                    return Err(format!("customer {c} is not registered"));
                }
            }
            if let Some(a) = &f.assignee {
                known_agent(a)?;
            }
            if f.series != id && !self.follow_up_ix.contains_key(&f.series) {
                return Err(format!("series {} is not scheduled", f.series));
            }
            return Ok(());
        }
        let f = self
            .follow_up(id)
            .map_err(|_| format!("follow-up {id} is not scheduled"))?;
        if f.status != FollowUpStatus::Open {
            return Err(format!("follow-up {id} is {}", f.status));
        }
        match &ev.payload {
            EventPayload::FollowUpSnoozed { until, due_end, .. } => {
                crate::model::check_time("until", *until).map_err(|e| e.to_string())?;
                crate::model::check_time("due_end", *due_end)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            EventPayload::FollowUpCompleted { .. } | EventPayload::FollowUpCancelled { .. } => {
                Ok(())
            }
            EventPayload::FollowUpReassigned { assignee, .. } => {
                assignee.as_ref().map_or(Ok(()), known_agent)
            }
            other => Err(format!(
                "a {} event cannot concern a follow-up",
                other.type_name()
            )),
        }
    }

    fn agenda_key(f: &FollowUp, pos: u32) -> (DateTime<Utc>, u32) {
        (f.due_at, pos)
    }

    fn index_follow_up(&mut self, pos: u32, add: bool) {
        let f = &self.follow_ups[pos as usize];
        let key = Self::agenda_key(f, pos);
        let open = f.status == FollowUpStatus::Open;
        if let Some(a) = f.assignee {
            let set = self.agenda_by_agent.entry(a).or_default();
            if add && open {
                set.insert(key);
            } else {
                set.remove(&key);
            }
        }
        if let Some(t) = f.team.clone() {
            let set = self.agenda_by_team.entry(t).or_default();
            if add && open {
                set.insert(key);
            } else {
                set.remove(&key);
            }
        }
    }

    /// Folds a follow-up event (already checked).
    pub(crate) fn apply_follow_up(&mut self, id: FollowUpId, ev: &Event, log_pos: u32) {
        let at = ev.at;
        if let EventPayload::FollowUpScheduled(s) = &ev.payload {
            let pos = u32::try_from(self.follow_ups.len()).unwrap_or(u32::MAX);
            self.follow_up_ix.insert(id, pos);
            self.follow_ups.push(FollowUp {
                id,
                series: s.series,
                occurrence: s.occurrence,
                subject: s.subject.clone(),
                kind: s.kind,
                customer: s.customer,
                due_at: s.due_at,
                slot: s.due_at,
                all_day: s.all_day,
                due_end: s.due_end,
                time_zone: s.time_zone.clone(),
                assignee: s.assignee,
                team: s.team.clone(),
                priority: s.priority,
                links: s.links.clone(),
                status: FollowUpStatus::Open,
                outcome: None,
                snoozed: 0,
                recurrence: s.recurrence.clone(),
                created_at: at,
                updated_at: at,
                closed_at: None,
            });
            self.index_follow_up(pos, true);
            if let Some(c) = s.customer {
                self.follow_ups_by_customer.entry(c).or_default().push(pos);
                self.on_customer_timeline(c, log_pos);
            }
            return;
        }
        let Some(&pos) = self.follow_up_ix.get(&id) else {
            return;
        };
        self.index_follow_up(pos, false);
        let f = &mut self.follow_ups[pos as usize];
        match &ev.payload {
            EventPayload::FollowUpCompleted { outcome } => {
                f.status = FollowUpStatus::Done;
                f.outcome.clone_from(outcome);
                f.closed_at = Some(at);
            }
            EventPayload::FollowUpCancelled { reason } => {
                f.status = FollowUpStatus::Cancelled;
                f.outcome = Some(reason.clone());
                f.closed_at = Some(at);
            }
            EventPayload::FollowUpSnoozed { until, due_end, .. } => {
                f.due_at = *until;
                f.due_end = *due_end;
                f.snoozed += 1;
            }
            EventPayload::FollowUpReassigned { assignee, team } => {
                f.assignee = *assignee;
                f.team.clone_from(team);
            }
            _ => {}
        }
        f.updated_at = at;
        let (customer, done, opportunity) = (
            f.customer,
            f.status == FollowUpStatus::Done,
            f.links.opportunity,
        );
        self.index_follow_up(pos, true);
        if let Some(c) = customer {
            self.on_customer_timeline(c, log_pos);
        }
        // A completed follow-up is activity on its opportunity.
        if let (true, Some(o)) = (done, opportunity) {
            if let Some(&op) = self.opportunity_ix.get(&o) {
                let o = &mut self.opportunities[op as usize];
                o.last_activity_at = o.last_activity_at.max(at);
            }
        }
    }
}
