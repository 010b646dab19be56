"""The Word briefing (issue 10): every number in every sentence is the registry's figure, read back
from the .docx; missing records are said, never invented; the children's table is the children's
figures; the appendix agrees with the sentences; the command line writes it; the download is scoped
and audited."""

import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from docx import Document

from liangdai.assessment.models import BonusBudget
from liangdai.audit.models import AuditLog
from liangdai.cli import main
from liangdai.core.testing import make_profile, make_venue
from liangdai.indicators.definitions import definition_of
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.leaders.models import Support
from liangdai.leaders.tests.makers import (
    OTHER_TOWNSHIP,
    V1,
    V2,
    V3,
    make_class,
    make_enrolment,
    make_holding,
    make_leader,
    make_person,
    make_rating,
    make_record,
)
from liangdai.org.models import Division
from liangdai.reports import briefing_charts, numbers
from liangdai.reports.briefing import DOCX, NO_FONT, TABLE_IDS, briefing_export, compose
from liangdai.villages.models import VillageIncome

D, F = dt.date(2019, 10, 31), dt.date(2019, 1, 1)
COUNTY, TOWNSHIP, SANYING = "640402", "640402103", "640402100"  # 三营镇: a secretary, no wealth leader
EMPTY_TOWNSHIP = "640402104"  # 开城镇: no records at all
# What a sentence writes that is not a figure: dates, years, and the practice's fixed thresholds.
WORDS = re.compile(
    r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日|底))?|\d{1,2}月\d{1,2}日|(?:200|500)平方米|60岁以下|不足3人|超过3个月"
)
NUMBER = re.compile(r"\d+:\d+:\d+|\d[\d,]*(?:\.\d+)?万?%?")


@pytest.fixture
def dataset(db):
    """Two townships of 原州区 with venues, profiles, secretaries (one replaced in the period),
    wealth leaders driving over 100,000 people, ratings, a bonus budget, classes and incomes."""
    make_venue(V1, area=600, build_mode="新建", completed_on=dt.date(2019, 5, 1))
    make_venue(V2, area=250, build_mode="扩建", completed_on=dt.date(2018, 3, 1))
    make_venue(V3, area=150, build_mode="原有", completed_on=None)
    for village, population in ((V1, 1200), (V2, 2500), (OTHER_TOWNSHIP, 800)):
        make_profile(village, population=population)
    first = make_person("马志强", dt.date(1970, 5, 1), 1, education="高中")
    second = make_person("李海", dt.date(1955, 3, 3), 2, education="初中")
    replaced = make_person("王平", dt.date(1965, 1, 9), 3, education="初中")
    new = make_person("周雪", dt.date(1985, 8, 8), 4, male=False, education="大专")
    make_holding(V1, first, start=dt.date(2015, 1, 1))
    make_holding(V1, first, position="村委会主任", start=dt.date(2015, 1, 1))
    make_holding(V2, second, start=dt.date(2016, 1, 1))
    holding = make_holding(V3, replaced, start=dt.date(2010, 1, 1), end=dt.date(2019, 6, 30))
    holding.end_reason = "调整撤换"
    holding.save()
    make_holding(V3, new, start=dt.date(2019, 7, 1))
    make_holding(OTHER_TOWNSHIP, make_person("杨帆", dt.date(1975, 2, 2), 5), start=dt.date(2017, 1, 1))
    leader = make_leader(first, V1, people=66123, households=150, poor_households=40)
    herder = make_person("陈泽恩", dt.date(1990, 6, 6), 6)
    make_leader(herder, V2, people=60000, households=100, source="回引", industry="养殖业",
                recognised_on=dt.date(2019, 4, 1))  # fmt: skip
    make_record(herder, "预备党员", dt.date(2019, 7, 1), V2)
    Support.objects.create(leader=leader, kind="贷款贴息", amount=50000, date=dt.date(2019, 5, 1))
    make_rating(V1, 2018, 4, score=85)
    make_rating(V2, 2018, 0, score=40)
    make_rating(V2, 2017, 0, score=42)
    BonusBudget.objects.create(county_id=COUNTY, year=2018, amount=3_522_000)
    county_class = make_class("书记轮训班", "县", end=dt.date(2019, 3, 5))
    demo = make_class("示范班", "自治区", dt.date(2019, 6, 1), dt.date(2019, 6, 3), is_demo=True, base="宁夏党校")
    city_class = make_class("市级班", "市", dt.date(2019, 8, 1), dt.date(2019, 8, 2))
    for training_class, person in ((county_class, first), (county_class, second), (demo, first), (city_class, new)):
        make_enrolment(training_class, person)
    VillageIncome.objects.bulk_create(
        [VillageIncome(village_id=V1, year=2018, income=8000), VillageIncome(village_id=V1, year=2019, income=8800),
         VillageIncome(village_id=V2, year=2019, income="9100.50")]
    )  # fmt: skip


