//! The index: folded name and tag words with their postings, email and
//! phone keys, and per customer what it has indexed (the base of diffs).

use super::query::Filter;
use super::typos::{distance_within, for_each_variant, Deletions, MAX_TYPO_WORD};
use crate::customer::{ContactPoint, Customer, CustomerKind};
use crate::text::{fold, tokens};
use crate::workspace::state::Map;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::BuildHasher;
use std::ops::Bound;

/// Email addresses are indexed by their first 16 bytes (zero-padded): prefix
/// searches are a range scan; longer queries are checked against the record.
pub(super) type EmailKey = [u8; 16];

/// Phone numbers are indexed by their last 6 digits.
pub(super) const PHONE_KEY_DIGITS: usize = 6;

/// `meta` bits per customer position.
pub(super) const LIVE: u16 = 1;
pub(super) const ARCHIVED: u16 = 2;
pub(super) const ORGANIZATION: u16 = 4;
pub(super) const FLAGS: u16 = LIVE | ARCHIVED | ORGANIZATION;
pub(super) const NAME_LEN_SHIFT: u16 = 3;
pub(super) const NAME_LEN_MAX: usize = (u16::MAX >> NAME_LEN_SHIFT) as usize;

/// The search index. One per workspace, in [`State`].
///
/// Equality is by content (what each customer has indexed), not by layout:
/// word ids depend on history (a replay of a log whose erased names were
/// redacted interns other words), answers do not.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchIndex {
    /// Folded name words and the customers holding them.
    pub(super) names: Vocab,
    /// Deletion neighbourhoods of the name words (typo tolerance).
    pub(super) typos: Deletions,
    /// Folded tag words and the customers holding them.
    pub(super) tags: Vocab,
    /// (first 16 bytes of an email, position).
    pub(super) emails: KeySet<EmailKey>,
    /// (last 6 digits of a phone, position).
    pub(super) phones: KeySet<u32>,
    /// Per position: what is indexed for it (see [`Entry`]), the base of diffs.
    pub(super) entries: Vec<Box<[u32]>>,
    /// Per position: live / archived / organisation bits and the folded full
    /// name's length, so filtering and tie-breaks never touch the records.
    pub(super) meta: Vec<u16>,
    /// Reused by every update.
    scratch: Fields,
}

impl PartialEq for SearchIndex {
    fn eq(&self, other: &Self) -> bool {
        let same_words = |a: &Vocab, x: &[u32], b: &Vocab, y: &[u32]| {
            x.len() == y.len() && x.iter().zip(y).all(|(&i, &j)| a.word(i) == b.word(j))
        };
        self.meta == other.meta
            && self.emails.same(&other.emails)
            && self.phones.same(&other.phones)
            && self.entries.len() == other.entries.len()
            && self.entries.iter().zip(&other.entries).all(|(a, b)| {
                let (a, b) = (Entry::of(a), Entry::of(b));
                same_words(&self.names, a.words, &other.names, b.words)
                    && same_words(&self.tags, a.tags, &other.tags, b.tags)
                    && a.phones == b.phones
                    && a.emails == b.emails
            })
    }
}

impl Eq for SearchIndex {}

/// Rough sizes of the index (for benchmarks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchStats {
    /// Distinct folded name words.
    pub name_words: usize,
    /// Distinct folded tag words.
    pub tag_words: usize,
    /// Keys of the typo (deletion-neighbourhood) index.
    pub typo_keys: usize,
    /// Indexed email addresses.
    pub emails: usize,
    /// Indexed phone numbers.
    pub phones: usize,
    /// Estimated heap bytes of the whole index (capacities, B-tree nodes and
    /// hash tables estimated).
    pub approx_heap_bytes: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Slot {
    pub(super) word: Box<str>,
    /// Sorted customer positions (empty for a free slot).
    pub(super) postings: Vec<u32>,
}

/// A vocabulary of folded words: word <-> id, ordered for prefix scans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Vocab {
    pub(super) ix: Map<Box<str>, u32>,
    pub(super) sorted: BTreeMap<Box<str>, u32>,
    pub(super) slots: Vec<Slot>,
    pub(super) free: Vec<u32>,
}

