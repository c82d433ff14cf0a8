"""Feedback surveys: CSAT, NPS, CES and custom surveys, answers, late and
repeated answers, consent, CSAT on resolution and playbook survey steps."""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

import clientcare
from conftest import AT, raises


def at(minutes: int) -> datetime:
    return AT + timedelta(minutes=minutes)


VISIT: list[clientcare.Question] = [
    {"key": "overall", "text": "Hài lòng không?", "kind": "scale", "min": 1, "max": 5,
     "measures": "csat", "required": True},
    {"key": "liked", "text": "Thích gì?", "kind": "choice", "options": ["staff", "price", "speed"],
     "multiple": True},
    {"key": "again", "text": "Quay lại?", "kind": "choice", "options": ["yes", "no"]},
    {"key": "note", "text": "Góp ý?", "kind": "text"},
]


@dataclass
class Fx:
    ws: clientcare.Workspace
    agent: str
    duc: str
    mai: str


@pytest.fixture
def fx(ws: clientcare.Workspace) -> Fx:
    agent = ws.register_agent("Bảo", team="care", at=at(0))
    duc = ws.register_customer("Nguyễn Văn Đức", emails=["duc@x.vn"], phones=["0901234567"], at=at(0))
    mai = ws.register_customer("Trần Thị Mai", emails=["mai@x.vn"], at=at(0))
    for c in (duc, mai):
        for ch in ("email", "sms"):
            ws.record_consent(c, channel=ch, purpose="feedback", granted=True, source="form", at=at(0))
    return Fx(ws, agent, duc, mai)


def unchanged(ws: clientcare.Workspace, fn: Any, *args: Any, exc: type[clientcare.Error] = clientcare.InvalidInputError,
              **kwargs: Any) -> clientcare.Error:
    """The call raises ``exc`` and appends no event."""
    before, seq = ws.export_log(), ws.seq
    e = raises(exc, fn, *args, **kwargs)
    assert ws.seq == seq and ws.export_log() == before
    return e


@pytest.mark.parametrize(("kind", "low", "high"), [("csat", 1, 5), ("nps", 0, 10), ("ces", 1, 7)])
def test_standard_surveys_take_a_score_in_their_range(fx: Fx, kind: clientcare.SurveyKind, low: int,
                                                      high: int) -> None:
    ws = fx.ws
    s = ws.send_survey(fx.duc, kind, "email", agent=fx.agent, at=at(10))
    sv = ws.survey(s)
    assert sv["id"] == s and sv["customer"] == fx.duc and sv["kind"] == kind
    assert sv["channel"] == "email" and sv["agent"] == fx.agent and sv["link"] is None
    assert sv["status"] == "sent" and sv["score"] is None and sv["answers"] == {}
    assert sv["sent_at"] == at(10) and sv["expires_at"] == at(10) + timedelta(days=14)
    assert sv["answered_at"] is None and "template" not in sv
    assert ws.events()[-1]["entity"] == {"kind": "survey", "id": s}
    assert ws.events()[-1]["payload"]["type"] == "survey_sent"
    for bad in (low - 1, high + 1):
        e = unchanged(ws, ws.answer_survey, s, score=bad, at=at(20))
        assert e.code == "invalid_input" and e.details["field"] == "score"
        assert f"{low} to {high}" in e.details["reason"]
    e = unchanged(ws, ws.answer_survey, s, at=at(20))
    assert e.details["field"] == "score"
    e = unchanged(ws, ws.answer_survey, s, answers={"x": 1}, at=at(20))
    assert e.details["field"] == "answers"
    ws.answer_survey(s, score=high, comment="  Tốt  ", at=at(30))
    sv = ws.survey(s)
    assert (sv["status"], sv["score"], sv["comment"], sv["answered_at"]) == ("answered", high, "Tốt", at(30))
    assert ws.events()[-1]["payload"] == {
        "type": "survey_answered", "score": high, "comment": "Tốt",
        "answered_at": "2026-11-02T09:30:00Z", "late": False,
    }


