"""Small helpers that every page view shares: login required, and outside the area is 404."""

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from liangdai.core.dates import DATE_RANGE, in_range, read_date
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


def int_param(value: str | None, minimum: int | None = None, maximum: int | None = None) -> int | None:
    """A whole number from a query string, or None: ASCII digits only ('²'.isdigit() is True, and
    int('²') fails), within the bounds given."""
    if not value or len(value) > 18 or not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


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


def form_action(request, form, *, run, title: str, back, template: str, context=None, not_found=None):
    """The shape of every form page that runs one service: GET shows `form`; POST runs
    `run(**form.kwargs())` and goes to `back` (a URL, or a function of what `run` returned), or shows
    the form again with each DomainError in Chinese next to the field it names. With `not_found`
    (field, message), a NotFound from the service (a choice outside the area) is that field's error
    instead of a 404. The caller checks the right to write before building the form."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = run(**form.kwargs())
        except DomainError as exc:
            form.add_error(exc.column if exc.column in form.fields else None, exc.message)
        except NotFound:
            if not_found is None:
                raise
            field, message = not_found
            form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, f"{title}：已保存")
            return redirect(back(saved) if callable(back) else back)
    return render(request, template, {"form": form, "title": title, **(context or {})})


def period(params) -> tuple[dt.date, dt.date, list[str]]:
    """The as-of date and period start of a page (GET `as_of`, `from`): today and 1 January of the
    as-of year unless given; unusable input (not a date, or outside dates.DATE_RANGE) falls back to
    those, with the reason."""
    errors = []
    as_of = _period_date(params, "as_of", "截止日期", "已使用今天", errors) or timezone.localdate()
    start = _period_date(params, "from", "起始日期", "已使用当年1月1日", errors)
    if start is not None and start > as_of:
        errors.append("起始日期不能晚于截止日期，已使用当年1月1日")
        start = None
    return as_of, start or dt.date(as_of.year, 1, 1), errors


def _period_date(params, key: str, label: str, fallback: str, errors: list[str]) -> dt.date | None:
    text = params.get(key) or ""
    day = read_date(text)
    if text and day is None:
        errors.append(f"{label}“{text}”不是有效日期，{fallback}")
    elif day is not None and not in_range(day):
        errors.append(f"{label}“{text}”超出可用范围（{DATE_RANGE}），{fallback}")
        day = None
    return day
