// Type-checked with `tsc --noEmit --strict` (scripts/test-js.sh) against the
// built package's .d.ts. Every `@ts-expect-error` proves a type is precise:
// if the type were `any` or too loose, the expected error would not happen
// and tsc would fail.
import {
  Workspace,
  isClientcareError,
  type Agent,
  type BulkResult,
  type Channel,
  type ClientcareError,
  type Command,
  type CommandOptions,
  type ContactPoint,
  type Customer,
  type EventJson,
  type Interaction,
  type Outcome,
  type Page,
  type RegisterCustomerInput,
  type SearchHit,
  type SearchOptions,
  type SearchResults,
  type MatchedField,
  type TimelineEntry,
  type CalendarSpec,
  type CalendarSpecInput,
  type Complaint,
  type ComplaintSettings,
  type ComplaintState,
  type Message,
  type Metric,
  type MetricState,
  type MetricStatus,
  type OpenComplaintInput,
  type Priority,
  type Resolution,
  type SlaAlert,
  type SlaInterval,
  type SlaPolicy,
  type SlaPolicyInput,
  type SlaStatus,
  type Agenda,
  type Board,
  type BoardColumn,
  type FollowUp,
  type FollowUpKind,
  type FollowUpLinks,
  type FollowUpStatus,
  type Frequency,
  type LoyaltySettings,
  type Opportunity,
  type Pipeline,
  type PipelineInput,
  type Playbook,
  type PlaybookInput,
  type PlaybookRun,
  type PlaybookStep,
  type Purchase,
  type PurchaseItem,
  type RecurrenceSpec,
  type RecurrenceSpecInput,
  type Referral,
  type ReferralStatus,
  type RuleSpec,
  type RunProgress,
  type RunStatus,
  type ScheduleFollowUpInput,
  type Stage,
  type StageKind,
  type StepKind,
  type StepProgress,
  type StepStatus,
  type TierRule,
  type Consent,
  type ContactDecision,
  type ContactReason,
  type CustomerExport,
  type CustomersMerged,
  type Lifecycle,
  type MergeCustomersInput,
  type Survive,
  type Survivorship,
  type DuplicateMatch,
  type DuplicatePair,
  type DuplicateReport,
  type DuplicateRules,
  type MatchReason,
  type NameMetric,
  type ScanPhase,
  type ScanProgress,
} from "clientcare";

const at = new Date("2026-11-02T09:00:00Z");
const opts: CommandOptions = { at, actor: undefined };
const ws: Workspace = new Workspace({ defaultRegion: "VN", seed: 42 });
new Workspace({ seed: 42n, at: "2026-11-02T09:00:00Z" });
new Workspace();

const mai: string = ws.registerAgent({ name: "Trần Thị Mai", team: "care" }, { at });
ws.updateAgent({ agent: mai, team: null, active: true });
const agent: Agent = ws.agent(mai);
const agentName: string = agent.name;
const agents: Agent[] = ws.agents();

const input: RegisterCustomerInput = {
  fullName: "Nguyễn Văn Đức",
  phones: ["090 123 4567"],
  emails: ["duc@example.vn"],
  contacts: [
    { kind: "social", network: "zalo", handle: "duc.nguyen" },
    { kind: "address", address: { lines: ["12 Nguyễn Huệ"], city: "Hồ Chí Minh", country: "VN" } },
  ],
  preferredChannel: "live_chat",
  tags: ["vip"],
  attributes: {
    loyalty_points: { type: "integer", value: 120 },
    "Mã KH": { type: "text", value: "KH-001" },
    credit: { type: "money", value: { amountMinor: 500_000, currency: "VND" } },
    since: { type: "date_time", value: at },
  },
  owner: mai,
  lifecycle: "prospect",
};
const duc: string = ws.registerCustomer(input, { at, actor: mai });

// @ts-expect-error: fullName is required
ws.registerCustomer({ phones: ["0901234567"] });
// @ts-expect-error: not a channel
ws.registerCustomer({ fullName: "X", preferredChannel: "fax" });
// @ts-expect-error: keys are camelCase
ws.registerCustomer({ fullName: "X", full_name: "X" });
// @ts-expect-error: at is a Date or a string
ws.tagCustomer(duc, ["a"], { at: 12 });

ws.updateCustomer({ customer: duc, givenName: "Đức", displayName: null, attributes: { loyalty_points: null } }, opts);
ws.addContactPoint({ customer: duc, contact: { kind: "email", address: "b@example.vn", label: "work" }, allowSharedContacts: true });
ws.removeContactPoint({ customer: duc, contact: { kind: "email", address: "b@example.vn" } });
ws.recordConsent({ customer: duc, channel: "email", purpose: "marketing", granted: true, source: "web form" });
const consented: boolean = ws.hasConsent(duc, "email", "marketing");
// @ts-expect-error: not a purpose
ws.hasConsent(duc, "email", "spam");
ws.tagCustomer(duc, ["gold"]);
ws.untagCustomer(duc, ["gold"]);
ws.changeLifecycle({ customer: duc, to: "customer", reason: "first order" });
ws.setTier(duc, "gold");
ws.setTier(duc, null);
ws.archiveCustomer({ customer: duc, reason: "duplicate" });
ws.restoreCustomer({ customer: duc, allowSharedContacts: false });
const org: string = ws.registerCustomer({ fullName: "Công ty An Phát", kind: "organization" });
ws.addMembership({ person: duc, organization: org, role: "buyer" });
ws.removeMembership({ person: duc, organization: org });
const call: string = ws.logInteraction(
  { customer: duc, channel: "phone", direction: "outbound", occurredAt: "2026-11-02T08:00:00Z", durationSeconds: 90 },
  { at },
);

const c: Customer = ws.customer(duc);
const channel: Channel | null = c.preferredChannel;
const first: ContactPoint | undefined = c.contacts[0];
if (first?.kind === "phone") {
  const e164: string = first.number;
  void e164;
}
const points = c.attributes["loyalty_points"];
if (points?.type === "integer") {
  const n: number = points.value;
  void n;
}
const byEmail: Customer[] = ws.findByEmail("duc@example.vn");
const byPhone: Customer[] = ws.findByPhone("0901234567");
const page: Page<Customer, string> = ws.listCustomers({ tag: "vip", archived: null }, { limit: 10 });
const next: string | null = page.next;
ws.listCustomers(undefined, { after: next, limit: 5 });
ws.listCustomers();
const found: SearchResults = ws.searchCustomers("nguyen van duc", { limit: 5 });
const hits: SearchHit[] = found.hits;
const score: number | undefined = hits[0]?.score;
const matched: MatchedField[] | undefined = hits[0]?.matched;
const searchTotal: number = found.total;
const nextOffset: number | null = found.nextOffset;
const searchOptions: SearchOptions = { kind: "organization", includeArchived: true, offset: 20, limit: 20, typos: false };
ws.searchCustomers("0901234567", searchOptions);
ws.searchCustomers("duc@", { offset: nextOffset ?? 0 });
// @ts-expect-error: the options are an object (the limit moved there)
ws.searchCustomers("duc", 5);
// @ts-expect-error: not a kind
ws.searchCustomers("duc", { kind: "robot" });
// @ts-expect-error: option keys are camelCase
ws.searchCustomers("duc", { include_archived: true });
// @ts-expect-error: the old shape was a list of hits
const oldHits: SearchHit[] = ws.searchCustomers("duc");
void [matched, searchTotal, oldHits];
const i: Interaction = ws.interaction(call);
const occurred: string = i.occurredAt;
const list: Interaction[] = ws.interactionsOf(duc);
const tl: Page<TimelineEntry, number> = ws.timeline(duc, { limit: 2 });
if (tl.next !== null) ws.timeline(duc, { after: tl.next });

