"""English is one click away (the footer's language buttons set the language cookie), but Chinese
stays the default: the browser's Accept-Language never switches the language
(liangdai.core.middleware.ChosenLanguageMiddleware)."""

from pathlib import Path

import pytest
from django.conf import settings

ENGLISH_MO = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.mo"

needs_english = pytest.mark.skipif(
    not ENGLISH_MO.exists(),
    reason=f"{ENGLISH_MO} is not compiled (run `make setup` with GNU gettext's msgfmt installed)",
)

ENGLISH_TITLE = "<title>Log in · Two Leaders Information System</title>"
CHINESE_TITLE = "<title>登录 · 两个带头人信息系统</title>"


@needs_english
def test_language_cookie_en_shows_the_login_page_in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/login/").content.decode()
    assert ENGLISH_TITLE in page
    assert "<h1>Log in</h1>" in page
    assert '<html lang="en">' in page
    assert "登录" not in page


def test_without_the_cookie_the_login_page_is_chinese(client):
    page = client.get("/login/").content.decode()
    assert CHINESE_TITLE in page
    assert "<h1>登录</h1>" in page
    assert "Log in" not in page


def test_browser_accept_language_en_does_not_switch_to_english(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert CHINESE_TITLE in page
    assert "Log in" not in page
    assert response.headers["Content-Language"] == "zh-hans"


@needs_english
def test_the_footer_language_button_switches_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert ENGLISH_TITLE in client.get("/login/").content.decode()
