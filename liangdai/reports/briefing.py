"""The Word briefing of a node (issue 10, DESIGN.md's `liangdai briefing`): the report that an
organisation department used to write by hand, written by the system from the registry's figures,
in the sections and manner of the practice (`briefing_sections`), with the children's table,
charts, and an appendix of every figure used. Audited as 导出."""

import datetime as dt
import io
from dataclasses import dataclass

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from liangdai.audit.services import record_export
from liangdai.indicators.definitions import definition_of
from liangdai.indicators.registry import REGISTRY, Query
from liangdai.org.models import Division

from . import briefing_charts, numbers, selectors
from .briefing_sections import SECTIONS, Facts, Section

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The children's main figures: one column each.
TABLE_IDS = [
    "villages",
    "venues_ge_200_share",
    "secretaries",
    "secretary_avg_age",
    "wealth_leaders",
    "people_driven",
    "fund_allocated",
]
NO_FONT = "本机未安装中文字体，本简报的图表从略（安装字体后重新生成即可附图）。"


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]  # a child's name, then its figures as the sentences write them
    chart: tuple[briefing_charts.Chart, tuple[str, ...]] | None = None


@dataclass
class Briefing:
    title: str
    query: Query
    values: dict  # the node's figures, all of the registry
    sections: list[Section]
    table: Table

    def used(self) -> list[str]:
        """Every figure the document states, in the order it first does."""
        ids = [i for s in self.sections for p in s.paragraphs for sentence in p for i in sentence.ids]
        ids += [i for s in self.sections for _, drawn in s.charts for i in drawn]
        ids += (TABLE_IDS if self.table.rows else []) + list(self.table.chart[1] if self.table.chart else ())
        return list(dict.fromkeys(ids))


def figures_of(query: Query, ids: list[str]) -> dict:
    """Only the figures `ids` (the groups that compute them), for the children's table."""
    values: dict = {}
    for group in REGISTRY.groups:
        if any(i.id in ids for i in group.indicators):
            values |= group.compute(query)
    return {i: values.get(i) for i in ids}


def children_table(node: Division, query: Query) -> Table:
    """The node's children (a township's: its administrative villages) with their main figures."""
    children = Division.objects.filter(parent=node).order_by("code")
    if selectors.is_township(node):
        children = children.filter(is_village=True)
    indicators = [REGISTRY.get(i) for i in TABLE_IDS]
    header = ["名称"] + [f"{i.label}（{i.unit}）" if i.unit not in ("", "%") else i.label for i in indicators]
    rows, leaders = [], []
    for child in children:
        values = figures_of(Query.of(child.code, query.as_of, query.start), TABLE_IDS)
        rows.append([child.name] + [numbers.number(i, values[i.id]) for i in indicators])
        leaders.append(values["wealth_leaders"] or 0)
    chart = None
    if any(leaders):
        texts = [row[1 + TABLE_IDS.index("wealth_leaders")] for row in rows]
        names = [row[0] for row in rows]
        chart = briefing_charts.Chart("下辖各地致富带头人（名）", names, leaders, texts, horizontal=True)
    return Table(header, rows, (chart, ("wealth_leaders",)) if chart else None)


def compose(node: Division, query: Query) -> Briefing:
    values = REGISTRY.compute(query)
    facts = Facts(node.name, query, values)
    title = f"{node.name}抓党建促脱贫工作简报"
    return Briefing(title, query, values, [write(facts) for write in SECTIONS], children_table(node, query))


def briefing_export(*, actor, node: Division, as_of: dt.date, start: dt.date) -> bytes:
    """The node's briefing as .docx bytes; audited as 导出 with the date and period."""
    briefing = compose(node, Query.of(node.code, as_of, start))
    buffer = io.BytesIO()
    render(briefing).save(buffer)
    record_export(
        actor=actor,
        code=node.code,
        note=f"简报（{start:%Y-%m-%d}至{as_of:%Y-%m-%d}）",
        held={"document": "简报", "as_of": as_of, "from": start, "figures": len(briefing.used())},
    )
    return buffer.getvalue()


# --- the Word document --------------------------------------------------------------------------


def render(b: Briefing) -> WordDocument:
    doc = Document()
    _styles(doc)
    doc.core_properties.title, doc.core_properties.author = b.title, "两个带头人信息系统"
    _centred(doc.add_paragraph(b.title, style="Title"))
    _centred(doc.add_paragraph(numbers.as_of_line(b.query.as_of)))
    _centred(doc.add_paragraph(f"统计期间：{numbers.period(b.query.start, b.query.as_of)}"))
    charted = any(s.charts for s in b.sections) or b.table.chart is not None
    font = briefing_charts.cjk_font() if charted else None
    if charted and font is None:
        _body(doc, NO_FONT)
    figure = 0
    for section in b.sections:
        doc.add_heading(section.title, level=1)
        for paragraph in section.paragraphs:
            _body(doc, "".join(sentence.text for sentence in paragraph))
        for chart, _ in section.charts if font else ():
            figure = _picture(doc, chart, font, figure + 1)
    doc.add_heading("八、下辖各地主要指标", level=1)
    if b.table.rows:
        _table(doc, b.table.header, b.table.rows)
        _body(doc, "表中“—”表示暂无相应记录。")
    else:
        _body(doc, "暂无下辖区划记录。")
    if b.table.chart and font:
        _picture(doc, b.table.chart[0], font, figure + 1)
    _appendix(doc, b)
    return doc


def _appendix(doc, b: Briefing) -> None:
    q = b.query
    doc.add_heading("附：指标口径", level=1)
    _body(
        doc,
        f"本简报的数字均取自系统指标登记，按登记的口径计算：截至{numbers.day(q.as_of)}的状况，"
        f"名称中注明“期间”的统计{numbers.period(q.start, q.as_of)}发生的事项；附表各列按同一口径计算至下辖各地。",
    )
    as_of, period = f"{q.as_of:%Y-%m-%d}", f"{q.start:%Y-%m-%d}至{q.as_of:%Y-%m-%d}"
    rows = []
    for indicator_id in b.used():
        indicator = REGISTRY.get(indicator_id)
        rows.append(
            [
                indicator.label,
                definition_of(indicator),
                indicator_id,
                numbers.with_unit(indicator, b.values[indicator_id]),
                as_of,
                period,
            ]
        )
    _table(doc, ["指标", "口径", "代码", "数值", "截至日期", "统计期间"], rows)


def _styles(doc) -> None:
    """Body in 仿宋, headings in 黑体, black: the look of a government document."""
    for name, east_asian, size in (("Normal", "仿宋", 12), ("Title", "黑体", 20), ("Heading 1", "黑体", 14)):
        style = doc.styles[name]
        style.font.name, style.font.size = "Times New Roman", Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        fonts = style.element.rPr.rFonts
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:eastAsia"), east_asian)


def _centred(paragraph) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _body(doc, text: str) -> None:
    paragraph = doc.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = Pt(24)
    paragraph.paragraph_format.line_spacing = 1.5


def _picture(doc, chart: briefing_charts.Chart, font: str, number: int) -> int:
    doc.add_picture(io.BytesIO(briefing_charts.png(chart, font)), width=Cm(15))
    _centred(doc.paragraphs[-1])
    _centred(doc.add_paragraph(f"图{number}  {chart.title}"))
    return number


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header), style="Table Grid")
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
