"""三权分立 (issue 12, finding 3): the system administrator creates accounts with no role and no right,
the security administrator grants roles and the reveal right, the audit administrator reads the audit
log; nobody grants themself anything. One table: role × action → allowed or refused."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from liangdai.core.errors import DomainError, NotFound
from liangdai.core.testing import make_user
from liangdai.org import services
from liangdai.org.models import User

ACTIONS = {
    "create user": lambda actor, target: services.user_create(actor=actor, username="new-one", division_code="640402"),
    "create user with a role": lambda actor, target: services.user_create(
        actor=actor, username="new-one", division_code="640402", role="reader"
    ),
    "create user with the reveal right": lambda actor, target: services.user_create(
        actor=actor, username="new-one", division_code="640402", can_reveal=True
    ),
    "reset password": lambda actor, target: services.user_reset_password(actor=actor, user_id=target.pk),
    "set role": lambda actor, target: services.user_set_role(actor=actor, user_id=target.pk, role="reviewer"),
    "set reveal": lambda actor, target: services.user_set_reveal(actor=actor, user_id=target.pk, can_reveal=True),
}
ROLES = ["sysadmin", "secadmin", "auditadmin", "reviewer", "entry"]
ALLOWED = {
    ("sysadmin", "create user", "other"),
    ("sysadmin", "reset password", "other"),
    ("secadmin", "set role", "other"),
    ("secadmin", "set reveal", "other"),
    ("auditadmin", "read audit log", "other"),
}
TABLE = [
    (role, action, on)
    for role in ROLES
    for action in [*ACTIONS, "read audit log"]
    for on in ("other", "self")
    if not (on == "self" and action.startswith(("create", "read")))
]


def state(user: User) -> tuple:
    return User.objects.filter(pk=user.pk).values_list("password", "role", "can_reveal").get()


@pytest.mark.parametrize(("role", "action", "on"), TABLE)
def test_who_may_do_what(client, db, role, action, on):
    actor = make_user("actor", "640402", role)
    target = actor if on == "self" else make_user("li", "640402103", "entry")
    allowed = (role, action, on) in ALLOWED
    if action == "read audit log":
        client.force_login(actor)
        assert client.get(reverse("audit:list")).status_code == (200 if allowed else 404)
        return
    before = state(target)
    if allowed:
        ACTIONS[action](actor, target)
        assert state(target) != before or User.objects.filter(username="new-one").exists()
    else:
        with pytest.raises((DomainError, NotFound)):
            ACTIONS[action](actor, target)
        assert state(target) == before and not User.objects.filter(username="new-one").exists()


def test_an_account_the_sysadmin_creates_sees_no_data_until_the_secadmin_grants_a_role(client, db):
    """The finding: a system administrator made itself a region-wide data user."""
    sysadmin, secadmin = make_user("sys", "64", "sysadmin"), make_user("sec", "64", "secadmin")
    user, _ = services.user_create(actor=sysadmin, username="mine", division_code="64")
    client.force_login(user)
    assert client.get("/n/640402/").status_code == 404
    services.user_set_role(actor=secadmin, user_id=user.pk, role="reader")
    assert client.get("/n/640402/").status_code == 200


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "auditadmin"])
def test_no_administrator_can_hold_the_reveal_right(db, system, role):
    with pytest.raises(DomainError, match="管理员不能拥有"):
        services.user_create(actor=system, username="boss", division_code="64", role=role, can_reveal=True)
    admin = make_user("boss", "64", role)
    admin.can_reveal = True
    with pytest.raises(IntegrityError), transaction.atomic():
        admin.save()
