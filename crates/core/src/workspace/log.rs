//! The event log as JSON Lines: export, and import as untrusted input.

use super::Workspace;
use crate::error::{Error, Result};
use crate::event::Event;
use crate::id::IdSource;

impl Workspace {
    /// The whole log as JSON Lines (one event per line, `\n` after each).
    #[must_use]
    pub fn export_jsonl(&self) -> String {
        self.export_jsonl_since(0)
    }

    /// The events after sequence number `seq` as JSON Lines (all of them for
    /// 0): what a host appends to its copy of the log after a command.
    #[must_use]
    pub fn export_jsonl_since(&self, seq: u64) -> String {
        let events = self.events_since(seq);
        let mut out = String::with_capacity(events.len() * 256);
        for ev in events {
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

    /// Appends a JSON Lines chunk of events that continue this workspace's
    /// log (the next chunk of a large log, or events another instance wrote).
    /// Every line is parsed before any is applied; each event is then checked
    /// as [`import_jsonl`](Self::import_jsonl) does. Returns how many events
    /// were appended.
    ///
    /// # Errors
    /// [`Error::CorruptLog`] naming the 1-based line of the chunk. A line that
    /// does not parse changes nothing; an event that parses but does not fit
    /// leaves the events before it applied (see [`Workspace::apply_events`]).
    pub fn apply_jsonl(&mut self, text: &str) -> Result<usize> {
        let mut events = Vec::with_capacity(text.bytes().filter(|b| *b == b'\n').count() + 1);
        let mut lines = Vec::with_capacity(events.capacity());
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let expected = self.seq() + events.len() as u64 + 1;
            events.push(parse_event_line(line, i + 1, expected)?);
            lines.push(i + 1);
        }
        let n = events.len();
        self.log.reserve(n);
        for (ev, line) in events.into_iter().zip(lines) {
            self.push_checked(ev, line)?;
        }
        Ok(n)
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