const events: EventJson[] = ws.events(0);
for (const ev of events) {
  switch (ev.payload.type) {
    case "customer_updated": {
      const given: string | null | undefined = ev.payload.changes.givenName;
      void given;
      break;
    }
    case "interaction_logged": {
      const when: string = ev.payload.occurredAt;
      void when;
      break;
    }
    default:
      break;
  }
  if (ev.actor.kind === "agent") {
    const who: string = ev.actor.id;
    void who;
  }
}

const command: Command = { type: "tag_customer", customer: duc, tags: ["x"] };
const outcome: Outcome = ws.execute(command, { at: "2026-11-02T10:00:00+07:00" });
if (outcome.created !== null) {
  const kind: "agent" | "customer" | "interaction" | "complaint" | "opportunity" | "purchase" | "follow_up" | "referral" | "survey" =
    outcome.created.kind;
  // @ts-expect-error: a playbook run is never created by a command of its own
  const notCreated: "playbook_run" = outcome.created.kind;
  void notCreated;
  void kind;
}
// @ts-expect-error: unknown command type
ws.execute({ type: "delete_everything" });

const bulk: BulkResult = ws.registerCustomers([{ fullName: "A" }, { fullName: "B", emails: ["bad"] }]);
const ids: (string | null)[] = bulk.ids;
for (const e of bulk.errors) {
  const row: number = e.row;
  if (e.code === "invalid_input") {
    const field: string = e.details.field;
    void field;
  }
  void row;
}

try {
  ws.customer("00000000-0000-7000-8000-000000000000");
} catch (e: unknown) {
  if (isClientcareError(e)) {
    const err: ClientcareError = e;
    const message: string = err.message;
    if (err.code === "conflict") {
      const holder: string = err.details.holder;
      void holder;
    } else if (err.code === "invalid_transition") {
      const allowed: string[] = err.details.allowed;
      void allowed;
    } else if (err.code === "corrupt_log") {
      const line: number = err.details.line;
      void line;
    } else if (err.code === "corrupt_snapshot") {
      const why: string = err.details.reason;
      void why;
    }
    void message;
  }
}

// ----- complaints and SLA -----

const office: CalendarSpecInput = {
  timeZone: "Asia/Ho_Chi_Minh",
  week: [
    { day: "mon", windows: [{ start: "08:00", end: "12:00" }, { start: "13:30", end: "17:30" }] },
    { day: "saturday", windows: [{ start: "08:00", end: "12:00" }] },
  ],
  holidays: [{ date: "2027-02-05", until: "2027-02-11", name: "Tết" }, { date: "2026-12-24", open: [{ start: "08:00", end: "12:00" }] }],
};
ws.defineCalendar("hcmc", office, { at });
ws.defineCalendar("24x7", { timeZone: "UTC", alwaysOpen: true });
// @ts-expect-error: keys are camelCase
ws.defineCalendar("bad", { time_zone: "UTC", always_open: true });
// @ts-expect-error: not a weekday
ws.defineCalendar("bad", { timeZone: "UTC", week: [{ day: "someday", windows: [] }] });
const spec: CalendarSpec = ws.calendar("hcmc");
const zone: string = spec.timeZone;
const keys: string[] = ws.calendarKeys();
ws.removeCalendar("24x7", { at });

const policy: SlaPolicyInput = {
  key: "vip",
  calendar: "hcmc",
  precedence: 1,
  conditions: { priorities: ["urgent"], channels: ["email"], tiers: ["gold"] },
  targets: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 480 },
  warnBeforeMinutes: 10,
  pauseStates: ["waiting_on_customer"],
  resolutionMode: "first",
  escalations: [{ on: "breach", metric: "resolution", level: 2, reassignTo: mai, notify: "lead@shop.vn" }],
};
ws.defineSlaPolicy(policy);
// @ts-expect-error: targets are required
ws.defineSlaPolicy({ key: "x", calendar: "hcmc" });
// @ts-expect-error: only working states pause a clock
ws.defineSlaPolicy({ key: "x", calendar: "hcmc", targets: { resolutionMinutes: 5 }, pauseStates: ["resolved"] });
// @ts-expect-error: not a trigger
ws.defineSlaPolicy({ key: "x", calendar: "hcmc", targets: { resolutionMinutes: 5 }, escalations: [{ on: "later", level: 1 }] });
const policies: SlaPolicy[] = ws.slaPolicies();
const resolutionTarget: number | undefined = policies[0]?.targets.resolutionMinutes;
ws.removeSlaPolicy("vip");
ws.configureComplaints({ reopenWindowHours: 48, autoCloseAfterHours: null }, { at });
const settings: ComplaintSettings = ws.complaintSettings();
const window: number = settings.reopenWindowHours;

