//! The name test: folded words paired one to one, typos within bounds,
//! scored by the chosen metric (see the module documentation of
//! [`duplicates`](super)).

use super::profile::MAX_WORDS;
use super::NameMetric;
use crate::identity::search::SearchIndex;

/// What the name test needs besides the two names.
#[derive(Debug, Clone, Copy)]
pub(super) struct NameCtx<'a> {
    pub metric: NameMetric,
    /// Refuse to pair two different words that are both in common use.
    pub distinct_known_words: bool,
    pub index: &'a SearchIndex,
}

/// How many typing errors a word of `len` letters may carry.
pub(super) fn max_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=8 => 1,
        _ => 2,
    }
}

/// How many typing errors may separate two words of `a` and `b` letters:
/// as for the shorter one with a letter more (a letter dropped from "Vinh"
/// still pairs "Vih" with it; "An" and "Anh" never pair).
pub(super) fn pair_edits(a: usize, b: usize) -> usize {
    max_edits(a.min(b) + 1)
}

/// The most typing errors a word of `len` letters may have with any word.
pub(super) fn query_edits(len: usize) -> usize {
    max_edits(len + 1)
}

/// An unpaired middle word (a dropped middle name) weighs this much in the
/// similarity's denominator when the other name has no unpaired word.
pub(super) const DROPPED_MIDDLE: f64 = 0.5;

/// What an unpaired word of `len` letters weighs in the similarity's
/// denominator: its length, but at least 4 (a two-letter given name such as
/// "Vy" or "My" is what tells two people apart).
pub(super) fn unpaired_weight(len: usize) -> f64 {
    len.max(4) as f64
}

/// Whether the optimal string alignment distance (Levenshtein plus swaps of
/// adjacent letters) between `a` and `b` is at most `k`.
pub(super) fn within_edits(a: &str, b: &str, k: usize) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > k {
        return false;
    }
    if a.len() >= 64 || b.len() >= 64 {
        return strsim::osa_distance(&String::from_utf8_lossy(a), &String::from_utf8_lossy(b)) <= k;
    }
    let n = b.len();
    let mut prev2 = [0usize; 64];
    let mut prev: [usize; 64] = std::array::from_fn(|j| j);
    let mut cur = [0usize; 64];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k {
            return false;
        }
        prev2 = prev;
        prev = cur;
    }
    prev[n] <= k
}

impl NameCtx<'_> {
    /// Whether both words are in common use (each in at least 3 names, the
    /// rarer in at least 2 % as many as the other).
    fn both_known(&self, a: &str, b: &str) -> bool {
        let fa = self.index.name_postings(a).len();
        let fb = self.index.name_postings(b).len();
        let (lo, hi) = if fa < fb { (fa, fb) } else { (fb, fa) };
        lo >= 3 && lo.saturating_mul(50) >= hi
    }

    /// Whether two different words may pair (a typo of each other).
    pub(super) fn may_pair(&self, a: &str, b: &str) -> bool {
        if self.metric == NameMetric::Exact {
            return false;
        }
        let k = pair_edits(a.len(), b.len());
        k > 0 && within_edits(a, b, k) && !(self.distinct_known_words && self.both_known(a, b))
    }

    /// The similarity of two words, if they may pair.
    pub(super) fn word_similarity(&self, a: &str, b: &str) -> Option<f64> {
        if a == b {
            return Some(1.0);
        }
        if !self.may_pair(a, b) {
            return None;
        }
        Some(match self.metric {
            NameMetric::JaroWinkler => strsim::jaro_winkler(a, b),
            NameMetric::Levenshtein => strsim::normalized_levenshtein(a, b),
            NameMetric::Exact => 0.0,
        })
    }

    /// The name similarity of two names (each: alternatives separated by
    /// `|`, sorted words joined by spaces, with a mask of middle words per
    /// alternative), the best over alternatives; `None` when no pair of
    /// alternatives passes the word test.
    pub(super) fn similarity(&self, a: Name<'_>, b: Name<'_>) -> Option<f64> {
        let mut best: Option<f64> = None;
        for (i, x) in a.words.split('|').enumerate() {
            for (j, y) in b.words.split('|').enumerate() {
                let s = self.similarity_one((x, a.middle_of(i)), (y, b.middle_of(j)));
                if let Some(s) = s {
                    if best.is_none_or(|b| s > b) {
                        best = Some(s);
                    }
                }
            }
        }
        best
    }

    /// The similarity of one alternative of each name.
    fn similarity_one(&self, (a, ma): (&str, u8), (b, mb): (&str, u8)) -> Option<f64> {
        if a.is_empty() || b.is_empty() {
            return None;
        }
        if a == b {
            return Some(1.0);
        }
        let (wa, na, _) = split(a);
        let (wb, nb, _) = split(b);
        let mut pairs = [(0.0f64, 0u8, 0u8); MAX_WORDS * MAX_WORDS];
        let mut n = 0;
        for (i, x) in wa[..na].iter().enumerate() {
            for (j, y) in wb[..nb].iter().enumerate() {
                if let Some(s) = self.word_similarity(x, y) {
                    pairs[n] = (s, i as u8, j as u8);
                    n += 1;
                }
            }
        }
        let pairs = &mut pairs[..n];
        pairs.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
        let (mut used_a, mut used_b) = (0u8, 0u8);
        let mut sum = 0.0;
        let mut paired_len = 0usize;
        for &(s, i, j) in pairs.iter() {
            if used_a & (1 << i) == 0 && used_b & (1 << j) == 0 {
                used_a |= 1 << i;
                used_b |= 1 << j;
                let len = wa[i as usize].len() + wb[j as usize].len();
                sum += s * len as f64;
                paired_len += len;
            }
        }
        let paired = used_a.count_ones() as usize;
        if paired == 0 || na - paired > 1 || nb - paired > 1 {
            return None;
        }
        let unpaired = |w: &[&str], n: usize, used: u8, middle: u8| -> Option<(usize, bool)> {
            (0..n)
                .find(|i| used & (1 << i) == 0)
                .map(|i| (w[i].len(), middle & (1 << i) != 0))
        };
        let rest = match (unpaired(&wa, na, used_a, ma), unpaired(&wb, nb, used_b, mb)) {
            (Some((l, true)), None) | (None, Some((l, true))) => {
                DROPPED_MIDDLE * unpaired_weight(l)
            }
            (x, y) => {
                x.map_or(0.0, |u| unpaired_weight(u.0)) + y.map_or(0.0, |u| unpaired_weight(u.0))
            }
        };
        Some(sum / (paired_len as f64 + rest))
    }
}

