//! Scoring one pair of profiles, and the reasons of a pair that passed.

use super::names::{Name, NameCtx};
use super::profile::{
    kind_of, Profile, ProfileRef, Value, ADDRESS, EMAIL, KINDS, LOCAL, ORGANIZATION, PHONE,
};
use super::{DuplicateRules, MatchReason};
use crate::identity::search::SearchIndex;

/// Rules and context, prepared once per check or scan.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scorer<'a> {
    pub rules: &'a DuplicateRules,
    pub names: NameCtx<'a>,
    /// Weight per signal kind (index 0 unused).
    pub weights: [f64; KINDS],
}

/// A pair that reached the threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Scored {
    pub score: f64,
    /// Per signal kind: a shared key (0 when none).
    pub shared: [u64; KINDS],
    /// The name similarity, when the name signal holds.
    pub name: Option<f64>,
}

/// Rounds to 4 decimals (scores and similarities are reported so).
pub(super) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl<'a> Scorer<'a> {
    pub fn new(rules: &'a DuplicateRules, index: &'a SearchIndex) -> Self {
        let mut weights = [0.0; KINDS];
        weights[EMAIL] = rules.email;
        weights[PHONE] = rules.phone;
        weights[ADDRESS] = rules.address;
        weights[ORGANIZATION] = rules.organization;
        weights[LOCAL] = rules.email_local_part;
        Self {
            rules,
            names: NameCtx {
                metric: rules.name_metric,
                distinct_known_words: rules.distinct_known_words,
                index,
            },
            weights,
        }
    }

    /// Whether a record with `keys` could reach the threshold with someone
    /// who shares neither an email nor a phone with it (so the name lookup
    /// is worth doing).
    pub fn name_lookup_needed(&self, keys: &[u64]) -> bool {
        if self.rules.name <= 0.0 {
            return false;
        }
        let mut best = self.rules.name;
        for kind in [ADDRESS, ORGANIZATION, LOCAL] {
            if keys.iter().any(|k| kind_of(*k) == kind) {
                best += self.weights[kind];
            }
        }
        best >= self.rules.threshold - 1e-9
    }

    /// Whether a record with `keys` could reach the threshold with someone
    /// sharing no email or phone with it, without the name signal.
    pub fn reachable_without_name(&self, keys: &[u64]) -> bool {
        let mut best = 0.0;
        for kind in [ADDRESS, ORGANIZATION, LOCAL] {
            if keys.iter().any(|k| kind_of(*k) == kind) {
                best += self.weights[kind];
            }
        }
        best >= self.rules.threshold - 1e-9
    }

    /// Whether the name signal holds for two names.
    pub fn name_passes(&self, a: Name<'_>, b: Name<'_>) -> bool {
        self.rules.name > 0.0
            && self
                .names
                .similarity(a, b)
                .is_some_and(|s| s >= self.rules.min_name_similarity)
    }

    /// The pair's score when it reaches the threshold.
    pub fn score(&self, a: ProfileRef<'_>, b: ProfileRef<'_>) -> Option<Scored> {
        self.evaluate(a, b, true)
    }

    /// The pair's score whatever the threshold (0 for two kinds).
    pub fn score_any(&self, a: ProfileRef<'_>, b: ProfileRef<'_>) -> Scored {
        self.evaluate(a, b, false).unwrap_or(Scored {
            score: 0.0,
            shared: [0; KINDS],
            name: None,
        })
    }

    /// With `cutoff`, `None` as soon as the pair cannot reach the threshold.
    fn evaluate(&self, a: ProfileRef<'_>, b: ProfileRef<'_>, cutoff: bool) -> Option<Scored> {
        if a.kind != b.kind {
            return None;
        }
        let (shared, base) = self.shared(a.keys, b.keys);
        if cutoff && !self.may_reach(base) {
            return None;
        }
        self.finish(shared, base, a.name, b.name, cutoff)
    }

    /// The keys two profiles share (one per signal kind, signals without
    /// weight left out) and the sum of their weights.
    pub fn shared(&self, a: &[u64], b: &[u64]) -> ([u64; KINDS], f64) {
        let mut shared = [0u64; KINDS];
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            if x < y {
                i += 1;
            } else if y < x {
                j += 1;
            } else {
                let k = kind_of(x);
                if k < KINDS && shared[k] == 0 {
                    shared[k] = x;
                }
                i += 1;
                j += 1;
            }
        }
        if shared[EMAIL] != 0 {
            shared[LOCAL] = 0;
        }
        let mut base = 0.0;
        for (k, key) in shared.iter_mut().enumerate() {
            if self.weights[k] <= 0.0 {
                *key = 0;
            } else if *key != 0 {
                base += self.weights[k];
            }
        }
        (shared, base)
    }

    /// Whether a pair whose shared keys weigh `base` can reach the threshold.
    pub fn may_reach(&self, base: f64) -> bool {
        base + self.rules.name >= self.rules.threshold - 1e-9
    }

    /// The score once the shared keys are known.
    pub fn finish(
        &self,
        shared: [u64; KINDS],
        base: f64,
        a: Name<'_>,
        b: Name<'_>,
        cutoff: bool,
    ) -> Option<Scored> {
        let rules = self.rules;
        let name = if rules.name > 0.0 {
            self.names
                .similarity(a, b)
                .filter(|s| *s >= rules.min_name_similarity)
        } else {
            None
        };
        let score = round4((base + name.map_or(0.0, |s| rules.name * s)).min(1.0));
        (!cutoff || score >= rules.threshold).then_some(Scored {
            score,
            shared,
            name,
        })
    }

    /// The reasons of a scored pair, values as `a` (built with values) holds them.
    pub fn reasons(&self, a: &Profile, scored: &Scored) -> Vec<MatchReason> {
        let mut out = Vec::new();
        let text = |key: u64| match a.value(key) {
            Some(Value::Text(t)) => t.clone(),
            _ => String::new(),
        };
        if scored.shared[EMAIL] != 0 {
            out.push(MatchReason::Email {
                value: text(scored.shared[EMAIL]),
            });
        }
        if scored.shared[PHONE] != 0 {
            out.push(MatchReason::Phone {
                value: text(scored.shared[PHONE]),
            });
        }
        if let Some(s) = scored.name {
            out.push(MatchReason::Name {
                metric: self.rules.name_metric,
                similarity: round4(s),
            });
        }
        if scored.shared[ADDRESS] != 0 {
            out.push(MatchReason::Address {
                value: text(scored.shared[ADDRESS]),
            });
        }
        if scored.shared[ORGANIZATION] != 0 {
            if let Some(Value::Org(org)) = a.value(scored.shared[ORGANIZATION]) {
                out.push(MatchReason::Organization { organization: *org });
            }
        }
        if scored.shared[LOCAL] != 0 {
            out.push(MatchReason::EmailLocalPart {
                value: text(scored.shared[LOCAL]),
            });
        }
        out
    }
}