const complaintInput: OpenComplaintInput = {
  customer: duc,
  channel: "email",
  subject: "Giao hàng trễ",
  priority: "high",
  tags: ["vip"],
  interactions: [call],
  receivedAt: at,
};
const cid: string = ws.openComplaint(complaintInput, { at, actor: mai });
// @ts-expect-error: not a priority
ws.openComplaint({ customer: duc, channel: "email", subject: "x", priority: "asap" });
// @ts-expect-error: subject is required
ws.openComplaint({ customer: duc, channel: "email" });
ws.updateComplaint({ complaint: cid, description: null, category: "delivery", priority: "urgent", tags: ["a"] });
ws.assignComplaint({ complaint: cid, assignee: null, team: "care" });
ws.changeComplaintState({ complaint: cid, to: "in_progress", reason: "on it" });
// @ts-expect-error: resolving has its own method
ws.changeComplaintState({ complaint: cid, to: "resolved" });
ws.respondToComplaint({ complaint: cid, agent: mai, body: "Xin lỗi anh", public: true, occurredAt: "2026-11-02T09:00:00Z" });
ws.respondToComplaint({ complaint: cid, body: "Đã nhận", automated: true }, { at });
ws.addCustomerMessage({ complaint: cid, body: "Còn chưa xong", channel: "sms", interaction: call });
ws.linkInteraction({ complaint: cid, interaction: call });
ws.resolveComplaint({
  complaint: cid,
  category: "refunded",
  compensation: [{ kind: "refund", value: { amountMinor: 30_000n, currency: "VND" }, note: null }],
});
// @ts-expect-error: not a compensation kind
ws.resolveComplaint({ complaint: cid, category: "x", compensation: [{ kind: "cash", value: { amountMinor: 1, currency: "VND" } }] });
ws.reopenComplaint({ complaint: cid, reason: null });
ws.escalateComplaint({ complaint: cid, level: 2, reassignTo: mai, team: "supervisors", reason: "VIP" });
// @ts-expect-error: an escalation says why
ws.escalateComplaint({ complaint: cid });
ws.cancelComplaint({ complaint: cid, reason: "duplicate", note: "same as another" });
// @ts-expect-error: not a cancel reason
ws.cancelComplaint({ complaint: cid, reason: "bored" });
ws.mergeComplaint({ complaint: cid, into: cid });
ws.closeComplaint({ complaint: cid });

const complaint: Complaint = ws.complaint(cid);
const state: ComplaintState = complaint.state;
const priority: Priority = complaint.priority;
const received: string = complaint.receivedAt;
const firstResponse: string | null = complaint.firstResponseAt;
const messages: Message[] = complaint.messages;
const author: "customer" | "agent" | undefined = messages[0]?.author;
const resolutions: Resolution[] = complaint.resolutions;
const compensated: number | undefined = resolutions[0]?.compensation[0]?.value.amountMinor;
if (complaint.cancelled !== null) {
  const r: "spam" | "duplicate" | "withdrawn" | "other" = complaint.cancelled.reason;
  const n: string | null = complaint.cancelled.note;
  void [r, n];
}
const fired: "warning" | "breach" | undefined = complaint.fired[0]?.on;
const ofCustomer: Complaint[] = ws.complaintsOf(duc);
const history: EventJson[] = ws.complaintHistory(cid);
for (const ev of history) {
  if (ev.entity.kind === "complaint") {
    const about: string = ev.entity.id;
    void about;
  }
  switch (ev.payload.type) {
    case "complaint_escalated": {
      const level: number = ev.payload.toLevel;
      const on: "warning" | "breach" | undefined = ev.payload.trigger?.on;
      void [level, on];
      break;
    }
    case "complaint_message_added": {
      const written: string = ev.payload.occurredAt;
      void written;
      break;
    }
    case "sla_policy_defined": {
      const target: number | undefined = ev.payload.policy.targets.firstResponseMinutes;
      void target;
      break;
    }
    default:
      break;
  }
}
const queue: Page<Complaint, string> = ws.listComplaints(
  { states: ["new", "open"], assignee: mai, priorities: ["urgent"], receivedBefore: at, unassigned: false },
  "priority",
  { limit: 20 },
);
ws.listComplaints(undefined, undefined, { after: queue.next });
ws.listComplaints();
// @ts-expect-error: not a sort order
ws.listComplaints({}, "urgent-first");
// @ts-expect-error: not a state
ws.listComplaints({ states: ["lost"] });
const complaintCount: number = ws.complaintCount;

const status: SlaStatus = ws.slaStatus(cid, at);
ws.slaStatus(cid);
ws.slaStatus(cid, "2026-11-02T09:00:00Z");
// @ts-expect-error: now is a Date or a string
ws.slaStatus(cid, 5);
const metric: MetricStatus | undefined = status.metrics[0];
if (metric !== undefined) {
  const name: Metric = metric.metric;
  const ms: MetricState = metric.state;
  const deadline: string | null = metric.deadline;
  const left: number = metric.remainingSeconds;
  void [name, ms, deadline, left];
}
const explained: SlaStatus = ws.explainSla(cid, at);
const intervals: SlaInterval[] = explained.metrics[0]?.intervals ?? [];
const kindOf: "counted" | "paused" | undefined = intervals[0]?.kind;
const statuses: SlaStatus[] = ws.slaStatuses(at);
const risky: SlaAlert[] = ws.complaintsAtRisk(at);
const breached: SlaAlert[] = ws.complaintsBreached();
const alertState: "warning" | "breached" | undefined = risky[0]?.state;
const applies: SlaPolicy | null = ws.slaPolicyFor(cid);
const ticked: number = ws.tick({ at });
ws.tick();
const businessSeconds: number = ws.businessTimeBetween("hcmc", at, new Date("2026-11-03T09:00:00Z"));
const due: string = ws.addBusinessTime("hcmc", at, 3600);
// @ts-expect-error: seconds are a number
ws.addBusinessTime("hcmc", at, "3600");
const tickCommand: Command = { type: "tick" };
const openCommand: Command = { type: "open_complaint", customer: duc, channel: "web", subject: "x" };
const policyCommand: Command = { type: "define_sla_policy", key: "k", calendar: "hcmc", targets: { resolutionMinutes: 60 } };
// @ts-expect-error: define_calendar needs its calendar
const badCommand: Command = { type: "define_calendar", key: "k" };
ws.execute(tickCommand, { at });
void [fired, zone, keys, resolutionTarget, window, state, priority, received, firstResponse, author, compensated, ofCustomer, complaintCount];
void [kindOf, statuses, breached, alertState, applies, ticked, businessSeconds, due, openCommand, policyCommand, badCommand];

// ----- pipelines, opportunities, purchases, loyalty, referrals -----

const vnd = (amountMinor: number) => ({ amountMinor, currency: "VND" });
const salesPipeline: Pipeline = ws.pipeline("sales");
const firstStage: Stage | undefined = salesPipeline.stages[0];
const stageKind: StageKind | undefined = firstStage?.kind;
const rotDays: number | undefined = firstStage?.rotDays;
const b2b: PipelineInput = {
  key: "b2b",
  name: "Doanh nghiệp",
  stages: [
    { key: "lead", probability: 10, rotDays: 7 },
    { key: "won", probability: 100, kind: "won" },
    { key: "lost", probability: 0, kind: "lost", name: null },
  ],
  lostReasons: ["price"],
};
ws.definePipeline(b2b, { at });
ws.definePipeline(salesPipeline);
// @ts-expect-error: lost reasons are required
ws.definePipeline({ key: "x", stages: [] });
// @ts-expect-error: not a stage kind
ws.definePipeline({ key: "x", stages: [{ key: "a", probability: 1, kind: "maybe" }], lostReasons: [] });
// @ts-expect-error: keys are camelCase
ws.definePipeline({ key: "x", stages: [{ key: "a", probability: 1, rot_days: 3 }], lostReasons: [] });

