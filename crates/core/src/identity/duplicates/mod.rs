//! Duplicate detection: which customers are probably the same person or
//! organisation, with a score and the reasons.
//!
//! # Signals and score
//!
//! Two customers of the same kind (a person never matches an organisation)
//! are compared on these signals; each one that holds adds its weight from
//! [`DuplicateRules`]:
//!
//! | signal | holds when | default weight |
//! |---|---|---|
//! | `email` | they share an email (normalised) | 0.5 |
//! | `phone` | they share a phone number (E.164) | 0.5 |
//! | `name` | their names pass the name test below | 0.65 × similarity |
//! | `address` | they share a postal address key (folded first line with a house number, the apartment if a later line names one, and the city) | 0.25 |
//! | `organization` | two people are members of the same organisation | 0.25 |
//! | `email_local_part` | their emails differ but share a distinctive local part, `+tags` and dots aside (`duc.nguyen@gmail.com`, `ducnguyen+shop@yahoo.com`; `info@`, `sales@` and ones under 4 letters do not count) | 0.25 |
//!
//! `score = min(1, Σ weights of the signals that hold)`, rounded to 4
//! decimals; a pair is reported when `score >= threshold` (0.8). With the
//! defaults a name alone (at most 0.65) never makes a duplicate, and neither
//! does a shared email or phone alone (0.5: families share them); a similar
//! name plus any one other signal does, and so do email plus phone.
//!
//! # The name test
//!
//! Names are folded (case, diacritics and `đ` gone, punctuation dropped), split
//! into words, de-duplicated and sorted, so "Nguyễn Văn Đức", "nguyen van duc"
//! and "Đức Nguyễn Văn" are the same name. Organisations also lose legal forms
//! ("Công ty TNHH", "Co., Ltd.", "JSC") and their display (trading) name
//! counts as a second name: the better of the two comparisons counts.
//!
//! The words of the two names are aligned one to one, best pairs first. Two
//! words pair when they are equal or (unless the metric is
//! [`NameMetric::Exact`]) within a few typing errors of each other, by the
//! optimal string alignment distance (a swap of two letters is one error):
//! none when the shorter word has one or two letters ("An" and "Anh" are
//! different names), one when it has 3 to 7 (so "Vinh" typed "Vih" pairs),
//! two from 8. With [`DuplicateRules::distinct_known_words`], two different
//! words that are both in common use in the workspace (each in at least 3
//! customers' names, the rarer in at least 2 % as many as the other) never
//! pair: "Hạnh" and "Hằng" are two sisters, not a typo. A pair of words scores
//! by [`DuplicateRules::name_metric`], and
//!
//! `similarity = Σ over pairs of metric(a, b) × (len a + len b) / (Σ over pairs of (len a + len b) + unpaired)`
//!
//! where `unpaired` is the length of each word left without a partner,
//! counted as at least 4 letters (a two-letter given name like "Vy" is what
//! tells two people apart), and halved for a dropped middle name (a word
//! between the first and the last of its name, when the other name has
//! nothing left over: "Nguyễn Văn Anh" and "Nguyễn Anh" score 0.9). The name
//! signal holds when at most one word of each name is left unpaired and the
//! similarity is at least [`DuplicateRules::min_name_similarity`] (0.88).
//!
//! # Finding candidates
//!
//! [`Workspace::scan_duplicates`] compares only pairs that share a blocking
//! key: an email, a phone, an address key, an organisation, an email local
//! part (for signals with a positive weight), and, when the name weight alone
//! reaches the threshold, the folded name and each pair of its words. Keys are
//! hashed, sorted and grouped, so the cost grows with the number of customers
//! and the size of the groups, not with its square. A group larger than
//! [`DuplicateRules::max_block`] is not compared on its key alone: it is split
//! by the name keys above and only the parts within the limit are compared
//! (counted in [`DuplicateReport::skipped_blocks`]).
//!
//! What is guaranteed: with the default weights (more generally whenever
//! `address + organization + email_local_part < threshold` and `name <
//! threshold`), every pair whose score reaches the threshold shares a key, so
//! the scan finds it unless that key's group was split. When the name weight
//! alone reaches the threshold, name-only pairs are found when their names are
//! equal after folding or share two words.
//!
//! [`Workspace::check_duplicates`] and [`Workspace::duplicates_of`] look one
//! record up through the workspace's indexes: holders of its emails and
//! phones, and customers whose names pass the name test (found through the
//! name-word index, typos included); the name lookup is skipped when no such
//! customer could reach the threshold without sharing an email or phone. With
//! the default rules they find exactly the pairs the scan reports (apart from
//! split groups); pairs that reach the threshold with addresses,
//! organisations and email local parts alone (only when those weights add up
//! to the threshold) are found by the scan only.
//!
//! Merged and erased customers are never candidates; archived ones are
//! skipped unless [`DuplicateRules::include_archived`] is set.

