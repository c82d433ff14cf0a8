//! Identity: who a customer is, once. Search over names, emails, phones and
//! tags ([`search`]); duplicate detection ([`duplicates`]); merge and unmerge
//! ([`merge`]); the consent check outbound steps use ([`consent`]); erasure of
//! personal data and the per-customer export ([`erasure`], [`export`]).

pub(crate) mod search;