def test_a_custom_survey_takes_scale_choice_and_text_answers(fx: Fx) -> None:
    ws = fx.ws
    ws.define_survey("visit", VISIT, title="Sau chuyến thăm", at=at(1))
    [t] = ws.survey_templates()
    assert t["key"] == "visit" and t["title"] == "Sau chuyến thăm"
    assert t["questions"][0] == {**VISIT[0]}
    assert t["questions"][2] == {**VISIT[2], "required": False}  # multiple only when True
    s = ws.send_survey(fx.duc, "custom", "sms", template="visit", at=at(10))
    assert ws.survey(s)["template"] == t
    ws.answer_survey(
        s, answers={"overall": 4, "liked": ["speed", "staff"], "again": "yes", "note": "  Nhân viên nhiệt tình "},
        at=at(20),
    )
    sv = ws.survey(s)
    assert sv["status"] == "answered"
    # The scale that measures csat gives the score; choices keep the template's order.
    assert sv["score"] == 4
    assert sv["answers"] == {"overall": 4, "liked": ["staff", "speed"], "again": "yes", "note": "Nhân viên nhiệt tình"}
    assert ws.surveys(kinds="custom") == [sv]


def test_custom_answers_are_checked_per_question(fx: Fx) -> None:
    ws = fx.ws
    ws.define_survey("visit", VISIT, at=at(1))
    s = ws.send_survey(fx.duc, "custom", "sms", template="visit", at=at(10))
    cases: list[tuple[dict[str, Any], str]] = [
        ({"overall": 6}, "answers.overall"),
        ({"overall": "5"}, "answers.overall"),
        ({"overall": 3, "again": "maybe"}, "answers.again"),
        ({"overall": 3, "again": ["yes", "no"]}, "answers.again"),
        ({"overall": 3, "liked": ["staff", "free wifi"]}, "answers.liked"),
        ({"overall": 3, "note": 5}, "answers.note"),
        ({"liked": ["staff"]}, "answers.overall"),
        ({"overall": 3, "colour": "red"}, "answers"),
    ]
    for answers, field in cases:
        e = unchanged(ws, ws.answer_survey, s, answers=answers, at=at(20))
        assert e.code == "invalid_input" and e.details["field"] == field, (answers, e.details)
    e = unchanged(ws, ws.answer_survey, s, score=3, answers={"overall": 3}, at=at(20))
    assert e.details["field"] == "score"
    e = unchanged(ws, ws.answer_survey, s, answers={"overall": True}, at=at(20))
    assert e.details["field"].startswith("answers")
    # A single str for a multiple choice counts as one option.
    ws.answer_survey(s, answers={"overall": 2, "liked": "price"}, at=at(20))
    assert ws.survey(s)["answers"] == {"overall": 2, "liked": ["price"]}


def test_a_second_answer_is_an_invalid_transition(fx: Fx) -> None:
    ws = fx.ws
    s = ws.send_survey(fx.duc, "nps", "email", at=at(10))
    ws.answer_survey(s, score=9, at=at(20))
    e = unchanged(ws, ws.answer_survey, s, score=3, at=at(30), exc=clientcare.InvalidTransitionError)
    assert e.code == "invalid_transition"
    assert e.details["entity"] == "survey" and e.details["id"] == s
    assert e.details["current"] == "answered" and e.details["allowed"] == []
    assert ws.survey(s)["score"] == 9


