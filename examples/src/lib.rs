//! Runnable examples of `clientcare`.
//!
//! The main job, [`run_main_job`] (binary `hcmc-shop`): a month of a shop in
//! Hồ Chí Minh City (see [`shop`]), with its complaints and their SLA (see
//! [`care`]), its sales and after-sales journey: pipelines, purchases,
//! loyalty tiers, referrals, playbooks and follow-ups (see [`sales`]), and
//! its surveys and their answers (see [`feedback`]), and on its last evening
//! a second system's import with its duplicates, merges, an erasure and the
//! may-contact rule (see [`identity`]), is saved as a JSON Lines event log,
//! reloaded with [`Workspace::import_jsonl`], checked equal to the original
//! and summarised, KPIs and identity checks included (see [`summary`]). The
//! binary and the integration test share this code.

pub mod care;
pub mod feedback;
pub mod identity;
pub mod sales;
pub mod shop;
pub mod summary;

pub use shop::{build_shop, Shop, ShopConfig};
pub use summary::{summarize, summarize_identity, Summary};

use clientcare::{SeededIds, Workspace};
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
    /// The reloaded workspace is not equal to the original.
    Mismatch(String),
}

impl fmt::Display for MainJobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MainJobError::Domain(e) => write!(f, "{e}"),
            MainJobError::Io(p, e) => write!(f, "{}: {e}", p.display()),
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

/// Builds the shop, saves its log to `path` (parent folders created), reloads
/// it, checks it equals the original and summarises the reloaded workspace.
///
/// # Errors
/// [`MainJobError`] when a command is refused, the file cannot be written or
/// read, the log does not import, or the reloaded workspace differs.
pub fn run_main_job(cfg: &ShopConfig, path: &Path) -> Result<MainJob, MainJobError> {
    let shop = build_shop(cfg)?;
    let io = |e| MainJobError::Io(path.to_owned(), e);

    // Save: one JSON object per line.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
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

    let mut summary = summarize(&reloaded, shop.showcase, SEARCH_QUERIES, shop.end)?;
    // The identity desk's work, checked again in the reloaded workspace and
    // the saved file.
    summary.identity = Some(summarize_identity(&reloaded, &shop.identity, &text)?);
    Ok(MainJob {
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
            "Event log: {} ({} events, {:.1} KiB, {:.0} bytes/event); reloaded with import_jsonl: equal to the original.",
            self.path.display(),
            self.summary.events,
            self.file_bytes as f64 / 1024.0,
            self.file_bytes as f64 / self.summary.events.max(1) as f64
        )
    }
}