/// A name as compared: alternatives of sorted words separated by `|`, and
/// per alternative (8 bits each) which words were middle words (neither
/// first nor last in the name as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Name<'a> {
    pub words: &'a str,
    pub middle: u16,
}

impl Name<'_> {
    /// The middle-word mask of alternative `i`.
    pub(super) fn middle_of(&self, i: usize) -> u8 {
        (self.middle >> (8 * i.min(1))) as u8
    }
}

/// Up to [`MAX_WORDS`] words of one alternative, their count and their total length.
pub(super) fn split(s: &str) -> ([&str; MAX_WORDS], usize, usize) {
    let mut out = [""; MAX_WORDS];
    let mut n = 0;
    let mut total = 0;
    for w in s.split(' ').filter(|w| !w.is_empty()).take(MAX_WORDS) {
        out[n] = w;
        n += 1;
        total += w.len();
    }
    (out, n, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(index: &SearchIndex) -> NameCtx<'_> {
        NameCtx {
            metric: NameMetric::JaroWinkler,
            distinct_known_words: true,
            index,
        }
    }

    #[test]
    fn edits_are_bounded_and_swaps_count_once() {
        assert!(within_edits("nguyen", "nguyne", 1));
        assert!(within_edits("nguyen", "nguyn", 1));
        assert!(within_edits("nguyen", "nguyenn", 1));
        assert!(!within_edits("nguyen", "ngyuenn", 1));
        assert!(within_edits("nguyen", "ngyuenn", 2));
        assert!(!within_edits("abc", "xyz", 2));
        assert!(within_edits("", "", 0));
        assert_eq!(max_edits(3), 0);
        assert_eq!(max_edits(5), 1);
        assert_eq!(max_edits(9), 2);
        assert_eq!(pair_edits(3, 4), 1);
        assert_eq!(pair_edits(2, 3), 0);
    }

    fn name(words: &str, middle: u16) -> Name<'_> {
        Name { words, middle }
    }

    #[test]
    fn names_pair_word_by_word() {
        let ix = SearchIndex::default();
        let c = ctx(&ix);
        let sim = |a: &str, ma: u16, b: &str, mb: u16| c.similarity(name(a, ma), name(b, mb));
        assert_eq!(sim("duc nguyen van", 4, "duc nguyen van", 4), Some(1.0));
        let typo = sim("duc nguyen van", 4, "duc nguyn van", 4);
        assert!(typo.is_some_and(|s| s > 0.95), "{typo:?}");
        // A letter dropped from a 4-letter word still pairs it.
        let vih = sim("nguyen van vinh", 2, "nguyen van vih", 2);
        assert!(vih.is_some_and(|s| s > 0.88), "{vih:?}");
        // "An" and "Anh" are different names: short words never take a typo.
        let an = sim("an nguyen van", 4, "anh nguyen van", 4);
        assert!(an.is_some_and(|s| s < 0.88), "{an:?}");
        // Two words unpaired on one side: no name match at all.
        assert_eq!(sim("duc", 0, "duc nguyen van", 4), None);
        // A dropped middle name costs half its letters; another dropped word all.
        let dropped = sim("anh nguyen van", 4, "anh nguyen", 0);
        assert!(dropped.is_some_and(|s| s >= 0.88), "{dropped:?}");
        let given = sim("anh nguyen van", 4, "nguyen van", 0);
        assert!(given.is_some_and(|s| s < 0.88), "{given:?}");
        // Organisations also compare their second (display) name.
        assert_eq!(
            sim("an mai phat thuong|an phat", 0, "an phat", 0),
            Some(1.0)
        );
    }
}