const oid: string = ws.openOpportunity(
  { customer: duc, title: "Bàn ghế", value: { amountMinor: 5_000_000n, currency: "VND" }, expectedClose: "2026-12-15", owner: mai, source: { channel: "web", campaign: "tet", referredBy: null }, pipeline: "b2b", stage: "lead" },
  { at, actor: mai },
);
// @ts-expect-error: a value is required
ws.openOpportunity({ customer: duc, title: "x" });
// @ts-expect-error: money is minor units, not a number
ws.openOpportunity({ customer: duc, title: "x", value: 5 });
ws.updateOpportunity({ opportunity: oid, title: "Bàn ghế gỗ", value: vnd(1), expectedClose: null, owner: null });
ws.moveOpportunity({ opportunity: oid, stage: "lost", lostReason: "price", note: "đắt" });
ws.moveOpportunity({ opportunity: oid, stage: "won", purchase: { items: [{ name: "Bàn", category: "furniture", quantity: 2, unitPrice: vnd(1) }], channel: "in_person" } });
// @ts-expect-error: the stage is required
ws.moveOpportunity({ opportunity: oid });
const opp: Opportunity = ws.opportunity(oid);
const oppStatus: StageKind = opp.status;
const oppClose: string | null = opp.expectedClose;
const oppLost: string | null = opp.lostReason;
const oppValue: number = opp.value.amountMinor;
const referredBy: string | undefined = opp.source.referredBy;
// @ts-expect-error: a stage is open, won or lost
const badStatus: "active" = opp.status;
const oppHistory: EventJson[] = ws.opportunityHistory(oid);
const oppsOf: Opportunity[] = ws.opportunitiesOf(duc);
const deals: Opportunity[] = ws.openDeals(mai);
const board: Board = ws.pipelineBoard("b2b");
ws.pipelineBoard();
const column: BoardColumn | undefined = board.columns[0];
const weighted: number | undefined = column?.weighted[0]?.amountMinor;
const forecastCurrency: string | undefined = board.forecast[0]?.currency;
const rotting: Opportunity[] = ws.rottingOpportunities(at);
ws.rottingOpportunities();
// @ts-expect-error: now is a Date or a string
ws.rottingOpportunities(5);

const pid: string = ws.recordPurchase(
  { customer: duc, channel: "web", items: [{ name: "Ghế", unitPrice: vnd(1_500_000), quantity: 2, category: null }], occurredAt: "2026-11-02T09:00:00Z" },
  { at },
);
ws.recordPurchase({ customer: duc, channel: "phone", description: "Đèn", amount: { amountMinor: 500_000n, currency: "VND" } });
// @ts-expect-error: the channel is required
ws.recordPurchase({ customer: duc, description: "x", amount: vnd(1) });
const purchase: Purchase = ws.purchase(pid);
const purchaseItem: PurchaseItem | undefined = purchase.items[0];
const unitPrice: number | undefined = purchaseItem?.unitPrice.amountMinor;
const wonWith: string | null = purchase.opportunity;
const purchases: Purchase[] = ws.purchasesOf(duc);
ws.configureLoyalty({ loyalAfterPurchases: 3, tierRules: [{ tier: "vàng", minSpend: vnd(10_000_000) }, { tier: "bạc", minPurchases: 2 }], windowDays: 365 }, { at });
ws.configureLoyalty({});
// @ts-expect-error: a tier rule names its tier
ws.configureLoyalty({ tierRules: [{ minPurchases: 2 }] });
const loyalty: LoyaltySettings = ws.loyalty();
const tierRule: TierRule | undefined = loyalty.tierRules?.[0];
const windowDays: number = loyalty.windowDays;

const rid: string = ws.recordReferral({ referrer: duc, referred: org, note: "bạn" });
ws.rewardReferral({ referral: rid, reward: { kind: "voucher", value: vnd(200_000), note: null } });
// @ts-expect-error: not a compensation kind
ws.rewardReferral({ referral: rid, reward: { kind: "cash", value: vnd(1) } });
const referral: Referral = ws.referral(rid);
const referralStatus: ReferralStatus = referral.status;
// @ts-expect-error: a referral is pending, qualified or rewarded
const badReferral: "paid" = referral.status;
const rewardValue: number | undefined = referral.reward?.value.amountMinor;
const referrals: Referral[] = ws.referralsBy(duc);
const referredBy2: Referral | null = ws.referralOf(org);

// ----- follow-ups and recurrence -----

const followInput: ScheduleFollowUpInput = {
  subject: "Gọi lại",
  kind: "call",
  customer: duc,
  assignee: mai,
  team: "care",
  priority: "high",
  dueAt: at,
  links: { opportunity: oid, complaint: cid, playbookStep: null },
};
const fid: string = ws.scheduleFollowUp(followInput, { at });
ws.scheduleFollowUp({ subject: "Sinh nhật", kind: "gift", dueDate: "2026-11-03", timeZone: "Asia/Ho_Chi_Minh" });
const monthly: RecurrenceSpecInput = {
  start: "2026-11-01T10:00:00",
  timeZone: "Asia/Ho_Chi_Minh",
  rule: { freq: "monthly", byDay: ["-1fr", "2tu", "MO", "-1FR"], count: 6, weekStart: "monday" },
  dates: ["2027-02-06", "2027-02-06T10:00:00"],
  exdates: ["2026-12-25T10:00:00"],
};
ws.scheduleFollowUp({ subject: "Thăm", kind: "visit", recurrence: monthly });
ws.scheduleFollowUp({ subject: "Thăm", kind: "visit", recurrence: { start: "2026-11-01T10:00:00", timeZone: "UTC", rule: "FREQ=WEEKLY;BYDAY=MO,TH" } });
ws.scheduleFollowUp({ subject: "Thăm", kind: "visit", recurrence: { start: "2026-11-01T10:00:00", timeZone: "UTC", rule: { freq: "YEARLY", until: "2030-12-31" } } });
// @ts-expect-error: not a frequency
ws.scheduleFollowUp({ subject: "x", kind: "call", recurrence: { start: "2026-11-01T10:00:00", timeZone: "UTC", rule: { freq: "hourly" } } });
// @ts-expect-error: not a weekday code
ws.scheduleFollowUp({ subject: "x", kind: "call", recurrence: { start: "2026-11-01T10:00:00", timeZone: "UTC", rule: { freq: "weekly", byDay: ["xx"] } } });
// @ts-expect-error: not a follow-up kind
ws.scheduleFollowUp({ subject: "x", kind: "fax", dueAt: at });
// @ts-expect-error: the kind is required
ws.scheduleFollowUp({ subject: "x", dueAt: at });
ws.completeFollowUp({ followUp: fid, outcome: "Đã gọi" }, { at });
ws.cancelFollowUp({ followUp: fid, reason: "Khách đi vắng", skipOnly: true });
// @ts-expect-error: a cancellation says why
ws.cancelFollowUp({ followUp: fid });
ws.snoozeFollowUp({ followUp: fid, until: "2026-11-02T09:00:00Z" });
ws.snoozeFollowUp({ followUp: fid, until: at });
// @ts-expect-error: until is a Date or a string
ws.snoozeFollowUp({ followUp: fid, until: 3600 });
ws.reassignFollowUp({ followUp: fid, assignee: null, team: "care" });
const followUp: FollowUp = ws.followUp(fid);
const followKind: FollowUpKind = followUp.kind;
const followStatus: FollowUpStatus = followUp.status;
const links: FollowUpLinks = followUp.links;
const linkedRun: string | undefined = links.playbookRun;
const allDay: boolean = followUp.allDay;
const recurrence: RecurrenceSpec | null = followUp.recurrence;
const rule: RuleSpec | undefined = recurrence?.rule;
const freq: Frequency | undefined = rule?.freq;
const byDay: string | undefined = rule?.byDay?.[0];
// @ts-expect-error: a follow-up is open, done or cancelled
const badFollowStatus: "snoozed" = followUp.status;
const followUps: FollowUp[] = ws.followUpsOf(duc);
const agenda: Agenda = ws.agenda(mai, { now: at, withinSeconds: 86_400, limit: 10 });
ws.agenda(mai);
ws.agenda(mai, { now: "2026-11-02T09:00:00Z" });
// @ts-expect-error: the window is in seconds (a number)
ws.agenda(mai, { withinSeconds: "1d" });
// @ts-expect-error: not an agenda option
ws.agenda(mai, { within: 60 });
const overdue: FollowUp[] = agenda.overdue;
const upcoming: FollowUp[] = agenda.upcoming;
const truncated: boolean = ws.teamAgenda("care", { limit: 5 }).truncated;

