"""Every page is closed to anonymous users by default; the API answers 401; the login page and
the language switch stay open."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, path

OPEN = {"login", "set_language"}


def _patterns(resolver: URLResolver, prefix: str = "", route: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("api/"):
                continue
            ns = f"{entry.namespace}:" if entry.namespace else ""
            yield from _patterns(entry, prefix + ns, route + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, route + str(entry.pattern)


def _sample_path(pattern: str) -> str:
    """The route with its converters filled: codes and ids that need not exist."""
    path = pattern.replace("<str:code>", "640402103").replace("<int:pk>", "1").replace("<int:user_id>", "1")
    return "/" + path


@pytest.mark.parametrize(("name", "pattern"), sorted(set(_patterns(get_resolver()))))
def test_anonymous_users_are_sent_to_login_from_every_page(client, db, name, pattern):
    if name in OPEN:
        return
    response = client.get(_sample_path(pattern))
    assert response.status_code == 302, name
    assert response["Location"].startswith("/login/"), name


def test_the_api_answers_401_without_a_login(client, db):
    assert client.get("/api/indicators", {"code": "64", "as_of": "2019-10-31"}).status_code == 401


def test_the_login_page_and_the_language_switch_are_open(client, db):
    assert client.get("/login/").status_code == 200
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"


def _undecorated(request):
    from django.http import HttpResponse

    return HttpResponse("secret")


urlpatterns = [path("naked/", _undecorated), path("login/", lambda r: None, name="login")]


@pytest.mark.urls("liangdai.core.tests.test_login_required")
def test_a_page_that_forgets_its_decorator_is_still_closed(client, db):
    response = client.get("/naked/")
    assert response.status_code == 302 and b"secret" not in response.content
