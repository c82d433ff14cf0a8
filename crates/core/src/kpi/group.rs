//! Grouping of KPI records: by agent, team, channel, category, priority,
//! tier, or by day, week or month in a time zone.

use super::GroupBy;
use crate::complaint::Priority;
use crate::id::AgentId;
use crate::model::Channel;
use crate::workspace::State;
use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The group of records without a value for the grouping dimension.
pub const NONE: &str = "(none)";
/// The group of an ungrouped query.
pub const ALL: &str = "all";

/// What a record offers to group by (absent: not known for this record).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Dims<'a> {
    pub agent: Option<AgentId>,
    pub team: Option<&'a str>,
    pub channel: Option<Channel>,
    pub category: Option<&'a str>,
    pub priority: Option<Priority>,
    /// Customer position (its current tier is looked up when grouping by tier).
    pub customer_pos: Option<u32>,
    /// The instant that places the record in a period.
    pub at: Option<DateTime<Utc>>,
}

/// Accumulators per group; without grouping one accumulator and no keys.
pub(crate) struct Groups<'s, A> {
    by: Option<GroupBy>,
    tz: Tz,
    state: &'s State,
    all: A,
    map: BTreeMap<String, A>,
    buf: String,
}

impl<'s, A: Default> Groups<'s, A> {
    pub fn new(state: &'s State, by: Option<GroupBy>, tz: Tz) -> Self {
        Self {
            by,
            tz,
            state,
            all: A::default(),
            map: BTreeMap::new(),
            buf: String::new(),
        }
    }

    /// The accumulator of the record's group (`dims` is only evaluated when grouping).
    pub fn get<'d>(&mut self, dims: impl FnOnce() -> Dims<'d>) -> &mut A {
        let Some(by) = self.by else {
            return &mut self.all;
        };
        self.buf.clear();
        write_key(&mut self.buf, self.state, by, self.tz, &dims());
        if !self.map.contains_key(self.buf.as_str()) {
            self.map.insert(self.buf.clone(), A::default());
        }
        self.map.get_mut(self.buf.as_str()).unwrap_or(&mut self.all)
    }

    /// The groups and their accumulators, in key order (`all` when ungrouped).
    pub fn into_groups(self) -> Vec<(String, A)> {
        match self.by {
            None => vec![(ALL.to_owned(), self.all)],
            Some(_) => self.map.into_iter().collect(),
        }
    }
}

fn team_of<'a>(state: &'a State, d: &Dims<'a>) -> Option<&'a str> {
    d.team.or_else(|| {
        d.agent
            .and_then(|a| state.agents.get(&a))
            .and_then(|a| a.team.as_deref())
    })
}

fn write_key(buf: &mut String, state: &State, by: GroupBy, tz: Tz, d: &Dims<'_>) {
    let r = match by {
        GroupBy::Agent => d.agent.map(|a| write!(buf, "{a}")),
        GroupBy::Team => team_of(state, d).map(|t| buf.write_str(t)),
        GroupBy::Channel => d.channel.map(|c| buf.write_str(c.as_str())),
        GroupBy::Category => d.category.map(|c| buf.write_str(c)),
        GroupBy::Priority => d.priority.map(|p| buf.write_str(p.as_str())),
        GroupBy::Tier => d
            .customer_pos
            .and_then(|p| state.customer_tier.get(p as usize))
            .and_then(|&t| t.checked_sub(1))
            .and_then(|t| state.tier_names.get(t as usize))
            .map(|t| buf.write_str(t)),
        GroupBy::Day | GroupBy::Week | GroupBy::Month => d.at.map(|t| {
            let local = t.with_timezone(&tz).date_naive();
            match by {
                GroupBy::Day => write!(
                    buf,
                    "{:04}-{:02}-{:02}",
                    local.year(),
                    local.month(),
                    local.day()
                ),
                GroupBy::Week => {
                    let w = local.iso_week();
                    write!(buf, "{:04}-W{:02}", w.year(), w.week())
                }
                _ => write!(buf, "{:04}-{:02}", local.year(), local.month()),
            }
        }),
    };
    if r.is_none() {
        buf.push_str(NONE);
    }
}