def _node(code: str) -> Division:
    return Division.objects.get(code=code)


def _document(code: str, actor) -> Document:
    return Document(io.BytesIO(briefing_export(actor=actor, node=_node(code), as_of=D, start=F)))


def _figures(code: str) -> dict:
    """The registry's figures, computed apart from the briefing."""
    return REGISTRY.compute(Query.of(code, D, F))


def _matches(token: str, value) -> bool:
    """A number as written (16,725; 12.6万; 92.3%; 1:1:2) is the figure: exactly, or to the tenth of
    a 万 it shows."""
    if isinstance(value, str):
        return token == value
    text = token.replace(",", "").removesuffix("%")
    if text.endswith("万"):
        return abs(Decimal(text[:-1]) * 10_000 - Decimal(str(value))) <= 500
    places = Decimal(1).scaleb(-len(text.partition(".")[2]))
    return Decimal(text) == Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP)


def _numbers(sentence: str) -> list[str]:
    return NUMBER.findall(WORDS.sub("", sentence))


def _sentences(code: str):
    briefing = compose(_node(code), Query.of(code, D, F))
    return briefing, [s for section in briefing.sections for p in section.paragraphs for s in p]


def test_every_number_in_every_sentence_is_the_registrys_figure(dataset, county_user):
    for code in (COUNTY, TOWNSHIP):
        document, figures = _document(code, county_user), _figures(code)
        paragraphs = [p.text for p in document.paragraphs]
        _, sentences = _sentences(code)
        stated = 0
        for sentence in sentences:
            assert any(sentence.text in p for p in paragraphs), sentence.text
            tokens = _numbers(sentence.text)
            assert len(tokens) == len(sentence.ids), (sentence.text, sentence.ids)  # no number of its own
            for token, indicator_id in zip(tokens, sentence.ids, strict=True):
                assert _matches(token, figures[indicator_id]), (sentence.text, indicator_id, figures[indicator_id])
                stated += 1
        assert stated > 60


def test_the_report_manner_on_the_dataset(dataset, county_user):
    text = "\n".join(p.text for p in _document(COUNTY, county_user).paragraphs)
    assert "原州区抓党建促脱贫工作简报" in text and "截至2019年10月底" in text
    # Secretaries on D: 马志强 49, 李海 64, 周雪 34 (王平 was replaced in June), 杨帆 44.
    assert "在任村党组织书记4名，平均年龄47.8岁，60岁以下的占75.0%，高中以上学历的占50.0%" in text
    assert "致富带头人占25.0%，书记、主任“一肩挑”的占25.0%" in text
    assert "调整撤换村党组织书记1名" in text
    assert "共有致富带头人2名，带动12.6万人发展生产、增加收入" in text  # 126,123 people
    assert "投入村干部绩效考核奖励352.2万元" in text
    assert "比例为1:1:2" in text


