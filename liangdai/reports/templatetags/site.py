"""Tags of the site layout: navigation links that tolerate pages not yet built, and figures
formatted the way a Chinese report prints them."""

from decimal import Decimal

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context, url_name: str, label: str, *args):
    """A navigation link to `url_name`; nothing at all while that page does not exist."""
    try:
        url = reverse(url_name, args=args)
    except NoReverseMatch:
        return ""
    request = context.get("request")
    current = request is not None and request.path.startswith(url) and url != "/"
    if current:
        return format_html('<a class="nav-link active" href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a class="nav-link" href="{}">{}</a>', url, label)


@register.filter
def figure(value, digits: int = 0) -> str:
    """A figure with thousands separators and `digits` decimals; a dash when it has no value."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    number = Decimal(str(value))
    if digits == 0 and number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,.{int(digits)}f}" if digits else f"{number:,.2f}"


@register.filter
def yuan(value) -> str:
    """An amount of money: whole yuan without decimals, otherwise two."""
    if value is None or value == "":
        return "—"
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,.2f}"


@register.filter
def yes_no(value) -> str:
    if value is None:
        return "—"
    return _("是") if value else _("否")


@register.filter
def minutes(value) -> int:
    """A timedelta in whole minutes (rounded up), for lockout and timeout notices."""
    seconds = int(value.total_seconds()) if hasattr(value, "total_seconds") else 0
    return -(-seconds // 60)


@register.simple_tag
def optional_url(url_name: str, *args) -> str:
    """The URL of a page that another slice may not have built yet; '' until it exists."""
    try:
        return reverse(url_name, args=args)
    except NoReverseMatch:
        return ""
