//! Runnable examples of `clientcare`.
//!
//! The main job, [`run_main_job`] (binary `hcmc-shop`): a month of a shop in
//! Hồ Chí Minh City (see [`shop`]), with its complaints and their SLA (see
//! [`care`]), its sales and after-sales journey: pipelines, purchases,
//! loyalty tiers, referrals, playbooks and follow-ups (see [`sales`]), and
//! its surveys and their answers (see [`feedback`]), and on its last evening
//! a second system's import with its duplicates, merges, an erasure and the
//! may-contact rule (see [`identity`]). Every day's events are stored in a
//! SQLite file through `clientcare-store` (one transaction per day, a
//! snapshot two thirds into the month); the file is reopened (snapshot plus the
//! events after it) and checked equal to the original, the log is also saved
//! as JSON Lines, reloaded with [`Workspace::import_jsonl`] and checked
//! equal, and the reopened workspace is summarised, KPIs and identity checks
//! included (see [`summary`]). The binary and the integration test share this
//! code.

pub mod care;
pub mod feedback;
pub mod identity;
pub mod sales;
pub mod shop;
pub mod summary;

pub use shop::{build_shop, build_shop_with, Shop, ShopConfig};
pub use summary::{summarize, summarize_identity, Summary};

use clientcare::{SeededIds, Workspace};
use clientcare_store::{EventStore, Journal, Options, SqliteStore, StoreError};
use std::fmt;
use std::path::{Path, PathBuf};

/// The search examples, typed without diacritics: a family and a middle
/// name, a full name, a French given name ("Élodie"), a 3-letter prefix.
pub const SEARCH_QUERIES: &[&str] = &["nguyen van", "nguyen van duc", "elodie", "huy"];

/// What the main job did.
#[derive(Debug, Clone, PartialEq)]
pub struct MainJob {
    /// Where the event log was written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub file_bytes: u64,
    /// Its number of lines (one event each).
    pub lines: usize,
    /// The SQLite file the shop's events were stored in as they happened.
    pub db_path: PathBuf,
    /// Its size in bytes after the job.
    pub db_bytes: u64,
    /// The transactions that stored them (one per day, plus the last evening).
    pub db_saves: usize,
    /// The sequence number of the snapshot stored two thirds into the month.
    pub snapshot_seq: u64,
    /// Whether the erasure of the last evening dropped that snapshot (it held
    /// what was erased), so that a new one was taken at the end.
    pub snapshot_dropped: bool,
    /// The sequence number of the snapshot the file holds at the end.
    pub final_snapshot_seq: u64,
    /// Whether reopening the file started from a snapshot.
    pub reopened_from_snapshot: bool,
    /// How many times the shop ran `tick` (end of every business day).
    pub ticks: usize,
    /// The events those ticks produced (escalations, auto-closes).
    pub tick_events: usize,
    /// The summary of the reloaded workspace.
    pub summary: Summary,
}

/// Why the main job failed.
#[derive(Debug)]
pub enum MainJobError {
    /// The workspace refused a command of the story, or the log did not import.
    Domain(clientcare::Error),
    /// Writing or reading the file failed.
    Io(PathBuf, std::io::Error),
    /// The SQLite store failed.
    Store(PathBuf, Box<StoreError>),
    /// The reloaded workspace is not equal to the original.
    Mismatch(String),
}

impl fmt::Display for MainJobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MainJobError::Domain(e) => write!(f, "{e}"),
            MainJobError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            MainJobError::Store(p, e) => write!(f, "{}: {e}", p.display()),
            MainJobError::Mismatch(why) => write!(f, "round trip failed: {why}"),
        }
    }
}

impl std::error::Error for MainJobError {}

impl From<clientcare::Error> for MainJobError {
    fn from(e: clientcare::Error) -> Self {
        MainJobError::Domain(e)
    }
}

/// Explains how two workspaces differ (first differing event, or the state).
fn difference(a: &Workspace, b: &Workspace) -> String {
    if a.events().len() != b.events().len() {
        return format!(
            "{} events saved, {} reloaded",
            a.events().len(),
            b.events().len()
        );
    }
    match a.events().iter().zip(b.events()).find(|(x, y)| x != y) {
        Some((x, _)) => format!("event seq {} differs after reloading", x.seq),
        None => "same events, but the folded state differs".into(),
    }
}