def test_a_late_answer_is_kept_as_answered_late(fx: Fx) -> None:
    ws = fx.ws
    ws.configure_feedback(response_days=3, at=at(1))
    s = ws.send_survey(fx.duc, "csat", "email", at=at(10))
    assert ws.survey(s)["expires_at"] == at(10) + timedelta(days=3)
    t = ws.send_survey(fx.duc, "csat", "email", response_days=30, at=at(10))
    assert ws.survey(t)["expires_at"] == at(10) + timedelta(days=30)
    e = unchanged(ws, ws.answer_survey, s, score=3, answered_at=at(9), at=at(20))
    assert e.details["field"] == "answered_at"
    e = unchanged(ws, ws.answer_survey, s, score=3, answered_at=datetime(2026, 11, 9, 9, 0), at=at(20))
    assert e.details["field"] == "answered_at" and "naive" in e.details["reason"]
    late = at(10) + timedelta(days=3, minutes=1)
    ws.answer_survey(s, score=3, answered_at=late, at=late + timedelta(hours=1))
    sv = ws.survey(s)
    assert sv["status"] == "answered_late" and sv["answered_at"] == late and sv["score"] == 3
    assert ws.events()[-1]["payload"]["late"] is True
    ws.answer_survey(t, score=5, at=late)
    assert ws.survey(t)["status"] == "answered"
    assert [x["id"] for x in ws.surveys(statuses="answered_late")] == [s]
    assert [x["id"] for x in ws.surveys(statuses=["answered", "sent"])] == [t]
    e = unchanged(ws, ws.answer_survey, s, score=4, at=late, exc=clientcare.InvalidTransitionError)
    assert e.details["current"] == "answered_late"


def test_sending_needs_feedback_consent_on_the_channel(fx: Fx) -> None:
    ws = fx.ws
    e = unchanged(ws, ws.send_survey, fx.duc, "csat", "phone", at=at(10))
    assert e.code == "invalid_input" and e.details["field"] == "channel"
    assert "feedback" in e.details["reason"] and "no_consent" in e.details["reason"]
    ws.record_consent(fx.duc, channel="phone", purpose="service", granted=True, source="call", at=at(11))
    unchanged(ws, ws.send_survey, fx.duc, "csat", "phone", at=at(12))
    ws.record_consent(fx.duc, channel="email", purpose="feedback", granted=False, source="unsubscribe", at=at(13))
    e = unchanged(ws, ws.send_survey, fx.duc, "csat", "email", at=at(14))
    assert e.details["field"] == "channel"
    ws.send_survey(fx.duc, "csat", "sms", at=at(15))


def test_sending_checks_its_input(fx: Fx) -> None:
    ws = fx.ws
    ws.define_survey("visit", VISIT, at=at(1))
    e = unchanged(ws, ws.send_survey, fx.duc, "custom", "email", at=at(10))
    assert e.details["field"] == "template"
    e = unchanged(ws, ws.send_survey, fx.duc, "csat", "email", template="visit", at=at(10))
    assert e.details["field"] == "template"
    unchanged(ws, ws.send_survey, fx.duc, "custom", "email", template="nope", at=at(10), exc=clientcare.NotFoundError)
    e = unchanged(ws, ws.send_survey, fx.duc, "happiness", "email", at=at(10))
    assert e.details["field"] == "kind"
    e = unchanged(ws, ws.send_survey, fx.duc, "csat", "email", response_days=0, at=at(10))
    assert e.details["field"] == "response_days"
    e = unchanged(ws, ws.send_survey, "not-an-id", "csat", "email", at=at(10))
    assert e.details["field"] == "customer"
    k = ws.open_complaint(fx.mai, "email", "Hỏng", at=at(2))
    e = unchanged(ws, ws.send_survey, fx.duc, "csat", "email", link={"kind": "complaint", "id": k}, at=at(10))
    assert e.details["field"] == "link"
    e = unchanged(ws, ws.send_survey, fx.duc, "csat", "email", link={"kind": "ticket", "id": k}, at=at(10))
    assert e.details["field"].startswith("link")
    s = ws.send_survey(fx.duc, "csat", "email", id="0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f", at=at(10))
    assert s == "0190f5c2-7b1e-7c3a-9d2e-1a2b3c4d5e6f"
    unchanged(ws, ws.send_survey, fx.duc, "csat", "email", id=s, at=at(10), exc=clientcare.ConflictError)
    ws.archive_customer(fx.mai, at=at(11))
    unchanged(ws, ws.send_survey, fx.mai, "csat", "email", at=at(12), exc=clientcare.InvalidTransitionError)
    unchanged(ws, ws.answer_survey, "0190f5c2-7b1e-7c3a-9d2e-000000000000", score=1, at=at(12),
              exc=clientcare.NotFoundError)
    raises(clientcare.NotFoundError, ws.survey, "0190f5c2-7b1e-7c3a-9d2e-000000000000")
    assert raises(clientcare.InvalidInputError, ws.survey, "x").details["field"] == "survey"


