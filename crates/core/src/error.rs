//! The one error type of the core, with stable machine codes.

/// Everything that can go wrong in the core. Each variant has a stable
/// [`code`](Error::code) that the Python and JavaScript faces expose as `.code`.
///
/// A command that returns an error has changed nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An id that names nothing in this workspace.
    #[error("{entity} {id} not found: check the id, or register the {entity} first")]
    NotFound {
        /// The kind of entity (`customer`, `agent`, ...).
        entity: &'static str,
        /// The id that was looked up.
        id: String,
    },
    /// A field whose value is not acceptable.
    #[error("invalid {field} {value:?}: {reason}")]
    InvalidInput {
        /// The field, as named in commands (`email`, `phone`, `at`, ...).
        field: String,
        /// The offending value as given.
        value: String,
        /// What is wrong and what would be accepted.
        reason: String,
    },
    /// A state change that the entity's current state does not allow.
    #[error("cannot {action} {entity} {id}: it is {current}; allowed from here: {}", list_or_none(.allowed))]
    InvalidTransition {
        /// The kind of entity.
        entity: &'static str,
        /// Its id.
        id: String,
        /// What was attempted (`archive`, `change lifecycle to customer`, ...).
        action: String,
        /// Its current state.
        current: String,
        /// The states or actions that are allowed from the current state.
        allowed: Vec<String>,
    },
    /// A value that is already held by another entity.
    #[error("{field} {value:?} is already used by {holder_entity} {holder}: {remedy}")]
    Conflict {
        /// The contested field (`email`, `phone`, `id`).
        field: String,
        /// The contested value.
        value: String,
        /// The kind of entity that holds it.
        holder_entity: &'static str,
        /// The id of the holder.
        holder: String,
        /// What the caller can do about it.
        remedy: String,
    },
    /// An event log that cannot be trusted: unreadable, out of sequence or
    /// inconsistent with the events before it. Nothing of it was applied.
    #[error("event log rejected at line {line} (seq {seq}): {reason}")]
    CorruptLog {
        /// 1-based line (or position) of the offending event.
        line: usize,
        /// The sequence number that was expected there.
        seq: u64,
        /// What is wrong with it.
        reason: String,
    },
    /// A workspace snapshot that cannot be used: damaged, written by another
    /// core version or layout, or taken from another log. Open the
    /// workspace by replaying its events instead.
    #[error("snapshot refused: {reason}; open the workspace by replaying its events instead")]
    CorruptSnapshot {
        /// What is wrong with it.
        reason: String,
    },
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".to_owned()
    } else {
        items.join(", ")
    }
}

impl Error {
    /// The stable machine code of this error.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::InvalidInput { .. } => "invalid_input",
            Error::InvalidTransition { .. } => "invalid_transition",
            Error::Conflict { .. } => "conflict",
            Error::CorruptLog { .. } => "corrupt_log",
            Error::CorruptSnapshot { .. } => "corrupt_snapshot",
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid_input(
        field: impl Into<String>,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidInput {
            field: field.into(),
            value: value.into(),
            reason: reason.into(),
        }
    }

    /// A [`Error::Conflict`] for a caller-chosen id that is already taken.
    pub fn id_in_use(entity: &'static str, id: impl ToString) -> Self {
        let id = id.to_string();
        Error::Conflict {
            field: "id".into(),
            value: id.clone(),
            holder_entity: entity,
            holder: id,
            remedy: "omit the id to get a new one".into(),
        }
    }

    /// Shorthand for [`Error::NotFound`].
    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            entity,
            id: id.to_string(),
        }
    }
}

/// The result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_variant_has_a_code_and_a_helpful_message() {
        let cases = [
            (
                Error::not_found("customer", "abc"),
                "not_found",
                "customer abc not found: check the id, or register the customer first",
            ),
            (
                Error::invalid_input("phone", "12", "not a valid phone number"),
                "invalid_input",
                "invalid phone \"12\": not a valid phone number",
            ),
            (
                Error::InvalidTransition {
                    entity: "customer",
                    id: "c1".into(),
                    action: "archive".into(),
                    current: "archived".into(),
                    allowed: vec!["restore".into()],
                },
                "invalid_transition",
                "cannot archive customer c1: it is archived; allowed from here: restore",
            ),
            (
                Error::Conflict {
                    field: "email".into(),
                    value: "a@b.vn".into(),
                    holder_entity: "customer",
                    holder: "c9".into(),
                    remedy: "pass allow_shared_contacts to keep both".into(),
                },
                "conflict",
                "email \"a@b.vn\" is already used by customer c9: pass allow_shared_contacts to keep both",
            ),
            (
                Error::CorruptLog {
                    line: 3,
                    seq: 3,
                    reason: "bad json".into(),
                },
                "corrupt_log",
                "event log rejected at line 3 (seq 3): bad json",
            ),
            (
                Error::CorruptSnapshot {
                    reason: "checksum mismatch".into(),
                },
                "corrupt_snapshot",
                "snapshot refused: checksum mismatch; open the workspace by replaying its events instead",
            ),
        ];
        for (err, code, msg) in cases {
            assert_eq!(err.code(), code);
            assert_eq!(err.to_string(), msg);
        }
    }
}
