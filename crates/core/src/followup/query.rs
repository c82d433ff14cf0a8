//! Follow-up queries: by id, of a customer, an agent's and a team's agenda.

use super::model::FollowUp;
use crate::error::{Error, Result};
use crate::id::{AgentId, CustomerId, FollowUpId};
use crate::workspace::Workspace;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::BTreeSet;

/// An agenda at an instant: what is overdue and what is due within the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda<'a> {
    /// Open follow-ups past their due time (whole-day ones once their day is over), oldest first.
    pub overdue: Vec<&'a FollowUp>,
    /// Open follow-ups due from now until the end of the window, soonest first
    /// (whole-day tasks of today included).
    pub upcoming: Vec<&'a FollowUp>,
    /// Whether `limit` cut the lists.
    pub truncated: bool,
}

fn agenda<'a>(
    ws: &'a Workspace,
    set: Option<&BTreeSet<(DateTime<Utc>, u32)>>,
    now: DateTime<Utc>,
    within: Duration,
    limit: usize,
) -> Agenda<'a> {
    let mut out = Agenda {
        overdue: Vec::new(),
        upcoming: Vec::new(),
        truncated: false,
    };
    let Some(set) = set else {
        return out;
    };
    let end = now
        .checked_add_signed(within)
        .unwrap_or(DateTime::<Utc>::MAX_UTC);
    for &(due, pos) in set.range(..(end, 0)) {
        if out.overdue.len() + out.upcoming.len() == limit {
            out.truncated = true;
            break;
        }
        let f = &ws.state.follow_ups[pos as usize];
        if f.due_end <= now {
            out.overdue.push(f);
        } else {
            let _ = due;
            out.upcoming.push(f);
        }
    }
    out
}

impl Workspace {
    /// A follow-up by id.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn follow_up(&self, id: FollowUpId) -> Result<&FollowUp> {
        self.state.follow_up(id)
    }

    /// A customer's follow-ups (all states), in the order scheduled.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn follow_ups_of(&self, customer: CustomerId) -> Result<Vec<&FollowUp>> {
        let customer = self.state.resolve(customer);
        self.state.customer(customer)?;
        Ok(self
            .state
            .follow_ups_by_customer
            .get(&customer)
            .map(|v| {
                v.iter()
                    .map(|&p| &self.state.follow_ups[p as usize])
                    .collect()
            })
            .unwrap_or_default())
    }

    /// An agent's agenda at `now`: overdue follow-ups and those due within
    /// `within`, at most `limit` in all. Indexed by due time: the cost grows
    /// with the size of the answer, not with the number of follow-ups.
    ///
    /// # Errors
    /// `not_found` for an unknown agent; `invalid_input` for a negative window
    /// or a limit outside 1..=10000.
    pub fn agenda(
        &self,
        agent: AgentId,
        now: DateTime<Utc>,
        within: Duration,
        limit: usize,
    ) -> Result<Agenda<'_>> {
        self.state.agent(agent)?;
        check_window(within, limit)?;
        Ok(agenda(
            self,
            self.state.agenda_by_agent.get(&agent),
            now,
            within,
            limit,
        ))
    }

    /// A team's agenda (follow-ups assigned to the team), like [`agenda`](Self::agenda).
    ///
    /// # Errors
    /// `invalid_input` for a negative window or a limit outside 1..=10000.
    pub fn team_agenda(
        &self,
        team: &str,
        now: DateTime<Utc>,
        within: Duration,
        limit: usize,
    ) -> Result<Agenda<'_>> {
        check_window(within, limit)?;
        let team = crate::text::nfc(team);
        Ok(agenda(
            self,
            self.state.agenda_by_team.get(&team),
            now,
            within,
            limit,
        ))
    }
}

/// The most follow-ups an agenda returns.
pub const MAX_AGENDA: usize = 10_000;

fn check_window(within: Duration, limit: usize) -> Result<()> {
    if limit == 0 || limit > MAX_AGENDA {
        return Err(Error::invalid_input(
            "limit",
            limit.to_string(),
            format!("an agenda holds 1 to {MAX_AGENDA} follow-ups"),
        ));
    }
    if within < Duration::zero() {
        return Err(Error::invalid_input(
            "within",
            within.to_string(),
            "the window looks ahead: zero or more",
        ));
    }
    Ok(())
}
