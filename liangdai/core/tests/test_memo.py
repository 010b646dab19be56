"""A read asked for twice while one page is built is computed once; never across requests, never
while a request may write, never outside a request."""

from django.http import HttpResponse
from django.test import RequestFactory

from liangdai.core.memo import RequestMemoMiddleware, per_request

calls: list[tuple] = []


@per_request
def figure(code: str) -> int:
    calls.append((code,))
    return len(calls)


def page(request):
    return HttpResponse(f"{figure('64')} {figure('64')} {figure('6404')}")


def answer(method: str) -> str:
    request = getattr(RequestFactory(), method)("/")
    return RequestMemoMiddleware(page)(request).content.decode()


def test_a_get_computes_each_read_once_and_the_next_request_anew():
    calls.clear()
    assert answer("get") == "1 1 2"
    assert answer("get") == "3 3 4"  # a new request: nothing remembered from the last


def test_a_request_that_may_write_and_a_call_outside_a_request_always_compute():
    calls.clear()
    assert answer("post") == "1 2 3"
    assert (figure("64"), figure("64")) == (4, 5)
