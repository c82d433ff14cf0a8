//! Complaint queries: queue views, history, SLA status and alerts.

use super::model::{Complaint, ComplaintState, Priority};
use crate::customer::{Page, PageRequest, MAX_PAGE};
use crate::error::{Error, Result};
use crate::event::Event;
use crate::id::{AgentId, ComplaintId, CustomerId};
use crate::sla::escalation::policy_for;
use crate::sla::status::{compute, compute_with, Scratch};
use crate::sla::{Calendar, Metric, MetricState, SlaPolicy, SlaStatus};
use crate::workspace::Workspace;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Filters for [`Workspace::list_complaints`]. All given filters must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ComplaintFilter {
    /// In one of these states (empty: the working states new, open,
    /// in_progress and waiting_on_customer).
    pub states: Vec<ComplaintState>,
    /// Assigned to this agent.
    pub assignee: Option<AgentId>,
    /// Only complaints with no assignee.
    pub unassigned: bool,
    /// Assigned to this team.
    pub team: Option<String>,
    /// With one of these priorities.
    pub priorities: Vec<Priority>,
    /// In this category.
    pub category: Option<String>,
    /// Of this customer.
    pub customer: Option<CustomerId>,
    /// Received at or before this instant (older than an age).
    pub received_before: Option<DateTime<Utc>>,
    /// Received at or after this instant.
    pub received_after: Option<DateTime<Utc>>,
}

/// Order of [`Workspace::list_complaints`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintSort {
    /// Oldest received first (by age).
    #[default]
    Oldest,
    /// Newest received first.
    Newest,
    /// Most urgent first, then oldest.
    Priority,
}

/// A complaint whose SLA needs attention at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SlaAlert {
    /// The complaint.
    pub complaint: ComplaintId,
    /// The metric.
    pub metric: Metric,
    /// `warning` or `breached`.
    pub state: MetricState,
    /// Its deadline (the breach instant when breached).
    pub deadline: Option<DateTime<Utc>>,
    /// Business seconds left (0 when breached).
    pub remaining_seconds: i64,
    /// Priority.
    pub priority: Priority,
    /// Assignee.
    pub assignee: Option<AgentId>,
}

