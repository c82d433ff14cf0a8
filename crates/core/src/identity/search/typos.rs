//! Typo tolerance: a symmetric-deletion index over the name words and a
//! Damerau-Levenshtein distance on folded (ASCII) words.

use crate::workspace::state::Map;
use std::hash::BuildHasher;

/// Words (and typo keys) longer than this are indexed for exact and prefix
/// matches only.
pub(super) const MAX_TYPO_WORD: usize = 32;

/// Customers (or words) holding one key: almost always one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Ids {
    One(u32),
    Many(Vec<u32>),
}

impl Ids {
    pub(super) fn as_slice(&self) -> &[u32] {
        match self {
            Ids::One(id) => std::slice::from_ref(id),
            Ids::Many(v) => v,
        }
    }
}

/// Symmetric-deletion typo index: every name word of 2+ letters is filed
/// under the hashes of its 1-deletion variants, words of 8+ letters also
/// under their 2-deletion variants. Two words within Damerau-Levenshtein
/// distance `k` share a variant of at most `k` deletions each, so a query
/// looks up its own variants (and, in the vocabulary, the variants as words)
/// instead of comparing against every word. Candidates are then checked with
/// the real distance, so hash collisions cost time, never correctness.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Deletions {
    pub(super) map: Map<u64, Ids>,
}

pub(super) fn variant_hash(bytes: &[u8]) -> u64 {
    foldhash::fast::FixedState::with_seed(0x5eed_0f7e).hash_one(bytes)
}

/// How many deletions of a word of `len` bytes are indexed.
pub(super) fn indexed_depth(len: usize) -> usize {
    match len {
        0 | 1 => 0,
        2..=7 => 1,
        _ if len <= MAX_TYPO_WORD => 2,
        _ => 0,
    }
}

/// Calls `f` with every distinct variant of `word` with 1 to `depth`
/// deletions (`depth <= 2`).
pub(super) fn for_each_variant(word: &[u8], depth: usize, mut f: impl FnMut(&[u8])) {
    let n = word.len();
    if depth == 0 || n == 0 || n > MAX_TYPO_WORD {
        return;
    }
    let mut buf = [0u8; MAX_TYPO_WORD];
    let mut seen: Vec<u64> = Vec::new();
    let mut emit = |v: &[u8], f: &mut dyn FnMut(&[u8])| {
        let h = variant_hash(v);
        if !seen.contains(&h) {
            seen.push(h);
            f(v);
        }
    };
    for i in 0..n {
        // Deleting one of a run of equal letters gives the same variant.
        if i > 0 && word[i] == word[i - 1] {
            continue;
        }
        let len = n - 1;
        buf[..i].copy_from_slice(&word[..i]);
        buf[i..len].copy_from_slice(&word[i + 1..]);
        emit(&buf[..len], &mut f);
        if depth >= 2 && len > 0 {
            let one = buf;
            let mut two = [0u8; MAX_TYPO_WORD];
            for j in i..len {
                if j > i && one[j] == one[j - 1] {
                    continue;
                }
                let l2 = len - 1;
                two[..j].copy_from_slice(&one[..j]);
                two[j..l2].copy_from_slice(&one[j + 1..len]);
                emit(&two[..l2], &mut f);
            }
        }
    }
}

impl Deletions {
    pub(super) fn insert(&mut self, word: &str, id: u32) {
        for_each_variant(word.as_bytes(), indexed_depth(word.len()), |v| {
            let h = variant_hash(v);
            match self.map.get_mut(&h) {
                None => {
                    self.map.insert(h, Ids::One(id));
                }
                Some(ids) => match ids {
                    Ids::One(x) if *x == id => {}
                    Ids::One(x) => {
                        let mut v = vec![*x, id];
                        v.sort_unstable();
                        *ids = Ids::Many(v);
                    }
                    Ids::Many(v) => {
                        if let Err(i) = v.binary_search(&id) {
                            v.insert(i, id);
                        }
                    }
                },
            }
        });
    }

    pub(super) fn remove(&mut self, word: &str, id: u32) {
        for_each_variant(word.as_bytes(), indexed_depth(word.len()), |v| {
            let h = variant_hash(v);
            let drop_key = match self.map.get_mut(&h) {
                None => false,
                Some(Ids::One(x)) => *x == id,
                Some(ids @ Ids::Many(_)) => {
                    if let Ids::Many(v) = ids {
                        if let Ok(i) = v.binary_search(&id) {
                            v.remove(i);
                        }
                        if v.len() == 1 {
                            *ids = Ids::One(v[0]);
                        }
                    }
                    false
                }
            };
            if drop_key {
                self.map.remove(&h);
            }
        });
    }

    pub(super) fn get(&self, variant: &[u8]) -> &[u32] {
        self.map
            .get(&variant_hash(variant))
            .map_or(&[], Ids::as_slice)
    }

    pub(super) fn heap_bytes(&self) -> usize {
        let lists: usize = self
            .map
            .values()
            .map(|ids| match ids {
                Ids::One(_) => 0,
                Ids::Many(v) => v.capacity() * 4,
            })
            .sum();
        self.map.capacity() * (std::mem::size_of::<(u64, Ids)>() + 1) + lists
    }
}

/// Damerau-Levenshtein distance (adjacent transpositions, unrestricted) of
/// two byte strings, or `None` when it is more than `max`.
pub(super) fn distance_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    if a == b {
        return Some(0);
    }
    let (n, m) = (a.len(), b.len());
    let inf = n + m;
    let w = m + 2;
    let mut d = vec![0usize; (n + 2) * w];
    d[0] = inf;
    for i in 0..=n {
        d[(i + 1) * w] = inf;
        d[(i + 1) * w + 1] = i;
    }
    for j in 0..=m {
        d[j + 1] = inf;
        d[w + j + 1] = j;
    }
    let mut last_row = [0usize; 256];
    for i in 1..=n {
        let mut last_match_col = 0;
        for j in 1..=m {
            let i1 = last_row[b[j - 1] as usize];
            let j1 = last_match_col;
            let cost = if a[i - 1] == b[j - 1] {
                last_match_col = j;
                0
            } else {
                1
            };
            d[(i + 1) * w + j + 1] = (d[i * w + j] + cost)
                .min(d[(i + 1) * w + j] + 1)
                .min(d[i * w + j + 1] + 1)
                .min(d[i1 * w + j1] + (i - i1 - 1) + 1 + (j - j1 - 1));
        }
        last_row[a[i - 1] as usize] = i;
    }
    let dist = d[(n + 1) * w + m + 1];
    (dist <= max).then_some(dist)
}
