//! Feedback KPIs: CSAT, NPS, CES and the survey response rate.
//!
//! Scores count when answered in time and the answer falls in [from, to);
//! the response rate looks at surveys sent in [from, to), answered in time by `to`.

use super::group::{Dims, Groups};
use super::stats::{Rate, Samples};
use super::{Out, Q};
use crate::feedback::{Survey, SurveyKind, SurveyLink, SurveyStatus};
use crate::workspace::State;
use chrono::{DateTime, Utc};

#[derive(Default)]
struct Acc {
    csat: Samples,
    nps: Samples,
    ces: Samples,
    /// Per kind (csat, nps, ces, custom) and all.
    response: [Rate; 5],
}

fn dims<'a>(st: &'a State, s: &Survey, at: DateTime<Utc>) -> Dims<'a> {
    let complaint = match s.link {
        Some(SurveyLink::Complaint { id }) => st.complaint(id).ok(),
        _ => None,
    };
    Dims {
        agent: s.agent,
        team: complaint.and_then(|c| c.team.as_deref()),
        channel: Some(s.channel),
        category: complaint.and_then(|c| c.category.as_deref()),
        priority: complaint.map(|c| c.priority),
        customer_pos: st.customer_ix.get(&s.customer).copied(),
        at: Some(at),
    }
}

pub(super) fn run(st: &State, q: &Q, want: &dyn Fn(&str) -> bool, rows: &mut Vec<super::KpiRow>) {
    let scores = want("csat") || want("nps") || want("ces");
    let rate = want("survey_response_rate");
    if !scores && !rate {
        return;
    }
    let mut groups: Groups<'_, Acc> = Groups::new(st, q.by, q.tz);
    for s in &st.surveys {
        if scores && s.status == SurveyStatus::Answered {
            if let (Some(at), Some(score), Some(m)) = (s.answered_at, s.score, s.measure()) {
                if q.contains(at) && want(m.as_str()) {
                    let acc = groups.get(|| dims(st, s, at));
                    match m {
                        SurveyKind::Csat => acc.csat.push(score),
                        SurveyKind::Nps => acc.nps.push(score),
                        SurveyKind::Ces => acc.ces.push(score),
                        SurveyKind::Custom => {}
                    }
                }
            }
        }
        if rate && q.contains(s.sent_at) {
            let answered =
                s.status == SurveyStatus::Answered && s.answered_at.is_some_and(|a| a < q.to);
            let acc = groups.get(|| dims(st, s, s.sent_at));
            let k = match s.kind {
                SurveyKind::Csat => 0,
                SurveyKind::Nps => 1,
                SurveyKind::Ces => 2,
                SurveyKind::Custom => 3,
            };
            acc.response[k].add(answered);
            acc.response[4].add(answered);
        }
    }
    for (g, a) in groups.into_groups() {
        if want("csat") {
            let mut o = Out::new("csat", &g, rows);
            let xs = &a.csat.xs;
            let hits = xs.iter().filter(|&&x| x >= 4).count() as u64;
            o.rate(
                "rate",
                Rate {
                    num: hits,
                    den: xs.len() as u64,
                },
            );
            o.row(
                "mean",
                a.csat.mean(),
                Some((a.csat.sum() as f64, xs.len() as f64)),
                xs.len() as u64,
                "score",
            );
        }
        if want("nps") {
            let mut o = Out::new("nps", &g, rows);
            let xs = &a.nps.xs;
            let n = xs.len() as u64;
            let promoters = xs.iter().filter(|&&x| x >= 9).count() as u64;
            let detractors = xs.iter().filter(|&&x| x <= 6).count() as u64;
            let passives = n - promoters - detractors;
            let net = promoters as f64 - detractors as f64;
            o.row(
                "nps",
                (n > 0).then(|| 100.0 * net / n as f64),
                Some((net, n as f64)),
                n,
                "score",
            );
            for (m, k) in [
                ("promoters", promoters),
                ("passives", passives),
                ("detractors", detractors),
            ] {
                o.rate(m, Rate { num: k, den: n });
            }
        }
        if want("ces") {
            let n = a.ces.len();
            Out::new("ces", &g, rows).row(
                "mean",
                a.ces.mean(),
                Some((a.ces.sum() as f64, n as f64)),
                n,
                "score",
            );
        }
        if want("survey_response_rate") {
            let mut o = Out::new("survey_response_rate", &g, rows);
            o.rate("all", a.response[4]);
            for (i, k) in ["csat", "nps", "ces", "custom"].iter().enumerate() {
                o.rate(k, a.response[i]);
            }
        }
    }
}
