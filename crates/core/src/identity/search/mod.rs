//! Customer search: one in-process index over names, tags, emails and phone
//! numbers, kept current by every customer event (a diff of what changed, never
//! a rebuild).
//!
//! # What a query matches
//!
//! The query text decides how it is read:
//!
//! - **An email** (it contains `@`): customers whose normalised address is
//!   the query (lower-cased), or starts with it (`"an.nguyen@"` finds
//!   `an.nguyen@example.vn`).
//! - **A phone number** (only digits, spaces and `+-.()/`, at least 6
//!   digits): the query is normalised to E.164 in the workspace's default
//!   region, so `"0903 123 456"`, `"+84 903-123-456"` and `"84903123456"` all
//!   find `+84903123456`; a number that merely **ends** with the query's
//!   digits matches too (`"123456"`).
//! - **Words** otherwise: the text is folded (case, diacritics and `đ` go:
//!   `"nguyen van duc"` finds "Nguyễn Văn Đức") and split into words. Every
//!   word must match, in any order, a word of the customer's names (full,
//!   given, family and display) or of its tags: exactly, as a prefix
//!   (`"ngu"`), or, with [`SearchQuery::typos`], within Damerau-Levenshtein
//!   distance 1 for words of 4 to 7 letters and 2 from 8 letters (`"nguyne"`,
//!   `"Jonhson"`). A single word with `.`, `_`, `-` or `+` in it
//!   (`"an.nguyen"`) is also tried as the start of an email address.
//!
//! Organisations are customers of kind `organization`, found by their names;
//! [`SearchQuery::kind`] narrows to one kind. Merged and erased customers are
//! never found; archived ones only with [`SearchQuery::include_archived`].
//!
//! # Ranking
//!
//! Each hit has a score; hits are ordered by score (highest first), then by
//! the length of the folded full name (shorter first), then by registration
//! order (older first). The order is total and deterministic, so pages taken
//! with `offset` concatenate to the full ranked list.
//!
//! | match | score |
//! |---|---|
//! | the whole email address or phone number | 100 000 |
//! | start of an email address, end of a phone number | 50 000 |
//! | per query word, its best match among the customer's words: | |
//! | &nbsp;&nbsp;name word, exactly | 100 |
//! | &nbsp;&nbsp;name word, as a prefix | 60 |
//! | &nbsp;&nbsp;name word, 1 typo / 2 typos | 30 / 20 |
//! | &nbsp;&nbsp;tag word, exactly / as a prefix | 15 / 10 |
//!
//! A word search scores the sum over its words, so every exact name match
//! ranks above any prefix match, and prefixes above typos.
//!
//! # How it is indexed
//!
//! - Folded name words and tag words are interned; each keeps the sorted
//!   positions of the customers holding it. An ordered copy of the
//!   vocabulary gives prefixes; a symmetric-deletion index of the name words
//!   (every word under its 1-deletion variants, words of 8+ letters also
//!   under their 2-deletion variants) gives the typo neighbours of a query
//!   word in a few hash lookups, whatever the vocabulary's size.
//! - Emails are kept ordered by their first 16 bytes (prefix = range scan),
//!   phones by their last 6 digits (whole number or its end = one range,
//!   checked against the record).
//! - Per customer, what it has indexed (word ids, tag ids, email and phone
//!   keys) and a fingerprint of the fields they come from: the update after
//!   an event re-indexes only the difference, and an event that touches none
//!   of those fields costs one hash.
//! - A query plans each word (its exact, prefix, typo and tag matches), lists
//!   the customers of the rarest word and narrows them with the others
//!   (galloping through sorted lists, or a byte map for many long lists), then
//!   keeps the best `offset + limit` in a bounded heap; `total` counts every
//!   match.

mod index;
mod query;
mod snap;
#[cfg(test)]
mod tests;
mod typos;

pub(crate) use index::SearchIndex;
pub use index::SearchStats;
pub(crate) use query::run;

use crate::customer::{Customer, CustomerKind, MAX_PAGE};
use serde::{Deserialize, Serialize};

/// The page size of a search when none is given.
pub const DEFAULT_SEARCH_LIMIT: usize = 20;

/// The longest query text accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 256;

/// Words of a query beyond this many are ignored.
const MAX_QUERY_WORDS: usize = 16;

/// Whole email address or phone number.
const SCORE_CONTACT_EXACT: u32 = 100_000;
/// Start of an email address, end of a phone number.
const SCORE_CONTACT_PART: u32 = 50_000;
const SCORE_NAME_EXACT: u32 = 100;
const SCORE_NAME_PREFIX: u32 = 60;
const SCORE_NAME_TYPO1: u32 = 30;
const SCORE_NAME_TYPO2: u32 = 20;
const SCORE_TAG_EXACT: u32 = 15;
const SCORE_TAG_PREFIX: u32 = 10;

/// A customer search: the text and how to filter and page the ranked hits.
///
/// In JSON every field but `text` may be left out:
/// `{"text": "nguyen", "kind": "person", "limit": 10}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    /// What to look for: words of names or tags, an email address (or its
    /// start), or a phone number in any formatting. Blank text finds nothing.
    pub text: String,
    /// Only people or only organisations.
    #[serde(default)]
    pub kind: Option<CustomerKind>,
    /// Find archived customers too.
    #[serde(default)]
    pub include_archived: bool,
    /// How many ranked hits to skip.
    #[serde(default)]
    pub offset: usize,
    /// Page size, 1 to [`MAX_PAGE`] (default [`DEFAULT_SEARCH_LIMIT`]).
    #[serde(default = "default_limit")]
    pub limit: usize,
    /// Let name words match with typos (default `true`).
    #[serde(default = "default_typos")]
    pub typos: bool,
}

fn default_limit() -> usize {
    DEFAULT_SEARCH_LIMIT
}

fn default_typos() -> bool {
    true
}

impl Default for SearchQuery {
    fn default() -> Self {
        Self::new("")
    }
}

impl SearchQuery {
    /// A search for `text` with the defaults: first page of
    /// [`DEFAULT_SEARCH_LIMIT`] hits, both kinds, archived customers left out,
    /// typos allowed.
    #[must_use]
    pub fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            kind: None,
            include_archived: false,
            offset: 0,
            limit: DEFAULT_SEARCH_LIMIT,
            typos: true,
        }
    }
}

/// Which part of a customer a hit matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedField {
    /// A name word, exactly or as a prefix.
    Name,
    /// A name word, only with a typo.
    NameTypo,
    /// An email address, whole or its start.
    Email,
    /// A phone number, whole or its end.
    Phone,
    /// A tag word.
    Tag,
}

/// One customer found by a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit<'a> {
    /// The customer.
    pub customer: &'a Customer,
    /// Its score (see the ranking in [`crate::identity::search`]).
    pub score: u32,
    /// What matched, in the order of [`MatchedField`].
    pub matched: Vec<MatchedField>,
}

/// A page of ranked search hits.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SearchResults<'a> {
    /// The hits of this page, best first.
    pub hits: Vec<SearchHit<'a>>,
    /// How many customers match in all (every page).
    pub total: usize,
    /// The `offset` of the next page, if there is one.
    pub next_offset: Option<usize>,
}