mod lookup;
mod names;
mod profile;
mod scan;
mod score;

use crate::customer::RegisterCustomer;
use crate::error::{Error, Result};
use crate::id::CustomerId;
use crate::workspace::Workspace;
use serde::{Deserialize, Serialize};

/// How two name words are scored once they are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameMetric {
    /// Jaro-Winkler similarity (favours a common beginning).
    #[default]
    JaroWinkler,
    /// Levenshtein distance normalised to a similarity (`1 - distance / longer length`).
    Levenshtein,
    /// Words must be equal (after folding); no typos.
    Exact,
}

impl NameMetric {
    /// The snake_case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            NameMetric::JaroWinkler => "jaro_winkler",
            NameMetric::Levenshtein => "levenshtein",
            NameMetric::Exact => "exact",
        }
    }
}

/// What counts as a duplicate: signal weights, the threshold, the name test
/// and the limits. Every field has a default; see the [module
/// documentation](self) for the formula.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DuplicateRules {
    /// A pair is reported when its score is at least this (in `(0, 1]`; 0.8).
    pub threshold: f64,
    /// Weight of a shared email (0.5).
    pub email: f64,
    /// Weight of a shared phone (0.5).
    pub phone: f64,
    /// Weight of a similar name, multiplied by the similarity (0.65).
    pub name: f64,
    /// Weight of a shared postal address (0.25).
    pub address: f64,
    /// Weight of a shared organisation between two people (0.25).
    pub organization: f64,
    /// Weight of a shared distinctive email local part when no email is shared (0.25).
    pub email_local_part: f64,
    /// How paired name words are scored (Jaro-Winkler).
    pub name_metric: NameMetric,
    /// The name signal needs at least this similarity (in `[0, 1]`; 0.88).
    pub min_name_similarity: f64,
    /// Two different words both in common use in the workspace are different
    /// names, never a typo of each other (true).
    pub distinct_known_words: bool,
    /// Consider archived customers too (false).
    pub include_archived: bool,
    /// Groups of customers sharing one key larger than this are split by name
    /// before comparing (at least 2; 50).
    pub max_block: usize,
    /// At most this many matches from the single-record checks (1 to 1000; 20).
    pub limit: usize,
}

impl Default for DuplicateRules {
    fn default() -> Self {
        Self {
            threshold: 0.8,
            email: 0.5,
            phone: 0.5,
            name: 0.65,
            address: 0.25,
            organization: 0.25,
            email_local_part: 0.25,
            name_metric: NameMetric::JaroWinkler,
            min_name_similarity: 0.88,
            distinct_known_words: true,
            include_archived: false,
            max_block: 50,
            limit: 20,
        }
    }
}

impl DuplicateRules {
    /// Checks the rules.
    ///
    /// # Errors
    /// `invalid_input` naming the field: a weight outside `[0, 1]`, a threshold
    /// outside `(0, 1]`, a minimum name similarity outside `[0, 1]`, a
    /// `max_block` below 2 or a `limit` outside 1 to 1000.
    pub fn validate(&self) -> Result<()> {
        for (field, w) in [
            ("email", self.email),
            ("phone", self.phone),
            ("name", self.name),
            ("address", self.address),
            ("organization", self.organization),
            ("email_local_part", self.email_local_part),
        ] {
            if !(0.0..=1.0).contains(&w) {
                return Err(Error::invalid_input(
                    field,
                    w.to_string(),
                    "a weight is a number from 0 to 1",
                ));
            }
        }
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(Error::invalid_input(
                "threshold",
                self.threshold.to_string(),
                "the threshold is a number above 0 and at most 1",
            ));
        }
        if !(0.0..=1.0).contains(&self.min_name_similarity) {
            return Err(Error::invalid_input(
                "min_name_similarity",
                self.min_name_similarity.to_string(),
                "a similarity is a number from 0 to 1",
            ));
        }
        if self.max_block < 2 {
            return Err(Error::invalid_input(
                "max_block",
                self.max_block.to_string(),
                "a block holds at least 2 customers",
            ));
        }
        if self.limit == 0 || self.limit > crate::customer::MAX_PAGE {
            return Err(Error::invalid_input(
                "limit",
                self.limit.to_string(),
                format!("the limit is 1 to {}", crate::customer::MAX_PAGE),
            ));
        }
        Ok(())
    }
}

