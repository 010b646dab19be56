"""Showing an audit row's before and after as the fields that changed."""

from django import template

from liangdai.org.audit_log import field_changes

register = template.Library()


@register.filter
def changes(row) -> list[tuple[str, object, object]]:
    """(field, before, after) for each field whose value differs; a whole value when not a dict.
    Identity and phone numbers are masked (`audit_log.field_changes`)."""
    return field_changes(row.before, row.after)
