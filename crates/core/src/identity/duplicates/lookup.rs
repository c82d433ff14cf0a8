//! Single-record checks through the workspace's indexes: holders of the
//! record's emails and phones, and customers whose names can pass the name
//! test (name-word postings, typos through similar words).

use super::names::{query_edits, split, unpaired_weight, Name, NameCtx, DROPPED_MIDDLE};
use super::profile::{kind_of, Profile, Value, ADDRESS, EMAIL, LOCAL, ORGANIZATION, PHONE};
use super::score::Scorer;
use super::{DuplicateMatch, DuplicateRules};
use crate::customer::commands::normalize_contact;
use crate::customer::{ContactPoint, Customer, RegisterCustomer};
use crate::error::Result;
use crate::id::CustomerId;
use crate::text::normalize_label;
use crate::workspace::State;

/// Whether a customer takes part in duplicate detection.
pub(super) fn eligible(c: &Customer, rules: &DuplicateRules) -> bool {
    c.merged_into.is_none() && c.erased_at.is_none() && (rules.include_archived || !c.archived)
}

/// Likely duplicates of a draft registration.
pub(super) fn check_draft(
    state: &State,
    draft: &RegisterCustomer,
    rules: &DuplicateRules,
) -> Result<Vec<DuplicateMatch>> {
    let full = normalize_label("full_name", &draft.full_name, 200)?;
    let mut display = None;
    for (field, v, max) in [
        ("given_name", &draft.given_name, 100),
        ("family_name", &draft.family_name, 100),
        ("display_name", &draft.display_name, 200),
    ] {
        if let Some(v) = v {
            let v = normalize_label(field, v, max)?;
            if field == "display_name" {
                display = Some(v);
            }
        }
    }
    let raw = draft
        .emails
        .iter()
        .map(|address| ContactPoint::Email {
            address: address.clone(),
            label: None,
        })
        .chain(draft.phones.iter().map(|number| ContactPoint::Phone {
            number: number.clone(),
            label: None,
        }))
        .chain(draft.contacts.iter().cloned());
    let contacts = raw
        .map(|c| normalize_contact(state, c))
        .collect::<Result<Vec<_>>>()?;
    let mut profile = Profile::default();
    profile.fill(draft.kind, &full, display.as_deref(), &contacts, &[], true);
    let me = draft.id.and_then(|id| state.customer_ix.get(&id).copied());
    Ok(find(state, &profile, me, rules))
}

/// How much the customer at `b` looks like the one at `a`, whatever the threshold.
pub(super) fn compare(state: &State, a: u32, b: u32, rules: &DuplicateRules) -> DuplicateMatch {
    let scorer = Scorer::new(rules, &state.search);
    let (ca, cb) = (&state.customers[a as usize], &state.customers[b as usize]);
    let mut pa = Profile::default();
    pa.of_customer(ca, true);
    let mut pb = Profile::default();
    pb.of_customer(cb, false);
    let s = scorer.score_any(pa.as_ref(), pb.as_ref());
    DuplicateMatch {
        customer: cb.id,
        score: s.score,
        reasons: scorer.reasons(&pa, &s),
    }
}

/// Likely duplicates of the registered customer at `pos`.
pub(super) fn check_existing(
    state: &State,
    pos: u32,
    rules: &DuplicateRules,
) -> Vec<DuplicateMatch> {
    let Some(c) = state.customers.get(pos as usize) else {
        return Vec::new();
    };
    if c.merged_into.is_some() || c.erased_at.is_some() {
        return Vec::new();
    }
    let mut profile = Profile::default();
    profile.of_customer(c, true);
    find(state, &profile, Some(pos), rules)
}

