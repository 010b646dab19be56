"""Showing an audit row's before and after as the fields that changed."""

from django import template

register = template.Library()


@register.filter
def changes(row) -> list[tuple[str, object, object]]:
    """(field, before, after) for each field whose value differs; a whole value when not a dict."""
    before, after = row.before, row.after
    if not isinstance(before, dict) and not isinstance(after, dict):
        return [] if before is None and after is None else [("", before, after)]
    before, after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
    keys = list(dict.fromkeys([*before, *after]))
    return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]
