// The demo data set: a realistic care team's last weeks, produced by calling
// the package's commands (no state of its own) in time order, with a seeded
// pseudo-random sequence. Everything is anchored on `now`: what would happen
// after it is not run, so recent complaints are left in their working states.
//
// A small discrete-event simulation: each story (a complaint, a deal, a
// purchase, a follow-up) schedules its next step at a later instant; the
// queue runs them in time order, so the log reads like a real one.

import type { Channel, Priority, Workspace, WorkspaceOptions } from "clientcare";
import * as N from "./names";

export type WorkspaceClass = new (options?: WorkspaceOptions) => Workspace;

export interface DemoOptions {
  seed?: number;
  customers?: number;
  complaints?: number;
}

export interface DemoStats {
  customers: number;
  complaints: number;
  events: number;
  /** Steps the package refused (0 expected: the data set is meant to be valid). */
  refused: number;
  firstRefusals: string[];
  millis: number;
}

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Ho Chi Minh City is UTC+7 all year (no DST): local wall clock for the story. */
const VN_OFFSET = 7 * HOUR;
const CAL = "hcmc";

const iso = (t: number): string => new Date(Math.round(t / 1000) * 1000).toISOString().replace(".000Z", "Z");
const vnd = (amountMinor: number) => ({ amountMinor, currency: "VND" });

/** Mulberry32: a tiny seeded generator, good enough for demo data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Job {
  t: number;
  n: number;
  fn: () => void;
}

/** A time-ordered queue of steps (binary heap on (t, insertion order)). */
class Sim {
  private heap: Job[] = [];
  private n = 0;
  refused = 0;
  firstRefusals: string[] = [];
  constructor(readonly end: number) {}

  at(t: number, fn: () => void): void {
    if (!(t <= this.end)) return; // the future does not happen (NaN neither)
    const job = { t, n: this.n++, fn };
    const h = this.heap;
    h.push(job);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  run(): void {
    const h = this.heap;
    while (h.length > 0) {
      const top = h[0]!;
      const last = h.pop()!;
      if (h.length > 0) {
        h[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && less(h[l]!, h[m]!)) m = l;
          if (r < h.length && less(h[r]!, h[m]!)) m = r;
          if (m === i) break;
          [h[i], h[m]] = [h[m]!, h[i]!];
          i = m;
        }
      }
      try {
        top.fn();
      } catch (e) {
        this.refused++;
        if (this.firstRefusals.length < 5) this.firstRefusals.push(`${iso(top.t)}: ${(e as Error).message}`);
      }
    }
  }
}

function less(a: Job, b: Job): boolean {
  return a.t < b.t || (a.t === b.t && a.n < b.n);
}

interface Person {
  id: string;
  name: string;
  registeredAt: number;
  email: boolean;
  feedback: boolean;
  vn: boolean;
}

