//! Running a query: reading the text, planning each word, intersecting the
//! words' customers, ranking and paging.

use super::index::{distinct_words, phone_key, Entry, SearchIndex, PHONE_KEY_DIGITS};
use super::*;
use crate::customer::CustomerKind;
use crate::error::{Error, Result};
use crate::text::{fold, nfc, normalize_phone};
use crate::workspace::state::State;
use std::collections::BinaryHeap;

#[derive(Debug, Clone, Copy)]
pub(super) struct Filter {
    pub(super) kind: Option<CustomerKind>,
    pub(super) include_archived: bool,
}

/// What one query word matches: name and tag words with their scores.
#[derive(Debug, Default)]
pub(super) struct WordPlan {
    pub(super) names: Vec<(u32, u32)>,
    pub(super) tags: Vec<(u32, u32)>,
    /// Sum of the postings' lengths: the work of listing its customers.
    pub(super) cost: usize,
}

impl WordPlan {
    pub(super) fn new(ix: &SearchIndex, word: &str, typos: bool) -> Self {
        let mut plan = WordPlan::default();
        for (w, id) in ix.names.prefixed(word) {
            let score = if w.len() == word.len() {
                SCORE_NAME_EXACT
            } else {
                SCORE_NAME_PREFIX
            };
            plan.names.push((id, score));
        }
        let max_edits = match word.len() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        if typos && max_edits > 0 {
            for (id, d) in ix.similar_ids(word, max_edits) {
                if d == 0 || ix.names.word(id).starts_with(word) {
                    continue;
                }
                let score = if d == 1 {
                    SCORE_NAME_TYPO1
                } else {
                    SCORE_NAME_TYPO2
                };
                plan.names.push((id, score));
            }
        }
        for (w, id) in ix.tags.prefixed(word) {
            let score = if w.len() == word.len() {
                SCORE_TAG_EXACT
            } else {
                SCORE_TAG_PREFIX
            };
            plan.tags.push((id, score));
        }
        plan.names.sort_unstable();
        plan.tags.sort_unstable();
        plan.cost = plan
            .names
            .iter()
            .map(|&(id, _)| ix.names.postings(id).len())
            .chain(plan.tags.iter().map(|&(id, _)| ix.tags.postings(id).len()))
            .sum();
        plan
    }

    pub(super) fn is_empty(&self) -> bool {
        self.cost == 0
    }