fn find(
    state: &State,
    profile: &Profile,
    me: Option<u32>,
    rules: &DuplicateRules,
) -> Vec<DuplicateMatch> {
    let scorer = Scorer::new(rules, &state.search);
    let mut holders: Vec<u32> = Vec::new();
    for (key, value) in profile.keys.iter().zip(&profile.values) {
        let Value::Text(v) = value else { continue };
        match kind_of(*key) {
            EMAIL => holders.extend_from_slice(state.email_holders(v)),
            PHONE => holders.extend_from_slice(state.phone_holders(v)),
            _ => {}
        }
    }
    holders.sort_unstable();
    holders.dedup();
    let by_name = if scorer.name_lookup_needed(&profile.keys) {
        name_candidates(&scorer.names, profile.name(), rules.min_name_similarity)
    } else {
        Vec::new()
    };
    // A candidate found by name only shares no email or phone: when the
    // record's other keys cannot reach the threshold, its name must pass
    // first (cheaper than its keys), and before that it must be able to
    // share enough of the other keys (cheaper still).
    let name_required = !scorer.reachable_without_name(&profile.keys);
    let quick = QuickCheck::of(profile, rules);
    let mut other = Profile::default();
    let mut hits = Vec::new();
    let mut consider = |pos: u32, holder: bool| {
        if Some(pos) == me {
            return;
        }
        let Some(c) = state.customers.get(pos as usize) else {
            return;
        };
        if c.kind != profile.kind || !eligible(c, rules) {
            return;
        }
        let mut named = false;
        if !holder && !quick.may_reach(c) {
            return;
        }
        if !holder && name_required {
            other.name_of(c);
            named = true;
            if !scorer.name_passes(profile.name(), other.name()) {
                return;
            }
        }
        other.keys_of(c);
        let (shared, base) = scorer.shared(&profile.keys, &other.keys);
        if !scorer.may_reach(base) {
            return;
        }
        if !named {
            other.name_of(c);
        }
        if let Some(s) = scorer.finish(shared, base, profile.name(), other.name(), true) {
            hits.push((pos, s));
        }
    };
    // Merge the two sorted lists, each position once.
    let (mut i, mut j) = (0, 0);
    while i < holders.len() || j < by_name.len() {
        match (holders.get(i), by_name.get(j)) {
            (Some(&h), Some(&n)) if h == n => {
                consider(h, true);
                i += 1;
                j += 1;
            }
            (Some(&h), Some(&n)) if h < n => {
                consider(h, true);
                i += 1;
            }
            (Some(&h), None) => {
                consider(h, true);
                i += 1;
            }
            (_, Some(&n)) => {
                consider(n, false);
                j += 1;
            }
            (None, None) => break,
        }
    }
    hits.sort_by(|x, y| y.1.score.total_cmp(&x.1.score).then(x.0.cmp(&y.0)));
    hits.truncate(rules.limit);
    hits.into_iter()
        .map(|(pos, s)| DuplicateMatch {
            customer: state.customers[pos as usize].id,
            score: s.score,
            reasons: scorer.reasons(profile, &s),
        })
        .collect()
}

/// A cheap test on a raw record that it may share enough addresses, email
/// local parts and organisations with the subject to reach the threshold
/// (with the name signal at its best), before anything is folded. Exact: it
/// only rules out records that could not.
struct QuickCheck<'a> {
    rules: &'a DuplicateRules,
    orgs: Vec<CustomerId>,
    locals: Vec<&'a str>,
    /// Per address key: the digit runs of its street line ("501", "75").
    house_numbers: Vec<Vec<&'a str>>,
}

impl<'a> QuickCheck<'a> {
    fn of(p: &'a Profile, rules: &'a DuplicateRules) -> Self {
        let mut q = Self {
            rules,
            orgs: Vec::new(),
            locals: Vec::new(),
            house_numbers: Vec::new(),
        };
        for (key, value) in p.keys.iter().zip(&p.values) {
            match (kind_of(*key), value) {
                (ORGANIZATION, Value::Org(o)) => q.orgs.push(*o),
                (LOCAL, Value::Text(t)) => q.locals.push(t),
                (ADDRESS, Value::Text(t)) => {
                    let line = t.split(" # ").next().unwrap_or_default();
                    let line = line.split(", ").next().unwrap_or_default();
                    q.house_numbers.push(digit_runs(line));
                }
                _ => {}
            }
        }
        q
    }

