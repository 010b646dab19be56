"""`manage.py check --deploy` passes under production settings (DESIGN.md security model).

Settings are read once per process, so each check runs in a fresh interpreter."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def deploy_check(**env) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    unset = {"PRODUCTION", "SECRET_KEY", "DEBUG", "LIANGDAI_DATA_KEY"}
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    environment |= {"DJANGO_SETTINGS_MODULE": "liangdai.settings", **env}
    return subprocess.run(command, env=environment, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120)


def test_deploy_checks_pass_under_production_settings():
    result = deploy_check(
        PRODUCTION="1", SECRET_KEY=secrets.token_urlsafe(64), DEBUG="0", LIANGDAI_DATA_KEY=secrets.token_urlsafe(32)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_deploy_checks_do_catch_a_development_setup():
    """The same checks fail without the production settings, so the test above proves something."""
    result = deploy_check(DEBUG="1")
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016", "security.W018"):
        assert check in result.stderr + result.stdout


def test_production_trusts_the_proxy_to_say_a_request_came_over_https():
    """Behind the reverse proxy, a request the proxy marks https is secure (no redirect loop); one
    it does not mark is plain HTTP and redirected."""
    script = (
        "import django; django.setup()\n"
        "from django.test import RequestFactory\n"
        "from django.http import HttpResponse\n"
        "from django.middleware.security import SecurityMiddleware\n"
        "ok = lambda request: HttpResponse('ok')\n"
        "factory = RequestFactory()\n"
        "marked = factory.get('/', headers={'X-Forwarded-Proto': 'https'})\n"
        "print(marked.is_secure(), SecurityMiddleware(ok)(marked).status_code)\n"
        "print(SecurityMiddleware(ok)(factory.get('/')).status_code)\n"
    )
    unset = {"PRODUCTION", "SECRET_KEY", "DEBUG", "LIANGDAI_DATA_KEY"}
    environment = {k: v for k, v in os.environ.items() if k not in unset} | {
        "DJANGO_SETTINGS_MODULE": "liangdai.settings",
        "PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "0",
        "LIANGDAI_DATA_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:2] == ["True 200", "301"]


def test_production_refuses_to_start_without_the_key_that_encrypts_the_numbers():
    result = deploy_check(PRODUCTION="1", SECRET_KEY=secrets.token_urlsafe(64), DEBUG="0")
    assert result.returncode != 0
    assert "生产环境必须设置环境变量 LIANGDAI_DATA_KEY" in result.stderr
    short = deploy_check(PRODUCTION="1", SECRET_KEY=secrets.token_urlsafe(64), DEBUG="0", LIANGDAI_DATA_KEY="short")
    assert short.returncode != 0 and "LIANGDAI_DATA_KEY" in short.stderr
