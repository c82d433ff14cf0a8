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
  const kind: "agent" | "customer" | "interaction" = outcome.created.kind;
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