/// Why two customers look like the same one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatchReason {
    /// They share this email (as the first customer writes it).
    Email {
        /// The email.
        value: String,
    },
    /// They share this phone number (E.164).
    Phone {
        /// The number.
        value: String,
    },
    /// Their names are similar.
    Name {
        /// The metric that scored the name words.
        metric: NameMetric,
        /// The name similarity (0 to 1, 4 decimals).
        similarity: f64,
    },
    /// They share a postal address.
    Address {
        /// The folded address key (`12 nguyen hue, ho chi minh`).
        value: String,
    },
    /// Both are members of this organisation.
    Organization {
        /// The organisation.
        organization: CustomerId,
    },
    /// Their emails differ but share this local part.
    EmailLocalPart {
        /// The local part (`duc.nguyen`).
        value: String,
    },
}

/// A likely duplicate of one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateMatch {
    /// The customer that looks like the record.
    pub customer: CustomerId,
    /// The score (0 to 1, 4 decimals).
    pub score: f64,
    /// Why.
    pub reasons: Vec<MatchReason>,
}

/// Two customers that look like the same one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicatePair {
    /// The one registered first.
    pub a: CustomerId,
    /// The one registered later.
    pub b: CustomerId,
    /// The score (0 to 1, 4 decimals).
    pub score: f64,
    /// Why (values as `a` writes them).
    pub reasons: Vec<MatchReason>,
}

/// A phase of a whole-workspace scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanPhase {
    /// Reading customers: folding names, keying contacts.
    Profiles,
    /// Grouping customers by key into candidate pairs.
    Blocking,
    /// Scoring candidate pairs.
    Comparing,
}

/// Where a scan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanProgress {
    /// The phase.
    pub phase: ScanPhase,
    /// Work done in this phase (customers, keys or pairs).
    pub done: usize,
    /// Work in this phase in all.
    pub total: usize,
}

/// The result of [`Workspace::scan_duplicates`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateReport {
    /// Pairs at or above the threshold, best first (then by registration order).
    pub pairs: Vec<DuplicatePair>,
    /// Customers considered (not merged, not erased, not archived unless asked).
    pub customers: usize,
    /// Distinct candidate pairs scored.
    pub comparisons: u64,
    /// Groups larger than `max_block` that were split by name instead of
    /// compared pairwise.
    pub skipped_blocks: usize,
    /// The progress callback asked to stop: `pairs` holds what was found so far.
    pub cancelled: bool,
}

impl Workspace {
    /// Likely duplicates of a record before it is registered, best first
    /// (at most `rules.limit`). The draft is normalised as registration
    /// would; nothing is changed.
    ///
    /// # Errors
    /// `invalid_input` for bad rules, or for a name, email, phone or address
    /// that registration would refuse (the same error).
    pub fn check_duplicates(
        &self,
        draft: &RegisterCustomer,
        rules: &DuplicateRules,
    ) -> Result<Vec<DuplicateMatch>> {
        rules.validate()?;
        lookup::check_draft(&self.state, draft, rules)
    }

    /// Likely duplicates of a registered customer (itself excluded), best
    /// first (at most `rules.limit`). A merged-away id resolves to its survivor;
    /// an erased customer has none.
    ///
    /// # Errors
    /// `not_found` for an unknown customer; `invalid_input` for bad rules.
    pub fn duplicates_of(
        &self,
        customer: CustomerId,
        rules: &DuplicateRules,
    ) -> Result<Vec<DuplicateMatch>> {
        rules.validate()?;
        let pos = *self
            .state
            .customer_ix
            .get(&self.state.resolve(customer))
            .ok_or_else(|| Error::not_found(CustomerId::ENTITY, customer))?;
        Ok(lookup::check_existing(&self.state, pos, rules))
    }

    /// How much customer `b` looks like customer `a`: the score and the
    /// reasons whatever the threshold (score 0 for a person and an
    /// organisation), values as `a` holds them. Merged-away ids resolve to their
    /// survivors.
    ///
    /// # Errors
    /// `not_found` for an unknown customer; `invalid_input` for bad rules.
    pub fn compare_customers(
        &self,
        a: CustomerId,
        b: CustomerId,
        rules: &DuplicateRules,
    ) -> Result<DuplicateMatch> {
        rules.validate()?;
        let pos = |id: CustomerId| {
            self.state
                .customer_ix
                .get(&self.state.resolve(id))
                .copied()
                .ok_or_else(|| Error::not_found(CustomerId::ENTITY, id))
        };
        Ok(lookup::compare(&self.state, pos(a)?, pos(b)?, rules))
    }

    /// Every likely duplicate pair in the workspace. `progress` is called
    /// about every 1 % of each phase; returning `false` stops the scan, and
    /// the report then holds the pairs found so far with `cancelled` set.
    ///
    /// # Errors
    /// `invalid_input` for bad rules.
    pub fn scan_duplicates(
        &self,
        rules: &DuplicateRules,
        progress: &mut dyn FnMut(ScanProgress) -> bool,
    ) -> Result<DuplicateReport> {
        rules.validate()?;
        Ok(scan::scan(&self.state, rules, progress))
    }
}