    /// Whether `c` (sharing no email or phone) could reach the threshold.
    fn may_reach(&self, c: &Customer) -> bool {
        let r = self.rules;
        let mut best = r.name;
        if !self.orgs.is_empty()
            && c.memberships
                .iter()
                .any(|m| self.orgs.contains(&m.organization))
        {
            best += r.organization;
        }
        if !self.locals.is_empty()
            && c.emails()
                .any(|e| self.locals.iter().any(|l| same_local(e, l)))
        {
            best += r.email_local_part;
        }
        if !self.house_numbers.is_empty()
            && c.contacts.iter().any(|x| match x {
                ContactPoint::Address { address, .. } => {
                    address.lines.first().is_some_and(|first| {
                        raw_digit_runs(first).is_none_or(|runs| self.house_numbers.contains(&runs))
                    })
                }
                _ => false,
            })
        {
            best += r.address;
        }
        best >= r.threshold - 1e-9
    }
}

/// Whether the local part of `email` (`+tags` and dots aside) is `key`, as
/// [`local_key`] would find, without allocating.
fn same_local(email: &str, key: &str) -> bool {
    let Some((local, _)) = email.rsplit_once('@') else {
        return false;
    };
    let local = match local.split_once('+') {
        Some((l, _)) if !l.is_empty() => l,
        _ => local,
    };
    local.chars().filter(|c| *c != '.').eq(key.chars())
}

/// The runs of ASCII digits in folded text.
fn digit_runs(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty())
        .collect()
}

/// Whether folding `c` cannot make a digit: ASCII other than digits aside,
/// Latin letters with diacritics (Vietnamese included) and combining marks.
fn plain(c: char) -> bool {
    matches!(c as u32, 0xC0..=0x17F | 0x300..=0x36F | 0x1E00..=0x1EFF)
}

/// The runs of ASCII digits in raw text, or `None` when folding could add
/// digits (any other non-ASCII character: "２", "½", "Ƽ").
fn raw_digit_runs(s: &str) -> Option<Vec<&str>> {
    if s.chars().any(|c| !c.is_ascii() && !plain(c)) {
        return None;
    }
    Some(digit_runs(s))
}