impl Workspace {
    /// A complaint by id.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn complaint(&self, id: ComplaintId) -> Result<&Complaint> {
        self.state.complaint(id)
    }

    /// How many complaints there are (all states).
    #[must_use]
    pub fn complaint_count(&self) -> usize {
        self.state.complaints.len()
    }

    /// Every complaint, in the order recorded.
    pub fn complaints(&self) -> impl ExactSizeIterator<Item = &Complaint> {
        self.state.complaints.iter()
    }

    /// A customer's complaints, in the order recorded.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn complaints_of(&self, customer: CustomerId) -> Result<Vec<&Complaint>> {
        let customer = self.state.resolve(customer);
        self.state.customer(customer)?;
        Ok(self
            .state
            .complaints_by_customer
            .get(&customer)
            .map(|v| {
                v.iter()
                    .map(|&p| &self.state.complaints[p as usize])
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Every event about a complaint, in log order (its full history,
    /// including the merge of another complaint into it).
    ///
    /// # Errors
    /// `not_found` for an unknown complaint.
    pub fn complaint_history(&self, id: ComplaintId) -> Result<Vec<&Event>> {
        let pos = self
            .state
            .complaint_ix
            .get(&id)
            .ok_or_else(|| Error::not_found(ComplaintId::ENTITY, id))?;
        Ok(self.state.complaint_history[*pos as usize]
            .iter()
            .map(|&i| &self.log[i as usize])
            .collect())
    }

    /// A queue view: complaints matching `filter` in `sort` order, one page at
    /// a time; the cursor is the last complaint id of the previous page.
    ///
    /// # Errors
    /// `invalid_input` for a limit outside 1..=1000 or a cursor that is not
    /// in this view.
    pub fn list_complaints(
        &self,
        filter: &ComplaintFilter,
        sort: ComplaintSort,
        page: PageRequest<ComplaintId>,
    ) -> Result<Page<&Complaint, ComplaintId>> {
        if page.limit == 0 || page.limit > MAX_PAGE {
            return Err(Error::invalid_input(
                "limit",
                page.limit.to_string(),
                format!("a page holds 1 to {MAX_PAGE} items"),
            ));
        }
        let st = &self.state;
        let team = filter.team.as_deref().map(crate::text::nfc);
        let category = filter.category.as_deref().map(crate::text::nfc);
        let keep = |c: &Complaint| {
            (if filter.states.is_empty() {
                c.state.is_active()
            } else {
                filter.states.contains(&c.state)
            }) && filter.assignee.is_none_or(|a| c.assignee == Some(a))
                && (!filter.unassigned || c.assignee.is_none())
                && team.as_deref().is_none_or(|t| c.team.as_deref() == Some(t))
                && (filter.priorities.is_empty() || filter.priorities.contains(&c.priority))
                && category
                    .as_deref()
                    .is_none_or(|k| c.category.as_deref() == Some(k))
                && filter.customer.is_none_or(|x| c.customer == st.resolve(x))
                && filter.received_before.is_none_or(|t| c.received_at <= t)
                && filter.received_after.is_none_or(|t| c.received_at >= t)
        };
        // The narrowest index first.
        let only_active = filter.states.is_empty() || filter.states.iter().all(|s| s.is_active());
        let candidates: Vec<u32> = if let Some(x) = filter.customer {
            st.complaints_by_customer
                .get(&st.resolve(x))
                .cloned()
                .unwrap_or_default()
        } else if let Some(a) = filter.assignee {
            st.complaints_by_assignee
                .get(&a)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default()
        } else if only_active {
            st.active_complaints.iter().copied().collect()
        } else {
            (0..u32::try_from(st.complaints.len()).unwrap_or(u32::MAX)).collect()
        };
        let mut items: Vec<&Complaint> = candidates
            .into_iter()
            .map(|p| &st.complaints[p as usize])
            .filter(|c| keep(c))
            .collect();
        let rank = |p: Priority| std::cmp::Reverse(p);
        match sort {
            ComplaintSort::Oldest => items.sort_by_key(|c| (c.received_at, c.id)),
            ComplaintSort::Newest => {
                items.sort_by_key(|c| (std::cmp::Reverse(c.received_at), std::cmp::Reverse(c.id)));
            }
            ComplaintSort::Priority => {
                items.sort_by_key(|c| (rank(c.priority), c.received_at, c.id))
            }
        }
        let start = match page.after {
            Some(id) => {
                items.iter().position(|c| c.id == id).ok_or_else(|| {
                    Error::invalid_input(
                        "after",
                        id.to_string(),
                        "not a complaint of this view; pass the `next` of the previous page",
                    )
                })? + 1
            }
            None => 0,
        };
        let rest = items.len().saturating_sub(start);
        let items: Vec<&Complaint> = items.into_iter().skip(start).take(page.limit).collect();
        let next = if rest > page.limit {
            items.last().map(|c| c.id)
        } else {
            None
        };
        Ok(Page { items, next })
    }

    /// The SLA status of a complaint at `now`: per metric its target,
    /// deadline, business time elapsed and remaining, and state. Without a
    /// matching policy the status has no metrics.
    ///
    /// # Errors
    /// `not_found` for an unknown complaint.
    pub fn sla_status(&self, id: ComplaintId, now: DateTime<Utc>) -> Result<SlaStatus> {
        self.status_of(id, now, false)
    }

    /// Like [`sla_status`](Self::sla_status), with each metric's intervals
    /// that counted and the ones paused.
    ///
    /// # Errors
    /// `not_found` for an unknown complaint.
    pub fn explain_sla(&self, id: ComplaintId, now: DateTime<Utc>) -> Result<SlaStatus> {
        self.status_of(id, now, true)
    }

    fn status_of(&self, id: ComplaintId, now: DateTime<Utc>, explain: bool) -> Result<SlaStatus> {
        let c = self.state.complaint(id)?;
        Ok(match policy_for(&self.state, c) {
            Some((p, cal)) => compute(c, p, cal, now, explain),
            None => SlaStatus {
                complaint: id,
                at: now,
                policy: None,
                calendar: None,
                metrics: Vec::new(),
            },
        })
    }

    /// SLA status of every working complaint at `now`, in the order recorded
    /// (the bulk form of [`sla_status`](Self::sla_status)).
    #[must_use]
    pub fn sla_statuses(&self, now: DateTime<Utc>) -> Vec<SlaStatus> {
        let mut scratch = Scratch::default();
        let mut out = Vec::with_capacity(self.state.active_complaints.len());
        out.extend(self.state.active_complaints.iter().filter_map(|&p| {
            let c = &self.state.complaints[p as usize];
            policy_for(&self.state, c)
                .map(|(pol, cal)| compute_with(c, pol, cal, now, false, &mut scratch))
        }));
        out
    }

    fn alerts(&self, now: DateTime<Utc>, want: MetricState) -> Vec<SlaAlert> {
        let mut out: Vec<SlaAlert> = Vec::new();
        let mut scratch = Scratch::default();
        for &p in &self.state.active_complaints {
            let c = &self.state.complaints[p as usize];
            let Some((pol, cal)) = policy_for(&self.state, c) else {
                continue;
            };
            let s = compute_with(c, pol, cal, now, false, &mut scratch);
            out.extend(
                s.metrics
                    .iter()
                    .filter(|m| m.state == want && m.completed_at.is_none())
                    .map(|m| SlaAlert {
                        complaint: c.id,
                        metric: m.metric,
                        state: m.state,
                        deadline: m.deadline,
                        remaining_seconds: m.remaining_seconds,
                        priority: c.priority,
                        assignee: c.assignee,
                    }),
            );
        }
        out.sort_by_key(|a| (a.deadline, a.complaint, a.metric));
        out
    }

    /// Working complaints with a metric in `warning` at `now`, soonest deadline first.
    #[must_use]
    pub fn complaints_at_risk(&self, now: DateTime<Utc>) -> Vec<SlaAlert> {
        self.alerts(now, MetricState::Warning)
    }

    /// Working complaints with a metric breached and still unfulfilled at
    /// `now`, earliest breach first.
    #[must_use]
    pub fn complaints_breached(&self, now: DateTime<Utc>) -> Vec<SlaAlert> {
        self.alerts(now, MetricState::Breached)
    }

    /// A business calendar by key.
    ///
    /// # Errors
    /// `not_found` for an unknown key.
    pub fn calendar(&self, key: &str) -> Result<&Calendar> {
        self.state
            .calendars
            .get(key)
            .ok_or_else(|| Error::not_found("calendar", key))
    }

    /// The calendar keys, sorted.
    pub fn calendar_keys(&self) -> impl Iterator<Item = &str> {
        self.state.calendars.keys().map(String::as_str)
    }

    /// The SLA policies in precedence order.
    #[must_use]
    pub fn sla_policies(&self) -> &[SlaPolicy] {
        &self.state.policies
    }

    /// The policy that applies to a complaint now (none when no policy matches).
    ///
    /// # Errors
    /// `not_found` for an unknown complaint.
    pub fn sla_policy_for(&self, id: ComplaintId) -> Result<Option<&SlaPolicy>> {
        let c = self.state.complaint(id)?;
        Ok(policy_for(&self.state, c).map(|(p, _)| p))
    }

    /// The complaint settings.
    #[must_use]
    pub fn complaint_settings(&self) -> super::ComplaintSettings {
        self.state.complaint_settings
    }

    /// Business time between `a` and `b` on calendar `key`.
    ///
    /// # Errors
    /// `not_found` for an unknown calendar.
    pub fn business_time_between(
        &self,
        key: &str,
        a: DateTime<Utc>,
        b: DateTime<Utc>,
    ) -> Result<TimeDelta> {
        Ok(self.calendar(key)?.between(a, b))
    }

    /// The instant `business` working time after `from` on calendar `key`.
    ///
    /// # Errors
    /// `not_found` for an unknown calendar; `invalid_input` for a negative
    /// duration or a result after 9999.
    pub fn add_business_time(
        &self,
        key: &str,
        from: DateTime<Utc>,
        business: TimeDelta,
    ) -> Result<DateTime<Utc>> {
        if business < TimeDelta::zero() {
            return Err(Error::invalid_input(
                "business",
                business.to_string(),
                "a business duration is zero or more",
            ));
        }
        self.calendar(key)?.add(from, business).ok_or_else(|| {
            Error::invalid_input(
                "business",
                business.to_string(),
                "the result would be after 9999-12-31",
            )
        })
    }
}
