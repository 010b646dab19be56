"""The review of a township's year (issue 8): every action from every state by every role, the
reason rules, and a step and an audit row for each step taken; nothing written when refused."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from liangdai.assessment.approvals import SERVICES, states_of, township_states
from liangdai.assessment.models import Approval, ApprovalStep
from liangdai.audit.models import AuditLog
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_user

TOWNSHIP, YEAR = "640402103", 2019
ALLOWED_FROM = {  # written out here, not read from the code under test
    "submit": {"draft": "submitted", "returned": "submitted"},
    "approve": {"submitted": "approved"},
    "return": {"submitted": "returned"},
    "reopen": {"approved": "returned"},
}
SUBMITTERS = {"clerk", "county_user", "county_entry", "township_reviewer", "region_reviewer", "system"}
REVIEWERS = {"county_user", "region_reviewer", "system"}
ROLES = ["clerk", "county_user", "county_entry", "township_reviewer", "region_reviewer", "reader", "outsider", "system"]
NO_RIGHT = "无权审核：须为该乡镇所在县（区）或以上的审核用户"


@pytest.fixture
def actors(request, db):
    extra = {
        "county_entry": ("640402", "entry"),
        "township_reviewer": (TOWNSHIP, "reviewer"),
        "region_reviewer": ("64", "reviewer"),
        "reader": (TOWNSHIP, "reader"),
    }
    made = {name: make_user(name, division, role) for name, (division, role) in extra.items()}
    return made | {name: request.getfixturevalue(name) for name in ("clerk", "county_user", "outsider", "system")}


def put(state: str) -> None:
    if state != "draft":
        Approval.objects.create(
            township_id=TOWNSHIP, year=YEAR, state=state, changed_at=timezone.now(), changed_by="someone"
        )


def state_now() -> str:
    found = Approval.objects.filter(township_id=TOWNSHIP, year=YEAR).first()
    return found.state if found else "draft"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", ["draft", "submitted", "approved", "returned"])
@pytest.mark.parametrize("action", ["submit", "approve", "return", "reopen"])
def test_every_action_from_every_state_by_every_role(actors, action, state, role):
    put(state)
    audit_rows = AuditLog.objects.count()
    call = lambda: SERVICES[action](actor=actors[role], code=TOWNSHIP, year=YEAR, reason="数据有误")  # noqa: E731
    if role == "outsider":
        expected = NotFound
    elif action == "submit" and role == "reader":
        expected = PermissionDenied
    elif (action == "submit" and role not in SUBMITTERS) or (action != "submit" and role not in REVIEWERS):
        expected = DomainError
    elif state not in ALLOWED_FROM[action]:
        expected = DomainError
    else:
        expected = None
    if expected is None:
        call()
        assert state_now() == ALLOWED_FROM[action][state]
        step = ApprovalStep.objects.get()
        assert (step.action, step.state, step.actor_name) == (action, state_now(), actors[role].username)
        assert AuditLog.objects.filter(entity="approval", entity_id=f"{TOWNSHIP}/{YEAR}").count() == 1
        return
    with pytest.raises(expected) as info:
        call()
    if expected is DomainError and action != "submit" and role not in REVIEWERS:
        assert info.value.message == NO_RIGHT
    elif expected is DomainError:
        assert info.value.message.startswith(f"官厅镇{YEAR}年度的星级评定和考核当前为")
    assert state_now() == state
    assert not ApprovalStep.objects.exists()
    assert AuditLog.objects.count() == audit_rows


@pytest.mark.parametrize("action", ["return", "reopen"])
def test_a_return_and_a_reopening_need_a_reason(county_user, action):
    put("submitted" if action == "return" else "approved")
    with pytest.raises(DomainError) as info:
        SERVICES[action](actor=county_user, code=TOWNSHIP, year=YEAR, reason="  ")
    assert info.value.message == ("退回须填写理由" if action == "return" else "撤销审核须填写理由")
    with pytest.raises(DomainError, match="理由最多500个字"):
        SERVICES[action](actor=county_user, code=TOWNSHIP, year=YEAR, reason="长" * 501)
    assert not ApprovalStep.objects.exists()


def test_the_whole_cycle_keeps_each_step_with_its_reason(clerk, county_user):
    SERVICES["submit"](actor=clerk, code=TOWNSHIP, year=YEAR)
    SERVICES["return"](actor=county_user, code=TOWNSHIP, year=YEAR, reason="得分有误")
    SERVICES["submit"](actor=clerk, code=TOWNSHIP, year=YEAR)
    SERVICES["approve"](actor=county_user, code=TOWNSHIP, year=YEAR)
    SERVICES["reopen"](actor=county_user, code=TOWNSHIP, year=YEAR, reason="发现错误")
    steps = list(ApprovalStep.objects.order_by("pk").values_list("action", "state", "reason"))
    assert steps == [
        ("submit", "submitted", ""),
        ("return", "returned", "得分有误"),
        ("submit", "submitted", ""),
        ("approve", "approved", ""),
        ("reopen", "returned", "发现错误"),
    ]
    assert Approval.objects.get().reason == "发现错误"


def test_a_village_or_a_county_code_is_not_a_township(clerk, county_user):
    for code in ("640402103200", "640402"):
        with pytest.raises(NotFound):
            SERVICES["submit"](actor=county_user, code=code, year=YEAR)


def test_an_impossible_year_is_refused(clerk):
    with pytest.raises(DomainError, match="年度应为1949至2100之间的年份"):
        SERVICES["submit"](actor=clerk, code=TOWNSHIP, year=1800)


def test_the_status_lists_the_rated_townships_of_the_node_in_the_area(clerk, county_user, outsider):
    put("approved")
    states = states_of(county_user, "640402", YEAR)
    assert states[TOWNSHIP] == "approved" and set(states.values()) == {"approved", "draft"}
    assert all(code.startswith("640402") and len(code) == 9 for code in states)
    assert states_of(clerk, TOWNSHIP, YEAR) == {TOWNSHIP: "approved"}
    with pytest.raises(NotFound):
        township_states(outsider, "640402", YEAR)
    with pytest.raises(NotFound):
        township_states(clerk, "640402", YEAR)
