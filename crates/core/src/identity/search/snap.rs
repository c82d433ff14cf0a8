//! The search index in workspace snapshots: word slots (ids kept), typo
//! keys, email and phone keys, per-customer entries and flags are written;
//! the word -> id lookups (hash and ordered) are rebuilt from the slots.

use super::index::{KeySet, SearchIndex, Slot, Vocab};
use super::typos::{Deletions, Ids};
use crate::workspace::snapshot::codec::{Reader, Res, Snap, Writer};
use std::collections::{BTreeMap, BTreeSet};

impl Snap for Slot {
    fn put(&self, w: &mut Writer) {
        let Slot { word, postings } = self;
        word.put(w);
        postings.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        Ok(Slot {
            word: Snap::get(r)?,
            postings: Snap::get(r)?,
        })
    }
    fn shape(out: &mut String) {
        out.push_str("Slot{word:str,postings:[u32]}");
    }
}

impl Snap for Vocab {
    fn put(&self, w: &mut Writer) {
        // `ix` and `sorted` are the live slots' words.
        let Vocab {
            ix: _,
            sorted: _,
            slots,
            free,
        } = self;
        slots.put(w);
        free.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let slots: Vec<Slot> = Snap::get(r)?;
        let free: Vec<u32> = Snap::get(r)?;
        let mut is_free = vec![false; slots.len()];
        for &f in &free {
            match is_free.get_mut(f as usize) {
                Some(x) if !*x => *x = true,
                _ => return Err(r.bad("search index: bad free word slot")),
            }
        }
        let mut live: Vec<(Box<str>, u32)> = Vec::with_capacity(slots.len() - free.len());
        for (id, slot) in slots.iter().enumerate() {
            if !is_free[id] {
                let id = u32::try_from(id).map_err(|_| r.bad("search index: too many words"))?;
                live.push((slot.word.clone(), id));
            }
        }
        let mut ix = crate::workspace::state::Map::default();
        ix.reserve(live.len());
        for (word, id) in &live {
            if ix.insert(word.clone(), *id).is_some() {
                return Err(r.bad("search index: a word in two slots"));
            }
        }
        live.sort_unstable();
        let sorted: BTreeMap<Box<str>, u32> = live.into_iter().collect();
        Ok(Vocab {
            ix,
            sorted,
            slots,
            free,
        })
    }
    fn shape(out: &mut String) {
        out.push_str("Vocab{slots:[");
        Slot::shape(out);
        out.push_str("],free:[u32]}");
    }
}

impl Snap for Ids {
    fn put(&self, w: &mut Writer) {
        match self {
            Ids::One(x) => {
                w.byte(0);
                x.put(w);
            }
            Ids::Many(v) => {
                w.byte(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        match r.byte()? {
            0 => Ok(Ids::One(Snap::get(r)?)),
            1 => Ok(Ids::Many(Snap::get(r)?)),
            t => Err(r.tag("Ids", t)),
        }
    }
    fn shape(out: &mut String) {
        out.push_str("Ids{One(u32),Many([u32])}");
    }
}

impl Snap for Deletions {
    /// Keys are hashes: written as 8 fixed bytes, in key order.
    fn put(&self, w: &mut Writer) {
        let Deletions { map } = self;
        let mut items: Vec<(&u64, &Ids)> = map.iter().collect();
        items.sort_unstable_by_key(|(k, _)| **k);
        w.len(items.len());
        for (k, v) in items {
            w.bytes(&k.to_le_bytes());
            v.put(w);
        }
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let n = r.len()?;
        let mut map = crate::workspace::state::Map::default();
        map.reserve(Reader::capacity::<(u64, Ids)>(n));
        for _ in 0..n {
            let mut k = [0u8; 8];
            k.copy_from_slice(r.take(8)?);
            map.insert(u64::from_le_bytes(k), Ids::get(r)?);
        }
        Ok(Deletions { map })
    }
    fn shape(out: &mut String) {
        out.push_str("Deletions{map:hash{u64:");
        Ids::shape(out);
        out.push_str("}}");
    }
}

impl<K: Snap + Ord + Copy> Snap for KeySet<K> {
    /// All pairs in order (batched or not); read back into the tree.
    fn put(&self, w: &mut Writer) {
        let KeySet { tree, pending } = self;
        let mut all: Vec<(K, u32)> = Vec::with_capacity(tree.len() + pending.len());
        all.extend(tree.iter().copied());
        all.extend(pending.iter().copied());
        all.sort_unstable();
        all.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let all: Vec<(K, u32)> = Snap::get(r)?;
        let tree: BTreeSet<(K, u32)> = all.into_iter().collect();
        Ok(KeySet {
            tree,
            pending: Vec::new(),
        })
    }
    fn shape(out: &mut String) {
        out.push_str("KeySet[(");
        K::shape(out);
        out.push_str(",u32)]");
    }
}

impl Snap for SearchIndex {
    fn put(&self, w: &mut Writer) {
        self.names.put(w);
        self.typos.put(w);
        self.tags.put(w);
        self.emails.put(w);
        self.phones.put(w);
        self.entries.put(w);
        self.meta.put(w);
    }
    fn get(r: &mut Reader<'_>) -> Res<Self> {
        let mut s = SearchIndex::default();
        s.names = Snap::get(r)?;
        s.typos = Snap::get(r)?;
        s.tags = Snap::get(r)?;
        s.emails = Snap::get(r)?;
        s.phones = Snap::get(r)?;
        s.entries = Snap::get(r)?;
        s.meta = Snap::get(r)?;
        Ok(s)
    }
    fn shape(out: &mut String) {
        out.push_str("SearchIndex{names:");
        Vocab::shape(out);
        out.push_str(",typos:");
        Deletions::shape(out);
        out.push_str(",tags:");
        Vocab::shape(out);
        out.push_str(",emails:");
        KeySet::<[u8; 16]>::shape(out);
        out.push_str(",phones:");
        KeySet::<u32>::shape(out);
        out.push_str(",entries:[[u32]],meta:[u16]}");
    }
}

impl SearchIndex {
    /// Whether every position and word id the index holds is in range
    /// (`customers` records): a snapshot's index is checked before use.
    pub(crate) fn positions_within(&self, customers: usize) -> bool {
        let below = |v: &[u32], n: usize| v.iter().all(|&p| (p as usize) < n);
        let (names, tags) = (self.names.slots.len(), self.tags.slots.len());
        self.entries.len() <= customers
            && self.meta.len() <= customers
            && self
                .names
                .slots
                .iter()
                .all(|s| below(&s.postings, customers))
            && self
                .tags
                .slots
                .iter()
                .all(|s| below(&s.postings, customers))
            && self
                .typos
                .map
                .values()
                .all(|ids| below(ids.as_slice(), names))
            && self
                .emails
                .tree
                .iter()
                .all(|&(_, p)| (p as usize) < customers)
            && self
                .phones
                .tree
                .iter()
                .all(|&(_, p)| (p as usize) < customers)
            && self.entries.iter().all(|e| {
                let e = super::index::Entry::of(e);
                below(e.words, names) && below(e.tags, tags)
            })
    }
}