/// Builds the shop, storing each day's events in a SQLite file next to
/// `path` (same name, `.db`; a previous run's file is replaced), then reopens
/// the file, saves the log as JSON Lines to `path` (parent folders created),
/// reloads it, checks both copies equal the original and summarises the
/// reopened workspace.
///
/// # Errors
/// [`MainJobError`] when a command is refused, the store or the file cannot
/// be written or read, the log does not import, or a copy differs.
pub fn run_main_job(cfg: &ShopConfig, path: &Path) -> Result<MainJob, MainJobError> {
    let io = |e| MainJobError::Io(path.to_owned(), e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }

    // The store: a fresh SQLite file; the shop's events go in at the end of
    // every day, one transaction each, and a snapshot two thirds into the
    // month (the 20th evening of 31 days).
    let db_path = path.with_extension("db");
    let db_err = |e| MainJobError::Store(db_path.clone(), Box::new(e));
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db_path.clone().into_os_string();
        p.push(suffix);
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(MainJobError::Io(p.into(), e));
            }
            _ => {}
        }
    }
    let store = SqliteStore::open(&db_path).map_err(db_err)?;
    let ids = Box::new(SeededIds::new(cfg.seed + 2));
    let (mut journal, _) =
        Journal::open(store, "hcmc-shop", ids, Options::default()).map_err(db_err)?;
    let mut db_saves = 0;
    let mut snapshot_seq = 0;
    let shop = build_shop_with(cfg, |ws| {
        journal.save(ws).map_err(db_err)?;
        db_saves += 1;
        if db_saves == (cfg.days as usize * 2 / 3).max(1) {
            snapshot_seq = journal.snapshot(ws).map_err(db_err)?;
        }
        Ok::<(), MainJobError>(())
    })?;
    // The erasure of the last evening rewrote stored events and dropped the
    // snapshot (it held what was erased): take a new one.
    let snapshot_dropped = journal
        .store()
        .latest_snapshot("hcmc-shop")
        .map_err(db_err)?
        .is_none();
    if snapshot_dropped {
        journal.snapshot(&shop.workspace).map_err(db_err)?;
    }
    let final_snapshot_seq = shop.workspace.seq();
    drop(journal);

    // Reopen the file as a restarted program would: the snapshot plus the
    // events stored after it.
    let reopened = clientcare_store::open_with(
        &db_path,
        "hcmc-shop",
        Box::new(SeededIds::new(cfg.seed + 3)),
    )
    .map_err(db_err)?;
    let reopened_from_snapshot = reopened.opened_from_snapshot();
    let (_, stored) = reopened.into_parts();
    if stored != shop.workspace {
        return Err(MainJobError::Mismatch(format!(
            "the SQLite store: {}",
            difference(&shop.workspace, &stored)
        )));
    }
    let db_bytes = std::fs::metadata(&db_path).map_err(io)?.len();

    // Save: one JSON object per line.
    std::fs::write(path, shop.workspace.export_jsonl()).map_err(io)?;

    // Reload: the file is untrusted input, checked event by event.
    let text = std::fs::read_to_string(path).map_err(io)?;
    let reloaded = Workspace::import_jsonl(&text, Box::new(SeededIds::new(cfg.seed + 1)))?;
    if reloaded != shop.workspace {
        return Err(MainJobError::Mismatch(difference(
            &shop.workspace,
            &reloaded,
        )));
    }
    let reloaded = stored;

    let mut summary = summarize(&reloaded, shop.showcase, SEARCH_QUERIES, shop.end)?;
    // The identity desk's work, checked again in the reloaded workspace and
    // the saved file.
    summary.identity = Some(summarize_identity(&reloaded, &shop.identity, &text)?);
    Ok(MainJob {
        db_path,
        db_bytes,
        db_saves,
        snapshot_seq,
        snapshot_dropped,
        final_snapshot_seq,
        reopened_from_snapshot,
        path: path.to_owned(),
        file_bytes: text.len() as u64,
        lines: text.lines().count(),
        ticks: shop.ticks.len(),
        tick_events: shop.ticks.iter().map(|(_, n)| n).sum(),
        summary,
    })
}

impl fmt::Display for MainJob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary)?;
        writeln!(
            f,
            "Ticks: {} (end of every business day), {} events.",
            self.ticks, self.tick_events
        )?;
        writeln!(
            f,
            "SQLite store: {} ({} events in {} transactions, one per day; {:.1} MiB); snapshot at seq {}{}; reopened {}: equal to the original.",
            self.db_path.display(),
            self.summary.events,
            self.db_saves,
            self.db_bytes as f64 / (1024.0 * 1024.0),
            self.snapshot_seq,
            if self.snapshot_dropped {
                format!(
                    ", dropped by the erasure (it held what was erased), taken again at seq {}",
                    self.final_snapshot_seq
                )
            } else {
                String::new()
            },
            if self.reopened_from_snapshot {
                "from the snapshot plus the events after it"
            } else {
                "by replaying every event"
            }
        )?;
        writeln!(
            f,
            "Event log: {} ({} events, {:.1} KiB, {:.0} bytes/event); reloaded with import_jsonl: equal to the original.",
            self.path.display(),
            self.summary.events,
            self.file_bytes as f64 / 1024.0,
            self.file_bytes as f64 / self.summary.events.max(1) as f64
        )
    }
}
