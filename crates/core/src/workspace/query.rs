//! Queries over the folded state. Lookups use indexes; lists page with stable cursors.

use super::Workspace;
use crate::agent::Agent;
use crate::customer::{Customer, CustomerFilter, Page, PageRequest, MAX_PAGE};
use crate::error::{Error, Result};
use crate::event::{Event, EventPayload};
use crate::id::{AgentId, CustomerId, InteractionId};
use crate::identity::search::{SearchQuery, SearchResults, SearchStats};
use crate::interaction::Interaction;
use crate::text::{is_e164, normalize_email, normalize_phone};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One entry of a customer's timeline: an event and the time it is shown at
/// (`occurred_at` for interactions, the event's `at` otherwise).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEntry<'a> {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The event.
    pub event: &'a Event,
}

/// Cursor of timeline pages: the `seq` of the last entry seen.
pub type TimelineCursor = u64;

fn check_limit(limit: usize) -> Result<usize> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(Error::invalid_input(
            "limit",
            limit.to_string(),
            format!("a page holds 1 to {MAX_PAGE} items"),
        ));
    }
    Ok(limit)
}

impl Workspace {
    /// A customer by id. An id merged into another resolves to the survivor
    /// (whose `id` differs then); see [`Workspace::resolve_customer`].
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn customer(&self, id: CustomerId) -> Result<&Customer> {
        self.state.customer(self.state.resolve(id))
    }

