//! Grouping of KPI records: by agent, team, channel, category, priority,
//! tier, or by day, week or month in a time zone.

use super::GroupBy;
use crate::complaint::Priority;
use crate::id::AgentId;
use crate::model::Channel;
use crate::workspace::state::Map;
use crate::workspace::State;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;

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

/// A group's key while accumulating: cheap to hash, spelled out only for
/// the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'s> {
    None,
    Agent(AgentId),
    Text(&'s str),
    Channel(Channel),
    Priority(Priority),
    Tier(u32),
    Day(NaiveDate),
    Week(i32, u32),
    Month(i32, u32),
}

/// Accumulators per group; without grouping one accumulator and no keys.
pub(crate) struct Groups<'s, A> {
    by: Option<GroupBy>,
    tz: Tz,
    state: &'s State,
    all: A,
    map: Map<Key<'s>, A>,
}

impl<'s, A: Default> Groups<'s, A> {
    pub fn new(state: &'s State, by: Option<GroupBy>, tz: Tz) -> Self {
        Self {
            by,
            tz,
            state,
            all: A::default(),
            map: Map::default(),
        }
    }

    /// The accumulator of the record's group (`dims` is only evaluated when grouping).
    pub fn get(&mut self, dims: impl FnOnce() -> Dims<'s>) -> &mut A {
        let Some(by) = self.by else {
            return &mut self.all;
        };
        let key = key(self.state, by, self.tz, &dims());
        self.map.entry(key).or_default()
    }

    /// The groups and their accumulators, in key order (`all` when ungrouped).
    pub fn into_groups(self) -> Vec<(String, A)> {
        if self.by.is_none() {
            return vec![(ALL.to_owned(), self.all)];
        }
        let state = self.state;
        let mut out: Vec<(String, A)> = self
            .map
            .into_iter()
            .map(|(k, a)| (spell(state, k), a))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

fn team_of<'s>(state: &'s State, d: &Dims<'s>) -> Option<&'s str> {
    d.team.or_else(|| {
        d.agent
            .and_then(|a| state.agents.get(&a))
            .and_then(|a| a.team.as_deref())
    })
}

fn key<'s>(state: &'s State, by: GroupBy, tz: Tz, d: &Dims<'s>) -> Key<'s> {
    let k = match by {
        GroupBy::Agent => d.agent.map(Key::Agent),
        GroupBy::Team => team_of(state, d).map(Key::Text),
        GroupBy::Channel => d.channel.map(Key::Channel),
        GroupBy::Category => d.category.map(Key::Text),
        GroupBy::Priority => d.priority.map(Key::Priority),
        GroupBy::Tier => d
            .customer_pos
            .and_then(|p| state.customer_tier.get(p as usize))
            .filter(|&&t| t > 0)
            .map(|&t| Key::Tier(t)),
        GroupBy::Day | GroupBy::Week | GroupBy::Month => d.at.map(|t| {
            let local = t.with_timezone(&tz).date_naive();
            match by {
                GroupBy::Day => Key::Day(local),
                GroupBy::Week => {
                    let w = local.iso_week();
                    Key::Week(w.year(), w.week())
                }
                _ => Key::Month(local.year(), local.month()),
            }
        }),
    };
    k.unwrap_or(Key::None)
}

fn spell(state: &State, k: Key<'_>) -> String {
    match k {
        Key::None => NONE.to_owned(),
        Key::Agent(a) => a.to_string(),
        Key::Text(t) => t.to_owned(),
        Key::Channel(c) => c.as_str().to_owned(),
        Key::Priority(p) => p.as_str().to_owned(),
        Key::Tier(t) => t
            .checked_sub(1)
            .and_then(|i| state.tier_names.get(i as usize))
            .map_or_else(|| NONE.to_owned(), Clone::clone),
        Key::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        Key::Week(y, w) => format!("{y:04}-W{w:02}"),
        Key::Month(y, m) => format!("{y:04}-{m:02}"),
    }
}