    pub(super) fn lists<'a>(&self, ix: &'a SearchIndex) -> Vec<(&'a [u32], u32)> {
        self.names
            .iter()
            .map(|&(id, s)| (ix.names.postings(id), s))
            .chain(self.tags.iter().map(|&(id, s)| (ix.tags.postings(id), s)))
            .filter(|(l, _)| !l.is_empty())
            .collect()
    }

    /// The best score of this word on a customer's entry, and what matched.
    pub(super) fn score_on(&self, e: &Entry<'_>) -> Option<(u32, MatchedField)> {
        let mut best: Option<(u32, MatchedField)> = None;
        let mut consider = |s: u32, f: MatchedField| {
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, f));
            }
        };
        for id in e.words {
            if let Ok(i) = self.names.binary_search_by_key(id, |&(x, _)| x) {
                let s = self.names[i].1;
                let f = if s >= SCORE_NAME_PREFIX {
                    MatchedField::Name
                } else {
                    MatchedField::NameTypo
                };
                consider(s, f);
            }
        }
        for id in e.tags {
            if let Ok(i) = self.tags.binary_search_by_key(id, |&(x, _)| x) {
                consider(self.tags[i].1, MatchedField::Tag);
            }
        }
        best
    }

    /// The customers this word matches and `filter` keeps, sorted by
    /// position, with their best score.
    pub(super) fn customers(&self, ix: &SearchIndex, filter: Filter) -> Candidates {
        let lists = self.lists(ix);
        let mut out = Candidates::default();
        if let [(list, score)] = lists.as_slice() {
            out.pos.reserve(list.len());
            out.pos
                .extend(list.iter().copied().filter(|&p| ix.keep(p, filter)));
            out.score = vec![*score; out.pos.len()];
            return out;
        }
        let n = ix.meta.len();
        if self.cost >= 4096 && self.cost >= n / 16 {
            // Dense: the best score per position in a byte array.
            let mut best = vec![0u8; n];
            for (list, score) in &lists {
                let s = u8::try_from(*score).unwrap_or(u8::MAX);
                for &p in *list {
                    if let Some(b) = best.get_mut(p as usize) {
                        *b = (*b).max(s);
                    }
                }
            }
            for (chunk_no, chunk) in best.chunks(8).enumerate() {
                if chunk.iter().all(|&b| b == 0) {
                    continue;
                }
                for (k, &s) in chunk.iter().enumerate() {
                    let Ok(p) = u32::try_from(chunk_no * 8 + k) else {
                        continue;
                    };
                    if s > 0 && ix.keep(p, filter) {
                        out.pos.push(p);
                        out.score.push(u32::from(s));
                    }
                }
            }
            return out;
        }
        let mut all: Vec<u64> = Vec::with_capacity(self.cost);
        for (list, score) in &lists {
            let inv = u64::from(u32::MAX - *score);
            all.extend(list.iter().map(|&p| (u64::from(p) << 32) | inv));
        }
        // Stable sort: it finds the sorted runs and merges them.
        all.sort();
        for k in all {
            let p = u32::try_from(k >> 32).unwrap_or(u32::MAX);
            if out.pos.last() == Some(&p) || !ix.keep(p, filter) {
                continue;
            }
            out.pos.push(p);
            out.score
                .push(u32::MAX - u32::try_from(k & 0xffff_ffff).unwrap_or(u32::MAX));
        }
        out
    }

    /// Keeps the candidates this word also matches, adding its score.
    pub(super) fn narrow(&self, ix: &SearchIndex, cands: &mut Candidates) {
        let lists = self.lists(ix);
        let mut best = vec![0u32; cands.pos.len()];
        let walk: usize = lists
            .iter()
            .map(|(l, _)| l.len().min(cands.pos.len()))
            .sum();
        if walk * 4 > self.cost + cands.pos.len() + 65_536 {
            // Many long lists: mark this word's customers in a byte array
            // once, then look every candidate up.
            let mut mark = vec![0u8; ix.meta.len()];
            for (list, score) in &lists {
                let s = u8::try_from(*score).unwrap_or(u8::MAX);
                for &p in *list {
                    if let Some(m) = mark.get_mut(p as usize) {
                        *m = (*m).max(s);
                    }
                }
            }
            for (b, &p) in best.iter_mut().zip(&cands.pos) {
                *b = u32::from(mark.get(p as usize).copied().unwrap_or(0));
            }
        } else {
            for (list, score) in lists {
                for_common(&cands.pos, list, |i| best[i] = best[i].max(score));
            }
        }
        let mut k = 0;
        for (i, &b) in best.iter().enumerate() {
            if b > 0 {
                cands.pos[k] = cands.pos[i];
                cands.score[k] = cands.score[i] + b;
                k += 1;
            }
        }
        cands.pos.truncate(k);
        cands.score.truncate(k);
    }
}

/// Customer positions (sorted) and their scores.
#[derive(Debug, Default)]
pub(super) struct Candidates {
    pub(super) pos: Vec<u32>,
    pub(super) score: Vec<u32>,
}

/// The first index at or after `from` whose value is at least `target`
/// (exponential then binary search).
pub(super) fn gallop(s: &[u32], from: usize, target: u32) -> usize {
    let rest = &s[from.min(s.len())..];
    let mut step = 1;
    while step <= rest.len() && rest[step - 1] < target {
        step *= 2;
    }
    let lo = step / 2;
    let hi = step.min(rest.len());
    from + lo + rest[lo..hi].partition_point(|&x| x < target)
}

/// Calls `hit(i)` for every `i` such that `cands[i]` is in `list` (both
/// sorted), walking the shorter one and galloping through the longer.
pub(super) fn for_common(cands: &[u32], list: &[u32], mut hit: impl FnMut(usize)) {
    if cands.len() <= list.len() {
        let mut j = 0;
        for (i, &p) in cands.iter().enumerate() {
            j = gallop(list, j, p);
            match list.get(j) {
                None => break,
                Some(&q) if q == p => {
                    hit(i);
                    j += 1;
                }
                Some(_) => {}
            }
        }
    } else {
        let mut i = 0;
        for &p in list {
            i = gallop(cands, i, p);
            match cands.get(i) {
                None => break,
                Some(&q) if q == p => {
                    hit(i);
                    i += 1;
                }
                Some(_) => {}
            }
        }
    }
}

