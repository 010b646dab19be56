"""Filters of the account pages."""

from django import template

from liangdai.core import idnumbers

register = template.Library()


@register.filter
def account_phone(phone: str, viewer) -> str:
    """An account holder's phone as `viewer` may read it: masked unless they hold the right to
    reveal numbers, which no administrator does (三权分立), so on the account pages always masked."""
    if not phone:
        return "—"
    return phone if getattr(viewer, "can_reveal", False) else idnumbers.mask_phone(phone)