impl Vocab {
    pub(super) fn id(&self, word: &str) -> Option<u32> {
        self.ix.get(word).copied()
    }

    pub(super) fn word(&self, id: u32) -> &str {
        self.slots.get(id as usize).map_or("", |s| &*s.word)
    }

    pub(super) fn postings(&self, id: u32) -> &[u32] {
        self.slots.get(id as usize).map_or(&[], |s| &s.postings)
    }

    /// The id of `word`, and whether it is new.
    pub(super) fn intern(&mut self, word: &str) -> (u32, bool) {
        if let Some(id) = self.id(word) {
            return (id, false);
        }
        let slot = Slot {
            word: Box::from(word),
            postings: Vec::new(),
        };
        let id = match self.free.pop() {
            Some(id) => {
                self.slots[id as usize] = slot;
                id
            }
            None => {
                self.slots.push(slot);
                u32::try_from(self.slots.len() - 1).unwrap_or(u32::MAX)
            }
        };
        self.ix.insert(Box::from(word), id);
        self.sorted.insert(Box::from(word), id);
        (id, true)
    }

    pub(super) fn add(&mut self, id: u32, pos: u32) {
        let Some(slot) = self.slots.get_mut(id as usize) else {
            return;
        };
        let list = &mut slot.postings;
        match list.last() {
            None => list.push(pos),
            Some(&last) if last < pos => list.push(pos),
            _ => {
                if let Err(i) = list.binary_search(&pos) {
                    list.insert(i, pos);
                }
            }
        }
    }

    /// Removes `pos` from the word's postings; frees the word when nobody
    /// holds it any more and returns its text then.
    pub(super) fn remove(&mut self, id: u32, pos: u32) -> Option<Box<str>> {
        let slot = self.slots.get_mut(id as usize)?;
        if let Ok(i) = slot.postings.binary_search(&pos) {
            slot.postings.remove(i);
        }
        if !slot.postings.is_empty() {
            return None;
        }
        let word = std::mem::take(&mut slot.word);
        slot.postings = Vec::new();
        self.ix.remove(&*word);
        self.sorted.remove(&*word);
        self.free.push(id);
        Some(word)
    }

    /// Live words starting with `prefix` (`prefix` itself included).
    pub(super) fn prefixed<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, u32)> + 'a {
        self.sorted
            .range::<str, _>((Bound::Included(prefix), Bound::Unbounded))
            .take_while(move |(k, _)| k.starts_with(prefix))
            .map(|(k, &id)| (&**k, id))
    }

    pub(super) fn heap_bytes(&self) -> usize {
        let words: usize = self.slots.iter().map(|s| s.word.len()).sum();
        let postings: usize = self.slots.iter().map(|s| s.postings.capacity() * 4).sum();
        self.slots.capacity() * std::mem::size_of::<Slot>()
            + words * 3
            + postings
            + self.ix.capacity() * (std::mem::size_of::<(Box<str>, u32)>() + 1)
            + self.sorted.len() * (std::mem::size_of::<(Box<str>, u32)>() * 3 / 2)
            + self.free.capacity() * 4
    }
}

/// What one customer has indexed, as laid out in an entry:
/// `[words | tags << 16, phones | emails << 16, fingerprint (2 words),
/// words.., tags.., phones.., emails (4 words each)..]`.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Entry<'a> {
    /// [`fingerprint`] of the record it was built from.
    pub(super) fingerprint: u64,
    pub(super) words: &'a [u32],
    pub(super) tags: &'a [u32],
    pub(super) phones: &'a [u32],
    pub(super) emails: &'a [u32],
}

