//! The whole-workspace scan: profiles, blocking keys sorted and grouped,
//! candidate pairs within groups de-duplicated, each scored once.

use super::lookup::eligible;
use super::names::{split, Name};
use super::profile::{hash, kind_of, Profile, ProfileRef};
use super::score::Scorer;
use super::{DuplicatePair, DuplicateReport, DuplicateRules, ScanPhase, ScanProgress};
use crate::customer::CustomerKind;
use crate::workspace::State;

/// Every customer's profile in flat arrays (no allocation per customer).
struct Table {
    kinds: Vec<CustomerKind>,
    /// Per position: range of its words in `text` (empty when not eligible).
    words: Vec<(usize, usize)>,
    middle: Vec<u16>,
    text: String,
    /// Per position: range of its keys in `keys`.
    key_ranges: Vec<(usize, usize)>,
    keys: Vec<u64>,
}

impl Table {
    fn get(&self, pos: u32) -> ProfileRef<'_> {
        let p = pos as usize;
        let (ws, we) = self.words[p];
        let (ks, ke) = self.key_ranges[p];
        ProfileRef {
            kind: self.kinds[p],
            name: Name {
                words: &self.text[ws..we],
                middle: self.middle[p],
            },
            keys: &self.keys[ks..ke],
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Calls `progress` about every 1 % of `total`; false when it asks to stop.
struct Ticker<'p> {
    progress: &'p mut dyn FnMut(ScanProgress) -> bool,
    phase: ScanPhase,
    total: usize,
    step: usize,
    next: usize,
}

impl<'p> Ticker<'p> {
    fn start(
        progress: &'p mut dyn FnMut(ScanProgress) -> bool,
        phase: ScanPhase,
        total: usize,
    ) -> (Self, bool) {
        let go = progress(ScanProgress {
            phase,
            done: 0,
            total,
        });
        let step = total.div_ceil(100).max(1);
        (
            Self {
                progress,
                phase,
                total,
                step,
                next: step,
            },
            go,
        )
    }

    #[inline]
    fn tick(&mut self, done: usize) -> bool {
        if done < self.next {
            return true;
        }
        self.next = done + self.step;
        (self.progress)(ScanProgress {
            phase: self.phase,
            done,
            total: self.total,
        })
    }