def test_a_link_attributes_the_survey_to_the_agent(fx: Fx) -> None:
    ws = fx.ws
    i = ws.log_interaction(fx.duc, "phone", agent=fx.agent, at=at(5))
    s = ws.send_survey(fx.duc, "ces", "sms", link={"kind": "interaction", "id": i}, at=at(10))
    assert ws.survey(s)["link"] == {"kind": "interaction", "id": i}
    assert ws.survey(s)["agent"] == fx.agent
    p = ws.record_purchase(fx.duc, "web", description="Bàn", amount={"amount_minor": 1, "currency": "VND"}, at=at(6))
    s = ws.send_survey(fx.duc, "nps", "sms", link={"kind": "purchase", "id": p}, at=at(10))
    assert ws.survey(s)["link"] == {"kind": "purchase", "id": p} and ws.survey(s)["agent"] is None


def test_csat_on_resolve_sends_a_survey_when_a_complaint_is_resolved(fx: Fx) -> None:
    ws = fx.ws
    k = ws.open_complaint(fx.duc, "email", "Giao hàng trễ", assignee=fx.agent, at=at(1))
    ws.resolve_complaint(k, "refunded", at=at(2))
    assert ws.surveys() == []  # off by default
    ws.reopen_complaint(k, at=at(3))
    ws.configure_feedback(csat_on_resolve=True, at=at(4))
    assert ws.feedback_settings() == {"csat_on_resolve": True, "response_days": 14}
    seq = ws.seq
    ws.resolve_complaint(k, "refunded", at=at(5))
    assert [e["payload"]["type"] for e in ws.events(since=seq)][-1] == "survey_sent"
    [sv] = ws.surveys(customer=fx.duc)
    assert sv["kind"] == "csat" and sv["channel"] == "email" and sv["agent"] == fx.agent
    assert sv["link"] == {"kind": "complaint", "id": k} and sv["sent_at"] == at(5)
    assert ws.surveys(link={"kind": "complaint", "id": k}) == [sv]
    assert ws.surveys(link={"kind": "purchase", "id": k}) == []
    # No feedback consent on the complaint's channel: resolved without a survey.
    k2 = ws.open_complaint(fx.duc, "phone", "Ồn", at=at(6))
    ws.resolve_complaint(k2, "fixed", at=at(7))
    assert len(ws.surveys()) == 1 and ws.complaint(k2)["state"] == "resolved"
    # An omitted setting keeps its current value.
    ws.configure_feedback(response_days=7, at=at(8))
    assert ws.feedback_settings() == {"csat_on_resolve": True, "response_days": 7}
    e = unchanged(ws, ws.configure_feedback, response_days=400, at=at(9))
    assert e.details["field"] == "response_days"
    seq = ws.seq
    ws.configure_feedback(response_days=7, at=at(10))
    assert ws.seq == seq  # no change, no event