def test_the_appendix_lists_every_figure_used_as_the_sentences_write_it(dataset, county_user):
    document = _document(TOWNSHIP, county_user)
    appendix = {row.cells[2].text: row for row in document.tables[-1].rows[1:]}
    briefing, sentences = _sentences(TOWNSHIP)
    assert list(appendix) == briefing.used()
    for sentence in sentences:
        for token, indicator_id in zip(_numbers(sentence.text), sentence.ids, strict=True):
            row = appendix[indicator_id].cells
            assert row[0].text == REGISTRY.get(indicator_id).label
            assert row[1].text == definition_of(REGISTRY.get(indicator_id))
            assert row[3].text.startswith(token)  # 12.6万 in the sentence, 12.6万人（126,123人） here
            assert (row[4].text, row[5].text) == ("2019-10-31", "2019-01-01至2019-10-31")
    # DOMAIN.md's figures carry its definition, not only their name.
    assert appendix["secretary_director_share"].cells[1].text.startswith("截止日期同时担任本村村委会主任的在任书记")


def test_a_node_without_wealth_leaders_says_so_instead_of_a_number(dataset, county_user):
    text = "\n".join(p.text for p in _document(SANYING, county_user).paragraphs)
    assert "截至2019年10月底，三营镇暂无致富带头人记录。" in text
    assert "暂无致富带头人带动农户的记录。" in text
    assert "在任村党组织书记1名" in text
    _, sentences = _sentences(SANYING)
    stated = {i for s in sentences for i in s.ids}
    assert not stated & {"wealth_leaders", "people_driven", "households_driven", "leaders_party_members"}


def test_a_node_without_records_states_no_figure_but_its_villages(dataset, county_user):
    text = "\n".join(p.text for p in _document(EMPTY_TOWNSHIP, county_user).paragraphs)
    for missing in ("暂无在任村党组织书记记录", "暂无新建和扩建村级组织活动场所记录", "2018年度暂无星级评定记录",
                    "暂无为民服务资金记录", "暂无村“两委”干部任职记录", "2019年度暂无村人均纯收入记录"):  # fmt: skip
        assert missing in text
    _, sentences = _sentences(EMPTY_TOWNSHIP)
    assert {i for s in sentences for i in s.ids} == {"villages", "villages_lacking_place"}


def test_the_childrens_table_is_the_childrens_figures(dataset, county_user):
    table = _document(COUNTY, county_user).tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[0] == "名称" and header[1] == "行政村数（个）" and len(header) == 1 + len(TABLE_IDS)
    children = list(Division.objects.filter(parent_id=COUNTY).order_by("code"))
    assert [row.cells[0].text for row in table.rows[1:]] == [c.name for c in children]
    for child, row in zip(children, table.rows[1:], strict=True):
        figures = _figures(child.code)
        for cell, indicator_id in zip(row.cells[1:], TABLE_IDS, strict=True):
            value = figures[indicator_id]
            assert cell.text == "—" if value is None else _matches(cell.text, value), (child.name, indicator_id)
    guanting = next(r for r in table.rows if r.cells[0].text == "官厅镇")
    assert [c.text for c in guanting.cells[1:]] == ["13", "15.4%", "3", "49.0", "2", "12.6万", "14万"]


def test_charts_are_drawn_with_a_cjk_font_or_left_out_with_a_sentence(dataset, county_user, monkeypatch):
    if briefing_charts.cjk_font() is None:
        pytest.skip("no CJK font on this machine (make setup installs fonts-wqy-microhei)")
    drawn = _document(COUNTY, county_user)
    assert len(drawn.inline_shapes) == 3  # stars, wealth leaders, the townships' wealth leaders
    assert "图1  各星级村党组织数（个）" in [p.text for p in drawn.paragraphs]
    monkeypatch.setattr(briefing_charts, "cjk_font", lambda: None)
    bare = _document(COUNTY, county_user)
    assert len(bare.inline_shapes) == 0
    assert NO_FONT in [p.text for p in bare.paragraphs]