/// Every customer whose name could pass the name test against `name`: for
/// some alternative, all its words but at most one paired (equal, or a typo
/// within bounds), where leaving a word out is tried only when the
/// similarity could still reach `min`. A superset: the score checks each one.
pub(super) fn name_candidates(ctx: &NameCtx<'_>, name: Name<'_>, min: f64) -> Vec<u32> {
    let mut out = Vec::new();
    for (alt, words) in name.words.split('|').enumerate() {
        alternative_candidates(ctx, words, name.middle_of(alt), min, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn alternative_candidates(
    ctx: &NameCtx<'_>,
    words: &str,
    middle: u8,
    min: f64,
    out: &mut Vec<u32>,
) {
    let (w, n, _) = split(words);
    if n == 0 {
        return;
    }
    // Per word: the posting lists of the words it may pair with.
    let sources: Vec<Vec<&[u32]>> = w[..n]
        .iter()
        .map(|word| {
            let mut lists = vec![ctx.index.name_postings(word)];
            let k = query_edits(word.len());
            if k > 0 && ctx.metric != super::NameMetric::Exact {
                for s in ctx.index.similar_name_tokens(word, k) {
                    if s != *word && ctx.may_pair(word, s) {
                        lists.push(ctx.index.name_postings(s));
                    }
                }
            }
            lists
        })
        .collect();
    out.extend(intersect(&sources, None));
    if n >= 2 {
        for left_out in 0..n {
            // The most paired letters without it, and what it costs unpaired.
            let paired: usize = (0..n)
                .filter(|j| *j != left_out)
                .map(|j| 2 * w[j].len() + query_edits(w[j].len()))
                .sum();
            let weight = if middle & (1 << left_out) != 0 {
                DROPPED_MIDDLE
            } else {
                1.0
            };
            let bound =
                paired as f64 / (paired as f64 + weight * unpaired_weight(w[left_out].len()));
            if bound >= min - 1e-9 {
                out.extend(intersect(&sources, Some(left_out)));
            }
        }
    }
}

/// Positions present in (at least one list of) every word's sources, the
/// word `skip` excepted.
fn intersect(sources: &[Vec<&[u32]>], skip: Option<usize>) -> Vec<u32> {
    let mut order: Vec<(usize, usize)> = sources
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(i, lists)| (lists.iter().map(|l| l.len()).sum(), i))
        .collect();
    order.sort_unstable();
    let Some(&(_, first)) = order.first() else {
        return Vec::new();
    };
    let mut cands: Vec<u32> = sources[first]
        .iter()
        .flat_map(|l| l.iter().copied())
        .collect();
    if sources[first].len() > 1 {
        cands.sort_unstable();
        cands.dedup();
    }
    let mut keep = Vec::new();
    for &(_, i) in &order[1..] {
        if cands.is_empty() {
            break;
        }
        keep.clear();
        keep.resize(cands.len(), false);
        for list in &sources[i] {
            mark_common(&cands, list, &mut keep);
        }
        let mut k = keep.iter();
        cands.retain(|_| k.next().copied().unwrap_or(false));
    }
    cands
}

/// Sets `keep[i]` for every `a[i]` also in `b` (both sorted), galloping
/// through the longer list.
fn mark_common(a: &[u32], b: &[u32], keep: &mut [bool]) {
    if a.len() <= b.len() {
        let mut from = 0;
        for (i, x) in a.iter().enumerate() {
            from = gallop(b, from, *x);
            if from >= b.len() {
                break;
            }
            if b[from] == *x {
                keep[i] = true;
            }
        }
    } else {
        let mut from = 0;
        for y in b {
            from = gallop(a, from, *y);
            if from >= a.len() {
                break;
            }
            if a[from] == *y {
                keep[from] = true;
            }
        }
    }
}

/// The first index at or after `from` whose value is at least `x`.
fn gallop(s: &[u32], from: usize, x: u32) -> usize {
    let mut step = 1;
    let mut lo = from;
    let mut hi = from;
    while hi < s.len() && s[hi] < x {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    let hi = hi.min(s.len());
    lo + s[lo..hi].partition_point(|v| *v < x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_plain_letters_never_makes_digits() {
        // What `raw_digit_runs` relies on.
        for c in (0x80u32..0x3_0000).filter_map(char::from_u32) {
            if plain(c) {
                let f = crate::text::fold(&c.to_string());
                assert!(!f.bytes().any(|b| b.is_ascii_digit()), "{c:?} -> {f}");
            }
        }
        assert_eq!(raw_digit_runs("501/75 Láng Hạ"), Some(vec!["501", "75"]));
        assert_eq!(raw_digit_runs("１２ Lê Lợi"), None);
        assert_eq!(digit_runs("501 75 lang ha"), vec!["501", "75"]);
        for (email, key) in [
            ("duc.nguyen+x@gmail.com", "ducnguyen"),
            ("a.b.c.d@x.vn", "abcd"),
        ] {
            assert!(same_local(email, key));
            assert_eq!(
                super::super::profile::local_key(email).as_deref(),
                Some(key)
            );
        }
        assert!(!same_local("ducnguyen1@gmail.com", "ducnguyen"));
    }

    #[test]
    fn gallop_and_mark() {
        let b: Vec<u32> = (0..1000).map(|i| i * 3).collect();
        assert_eq!(gallop(&b, 0, 0), 0);
        assert_eq!(gallop(&b, 0, 4), 2);
        assert_eq!(gallop(&b, 2, 2999), 1000);
        assert_eq!(gallop(&b, 5, 3000), 1000);
        let a = vec![3, 4, 9, 2997, 5000];
        let mut keep = vec![false; a.len()];
        mark_common(&a, &b, &mut keep);
        assert_eq!(keep, vec![true, false, true, true, false]);
        let mut keep = vec![false; b.len()];
        mark_common(&b, &a, &mut keep);
        assert_eq!(keep.iter().filter(|k| **k).count(), 3);
        assert!(keep[1] && keep[3] && keep[999]);
    }
}
