"""Filters of the cadres pages: numbers masked for whoever has not revealed them, ages on a date."""

import datetime as dt

from django import template
from django.utils import timezone

from liangdai.core import idnumbers
from liangdai.core.dates import age_on

register = template.Library()


@register.filter
def masked_id(number: str, revealed: bool = False) -> str:
    return number if revealed else idnumbers.mask(number or "")


@register.filter
def masked_phone(phone: str, revealed: bool = False) -> str:
    return phone if revealed else idnumbers.mask_phone(phone or "")


@register.filter
def age(birth: dt.date | None, day: dt.date | None = None) -> int | str:
    """Completed years on `day` (today when not given)."""
    if birth is None:
        return ""
    return age_on(birth, day or timezone.localdate())
