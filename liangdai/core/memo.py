"""Reads that one page asks for several times (a figure group behind the dashboard, a panel and a
warning), computed once per request. Only a request that changes nothing (GET, HEAD) remembers, and
only until it is answered, so no answer is ever stale; outside a request (command line, services)
every call computes."""

import functools
from collections.abc import Callable
from contextvars import ContextVar

SAFE_METHODS = ("GET", "HEAD")
_memo: ContextVar[dict | None] = ContextVar("request_memo", default=None)


def per_request(function: Callable) -> Callable:
    """`function`, called with hashable positional arguments, computed once per safe request."""

    @functools.wraps(function)
    def remembered(*args):
        memo = _memo.get()
        if memo is None:
            return function(*args)
        key = (function, args)
        if key not in memo:
            memo[key] = function(*args)
        return memo[key]

    return remembered


class RequestMemoMiddleware:
    """Gives each GET or HEAD request its own memo for `per_request`, dropped when it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
