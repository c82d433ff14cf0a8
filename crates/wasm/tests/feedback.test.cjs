// Feedback through the JavaScript API: the settings, custom survey templates,
// sending and answering CSAT, NPS, CES and custom surveys (scale, choice and
// text questions), the errors (score out of range, a second answer, missing
// consent, bad answers) that change nothing, late answers, CSAT sent on
// resolving a complaint, a playbook survey step sending its survey, the
// generic execute for every feedback command, and export/import equality.
"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const { cc, T0, at, UNKNOWN_ID, throwsCode, unchanged } = require("./helpers.cjs");
const { Workspace } = cc;

const DAY = 24 * 60;
const iso = (d) => d.toISOString().replace(".000Z", "Z");
const vnd = (amountMinor) => ({ amountMinor, currency: "VND" });

/** An agent; Đức consents to feedback by email and SMS, Mai to nothing. */
function fx() {
  const ws = new Workspace({ defaultRegion: "VN", seed: 11, at: T0 });
  const agent = ws.registerAgent({ name: "Lan", team: "care" }, { at: at(0) });
  const duc = ws.registerCustomer({ fullName: "Nguyễn Văn Đức", emails: ["duc@x.vn"], phones: ["0901234567"] }, { at: at(1) });
  const mai = ws.registerCustomer({ fullName: "Trần Thị Mai", emails: ["mai@x.vn"] }, { at: at(1) });
  for (const channel of ["email", "sms"]) {
    ws.recordConsent({ customer: duc, channel, purpose: "feedback", granted: true, source: "web form" }, { at: at(2) });
  }
  return { ws, agent, duc, mai };
}

/** Asserts the call throws `code` and leaves the workspace equal to before; returns the error. */
function refused(ws, fn, code) {
  const before = Workspace.importLog(ws.exportLog());
  const e = unchanged(ws, fn, code);
  assert.ok(ws.equals(before), `${code}: the workspace changed`);
  before.free();
  return e;
}

function assertReplays(ws) {
  const copy = Workspace.importLog(ws.exportLog(), 1);
  assert.ok(copy.equals(ws), "export/import gives an equal workspace");
  copy.free();
}

/** The core's documented custom survey, with a question key that is not camelCase. */
const visit = () => ({
  key: "visit",
  title: "After the visit",
  questions: [
    { key: "overall", text: "How was it?", kind: "scale", min: 1, max: 5, measures: "csat", required: true },
    { key: "liked", text: "What did you like?", kind: "choice", options: ["staff", "price", "speed"], multiple: true },
    { key: "came_by", text: "How did you come?", kind: "choice", options: ["car", "bike"] },
    { key: "note", text: "Anything else?", kind: "text" },
  ],
});

test("the feedback settings: defaults, absent fields unchanged, bad values refused", () => {
  const { ws } = fx();
  assert.deepEqual(ws.feedbackSettings(), { csatOnResolve: false, responseDays: 14 });
  ws.configureFeedback({ csatOnResolve: true, responseDays: 7 }, { at: at(3) });
  assert.deepEqual(ws.feedbackSettings(), { csatOnResolve: true, responseDays: 7 });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "feedback_configured", settings: { csatOnResolve: true, responseDays: 7 } });
  // The same settings again record nothing.
  const seq = ws.seq;
  ws.configureFeedback({ csatOnResolve: true, responseDays: 7 }, { at: at(4) });
  assert.equal(ws.seq, seq);
  // Absent fields keep their current value.
  ws.configureFeedback({ responseDays: 30 }, { at: at(5) });
  assert.deepEqual(ws.feedbackSettings(), { csatOnResolve: true, responseDays: 30 });
  let e = refused(ws, () => ws.configureFeedback({ responseDays: 0 }), "invalid_input");
  assert.equal(e.details.field, "responseDays");
  e = refused(ws, () => ws.configureFeedback({ responseDays: 400 }), "invalid_input");
  assert.match(e.message, /^invalid responseDays /);
  e = refused(ws, () => ws.configureFeedback({ csatOnResolve: "yes" }), "invalid_input");
  assert.equal(e.details.field, "csatOnResolve");
  e = refused(ws, () => ws.configureFeedback({ responseDay: 3 }), "invalid_input");
  assert.equal(e.details.field, "responseDay");
  refused(ws, () => ws.configureFeedback(), "invalid_input");
  // An empty change changes nothing.
  const before = ws.seq;
  ws.configureFeedback({}, { at: at(6) });
  assert.equal(ws.seq, before);
});

