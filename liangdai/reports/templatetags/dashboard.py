"""Tags of the dashboard: a figure's change against a year before, as a report writes it."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from liangdai.indicators.registry import unit_of

from .site import figure

register = template.Library()


@register.filter
def change_text(change, indicator) -> str:
    """'↑ 3.2个百分点' / '↓ 12人' / '持平'; a share changes by percentage points. The arrow is read
    out in words."""
    if change is None:
        return ""
    if change.direction == "same":
        return _("持平")
    unit = _("个百分点") if indicator.unit == "%" else unit_of(indicator)
    arrow, words = ("↑", _("比上年同期增加")) if change.direction == "up" else ("↓", _("比上年同期减少"))
    amount = figure(abs(change.difference), indicator.digits)
    # Translators: a number and its unit: 12人 in Chinese, "12 people" in English.
    with_unit = _("%(amount)s%(unit)s") % {"amount": amount, "unit": unit}
    return format_html('<span aria-hidden="true">{}</span><span class="sr-only">{}</span> {}', arrow, words, with_unit)
