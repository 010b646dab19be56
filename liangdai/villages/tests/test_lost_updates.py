"""No edit is lost (issue 12, finding 5): a save from a form read before someone else's save is
refused with what changed, and the first save is kept and alone in the audit log."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.core.errors import DomainError
from liangdai.core.testing import make_profile, make_user, make_venue
from liangdai.core.versions import NEW, check_version, version_of
from liangdai.villages import services
from liangdai.villages.models import Spending, Venue, VillageIncome, VillageProfile

VILLAGE = "640402103215"  # 薛庄村, 官厅镇, 原州区
AGAIN = "。请刷新后重新填写。"


@pytest.fixture
def second_clerk(db):
    return make_user("clerk2", "640402103", "entry")


def refused(call, **kwargs) -> str:
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value.message


def audited(entity: str) -> int:
    return AuditLog.objects.filter(entity=entity).count()


# --- the version itself ------------------------------------------------------------------------


def test_the_version_changes_with_the_record_and_only_then(db):
    profile = make_profile(VILLAGE, population=1200)
    read = version_of(profile)
    assert version_of(VillageProfile.objects.get(pk=VILLAGE)) == read
    VillageProfile.objects.filter(pk=VILLAGE).update(population=1500)
    assert version_of(VillageProfile.objects.get(pk=VILLAGE)) != read
    assert version_of(None) == NEW


def test_a_forged_version_is_refused(db):
    profile = make_profile(VILLAGE)
    message = refused(check_version, obj=profile, version=version_of(profile)[:-2] + "xx")
    assert message == "保存失败：页面中的版本信息无效" + AGAIN


def test_no_version_checks_nothing(db):
    check_version(make_profile(VILLAGE), None)
    check_version(VillageProfile.objects.get(pk=VILLAGE), "")


# --- profile -----------------------------------------------------------------------------------


def test_a_stale_profile_save_is_refused_and_the_first_kept(clerk, second_clerk):
    make_profile(VILLAGE, population=1200, households=300)
    read = version_of(VillageProfile.objects.get(pk=VILLAGE))
    services.village_profile_save(actor=clerk, code=VILLAGE, population=1500, households=300, version=read)
    before = audited("village_profile")
    message = refused(
        services.village_profile_save, actor=second_clerk, code=VILLAGE, population=1300, households=310, version=read
    )
    assert message == "保存失败：您打开此页面后，他人已修改了本记录（户籍人口：1200 → 1500）" + AGAIN
    profile = VillageProfile.objects.get(pk=VILLAGE)
    assert (profile.population, profile.households) == (1500, 300)
    assert audited("village_profile") == before


def test_a_save_at_the_current_version_goes_through(clerk):
    make_profile(VILLAGE, population=1200)
    read = version_of(VillageProfile.objects.get(pk=VILLAGE))
    services.village_profile_save(actor=clerk, code=VILLAGE, population=1250, households=300, version=read)
    assert VillageProfile.objects.get(pk=VILLAGE).population == 1250


def test_a_profile_created_by_someone_else_meanwhile_is_a_conflict(clerk, second_clerk):
    services.village_profile_save(actor=clerk, code=VILLAGE, population=900, households=200, version=NEW)
    message = refused(
        services.village_profile_save, actor=second_clerk, code=VILLAGE, population=800, households=None, version=NEW
    )
    assert message.startswith("保存失败：您打开此页面后，他人已新增了本记录（户籍人口：900；户数：200")
    assert VillageProfile.objects.get(pk=VILLAGE).population == 900
    assert audited("village_profile") == 1


# --- venue, income, spending -------------------------------------------------------------------


def test_a_stale_venue_save_is_refused(clerk, second_clerk):
    make_venue(VILLAGE, area=Decimal(320), facilities=["桌椅"])
    read = version_of(Venue.objects.get(pk=VILLAGE))
    values = {"code": VILLAGE, "build_mode": "新建", "completed_on": dt.date(2019, 5, 1)}
    services.venue_save(actor=clerk, area=Decimal(400), facilities=["桌椅", "空调"], version=read, **values)
    message = refused(services.venue_save, actor=second_clerk, area=Decimal(350), facilities=[], version=read, **values)
    assert message == (
        "保存失败：您打开此页面后，他人已修改了本记录（面积（平方米）：320.00 → 400.00；设施：桌椅 → 空调、桌椅）"
        + AGAIN
    )
    assert Venue.objects.get(pk=VILLAGE).area == Decimal(400)
    assert audited("venue") == 1


def test_a_stale_income_save_is_refused(clerk, second_clerk):
    VillageIncome.objects.create(village_id=VILLAGE, year=2023, income=Decimal(8000))
    read = version_of(VillageIncome.objects.get(village_id=VILLAGE, year=2023))
    services.village_income_save(actor=clerk, code=VILLAGE, year=2023, income=Decimal(8800), version=read)
    message = refused(
        services.village_income_save, actor=second_clerk, code=VILLAGE, year=2023, income=Decimal(8500), version=read
    )
    assert "人均纯收入（元）：8000.00 → 8800.00" in message
    assert VillageIncome.objects.get(village_id=VILLAGE, year=2023).income == Decimal(8800)
    assert audited("village_income") == 1


def test_a_stale_spending_correction_is_refused(clerk, second_clerk):
    make_profile(VILLAGE, population=1200)
    spending = Spending.objects.create(
        village_id=VILLAGE, date=dt.date(2024, 3, 1), amount=Decimal(1000), purpose="修路"
    )
    read = version_of(spending)
    values = {"code": VILLAGE, "date": dt.date(2024, 3, 1), "purpose": "修路", "spending_id": spending.pk}
    services.spending_save(actor=clerk, amount=Decimal(1200), version=read, **values)
    message = refused(services.spending_save, actor=second_clerk, amount=Decimal(900), version=read, **values)
    assert "金额（元）：1000.00 → 1200.00" in message
    assert Spending.objects.get(pk=spending.pk).amount == Decimal(1200)
    assert audited("spending") == 1


# --- two sessions through the pages ------------------------------------------------------------


def test_two_users_edit_the_same_profile_and_the_second_is_told(clerk, second_clerk):
    make_profile(VILLAGE, population=1200, households=300)
    url = reverse("villages:profile_edit", args=[VILLAGE])
    first, second = Client(), Client()
    first.force_login(clerk)
    second.force_login(second_clerk)
    forms = [c.get(url).context["form"] for c in (first, second)]
    versions = [f.initial["version"] for f in forms]
    assert versions[0] == versions[1] and f'value="{versions[0]}"' in first.get(url).content.decode()

    saved = first.post(url, {"population": 1500, "households": 300, "version": versions[0]})
    assert saved.status_code == 302
    again = second.post(url, {"population": 1300, "households": 320, "is_poor": "on", "version": versions[1]})

    assert again.status_code == 200
    html = again.content.decode()
    assert "他人已修改了本记录（户籍人口：1200 → 1500）" in html and "请刷新后重新填写" in html
    assert 'value="1300"' in html  # what the second user typed is still in the form
    profile = VillageProfile.objects.get(pk=VILLAGE)
    assert (profile.population, profile.households, profile.is_poor) == (1500, 300, False)
    assert AuditLog.objects.filter(entity="village_profile", actor_name="clerk2").count() == 0

    reread = second.get(url).context["form"]  # after a refresh the second user can save
    assert reread.initial["population"] == 1500
    data = {"population": 1300, "households": 320, "version": reread.initial["version"]}
    assert second.post(url, data).status_code == 302
    assert VillageProfile.objects.get(pk=VILLAGE).population == 1300


def test_the_income_form_checks_the_year_it_was_read_at(client, clerk):
    year = dt.date.today().year - 1
    VillageIncome.objects.create(village_id=VILLAGE, year=year, income=Decimal(8000))
    url = reverse("villages:income_edit", args=[VILLAGE])
    client.force_login(clerk)
    form = client.get(url).context["form"]
    assert form.initial["income"] == Decimal(8000)
    VillageIncome.objects.filter(village_id=VILLAGE, year=year).update(income=Decimal(9000))
    response = client.post(url, {"year": year, "income": "8500", "version": form.initial["version"]})
    assert "人均纯收入（元）：8000.00 → 9000.00" in response.content.decode()
    # another year typed in was not read by the form: written as before
    assert client.post(url, {"year": year - 1, "income": "7000", "version": form.initial["version"]}).status_code == 302
    assert VillageIncome.objects.get(village_id=VILLAGE, year=year).income == Decimal(9000)


def test_a_spending_changed_after_the_page_showed_it_is_not_deleted(clerk, second_clerk):
    make_profile(VILLAGE, population=1200)
    spending = Spending.objects.create(
        village_id=VILLAGE, date=dt.date(2024, 3, 1), amount=Decimal(1000), purpose="修路"
    )
    first, second = Client(), Client()
    first.force_login(clerk)
    second.force_login(second_clerk)
    page = reverse("villages:detail", args=[VILLAGE]) + "?year=2024"
    shown = second.get(page).content.decode()
    version = version_of(spending)
    assert f'name="version" value="{version}"' in shown
    values = {"code": VILLAGE, "date": dt.date(2024, 3, 1), "purpose": "修路", "spending_id": spending.pk}
    services.spending_save(actor=clerk, amount=Decimal(5000), version=version, **values)
    delete = reverse("villages:spending_delete", args=[VILLAGE, spending.pk])
    answer = second.post(delete, {"version": version}, follow=True)
    assert "他人已修改了本记录" in answer.content.decode()
    assert Spending.objects.get(pk=spending.pk).amount == Decimal(5000)
    fresh = version_of(Spending.objects.get(pk=spending.pk))
    assert second.post(delete, {"version": fresh}).status_code == 302
    assert not Spending.objects.filter(pk=spending.pk).exists()