test("send and answer CSAT, NPS and CES surveys; their ranges", () => {
  const { ws, agent, duc } = fx();
  const call = ws.logInteraction({ customer: duc, channel: "phone", agent, occurredAt: at(9) }, { at: at(10) });
  const csat = ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", link: { kind: "interaction", id: call } }, { at: at(10) });
  assert.match(csat, /^[0-9a-f-]{36}$/);
  const sent = ws.survey(csat);
  assert.deepEqual(sent, {
    id: csat,
    customer: duc,
    kind: "csat",
    channel: "email",
    link: { kind: "interaction", id: call },
    // The interaction's agent.
    agent,
    sentAt: iso(at(10)),
    expiresAt: iso(at(10 + 14 * DAY)),
    status: "sent",
    score: null,
    answers: {},
    comment: null,
    answeredAt: null,
  });
  const ev = ws.events(ws.seq - 1)[0];
  assert.deepEqual(ev.entity, { kind: "survey", id: csat });
  assert.deepEqual(ev.payload, {
    type: "survey_sent",
    customer: duc,
    kind: "csat",
    channel: "email",
    link: { kind: "interaction", id: call },
    agent,
    expiresAt: iso(at(10 + 14 * DAY)),
  });

  ws.answerSurvey({ survey: csat, score: 4, comment: "  Nhanh, lịch sự  " }, { at: at(60) });
  const answered = ws.survey(csat);
  assert.deepEqual(
    [answered.status, answered.score, answered.comment, answered.answeredAt],
    ["answered", 4, "Nhanh, lịch sự", iso(at(60))],
  );
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, {
    type: "survey_answered",
    score: 4,
    comment: "Nhanh, lịch sự",
    answeredAt: iso(at(60)),
    late: false,
  });

  // NPS 0-10 and CES 1-7; `answeredAt` before the command's time; responseDays per survey.
  const nps = ws.sendSurvey({ customer: duc, kind: "nps", channel: "sms", responseDays: 3, agent }, { at: at(20) });
  assert.equal(ws.survey(nps).expiresAt, iso(at(20 + 3 * DAY)));
  ws.answerSurvey({ survey: nps, score: 0, answeredAt: at(30) }, { at: at(40) });
  assert.deepEqual([ws.survey(nps).score, ws.survey(nps).answeredAt], [0, iso(at(30))]);
  const ces = ws.sendSurvey({ customer: duc, kind: "ces", channel: "email", template: null }, { at: at(20) });
  ws.answerSurvey({ survey: ces, score: 7 }, { at: at(21) });
  assert.equal(ws.survey(ces).score, 7);

  // Out of range (or not a whole number, or missing): invalid_input on score, nothing changes.
  for (const [kind, bad] of [["csat", 0], ["csat", 6], ["nps", 11], ["nps", -1], ["ces", 0], ["ces", 8]]) {
    const id = ws.sendSurvey({ customer: duc, kind, channel: "email" }, { at: at(100) });
    const e = refused(ws, () => ws.answerSurvey({ survey: id, score: bad }, { at: at(101) }), "invalid_input");
    assert.deepEqual([e.details.field, e.details.value], ["score", String(bad)], `${kind} ${bad}`);
    assert.equal(ws.survey(id).status, "sent");
  }
  const open = ws.sendSurvey({ customer: duc, kind: "csat", channel: "email" }, { at: at(100) });
  let e = refused(ws, () => ws.answerSurvey({ survey: open, score: 4.5 }, { at: at(101) }), "invalid_input");
  assert.equal(e.details.field, "score");
  e = refused(ws, () => ws.answerSurvey({ survey: open, comment: "no score" }, { at: at(101) }), "invalid_input");
  assert.equal(e.details.field, "score");
  e = refused(ws, () => ws.answerSurvey({ survey: open, score: 3, answers: { overall: 3 } }, { at: at(101) }), "invalid_input");
  assert.equal(e.details.field, "answers");
  e = refused(ws, () => ws.answerSurvey({ survey: open, score: 3, answeredAt: at(99) }, { at: at(101) }), "invalid_input");
  assert.equal(e.details.field, "answeredAt");
  e = refused(ws, () => ws.answerSurvey({ survey: open, score: 3, answeredAt: "2026-11-03T10:00:00" }, { at: at(101) }), "invalid_input");
  assert.equal(e.details.field, "answeredAt");
  throwsCode(() => ws.answerSurvey({ survey: UNKNOWN_ID, score: 3 }), "not_found", { entity: "survey", id: UNKNOWN_ID });
  throwsCode(() => ws.survey(UNKNOWN_ID), "not_found", { entity: "survey", id: UNKNOWN_ID });
  throwsCode(() => ws.survey("nope"), "invalid_input", { field: "id" });
  assertReplays(ws);
});