def test_numbers_are_written_the_chinese_way():
    people, yuan, share, age = (REGISTRY.get(i) for i in ("people_driven", "bonus_budget", "venues_ge_200_share",
                                                          "secretary_avg_age"))  # fmt: skip
    assert [numbers.number(people, n) for n in (16725, 386000, 99999, 100000)] == ["16,725", "38.6万", "99,999", "10万"]
    assert numbers.with_unit(yuan, 3522000) == "352.2万元（3,522,000元）"
    assert [numbers.number(share, 99.1), numbers.number(share, 100)] == ["99.1%", "100.0%"]
    assert numbers.number(age, 48.5) == "48.5"
    assert numbers.number(people, None) == "—"
    assert numbers.as_of_line(dt.date(2019, 10, 31)) == "截至2019年10月底"
    assert numbers.as_of_line(dt.date(2019, 10, 23)) == "截至2019年10月23日"
    assert numbers.period(dt.date(2018, 7, 1), D) == "2018年7月1日至2019年10月31日"


def test_the_command_writes_the_briefing_as_the_system(dataset, tmp_path, capsys):
    out = tmp_path / "简报.docx"
    assert main(["briefing", "--code", TOWNSHIP, "--as-of", "2019-10-31", "--from", "2019-01-01", "-o", str(out)]) == 0
    assert Document(str(out)).paragraphs[0].text == "官厅镇抓党建促脱贫工作简报"
    assert "已生成 官厅镇 简报" in capsys.readouterr().out
    row = AuditLog.objects.get(action="导出", code=TOWNSHIP)
    assert (row.actor_name, row.note) == ("system", "简报（2019-01-01至2019-10-31）")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--code", "649999"], 2, "区划代码 649999 不存在"),
        (["--code", V1], 2, "是村级区划"),
        (["--code", TOWNSHIP, "--from", "2019-11-01"], 2, "起始日期不能晚于截止日期"),
        (["--code", TOWNSHIP, "-o", "/nonexistent/dir/b.docx"], 1, "无法写入 /nonexistent/dir/b.docx"),
    ],
)
def test_the_command_refuses_a_users_mistake_in_chinese(db, capsys, tmp_path, args, code, message):
    output = [] if "-o" in args else ["-o", str(tmp_path / "b.docx")]
    assert main(["briefing", "--as-of", "2019-10-31", *output, *args]) == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_the_node_page_links_its_briefing_for_its_date_and_period(client, county_user):
    client.force_login(county_user)
    page = client.get(reverse("reports:node", args=[COUNTY]), {"as_of": "2019-10-31", "from": "2019-03-01"})
    url = reverse("reports:briefing", args=[COUNTY]) + "?as_of=2019-10-31&amp;from=2019-03-01"
    assert url in page.content.decode() and "下载简报（Word）" in page.content.decode()


def test_the_download_is_the_nodes_briefing_and_is_audited(client, dataset, county_user):
    client.force_login(county_user)
    response = client.get(reverse("reports:briefing", args=[TOWNSHIP]), {"as_of": "2019-10-31", "from": "2019-01-01"})
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert "attachment" in response["Content-Disposition"]
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "官厅镇在任村党组织书记3名" in text
    row = AuditLog.objects.get(action="导出", code=TOWNSHIP)
    assert (row.actor_name, row.entity, row.note) == ("county", "export", "简报（2019-01-01至2019-10-31）")


@pytest.mark.parametrize(("persona", "code"), [("outsider", COUNTY), ("outsider", TOWNSHIP), ("clerk", COUNTY),
                                               ("county_user", V1), ("county_user", "640402999")])  # fmt: skip
def test_outside_the_area_or_for_a_village_the_download_is_404(db, client, request, persona, code):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("reports:briefing", args=[code])).status_code == 404
    assert not AuditLog.objects.filter(action="导出").exists()
