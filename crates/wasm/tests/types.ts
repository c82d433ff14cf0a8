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
const hits: SearchHit[] = ws.searchCustomers("nguyen van duc", 5);
const score: number | undefined = hits[0]?.score;
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
  const kind: "agent" | "customer" | "interaction" | "complaint" = outcome.created.kind;
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

const log: string = ws.exportLog();
const copy: Workspace = Workspace.importLog(log, 7);
const same: boolean = copy.equals(ws);
const seq: number = ws.seq;
const count: number = ws.customerCount;
const region: string | null = ws.defaultRegion;
ws.configure(null);
ws.configure("VN", { at });
// @ts-expect-error: seq is read-only
ws.seq = 3;
copy.free();

void [agentName, agents, consented, channel, byEmail, byPhone, score, occurred, list, ids, same, seq, count, region];