// ----- after-sales playbooks -----

const playbookInput: PlaybookInput = {
  key: "after-sale",
  name: "Chăm sóc sau bán",
  conditions: { categories: ["furniture"], minValue: vnd(1_000_000), tiers: ["vàng"] },
  steps: [
    { kind: "thank_you", subject: "Thư cảm ơn", offsetDays: 0, channel: "email" },
    { kind: "advice", subject: "Hướng dẫn", offsetDays: 2, businessDays: true, channel: "social", purpose: "service" },
    { kind: "survey", subject: "Khảo sát", offsetDays: 7, channel: "sms", purpose: "feedback" },
  ],
  calendar: "hcmc",
  team: "care",
};
ws.definePlaybook(playbookInput, { at });
// @ts-expect-error: not a step kind
ws.definePlaybook({ key: "x", steps: [{ kind: "hug", subject: "x", offsetDays: 0, channel: "email" }] });
// @ts-expect-error: not a purpose
ws.definePlaybook({ key: "x", steps: [{ kind: "gift", subject: "x", offsetDays: 0, channel: "email", purpose: "spam" }] });
// @ts-expect-error: steps are required
ws.definePlaybook({ key: "x" });
ws.removePlaybook("after-sale", { at });
const playbooks: Playbook[] = ws.playbooks();
const playbookStep: PlaybookStep | undefined = playbooks[0]?.steps[0];
const businessDays: boolean | undefined = playbookStep?.businessDays;
const stepKind: StepKind | undefined = playbookStep?.kind;
const runs: PlaybookRun[] = ws.playbookRunsOf(duc);
const firstRun: PlaybookRun | undefined = runs[0];
if (firstRun !== undefined) {
  ws.cancelPlaybookRun({ run: firstRun.id, reason: "khách yêu cầu" }, { at });
  const again: PlaybookRun = ws.playbookRun(firstRun.id);
  const skipped: string | undefined = again.steps[0]?.skipped;
  if (again.ended !== null) {
    const how: "cancelled" | "stopped" = again.ended.status;
    const why: string = again.ended.reason;
    const when: string = again.ended.at;
    void [how, why, when];
  }
  const progress: RunProgress = ws.playbookProgress(firstRun.id);
  const runStatus: RunStatus = progress.status;
  const step: StepProgress | undefined = progress.steps[0];
  const stepStatus: StepStatus | undefined = step?.status;
  const stepDue: string | null | undefined = step?.dueAt;
  // @ts-expect-error: a run is active, completed, cancelled or stopped
  const badRun: "paused" = progress.status;
  void [skipped, runStatus, stepStatus, stepDue, badRun];
}
// @ts-expect-error: a cancellation says why
ws.cancelPlaybookRun({ run: "x" });

// Every new command as data; events and entities of the new kinds.
const journeyCommands: Command[] = [
  { type: "define_pipeline", ...b2b },
  { type: "configure_loyalty", windowDays: 30 },
  { type: "open_opportunity", customer: duc, title: "x", value: vnd(1) },
  { type: "update_opportunity", opportunity: oid, owner: null },
  { type: "move_opportunity", opportunity: oid, stage: "won" },
  { type: "record_purchase", customer: duc, channel: "web", description: "x", amount: vnd(1) },
  { type: "record_referral", referrer: duc, referred: org },
  { type: "reward_referral", referral: rid, reward: { kind: "gift", value: vnd(0) } },
  { type: "schedule_follow_up", subject: "x", kind: "call", dueAt: at },
  { type: "complete_follow_up", followUp: fid },
  { type: "cancel_follow_up", followUp: fid, reason: "x", skipOnly: false },
  { type: "snooze_follow_up", followUp: fid, until: at },
  { type: "reassign_follow_up", followUp: fid, team: null },
  { type: "define_playbook", ...playbookInput },
  { type: "remove_playbook", key: "after-sale" },
  { type: "cancel_playbook_run", run: "r", reason: "x" },
];
// @ts-expect-error: move_opportunity needs its stage
const badMove: Command = { type: "move_opportunity", opportunity: oid };
// @ts-expect-error: remove_playbook needs its key
const badRemove: Command = { type: "remove_playbook" };
const created: Outcome = ws.execute({ type: "schedule_follow_up", subject: "x", kind: "email", dueDate: "2026-11-03", timeZone: "UTC" });
if (created.created?.kind === "follow_up") {
  const newFollowUp: string = created.created.id;
  void newFollowUp;
}
for (const ev of ws.events()) {
  switch (ev.payload.type) {
    case "opportunity_opened": {
      const title: string = ev.payload.title;
      const close: string | undefined = ev.payload.expectedClose;
      void [title, close];
      break;
    }
    case "opportunity_moved": {
      const reason: string | undefined = ev.payload.lostReason;
      void reason;
      break;
    }
    case "opportunity_updated": {
      const cleared: string | null | undefined = ev.payload.changes.owner;
      void cleared;
      break;
    }
    case "purchase_recorded": {
      const amount: number = ev.payload.amount.amountMinor;
      void amount;
      break;
    }
    case "follow_up_scheduled": {
      const due: string = ev.payload.dueAt;
      const rec: RecurrenceSpec | undefined = ev.payload.recurrence;
      void [due, rec];
      break;
    }
    case "follow_up_snoozed": {
      const until: string = ev.payload.until;
      void until;
      break;
    }
    case "playbook_run_started": {
      const followUpOfStep: string | undefined = ev.payload.steps[0]?.followUp;
      void followUpOfStep;
      break;
    }
    case "playbook_run_ended": {
      const ended: RunStatus = ev.payload.status;
      void ended;
      break;
    }
    case "referral_rewarded": {
      const given: number = ev.payload.reward.value.amountMinor;
      void given;
      break;
    }
    case "loyalty_configured": {
      const days: number = ev.payload.settings.windowDays;
      void days;
      break;
    }
    case "pipeline_defined": {
      const stages: Stage[] = ev.payload.pipeline.stages;
      void stages;
      break;
    }
    default:
      break;
  }
  if (ev.entity.kind === "opportunity" || ev.entity.kind === "playbook_run" || ev.entity.kind === "follow_up") {
    const entityId: string = ev.entity.id;
    void entityId;
  }
}
void [stageKind, rotDays, oppStatus, oppClose, oppLost, oppValue, referredBy, badStatus, oppHistory, oppsOf, deals, weighted, forecastCurrency, rotting];
void [unitPrice, wonWith, purchases, tierRule, windowDays, referralStatus, badReferral, rewardValue, referrals, referredBy2];
void [followKind, followStatus, linkedRun, allDay, freq, byDay, badFollowStatus, followUps, overdue, upcoming, truncated];
void [businessDays, stepKind, journeyCommands, badMove, badRemove];