impl<'a> Entry<'a> {
    pub(super) fn of(data: &'a [u32]) -> Self {
        let (Some(&h0), Some(&h1), Some(&f0), Some(&f1)) =
            (data.first(), data.get(1), data.get(2), data.get(3))
        else {
            return Entry::default();
        };
        let nw = (h0 & 0xffff) as usize;
        let nt = (h0 >> 16) as usize;
        let np = (h1 & 0xffff) as usize;
        let ne = (h1 >> 16) as usize * 4;
        let rest = &data[4..];
        let (words, rest) = rest.split_at(nw.min(rest.len()));
        let (tags, rest) = rest.split_at(nt.min(rest.len()));
        let (phones, rest) = rest.split_at(np.min(rest.len()));
        let emails = &rest[..ne.min(rest.len())];
        Entry {
            fingerprint: u64::from(f0) | (u64::from(f1) << 32),
            words,
            tags,
            phones,
            emails,
        }
    }

    pub(super) fn email_keys(&self) -> impl Iterator<Item = EmailKey> + '_ {
        self.emails.chunks_exact(4).map(|c| {
            let mut k = [0u8; 16];
            for (i, w) in c.iter().enumerate() {
                k[i * 4..i * 4 + 4].copy_from_slice(&w.to_le_bytes());
            }
            k
        })
    }

    pub(super) fn encode(
        fingerprint: u64,
        words: &[u32],
        tags: &[u32],
        phones: &[u32],
        emails: &[EmailKey],
    ) -> Box<[u32]> {
        if words.is_empty() && tags.is_empty() && phones.is_empty() && emails.is_empty() {
            return Box::default();
        }
        let cap = |n: usize| u32::try_from(n.min(0xffff)).unwrap_or(0xffff);
        let (words, tags) = (
            &words[..words.len().min(0xffff)],
            &tags[..tags.len().min(0xffff)],
        );
        let (phones, emails) = (
            &phones[..phones.len().min(0xffff)],
            &emails[..emails.len().min(0xffff)],
        );
        let mut out =
            Vec::with_capacity(4 + words.len() + tags.len() + phones.len() + 4 * emails.len());
        out.push(cap(words.len()) | cap(tags.len()) << 16);
        out.push(cap(phones.len()) | cap(emails.len()) << 16);
        out.push((fingerprint & 0xffff_ffff) as u32);
        out.push((fingerprint >> 32) as u32);
        out.extend_from_slice(words);
        out.extend_from_slice(tags);
        out.extend_from_slice(phones);
        for k in emails {
            for c in k.chunks_exact(4) {
                out.push(u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
            }
        }
        out.into_boxed_slice()
    }
}

pub(super) fn email_key(address: &str) -> EmailKey {
    let mut k = [0u8; 16];
    let b = address.as_bytes();
    let n = b.len().min(16);
    k[..n].copy_from_slice(&b[..n]);
    k
}

/// The last 6 digits of a number as an integer.
pub(super) fn phone_key(digits: &str) -> Option<u32> {
    let d = digits.as_bytes();
    if d.len() < PHONE_KEY_DIGITS || !d.iter().all(u8::is_ascii_digit) {
        return None;
    }
    d[d.len() - PHONE_KEY_DIGITS..]
        .iter()
        .try_fold(0u32, |acc, &c| Some(acc * 10 + u32::from(c - b'0')))
}

/// The searchable content of a customer, folded: a scratch reused from one
/// update to the next (no allocation per update but the folds).
#[derive(Debug, Clone, Default)]
pub(super) struct Fields {
    /// Folded name parts, space-separated (full name first).
    names: String,
    /// Folded tags, space-separated.
    tags: String,
    name_len: usize,
    emails: Vec<EmailKey>,
    phones: Vec<u32>,
    /// Ids of the new words and tags, and of the known ones among them.
    words: Vec<u32>,
    tag_ids: Vec<u32>,
    known: Vec<u32>,
    old_emails: Vec<EmailKey>,
}

/// Whether every word of `part` is a word of `full` (then folding `part`
/// adds no word: folding works letter by letter).
fn words_within(part: &str, full: &str) -> bool {
    part.split_whitespace()
        .all(|w| full.split_whitespace().any(|f| f == w))
}