def playbook_fx(fx: Fx, survey: str) -> tuple[str, str]:
    """A playbook whose survey step sends ``survey``; returns the run and the step's follow-up."""
    ws = fx.ws
    steps: list[clientcare.PlaybookStep] = [
        {"kind": "thank_you", "subject": "Cảm ơn", "offset_days": 0, "channel": "email"},
        {"kind": "survey", "subject": "Khảo sát", "offset_days": 7, "channel": "sms", "purpose": "feedback",
         "survey": survey},
    ]
    ws.define_playbook("after-sale", steps, team="care", at=at(2))
    assert ws.playbooks()[0]["steps"][1]["survey"] == survey
    assert "survey" not in ws.playbooks()[0]["steps"][0]
    ws.update_customer(fx.duc, owner=fx.agent, at=at(2))
    ws.record_purchase(fx.duc, "web", description="Tủ", amount={"amount_minor": 1, "currency": "VND"}, at=at(3))
    run = ws.playbook_runs_of(fx.duc)[0]
    planned = run["steps"][1]
    assert planned["survey"] == survey and "survey" not in run["steps"][0]
    return run["id"], planned["follow_up"]


def test_a_playbook_survey_step_sends_its_survey_when_completed(fx: Fx) -> None:
    ws = fx.ws
    run, fu = playbook_fx(fx, "nps")
    assert ws.surveys() == []
    ws.complete_follow_up(fu, outcome="đã nhắn", at=at(60))
    [sv] = ws.surveys(customer=fx.duc)
    assert sv["kind"] == "nps" and sv["channel"] == "sms" and sv["sent_at"] == at(60)
    assert sv["link"] == {"kind": "playbook_step", "run": run, "step": 1}
    assert sv["agent"] == ws.follow_up(fu)["assignee"] == fx.agent
    assert ws.playbook_progress(run)["steps"][1]["status"] == "done"


def test_a_playbook_step_can_send_a_custom_survey_which_then_cannot_be_removed(fx: Fx) -> None:
    ws = fx.ws
    ws.define_survey("visit", VISIT, at=at(1))
    run, fu = playbook_fx(fx, "visit")
    e = unchanged(ws, ws.remove_survey, "visit", at=at(10), exc=clientcare.ConflictError)
    assert e.code == "conflict" and e.details["holder"] == "after-sale"
    ws.complete_follow_up(fu, at=at(60))
    [sv] = ws.surveys()
    assert sv["kind"] == "custom" and sv["template"]["key"] == "visit"
    ws.answer_survey(sv["id"], answers={"overall": 5}, at=at(70))
    assert ws.survey(sv["id"])["score"] == 5


def test_playbook_survey_steps_are_checked(fx: Fx) -> None:
    ws = fx.ws
    step: clientcare.PlaybookStep = {"kind": "check_in", "subject": "x", "offset_days": 1, "channel": "sms",
                                     "survey": "csat"}
    e = unchanged(ws, ws.define_playbook, "p", [step], at=at(1))
    assert e.details["field"] == "steps[0].survey"
    e = unchanged(ws, ws.define_playbook, "p", [{**step, "kind": "survey", "survey": "nope"}], at=at(1))
    assert e.details["field"] == "steps[0].survey"


