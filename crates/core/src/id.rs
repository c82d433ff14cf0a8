//! Typed identifiers (UUID v7) and the injectable [`IdSource`] that makes them.
//!
//! The core never draws randomness on its own: every new id comes from the
//! [`IdSource`] a [`Workspace`](crate::Workspace) was given. [`SeededIds`] is
//! deterministic, so a test or a benchmark that uses the same seed and the same
//! commands gets byte-identical event logs.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

/// Produces the random part of new UUID v7 identifiers.
///
/// The timestamp part of a v7 UUID comes from the command's `at`, never from a
/// clock, so ids sort by the business time at which they were created.
pub trait IdSource: fmt::Debug + Send + Sync {
    /// Returns 10 random bytes (80 bits) for the next id.
    fn next_random(&mut self) -> [u8; 10];

    /// A copy of this source in its current state (used when a workspace is cloned).
    fn clone_box(&self) -> Box<dyn IdSource>;
}

/// A deterministic [`IdSource`] (SplitMix64 stream) for tests, benchmarks and
/// reproducible imports. Hosts that want unpredictable ids seed it from their
/// own entropy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededIds {
    state: u64,
}

impl SeededIds {
    /// A source whose ids are fully determined by `seed`.
    #[must_use]
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

impl IdSource for SeededIds {
    fn next_random(&mut self) -> [u8; 10] {
        let a = self.next_u64().to_le_bytes();
        let b = self.next_u64().to_le_bytes();
        [a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], b[0], b[1]]
    }

    fn clone_box(&self) -> Box<dyn IdSource> {
        Box::new(self.clone())
    }
}

/// Builds a UUID v7 from the instant `at` and the next random bits of `source`.
pub(crate) fn new_uuid(source: &mut dyn IdSource, at: DateTime<Utc>) -> Uuid {
    let millis = u64::try_from(at.timestamp_millis()).unwrap_or(0);
    let random = source.next_random();
    uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid()
}

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $entity:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps an existing UUID.
            #[must_use]
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }
            /// The underlying UUID.
            #[must_use]
            pub const fn uuid(&self) -> Uuid {
                self.0
            }
            pub(crate) fn generate(source: &mut dyn IdSource, at: DateTime<Utc>) -> Self {
                Self(new_uuid(source, at))
            }
            /// A new id that `taken` does not reject (a seeded source replayed
            /// after an import could otherwise repeat an id already in use).
            #[allow(dead_code)]
            pub(crate) fn generate_unused(
                source: &mut dyn IdSource,
                at: DateTime<Utc>,
                taken: impl Fn(&Self) -> bool,
            ) -> crate::Result<Self> {
                for _ in 0..64 {
                    let id = Self::generate(source, at);
                    if !taken(&id) {
                        return Ok(id);
                    }
                }
                Err(crate::Error::id_in_use($entity, "(generated)"))
            }
            /// The entity name used in error messages (`"customer"`, ...).
            pub const ENTITY: &'static str = $entity;
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0.hyphenated(), f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0.hyphenated())
            }
        }

        impl FromStr for $name {
            type Err = crate::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self).map_err(|_| {
                    crate::Error::invalid_input(
                        concat!($entity, "_id"),
                        s,
                        "expected a UUID such as 0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f",
                    )
                })
            }
        }
    };
}

typed_id!(
    /// Identifies a customer (a person or an organisation).
    CustomerId,
    "customer"
);
typed_id!(
    /// Identifies an agent (a member of the care or sales team).
    AgentId,
    "agent"
);
typed_id!(
    /// Identifies an interaction (a touchpoint on some channel).
    InteractionId,
    "interaction"
);
typed_id!(
    /// Identifies a complaint (a support ticket).
    ComplaintId,
    "complaint"
);
typed_id!(
    /// Identifies a sales opportunity (a deal).
    OpportunityId,
    "opportunity"
);
typed_id!(
    /// Identifies a purchase.
    PurchaseId,
    "purchase"
);
typed_id!(
    /// Identifies a follow-up task (one occurrence of a series).
    FollowUpId,
    "follow_up"
);
typed_id!(
    /// Identifies a run of an after-sales playbook for one customer.
    PlaybookRunId,
    "playbook_run"
);
typed_id!(
    /// Identifies a referral (who referred whom).
    ReferralId,
    "referral"
);
typed_id!(
    /// Identifies a feedback survey sent to a customer.
    SurveyId,
    "survey"
);
typed_id!(
    /// Identifies one event in the log.
    EventId,
    "event"
);

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn seeded_ids_are_deterministic_v7_and_time_ordered() {
        let t1 = Utc
            .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default();
        let t2 = Utc
            .with_ymd_and_hms(2026, 1, 2, 0, 0, 0)
            .single()
            .unwrap_or_default();
        let mut a = SeededIds::new(7);
        let mut b = SeededIds::new(7);
        let x = CustomerId::generate(&mut a, t1);
        let y = CustomerId::generate(&mut b, t1);
        assert_eq!(x, y);
        assert_eq!(x.uuid().get_version_num(), 7);
        let z = CustomerId::generate(&mut a, t2);
        assert!(z > x);
        assert_ne!(CustomerId::generate(&mut a, t1), x);
    }

    #[test]
    fn parse_rejects_garbage_with_invalid_input() {
        let err = "nope".parse::<CustomerId>().err();
        assert_eq!(err.map(|e| e.code()), Some("invalid_input"));
    }
}