/// Where a candidate was found.
pub(super) const VIA_WORDS: u8 = 1;
pub(super) const VIA_EMAIL: u8 = 2;
pub(super) const VIA_PHONE: u8 = 4;

/// A parsed query.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// Word plans, all of which must match.
    pub(super) words: Vec<WordPlan>,
    /// Lower-cased email query (whole or start).
    pub(super) email: Option<String>,
    /// The query normalised to E.164, if it is a phone number.
    pub(super) phone: Option<String>,
    /// Its digits, for matching the end of numbers (6 or more).
    pub(super) phone_digits: Option<String>,
}

pub(super) fn looks_like_phone(text: &str) -> bool {
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    digits >= PHONE_KEY_DIGITS
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()/".contains(c) || c.is_whitespace())
}

impl Plan {
    pub(super) fn new(
        ix: &SearchIndex,
        text: &str,
        region: Option<rlibphonenumber::Region>,
        typos: bool,
    ) -> Self {
        let mut plan = Plan::default();
        if text.contains('@') {
            plan.email = Some(nfc(text).to_lowercase());
            return plan;
        }
        if looks_like_phone(text) {
            plan.phone = normalize_phone("text", text, region).ok();
            plan.phone_digits = Some(text.chars().filter(char::is_ascii_digit).collect());
            return plan;
        }
        if !text.contains(char::is_whitespace)
            && text.contains(['.', '_', '-', '+'])
            && text.len() >= 3
        {
            plan.email = Some(nfc(text).to_lowercase());
        }
        let folded = fold(text);
        let mut words = distinct_words(&folded);
        words.truncate(MAX_QUERY_WORDS);
        plan.words = words.iter().map(|w| WordPlan::new(ix, w, typos)).collect();
        plan
    }

    /// Every matching customer: (position, score, via bits), sorted by position.
    pub(super) fn candidates(&self, state: &State, filter: Filter) -> Vec<(u32, u32, u8)> {
        let ix = &state.search;
        let mut found: Vec<(u32, u32, u8)> = Vec::new();
        if let Some(q) = &self.email {
            found.extend(email_matches(state, q, filter));
        }
        if self.phone.is_some() || self.phone_digits.is_some() {
            found.extend(phone_matches(state, self, filter));
        }
        if !self.words.is_empty() && self.words.iter().all(|w| !w.is_empty()) {
            let mut order: Vec<&WordPlan> = self.words.iter().collect();
            order.sort_by_key(|w| w.cost);
            let mut cands = order[0].customers(ix, filter);
            for w in &order[1..] {
                if cands.pos.is_empty() {
                    break;
                }
                w.narrow(ix, &mut cands);
            }
            if found.is_empty() {
                return cands
                    .pos
                    .into_iter()
                    .zip(cands.score)
                    .map(|(p, s)| (p, s, VIA_WORDS))
                    .collect();
            }
            found.extend(
                cands
                    .pos
                    .into_iter()
                    .zip(cands.score)
                    .map(|(p, s)| (p, s, VIA_WORDS)),
            );
        }
        found.sort_unstable();
        let mut out: Vec<(u32, u32, u8)> = Vec::with_capacity(found.len());
        for (p, s, via) in found {
            match out.last_mut() {
                Some(last) if last.0 == p => {
                    last.1 = last.1.max(s);
                    last.2 |= via;
                }
                _ => out.push((p, s, via)),
            }
        }
        out
    }