impl Fields {
    /// Fills in the content of `c` (nothing for `None`: a merged or erased
    /// customer).
    fn fill(&mut self, c: Option<&Customer>) {
        self.names.clear();
        self.tags.clear();
        self.emails.clear();
        self.phones.clear();
        self.name_len = 0;
        let Some(c) = c else {
            return;
        };
        self.names.push_str(&fold(&c.names.full));
        self.name_len = self.names.len();
        for part in [&c.names.given, &c.names.family, &c.names.display]
            .into_iter()
            .flatten()
        {
            if !words_within(part, &c.names.full) {
                self.names.push(' ');
                self.names.push_str(&fold(part));
            }
        }
        for t in &c.tags {
            self.tags.push(' ');
            self.tags.push_str(&fold(t));
        }
        for cp in &c.contacts {
            match cp {
                ContactPoint::Email { address, .. } => {
                    let k = email_key(address);
                    if !self.emails.contains(&k) {
                        self.emails.push(k);
                    }
                }
                ContactPoint::Phone { number, .. } => {
                    if let Some(k) = phone_key(number.trim_start_matches('+')) {
                        if !self.phones.contains(&k) {
                            self.phones.push(k);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Distinct words of folded text, in order.
pub(super) fn distinct_words(folded: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for t in tokens(folded) {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// The live / archived / organisation bits of `meta`.
pub(super) fn flags_of(c: &Customer, live: bool) -> u16 {
    if !live {
        return 0;
    }
    let mut m = LIVE;
    if c.archived {
        m |= ARCHIVED;
    }
    if c.kind == CustomerKind::Organization {
        m |= ORGANIZATION;
    }
    m
}

/// A hash of everything the index takes from a record (names, tags, emails,
/// phones): an event that changes none of them costs one hash, not a
/// re-index. (Two different contents share a fingerprint with probability
/// 2^-64.)
pub(super) fn fingerprint(c: &Customer) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = foldhash::fast::FixedState::with_seed(0xf19e_4e1d).build_hasher();
    c.names.full.hash(&mut h);
    c.names.given.hash(&mut h);
    c.names.family.hash(&mut h);
    c.names.display.hash(&mut h);
    c.tags.hash(&mut h);
    for cp in &c.contacts {
        match cp {
            ContactPoint::Email { address, .. } => {
                h.write_u8(1);
                address.hash(&mut h);
            }
            ContactPoint::Phone { number, .. } => {
                h.write_u8(2);
                number.hash(&mut h);
            }
            _ => {}
        }
    }
    h.finish()
}

/// Applies a diff to a vocabulary: `pos` held the words `old` (ids) and now
/// holds the words of `folded`. Writes the new ids, distinct and in order,
/// to `ids` (`known` is scratch).
fn diff_words(
    vocab: &mut Vocab,
    mut typos: Option<&mut Deletions>,
    pos: u32,
    old: &[u32],
    folded: &str,
    ids: &mut Vec<u32>,
    known: &mut Vec<u32>,
) {
    ids.clear();
    if !old.is_empty() {
        known.clear();
        known.extend(tokens(folded).filter_map(|w| vocab.id(w)));
        for &id in old {
            if !known.contains(&id) {
                if let Some(word) = vocab.remove(id, pos) {
                    if let Some(t) = typos.as_deref_mut() {
                        t.remove(&word, id);
                    }
                }
            }
        }
    }
    for w in tokens(folded) {
        let id = match vocab.id(w) {
            Some(id) if old.contains(&id) => id,
            _ => add_word(vocab, typos.as_deref_mut(), pos, w),
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
}

/// Files `pos` under `word` (interned, and its typo variants if it is new).
pub(super) fn add_word(
    vocab: &mut Vocab,
    typos: Option<&mut Deletions>,
    pos: u32,
    word: &str,
) -> u32 {
    let (id, fresh) = vocab.intern(word);
    if fresh {
        if let Some(t) = typos {
            t.insert(word, id);
        }
    }
    vocab.add(id, pos);
    id
}

/// (key, position) pairs kept ordered for range scans. New pairs wait in a
/// small unsorted batch and enter the B-tree sorted, a batch at a time:
/// random inserts into a large B-tree miss the cache at every level, sorted
/// ones mostly hit it (3x cheaper per registration at 1M customers).
#[derive(Debug, Clone, Default)]
pub(super) struct KeySet<K> {
    pub(super) tree: BTreeSet<(K, u32)>,
    pub(super) pending: Vec<(K, u32)>,
}

/// How many pairs wait before they enter the tree (a query scans them all).
const BATCH: usize = 8192;

impl<K: Ord + Copy> KeySet<K> {
    pub(super) fn insert(&mut self, key: K, pos: u32) {
        self.pending.push((key, pos));
        if self.pending.len() >= BATCH {
            self.pending.sort_unstable();
            for e in self.pending.drain(..) {
                self.tree.insert(e);
            }
        }
    }

    pub(super) fn remove(&mut self, key: K, pos: u32) {
        match self.pending.iter().position(|&e| e == (key, pos)) {
            Some(i) => {
                self.pending.swap_remove(i);
            }
            None => {
                self.tree.remove(&(key, pos));
            }
        }
    }

    /// Every pair with `lo <= key <= hi`, in no particular order.
    pub(super) fn range(&self, lo: K, hi: K) -> impl Iterator<Item = (K, u32)> + '_ {
        self.tree.range((lo, 0)..=(hi, u32::MAX)).copied().chain(
            self.pending
                .iter()
                .copied()
                .filter(move |(k, _)| lo <= *k && *k <= hi),
        )
    }

    pub(super) fn len(&self) -> usize {
        self.tree.len() + self.pending.len()
    }

    /// The same pairs (however they are split between batch and tree).
    fn same(&self, other: &Self) -> bool {
        self.len() == other.len()
            && self
                .tree
                .iter()
                .chain(&self.pending)
                .all(|e| other.tree.contains(e) || other.pending.contains(e))
    }

    /// Applies a diff of one position's keys.
    fn diff(&mut self, pos: u32, old: &[K], new: &[K]) {
        for k in old {
            if !new.contains(k) {
                self.remove(*k, pos);
            }
        }
        for k in new {
            if !old.contains(k) {
                self.insert(*k, pos);
            }
        }
    }

    fn heap_bytes(&self) -> usize {
        // B-tree nodes hold up to 11 keys and run about 2/3 full.
        self.tree.len() * std::mem::size_of::<(K, u32)>() * 3 / 2
            + self.pending.capacity() * std::mem::size_of::<(K, u32)>()
    }

    #[cfg(test)]
    pub(super) fn sorted(&self) -> Vec<(K, u32)> {
        let mut v: Vec<(K, u32)> = self.tree.iter().chain(&self.pending).copied().collect();
        v.sort_unstable();
        v
    }
}

impl SearchIndex {
    /// Follows a customer's record after any event about it: re-indexes only
    /// what changed (nothing, for most events).
    pub(crate) fn update(&mut self, pos: u32, customer: &Customer) {
        let p = pos as usize;
        if self.entries.len() <= p {
            self.entries.resize_with(p + 1, Box::default);
            self.meta.resize(p + 1, 0);
        }
        let live = customer.merged_into.is_none() && customer.erased_at.is_none();
        let flags = flags_of(customer, live);
        let fp = if live { fingerprint(customer) } else { 0 };
        let old_data = std::mem::take(&mut self.entries[p]);
        let old = Entry::of(&old_data);
        if live && !old_data.is_empty() && old.fingerprint == fp {
            // Same names, tags and contacts: only the flags may have changed.
            self.meta[p] = flags | (self.meta[p] & !FLAGS);
            self.entries[p] = old_data;
            return;
        }
        let mut f = std::mem::take(&mut self.scratch);
        f.fill(live.then_some(customer));
        let len = u16::try_from(f.name_len.min(NAME_LEN_MAX)).unwrap_or(0);
        self.meta[p] = if live {
            flags | (len << NAME_LEN_SHIFT)
        } else {
            0
        };
        diff_words(
            &mut self.names,
            Some(&mut self.typos),
            pos,
            old.words,
            &f.names,
            &mut f.words,
            &mut f.known,
        );
        diff_words(
            &mut self.tags,
            None,
            pos,
            old.tags,
            &f.tags,
            &mut f.tag_ids,
            &mut f.known,
        );
        self.phones.diff(pos, old.phones, &f.phones);
        f.old_emails.clear();
        f.old_emails.extend(old.email_keys());
        self.emails.diff(pos, &f.old_emails, &f.emails);
        self.entries[p] = Entry::encode(fp, &f.words, &f.tag_ids, &f.phones, &f.emails);
        self.scratch = f;
    }

    /// Positions of the live (not merged, not erased) customers whose names
    /// contain the folded word `token` exactly, archived ones included.
    pub(crate) fn name_postings(&self, token: &str) -> &[u32] {
        self.names
            .id(token)
            .map_or(&[], |id| self.names.postings(id))
    }

    /// Name words (of live customers) within `max_edits` Damerau-Levenshtein
    /// edits of the folded `token`, `token` itself included when present,
    /// sorted. Uses the deletion index (a few hash lookups) when it covers the
    /// request: always for `max_edits <= 1`, and for 2 when `token` has 8 or
    /// more letters; other requests compare against the words of nearby
    /// lengths.
    pub(crate) fn similar_name_tokens(&self, token: &str, max_edits: usize) -> Vec<&str> {
        let mut ids = self.similar_ids(token, max_edits);
        ids.sort_unstable_by(|a, b| self.names.word(a.0).cmp(self.names.word(b.0)));
        ids.into_iter().map(|(id, _)| self.names.word(id)).collect()
    }

    /// Word ids within `max_edits` of `token`, with their distance.
    pub(super) fn similar_ids(&self, token: &str, max_edits: usize) -> Vec<(u32, usize)> {
        let q = token.as_bytes();
        let folded_form = q
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let indexed = folded_form
            && q.len() + max_edits <= MAX_TYPO_WORD
            && (max_edits <= 1 || (max_edits == 2 && q.len() >= 8));
        let mut out: Vec<(u32, usize)> = Vec::new();
        if !indexed {
            // Compare with every word of a possible length.
            for (id, slot) in self.names.slots.iter().enumerate() {
                if slot.postings.is_empty() || slot.word.len().abs_diff(q.len()) > max_edits {
                    continue;
                }
                let d = if folded_form {
                    distance_within(q, slot.word.as_bytes(), max_edits)
                } else {
                    Some(strsim::damerau_levenshtein(token, &slot.word)).filter(|&d| d <= max_edits)
                };
                if let (Some(d), Ok(id)) = (d, u32::try_from(id)) {
                    out.push((id, d));
                }
            }
            return out;
        }
        let mut cand: Vec<u32> = Vec::new();
        let visit = |v: &[u8], cand: &mut Vec<u32>| {
            cand.extend_from_slice(self.typos.get(v));
            if let Ok(s) = std::str::from_utf8(v) {
                if let Some(id) = self.names.id(s) {
                    cand.push(id);
                }
            }
        };
        visit(q, &mut cand);
        for_each_variant(q, max_edits, |v| visit(v, &mut cand));
        if max_edits >= 1 && q.len() <= 2 {
            // One-letter words have no indexed variant; try them all.
            for c in (b'a'..=b'z').chain(b'0'..=b'9') {
                visit(&[c], &mut cand);
            }
        }
        cand.sort_unstable();
        cand.dedup();
        for id in cand {
            let word = self.names.word(id);
            if let Some(d) = distance_within(q, word.as_bytes(), max_edits) {
                out.push((id, d));
            }
        }
        out
    }

    /// Sizes of the index.
    pub(crate) fn stats(&self) -> SearchStats {
        let entries: usize = self
            .entries
            .iter()
            .map(|e| if e.is_empty() { 0 } else { e.len() * 4 + 8 })
            .sum();
        let email_bytes = self.emails.heap_bytes();
        let phone_bytes = self.phones.heap_bytes();
        SearchStats {
            name_words: self.names.ix.len(),
            tag_words: self.tags.ix.len(),
            typo_keys: self.typos.map.len(),
            emails: self.emails.len(),
            phones: self.phones.len(),
            approx_heap_bytes: self.names.heap_bytes()
                + self.tags.heap_bytes()
                + self.typos.heap_bytes()
                + email_bytes
                + phone_bytes
                + self.entries.capacity() * std::mem::size_of::<Box<[u32]>>()
                + entries
                + self.meta.capacity() * 2,
        }
    }

    pub(super) fn keep(&self, pos: u32, filter: Filter) -> bool {
        let m = self.meta.get(pos as usize).copied().unwrap_or(0);
        m & LIVE != 0
            && (filter.include_archived || m & ARCHIVED == 0)
            && match filter.kind {
                None => true,
                Some(CustomerKind::Organization) => m & ORGANIZATION != 0,
                Some(CustomerKind::Person) => m & ORGANIZATION == 0,
            }
    }

    pub(super) fn name_len(&self, pos: u32) -> u64 {
        u64::from(self.meta.get(pos as usize).copied().unwrap_or(0) >> NAME_LEN_SHIFT)
    }

    pub(super) fn entry(&self, pos: u32) -> Entry<'_> {
        self.entries
            .get(pos as usize)
            .map_or_else(Entry::default, |e| Entry::of(e))
    }
}

#[cfg(test)]
impl SearchIndex {
    /// The index built from scratch over `customers`.
    pub(crate) fn rebuilt(customers: &[Customer]) -> Self {
        let mut ix = SearchIndex::default();
        for (p, c) in customers.iter().enumerate() {
            if let Ok(p) = u32::try_from(p) {
                ix.update(p, c);
            }
        }
        ix
    }

    /// The index's content independent of word ids and history: equal for two
    /// indexes that answer every query the same way.
    pub(crate) fn canonical(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let words = |v: &Vocab, ids: &[u32]| {
            let mut w: Vec<&str> = ids.iter().map(|&id| v.word(id)).collect();
            w.sort_unstable();
            w.join(" ")
        };
        for (p, e) in self.entries.iter().enumerate() {
            let e = Entry::of(e);
            let mut phones = e.phones.to_vec();
            phones.sort_unstable();
            let mut emails: Vec<EmailKey> = e.email_keys().collect();
            emails.sort_unstable();
            let _ = writeln!(
                s,
                "#{p} meta={} names=[{}] tags=[{}] phones={phones:?} emails={emails:?}",
                self.meta.get(p).copied().unwrap_or(0),
                words(&self.names, e.words),
                words(&self.tags, e.tags),
            );
        }
        for (name, v) in [("name", &self.names), ("tag", &self.tags)] {
            let mut live: Vec<(&str, &[u32])> = v
                .slots
                .iter()
                .filter(|s| !s.postings.is_empty())
                .map(|s| (&*s.word, s.postings.as_slice()))
                .collect();
            live.sort_unstable();
            for (w, post) in &live {
                let id = v.id(w);
                let _ = writeln!(
                    s,
                    "{name} {w} {post:?} ix={} sorted={}",
                    id.is_some(),
                    v.sorted.get(*w) == id.as_ref()
                );
            }
            let _ = writeln!(
                s,
                "{name}s {} {} {}",
                live.len(),
                v.ix.len(),
                v.sorted.len()
            );
            for sl in &v.slots {
                if sl.postings.is_empty() && !sl.word.is_empty() {
                    let _ = writeln!(s, "{name} slot without holders: {}", sl.word);
                }
            }
        }
        let mut typo: Vec<(u64, Vec<&str>)> = self
            .typos
            .map
            .iter()
            .map(|(h, ids)| {
                let mut w: Vec<&str> = ids
                    .as_slice()
                    .iter()
                    .map(|&id| self.names.word(id))
                    .collect();
                w.sort_unstable();
                (*h, w)
            })
            .collect();
        typo.sort_unstable();
        let _ = writeln!(s, "typos {typo:?}");
        let _ = writeln!(s, "emails {:?}", self.emails.sorted());
        let _ = writeln!(s, "phones {:?}", self.phones.sorted());
        s
    }
}
