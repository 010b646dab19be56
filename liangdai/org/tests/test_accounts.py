"""Account services of the system and security administrators: area, separation, audit."""

import pytest
from django.contrib.auth.password_validation import validate_password

from liangdai.audit.models import AuditLog
from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_user
from liangdai.org import services
from liangdai.org.models import User


@pytest.fixture
def sysadmin(db):
    return make_user("sys", "640402", "sysadmin")


@pytest.fixture
def secadmin(db):
    return make_user("sec", "640402", "secadmin")


def audit_rows(action):
    return list(AuditLog.objects.filter(action=action).order_by("id"))


def test_sysadmin_creates_a_user_in_its_area_with_a_strong_generated_password(sysadmin):
    user, password = services.user_create(actor=sysadmin, username="wang", division_code="640402103")
    assert user.division_id == "640402103" and user.role == "none" and user.check_password(password)
    assert user.must_change_password and not user.can_reveal
    validate_password(password, User(username=user.username))  # raises if the generated password breaks the rules
    [row] = audit_rows("创建用户")
    assert (row.actor_id, row.code, row.entity_id) == (sysadmin.pk, "640402103", str(user.pk))
    assert password not in str(row.after)


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "auditadmin", "system"])
def test_sysadmin_cannot_create_administrators(sysadmin, role):
    with pytest.raises(DomainError):
        services.user_create(actor=sysadmin, username="boss", division_code="640402", role=role)
    assert not User.objects.filter(username="boss").exists()
    assert audit_rows("创建用户") == []


@pytest.mark.parametrize("code", ["640425", "6404", "64", "640425103200"])
def test_sysadmin_cannot_create_a_user_outside_its_area(sysadmin, code):
    with pytest.raises(DomainError, match="无权"):
        services.user_create(actor=sysadmin, username="far", division_code=code, role="reader")
    assert not User.objects.filter(username="far").exists()


@pytest.mark.parametrize("role", ["secadmin", "auditadmin", "reviewer"])
def test_only_the_sysadmin_creates_users(db, role):
    actor = make_user("actor", "64", role)
    with pytest.raises(DomainError):
        services.user_create(actor=actor, username="x-user", division_code="640402", role="reader")


def test_a_weak_given_password_is_refused_in_chinese(sysadmin):
    with pytest.raises(DomainError, match="密码"):
        services.user_create(actor=sysadmin, username="weak", division_code="640402", password="abc")
    assert not User.objects.filter(username="weak").exists()


def test_deactivate_and_reactivate_are_audited(sysadmin):
    user = make_user("li", "640402103", "entry")
    services.user_set_active(actor=sysadmin, user_id=user.pk, active=False)
    user.refresh_from_db()
    assert not user.is_active
    services.user_set_active(actor=sysadmin, user_id=user.pk, active=True)
    user.refresh_from_db()
    assert user.is_active
    [off] = audit_rows("停用用户")
    [on] = audit_rows("启用用户")
    assert off.before["is_active"] is True and off.after["is_active"] is False
    assert on.after == {"username": "li", "is_active": True} and on.code == "640402103"


def test_deactivating_twice_says_so_and_writes_nothing(sysadmin):
    user = make_user("li", "640402103", "entry", is_active=False)
    with pytest.raises(DomainError, match="已处于停用状态"):
        services.user_set_active(actor=sysadmin, user_id=user.pk, active=False)
    assert audit_rows("停用用户") == []


def test_reset_password_gives_a_new_working_password_and_audits_without_it(sysadmin):
    user = make_user("li", "640402103", "entry")
    _, password = services.user_reset_password(actor=sysadmin, user_id=user.pk)
    user.refresh_from_db()
    assert user.check_password(password)
    [row] = audit_rows("重置密码")
    assert password not in str(row.before) + str(row.after) + row.note
    assert row.actor_id == sysadmin.pk and row.entity_id == str(user.pk)


def test_secadmin_changes_a_role_within_the_data_roles(secadmin):
    user = make_user("li", "640402103", "entry")
    services.user_set_role(actor=secadmin, user_id=user.pk, role="reviewer")
    user.refresh_from_db()
    assert user.role == "reviewer"
    [row] = audit_rows("修改角色")
    assert (row.before["role"], row.after["role"]) == ("entry", "reviewer")


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "auditadmin", "system", "boss"])
def test_secadmin_cannot_make_an_administrator(secadmin, role):
    user = make_user("li", "640402103", "entry")
    with pytest.raises(DomainError, match="角色只能是"):
        services.user_set_role(actor=secadmin, user_id=user.pk, role=role)
    user.refresh_from_db()
    assert user.role == "entry" and audit_rows("修改角色") == []


def test_secadmin_grants_and_withdraws_the_reveal_right(secadmin):
    user = make_user("li", "640402103", "reader")
    services.user_set_reveal(actor=secadmin, user_id=user.pk, can_reveal=True)
    user.refresh_from_db()
    assert user.can_reveal
    services.user_set_reveal(actor=secadmin, user_id=user.pk, can_reveal=False)
    user.refresh_from_db()
    assert not user.can_reveal
    assert [r.action for r in AuditLog.objects.filter(entity="user", entity_id=str(user.pk)).order_by("id")] == [
        "授予查看权限",
        "收回查看权限",
    ]


