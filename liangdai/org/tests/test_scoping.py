"""Area scope fails closed and is a prefix on the division code (DESIGN.md principle 3)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from liangdai.core.errors import NotFound
from liangdai.core.testing import make_profile, make_user
from liangdai.org.models import Division
from liangdai.org.scoping import area_prefix, can_reveal, can_write, check_code, in_area, scope
from liangdai.villages.models import VillageProfile

# 原州区 640402 and 彭阳县 640425 share the city prefix 6404 (固原市).
OWN_VILLAGE = "640402103200"  # a village of 官厅镇, 原州区
NEIGHBOUR_VILLAGE = "640425103200"  # a village of 红河镇, 彭阳县


def villages():
    return Division.objects.filter(is_village=True)


@pytest.fixture
def profiles(db):
    make_profile(OWN_VILLAGE)
    make_profile(NEIGHBOUR_VILLAGE)


def test_a_county_user_sees_every_village_of_its_townships(county_user):
    seen = scope(villages(), county_user, field="code")
    expected = villages().filter(code__startswith="640402")
    assert seen.count() == expected.count() > 0
    assert set(seen.values_list("code", flat=True)) == set(expected.values_list("code", flat=True))


def test_a_county_user_does_not_see_a_neighbouring_county_of_the_same_city(county_user, profiles):
    codes = set(scope(VillageProfile.objects.all(), county_user).values_list("village_id", flat=True))
    assert codes == {OWN_VILLAGE}
    assert not scope(villages(), county_user, field="code").filter(code__startswith="640425").exists()


def test_a_township_clerk_sees_only_its_township(clerk, profiles):
    codes = set(scope(villages(), clerk, field="code").values_list("code", flat=True))
    assert codes and all(code.startswith("640402103") for code in codes)
    assert OWN_VILLAGE in codes
    assert "640402100200" not in codes  # 东塬村, 三营镇: another township of the same county


def test_the_outsider_sees_nothing_of_the_county(outsider, profiles):
    assert list(scope(VillageProfile.objects.all(), outsider).values_list("village_id", flat=True)) == [
        NEIGHBOUR_VILLAGE
    ]


def test_the_system_sees_everything(system, profiles):
    assert scope(VillageProfile.objects.all(), system).count() == 2
    assert area_prefix(system) == ""


@pytest.mark.parametrize("role", ["sysadmin", "secadmin", "auditadmin"])
def test_administrators_see_no_data(db, role, profiles):
    admin = make_user(f"admin-{role}", "64", role)
    assert area_prefix(admin) is None
    assert not scope(VillageProfile.objects.all(), admin).exists()
    assert not can_write(admin) and not can_reveal(admin)


def test_a_user_without_a_division_sees_nothing(db, profiles):
    user = make_user("nowhere", None, "reviewer")
    assert area_prefix(user) is None
    assert not scope(VillageProfile.objects.all(), user).exists()


def test_an_inactive_user_sees_nothing(db, profiles):
    user = make_user("gone", "640402", "reviewer", is_active=False)
    assert not scope(VillageProfile.objects.all(), user).exists()
    assert not in_area(user, OWN_VILLAGE)


def test_anonymous_and_no_actor_see_nothing(db, profiles):
    assert not scope(VillageProfile.objects.all(), AnonymousUser()).exists()
    assert not scope(VillageProfile.objects.all(), None).exists()
    assert area_prefix(AnonymousUser()) is None


def test_check_code_raises_not_found_outside_the_area(county_user, outsider):
    assert check_code(county_user, OWN_VILLAGE) == OWN_VILLAGE
    assert check_code(county_user, "640402") == "640402"
    for code in (NEIGHBOUR_VILLAGE, "640425", "6404", "64", "640403", ""):
        with pytest.raises(NotFound):
            check_code(county_user, code)
    with pytest.raises(NotFound):
        check_code(outsider, OWN_VILLAGE)


def test_check_code_fails_closed_for_admins_and_anonymous(db):
    admin = make_user("sec", "64", "secadmin")
    for actor in (admin, AnonymousUser(), None):
        with pytest.raises(NotFound):
            check_code(actor, OWN_VILLAGE)


def test_write_and_reveal_rights_follow_the_role(db, county_user, clerk):
    reader = make_user("reader", "640402", "reader", can_reveal=True)
    assert can_write(county_user) and can_write(clerk) and not can_write(reader)
    assert can_reveal(reader) and not can_reveal(clerk)
