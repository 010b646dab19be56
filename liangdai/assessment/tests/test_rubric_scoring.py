"""Scoring a village item by item on the year's rubric (issue 8): the score is the items' total
and the stars follow; a county's own rubric governs its villages; the 星级评定 sheet's totals keep
the items while the total stands; the village page shows its ratings with the review state; the
node page draws the star distribution."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from liangdai.assessment.approvals import approval_submit
from liangdai.assessment.models import StarRating
from liangdai.assessment.services import star_rating_save
from liangdai.audit.models import AuditLog
from liangdai.core.errors import DomainError
from liangdai.core.testing import make_workbook
from liangdai.exchange.pipeline import import_workbook
from liangdai.leaders.tests.makers import STAR_HEADER, V1, V2, make_rating
from liangdai.rules.services import ruleset_set

YEAR = 2019
DEFAULT_ITEMS = {"班子建设": 18, "党员队伍": 17.5, "组织生活": 20, "发展集体经济": 15, "服务群众": 19}
COUNTY_RUBRIC = {"items": [["班子建设", 40], ["产业发展", 60]]}


def points(**by_name) -> dict[str, Decimal]:
    return {name: Decimal(str(value)) for name, value in by_name.items()}


def test_a_village_scored_item_by_item_gets_their_total_and_its_stars(clerk):
    rating = star_rating_save(actor=clerk, village=V1, year=YEAR, items=points(**DEFAULT_ITEMS))
    assert rating.score == Decimal("89.50") and rating.stars == 4
    assert StarRating.objects.get().items == {name: str(Decimal(str(v))) for name, v in DEFAULT_ITEMS.items()}
    audit = AuditLog.objects.get(entity="star_rating")
    assert audit.after["items"]["党员队伍"] == "17.5"


@pytest.mark.parametrize(
    ("items", "score", "message"),
    [
        (DEFAULT_ITEMS | {"班子建设": 21}, None, "“班子建设”的得分应为0到20分"),
        ({k: v for k, v in DEFAULT_ITEMS.items() if k != "服务群众"}, None, "“服务群众”未评分"),
        (DEFAULT_ITEMS | {"产业发展": 1}, None, "考评细则中没有这些项目：产业发展"),
        (DEFAULT_ITEMS | {"班子建设": -1}, None, "“班子建设”：得分应为0到100之间的数"),
        (DEFAULT_ITEMS, 90, "得分（90）与各项得分合计（89.5）不符"),
    ],
)
def test_items_outside_the_rubric_are_refused_and_nothing_is_written(clerk, items, score, message):
    with pytest.raises(DomainError) as error:
        star_rating_save(actor=clerk, village=V1, year=YEAR, items=points(**items), score=score)
    assert error.value.message == message
    assert not StarRating.objects.exists() and not AuditLog.objects.filter(entity="star_rating").exists()


def test_a_county_rubric_governs_its_villages_from_its_year(clerk, county_user):
    ruleset_set(actor=county_user, kind="rubric", year=YEAR, code="640402", data=COUNTY_RUBRIC)
    rating = star_rating_save(actor=clerk, village=V1, year=YEAR, items=points(班子建设=35, 产业发展=50))
    assert (rating.score, rating.stars) == (Decimal("85.00"), 4)
    with pytest.raises(DomainError, match="考评细则中没有这些项目：党员队伍、"):
        star_rating_save(actor=clerk, village=V2, year=YEAR, items=points(**DEFAULT_ITEMS))
    # The year before, the default rubric still holds.
    assert star_rating_save(actor=clerk, village=V2, year=YEAR - 1, items=points(**DEFAULT_ITEMS)).score == Decimal(
        "89.5"
    )


def test_the_score_form_asks_for_each_item_of_the_county_rubric(client, clerk, county_user):
    ruleset_set(actor=county_user, kind="rubric", year=YEAR, code="640402", data=COUNTY_RUBRIC)
    client.force_login(clerk)
    url = reverse("assessment:score", args=[V1]) + f"?year={YEAR}"
    page = client.get(url).content.decode()
    assert "产业发展" in page and "满分60" in page and "党员队伍" not in page
    empty = client.post(url, {"score": ""})
    assert "请逐项评分或填写总分" in empty.content.decode() and not StarRating.objects.exists()
    over = client.post(url, {"item_0": "41", "item_1": "50"})
    assert "“班子建设”的得分应为0到40分" in over.content.decode() and not StarRating.objects.exists()
    assert client.post(url, {"item_0": "39.5", "item_1": "55"}).status_code == 302
    rating = StarRating.objects.get()
    assert (rating.score, rating.stars, rating.items) == (Decimal("94.50"), 5, {"班子建设": "39.5", "产业发展": "55"})
    assert 'value="39.5"' in client.get(url).content.decode()  # the form comes back with the items


def test_the_total_alone_is_still_accepted_and_clears_items(clerk):
    star_rating_save(actor=clerk, village=V1, year=YEAR, items=points(**DEFAULT_ITEMS))
    rating = star_rating_save(actor=clerk, village=V1, year=YEAR, score=Decimal("61"))
    assert (rating.score, rating.stars, rating.items) == (Decimal("61.00"), 2, None)


def import_stars(actor, *rows):
    data = make_workbook({"星级评定": [STAR_HEADER, *rows]})
    return import_workbook(data=data, filename="t.xlsx", actor=actor, commit=True)


def test_the_sheet_keeps_the_items_while_the_total_stands_and_drops_them_when_it_changes(clerk):
    star_rating_save(actor=clerk, village=V1, year=YEAR, items=points(**DEFAULT_ITEMS))
    kept = import_stars(clerk, [V1, YEAR, 89.5, None, None, None])
    assert (kept.errors, kept.warnings) == ([], [])
    assert StarRating.objects.get().items is not None
    assert AuditLog.objects.filter(entity="star_rating").count() == 1  # unchanged: not rewritten
    changed = import_stars(clerk, [V1, YEAR, 70, None, None, None])
    assert changed.errors == []
    assert changed.warnings == [
        f"星级评定第2行：{V1}{YEAR}年度原按细则逐项评分（合计89.5分），改为总分70分后，各项得分将被清除"
    ]
    rating = StarRating.objects.get()
    assert (rating.score, rating.stars, rating.items) == (Decimal("70.00"), 3, None)


@pytest.fixture
def last_year():
    from liangdai.assessment.indicators import assessed_year

    return assessed_year(dt.date.today())


def test_the_village_page_shows_its_ratings_and_the_review_state(client, clerk, county_user, outsider, last_year):
    star_rating_save(actor=clerk, village=V1, year=last_year, items=points(**DEFAULT_ITEMS))
    make_rating(V1, last_year - 1, 2)
    client.force_login(clerk)
    url = reverse("villages:detail", args=[V1])
    page = client.get(url).content.decode()
    assert 'id="village-ratings"' in page and "班子建设 18" in page and "按总分" in page
    assert 'data-state="draft"' in page
    assert reverse("assessment:score", args=[V1]) in page
    approval_submit(actor=clerk, code=V1[:9], year=last_year)
    page = client.get(url).content.decode()
    assert 'data-state="submitted"' in page and "已上报" in page
    assert reverse("assessment:score", args=[V1]) not in page  # locked: no score button
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_the_node_page_draws_the_star_distribution(client, county_user, last_year):
    for village, stars in ((V1, 5), (V2, 3)):
        make_rating(village, last_year, stars)
    client.force_login(county_user)
    page = client.get(reverse("reports:node", args=["640402"]))
    panel = next(p for t, p in page.context["panels"] if t == "assessment/node_panel.html")
    assert dict(panel["distribution"]) == {5: 1, 4: 0, 3: 1, 2: 0, 1: 0, 0: 0} and panel["widest"] == 1
    text = page.content.decode()
    assert 'id="star-distribution"' in text and 'style="width:100%"' in text and 'style="width:0%"' in text