test("a second answer is an invalid transition; a late answer is kept as answered_late", () => {
  const { ws, duc } = fx();
  const id = ws.sendSurvey({ customer: duc, kind: "csat", channel: "email" }, { at: at(10) });
  ws.answerSurvey({ survey: id, score: 5 }, { at: at(11) });
  const e = refused(ws, () => ws.answerSurvey({ survey: id, score: 1 }, { at: at(12) }), "invalid_transition");
  assert.deepEqual([e.details.entity, e.details.id, e.details.action, e.details.allowed], ["survey", id, "answer", []]);
  assert.equal(e.details.current, "answered");
  assert.equal(ws.survey(id).score, 5);

  // Expired after 14 days: the answer is recorded, late, and not counted.
  const late = ws.sendSurvey({ customer: duc, kind: "nps", channel: "email" }, { at: at(20) });
  ws.answerSurvey({ survey: late, score: 9 }, { at: at(20 + 14 * DAY + 1) });
  const s = ws.survey(late);
  assert.deepEqual([s.status, s.score, s.answeredAt], ["answered_late", 9, iso(at(20 + 14 * DAY + 1))]);
  assert.equal(ws.events(ws.seq - 1)[0].payload.late, true);
  const again = refused(ws, () => ws.answerSurvey({ survey: late, score: 9 }, { at: at(20 + 15 * DAY) }), "invalid_transition");
  assert.equal(again.details.current, "answered_late");
  // Exactly at the expiry is still in time.
  const edge = ws.sendSurvey({ customer: duc, kind: "ces", channel: "email", responseDays: 1 }, { at: at(30) });
  ws.answerSurvey({ survey: edge, score: 2 }, { at: at(30 + DAY) });
  assert.equal(ws.survey(edge).status, "answered");
  assertReplays(ws);
});