    pub(super) fn matched(&self, state: &State, pos: u32, via: u8) -> Vec<MatchedField> {
        let mut out = Vec::new();
        if via & VIA_WORDS != 0 {
            let e = state.search.entry(pos);
            for w in &self.words {
                if let Some((_, f)) = w.score_on(&e) {
                    out.push(f);
                }
            }
        }
        if via & VIA_EMAIL != 0 {
            out.push(MatchedField::Email);
        }
        if via & VIA_PHONE != 0 {
            out.push(MatchedField::Phone);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

pub(super) fn email_matches(state: &State, q: &str, filter: Filter) -> Vec<(u32, u32, u8)> {
    let ix = &state.search;
    let mut out = Vec::new();
    if q.is_empty() {
        return out;
    }
    let qb = q.as_bytes();
    let n = qb.len().min(16);
    let mut lo = [0u8; 16];
    lo[..n].copy_from_slice(&qb[..n]);
    let mut hi = [0xffu8; 16];
    hi[..n].copy_from_slice(&qb[..n]);
    for (key, pos) in ix.emails.range(lo, hi) {
        if !ix.keep(pos, filter) {
            continue;
        }
        let score = if qb.len() < 16 {
            if key[qb.len()] == 0 {
                SCORE_CONTACT_EXACT
            } else {
                SCORE_CONTACT_PART
            }
        } else {
            let Some(c) = state.customers.get(pos as usize) else {
                continue;
            };
            if c.emails().any(|e| e == q) {
                SCORE_CONTACT_EXACT
            } else if c.emails().any(|e| e.starts_with(q)) {
                SCORE_CONTACT_PART
            } else {
                continue;
            }
        };
        out.push((pos, score, VIA_EMAIL));
    }
    out
}

pub(super) fn phone_matches(state: &State, plan: &Plan, filter: Filter) -> Vec<(u32, u32, u8)> {
    let ix = &state.search;
    let mut out = Vec::new();
    let mut scan = |digits: &str, exact: Option<&str>| {
        let Some(key) = phone_key(digits) else {
            return;
        };
        for (_, pos) in ix.phones.range(key, key) {
            if !ix.keep(pos, filter) {
                continue;
            }
            let Some(c) = state.customers.get(pos as usize) else {
                continue;
            };
            if let Some(e164) = exact {
                if c.phones().any(|p| p == e164) {
                    out.push((pos, SCORE_CONTACT_EXACT, VIA_PHONE));
                }
            } else if c
                .phones()
                .any(|p| p.trim_start_matches('+').ends_with(digits))
            {
                out.push((pos, SCORE_CONTACT_PART, VIA_PHONE));
            }
        }
    };
    if let Some(e164) = &plan.phone {
        scan(e164.trim_start_matches('+'), Some(e164));
    }
    if let Some(d) = &plan.phone_digits {
        scan(d, None);
    }
    out
}

/// Runs a search over the workspace state (see the module documentation).
pub(crate) fn run<'a>(state: &'a State, q: &SearchQuery) -> Result<SearchResults<'a>> {
    if q.limit == 0 || q.limit > MAX_PAGE {
        return Err(Error::invalid_input(
            "limit",
            q.limit.to_string(),
            format!("a page holds 1 to {MAX_PAGE} hits"),
        ));
    }
    let text = q.text.trim();
    if text.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::invalid_input(
            "text",
            text.chars().take(40).collect::<String>() + "...",
            format!("a search text holds at most {MAX_QUERY_CHARS} characters"),
        ));
    }
    if text.is_empty() {
        return Ok(SearchResults::default());
    }
    let ix = &state.search;
    let plan = Plan::new(ix, text, state.region, q.typos);
    let filter = Filter {
        kind: q.kind,
        include_archived: q.include_archived,
    };
    let cands = plan.candidates(state, filter);
    let total = cands.len();
    // The best `offset + limit` by one sortable key: score (high first),
    // folded name length, position; a bounded max-heap keeps them.
    let need = q.offset.saturating_add(q.limit);
    let mut best: BinaryHeap<u64> = BinaryHeap::with_capacity(need.min(total) + 1);
    for &(p, s, _) in &cands {
        let key = (u64::from(0x7_ffff_u32.saturating_sub(s)) << 45)
            | (ix.name_len(p) << 32)
            | u64::from(p);
        if best.len() < need {
            best.push(key);
        } else if best.peek().is_some_and(|&worst| key < worst) {
            best.pop();
            best.push(key);
        }
    }
    let hits = best
        .into_sorted_vec()
        .into_iter()
        .skip(q.offset)
        .filter_map(|key| {
            let p = u32::try_from(key & 0xffff_ffff).ok()?;
            let i = cands.binary_search_by_key(&p, |c| c.0).ok()?;
            let (_, score, via) = cands[i];
            state.customers.get(p as usize).map(|customer| SearchHit {
                customer,
                score,
                matched: plan.matched(state, p, via),
            })
        })
        .collect();
    Ok(SearchResults {
        hits,
        total,
        next_offset: (need < total).then_some(need),
    })
}
