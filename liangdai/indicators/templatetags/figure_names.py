"""Filters that show a registered figure's name, unit and section in the user's language:
`{{ indicator|figure_label }}`, `{{ indicator|figure_unit }}`, `{{ text|figure_text }}`."""

from django import template

from liangdai.indicators.registry import label_of, unit_of

register = template.Library()


@register.filter
def figure_label(indicator) -> str:
    return label_of(indicator)


@register.filter
def figure_unit(indicator) -> str:
    return unit_of(indicator)