const log: string = ws.exportLog();
const copy: Workspace = Workspace.importLog(log, 7);
const same: boolean = copy.equals(ws);
const appliedCount: number = copy.applyLog(ws.exportLog(3));
const rewrittenSeqs: number[] = copy.takeRewritten();
void rewrittenSeqs;
// @ts-expect-error: applyLog takes the JSON Lines text
copy.applyLog([]);
const snapshotBytes: Uint8Array = ws.snapshot();
const reopened: Workspace = Workspace.fromSnapshot(snapshotBytes, log, 7);
// @ts-expect-error: fromSnapshot takes the snapshot's bytes, not text
Workspace.fromSnapshot("snapshot", log);
void reopened;
void appliedCount;
const seq: number = ws.seq;
const count: number = ws.customerCount;
const region: string | null = ws.defaultRegion;
ws.configure(null);
ws.configure("VN", { at });
// @ts-expect-error: seq is read-only
ws.seq = 3;
copy.free();

void [agentName, agents, consented, channel, byEmail, byPhone, score, occurred, list, ids, same, seq, count, region];

// Previewing a recurrence.
import { occurrences, parseRrule } from "clientcare";
const preview: string[] = occurrences({ start: "2026-11-01T10:00:00", timeZone: "UTC", rule: "FREQ=DAILY" }, { limit: 3 });
const parsedRule: RuleSpec = parseRrule("FREQ=WEEKLY;BYDAY=MO");
// @ts-expect-error: a limit is a number
occurrences({ start: "2026-11-01T10:00:00", timeZone: "UTC" }, { limit: "3" });
void [preview, parsedRule];

// ----- feedback: surveys -----

import {
  kpiNames,
  type AnswerSurveyInput,
  type AnswerValue,
  type Dashboard,
  type DashboardQuery,
  type FeedbackSettings,
  type GroupBy,
  type KpiName,
  type KpiQuery,
  type KpiRow,
  type Question,
  type SendSurveyInput,
  type Survey,
  type SurveyFilter,
  type SurveyKind,
  type SurveyLink,
  type SurveyStatus,
  type SurveyTemplate,
  type SurveyTemplateInput,
} from "clientcare";

ws.configureFeedback({ csatOnResolve: true, responseDays: 7 }, { at });
ws.configureFeedback({});
// @ts-expect-error: days are a number
ws.configureFeedback({ responseDays: "7" });
// @ts-expect-error: keys are camelCase
ws.configureFeedback({ csat_on_resolve: true });
const fbSettings: FeedbackSettings = ws.feedbackSettings();
const csatOnResolve: boolean = fbSettings.csatOnResolve;
const responseDays: number = fbSettings.responseDays;

const visitSurvey: SurveyTemplateInput = {
  key: "visit",
  title: "After the visit",
  questions: [
    { key: "overall", text: "How was it?", kind: "scale", min: 1, max: 5, measures: "csat", required: true },
    { key: "liked", text: "What did you like?", kind: "choice", options: ["staff", "price"], multiple: true },
    { key: "note", text: "Anything else?", kind: "text" },
  ],
};
ws.defineSurvey(visitSurvey, { at });
// @ts-expect-error: not a question kind
ws.defineSurvey({ key: "x", questions: [{ key: "q", text: "Q?", kind: "stars" }] });
// @ts-expect-error: a scale needs min and max
ws.defineSurvey({ key: "x", questions: [{ key: "q", text: "Q?", kind: "scale" }] });
// @ts-expect-error: a choice needs its options
ws.defineSurvey({ key: "x", questions: [{ key: "q", text: "Q?", kind: "choice" }] });
// @ts-expect-error: only csat, nps and ces are measures
ws.defineSurvey({ key: "x", questions: [{ key: "q", text: "Q?", kind: "scale", min: 1, max: 5, measures: "custom" }] });
ws.removeSurvey("visit", { at });
const templates: SurveyTemplate[] = ws.surveyTemplates();
const question: Question | undefined = templates[0]?.questions[0];
if (question?.kind === "scale") {
  const range: [number, number] = [question.min, question.max];
  void range;
} else if (question?.kind === "choice") {
  const options: string[] = question.options;
  void options;
}

const csatId: string = ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", link: { kind: "complaint", id: cid } }, { at });
ws.sendSurvey({ customer: duc, kind: "custom", template: "visit", channel: "sms", agent: mai, responseDays: 30 });
ws.sendSurvey({ customer: duc, kind: "nps", channel: "email", link: { kind: "playbook_step", run: "r", step: 1 } });
const sendInput: SendSurveyInput = { customer: duc, kind: "ces", channel: "email", link: { kind: "interaction", id: call } };
ws.sendSurvey(sendInput);
// @ts-expect-error: a custom survey names its template
ws.sendSurvey({ customer: duc, kind: "custom", channel: "email" });
// @ts-expect-error: templates are for custom surveys
ws.sendSurvey({ customer: duc, kind: "csat", template: "visit", channel: "email" });
// @ts-expect-error: not a survey kind
ws.sendSurvey({ customer: duc, kind: "happiness", channel: "email" });
// @ts-expect-error: the channel is required
ws.sendSurvey({ customer: duc, kind: "csat" });
// @ts-expect-error: a playbook step link has a run and a step
ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", link: { kind: "playbook_step", id: "r" } });

