//! Customer queries: filters and stable paging.

use super::model::{CustomerKind, Lifecycle};
use crate::id::{AgentId, CustomerId};
use serde::{Deserialize, Serialize};

/// Filters for [`Workspace::list_customers`](crate::Workspace::list_customers).
/// All given filters must hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CustomerFilter {
    /// Has this tag.
    pub tag: Option<String>,
    /// In this lifecycle stage.
    pub lifecycle: Option<Lifecycle>,
    /// Has this tier.
    pub tier: Option<String>,
    /// Owned by this agent.
    pub owner: Option<AgentId>,
    /// Person or organisation.
    pub kind: Option<CustomerKind>,
    /// `Some(false)` (the default): active only; `Some(true)`: archived only;
    /// `None`: both.
    pub archived: Option<bool>,
}

impl Default for CustomerFilter {
    fn default() -> Self {
        Self {
            tag: None,
            lifecycle: None,
            tier: None,
            owner: None,
            kind: None,
            archived: Some(false),
        }
    }
}

/// A page request: up to `limit` items after the cursor `after`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PageRequest<C> {
    /// Continue after this cursor (the `next` of the previous page).
    pub after: Option<C>,
    /// Page size (1 to 1000; 50 by default).
    pub limit: usize,
}

impl<C> Default for PageRequest<C> {
    fn default() -> Self {
        Self {
            after: None,
            limit: 50,
        }
    }
}

/// Largest page the queries return.
pub const MAX_PAGE: usize = 1000;

/// One page of results and the cursor of the next page (if there is more).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T, C> {
    /// The items.
    pub items: Vec<T>,
    /// Pass as `after` to get the next page; `None` at the end.
    pub next: Option<C>,
}

/// Cursor type of customer lists.
pub type CustomerCursor = CustomerId;