    /// The id `id` stands for now: itself, or the survivor of the merges that
    /// absorbed it.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn resolve_customer(&self, id: CustomerId) -> Result<CustomerId> {
        self.state.customer(id)?;
        Ok(self.state.resolve(id))
    }

    /// Every customer record (archived, merged-away and erased included), in
    /// registration order.
    pub fn customers(&self) -> impl ExactSizeIterator<Item = &Customer> {
        self.state.customers.iter()
    }

    /// How many customers there are (archived included).
    #[must_use]
    pub fn customer_count(&self) -> usize {
        self.state.customers.len()
    }

    /// An agent by id.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn agent(&self, id: AgentId) -> Result<&Agent> {
        self.state.agent(id)
    }

    /// All agents, by id.
    pub fn agents(&self) -> impl Iterator<Item = &Agent> {
        self.state.agents.values()
    }

    /// An interaction by id.
    ///
    /// # Errors
    /// `not_found` for an unknown id.
    pub fn interaction(&self, id: InteractionId) -> Result<&Interaction> {
        self.state
            .interaction_ix
            .get(&id)
            .map(|&p| &self.state.interactions[p as usize])
            .ok_or_else(|| Error::not_found(InteractionId::ENTITY, id))
    }

    /// Customers holding this email (normalised first), active ones first. O(1).
    ///
    /// # Errors
    /// `invalid_input` when it is not an email address.
    pub fn find_by_email(&self, email: &str) -> Result<Vec<&Customer>> {
        // Fast path: stored keys are normalised (trimmed, lower case), so an
        // ASCII input that matches one once lower-cased is that valid address.
        let quick = email.trim();
        if quick.is_ascii() {
            let holders = self.state.email_holders(&quick.to_ascii_lowercase());
            if !holders.is_empty() {
                return Ok(self.holders(holders));
            }
        }
        let key = normalize_email("email", email)?;
        Ok(self.holders(self.state.email_holders(&key)))
    }

    /// Customers holding this phone (normalised with the default region first),
    /// active ones first. O(1).
    ///
    /// # Errors
    /// `invalid_input` when it is not a valid phone number.
    pub fn find_by_phone(&self, phone: &str) -> Result<Vec<&Customer>> {
        let holders = if is_e164(phone) {
            self.state.phone_holders(phone)
        } else {
            let key = normalize_phone("phone", phone, self.state.region)?;
            return Ok(self.holders(self.state.phone_holders(&key)));
        };
        Ok(self.holders(holders))
    }

    fn holders(&self, positions: &[u32]) -> Vec<&Customer> {
        let mut out: Vec<&Customer> = positions
            .iter()
            .map(|&p| &self.state.customers[p as usize])
            .collect();
        out.sort_by_key(|c| c.archived);
        out
    }

    /// Customers matching `filter`, in registration order, one page at a time.
    /// Customers merged into another or erased are never listed.
    /// The cursor is a customer id, so pages stay stable while customers are added.
    ///
    /// # Errors
    /// `invalid_input` for a limit outside 1..=1000; `not_found` for an
    /// unknown cursor.
    pub fn list_customers(
        &self,
        filter: &CustomerFilter,
        page: PageRequest<CustomerId>,
    ) -> Result<Page<&Customer, CustomerId>> {
        let limit = check_limit(page.limit)?;
        let start = match page.after {
            Some(id) => self
                .state
                .customer_ix
                .get(&id)
                .map(|&p| p + 1)
                .ok_or_else(|| Error::not_found(CustomerId::ENTITY, id))?,
            None => 0,
        };
        let keep = |c: &Customer| {
            c.merged_into.is_none()
                && c.erased_at.is_none()
                && filter.archived.is_none_or(|a| c.archived == a)
                && filter.lifecycle.is_none_or(|l| c.lifecycle == l)
                && filter.kind.is_none_or(|k| c.kind == k)
                && filter.owner.is_none_or(|o| c.owner == Some(o))
                && filter
                    .tier
                    .as_deref()
                    .is_none_or(|t| c.tier.as_deref() == Some(t))
        };
        let customers = &self.state.customers;
        let mut items: Vec<&Customer> = Vec::with_capacity(limit.min(64));
        let mut more = false;
        let tagged;
        let positions: Box<dyn Iterator<Item = u32> + '_> = match filter.tag.as_deref() {
            Some(tag) => {
                tagged = crate::text::nfc(tag);
                match self.state.by_tag.get(&tagged) {
                    Some(set) => Box::new(set.range(start..).copied()),
                    None => Box::new(std::iter::empty()),
                }
            }
            None => Box::new(start..u32::try_from(customers.len()).unwrap_or(u32::MAX)),
        };
        for p in positions {
            let c = &customers[p as usize];
            if !keep(c) {
                continue;
            }
            if items.len() == limit {
                more = true;
                break;
            }
            items.push(c);
        }
        let next = if more {
            items.last().map(|c| c.id)
        } else {
            None
        };
        Ok(Page { items, next })
    }

    /// Searches customers by name words (case- and diacritic-folded, prefix
    /// and typo-tolerant, any order), tags, email addresses (whole or their
    /// start) and phone numbers (any formatting of the number, or its last
    /// digits). Ranked best first, paged by `offset` and `limit`; merged and
    /// erased customers are never found, archived ones only on request. The
    /// matching and ranking rules are in [`crate::identity::search`].
    ///
    /// ```
    /// use clientcare::{MatchedField, Meta, RegisterCustomer, SearchQuery, Workspace};
    /// use chrono::{TimeZone, Utc};
    ///
    /// # fn main() -> Result<(), clientcare::Error> {
    /// let at = Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap();
    /// let mut ws = Workspace::with_seed(42);
    /// ws.configure(Meta::system(at), Some("VN"))?;
    /// let duc = ws.register_customer(Meta::system(at), RegisterCustomer {
    ///     full_name: "Nguyễn Văn Đức".into(),
    ///     emails: vec!["duc.nguyen@example.vn".into()],
    ///     phones: vec!["0903 123 456".into()],
    ///     tags: vec!["khách quen".into()],
    ///     ..Default::default()
    /// })?;
    /// for text in ["nguyen van duc", "duc nguyen", "nguyne", "duc.nguyen@", "+84 903-123-456", "khach quen"] {
    ///     let found = ws.search_customers(&SearchQuery::new(text))?;
    ///     assert_eq!(found.hits[0].customer.id, duc, "{text}");
    /// }
    /// let found = ws.search_customers(&SearchQuery::new("0903123456"))?;
    /// assert_eq!(found.hits[0].matched, [MatchedField::Phone]);
    /// assert_eq!(found.total, 1);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// `invalid_input` for a `limit` outside 1 to [`MAX_PAGE`] or a text
    /// longer than [`MAX_QUERY_CHARS`](crate::identity::search::MAX_QUERY_CHARS)
    /// characters. Blank text is no error: it finds nothing.
    pub fn search_customers(&self, query: &SearchQuery) -> Result<SearchResults<'_>> {
        crate::identity::search::run(&self.state, query)
    }

    /// Sizes of the customer search index (distinct words, keys and an
    /// estimate of its heap bytes), for benchmarks and capacity planning.
    #[must_use]
    pub fn search_stats(&self) -> SearchStats {
        self.state.search.stats()
    }

    /// A customer's interactions, oldest first.
    ///
    /// # Errors
    /// `not_found` for an unknown customer.
    pub fn interactions_of(&self, customer: CustomerId) -> Result<Vec<&Interaction>> {
        let customer = self.state.resolve(customer);
        self.state.customer(customer)?;
        let mut out: Vec<&Interaction> = self
            .state
            .interactions_by_customer
            .get(&customer)
            .into_iter()
            .flatten()
            .map(|&i| &self.state.interactions[i as usize])
            .collect();
        out.sort_by_key(|i| i.occurred_at);
        Ok(out)
    }

    fn position(&self, customer: CustomerId) -> Result<usize> {
        self.state
            .customer_ix
            .get(&self.state.resolve(customer))
            .map(|&p| p as usize)
            .ok_or_else(|| Error::not_found(CustomerId::ENTITY, customer))
    }

    /// A customer's timeline, newest first: its interactions (at the time they
    /// occurred) merged with every other event about it. Ties keep log order.
    /// Page with the `seq` of the last entry seen.
    ///
    /// # Errors
    /// `not_found` for an unknown customer or a cursor that is not on its
    /// timeline; `invalid_input` for a bad limit.
    pub fn timeline(
        &self,
        customer: CustomerId,
        page: PageRequest<TimelineCursor>,
    ) -> Result<Page<TimelineEntry<'_>, TimelineCursor>> {
        let limit = check_limit(page.limit)?;
        let pos = self.position(customer)?;
        let mut entries: Vec<TimelineEntry<'_>> = self.state.timeline[pos]
            .iter()
            .map(|&i| {
                let event = &self.log[i as usize];
                let at = match &event.payload {
                    EventPayload::InteractionLogged { occurred_at, .. } => *occurred_at,
                    _ => event.at,
                };
                TimelineEntry { at, event }
            })
            .collect();
        entries.sort_by(|a, b| b.at.cmp(&a.at).then(b.event.seq.cmp(&a.event.seq)));
        let start = match page.after {
            Some(seq) => {
                entries
                    .iter()
                    .position(|e| e.event.seq == seq)
                    .ok_or_else(|| {
                        Error::invalid_input(
                            "after",
                            seq.to_string(),
                            format!("not an event on the timeline of customer {customer}; pass the `next` of the previous page"),
                        )
                    })?
                    + 1
            }
            None => 0,
        };
        let rest = entries.len().saturating_sub(start);
        let items: Vec<TimelineEntry<'_>> = entries.into_iter().skip(start).take(limit).collect();
        let next = if rest > limit {
            items.last().map(|e| e.event.seq)
        } else {
            None
        };
        Ok(Page { items, next })
    }
}
