//! Name search index: folded tokens (case, diacritics and `đ` removed) to
//! customer positions, prefix-aware through an ordered map.

use crate::customer::{Customer, Names};
use crate::text::{fold, tokens};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SearchIndex {
    /// Folded token -> sorted customer positions.
    postings: BTreeMap<Box<str>, Vec<u32>>,
    /// Per customer position: its folded, de-duplicated name tokens joined by spaces.
    keys: Vec<Box<str>>,
}

fn key_of(names: &Names) -> Box<str> {
    let mut words: Vec<String> = Vec::new();
    for part in [
        Some(names.full.as_str()),
        names.display.as_deref(),
        names.given.as_deref(),
        names.family.as_deref(),
    ]
    .into_iter()
    .flatten()
    {
        for t in tokens(&fold(part)) {
            if !words.iter().any(|w| w == t) {
                words.push(t.to_owned());
            }
        }
    }
    words.join(" ").into_boxed_str()
}

impl SearchIndex {
    /// Follows a customer's record after any event about it.
    pub(crate) fn update(&mut self, pos: u32, customer: &Customer) {
        self.set(pos, &customer.names);
    }

    /// Indexes (or re-indexes) the customer at `pos`.
    pub(crate) fn set(&mut self, pos: u32, names: &Names) {
        let key = key_of(names);
        let p = pos as usize;
        if p < self.keys.len() {
            if self.keys[p] == key {
                return;
            }
            let old = std::mem::take(&mut self.keys[p]);
            for t in tokens(&old) {
                if let Some(list) = self.postings.get_mut(t) {
                    if let Ok(i) = list.binary_search(&pos) {
                        list.remove(i);
                    }
                    if list.is_empty() {
                        self.postings.remove(t);
                    }
                }
            }
        } else {
            self.keys.resize(p + 1, Box::from(""));
        }
        for t in tokens(&key) {
            let list = self.postings.entry(Box::from(t)).or_default();
            if let Err(i) = list.binary_search(&pos) {
                list.insert(i, pos);
            }
        }
        self.keys[p] = key;
    }

    /// Customer positions whose names match every word of `query` (each query
    /// word is a prefix of some name word), best first: exact word matches
    /// score 2, prefix matches 1; ties go to shorter names, then older customers.
    pub(crate) fn search(
        &self,
        query: &str,
        limit: usize,
        mut keep: impl FnMut(u32) -> bool,
    ) -> Vec<(u32, u32)> {
        let folded = fold(query);
        let words: Vec<&str> = tokens(&folded).collect();
        if words.is_empty() || limit == 0 {
            return Vec::new();
        }
        // The query word with the fewest candidates drives the search.
        let mut best: Option<(usize, &str)> = None;
        for w in &words {
            let cost: usize = self.prefix_range(w).map(|(_, l)| l.len()).sum();
            if cost == 0 {
                return Vec::new();
            }
            if best.is_none_or(|(c, _)| cost < c) {
                best = Some((cost, w));
            }
        }
        let Some((_, driver)) = best else {
            return Vec::new();
        };
        let mut candidates: Vec<u32> = self
            .prefix_range(driver)
            .flat_map(|(_, l)| l.iter().copied())
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut hits: Vec<(u32, u32, usize)> = Vec::new();
        for pos in candidates {
            let Some(key) = self.keys.get(pos as usize) else {
                continue;
            };
            let mut score = 0;
            let all = words.iter().all(|w| {
                let mut best_word = 0;
                for t in tokens(key) {
                    if t == *w {
                        best_word = 2;
                        break;
                    }
                    if t.starts_with(w) {
                        best_word = 1;
                    }
                }
                score += best_word;
                best_word > 0
            });
            if all && keep(pos) {
                hits.push((pos, score, key.len()));
            }
        }
        let order = |a: &(u32, u32, usize), b: &(u32, u32, usize)| {
            b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0))
        };
        // Select the best `limit` first, then sort only those.
        if hits.len() > limit {
            hits.select_nth_unstable_by(limit, order);
            hits.truncate(limit);
        }
        hits.sort_unstable_by(order);
        hits.into_iter().map(|(p, s, _)| (p, s)).collect()
    }

    /// Customer positions whose names contain the folded word `token` exactly.
    pub(crate) fn name_postings(&self, token: &str) -> &[u32] {
        self.postings.get(token).map_or(&[], Vec::as_slice)
    }

    /// Name words within `max_edits` (Damerau-Levenshtein) of the folded `token`.
    pub(crate) fn similar_name_tokens(&self, token: &str, max_edits: usize) -> Vec<&str> {
        let len = token.chars().count();
        self.postings
            .keys()
            .filter(|k| k.chars().count().abs_diff(len) <= max_edits)
            .filter(|k| strsim::damerau_levenshtein(k, token) <= max_edits)
            .map(|k| &**k)
            .collect()
    }

    fn prefix_range<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a Box<str>, &'a Vec<u32>)> + 'a {
        self.postings
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(move |(k, _)| k.starts_with(prefix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(full: &str) -> Names {
        Names {
            full: full.into(),
            ..Names::default()
        }
    }

    #[test]
    fn folds_and_prefixes() {
        let mut ix = SearchIndex::default();
        ix.set(0, &names("Nguyễn Văn Đức"));
        ix.set(1, &names("Nguyễn Thị Ánh"));
        ix.set(2, &names("Đức Phúc"));
        fn hit(ix: &SearchIndex, q: &str) -> Vec<u32> {
            ix.search(q, 10, |_| true)
                .into_iter()
                .map(|h| h.0)
                .collect()
        }
        assert_eq!(hit(&ix, "nguyen van duc"), vec![0]);
        assert_eq!(hit(&ix, "NGUYEN"), vec![0, 1]);
        assert_eq!(hit(&ix, "duc"), vec![2, 0]);
        assert_eq!(hit(&ix, "ngu an"), vec![1]);
        assert!(hit(&ix, "tran").is_empty());
        ix.set(2, &names("Trần Phúc"));
        assert_eq!(hit(&ix, "duc"), vec![0]);
        assert_eq!(hit(&ix, "tran"), vec![2]);
    }
}
