//! Retention KPIs: repeat purchases, retention and churn, cohorts by month of
//! first purchase, follow-ups on time, referral conversion.

use super::group::{Dims, Groups};
use super::stats::Rate;
use super::{Out, Q};
use crate::followup::FollowUpStatus;
use crate::workspace::State;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use std::collections::BTreeMap;

#[derive(Default)]
struct Acc {
    repeat: Rate,
    retention: Rate,
    on_time: Rate,
    overdue_open: u64,
    referral: Rate,
}

/// Until when a follow-up is done on time: its due end, and at least the
/// end of its due day (in its own time zone, else the query's): a call due
/// at 10:00 and made at 15:00 the same day is on time.
fn on_time_until(f: &crate::followup::FollowUp, tz: Tz) -> DateTime<Utc> {
    let tz = f
        .time_zone
        .as_deref()
        .and_then(|z| z.parse::<Tz>().ok())
        .unwrap_or(tz);
    let day_end = f
        .due_at
        .with_timezone(&tz)
        .date_naive()
        .succ_opt()
        .and_then(|d| d.and_time(NaiveTime::MIN).and_local_timezone(tz).earliest())
        .map_or(f.due_end, |t| t.with_timezone(&Utc));
    day_end.max(f.due_end)
}

fn month_index(t: DateTime<Utc>, tz: Tz) -> i64 {
    let d = t.with_timezone(&tz).date_naive();
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn month_start(index: i64, tz: Tz) -> Option<DateTime<Utc>> {
    let y = i32::try_from(index.div_euclid(12)).ok()?;
    let m = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    NaiveDate::from_ymd_opt(y, m, 1)?
        .and_time(NaiveTime::MIN)
        .and_local_timezone(tz)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

pub(super) fn run(st: &State, q: &Q, want: &dyn Fn(&str) -> bool, rows: &mut Vec<super::KpiRow>) {
    let purchases = want("repeat_purchase_rate") || want("retention");
    let mut groups: Groups<'_, Acc> = Groups::new(st, q.by, q.tz);
    let window_start = q.from - Duration::days(i64::from(q.active_days));
    if purchases {
        for (id, list) in &st.purchases_by_customer {
            let Some(&pos) = st.customer_ix.get(id) else {
                continue;
            };
            let (mut before, mut during) = (0u32, 0u32);
            for &p in list {
                let t = st.purchases[p as usize].occurred_at;
                if q.contains(t) {
                    during += 1;
                } else if window_start <= t && t < q.from {
                    before += 1;
                }
            }
            let repeat = during > 0 && want("repeat_purchase_rate");
            let retention = before > 0 && want("retention");
            if !repeat && !retention {
                continue;
            }
            let c = &st.customers[pos as usize];
            let acc = groups.get(|| Dims {
                agent: c.owner,
                customer_pos: Some(pos),
                ..Dims::default()
            });
            if repeat {
                acc.repeat.add(during >= 2);
            }
            if retention {
                acc.retention.add(during > 0);
            }
        }
    }
    if want("follow_up_on_time") {
        for f in &st.follow_ups {
            if !q.contains(f.due_at) || f.status == FollowUpStatus::Cancelled {
                continue;
            }
            let done_by_to =
                f.status == FollowUpStatus::Done && f.closed_at.is_some_and(|t| t < q.to);
            let deadline = on_time_until(f, q.tz);
            let overdue = !done_by_to && deadline < q.to;
            if !done_by_to && !overdue {
                continue; // not yet due at `to`
            }
            let acc = groups.get(|| Dims {
                agent: f.assignee,
                team: f.team.as_deref(),
                priority: Some(f.priority),
                customer_pos: f.customer.and_then(|c| st.customer_ix.get(&c).copied()),
                at: Some(f.due_at),
                ..Dims::default()
            });
            acc.on_time
                .add(done_by_to && f.closed_at.is_some_and(|t| t <= deadline));
            if overdue {
                acc.overdue_open += 1;
            }
        }
    }
    if want("referral_conversion") {
        for r in &st.referrals {
            if !q.contains(r.referred_at) {
                continue;
            }
            let converted = r
                .qualifying_purchase
                .and_then(|p| st.purchase(p).ok())
                .is_some_and(|p| p.occurred_at < q.to);
            groups
                .get(|| Dims {
                    customer_pos: st.customer_ix.get(&r.referrer).copied(),
                    at: Some(r.referred_at),
                    ..Dims::default()
                })
                .referral
                .add(converted);
        }
    }
    for (g, a) in groups.into_groups() {
        if want("repeat_purchase_rate") {
            Out::new("repeat_purchase_rate", &g, rows).rate("rate", a.repeat);
        }
        if want("retention") {
            let mut o = Out::new("retention", &g, rows);
            o.rate("retention", a.retention);
            o.rate(
                "churn",
                Rate {
                    num: a.retention.den - a.retention.num,
                    den: a.retention.den,
                },
            );
        }
        if want("follow_up_on_time") {
            let mut o = Out::new("follow_up_on_time", &g, rows);
            o.rate("rate", a.on_time);
            o.count("overdue_open", a.overdue_open);
        }
        if want("referral_conversion") {
            Out::new("referral_conversion", &g, rows).rate("rate", a.referral);
        }
    }
    if want("cohort_retention") {
        cohorts(st, q, rows);
    }
}

/// Customers whose first purchase falls in [from, to), by the month of that
/// purchase (the cohort); per month after it (0 = the cohort's month), the
/// share of the cohort who bought in that month. Months that start at or
/// after `to` are not reported; purchases at or after `to` do not count.
fn cohorts(st: &State, q: &Q, rows: &mut Vec<super::KpiRow>) {
    let last = month_index(q.to - Duration::nanoseconds(1), q.tz);
    let mut cohorts: BTreeMap<i64, (u64, Vec<u64>)> = BTreeMap::new();
    let months = q.cohort_months as usize;
    let mut seen: Vec<i64> = Vec::new();
    for list in st.purchases_by_customer.values() {
        let Some(start) = list
            .iter()
            .map(|&p| st.purchases[p as usize].occurred_at)
            .min()
        else {
            continue;
        };
        if !q.contains(start) {
            continue;
        }
        let cohort = month_index(start, q.tz);
        let e = cohorts
            .entry(cohort)
            .or_insert_with(|| (0, vec![0; months + 1]));
        e.0 += 1;
        seen.clear();
        for &p in list {
            let t = st.purchases[p as usize].occurred_at;
            if t >= q.to {
                continue;
            }
            let k = month_index(t, q.tz) - cohort;
            if (0..=months as i64).contains(&k) && !seen.contains(&k) {
                seen.push(k);
                e.1[k as usize] += 1;
            }
        }
    }
    for (cohort, (size, hits)) in cohorts {
        let Some(start) = month_start(cohort, q.tz) else {
            continue;
        };
        let label = start.with_timezone(&q.tz).format("%Y-%m").to_string();
        let mut o = Out::new("cohort_retention", &label, rows);
        for (k, n) in hits.iter().enumerate() {
            if cohort + k as i64 > last {
                break;
            }
            o.rate(&format!("month_{k}"), Rate { num: *n, den: size });
        }
    }
}