def test_the_admins_are_kept_apart(sysadmin, secadmin):
    """三权分立: the sysadmin manages accounts, the secadmin roles and rights, the auditadmin neither."""
    auditadmin = make_user("aud", "640402", "auditadmin")
    user = make_user("li", "640402103", "entry")
    with pytest.raises(NotFound):
        services.user_set_role(actor=sysadmin, user_id=user.pk, role="reviewer")
    with pytest.raises(NotFound):
        services.user_set_reveal(actor=sysadmin, user_id=user.pk, can_reveal=True)
    with pytest.raises(NotFound):
        services.user_set_active(actor=secadmin, user_id=user.pk, active=False)
    with pytest.raises(NotFound):
        services.user_reset_password(actor=secadmin, user_id=user.pk)
    with pytest.raises(NotFound):
        services.user_set_active(actor=auditadmin, user_id=user.pk, active=False)
    with pytest.raises(NotFound):
        services.user_set_role(actor=auditadmin, user_id=user.pk, role="reviewer")
    with pytest.raises(NotFound):
        services.user_set_reveal(actor=auditadmin, user_id=user.pk, can_reveal=True)
    user.refresh_from_db()
    assert user.is_active and user.role == "entry" and not user.can_reveal


def test_users_outside_the_area_are_not_found(sysadmin, secadmin):
    far = make_user("far", "640425103", "entry")
    with pytest.raises(NotFound):
        services.user_set_active(actor=sysadmin, user_id=far.pk, active=False)
    with pytest.raises(NotFound):
        services.user_reset_password(actor=sysadmin, user_id=far.pk)
    with pytest.raises(NotFound):
        services.user_set_role(actor=secadmin, user_id=far.pk, role="reader")
    with pytest.raises(NotFound):
        services.user_set_reveal(actor=secadmin, user_id=far.pk, can_reveal=True)
    with pytest.raises(NotFound):
        services.user_set_active(actor=sysadmin, user_id=999_999, active=False)
    far.refresh_from_db()
    assert far.is_active and far.role == "entry" and not far.can_reveal


def test_administrator_accounts_are_not_managed_from_the_pages(sysadmin, secadmin):
    other_admin = make_user("aud", "640402103", "auditadmin")
    with pytest.raises(NotFound):
        services.user_set_active(actor=sysadmin, user_id=other_admin.pk, active=False)
    with pytest.raises(NotFound):
        services.user_set_role(actor=secadmin, user_id=other_admin.pk, role="reader")


def test_an_inactive_administrator_can_do_nothing(db):
    admin = make_user("sys", "640402", "sysadmin", is_active=False)
    user = make_user("li", "640402103", "entry")
    with pytest.raises(NotFound):
        services.user_set_active(actor=admin, user_id=user.pk, active=False)


SERVICE_CALLS = {
    "create": lambda admins, user: services.user_create(
        actor=admins["sysadmin"], username="new-one", division_code="640402"
    ),
    "active": lambda admins, user: services.user_set_active(actor=admins["sysadmin"], user_id=user.pk, active=False),
    "password": lambda admins, user: services.user_reset_password(actor=admins["sysadmin"], user_id=user.pk),
    "role": lambda admins, user: services.user_set_role(actor=admins["secadmin"], user_id=user.pk, role="reader"),
    "reveal": lambda admins, user: services.user_set_reveal(actor=admins["secadmin"], user_id=user.pk, can_reveal=True),
}


def user_state(user_id):
    return User.objects.filter(pk=user_id).values_list("is_active", "password", "role", "can_reveal").get()


@pytest.mark.parametrize("name", SERVICE_CALLS)
def test_each_service_writes_exactly_one_audit_row(sysadmin, secadmin, name):
    user = make_user("li", "640402103", "entry")
    before = AuditLog.objects.count()
    SERVICE_CALLS[name]({"sysadmin": sysadmin, "secadmin": secadmin}, user)
    assert AuditLog.objects.count() == before + 1


@pytest.mark.parametrize("name", SERVICE_CALLS)
def test_a_failing_service_leaves_no_audit_row_and_no_change(sysadmin, secadmin, monkeypatch, name):
    """The audit row and the change commit together: when the audit write fails, nothing is kept."""
    user = make_user("li", "640402103", "entry")
    state = user_state(user.pk)
    before = AuditLog.objects.count()

    def broken_record(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(services, "record", broken_record)
    with pytest.raises(RuntimeError):
        SERVICE_CALLS[name]({"sysadmin": sysadmin, "secadmin": secadmin}, user)
    assert user_state(user.pk) == state
    assert not User.objects.filter(username="new-one").exists()
    assert AuditLog.objects.count() == before


def test_generated_passwords_meet_the_rules_and_avoid_look_alikes(db):
    for _ in range(50):
        password = services.generate_password()
        validate_password(password)
        assert len(password) == 16 and not set(password) & set("0Oo1lI")
