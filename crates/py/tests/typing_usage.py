"""Typed usage of the public API, checked by mypy --strict against the stubs.

Lines marked ``# type: ignore[...]`` must be errors: with
``--warn-unused-ignores`` mypy fails if the stubs ever become too loose.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import clientcare
from clientcare import (
    Agenda,
    Board,
    CalendarSpec,
    Complaint,
    ComplaintPage,
    Customer,
    CustomerPage,
    FollowUp,
    Interaction,
    MetricStatus,
    Opportunity,
    PlaybookRun,
    PlaybookStep,
    Purchase,
    RecurrenceSpec,
    Referral,
    RunProgress,
    SearchHit,
    SlaAlert,
    SlaPolicy,
    SlaStatus,
    TimelinePage,
)

at = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
ws: clientcare.Workspace = clientcare.Workspace(default_region="VN", seed=42, at=at)
mai: str = ws.register_agent("Mai", team="care", at=at)
ws.update_agent(mai, team=None, at=at)
duc: str = ws.register_customer(
    "Nguyễn Văn Đức",
    kind="person",
    emails=["duc@example.vn"],
    phones=("0901234567",),
    contacts=[{"kind": "social", "network": "zalo", "handle": "duc"}],
    preferred_channel="social",
    tags=["vip"],
    attributes={"orders": 3, "since": date(2020, 1, 1), "credit": {"amount_minor": 10, "currency": "VND"}},
    owner=mai,
    lifecycle="lead",
    at=at,
    actor=mai,
)
ws.update_customer(duc, display_name=None, attributes={"orders": None, "vip": True}, at=at)
ws.record_consent(duc, channel="email", purpose="marketing", granted=True, source="web", at=at)
granted: bool = ws.has_consent(duc, "email", "marketing")
ws.change_lifecycle(duc, "customer", reason="bought", at=at)
iid: str = ws.log_interaction(duc, "social", network="zalo", direction="outbound", at=at)

c: Customer = ws.customer(duc)
full: str = c["names"]["full"]
created: datetime = c["created_at"]
stage: clientcare.Lifecycle = c["lifecycle"]
page: CustomerPage = ws.list_customers(tag="vip", archived=None, limit=10)
nxt: str | None = page["next"]
found: clientcare.SearchResults = ws.search_customers(
    "nguyen van duc", kind="person", include_archived=True, offset=0, limit=5, typos=False
)
hits: list[SearchHit] = found["hits"]
score: int = hits[0]["score"]
matched: list[clientcare.MatchedField] = hits[0]["matched"]
search_total: int = found["total"]
next_offset: int | None = found["next_offset"]
inter: Interaction = ws.interaction(iid)
when: datetime = inter["occurred_at"]
tl: TimelinePage = ws.timeline(duc, limit=5)
cursor: int | None = tl["next"]
bulk = ws.register_customers([{"full_name": "A"}], at=at)
first: str | None = bulk["ids"][0]
out = ws.execute({"type": "tag_customer", "customer": duc, "tags": ["x"]}, at=at)
n_events: int = out["events"]
log: str = ws.export_log()
copy: clientcare.Workspace = clientcare.Workspace.import_log(log, seed=1)
same: bool = copy == ws
size: int = len(ws)
seq: int = ws.seq
seq_events: list[clientcare.Event] = ws.events(since=seq - 1)

# complaints
k: str = ws.open_complaint(
    duc,
    "phone",
    "Giao hàng trễ",
    description="Đơn #123",
    category="delivery",
    priority="high",
    assignee=mai,
    team="care",
    tags=["giao-hang"],
    interactions=[iid],
    received_at=at,
    at=at,
    actor=mai,
)
ws.update_complaint(k, description=None, priority="urgent", tags=("a", "b"), at=at)
ws.assign_complaint(k, assignee=None, team="care", at=at)
ws.change_complaint_state(k, "in_progress", reason="checking", at=at)
ws.respond_to_complaint(k, "Dạ", agent=mai, channel="phone", public=True, automated=False, at=at)
ws.add_customer_message(k, "Vâng", channel="sms", occurred_at=at, interaction=iid, at=at)
ws.link_interaction(k, iid, at=at)
ws.escalate_complaint(k, "gấp", level=2, reassign_to=mai, team="supervisors", at=at)
ws.resolve_complaint(
    k,
    "refunded",
    note="Hoàn tiền",
    compensation=[{"kind": "refund", "value": {"amount_minor": 150000, "currency": "VND"}, "note": "x"}],
    at=at,
)
ws.reopen_complaint(k, reason="again", at=at)
ws.cancel_complaint(k, "duplicate", note="dup", at=at)
k2 = ws.open_complaint(duc, "email", "x", at=at)
ws.merge_complaint(k2, ws.open_complaint(duc, "email", "y", at=at), at=at)
ws.close_complaint(k2, at=at)
comp: Complaint = ws.complaint(k)
state: clientcare.ComplaintState = comp["state"]
received: datetime = comp["received_at"]
first_at: datetime | None = comp["first_response_at"]
paid: int = comp["resolutions"][0]["compensation"][0]["value"]["amount_minor"]
cancelled = comp["cancelled"]
reason: clientcare.CancelReason | None = cancelled["reason"] if cancelled is not None else None
mine: list[Complaint] = ws.complaints_of(duc)
history: list[clientcare.Event] = ws.complaint_history(k)
queue: ComplaintPage = ws.list_complaints(
    states=["new", "open"],
    assignee=mai,
    unassigned=False,
    team="care",
    priorities="urgent",
    category="delivery",
    customer=duc,
    received_before=at,
    received_after=at,
    sort="priority",
    after=None,
    limit=20,
)
queue_next: str | None = queue["next"]

# service levels
ws.configure_complaints(reopen_window_hours=48, auto_close_after_hours=72, at=at)
window: int = ws.complaint_settings()["reopen_window_hours"]
office: CalendarSpec = {
    "time_zone": "Asia/Ho_Chi_Minh",
    "week": [{"day": "mon", "windows": [{"start": "08:00", "end": "12:00"}]}],
    "holidays": [{"date": date(2027, 2, 5), "until": "2027-02-11", "name": "Tết"}],
}
ws.define_calendar("hcmc", office, at=at)
ws.define_calendar("24x7", {"time_zone": "UTC", "always_open": True}, at=at)
back: CalendarSpec = ws.calendar("hcmc")
keys: list[str] = ws.calendar_keys()
ws.define_sla_policy(
    "std",
    "hcmc",
    targets={"first_response_minutes": 60, "resolution_minutes": 480},
    conditions={"priorities": ["urgent"], "channels": ["phone"], "tags": ["vip"]},
    precedence=1,
    warn_before_minutes=15,
    pause_states=["waiting_on_customer"],
    resolution_mode="first",
    escalations=[{"on": "breach", "metric": "first_response", "level": 1, "notify": "lead@shop.vn"}],
    name="Standard",
    at=at,
)
policies: list[SlaPolicy] = ws.sla_policies()
applies: SlaPolicy | None = ws.sla_policy_for(k)
n_ticked: int = ws.tick(at=at)
status: SlaStatus = ws.sla_status(k, now=at)
metric: MetricStatus = ws.explain_sla(k)["metrics"][0]
deadline: datetime | None = metric["deadline"]
left: int = metric["remaining_seconds"]
all_statuses: list[SlaStatus] = ws.sla_statuses(now=at)
risky: list[SlaAlert] = ws.complaints_at_risk(now=at)
late: list[SlaAlert] = ws.complaints_breached()
worked: timedelta = ws.business_time_between("hcmc", at, at)
due: datetime = ws.add_business_time("hcmc", at, timedelta(hours=2))
ws.remove_sla_policy("std", at=at)
ws.remove_calendar("hcmc", at=at)

# pipelines, opportunities, purchases, loyalty, referrals
vnd: clientcare.Money = {"amount_minor": 20_000_000, "currency": "VND"}
ws.define_pipeline(
    "b2b",
    [{"key": "lead", "probability": 10, "rot_days": 7}, {"key": "won", "probability": 100, "kind": "won"},
     {"key": "lost", "probability": 0, "kind": "lost", "name": "Mất"}],
    ["price"],
    name="B2B",
    at=at,
)
stages: list[clientcare.Stage] = ws.pipeline("sales")["stages"]
opp: str = ws.open_opportunity(
    duc,
    "Văn phòng",
    vnd,
    pipeline="b2b",
    expected_close=date(2026, 12, 1),
    source={"channel": "web", "campaign": "tet", "referred_by": duc},
    owner=mai,
    stage="lead",
    at=at,
)
ws.update_opportunity(opp, title="x", value=vnd, expected_close=None, owner=None, at=at)
ws.move_opportunity(opp, "won", note="ok", purchase={"items": [{"name": "Bàn", "unit_price": vnd}], "channel": "web"}, at=at)
ws.move_opportunity(opp, "lead", at=at)
ws.move_opportunity(opp, "lost", lost_reason="price", at=at)
o: Opportunity = ws.opportunity(opp)
o_status: clientcare.StageKind = o["status"]
o_close: date | None = o["expected_close"]
o_history: list[clientcare.Event] = ws.opportunity_history(opp)
o_all: list[Opportunity] = ws.opportunities_of(duc) + ws.open_deals(mai) + ws.rotting_opportunities(now=at)
board: Board = ws.pipeline_board()
forecast: list[clientcare.Money] = board["forecast"]
weighted: int = ws.pipeline_board("b2b")["columns"][0]["weighted"][0]["amount_minor"]
pid: str = ws.record_purchase(
    duc,
    "in_person",
    items=[{"name": "Ghế", "category": "furniture", "quantity": 2, "unit_price": vnd}],
    description="Ghế",
    amount={"amount_minor": 40_000_000, "currency": "VND"},
    occurred_at=at,
    at=at,
)
purchase: Purchase = ws.purchase(pid)
bought: datetime = purchase["occurred_at"]
purchases: list[Purchase] = ws.purchases_of(duc)
ws.configure_loyalty(
    loyal_after_purchases=3,
    tier_rules=[{"tier": "vàng", "min_spend": vnd}, {"tier": "bạc", "min_purchases": 2}],
    window_days=365,
    at=at,
)
window_days: int = ws.loyalty()["window_days"]
friend: str = ws.register_customer("Mai", at=at)
rid: str = ws.record_referral(duc, friend, note="bạn", at=at)
ws.reward_referral(rid, {"kind": "voucher", "value": vnd}, at=at)
ref: Referral = ws.referral(rid)
ref_status: clientcare.ReferralStatus = ref["status"]
refs: list[Referral] = ws.referrals_by(duc)
brought: Referral | None = ws.referral_of(friend)

# follow-ups
recurrence: RecurrenceSpec = {
    "start": datetime(2026, 11, 1, 10, 0),
    "time_zone": "Asia/Ho_Chi_Minh",
    "rule": {"freq": "monthly", "by_day": ["-1fr"], "until": date(2027, 12, 31), "week_start": "mo"},
    "dates": [date(2027, 2, 6), "2028-01-26T10:00:00"],
    "exdates": [datetime(2027, 5, 28, 10, 0)],
}
zoned: RecurrenceSpec = {"start": datetime(2026, 11, 2, 9, tzinfo=ZoneInfo("Europe/Berlin")), "rule": "FREQ=WEEKLY"}
fid: str = ws.schedule_follow_up(
    "Thăm khách",
    "visit",
    customer=duc,
    recurrence=recurrence,
    assignee=mai,
    team="care",
    priority="high",
    links={"opportunity": opp},
    at=at,
)
day_task: str = ws.schedule_follow_up("Sinh nhật", "gift", due_date=date(2026, 11, 5), time_zone="Asia/Ho_Chi_Minh")
ws.snooze_follow_up(fid, at + timedelta(days=30), at=at)
ws.reassign_follow_up(fid, assignee=None, team="care", at=at)
ws.complete_follow_up(fid, outcome="ok", at=at)
ws.cancel_follow_up(day_task, "không cần", skip_only=False, at=at)
fu: FollowUp = ws.follow_up(fid)
fu_due: datetime = fu["due_at"]
fu_kind: clientcare.FollowUpKind = fu["kind"]
fu_rec: RecurrenceSpec | None = fu["recurrence"]
fus: list[FollowUp] = ws.follow_ups_of(duc)
agenda: Agenda = ws.agenda(mai, now=at, within=timedelta(days=7), limit=20)
overdue: list[FollowUp] = agenda["overdue"]
cut: bool = ws.team_agenda("care", now=at)["truncated"]
when_list: list[datetime] = clientcare.occurrences(zoned, since=at, before=at + timedelta(days=60), limit=5)
rule: clientcare.RuleSpec = clientcare.parse_rrule("FREQ=MONTHLY;BYDAY=-1FR")
freq: clientcare.Frequency = rule["freq"]

# after-sales playbooks
step: PlaybookStep = {"kind": "survey", "subject": "Khảo sát", "offset_days": 7, "channel": "sms", "purpose": "feedback"}
ws.define_playbook(
    "after-sale",
    [step, {"kind": "thank_you", "subject": "Cảm ơn", "offset_days": 2, "business_days": True, "channel": "email"}],
    name="Sau bán",
    conditions={"tiers": ["vàng"], "categories": ["furniture"], "min_value": vnd},
    calendar="24x7",
    team="care",
    at=at,
)
books: list[clientcare.Playbook] = ws.playbooks()
runs: list[PlaybookRun] = ws.playbook_runs_of(duc)
if runs:
    run: PlaybookRun = ws.playbook_run(runs[0]["id"])
    ended = run["ended"]
    ended_status: clientcare.RunStatus | None = ended["status"] if ended is not None else None
    progress: RunProgress = ws.playbook_progress(run["id"])
    step_status: clientcare.StepStatus = progress["steps"][0]["status"]
    step_due: datetime | None = progress["steps"][0]["due_at"]
    ws.cancel_playbook_run(run["id"], "x", at=at)
ws.remove_playbook("after-sale", at=at)

# feedback surveys
ws.record_consent(duc, channel="email", purpose="feedback", granted=True, source="web", at=at)
ws.configure_feedback(csat_on_resolve=True, response_days=7, at=at)
fb: clientcare.FeedbackSettings = ws.feedback_settings()
fb_days: int = fb["response_days"]
questions: list[clientcare.Question] = [
    {"key": "overall", "text": "Hài lòng?", "kind": "scale", "min": 1, "max": 5, "measures": "csat", "required": True},
    {"key": "liked", "text": "Thích gì?", "kind": "choice", "options": ["staff", "price"], "multiple": True},
    {"key": "note", "text": "Góp ý?", "kind": "text"},
]
ws.define_survey("visit", questions, title="Sau chuyến thăm", at=at)
templates: list[clientcare.SurveyTemplate] = ws.survey_templates()
first_q: clientcare.Question = templates[0]["questions"][0]
sid: str = ws.send_survey(
    duc, "custom", "email", template="visit", link={"kind": "purchase", "id": pid}, agent=mai,
    response_days=3, id=None, at=at, actor=mai,
)
csat_id: str = ws.send_survey(duc, "csat", "email", link={"kind": "playbook_step", "run": rid, "step": 0})
ws.answer_survey(sid, answers={"overall": 4, "liked": ["staff"], "note": "ổn"}, comment="x", answered_at=at, at=at)
ws.answer_survey(csat_id, score=5)
sv: clientcare.Survey = ws.survey(sid)
sv_status: clientcare.SurveyStatus = sv["status"]
sv_kind: clientcare.SurveyKind = sv["kind"]
sv_score: int | None = sv["score"]
sv_answer: clientcare.AnswerValue = sv["answers"]["liked"]
sv_link: clientcare.SurveyLink | None = sv["link"]
sv_answered: datetime | None = sv["answered_at"]
svs: list[clientcare.Survey] = ws.surveys(
    customer=duc, kinds=["csat", "nps"], statuses="answered", sent_from=at, sent_to=at + timedelta(days=1)
)
ws.remove_survey("visit", at=at)

# KPIs
names: tuple[clientcare.KpiName, ...] = clientcare.KPI_NAMES
kpi_rows: list[clientcare.KpiRow] = ws.kpi(
    "csat", from_=at, to=at + timedelta(days=7), group_by="agent", time_zone="Asia/Ho_Chi_Minh",
    active_days=30, backlog_at=at, cohort_months=6,
)
kpi_value: float | None = kpi_rows[0]["value"]
kpi_n: int = kpi_rows[0]["sample_size"]
for kpi_name in clientcare.KPI_NAMES:
    ws.kpi(kpi_name, from_=at, to=at + timedelta(days=7))
dash: clientcare.Dashboard = ws.dashboard(from_=at, to=at + timedelta(days=7), time_zone="UTC")
dash_from: datetime = dash["from"]
dash_rows: list[clientcare.KpiRow] = dash["rows"]

# identity: merge, erasure, contact checks, export
dup: str = ws.register_customer("Duc Nguyen", at=at)
rules: clientcare.Survivorship = {"default": "most_recent", "names": "most_complete"}
ws.merge_customers(duc, [dup], rules=rules, reason="same person", at=at, actor=mai)
ws.merge_customers(duc, dup, at=at)
survivor_id: str = ws.resolve_customer(dup)
merged_into: str | None = ws.customer(dup)["merged_into"]
erased_at: datetime | None = ws.customer(dup)["erased_at"]
ws.unmerge_customers(dup, at=at)
decision: clientcare.ContactDecision = ws.may_contact(duc, "email", "marketing", at)
allowed: bool = decision["allowed"]
contact_reason: clientcare.ContactReason = decision["reason"]
decided_by: clientcare.Consent | None = ws.may_contact(duc, "sms", "service")["consent"]
export: clientcare.CustomerExport = ws.export_customer(duc)
export_version: int = export["version"]
export_events: list[clientcare.Event] = export["events"]
ws.erase_customer(dup, at=at)
erased_text: str = clientcare.ERASED

# identity: duplicates
dup_rules: clientcare.DuplicateRules = {"threshold": 0.9, "name_metric": "levenshtein", "max_block": 10}
draft: clientcare.CustomerDraft = {"full_name": "Nguyen Van Duc", "phones": ["0901234567"], "given_name": None}
dups: list[clientcare.DuplicateMatch] = ws.check_duplicates(draft, dup_rules)
ws.check_duplicates({"full_name": "X", "emails": "x@example.vn", "kind": "organization"})
for m in ws.duplicates_of(duc, rules={"include_archived": True}):
    dup_score: float = m["score"]
    for r in m["reasons"]:
        if r["rule"] == "name":
            similarity: float = r["similarity"]
        elif r["rule"] == "organization":
            org_id: str = r["organization"]
        else:
            value: str = r["value"]
pair: clientcare.DuplicateMatch = ws.compare_customers(duc, dup)


def on_progress(p: clientcare.ScanProgress) -> bool:
    phase: clientcare.ScanPhase = p["phase"]
    return p["done"] < p["total"] or phase != "comparing"


report: clientcare.DuplicateReport = ws.scan_duplicates(dup_rules, progress=on_progress)
ws.scan_duplicates(progress=lambda p: None)
first_pair: clientcare.DuplicatePair = report["pairs"][0]
pair_a: str = first_pair["a"]
scan_cancelled: bool = report["cancelled"]
comparisons: int = report["comparisons"]

try:
    ws.register_customer("X", at=at)
except clientcare.ConflictError as e:
    code: str = e.code
    holder: object = e.details["holder"]
except clientcare.Error as e:
    print(e.code)

# Each of these must be a type error.
ws.log_interaction(duc, "fax", at=at)  # type: ignore[arg-type]
ws.change_lifecycle(duc, "vip")  # type: ignore[arg-type]
ws.register_customer("X", kind="robot")  # type: ignore[arg-type]
ws.register_customer(42)  # type: ignore[arg-type]
ws.register_customer("X", at="2026-11-02")  # type: ignore[arg-type]
ws.record_consent(duc, channel="email", purpose="spam", granted=True, source="x")  # type: ignore[arg-type]
ws.list_customers(limit="10")  # type: ignore[arg-type]
ws.customer(duc)["no_such_key"]  # type: ignore[typeddict-item]
ws.register_customer("X", colour="red")  # type: ignore[call-arg]
ws.open_complaint(duc, "phone", "x", priority="asap")  # type: ignore[arg-type]
ws.change_complaint_state(k, "done")  # type: ignore[arg-type]
ws.cancel_complaint(k, "bored")  # type: ignore[arg-type]
ws.list_complaints(sort="random")  # type: ignore[arg-type]
ws.add_business_time("hcmc", at, 7200)  # type: ignore[arg-type]
ws.sla_status(k, now="2026-11-02")  # type: ignore[arg-type]
ws.define_sla_policy("p", "24x7", targets={"resolution_minute": 5})  # type: ignore[typeddict-unknown-key]
ws.define_sla_policy("p", "24x7")  # type: ignore[call-arg]
ws.resolve_complaint(k, "x", compensation=[{"kind": "cash", "value": {"amount_minor": 1, "currency": "VND"}}])  # type: ignore[typeddict-item]
ws.complaint(k)["no_such_key"]  # type: ignore[typeddict-item]
ws.open_opportunity(duc, "x", 1000)  # type: ignore[arg-type]
ws.open_opportunity(duc, "x", {"amount_minor": 1})  # type: ignore[typeddict-item]
ws.move_opportunity(opp, "won", purchase={"channel": "fax"})  # type: ignore[arg-type]
ws.schedule_follow_up("x", "fax")  # type: ignore[arg-type]
ws.schedule_follow_up("x", "call", recurrence={"rule": "FREQ=DAILY"})  # type: ignore[arg-type]
ws.agenda(mai, within=3600)  # type: ignore[arg-type]
ws.define_playbook("p", [{"kind": "party", "subject": "x", "offset_days": 1, "channel": "sms"}])  # type: ignore[typeddict-item]
ws.configure_loyalty(tier_rules=[{"min_purchases": 2}])  # type: ignore[typeddict-item]
ws.follow_up(fid)["no_such_key"]  # type: ignore[typeddict-item]
clientcare.occurrences(recurrence, since="2026-11-02")  # type: ignore[arg-type]
ws.send_survey(duc, "happiness", "email")  # type: ignore[arg-type]
ws.send_survey(duc, "csat", "email", link={"kind": "ticket", "id": k})  # type: ignore[arg-type]
ws.answer_survey(sid, score="5")  # type: ignore[arg-type]
ws.answer_survey(sid, answers={"overall": 4.5})  # type: ignore[dict-item]
ws.surveys(statuses=["lost"])  # type: ignore[list-item]
ws.define_survey("s", [{"key": "q", "text": "?", "kind": "slider"}])  # type: ignore[typeddict-item]
ws.survey(sid)["no_such_key"]  # type: ignore[typeddict-item]
ws.kpi("happiness", from_=at, to=at)  # type: ignore[arg-type]
ws.kpi("csat", from_=at, to=at, group_by="planet")  # type: ignore[arg-type]
ws.kpi("csat", from_="2026-11-02", to=at)  # type: ignore[arg-type]
ws.kpi("csat", to=at)  # type: ignore[call-arg]
ws.dashboard(from_=at, to=at, group_by="agent")  # type: ignore[call-arg]
ws.merge_customers(duc, [dup], rules={"names": "newest"})  # type: ignore[arg-type]
ws.merge_customers(duc, [dup], rules={"nickname": "survivor"})  # type: ignore[arg-type]
ws.merge_customers(duc, [dup], reason=1)  # type: ignore[arg-type]
ws.may_contact(duc, "pigeon", "marketing")  # type: ignore[arg-type]
ws.may_contact(duc, "email", "marketing", at="now")  # type: ignore[arg-type]
ws.unmerge_customers(dup, reason="x")  # type: ignore[call-arg]
ws.export_customer(duc)["no_such_key"]  # type: ignore[typeddict-item]
ws.search_customers("x", 5)  # type: ignore[call-arg, arg-type]
ws.search_customers("x", kind="robot")  # type: ignore[arg-type]
ws.search_customers("x")[0]  # type: ignore[literal-required]
ws.check_duplicates({"phones": ["0901234567"]})  # type: ignore[typeddict-item]
ws.check_duplicates({"full_name": "X", "colour": "red"})  # type: ignore[typeddict-unknown-key]
ws.duplicates_of(duc, rules={"threshold": "high"})  # type: ignore[arg-type]
ws.duplicates_of(duc, rules={"name_metric": "soundex"})  # type: ignore[arg-type]
ws.scan_duplicates(progress=lambda p: "stop")  # type: ignore[arg-type,return-value]