test("sending needs feedback consent on the channel, a known customer, a matching link and template", () => {
  const { ws, agent, duc, mai } = fx();
  let e = refused(ws, () => ws.sendSurvey({ customer: mai, kind: "csat", channel: "email" }, { at: at(10) }), "invalid_input");
  assert.deepEqual([e.details.field, e.details.value], ["channel", "email"]);
  assert.match(e.message, /may not be asked for feedback on email \(no_consent\); record consent first/);
  // Đức consents to feedback by email and SMS, not by phone; service consent is not feedback consent.
  ws.recordConsent({ customer: mai, channel: "email", purpose: "service", granted: true, source: "form" }, { at: at(3) });
  refused(ws, () => ws.sendSurvey({ customer: mai, kind: "csat", channel: "email" }, { at: at(10) }), "invalid_input");
  refused(ws, () => ws.sendSurvey({ customer: duc, kind: "csat", channel: "phone" }, { at: at(10) }), "invalid_input");
  // A withdrawn consent stops surveys.
  ws.recordConsent({ customer: duc, channel: "sms", purpose: "feedback", granted: false, source: "STOP" }, { at: at(4) });
  e = refused(ws, () => ws.sendSurvey({ customer: duc, kind: "nps", channel: "sms" }, { at: at(10) }), "invalid_input");
  assert.equal(e.details.field, "channel");

  throwsCode(() => ws.sendSurvey({ customer: UNKNOWN_ID, kind: "csat", channel: "email" }), "not_found", { entity: "customer" });
  e = refused(ws, () => ws.sendSurvey({ customer: duc, kind: "happiness", channel: "email" }, { at: at(10) }), "invalid_input");
  assert.equal(e.details.field, "kind");
  e = refused(ws, () => ws.sendSurvey({ customer: duc, kind: "custom", channel: "email" }, { at: at(10) }), "invalid_input");
  assert.equal(e.details.field, "template");
  refused(ws, () => ws.sendSurvey({ customer: duc, kind: "custom", template: "nope", channel: "email" }, { at: at(10) }), "not_found");
  e = refused(ws, () => ws.sendSurvey({ customer: duc, kind: "csat", template: "visit", channel: "email" }, { at: at(10) }), "invalid_input");
  assert.equal(e.details.field, "template");
  e = refused(ws, () => ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", responseDays: 0 }, { at: at(10) }), "invalid_input");
  assert.equal(e.details.field, "responseDays");
  e = refused(ws, () => ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", link: { kind: "visit", id: duc } }, { at: at(10) }), "invalid_input");
  assert.match(e.details.field, /^link/);
  refused(ws, () => ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", link: { kind: "complaint", id: UNKNOWN_ID } }, { at: at(10) }), "not_found");
  refused(ws, () => ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", agent: UNKNOWN_ID }, { at: at(10) }), "not_found");
  // A link to another customer's record.
  const maiCall = ws.logInteraction({ customer: mai, channel: "phone", agent, occurredAt: at(5) }, { at: at(5) });
  e = refused(ws, () => ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", link: { kind: "interaction", id: maiCall } }, { at: at(10) }), "invalid_input");
  assert.equal(e.details.field, "link");
  e = refused(ws, () => ws.sendSurvey({ customer: duc, kind: "csat", channel: "email", linkk: null }, { at: at(10) }), "invalid_input");
  assert.equal(e.details.field, "linkk");

  // A given id is used, once.
  const id = "01900000-0000-7000-8000-000000000001";
  assert.equal(ws.sendSurvey({ id, customer: duc, kind: "csat", channel: "email" }, { at: at(10) }), id);
  refused(ws, () => ws.sendSurvey({ id, customer: duc, kind: "csat", channel: "email" }, { at: at(11) }), "conflict");
  // An archived customer gets none.
  ws.archiveCustomer({ customer: duc }, { at: at(12) });
  refused(ws, () => ws.sendSurvey({ customer: duc, kind: "csat", channel: "email" }, { at: at(13) }), "invalid_transition");
});

test("custom surveys: define, list, send and answer scale, choice and text questions", () => {
  const { ws, duc, mai } = fx();
  ws.defineSurvey(visit(), { at: at(3) });
  const defined = ws.surveyTemplates();
  assert.deepEqual(defined, [
    {
      key: "visit",
      title: "After the visit",
      questions: [
        { key: "overall", text: "How was it?", kind: "scale", min: 1, max: 5, measures: "csat", required: true },
        { key: "liked", text: "What did you like?", kind: "choice", options: ["staff", "price", "speed"], multiple: true, required: false },
        { key: "came_by", text: "How did you come?", kind: "choice", options: ["car", "bike"], required: false },
        { key: "note", text: "Anything else?", kind: "text", required: false },
      ],
    },
  ]);
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "survey_defined", template: defined[0] });

  const id = ws.sendSurvey({ customer: duc, kind: "custom", template: "visit", channel: "email" }, { at: at(10) });
  const sent = ws.survey(id);
  assert.deepEqual([sent.kind, sent.template, sent.link, sent.agent], ["custom", defined[0], null, null]);
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload.template, defined[0]);

  // Bad answers: each names its question (keys kept as written), nothing changes.
  const bad = [
    [{ answers: { overall: 6 } }, "answers.overall"],
    [{ answers: { overall: "good" } }, "answers.overall"],
    [{ answers: { liked: ["staff"] } }, "answers.overall"],
    [{ answers: { overall: 4, liked: ["staff", "wifi"] } }, "answers.liked"],
    [{ answers: { overall: 4, liked: [] } }, "answers.liked"],
    [{ answers: { overall: 4, came_by: ["car", "bike"] } }, "answers.came_by"],
    [{ answers: { overall: 4, came_by: "plane" } }, "answers.came_by"],
    [{ answers: { overall: 4, note: 3 } }, "answers.note"],
    [{ answers: { overall: 4, nope: "x" } }, "answers"],
    [{ answers: { overall: 4.5 } }, "answers.overall"],
    [{ score: 4 }, "score"],
  ];
  for (const [answer, field] of bad) {
    const e = refused(ws, () => ws.answerSurvey({ survey: id, ...answer }, { at: at(11) }), "invalid_input");
    assert.equal(e.details.field, field, JSON.stringify(answer));
  }

  ws.answerSurvey(
    { survey: id, answers: { overall: 4, liked: ["speed", "staff"], came_by: "bike", note: "  Cảm ơn!  " }, comment: "ok" },
    { at: at(12) },
  );
  const s = ws.survey(id);
  assert.equal(s.status, "answered");
  // The `measures: "csat"` scale is the survey's score; multiple choices come in the options' order.
  assert.equal(s.score, 4);
  assert.deepEqual(s.answers, { overall: 4, liked: ["staff", "speed"], came_by: "bike", note: "Cảm ơn!" });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, {
    type: "survey_answered",
    score: 4,
    answers: { came_by: "bike", liked: ["staff", "speed"], note: "Cảm ơn!", overall: 4 },
    comment: "ok",
    answeredAt: iso(at(12)),
    late: false,
  });
  // One option of a multiple choice becomes a list.
  const two = ws.sendSurvey({ customer: duc, kind: "custom", template: "visit", channel: "sms" }, { at: at(13) });
  ws.answerSurvey({ survey: two, answers: { overall: 2, liked: "price" } }, { at: at(14) });
  assert.deepEqual(ws.survey(two).answers, { overall: 2, liked: ["price"] });

  // A survey without a measured scale has no score.
  ws.defineSurvey({ key: "Ý kiến", questions: [{ key: "Điều gì?", text: "Bạn thích gì?", kind: "text", required: true }] }, { at: at(15) });
  const vi = ws.sendSurvey({ customer: duc, kind: "custom", template: "Ý kiến", channel: "email" }, { at: at(16) });
  ws.answerSurvey({ survey: vi, answers: { "Điều gì?": "Nhân viên" } }, { at: at(17) });
  assert.deepEqual([ws.survey(vi).score, ws.survey(vi).answers], [null, { "Điều gì?": "Nhân viên" }]);
  assert.deepEqual(ws.surveyTemplates().map((t) => t.key), ["visit", "Ý kiến"]);

  // Replacing a template leaves sent surveys as they were.
  ws.defineSurvey({ key: "visit", questions: [{ key: "nps", text: "Recommend us?", kind: "scale", min: 0, max: 10, measures: "nps" }] }, { at: at(18) });
  assert.deepEqual(ws.survey(id).template, defined[0]);
  ws.removeSurvey("visit", { at: at(19) });
  assert.deepEqual(ws.events(ws.seq - 1)[0].payload, { type: "survey_removed", key: "visit" });
  assert.deepEqual(ws.surveyTemplates().map((t) => t.key), ["Ý kiến"]);
  assert.deepEqual(ws.survey(id).template, defined[0]);
  throwsCode(() => ws.removeSurvey("visit"), "not_found");
  throwsCode(() => ws.removeSurvey(3), "invalid_input", { field: "key" });
  refused(ws, () => ws.sendSurvey({ customer: duc, kind: "custom", template: "visit", channel: "email" }, { at: at(20) }), "not_found");

  // Listing with filters.
  assert.deepEqual(ws.surveys().map((x) => x.id), [id, two, vi]);
  assert.deepEqual(ws.surveys({ customer: duc, kinds: ["custom"], statuses: ["answered"], sentFrom: at(13), sentTo: "2026-11-02T09:16:00Z" }).map((x) => x.id), [two]);
  assert.deepEqual(ws.surveys({ customer: mai }), []);
  assert.deepEqual(ws.surveys({ statuses: ["sent"] }), []);
  throwsCode(() => ws.surveys({ customer: UNKNOWN_ID }), "not_found");
  throwsCode(() => ws.surveys({ statuses: ["open"] }), "invalid_input", { field: "statuses[0]" });
  throwsCode(() => ws.surveys({ kind: "csat" }), "invalid_input", { field: "kind" });
  assertReplays(ws);
});

test("defining a survey: bad templates are refused and change nothing", () => {
  const { ws } = fx();
  const q = (extra) => ({ key: "q", text: "Q?", kind: "scale", min: 1, max: 5, ...extra });
  const cases = [
    [{ key: "csat", questions: [q()] }, "key"],
    [{ key: "x", questions: [] }, "questions"],
    [{ key: "x", questions: [q(), q()] }, "questions[1].key"],
    [{ key: "x", questions: [q({ min: 5, max: 1 })] }, "questions[0].max"],
    [{ key: "x", questions: [q({ measures: "nps" })] }, "questions[0].measures"],
    [{ key: "x", questions: [q({ measures: "csat" }), q({ key: "r", measures: "csat" })] }, "questions"],
    [{ key: "x", questions: [{ key: "c", text: "C?", kind: "choice", options: ["a"] }] }, "questions[0].options"],
    [{ key: "x", questions: [{ key: "c", text: "C?", kind: "choice", options: ["a", "a"] }] }, "questions[0].options"],
    [{ key: "x", questions: [{ key: "t", text: "  ", kind: "text" }] }, "questions[0].text"],
  ];
  for (const [template, field] of cases) {
    const e = refused(ws, () => ws.defineSurvey(template, { at: at(3) }), "invalid_input");
    assert.equal(e.details.field, field, JSON.stringify(template));
  }
  // Shape errors.
  refused(ws, () => ws.defineSurvey({ key: "x", questions: [{ key: "t", text: "T?", kind: "stars" }] }), "invalid_input");
  refused(ws, () => ws.defineSurvey({ key: "x", questions: [{ key: "t", text: "T?" }] }), "invalid_input");
  refused(ws, () => ws.defineSurvey({ key: "x", questions: [q({ bogus: 1 })] }), "invalid_input");
  refused(ws, () => ws.defineSurvey({ key: "x", questions: [q()], extra: true }), "invalid_input");
  refused(ws, () => ws.defineSurvey("x"), "invalid_input");
  assert.deepEqual(ws.surveyTemplates(), []);
});

test("csatOnResolve: resolving a complaint sends a CSAT survey on its channel to a consenting customer", () => {
  const { ws, agent, duc, mai } = fx();
  const complaint = (customer, channel, minute) =>
    ws.openComplaint({ customer, channel, subject: "Giao hàng trễ", assignee: agent }, { at: at(minute) });
  // Off by default.
  const first = complaint(duc, "email", 10);
  ws.resolveComplaint({ complaint: first, category: "explained" }, { at: at(20) });
  assert.deepEqual(ws.surveys(), []);

  ws.configureFeedback({ csatOnResolve: true, responseDays: 5 }, { at: at(21) });
  const second = complaint(duc, "email", 30);
  const before = ws.seq;
  ws.resolveComplaint({ complaint: second, category: "refunded" }, { at: at(40) });
  assert.deepEqual(ws.events(before).map((e) => e.payload.type), ["complaint_resolved", "survey_sent"]);
  const [s] = ws.surveys();
  assert.deepEqual(
    [s.customer, s.kind, s.channel, s.link, s.agent, s.sentAt, s.expiresAt, s.status],
    [duc, "csat", "email", { kind: "complaint", id: second }, agent, iso(at(40)), iso(at(40 + 5 * DAY)), "sent"],
  );
  assert.deepEqual(ws.surveys({ link: { kind: "complaint", id: second } }).map((x) => x.id), [s.id]);
  assert.deepEqual(ws.surveys({ link: { kind: "purchase", id: second } }), []);
  ws.answerSurvey({ survey: s.id, score: 5 }, { at: at(50) });

  // No consent on the complaint's channel: resolved, no survey.
  const byPhone = complaint(duc, "phone", 60);
  ws.resolveComplaint({ complaint: byPhone, category: "explained" }, { at: at(70) });
  const noConsent = complaint(mai, "email", 60);
  ws.resolveComplaint({ complaint: noConsent, category: "explained" }, { at: at(70) });
  assert.equal(ws.surveys().length, 1);
  assert.equal(ws.complaint(noConsent).state, "resolved");
  assertReplays(ws);
});

test("a playbook survey step sends its survey when its follow-up is completed", () => {
  const { ws, agent, duc, mai } = fx();
  ws.recordConsent({ customer: duc, channel: "email", purpose: "service", granted: true, source: "web form" }, { at: at(2) });
  ws.defineSurvey(visit(), { at: at(3) });
  const step = (kind, subject, offsetDays, channel, purpose, survey) => ({ kind, subject, offsetDays, channel, purpose, survey });
  ws.definePlaybook(
    {
      key: "after-sale",
      steps: [
        step("thank_you", "Thư cảm ơn", 0, "email", "service"),
        step("survey", "Khảo sát NPS", 7, "sms", "feedback", "nps"),
        step("survey", "Khảo sát sau thăm", 14, "sms", "feedback", "visit"),
      ],
      team: "care",
    },
    { at: at(4) },
  );
  const pb = ws.playbooks()[0];
  assert.deepEqual(pb.steps.map((s) => s.survey ?? null), [null, "nps", "visit"]);
  // Only survey steps send surveys, and only known ones.
  let e = refused(ws, () => ws.definePlaybook({ key: "x", steps: [step("gift", "Quà", 0, "email", "service", "csat")] }), "invalid_input");
  assert.equal(e.details.field, "steps[0].survey");
  e = refused(ws, () => ws.definePlaybook({ key: "x", steps: [step("survey", "KS", 0, "email", "feedback", "nope")] }), "invalid_input");
  assert.equal(e.details.field, "steps[0].survey");
  // The playbook's survey cannot be removed.
  e = refused(ws, () => ws.removeSurvey("visit", { at: at(5) }), "conflict");
  assert.deepEqual([e.details.holderEntity, e.details.holder], ["playbook", "after-sale"]);

  ws.recordPurchase({ customer: duc, channel: "in_person", description: "Bàn", amount: vnd(2_000_000) }, { at: at(60) });
  ws.recordPurchase({ customer: duc, channel: "web", description: "Ghế", amount: vnd(500_000) }, { at: at(61) });
  const [run, other] = ws.playbookRunsOf(duc);
  assert.deepEqual(run.steps.map((s) => s.survey ?? null), [null, "nps", "visit"]);
  const fus = run.steps.map((s) => s.followUp);
  assert.ok(fus.every((f) => typeof f === "string"));

  // Completing a non-survey step sends nothing; the NPS step sends an NPS survey on SMS.
  ws.completeFollowUp({ followUp: fus[0] }, { at: at(70) });
  assert.deepEqual(ws.surveys(), []);
  ws.reassignFollowUp({ followUp: fus[1], assignee: agent }, { at: at(71) });
  const before = ws.seq;
  ws.completeFollowUp({ followUp: fus[1], outcome: "đã gửi" }, { at: at(7 * DAY + 60) });
  assert.deepEqual(ws.events(before).map((x) => x.payload.type), ["follow_up_completed", "survey_sent"]);
  const [nps] = ws.surveys();
  assert.deepEqual(
    [nps.customer, nps.kind, nps.channel, nps.link, nps.agent],
    [duc, "nps", "sms", { kind: "playbook_step", run: run.id, step: 1 }, agent],
  );
  ws.completeFollowUp({ followUp: fus[2] }, { at: at(14 * DAY + 60) });
  const custom = ws.surveys({ kinds: ["custom"] });
  assert.equal(custom.length, 1);
  assert.deepEqual(
    [custom[0].template.key, custom[0].channel, custom[0].link],
    ["visit", "sms", { kind: "playbook_step", run: run.id, step: 2 }],
  );
  ws.answerSurvey({ survey: custom[0].id, answers: { overall: 5 } }, { at: at(14 * DAY + 61) });
  assert.equal(ws.survey(custom[0].id).score, 5);
  // While a run is going, its custom survey cannot be removed, even once the playbook is.
  ws.removePlaybook("after-sale", { at: at(14 * DAY + 62) });
  e = refused(ws, () => ws.removeSurvey("visit", { at: at(14 * DAY + 63) }), "conflict");
  assert.equal(e.details.holderEntity, "playbook_run");
  // (`other`, whose survey step is still open: `run`'s is done.)
  assert.equal(e.details.holder, other.id);

  // A customer without feedback consent: the survey step is skipped (no follow-up), no survey.
  ws.definePlaybook({ key: "again", steps: [step("survey", "KS", 0, "email", "feedback", "csat")] }, { at: at(15 * DAY) });
  ws.recordPurchase({ customer: mai, channel: "web", description: "Ghế", amount: vnd(1) }, { at: at(15 * DAY + 1) });
  const [maiRun] = ws.playbookRunsOf(mai);
  assert.equal(maiRun.steps[0].followUp, undefined);
  assert.match(maiRun.steps[0].skipped, /feedback/);
  assert.equal(ws.surveys({ customer: mai }).length, 0);
  assertReplays(ws);
});

test("every feedback command through execute; the outcome names the new survey", () => {
  const { ws, duc } = fx();
  assert.deepEqual(ws.execute({ type: "configure_feedback", csatOnResolve: true }, { at: at(3) }), { created: null, firstSeq: ws.seq, events: 1 });
  ws.execute({ type: "define_survey", ...visit() }, { at: at(4) });
  const out = ws.execute({ type: "send_survey", customer: duc, kind: "custom", template: "visit", channel: "email" }, { at: at(5) });
  assert.equal(out.created.kind, "survey");
  assert.equal(ws.survey(out.created.id).kind, "custom");
  ws.execute({ type: "answer_survey", survey: out.created.id, answers: { overall: 3, came_by: "car" } }, { at: at(6) });
  assert.deepEqual(ws.survey(out.created.id).answers, { overall: 3, came_by: "car" });
  throwsCode(() => ws.execute({ type: "answer_survey", survey: out.created.id, score: 1 }), "invalid_transition");
  throwsCode(() => ws.execute({ type: "send_survey", customer: duc, kind: "nps" }), "invalid_input", { field: "channel" });
  // A sent survey keeps its questions when its template is removed.
  ws.execute({ type: "remove_survey", key: "visit" }, { at: at(8) });
  assert.deepEqual(ws.surveyTemplates(), []);
  assert.equal(ws.survey(out.created.id).template.key, "visit");
  assertReplays(ws);
});

test(
  "a playbook survey step goes out on the step's channel even after the playbook was removed",
  () => {
    const { ws, duc } = fx();
    ws.definePlaybook({ key: "p", steps: [{ kind: "survey", subject: "KS", offsetDays: 1, channel: "sms", purpose: "feedback", survey: "nps" }] }, { at: at(3) });
    ws.recordPurchase({ customer: duc, channel: "web", description: "Ghế", amount: vnd(1) }, { at: at(4) });
    const [run] = ws.playbookRunsOf(duc);
    ws.removePlaybook("p", { at: at(5) });
    ws.completeFollowUp({ followUp: run.steps[0].followUp }, { at: at(DAY + 5) });
    const [s] = ws.surveys();
    assert.deepEqual([s.kind, s.channel], ["nps", "sms"]);
  },
);

test(
  "a finished run no longer holds its custom survey",
  () => {
    const { ws, duc } = fx();
    ws.defineSurvey(visit(), { at: at(3) });
    ws.definePlaybook({ key: "p", steps: [{ kind: "survey", subject: "KS", offsetDays: 1, channel: "sms", purpose: "feedback", survey: "visit" }] }, { at: at(3) });
    ws.recordPurchase({ customer: duc, channel: "web", description: "Ghế", amount: vnd(1) }, { at: at(4) });
    const [run] = ws.playbookRunsOf(duc);
    ws.completeFollowUp({ followUp: run.steps[0].followUp }, { at: at(DAY + 5) });
    assert.equal(ws.playbookProgress(run.id).status, "completed");
    ws.removePlaybook("p", { at: at(DAY + 6) });
    ws.removeSurvey("visit", { at: at(DAY + 7) });
    assert.deepEqual(ws.surveyTemplates(), []);
  },
);
