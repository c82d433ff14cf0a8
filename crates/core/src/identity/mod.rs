//! Identity: who a customer is, once. Search over names, emails, phones and
//! tags ([`search`]); duplicate detection ([`duplicates`]); merge and unmerge
//! ([`merge`]); the consent check outbound steps use ([`consent`]); erasure of
//! personal data and the per-customer export ([`erasure`], [`export`]).

pub mod consent;
pub mod duplicates;
pub mod erasure;
pub mod export;
pub mod merge;
pub mod search;

pub use consent::{ContactDecision, ContactReason};
pub use erasure::{EraseCustomer, ERASED};
pub use export::{CustomerExport, EXPORT_FORMAT};
pub use merge::{MergeCustomers, Survive, Survivorship, UnmergeCustomers};