    fn finish(self) -> (&'p mut dyn FnMut(ScanProgress) -> bool, bool) {
        let go = (self.progress)(ScanProgress {
            phase: self.phase,
            done: self.total,
            total: self.total,
        });
        (self.progress, go)
    }
}

/// Name keys of a profile's words (each alternative): the whole name and
/// each pair of words.
fn name_keys(words: &str, out: &mut Vec<u64>) {
    for alt in words.split('|').filter(|a| !a.is_empty()) {
        out.push(hash(&(0u8, alt)));
        let (w, n, _) = split(alt);
        for i in 0..n {
            for j in i + 1..n {
                out.push(hash(&(1u8, w[i], w[j])));
            }
        }
    }
}

/// Mixes the customer kind into a blocking key (people and organisations
/// never share a group).
fn block_key(key: u64, kind: CustomerKind) -> u64 {
    match kind {
        CustomerKind::Person => key,
        // The low 61 bits only: the top 3 keep the signal kind.
        CustomerKind::Organization => key ^ 0x1E37_79B9_7F4A_7C15,
    }
}

pub(super) fn scan(
    state: &State,
    rules: &DuplicateRules,
    progress: &mut dyn FnMut(ScanProgress) -> bool,
) -> DuplicateReport {
    let scorer = Scorer::new(rules, &state.search);
    let n = state.customers.len();
    let mut report = DuplicateReport {
        pairs: Vec::new(),
        customers: 0,
        comparisons: 0,
        skipped_blocks: 0,
        cancelled: false,
    };
    let name_blocks = rules.name >= rules.threshold - 1e-9;

    // Phase 1: profiles and blocking entries.
    let mut table = Table {
        kinds: Vec::with_capacity(n),
        words: Vec::with_capacity(n),
        middle: Vec::with_capacity(n),
        text: String::with_capacity(n * 16),
        key_ranges: Vec::with_capacity(n),
        keys: Vec::with_capacity(n * 3),
    };
    let mut entries: Vec<(u64, u32)> = Vec::with_capacity(n * 3);
    let mut scratch = Profile::default();
    let mut nk = Vec::new();
    let (mut ticker, mut go) = Ticker::start(progress, ScanPhase::Profiles, n);
    for (p, c) in state.customers.iter().enumerate() {
        if !go {
            break;
        }
        let pos = to_u32(p);
        let ok = eligible(c, rules);
        table.kinds.push(c.kind);
        if !ok {
            let t = table.text.len();
            let k = table.keys.len();
            table.words.push((t, t));
            table.middle.push(0);
            table.key_ranges.push((k, k));
            go = ticker.tick(p + 1);
            continue;
        }
        report.customers += 1;
        scratch.of_customer(c, false);
        let ws = table.text.len();
        table.text.push_str(&scratch.words);
        table.words.push((ws, table.text.len()));
        table.middle.push(scratch.middle);
        let ks = table.keys.len();
        table.keys.extend_from_slice(&scratch.keys);
        table.key_ranges.push((ks, table.keys.len()));
        for &k in &scratch.keys {
            if scorer.weights[kind_of(k)] > 0.0 {
                entries.push((block_key(k, c.kind), pos));
            }
        }
        if name_blocks {
            nk.clear();
            name_keys(&scratch.words, &mut nk);
            for &k in &nk {
                // Tag 7 marks name keys: their oversized groups are dropped.
                entries.push((block_key((7 << 61) | (k >> 3), c.kind), pos));
            }
        }
        go = ticker.tick(p + 1);
    }
    if !go {
        report.cancelled = true;
        return report;
    }
    let (progress, go) = ticker.finish();
    if !go {
        report.cancelled = true;
        return report;
    }

    // Phase 2: group by key into candidate pairs.
    let (mut ticker, mut go) = Ticker::start(progress, ScanPhase::Blocking, entries.len());
    entries.sort_unstable();
    let mut pairs: Vec<u64> = Vec::new();
    let mut sub: Vec<(u64, u32)> = Vec::new();
    let max = rules.max_block;
    let mut i = 0;
    while i < entries.len() && go {
        let key = entries[i].0;
        let mut j = i + 1;
        while j < entries.len() && entries[j].0 == key {
            j += 1;
        }
        let group = &entries[i..j];
        if group.len() > max {
            report.skipped_blocks += 1;
            if key >> 61 != 7 {
                // Split by name keys; only parts within the limit are compared.
                sub.clear();
                for &(_, pos) in group {
                    let words = table.get(pos).name.words;
                    nk.clear();
                    name_keys(words, &mut nk);
                    for &k in &nk {
                        sub.push((hash(&(key, k)), pos));
                    }
                }
                sub.sort_unstable();
                let mut a = 0;
                while a < sub.len() {
                    let mut b = a + 1;
                    while b < sub.len() && sub[b].0 == sub[a].0 {
                        b += 1;
                    }
                    if b - a <= max {
                        push_pairs(&sub[a..b], &mut pairs);
                    }
                    a = b;
                }
            }
        } else {
            push_pairs(group, &mut pairs);
        }
        i = j;
        go = ticker.tick(j);
    }
    drop(entries);
    if !go {
        report.cancelled = true;
        return report;
    }
    pairs.sort_unstable();
    pairs.dedup();
    let (progress, go) = ticker.finish();
    if !go {
        report.cancelled = true;
        return report;
    }

    // Phase 3: score each candidate pair once.
    let (mut ticker, mut go) = Ticker::start(progress, ScanPhase::Comparing, pairs.len());
    let mut found: Vec<(u32, u32, super::score::Scored)> = Vec::new();
    for (done, &pair) in pairs.iter().enumerate() {
        if !go {
            break;
        }
        let (a, b) = ((pair >> 32) as u32, pair as u32);
        report.comparisons += 1;
        if let Some(s) = scorer.score(table.get(a), table.get(b)) {
            found.push((a, b, s));
        }
        go = ticker.tick(done + 1);
    }
    if go {
        let (_, done) = ticker.finish();
        go = done;
    }
    report.cancelled = !go;

    found.sort_by(|x, y| {
        y.2.score
            .total_cmp(&x.2.score)
            .then(x.0.cmp(&y.0))
            .then(x.1.cmp(&y.1))
    });
    let mut profile = Profile::default();
    let mut last = None;
    report.pairs = found
        .into_iter()
        .map(|(a, b, s)| {
            let ca = &state.customers[a as usize];
            if last != Some(a) {
                profile.of_customer(ca, true);
                last = Some(a);
            }
            DuplicatePair {
                a: ca.id,
                b: state.customers[b as usize].id,
                score: s.score,
                reasons: scorer.reasons(&profile, &s),
            }
        })
        .collect();
    report
}

/// Every pair of distinct positions in a group, packed `a << 32 | b` with `a < b`.
fn push_pairs(group: &[(u64, u32)], pairs: &mut Vec<u64>) {
    for (x, &(_, a)) in group.iter().enumerate() {
        for &(_, b) in &group[x + 1..] {
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            if lo != hi {
                pairs.push((u64::from(lo) << 32) | u64::from(hi));
            }
        }
    }
}
