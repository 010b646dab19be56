"""The briefing's charts as PNG images: matplotlib's Agg renderer, with a CJK font found on the
machine (`make setup` installs fonts-wqy-microhei). Without one there is no chart at all, never
boxes in place of the characters; the briefing then says the charts are left out."""

import functools
import io
import os
from dataclasses import dataclass

# Families that draw Simplified Chinese, best first; the files they come in, for a font installed
# after matplotlib cached its font list.
CJK_FAMILIES = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Noto Sans CJK JP",
    "SimHei",
    "Microsoft YaHei",
)
CJK_FILES = ("wqy", "notosanscjk", "notosanssc", "sourcehansans", "simhei", "msyh")
COLOUR = "#b8322a"


@dataclass(frozen=True)
class Chart:
    """A bar chart of registry figures: one bar per label, each with the text the sentences use."""

    title: str
    labels: list[str]
    values: list[float]
    texts: list[str]
    horizontal: bool = False


def _known(names: set[str]) -> str | None:
    return next((family for family in CJK_FAMILIES if family in names), None)


@functools.cache
def cjk_font() -> str | None:
    """The family of a CJK font matplotlib can use, or None when the machine has none."""
    from matplotlib import font_manager

    found = _known({f.name for f in font_manager.fontManager.ttflist})
    if found is None:  # matplotlib keeps its font list in a cache written before the font came
        for path in font_manager.findSystemFonts():
            key = os.path.basename(path).lower().replace("-", "").replace("_", "")
            if key.startswith(CJK_FILES):
                font_manager.fontManager.addfont(path)
        found = _known({f.name for f in font_manager.fontManager.ttflist})
    return found


def png(chart: Chart, font: str) -> bytes:
    """The chart drawn with `font`, as PNG bytes. A bare Figure (no pyplot): no global state, safe
    in a threaded server."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    fp = FontProperties(family=font)
    height = max(2.8, 0.38 * len(chart.labels) + 1) if chart.horizontal else 3.2
    fig = Figure(figsize=(6.4, height), dpi=150, layout="constrained")
    ax = fig.subplots()
    positions = range(len(chart.labels))
    if chart.horizontal:
        bars = ax.barh(positions, chart.values, color=COLOUR)
        ax.set_yticks(positions, chart.labels, fontproperties=fp)
        ax.invert_yaxis()
    else:
        bars = ax.bar(positions, chart.values, color=COLOUR)
        ax.set_xticks(positions, chart.labels, fontproperties=fp)
    ax.bar_label(bars, labels=chart.texts, fontproperties=fp, padding=2)
    ax.set_title(chart.title, fontproperties=fp)
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(**({"x": 0.12} if chart.horizontal else {"y": 0.15}))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
