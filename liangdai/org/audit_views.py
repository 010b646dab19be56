"""The audit administrator's page: the audit log of their area, filtered, newest first. It lives with
the other administrators' pages in org; the audit app below it only writes."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from liangdai.core.dates import parse_date
from liangdai.core.web import int_param

from .admin_views import admin_page
from .audit_log import AuditFilter, audit_page, filter_choices
from .models import Role


def _filters(params) -> tuple[AuditFilter, list[str]]:
    """The filters of the query string; an unusable value is dropped, with the reason."""
    errors = []
    dates = {}
    for key, label in (("start", "起始日期"), ("end", "截止日期")):
        text = params.get(key, "").strip()
        dates[key] = parse_date(text) if text else None
        if text and dates[key] is None:
            errors.append(f"{label}“{text}”不是有效日期（例如 2024-03-01），已忽略")
    code = params.get("code", "").strip()
    if code and not code.isdigit():
        errors.append(f"区划代码“{code}”须为数字，已忽略")
        code = ""
    text = {key: params.get(key, "").strip() for key in ("actor", "action", "entity")}
    return AuditFilter(start=dates["start"], end=dates["end"], code=code, **text), errors


@require_GET
@admin_page(Role.AUDITADMIN)
def audit_list(request):
    filters, errors = _filters(request.GET)
    page = audit_page(actor=request.user, filters=filters, before=int_param(request.GET.get("before")))
    query = request.GET.copy()
    query.pop("before", None)
    context = {"rows": page.items, "next_before": page.next_cursor, "query": query, **filter_choices(request.user)}
    context |= {"filters": filters, "errors": errors}
    return render(request, "audit/list.html", context)
