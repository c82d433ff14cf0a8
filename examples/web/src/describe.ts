// One line of text per event, for timelines and histories (wording only: the
// events themselves come from the package).

import type { EventJson } from "clientcare";
import { label, money } from "./dom";

export interface Names {
  agent(id: string | null | undefined): string;
  customer(id: string | null | undefined): string;
}

export function describe(e: EventJson, n: Names): string {
  const p = e.payload;
  switch (p.type) {
    case "customer_registered":
      return `Registered as ${p.lifecycle}${p.tier ? `, tier ${p.tier}` : ""}`;
    case "customer_updated":
      return `Details changed: ${Object.keys(p.changes).map(label).join(", ")}`;
    case "contact_point_added":
      return `Contact added: ${contactText(p.contact)}`;
    case "contact_point_removed":
      return `Contact removed: ${contactText(p.contact)}`;
    case "consent_recorded":
      return `Consent ${p.consent.granted ? "granted" : "withdrawn"}: ${p.consent.purpose} by ${label(p.consent.channel).toLowerCase()} (${p.consent.source})`;
    case "customer_tagged":
      return `Tagged ${p.tags.join(", ")}`;
    case "customer_untagged":
      return `Untagged ${p.tags.join(", ")}`;
    case "lifecycle_changed":
      return `Lifecycle ${p.from} → ${p.to}${p.reason ? ` (${p.reason})` : ""}`;
    case "tier_changed":
      return `Tier ${p.from ?? "none"} → ${p.to ?? "none"}`;
    case "customer_archived":
      return `Archived${p.reason ? `: ${p.reason}` : ""}`;
    case "customer_restored":
      return "Restored";
    case "interaction_logged":
      return `${label(p.direction)} ${label(p.network ?? p.channel).toLowerCase()}${p.subject ? `: ${p.subject}` : ""}${p.agent ? ` — ${n.agent(p.agent)}` : ""}`;
    case "complaint_opened":
      return `Complaint opened (${p.priority}, ${label(p.channel).toLowerCase()}): ${p.subject}`;
    case "complaint_updated":
      return `Complaint changed: ${Object.keys(p.changes).map(label).join(", ")}`;
    case "complaint_assigned":
      return `Assigned to ${p.assignee ? n.agent(p.assignee) : "nobody"}${p.team ? ` (team ${p.team})` : ""}`;
    case "complaint_state_changed":
      return `State ${label(p.from)} → ${label(p.to)}${p.reason ? ` (${p.reason})` : ""}`;
    case "complaint_message_added":
      return p.author === "customer"
        ? `Customer wrote: ${p.body}`
        : `${p.public ? "Response" : "Internal note"} by ${p.agent ? n.agent(p.agent) : "automation"}: ${p.body}`;
    case "complaint_resolved":
      return `Resolved (${p.category})${p.note ? `: ${p.note}` : ""}${p.compensation?.length ? ` + ${p.compensation.map((c) => `${c.kind} ${money(c.value)}`).join(", ")}` : ""}`;
    case "complaint_reopened":
      return `Reopened${p.reason ? `: ${p.reason}` : ""}`;
    case "complaint_closed":
      return p.automatic ? "Closed automatically" : "Closed";
    case "complaint_cancelled":
      return `Cancelled (${p.reason})${p.note ? `: ${p.note}` : ""}`;
    case "complaint_merged":
      return "Merged into another complaint";
    case "complaint_escalated":
      return `Escalated to level ${p.toLevel}: ${p.reason}${p.assignee ? ` → ${n.agent(p.assignee)}` : ""}`;
    case "opportunity_opened":
      return `Deal opened: ${p.title} (${money(p.value)})`;
    case "opportunity_moved":
      return `Deal moved ${label(p.from)} → ${label(p.to)}${p.lostReason ? ` (${label(p.lostReason).toLowerCase()})` : ""}`;
    case "purchase_recorded":
      return `Purchase ${money(p.amount)}${p.items?.length ? `: ${p.items.map((i) => i.name).join(", ")}` : p.description ? `: ${p.description}` : ""}`;
    case "referral_recorded":
      return `Referral: ${n.customer(p.referrer)} referred ${n.customer(p.referred)}`;
    case "referral_qualified":
      return "Referral qualified (first purchase)";
    case "referral_rewarded":
      return `Referral rewarded: ${p.reward.kind} ${money(p.reward.value)}`;
    case "follow_up_scheduled":
      return `Follow-up scheduled: ${p.subject}${p.assignee ? ` — ${n.agent(p.assignee)}` : ""}`;
    case "follow_up_completed":
      return `Follow-up done${p.outcome ? `: ${p.outcome}` : ""}`;
    case "follow_up_cancelled":
      return `Follow-up cancelled: ${p.reason}`;
    case "follow_up_snoozed":
      return "Follow-up snoozed";
    case "follow_up_reassigned":
      return `Follow-up reassigned to ${p.assignee ? n.agent(p.assignee) : "nobody"}`;
    case "playbook_run_started":
      return `Playbook “${p.playbook}” started (${p.steps.length} steps)`;
    case "playbook_run_ended":
      return `Playbook ${p.status}: ${p.reason}`;
    case "survey_sent":
      return `${p.kind.toUpperCase()} survey sent by ${label(p.channel).toLowerCase()}`;
    case "survey_answered":
      return `Survey answered${p.score !== undefined ? `: ${p.score}` : ""}${p.late ? " (late)" : ""}${p.comment ? ` — “${p.comment}”` : ""}`;
    case "customers_merged":
      return `Merged ${p.merged.length} duplicate record(s) into this one`;
    case "customers_unmerged":
      return "Merge undone";
    case "customer_erased":
      return "Personal data erased";
    default:
      return label(p.type);
  }
}

function contactText(c: { kind: string } & Record<string, unknown>): string {
  switch (c.kind) {
    case "email":
      return String(c["address"]);
    case "phone":
      return String(c["number"]);
    case "social":
      return `${String(c["network"])} ${String(c["handle"])}`;
    default:
      return "postal address";
  }
}
