"""The village page, its forms and its history, for a county user, a township clerk, a reader
and an outsider from another county."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.core.testing import make_profile, make_user, make_venue
from liangdai.villages.models import Spending, Venue, VillageIncome, VillageProfile

VILLAGE = "640402103215"  # 薛庄村委会


def url(name, *args):
    return reverse(f"villages:{name}", args=[VILLAGE, *args])


@pytest.fixture
def reader(db):
    return make_user("reader", "640402", "reader")


@pytest.fixture
def spending(db):
    make_profile(VILLAGE, population=1200)
    return Spending.objects.create(village_id=VILLAGE, date=dt.date(2024, 3, 1), amount=Decimal(1000), purpose="修路")


# --- the page --------------------------------------------------------------------------------


def test_clerk_sees_profile_venue_fund_and_spending(client, clerk, spending):
    make_venue(VILLAGE, area=Decimal(320), build_mode="新建", completed_on=dt.date(2019, 5, 1))
    Spending.objects.create(village_id=VILLAGE, date=dt.date(2024, 5, 1), amount=Decimal("500.5"), purpose="救助")
    Spending.objects.create(village_id=VILLAGE, date=dt.date(2023, 5, 1), amount=Decimal(7), purpose="旧账")
    client.force_login(clerk)
    response = client.get(url("detail"), {"year": 2024})
    assert response.status_code == 200
    page = response.context["page"]
    assert page.fund == 60000  # 1,200 people: the 1,000-1,999 tier
    assert page.spent == Decimal("1500.5")  # 2024 only
    assert page.remainder == Decimal("58499.5")
    html = response.content.decode()
    assert "薛庄村委会" in html and "60,000" in html and "1,500.50" in html and "58,499.50" in html
    assert "320" in html and "新建" in html
    assert url("spending_add") in html and url("venue_edit") in html


def test_county_user_sees_the_village(client, county_user, spending):
    client.force_login(county_user)
    assert client.get(url("detail")).status_code == 200


def test_reader_sees_no_edit_buttons(client, reader, spending):
    client.force_login(reader)
    response = client.get(url("detail"), {"year": 2024})
    html = response.content.decode()
    assert response.status_code == 200 and "修路" in html
    assert url("spending_add") not in html
    assert url("profile_edit") not in html
    assert url("spending_delete", spending.pk) not in html


@pytest.mark.parametrize("name", ["detail", "history", "profile_edit", "venue_edit", "income_edit", "spending_add"])
def test_outsider_gets_404_on_every_village_page(client, outsider, name):
    client.force_login(outsider)
    assert client.get(url(name)).status_code == 404


def test_outsider_gets_404_on_the_spending_pages(client, outsider, spending):
    client.force_login(outsider)
    assert client.get(url("spending_edit", spending.pk)).status_code == 404
    assert client.post(url("spending_delete", spending.pk)).status_code == 404
    assert Spending.objects.filter(pk=spending.pk).exists()


def test_a_township_code_is_not_a_village_page(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("villages:detail", args=["640402103"])).status_code == 404


def test_income_by_year_with_growth(client, clerk):
    VillageIncome.objects.create(village_id=VILLAGE, year=2018, income=Decimal(8000))
    VillageIncome.objects.create(village_id=VILLAGE, year=2019, income=Decimal(8900))
    client.force_login(clerk)
    incomes = client.get(url("detail")).context["page"].incomes
    # (8900 - 8000) / 8000 = 11.25% -> 11.3 (half up); no growth for the first year.
    assert [(i["year"], i["growth"]) for i in incomes] == [(2019, 11.3), (2018, None)]


# --- forms -----------------------------------------------------------------------------------


def test_clerk_creates_the_profile_through_the_form(client, clerk):
    client.force_login(clerk)
    response = client.post(url("profile_edit"), {"population": "1500", "households": "400", "is_poor": "on"})
    assert response.status_code == 302 and response["Location"] == url("detail")
    profile = VillageProfile.objects.get(village_id=VILLAGE)
    assert (profile.population, profile.households, profile.is_poor) == (1500, 400, True)


def test_profile_form_explains_the_error_next_to_the_field(client, clerk):
    client.force_login(clerk)
    response = client.post(url("profile_edit"), {"population": "100", "households": "101"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"households": ["户数（101）不能大于户籍人口（100）"]}
    assert 'id="id_households_error"' in response.content.decode()
    assert not VillageProfile.objects.exists()


def test_form_type_errors_are_chinese(client, clerk):
    client.force_login(clerk)
    response = client.post(url("venue_edit"), {"area": "很大", "build_mode": "新建", "completed_on": "去年"})
    errors = response.context["form"].errors
    assert errors["area"] == ["面积：请填写数字"]
    assert errors["completed_on"] == ["完成日期：请填写日期，例如 2019-10-31"]


def test_venue_form_requires_a_completion_date_unless_existing(client, clerk):
    client.force_login(clerk)
    response = client.post(url("venue_edit"), {"area": "300", "build_mode": "新建"})
    assert response.context["form"].errors == {"completed_on": ["建设方式为“新建”时，完成日期必填"]}
    response = client.post(url("venue_edit"), {"area": "300", "build_mode": "原有", "facilities": ["桌椅", "空调"]})
    assert response.status_code == 302
    assert Venue.objects.get(village_id=VILLAGE).facilities == ["空调", "桌椅"]


def test_venue_form_refuses_area_over_20000(client, clerk):
    client.force_login(clerk)
    response = client.post(url("venue_edit"), {"area": "20001", "build_mode": "原有"})
    assert response.context["form"].errors == {"area": ["面积须大于0且不超过20,000平方米"]}


def test_venue_form_shows_the_saved_venue(client, clerk):
    make_venue(VILLAGE, area=Decimal(321), build_mode="扩建", completed_on=dt.date(2018, 6, 1))
    client.force_login(clerk)
    html = client.get(url("venue_edit")).content.decode()
    assert 'value="321.00"' in html and 'value="2018-06-01"' in html


def test_spending_over_the_fund_is_refused_in_the_form(client, clerk, spending):
    client.force_login(clerk)
    response = client.post(url("spending_add"), {"date": "2024-06-01", "amount": "59000.01", "purpose": "救助"})
    assert response.context["form"].errors == {
        "amount": [f"{VILLAGE} 在2024年的支出合计 60,000.01 元，超过该年度为民服务资金 60,000 元"]
    }
    assert Spending.objects.count() == 1


def test_spending_add_edit_and_delete(client, clerk, spending):
    client.force_login(clerk)
    response = client.post(url("spending_add"), {"date": "2024-06-01", "amount": "2000", "purpose": "救助"})
    assert response["Location"] == url("detail") + "?year=2024"
    added = Spending.objects.get(purpose="救助")
    response = client.post(url("spending_edit", added.pk), {"date": "2024-06-02", "amount": "2500", "purpose": "救助"})
    added.refresh_from_db()
    assert (added.date, added.amount) == (dt.date(2024, 6, 2), Decimal(2500))
    response = client.post(url("spending_delete", added.pk))
    assert response.status_code == 302
    assert list(Spending.objects.values_list("purpose", flat=True)) == ["修路"]


def test_spending_delete_needs_a_post(client, clerk, spending):
    client.force_login(clerk)
    assert client.get(url("spending_delete", spending.pk)).status_code == 405
    assert Spending.objects.filter(pk=spending.pk).exists()


def test_a_refused_write_shows_the_chinese_403_page(client, reader):
    client.force_login(reader)
    page = client.post(url("profile_edit"), {"population": "10"})
    assert page.status_code == 403
    assert "没有权限" in page.content.decode() and "您的账号只能查阅" in page.content.decode()


def test_reader_cannot_open_or_post_the_forms(client, reader, spending):
    client.force_login(reader)
    assert client.get(url("profile_edit")).status_code == 403
    assert client.post(url("profile_edit"), {"population": "10"}).status_code == 403
    assert client.post(url("spending_add"), {"date": "2024-06-01", "amount": "1", "purpose": "x"}).status_code == 403
    assert client.post(url("spending_delete", spending.pk)).status_code == 403
    assert VillageProfile.objects.get(village_id=VILLAGE).population == 1200
    assert Spending.objects.count() == 1


def test_outsider_posts_change_nothing(client, outsider, spending):
    client.force_login(outsider)
    assert client.post(url("profile_edit"), {"population": "10"}).status_code == 404
    assert client.post(url("venue_edit"), {"area": "300", "build_mode": "原有"}).status_code == 404
    data = {"date": "2024-06-01", "amount": "1", "purpose": "x"}
    assert client.post(url("spending_add"), data).status_code == 404
    assert client.post(url("spending_edit", spending.pk), data).status_code == 404
    assert VillageProfile.objects.get(village_id=VILLAGE).population == 1200
    assert not Venue.objects.exists()
    assert Spending.objects.count() == 1


# --- history ---------------------------------------------------------------------------------


def test_history_shows_who_when_and_before_after_newest_first(client, clerk):
    client.force_login(clerk)
    client.post(url("venue_edit"), {"area": "180", "build_mode": "原有"})
    client.post(url("venue_edit"), {"area": "260", "build_mode": "原有"})
    response = client.get(url("history"))
    entries = response.context["entries"]
    assert [e.entry.action for e in entries] == ["修改活动场所", "新增活动场所"]
    assert entries[0].changes == [("面积（平方米）", "180.00", "260.00")]
    html = response.content.decode()
    assert "clerk" in html and "180.00" in html and "260.00" in html and "→" in html


def test_history_lists_only_this_village(client, clerk):
    make_profile("640402103200")
    AuditLog.objects.create(at="2024-01-01T00:00:00Z", actor_name="x", action="导入新增", code="640402103200")
    client.force_login(clerk)
    assert client.get(url("history")).context["entries"] == []


def test_outsider_gets_404_on_history(client, outsider, clerk):
    client.force_login(clerk)
    client.post(url("venue_edit"), {"area": "180", "build_mode": "原有"})
    client.force_login(outsider)
    response = client.get(url("history"))
    assert response.status_code == 404
    assert "180" not in response.content.decode()


def test_history_shows_records_of_other_slices_with_their_own_field_names(client, clerk):
    AuditLog.objects.create(
        at="2024-01-01T00:00:00Z",
        actor_name="cadres",
        action="新增任职",
        entity="holding",
        code=VILLAGE,
        after={"id": 7, "village": VILLAGE, "position": "党组织书记", "term_note": "换届"},
    )
    client.force_login(clerk)
    entry = client.get(url("history")).context["entries"][0]
    assert entry.entity == "任职"
    assert entry.changes == [("职务", "", "党组织书记"), ("term_note", "", "换届")]
