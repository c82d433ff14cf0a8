//! The event log as JSON Lines: export, and import as untrusted input.

use super::Workspace;
use crate::error::{Error, Result};
use crate::event::Event;
use crate::id::IdSource;

impl Workspace {
    /// The whole log as JSON Lines (one event per line, `\n` after each).
    #[must_use]
    pub fn export_jsonl(&self) -> String {
        let mut out = String::with_capacity(self.log.len() * 256);
        for ev in &self.log {
            // Serialising our own event types to JSON cannot fail.
            if let Ok(line) = serde_json::to_string(ev) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }

    /// Builds a workspace from a JSON Lines event log. The log is untrusted:
    /// every line is parsed, checked for sequence and checked against the state
    /// before it. Blank lines are ignored.
    ///
    /// # Errors
    /// [`Error::CorruptLog`] naming the 1-based line of the first bad event and
    /// why; no workspace is returned then.
    pub fn import_jsonl(text: &str, ids: Box<dyn IdSource>) -> Result<Self> {
        let mut ws = Self::new(ids);
        ws.log
            .reserve(text.bytes().filter(|b| *b == b'\n').count() + 1);
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let ev = parse_event_line(line, i + 1, ws.seq() + 1)?;
            ws.push_checked(ev, i + 1)?;
        }
        Ok(ws)
    }
}

/// Parses one line of a log.
///
/// # Errors
/// [`Error::CorruptLog`] when it is not a valid event.
pub fn parse_event_line(line: &str, line_no: usize, expected_seq: u64) -> Result<Event> {
    serde_json::from_str::<Event>(line).map_err(|e| Error::CorruptLog {
        line: line_no,
        seq: expected_seq,
        reason: format!("not a valid event: {e}"),
    })
}