const answer: AnswerSurveyInput = { survey: csatId, score: 5, comment: "Tốt", answeredAt: "2026-11-02T10:00:00Z" };
ws.answerSurvey(answer, { at });
ws.answerSurvey({ survey: csatId, answers: { overall: 4, liked: ["staff"], note: "ok", "Ý kiến": "tốt" } });
// @ts-expect-error: an answer is a number, a string or a list of strings
ws.answerSurvey({ survey: csatId, answers: { overall: true } });
// @ts-expect-error: the survey is required
ws.answerSurvey({ score: 5 });

const survey: Survey = ws.survey(csatId);
const surveyKind: SurveyKind = survey.kind;
const surveyStatus: SurveyStatus = survey.status;
const surveyScore: number | null = survey.score;
const surveyLink: SurveyLink | null = survey.link;
const linkedComplaint: string | null = surveyLink?.kind === "complaint" ? surveyLink.id : null;
const answerValue: AnswerValue | undefined = survey.answers["overall"];
const asked: Question[] | undefined = survey.template?.questions;
const expiresAt: string = survey.expiresAt;
// @ts-expect-error: a survey is sent, answered or answered late
const badSurveyStatus: "expired" = survey.status;
const filter: SurveyFilter = { customer: duc, kinds: ["csat", "custom"], statuses: ["answered_late"], sentFrom: at, sentTo: "2026-12-01T00:00:00Z" };
const surveys: Survey[] = ws.surveys(filter);
ws.surveys();
// @ts-expect-error: not a survey status
ws.surveys({ statuses: ["open"] });

const feedbackCommands: Command[] = [
  { type: "configure_feedback", csatOnResolve: true },
  { type: "define_survey", ...visitSurvey },
  { type: "remove_survey", key: "visit" },
  { type: "send_survey", customer: duc, kind: "custom", template: "visit", channel: "email" },
  { type: "answer_survey", survey: csatId, score: 3 },
];
// @ts-expect-error: answer_survey needs its survey
const badAnswer: Command = { type: "answer_survey", score: 3 };
const surveyOutcome: Outcome = ws.execute({ type: "send_survey", customer: duc, kind: "nps", channel: "email" });
if (surveyOutcome.created?.kind === "survey") {
  const newSurvey: string = surveyOutcome.created.id;
  void newSurvey;
}
ws.definePlaybook({ key: "pb", steps: [{ kind: "survey", subject: "KS", offsetDays: 7, channel: "sms", purpose: "feedback", survey: "nps" }] });
const stepSurvey: string | undefined = ws.playbooks()[0]?.steps[0]?.survey;
const plannedSurvey: string | undefined = ws.playbookRunsOf(duc)[0]?.steps[0]?.survey;
for (const ev of ws.events()) {
  switch (ev.payload.type) {
    case "survey_sent": {
      const expires: string = ev.payload.expiresAt;
      const kind: SurveyKind = ev.payload.kind;
      const link: SurveyLink | undefined = ev.payload.link;
      void [expires, kind, link];
      break;
    }
    case "survey_answered": {
      const late: boolean = ev.payload.late;
      const score: number | undefined = ev.payload.score;
      void [late, score];
      break;
    }
    case "survey_defined": {
      const key: string = ev.payload.template.key;
      void key;
      break;
    }
    case "feedback_configured": {
      const days: number = ev.payload.settings.responseDays;
      void days;
      break;
    }
    default:
      break;
  }
  if (ev.entity.kind === "survey") {
    const surveyEntity: string = ev.entity.id;
    void surveyEntity;
  }
}
void [csatOnResolve, responseDays, surveyKind, surveyStatus, surveyScore, linkedComplaint, answerValue, asked, expiresAt];
void [badSurveyStatus, surveys, feedbackCommands, badAnswer, stepSurvey, plannedSurvey];

// ----- KPIs -----

const names: KpiName[] = kpiNames();
const kpiQuery: KpiQuery = { from: at, to: "2026-12-01T00:00:00Z", groupBy: "agent", timeZone: "Asia/Ho_Chi_Minh" };
const rows: KpiRow[] = ws.kpi("csat", kpiQuery);
ws.kpi("retention", { from: at, to: at, activeDays: 30, backlogAt: at, cohortMonths: 6 });
// @ts-expect-error: not a KPI
ws.kpi("happiness", kpiQuery);
// @ts-expect-error: the range is required
ws.kpi("csat", { from: at });
// @ts-expect-error: not a grouping
ws.kpi("csat", { from: at, to: at, groupBy: "planet" });
// @ts-expect-error: keys are camelCase
ws.kpi("csat", { from: at, to: at, time_zone: "UTC" });
const kpiRow: KpiRow | undefined = rows[0];
const kpiValue: number | null | undefined = kpiRow?.value;
const sampleSize: number | undefined = kpiRow?.sampleSize;
const rowKpi: KpiName | undefined = kpiRow?.kpi;
const grouping: GroupBy = "month";
const dashQuery: DashboardQuery = { from: at, to: at, timeZone: "UTC" };
const dashboard: Dashboard = ws.dashboard(dashQuery);
const dashFrom: string = dashboard.from;
const dashRows: KpiRow[] = dashboard.rows;
// @ts-expect-error: the dashboard is ungrouped
ws.dashboard({ from: at, to: at, groupBy: "agent" });
void [names, kpiValue, sampleSize, rowKpi, grouping, dashFrom, dashRows];

// ----- identity: merge, unmerge, erasure, export, contact check -----