def test_define_and_remove_survey_check_their_input(fx: Fx) -> None:
    ws = fx.ws
    scale: clientcare.ScaleQuestion = {"key": "q", "text": "?", "kind": "scale", "min": 1, "max": 10,
                                       "measures": "csat"}
    e = unchanged(ws, ws.define_survey, "s", [scale], at=at(1))
    assert e.details["field"] == "questions[0].measures"
    e = unchanged(ws, ws.define_survey, "s", [], at=at(1))
    assert e.details["field"] == "questions"
    e = unchanged(ws, ws.define_survey, "csat", VISIT, at=at(1))
    assert e.details["field"] == "key"
    e = unchanged(ws, ws.define_survey, "s", [VISIT[3], VISIT[3]], at=at(1))
    assert e.details["field"] == "questions[1].key"
    e = unchanged(ws, ws.define_survey, "s", [{**VISIT[2], "options": ["only"]}], at=at(1))
    assert e.details["field"] == "questions[0].options"
    e = unchanged(ws, ws.define_survey, "s", [{**VISIT[3], "min": 1}], at=at(1))
    assert e.details["field"] == "questions[0].min"
    e = unchanged(ws, ws.define_survey, "s", [{**VISIT[0], "options": ["a", "b"]}], at=at(1))
    assert e.details["field"] == "questions[0].options"
    e = unchanged(ws, ws.define_survey, "s", [{**VISIT[3], "kind": "slider"}], at=at(1))
    assert e.details["field"] == "questions[0].kind"
    e = unchanged(ws, ws.define_survey, "s", [{**VISIT[3], "colour": "red"}], at=at(1))
    assert e.details["field"].startswith("questions[0]")
    unchanged(ws, ws.remove_survey, "s", at=at(1), exc=clientcare.NotFoundError)
    ws.define_survey("s", [VISIT[3]], at=at(1))
    ws.define_survey("s", VISIT, title="v2", at=at(2))
    [t] = ws.survey_templates()
    assert t["title"] == "v2" and len(t["questions"]) == 4
    s = ws.send_survey(fx.duc, "custom", "email", template="s", at=at(3))
    ws.remove_survey("s", at=at(4))
    assert ws.survey_templates() == [] and ws.survey(s)["template"] == t


def test_surveys_filter_by_customer_kind_status_and_time(fx: Fx) -> None:
    ws = fx.ws
    a = ws.send_survey(fx.duc, "csat", "email", at=at(10))
    b = ws.send_survey(fx.mai, "nps", "email", at=at(20))
    c = ws.send_survey(fx.duc, "nps", "sms", at=at(30))
    ws.answer_survey(c, score=10, at=at(40))
    ids = lambda xs: [x["id"] for x in xs]  # noqa: E731
    assert ids(ws.surveys()) == [a, b, c]
    assert ids(ws.surveys(customer=fx.duc)) == [a, c]
    assert ids(ws.surveys(kinds="nps")) == [b, c] and ids(ws.surveys(kinds=("csat",))) == [a]
    assert ids(ws.surveys(customer=fx.duc, kinds=["nps"], statuses="answered")) == [c]
    assert ids(ws.surveys(sent_from=at(20), sent_to=at(30))) == [b]
    assert ws.surveys(kinds=[]) == ws.surveys()
    assert raises(clientcare.InvalidInputError, ws.surveys, kinds="happiness").details["field"].startswith("kinds")
    assert raises(clientcare.InvalidInputError, ws.surveys, statuses=["lost"]).details["field"].startswith("statuses")
    e = raises(clientcare.InvalidInputError, ws.surveys, sent_from=datetime(2026, 11, 2))
    assert e.details["field"] == "sent_from"
    raises(clientcare.NotFoundError, ws.surveys, customer="0190f5c2-7b1e-7c3a-9d2e-000000000000")


def scenario(via_execute: bool) -> clientcare.Workspace:
    ws = clientcare.Workspace(default_region="VN", seed=3, at=AT)
    agent = ws.register_agent("Bảo", at=at(0))
    duc = ws.register_customer("Đức", at=at(0))
    ws.record_consent(duc, channel="email", purpose="feedback", granted=True, source="form", at=at(0))
    steps: list[tuple[dict[str, Any], Any]] = [
        ({"type": "configure_feedback", "csat_on_resolve": True, "response_days": 10},
         lambda t: ws.configure_feedback(csat_on_resolve=True, response_days=10, at=t)),
        ({"type": "define_survey", "key": "visit", "title": "V", "questions": VISIT},
         lambda t: ws.define_survey("visit", VISIT, title="V", at=t)),
        ({"type": "send_survey", "customer": duc, "kind": "custom", "template": "visit", "channel": "email",
          "agent": agent, "response_days": 3},
         lambda t: ws.send_survey(duc, "custom", "email", template="visit", agent=agent, response_days=3, at=t)),
    ]
    for i, (cmd, method) in enumerate(steps):
        if via_execute:
            ws.execute(cmd, at=at(i + 1))
        else:
            method(at(i + 1))
    s = ws.surveys()[0]["id"]
    answer = {"overall": 3, "liked": ["staff"], "note": "ổn"}
    if via_execute:
        out = ws.execute({"type": "answer_survey", "survey": s, "answers": answer, "comment": "x",
                          "answered_at": at(9)}, at=at(10))
        assert out == {"created": None, "first_seq": ws.seq, "events": 1}
        ws.execute({"type": "remove_survey", "key": "visit"}, at=at(11))
    else:
        ws.answer_survey(s, answers=answer, comment="x", answered_at=at(9), at=at(10))
        ws.remove_survey("visit", at=at(11))
    return ws


