//! The identity section of the summary: what the identity desk did on the
//! last evening (see [`crate::identity`]): the second system's import and
//! what `check_duplicates` said before each row, the scan against the
//! planted pairs, the merges and the one undone, the erasure and its checks,
//! the may-contact answers; and the same facts checked again in the
//! reloaded workspace and the saved file.

use super::local;
use crate::identity::{
    phase_name, present, volume_count, IdentityReport, DUPLICATE_SHARE, MERGE_REASON,
    MIN_DUPLICATES, VOLUME_KPI,
};
use clientcare::{EventPayload, Workspace, ERASED};
use std::fmt;

/// The identity section.
#[derive(Debug, Clone, PartialEq)]
pub struct IdentitySummary {
    /// What the desk did and saw while the shop ran.
    pub desk: IdentityReport,
    /// In the reloaded workspace: old ids that resolve as they should
    /// (merged ones to their survivor, the unmerged one to itself), of all merged.
    pub resolving: usize,
    /// Customers merged away in it.
    pub merged_away: usize,
    /// `customers_merged`, `customers_unmerged` and `customer_erased` events in it.
    pub events: (usize, usize, usize),
    /// The forgotten customer is erased in it (`[erased]`, no contact point).
    pub erased: bool,
    /// The forgotten values the saved file still holds (0 expected).
    pub left_in_file: usize,
}

/// The identity section for `desk`, checked again in `ws` (the reloaded
/// workspace) and in `saved` (the file's text).
///
/// # Errors
/// `not_found` when a customer of the report is not in `ws`.
pub fn summarize_identity(
    ws: &Workspace,
    desk: &IdentityReport,
    saved: &str,
) -> Result<IdentitySummary, clientcare::Error> {
    let mut resolving = 0;
    for &(survivor, dup) in &desk.merged {
        let expected = if desk.unmerged == Some(dup) {
            dup
        } else {
            survivor
        };
        resolving += usize::from(ws.customer(dup)?.id == expected);
    }
    let mut events = (0, 0, 0);
    for e in ws.events() {
        match e.payload {
            EventPayload::CustomersMerged(_) => events.0 += 1,
            EventPayload::CustomersUnmerged { .. } => events.1 += 1,
            EventPayload::CustomerErased { .. } => events.2 += 1,
            _ => {}
        }
    }
    let c = ws.customer(desk.erasure.customer)?;
    Ok(IdentitySummary {
        desk: desk.clone(),
        resolving,
        merged_away: ws.customers().filter(|c| c.merged_into.is_some()).count(),
        events,
        erased: c.erased_at.is_some() && c.names.full == ERASED && c.contacts.is_empty(),
        left_in_file: present(saved, &desk.erasure.forgotten),
    })
}

fn count(v: Option<f64>) -> String {
    v.map_or_else(|| "-".into(), |x| format!("{x:.0}"))
}

impl fmt::Display for IdentitySummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.desk;
        writeln!(
            f,
            "Identity (a second system's customer list, imported {}, Hồ Chí Minh City time)",
            local(d.at)
        )?;
        let named = d.planted.iter().filter(|p| p.flagged).count();
        writeln!(
            f,
            "  imported {} of the shop's {} people again ({:.1} %, at least {}); check_duplicates before registering each: {} flagged a likely duplicate ({} named the original)",
            d.planted.len(),
            d.people,
            DUPLICATE_SHARE * 100.0,
            MIN_DUPLICATES,
            d.flagged,
            named
        )?;
        let phases: Vec<String> = d
            .phases
            .iter()
            .map(|p| {
                format!(
                    "{} {}/{} ({} calls)",
                    phase_name(p.phase),
                    p.done,
                    p.total,
                    p.calls
                )
            })
            .collect();
        writeln!(
            f,
            "  scan_duplicates: {} customers, {} candidate pairs scored, {} oversized groups split; progress {}",
            d.scanned,
            d.comparisons,
            d.skipped_blocks,
            phases.join(", ")
        )?;
        writeln!(
            f,
            "  reported {} pairs, {} of them planted: precision {:.3}, recall {:.3} on the planted set ({} of {}); {} reported pairs were not planted",
            d.reported,
            d.found,
            d.precision(),
            d.recall(),
            d.found,
            d.planted.len(),
            d.others.len()
        )?;
        for p in &d.planted {
            let found = d.merged.iter().any(|(_, dup)| *dup == p.duplicate);
            writeln!(
                f,
                "    {:<6} {} as {:?}: {}{}",
                if found { "found" } else { "missed" },
                p.name,
                p.imported_as,
                p.variation,
                if !found && p.variation.ends_with("only a new phone") {
                    " (nothing but the name in common: no rule tells it from a namesake)"
                } else {
                    ""
                }
            )?;
        }
        for o in d.others.iter().take(3) {
            writeln!(
                f,
                "    not planted: {} / {} (score {:.2}: {}){}",
                o.names.0,
                o.names.1,
                o.score,
                o.reasons,
                if o.involves_import {
                    "; one of them imported"
                } else {
                    "; two people of the story (namesakes sharing a contact)"
                }
            )?;
        }
        let unmerged = d
            .unmerged
            .and_then(|u| d.planted.iter().find(|p| p.duplicate == u))
            .map_or_else(|| "none".into(), |p| format!("{}'s", p.name));
        writeln!(
            f,
            "  merged {} pairs into the older record ({:?}); merge undone: {} (an agent found it was wrong); old ids resolve: {} of {} right after, {} of {} in the reloaded log ({} customers merged away)",
            d.merged.len(),
            MERGE_REASON,
            unmerged,
            d.resolving,
            d.merged.len(),
            self.resolving,
            d.merged.len(),
            self.merged_away
        )?;
        let e = &d.erasure;
        let parts: Vec<String> = e.export.iter().map(|(p, n)| format!("{p} {n}")).collect();
        writeln!(
            f,
            "  forgotten on request: a customer with complaints and purchases; export_customer first: {}",
            parts.join(", ")
        )?;
        writeln!(
            f,
            "    erase_customer: their name, emails and phones ({} values) in export_jsonl: {} before, {} after; in the saved file: {}; {} in the reloaded log",
            e.forgotten.len(),
            e.present_before,
            e.present_after,
            self.left_in_file,
            if self.erased { "erased" } else { "NOT erased" },
        )?;
        writeln!(
            f,
            "    {VOLUME_KPI} over the month: {} before, {} after ({})",
            count(volume_count(&e.volume.0)),
            count(volume_count(&e.volume.1)),
            if e.volume.0 == e.volume.1 {
                "unchanged, row for row"
            } else {
                "CHANGED"
            }
        )?;
        writeln!(
            f,
            "  events: customers_merged {}, customers_unmerged {}, customer_erased {}",
            self.events.0, self.events.1, self.events.2
        )?;
        writeln!(f, "  may_contact at {}:", local(d.contacts_at))?;
        for c in &d.contacts {
            writeln!(
                f,
                "    {:<24} {:<18} {} ({}), {}",
                c.who,
                format!("{}/{}", c.channel.as_str(), c.purpose.as_str()),
                if c.allowed { "allowed" } else { "not allowed" },
                c.reason.as_str(),
                if c.reachable {
                    "reachable"
                } else {
                    "nothing on file"
                }
            )?;
        }
        Ok(())
    }
}
