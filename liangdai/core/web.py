"""Small helpers that every page view shares: login required, and outside the area is 404."""

import datetime as dt
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils import timezone

from liangdai.core.dates import parse_date
from liangdai.core.errors import DomainError, NotFound


def area_view(view):
    """A page that needs a login and answers 404 for anything outside the user's area
    (NotFound from `scoping.check_code`), the same as for something missing."""

    @wraps(view)
    def in_area(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            raise Http404 from None

    # Anonymous users never get here (core.middleware.LoginRequiredMiddleware, which also sends a
    # live htmx update to the login page); login_required stays as a second lock.
    return login_required(in_area)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def apply_form(form, service, **kwargs) -> bool:
    """Run `service` with the form's cleaned data; a DomainError lands next to its field (the
    service names the field in `column`) or above the form. True when it was saved."""
    if not form.is_valid():
        return False
    try:
        service(**kwargs, **form.cleaned_data)
    except DomainError as exc:
        form.add_error(exc.column if exc.column in form.fields else None, exc.message)
        return False
    return True


def period(params) -> tuple[dt.date, dt.date, list[str]]:
    """The as-of date and period start of a page (GET `as_of`, `from`): today and 1 January of the
    as-of year unless given; unusable input falls back to those, with the reason."""
    errors = []
    as_of = parse_date(params.get("as_of") or "")
    if params.get("as_of") and as_of is None:
        errors.append(f"截止日期“{params['as_of']}”不是有效日期，已使用今天")
    as_of = as_of or timezone.localdate()
    start = parse_date(params.get("from") or "")
    if params.get("from") and start is None:
        errors.append(f"起始日期“{params['from']}”不是有效日期，已使用当年1月1日")
    if start is not None and start > as_of:
        errors.append("起始日期不能晚于截止日期，已使用当年1月1日")
        start = None
    return as_of, start or dt.date(as_of.year, 1, 1), errors