const twin: string = ws.registerCustomer({ fullName: "Nguyen Van Duc", phones: ["0907654321"] });
const rules: Survivorship = { default: "most_recent", names: "most_complete", preferredChannel: null, timeZone: "survivor", attributes: "most_recent" };
const mergeInput: MergeCustomersInput = { survivor: duc, merged: [twin], rules, reason: "same person" };
ws.mergeCustomers(mergeInput, { at });
ws.mergeCustomers({ survivor: duc, merged: [twin] });
// @ts-expect-error: merged is a list of ids
ws.mergeCustomers({ survivor: duc, merged: twin });
// @ts-expect-error: the survivor is required
ws.mergeCustomers({ merged: [twin] });
// @ts-expect-error: not a survivorship rule
ws.mergeCustomers({ survivor: duc, merged: [twin], rules: { names: "longest" } });
// @ts-expect-error: rule keys are camelCase
ws.mergeCustomers({ survivor: duc, merged: [twin], rules: { time_zone: "survivor" } });
// @ts-expect-error: not a field with a rule
const badRules: Survivorship = { contacts: "survivor" };
const survive: Survive = "most_complete";
// @ts-expect-error: not a rule
const badSurvive: Survive = "oldest";
ws.unmergeCustomers(twin, { at });
// @ts-expect-error: unmerge takes the id of the merged customer
ws.unmergeCustomers({ customer: twin });
ws.eraseCustomer(twin, { at: "2026-11-02T10:00:00Z" });
// @ts-expect-error: erase takes an id
ws.eraseCustomer();
const resolved: string = ws.resolveCustomer(twin);
const mergedInto: string | null = ws.customer(twin).mergedInto;
const erasedAt: string | null = ws.customer(twin).erasedAt;
const erasedText: "[erased]" = Workspace.ERASED;
// @ts-expect-error: read-only
Workspace.ERASED = "x";

const decision: ContactDecision = ws.mayContact(duc, "email", "marketing");
ws.mayContact(duc, "sms", "service", at);
ws.mayContact(duc, "sms", "service", "2026-11-02T10:00:00+07:00");
const allowed: boolean = decision.allowed;
const reason: ContactReason = decision.reason;
const reachable: boolean = decision.reachable;
const applied: Consent | null = decision.consent;
// @ts-expect-error: not a reason
const badReason: ContactReason = "unknown";
// @ts-expect-error: not a channel
ws.mayContact(duc, "fax", "service");
// @ts-expect-error: at is a Date or a string
ws.mayContact(duc, "sms", "service", 5);

const dossier: CustomerExport = ws.exportCustomer(duc);
const dossierFormat: "clientcare.customer_export" = dossier.format;
const dossierVersion: 1 = dossier.version;
const dossierCustomer: Customer = dossier.customer;
const dossierMerged: Customer[] = dossier.mergedCustomers;
const dossierParts: [Interaction[], Complaint[], Opportunity[], Purchase[], Referral[], FollowUp[], PlaybookRun[], Survey[], EventJson[]] = [
  dossier.interactions, dossier.complaints, dossier.opportunities, dossier.purchases, dossier.referrals,
  dossier.followUps, dossier.playbookRuns, dossier.surveys, dossier.events,
];
// @ts-expect-error: keys are camelCase
void dossier.follow_ups;

const identityCommands: Command[] = [
  { type: "merge_customers", survivor: duc, merged: [twin], rules: { default: "survivor", tier: "most_recent" } },
  { type: "unmerge_customers", customer: twin },
  { type: "erase_customer", customer: twin },
];
// @ts-expect-error: merge_customers needs the merged ids
const badMerge: Command = { type: "merge_customers", survivor: duc };
// @ts-expect-error: erase_customer needs its customer
const badErase: Command = { type: "erase_customer" };
for (const ev of ws.events()) {
  switch (ev.payload.type) {
    case "customers_merged": {
      const payload: CustomersMerged = ev.payload;
      const away: string[] = ev.payload.merged;
      const lifecycle: Lifecycle = ev.payload.lifecycle;
      const why: string | undefined = ev.payload.reason;
      void [payload, away, lifecycle, why];
      break;
    }
    case "customers_unmerged": {
      const back: string[] = ev.payload.merged;
      void back;
      break;
    }
    case "customer_erased": {
      const withIt: string[] | undefined = ev.payload.merged;
      void withIt;
      break;
    }
    default:
      break;
  }
}
void [badRules, survive, badSurvive, resolved, mergedInto, erasedAt, erasedText, allowed, reason, reachable, applied, badReason];
void [dossierFormat, dossierVersion, dossierCustomer, dossierMerged, dossierParts, identityCommands, badMerge, badErase];

// ----- identity: duplicate detection -----

const dupRules: DuplicateRules = {
  threshold: 0.75, email: 0.5, phone: 0.5, name: 0.65, address: 0.25, organization: 0.25, emailLocalPart: 0.25,
  nameMetric: "levenshtein", minNameSimilarity: 0.9, distinctKnownWords: false, includeArchived: true, maxBlock: 100, limit: 5,
};
const drafted: DuplicateMatch[] = ws.checkDuplicates({ fullName: "Nguyen Van Duc", phones: ["0901234567"] }, dupRules);
ws.checkDuplicates({ fullName: "Nguyen Van Duc" });
const dupsOf: DuplicateMatch[] = ws.duplicatesOf(duc);
ws.duplicatesOf(duc, { limit: 3 });
const compared: DuplicateMatch = ws.compareCustomers(duc, twin, { nameMetric: "exact" });
const comparedScore: number = compared.score;
for (const r of compared.reasons) {
  const reason: MatchReason = r;
  switch (r.rule) {
    case "name": {
      const metric: NameMetric = r.metric;
      const similarity: number = r.similarity;
      void [metric, similarity];
      break;
    }
    case "organization": {
      const orgId: string = r.organization;
      void orgId;
      break;
    }
    case "email":
    case "phone":
    case "address":
    case "email_local_part": {
      const value: string = r.value;
      void value;
      break;
    }
    default: {
      const never: never = r;
      void never;
    }
  }
  void reason;
}
const phases: ScanPhase[] = [];
const scanReport: DuplicateReport = ws.scanDuplicates(dupRules, (p: ScanProgress) => {
  phases.push(p.phase);
  return p.done < p.total || p.phase !== "comparing";
});
ws.scanDuplicates(undefined, (p) => {
  const done: number = p.done;
  void done;
});
ws.scanDuplicates();
const pair: DuplicatePair | undefined = scanReport.pairs[0];
const pairIds: [string, string] | undefined = pair ? [pair.a, pair.b] : undefined;
const scanCounts: [number, number, number, boolean] = [scanReport.customers, scanReport.comparisons, scanReport.skippedBlocks, scanReport.cancelled];
// @ts-expect-error: rule keys are camelCase
ws.scanDuplicates({ max_block: 10 });
// @ts-expect-error: not a metric
ws.duplicatesOf(duc, { nameMetric: "soundex" });
// @ts-expect-error: a weight is a number
ws.duplicatesOf(duc, { email: "high" });
// @ts-expect-error: the draft needs a name
ws.checkDuplicates({ phones: ["0901234567"] });
// @ts-expect-error: the callback receives a ScanProgress
ws.scanDuplicates({}, (p: string) => p === "x");
// @ts-expect-error: not a phase
const badPhase: ScanPhase = "done";
// @ts-expect-error: not a reason
const badMatchReason: MatchReason = { rule: "birthday", value: "x" };
void [drafted, dupsOf, comparedScore, phases, pairIds, scanCounts, badPhase, badMatchReason];