/** Builds the demo workspace as it stands at `now`. */
export function buildDemo(W: WorkspaceClass, now: Date, options: DemoOptions = {}): { ws: Workspace; stats: DemoStats } {
  const started = performance.now();
  const rand = rng(options.seed ?? 2026);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const between = (a: number, b: number) => a + rand() * (b - a);
  const int = (a: number, b: number) => Math.floor(between(a, b + 1));

  const end = Math.floor(now.getTime() / 1000) * 1000;
  const begin = localDay(end - 100 * DAY) + 8 * HOUR;
  const sim = new Sim(end);
  const ws = new W({ defaultRegion: "VN", seed: options.seed ?? 2026, at: iso(begin) });
  const o = (t: number, actor?: string | null) => (actor ? { at: iso(t), actor } : { at: iso(t) });

  /** The UTC instant of local midnight (Ho Chi Minh City) of the day of `t`. */
  function localDay(t: number): number {
    return Math.floor((t + VN_OFFSET) / DAY) * DAY - VN_OFFSET;
  }
  /** A local time of day (hours, fractional) on the day of `t`. */
  const atLocal = (t: number, hours: number) => localDay(t) + hours * HOUR;
  /** `minutes` of business time after `t` on the demo calendar (the package computes it). */
  const bizAdd = (t: number, minutes: number) => Date.parse(ws.addBusinessTime(CAL, iso(t), Math.round(minutes * 60)));
  /** The latest instant from which `minutes` of business time remain until `t`. */
  const bizBack = (t: number, minutes: number) => {
    let lo = t - 40 * DAY;
    let hi = t;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (ws.businessTimeBetween(CAL, iso(mid), iso(t)) >= minutes * 60) lo = mid;
      else hi = mid;
    }
    return Math.floor(lo / 1000) * 1000;
  };

  // ---- set-up: agents, calendar, SLA policies, loyalty, playbooks, feedback ----
  const setup = begin + 5 * MIN;
  const agent = (name: string, team: string, email: string) => ws.registerAgent({ name, team, email }, o(setup));
  const care = [
    agent("Phạm Minh Anh", "care", "minhanh@shop.example.vn"),
    agent("Lê Quốc Bảo", "care", "quocbao@shop.example.vn"),
    agent("Võ Thị Thu Trang", "care", "thutrang@shop.example.vn"),
    agent("Hồ Ngọc Diệp", "care", "ngocdiep@shop.example.vn"),
  ];
  const lead = agent("Trịnh Gia Huy", "care", "giahuy@shop.example.vn");
  const sales = [
    agent("Đặng Hoàng Long", "sales", "hoanglong@shop.example.vn"),
    agent("Sarah Nguyen", "sales", "sarah@shop.example.vn"),
    agent("Bùi Ngọc Lan", "sales", "ngoclan@shop.example.vn"),
  ];
  const everyone = [...care, lead, ...sales];

  ws.defineCalendar(
    CAL,
    {
      timeZone: "Asia/Ho_Chi_Minh",
      week: [
        ...(["mon", "tue", "wed", "thu", "fri"] as const).map((day) => ({ day, windows: [{ start: "08:00", end: "17:30" }] })),
        { day: "sat", windows: [{ start: "08:00", end: "12:00" }] },
      ],
      holidays: [
        { date: "2026-01-01", name: "Tết Dương lịch" },
        { date: "2026-04-30", until: "2026-05-01", name: "Giải phóng miền Nam, Quốc tế Lao động" },
        { date: "2026-09-01", until: "2026-09-02", name: "Quốc khánh" },
        { date: "2027-01-01", name: "Tết Dương lịch" },
      ],
    },
    o(setup),
  );
  const targets = {
    urgent: { fr: 60, nr: 120, res: 480, warn: 30 },
    high: { fr: 120, nr: 240, res: 960, warn: 60 },
    normal: { fr: 240, nr: 480, res: 2700, warn: 120 },
    low: { fr: 240, nr: 480, res: 2700, warn: 120 },
  } as const;
  const policy = (key: string, name: string, precedence: number, t: (typeof targets)[Priority], priorities: Priority[], extra = {}) =>
    ws.defineSlaPolicy(
      {
        key,
        name,
        precedence,
        calendar: CAL,
        conditions: { priorities },
        targets: { firstResponseMinutes: t.fr, nextResponseMinutes: t.nr, resolutionMinutes: t.res },
        warnBeforeMinutes: t.warn,
        ...extra,
      },
      o(setup),
    );
  policy("urgent", "Khẩn cấp", 1, targets.urgent, ["urgent"], {
    escalations: [
      { on: "warning", metric: "first_response", level: 1, notify: "giahuy@shop.example.vn" },
      { on: "breach", level: 2, reassignTo: lead, notify: "giahuy@shop.example.vn" },
    ],
  });
  policy("high", "Ưu tiên cao", 10, targets.high, ["high"], {
    escalations: [{ on: "breach", level: 1, notify: "giahuy@shop.example.vn" }],
  });
  policy("standard", "Tiêu chuẩn", 100, targets.normal, ["normal", "low"]);
  ws.configureFeedback({ csatOnResolve: true, responseDays: 14 }, o(setup));
  ws.configureLoyalty(
    {
      loyalAfterPurchases: 3,
      windowDays: 365,
      tierRules: [
        {
          tier: "gold",
          minSpend: vnd(80_000_000),
          plan: { subject: "Gọi chăm sóc khách hàng Gold", kind: "call", rule: "FREQ=MONTHLY;BYDAY=1MO", time: "09:30" },
        },
        { tier: "silver", minSpend: vnd(30_000_000) },
      ],
    },
    o(setup),
  );
  ws.definePlaybook(
    {
      key: "after_sales",
      name: "Chăm sóc sau bán hàng",
      calendar: CAL,
      team: "care",
      steps: [
        { kind: "thank_you", subject: "Cảm ơn quý khách đã mua hàng", offsetDays: 0, channel: "sms" },
        { kind: "advice", subject: "Hướng dẫn sử dụng và bảo quản", offsetDays: 2, businessDays: true, channel: "email" },
        { kind: "survey", subject: "Khảo sát hài lòng sau mua", offsetDays: 7, channel: "email", purpose: "feedback", survey: "csat" },
        { kind: "check_in", subject: "Gọi hỏi thăm sau 30 ngày", offsetDays: 30, channel: "phone" },
      ],
    },
    o(setup),
  );
  ws.definePlaybook(
    {
      key: "big_ticket",
      name: "Khách hàng đơn lớn",
      calendar: CAL,
      team: "care",
      conditions: { minValue: vnd(30_000_000) },
      steps: [
        { kind: "visit", subject: "Kiểm tra lắp đặt tại nhà", offsetDays: 3, businessDays: true, channel: "phone" },
        { kind: "gift", subject: "Gửi quà tri ân", offsetDays: 14, channel: "phone" },
      ],
    },
    o(setup),
  );

  // ---- customers ----
  const people: Person[] = [];
  const usedPhones = new Set<string>();
  const usedEmails = new Set<string>();
  const fold = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .replace(/ø/g, "o")
      .replace(/ł/g, "l")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "");
  const vnPhone = () => {
    for (;;) {
      const p = `${pick(["090", "091", "093", "096", "097", "098", "032", "035", "070", "077", "083", "086"])}${String(int(0, 9_999_999)).padStart(7, "0")}`;
      if (!usedPhones.has(p)) {
        usedPhones.add(p);
        return `${p.slice(0, 4)} ${p.slice(4, 7)} ${p.slice(7)}`;
      }
    }
  };
  const email = (parts: string[]) => {
    for (let k = 0; ; k++) {
      const local = parts.map(fold).filter(Boolean).join(pick([".", "", "_"])) + (k > 0 || chance(0.3) ? String(int(1, 99)) : "");
      const address = `${local}@${pick(["example.vn", "mail.example.com", "example.com.vn"])}`;
      if (!usedEmails.has(address)) {
        usedEmails.add(address);
        return address;
      }
    }
  };
  const customerCount = options.customers ?? 500;
  const channels: Channel[] = ["phone", "email", "live_chat", "sms", "social"];
  /** When each customer registers (planned up front), and the customer once registered. */
  const regTimes: number[] = [];
  const byIndex: Person[] = [];
  for (let i = 0; i < customerCount; i++) {
    // Registrations spread over the period, more of them later on (a growing shop).
    const t = i === 0 ? begin + 2 * HOUR : begin + DAY + Math.sqrt(rand()) * (end - begin - 2 * DAY);
    const regAt = Math.floor(t / 1000) * 1000;
    regTimes.push(regAt);
    sim.at(regAt, () => registerOne(i, regAt));
  }

  function registerOne(i: number, t: number): void {
    const org = i > 0 && i % 60 === 7;
    const intl = !org && i > 0 && chance(0.07);
    let fullName: string;
    let givenName: string | undefined;
    let familyName: string | undefined;
    let phone: string;
    let timeZone = "Asia/Ho_Chi_Minh";
    let language = "vi";
    if (i === 0) {
      [fullName, givenName, familyName] = ["Nguyễn Thị Hạnh", "Hạnh", "Nguyễn"];
      phone = vnPhone();
    } else if (org) {
      fullName = N.ORGANIZATIONS[Math.floor(i / 60) % N.ORGANIZATIONS.length]!;
      phone = vnPhone();
    } else if (intl) {
      const [g, f, tz, prefix, digits] = pick(N.INTERNATIONAL);
      [fullName, givenName, familyName, timeZone, language] = [`${g} ${f}`, g, f, tz, "en"];
      phone = prefix + String(int(10 ** (digits - 1), 10 ** digits - 1));
    } else {
      const female = chance(0.55);
      familyName = pick(N.VN_FAMILY);
      givenName = pick(female ? N.VN_GIVEN_FEMALE : N.VN_GIVEN_MALE);
      fullName = `${familyName} ${pick(female ? N.VN_MIDDLE_FEMALE : N.VN_MIDDLE_MALE)} ${givenName}`;
      phone = vnPhone();
    }
    const hasEmail = i === 0 || org || intl || chance(0.75);
    const emails = hasEmail ? [email(org ? ["lienhe", fullName.split(" ").slice(-1)[0] ?? "cty"] : [givenName ?? "", familyName ?? ""])] : [];
    const city = pick(N.CITIES);
    const contacts = [];
    if (chance(0.3)) {
      contacts.push({
        kind: "address" as const,
        address: { lines: [`${int(1, 250)} ${pick(N.STREETS)}`], city, country: "VN" },
        label: org ? "trụ sở" : "nhà",
      });
    }
    if (!intl && chance(0.35)) contacts.push({ kind: "social" as const, network: pick(["zalo", "facebook"] as const), handle: `${fold(fullName)}${int(1, 999)}` });
    const tags = [
      ...(chance(0.3) ? ["newsletter"] : []),
      ...(city === "Hồ Chí Minh" ? ["hcmc"] : city === "Hà Nội" ? ["hanoi"] : []),
      ...(org ? ["b2b"] : []),
    ];
    const id = ws.registerCustomer(
      {
        kind: org ? "organization" : "person",
        fullName,
        givenName: givenName ?? null,
        familyName: familyName ?? null,
        phones: [phone],
        emails,
        contacts,
        preferredChannel: i === 0 ? "live_chat" : pick(channels),
        language,
        timeZone,
        tags,
        owner: chance(0.5) ? pick(sales) : null,
        lifecycle: chance(0.6) ? "lead" : "prospect",
      },
      o(t, pick(everyone)),
    );
    const feedback = i === 0 || chance(0.78);
    const person = { id, name: fullName, registeredAt: t, email: hasEmail, feedback, vn: !intl };
    people.push(person);
    byIndex[i] = person;
    const source = pick(["web form", "cửa hàng", "hotline"]);
    const consent = (channel: Channel, purpose: "service" | "marketing" | "feedback", granted = true) =>
      ws.recordConsent({ customer: id, channel, purpose, granted, source }, o(t + 2 * MIN));
    for (const ch of ["phone", "sms", "live_chat", "in_person"] as Channel[]) consent(ch, "service");
    if (hasEmail) consent("email", "service");
    if (feedback) for (const ch of (hasEmail ? ["email", "sms", "live_chat", "phone"] : ["sms", "live_chat", "phone"]) as Channel[]) consent(ch, "feedback");
    if (hasEmail && chance(0.4)) consent("email", "marketing");
    if (i > 3 && chance(0.04)) consent("email", "marketing", false);
    // A few touchpoints over its life.
    const touches = int(0, 3);
    for (let k = 0; k < touches; k++) {
      const at = t + between(HOUR, Math.max(2 * HOUR, end - t));
      sim.at(at, () => interaction(id, at));
    }
  }

  function interaction(customer: string, t: number): void {
    const channel = pick<Channel>(["phone", "phone", "email", "live_chat", "social", "in_person", "sms"]);
    ws.logInteraction(
      {
        customer,
        channel,
        network: channel === "social" ? pick(["zalo", "facebook", "messenger"] as const) : null,
        direction: chance(0.7) ? "inbound" : "outbound",
        subject: pick(["Hỏi giá sản phẩm", "Hỏi tình trạng đơn hàng", "Tư vấn chọn mẫu", "Question about delivery", "Đặt lịch xem hàng", "Hỏi chương trình khuyến mãi"]),
        summary: chance(0.5) ? "Đã tư vấn, khách sẽ cân nhắc thêm." : null,
        agent: pick(everyone),
        durationSeconds: channel === "phone" ? int(60, 900) : null,
      },
      o(t),
    );
  }

  /** A random customer registered at least an hour before `t`. */
  const customerBefore = (t: number, filter: (p: Person) => boolean = () => true): Person | undefined => {
    for (let k = 0; k < 40; k++) {
      const p = people[Math.floor(rand() * people.length)];
      if (p && p.registeredAt < t - HOUR && filter(p)) return p;
    }
    return undefined;
  };

  // ---- complaints ----
  const complaintStart = end - 56 * DAY;
  const priorityOf = (): Priority => {
    const r = rand();
    return r < 0.08 ? "urgent" : r < 0.3 ? "high" : r < 0.85 ? "normal" : "low";
  };
  let complaintsOpened = 0;

  interface ComplaintPlan {
    received: number;
    priority: Priority;
    /** A first response, resolution and next responses in time or late. */
    frLate: boolean;
    resLate: boolean;
    fate: "normal" | "cancel" | "duplicate" | "never";
    customer?: Person;
    channel?: Channel;
    subject?: string;
  }

  function openComplaint(plan: ComplaintPlan, then: (id: string, p: Person, assignee: string | null) => void): void {
    const t = plan.received;
    const [category, subjects] = pick(N.COMPLAINT_TOPICS);
    const channel = plan.channel ?? pick<Channel>(["phone", "email", "email", "live_chat", "social", "in_person", "web"]);
    // An email that came in at night is logged in the morning; a call at once.
    const recordedAt = channel === "email" || channel === "web" ? Math.max(t, bizAdd(t, between(0, 40))) : t;
    sim.at(recordedAt, () => {
      const p = plan.customer ?? customerBefore(t);
      if (!p) return;
      const assignee = chance(0.85) ? pick(care) : null;
      const id = ws.openComplaint(
        {
          customer: p.id,
          channel,
          subject: plan.subject ?? pick(subjects),
          description: chance(0.6) ? "Khách hàng phản ánh qua " + channel + ". " + pick(N.CUSTOMER_MESSAGES) : null,
          category,
          priority: plan.priority,
          assignee,
          team: "care",
          tags: chance(0.2) ? ["repeat"] : [],
          receivedAt: iso(t),
        },
        o(recordedAt, assignee ?? lead),
      );
      complaintsOpened++;
      then(id, p, assignee);
    });
  }

  function complaintStory(plan: ComplaintPlan): void {
    const tg = targets[plan.priority];
    openComplaint(plan, (id, p, assigned) => {
      const t0 = plan.received;
      let assignee = assigned;
      if (plan.fate === "never") return;
      if (plan.fate === "cancel") {
        const at = bizAdd(t0, between(10, 120));
        const reason = pick(["spam", "duplicate", "withdrawn"] as const);
        sim.at(at, () => ws.cancelComplaint({ complaint: id, reason }, o(at, lead)));
        return;
      }
      if (plan.fate === "duplicate") {
        // The customer writes again on another channel; the copy is merged.
        const at = t0 + between(10 * MIN, 50 * MIN);
        openComplaint({ ...plan, received: at, fate: "never", customer: p, channel: "live_chat" }, (dup) => {
          const mergeAt = bizAdd(at, between(5, 40));
          sim.at(mergeAt, () => ws.mergeComplaint({ complaint: dup, into: id }, o(mergeAt, lead)));
        });
      }
      // First response (by its agent; an unassigned one is picked up first).
      const respondAt = bizAdd(t0, tg.fr * (plan.frLate ? between(1.1, 3) : between(0.08, 0.9)));
      if (chance(0.12)) {
        const noteAt = bizAdd(t0, tg.fr * 0.05);
        sim.at(noteAt, () =>
          ws.respondToComplaint({ complaint: id, agent: lead, body: "Ghi chú nội bộ: kiểm tra lịch sử đơn hàng trước khi gọi.", public: false }, o(noteAt, lead)),
        );
      }
      sim.at(respondAt, () => {
        if (!assignee) {
          assignee = pick(care);
          ws.assignComplaint({ complaint: id, assignee }, o(respondAt - MIN, lead));
        }
        ws.respondToComplaint({ complaint: id, agent: assignee, body: pick(N.AGENT_RESPONSES) }, o(respondAt, assignee));
      });
      let last = bizAdd(respondAt, between(5, 60));
      sim.at(last, () => ws.changeComplaintState({ complaint: id, to: "in_progress" }, o(last, assignee)));
      if (chance(0.3)) {
        const waitAt = bizAdd(last, between(30, 240));
        const msgAt = waitAt + between(2 * HOUR, 3 * DAY);
        const answerAt = bizAdd(msgAt, tg.nr * (chance(0.15) ? between(1.1, 2.5) : between(0.1, 0.9)));
        sim.at(waitAt, () => ws.changeComplaintState({ complaint: id, to: "waiting_on_customer", reason: "Chờ khách gửi ảnh và số đơn hàng" }, o(waitAt, assignee)));
        sim.at(msgAt, () => ws.addCustomerMessage({ complaint: id, body: pick(N.CUSTOMER_MESSAGES) }, o(msgAt)));
        sim.at(answerAt, () => ws.respondToComplaint({ complaint: id, agent: assignee, body: pick(N.AGENT_RESPONSES) }, o(answerAt, assignee)));
        last = answerAt;
      }
      if (chance(0.07)) {
        const escAt = bizAdd(t0, tg.res * between(0.2, 0.6));
        sim.at(escAt, () =>
          ws.escalateComplaint({ complaint: id, reason: "Khách hàng yêu cầu gặp quản lý", reassignTo: lead }, o(escAt, assignee)),
        );
        last = Math.max(last, escAt);
      }
      const resolveAt = Math.max(bizAdd(last, 10), bizAdd(t0, tg.res * (plan.resLate ? between(1.05, 2.2) : between(0.2, 0.95))));
      const [category, note] = pick(N.RESOLUTIONS);
      sim.at(resolveAt, () => {
        ws.resolveComplaint(
          {
            complaint: id,
            category,
            note,
            compensation: chance(0.15) ? [{ kind: "voucher", value: vnd(pick([200_000, 300_000, 500_000])), note: "Voucher xin lỗi" }] : [],
          },
          o(resolveAt, ws.complaint(id).assignee ?? lead),
        );
        // The CSAT survey went out on resolution (csatOnResolve); most answer it.
        const happy = !plan.frLate && !plan.resLate;
        const answerAt = resolveAt + between(HOUR, 3 * DAY);
        if (chance(0.7)) {
          sim.at(answerAt, () => {
            for (const s of ws.surveys({ link: { kind: "complaint", id }, statuses: ["sent"] })) {
              ws.answerSurvey(
                { survey: s.id, score: happy ? pick([5, 5, 4, 4, 5, 3]) : pick([1, 2, 3, 2, 4, 3]), comment: happy ? null : pick(["Xử lý quá chậm", "Phải gọi nhiều lần", null]) },
                o(answerAt),
              );
            }
          });
        }
        if (chance(0.06)) {
          const reopenAt = resolveAt + between(6 * HOUR, 2 * DAY);
          const again = bizAdd(reopenAt, tg.res * between(0.1, 0.5));
          sim.at(reopenAt, () => ws.reopenComplaint({ complaint: id, reason: "Lỗi tái diễn sau khi sửa" }, o(reopenAt)));
          sim.at(bizAdd(reopenAt, tg.nr * 0.5), () =>
            ws.respondToComplaint({ complaint: id, agent: assignee ?? lead, body: "Bên em xin lỗi, kỹ thuật viên sẽ quay lại kiểm tra." }, o(bizAdd(reopenAt, tg.nr * 0.5), assignee ?? lead)),
          );
          sim.at(again, () => ws.resolveComplaint({ complaint: id, category: "repaired", note: "Thay linh kiện mới." }, o(again, assignee ?? lead)));
        } else if (chance(0.25)) {
          const closeAt = resolveAt + between(DAY, 3 * DAY);
          sim.at(closeAt, () => ws.closeComplaint({ complaint: id }, o(closeAt, lead)));
        }
      });
    });
  }

  const complaintCount = options.complaints ?? 260;
  for (let k = 0; k < complaintCount; k++) {
    // Complaints arrive mostly in the day, some at night (email, web form).
    const day = complaintStart + Math.floor(rand() * 56) * DAY;
    const received = Math.floor(atLocal(day + 12 * HOUR, chance(0.85) ? between(7.5, 18.5) : between(0, 24)) / 1000) * 1000;
    const r = rand();
    complaintStory({
      received,
      priority: priorityOf(),
      frLate: chance(0.14),
      resLate: chance(0.12),
      fate: r < 0.04 ? "cancel" : r < 0.07 ? "duplicate" : "normal",
    });
  }
  // A few complaints placed on the SLA clocks relative to `now`, so the queue
  // always shows fresh, warning and breached ones whatever the time of day.
  const crafted: [Priority, number, string][] = [
    ["urgent", 45, "Máy lạnh mới lắp bị rò điện"],
    ["urgent", 240, "Giao nhầm sản phẩm cho tiệc cưới tối nay"],
    ["high", 80, "Không liên lạc được kỹ thuật viên đã hẹn"],
    ["high", 30, "Hóa đơn VAT bị sai mã số thuế"],
    ["normal", 150, "Đổi màu rèm cửa theo đơn đặt"],
    ["normal", 12, "Hỏi lại lịch giao tủ lạnh"],
    ["low", 5, "Góp ý về bao bì sản phẩm"],
    ["normal", 600, "Chưa nhận được phiếu bảo hành"],
  ];
  for (const [priority, minutes, subject] of crafted) {
    const received = bizBack(end, minutes);
    complaintStory({ received, priority, frLate: true, resLate: true, fate: "never", subject, channel: "phone" });
  }

  // ---- sales: deals on the pipeline, purchases, playbooks ----
  const stages = ["need_identified", "contacted", "qualified", "proposal", "negotiation"];
  const items = () => {
    const lines = [];
    const n = int(1, 3);
    for (let k = 0; k < n; k++) {
      const [name, category, price] = pick(N.PRODUCTS);
      lines.push({ name, category, quantity: category === "accessory" ? int(1, 4) : 1, unitPrice: vnd(price) });
    }
    return lines;
  };

  /** Follows up a purchase's playbook runs: agents complete the steps as they fall due. */
  function followPlaybooks(customer: string, purchase: string): void {
    for (const run of ws.playbookRunsOf(customer)) {
      if (run.purchase !== purchase) continue;
      for (const step of run.steps) {
        if (!step.followUp) continue;
        const fu = ws.followUp(step.followUp);
        const due = Date.parse(fu.dueAt);
        if (chance(0.08)) {
          // Never done: the team gives up on it a couple of days later.
          const giveUpAt = due + between(2 * DAY, 3 * DAY);
          sim.at(giveUpAt, () => {
            if (ws.followUp(fu.id).status === "open") ws.cancelFollowUp({ followUp: fu.id, reason: "Khách không nghe máy" }, o(giveUpAt, lead));
          });
          continue;
        }
        const doneAt = due + (chance(0.8) ? between(0.2 * HOUR, 5 * HOUR) : between(20 * HOUR, 50 * HOUR));
        sim.at(doneAt, () => {
          const f = ws.followUp(fu.id);
          if (f.status !== "open") return;
          ws.completeFollowUp({ followUp: f.id, outcome: pick(["Khách hài lòng", "Đã gửi", "Khách hẹn gọi lại", "Done"]) }, o(doneAt, f.assignee ?? pick(care)));
          if (step.survey) {
            const answerAt = doneAt + between(HOUR, 2 * DAY);
            if (chance(0.55)) {
              sim.at(answerAt, () => {
                for (const s of ws.surveys({ customer, link: { kind: "playbook_step", run: run.id, step: step.index }, statuses: ["sent"] })) {
                  ws.answerSurvey({ survey: s.id, score: pick([5, 4, 5, 4, 3, 5, 2]) }, o(answerAt));
                }
              });
            }
          }
        });
      }
    }
  }

  const dealCount = 180;
  for (let k = 0; k < dealCount; k++) {
    // A customer first, then a moment after it registered.
    const i = int(0, customerCount - 1);
    const first = (regTimes[i] ?? end) + HOUR;
    if (first >= end - DAY) continue;
    const openAt = Math.floor(bizAdd(between(first, end - DAY), 0) / 1000) * 1000;
    sim.at(openAt, () => {
      const p = byIndex[i];
      if (!p) return;
      const owner = pick(sales);
      const lines = items();
      const value = lines.reduce((s, l) => s + l.unitPrice.amountMinor * l.quantity, 0) * int(1, 4);
      const closeDate = new Date(localDay(openAt + int(10, 60) * DAY) + VN_OFFSET).toISOString().slice(0, 10);
      const id = ws.openOpportunity(
        {
          customer: p.id,
          title: pick(N.OPPORTUNITY_TITLES),
          value: vnd(value),
          expectedClose: closeDate,
          owner,
          source: { channel: pick<Channel>(["web", "phone", "in_person", "social"]), campaign: chance(0.3) ? "tet-2027" : null },
        },
        o(openAt, owner),
      );
      let stage = 0;
      let t = openAt;
      const step = () => {
        t = bizAdd(t + between(2 * DAY, 9 * DAY), between(0, 60));
        sim.at(t, () => {
          const r = rand();
          if (r < 0.05 + stage * 0.02) {
            ws.moveOpportunity({ opportunity: id, stage: "lost", lostReason: pick(["price", "competitor", "no_budget", "timing", "no_response"]) }, o(t, owner));
          } else if (stage >= 3 && r < 0.4) {
            ws.moveOpportunity(
              { opportunity: id, stage: "won", purchase: { items: lines.map((l) => ({ ...l, quantity: l.quantity })), channel: "in_person" } },
              o(t, owner),
            );
            const purchase = ws.opportunity(id).purchase;
            if (purchase) followPlaybooks(p.id, purchase);
          } else if (stage < stages.length - 1) {
            stage++;
            ws.moveOpportunity({ opportunity: id, stage: stages[stage]! }, o(t, owner));
            if (chance(0.4)) ws.logInteraction({ customer: p.id, channel: "phone", direction: "outbound", subject: "Trao đổi về đề xuất", agent: owner }, o(t));
            step();
          } else {
            step(); // negotiation drags on
          }
        });
      };
      step();
    });
  }

  const purchaseCount = 300;
  // Regular customers come back: repeat purchases make loyal customers and tiers.
  const regulars = Array.from({ length: 70 }, (_, k) => (k < 2 ? 0 : int(0, customerCount - 1)));
  for (let k = 0; k < purchaseCount; k++) {
    const i = chance(0.35) ? pick(regulars) : int(0, customerCount - 1);
    const first = (regTimes[i] ?? end) + HOUR;
    if (first >= end) continue;
    const at = Math.floor(atLocal(between(first, end), between(8.5, 21)) / 1000) * 1000;
    if (at < first) continue;
    sim.at(at, () => {
      const p = byIndex[i];
      if (!p) return;
      const id = ws.recordPurchase({ customer: p.id, items: items(), channel: pick<Channel>(["in_person", "in_person", "web", "phone"]) }, o(at, pick(sales)));
      followPlaybooks(p.id, id);
    });
  }

  // ---- referrals ----
  for (let k = 0; k < 18; k++) {
    const at = begin + 10 * DAY + rand() * 60 * DAY;
    sim.at(at, () => {
      const referrer = customerBefore(at);
      const referred = customerBefore(at, (p) => p !== referrer && ws.referralOf(p.id) === null && ws.purchasesOf(p.id).length === 0);
      if (!referrer || !referred) return;
      const id = ws.recordReferral({ referrer: referrer.id, referred: referred.id, note: "Giới thiệu qua bạn bè" }, o(at));
      const rewardAt = end - between(2 * DAY, 10 * DAY);
      sim.at(rewardAt, () => {
        if (ws.referral(id).status === "qualified" && chance(0.6)) {
          ws.rewardReferral({ referral: id, reward: { kind: "voucher", value: vnd(300_000), note: "Cảm ơn đã giới thiệu" } }, o(rewardAt, lead));
        }
      });
    });
  }

  // ---- follow-ups set by hand, NPS campaigns, daily ticks ----
  for (let k = 0; k < 90; k++) {
    const createdAt = end - between(HOUR, 12 * DAY);
    sim.at(createdAt, () => {
      const p = customerBefore(createdAt);
      if (!p) return;
      const [subject, kind] = pick(N.FOLLOW_UP_SUBJECTS);
      const assignee = pick(everyone);
      const due = bizAdd(createdAt + between(HOUR, 6 * DAY), between(0, 300));
      const id = ws.scheduleFollowUp(
        { subject, kind, customer: p.id, dueAt: iso(due), assignee, priority: chance(0.2) ? "high" : "normal" },
        o(createdAt, assignee),
      );
      if (chance(0.7)) {
        const doneAt = due + between(-2 * HOUR, 20 * HOUR);
        sim.at(Math.max(doneAt, createdAt + MIN), () => ws.completeFollowUp({ followUp: id, outcome: "Đã liên hệ" }, o(Math.max(doneAt, createdAt + MIN), assignee)));
      } else if (chance(0.2)) {
        const snoozeAt = due - between(0, HOUR);
        sim.at(snoozeAt, () => ws.snoozeFollowUp({ followUp: id, until: iso(due + DAY) }, o(snoozeAt, assignee)));
      }
    });
  }
  // A weekly NPS pulse to a sample of customers.
  for (let daysAgo = 59; daysAgo >= 3; daysAgo -= 7) {
    const at = atLocal(end - daysAgo * DAY, 10);
    sim.at(at, () => {
      for (const p of people) {
        if (!chance(0.07) || !ws.mayContact(p.id, "email", "feedback", iso(at)).allowed) continue;
        const id = ws.sendSurvey({ customer: p.id, kind: "nps", channel: "email" }, o(at));
        const answerAt = at + between(HOUR, 5 * DAY);
        if (chance(0.5)) sim.at(answerAt, () => ws.answerSurvey({ survey: id, score: pick([10, 9, 9, 8, 7, 10, 6, 9, 3, 8, 10, 5, 9]) }, o(answerAt)));
      }
    });
  }
  for (let day = localDay(begin) + DAY; day < end; day += DAY) {
    const at = day + 17.75 * HOUR; // 17:45 local, after closing
    sim.at(at, () => ws.tick(o(at)));
  }

  sim.run();
  return {
    ws,
    stats: {
      customers: ws.customerCount,
      complaints: complaintsOpened,
      events: ws.seq,
      refused: sim.refused,
      firstRefusals: sim.firstRefusals,
      millis: Math.round(performance.now() - started),
    },
  };
}