def test_execute_runs_the_survey_commands_like_the_methods() -> None:
    by_methods = scenario(via_execute=False)
    by_execute = scenario(via_execute=True)
    assert by_execute.export_log() == by_methods.export_log()
    kinds = {e["payload"]["type"] for e in by_methods.events()}
    assert {"feedback_configured", "survey_defined", "survey_sent", "survey_answered", "survey_removed"} <= kinds
    out = by_execute.execute({"type": "send_survey", "customer": by_execute.surveys()[0]["customer"],
                              "kind": "csat", "channel": "email"}, at=at(20))
    assert out["created"] is not None and out["created"]["kind"] == "survey"
    assert by_execute.survey(out["created"]["id"])["kind"] == "csat"


def test_export_and_import_keep_the_surveys() -> None:
    ws = scenario(via_execute=False)
    copy = clientcare.Workspace.import_log(ws.export_log(), seed=9)
    assert copy == ws
    assert copy.surveys() == ws.surveys() and copy.feedback_settings() == ws.feedback_settings()
    assert copy.survey_templates() == ws.survey_templates() == []


def test_documented_defaults_of_the_survey_methods_mean_the_default() -> None:
    def defaults(fn: object) -> dict[str, object]:
        return {
            p.name: p.default
            for p in inspect.signature(fn).parameters.values()  # type: ignore[arg-type]
            if p.default is not p.empty and p.name not in ("at", "actor")
        }

    def build(explicit: bool) -> clientcare.Workspace:
        ws = clientcare.Workspace(default_region="VN", seed=1, at=AT)
        d = defaults if explicit else (lambda fn: {})
        c = ws.register_customer("A", at=AT)
        ws.record_consent(c, channel="email", purpose="feedback", granted=True, source="form", at=AT)
        ws.configure_feedback(response_days=5, at=AT)
        ws.configure_feedback(at=AT, **d(ws.configure_feedback))
        ws.define_survey("s", VISIT, at=AT, **d(ws.define_survey))
        s = ws.send_survey(c, "csat", "email", at=AT, **d(ws.send_survey))
        ws.answer_survey(s, at=AT, **{**d(ws.answer_survey), "score": 4})
        assert ws.surveys(**d(ws.surveys)) == ws.surveys()
        return ws

    ws = build(explicit=True)
    assert ws.export_log() == build(explicit=False).export_log()
    assert ws.feedback_settings() == {"csat_on_resolve": False, "response_days": 5}  # omitted: unchanged


def test_datetimes_are_aware_and_utc(fx: Fx) -> None:
    ws = fx.ws
    s = ws.send_survey(fx.duc, "csat", "email", at=datetime(2026, 11, 2, 16, 0, tzinfo=timezone(timedelta(hours=7))))
    sv = ws.survey(s)
    assert sv["sent_at"] == AT and sv["sent_at"].tzinfo is not None
    assert sv["sent_at"].utcoffset() == timedelta(0)
    e = unchanged(ws, ws.send_survey, fx.duc, "csat", "email", at=datetime(2026, 11, 2, 9, 0))
    assert e.details["field"] == "at"
