//! The store's error: the core's errors plus what storage adds.

/// What can go wrong with a stored workspace. Each variant has a stable
/// [`code`](StoreError::code), as the core's errors do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The command or the events were refused by the core; nothing was stored.
    #[error(transparent)]
    Core(#[from] clientcare::Error),
    /// Another writer appended first: the store's head is not the expected
    /// sequence. Nothing was written; catch up and retry.
    #[error("conflict: expected the log of workspace {workspace:?} to end at seq {expected}, it ends at {actual}; read the new events and retry")]
    Conflict {
        /// The workspace.
        workspace: String,
        /// The sequence the writer expected.
        expected: u64,
        /// The store's head.
        actual: u64,
    },
    /// A request the store cannot honour (events out of sequence, a snapshot
    /// beyond the log, a bad name).
    #[error("invalid store request: {0}")]
    Invalid(String),
    /// Stored data that cannot be read back (a stored event that does not
    /// parse, a log with a gap).
    #[error("corrupt store: {0}")]
    Corrupt(String),
    /// The database failed (cannot open, locked for too long, disk full, lost
    /// connection). Nothing was acknowledged.
    #[error("storage failed: {0}")]
    Backend(String),
}

impl StoreError {
    /// The stable machine code: the core's code for [`StoreError::Core`],
    /// otherwise `conflict`, `invalid_input`, `corrupt_store` or `storage`.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Core(e) => e.code(),
            StoreError::Conflict { .. } => "conflict",
            StoreError::Invalid(_) => "invalid_input",
            StoreError::Corrupt(_) => "corrupt_store",
            StoreError::Backend(_) => "storage",
        }
    }
}

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
