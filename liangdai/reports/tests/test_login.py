"""Login and logout through Django's auth views, in Chinese; every page needs a login; five failed
logins lock the account (django-axes)."""

from django.urls import reverse

from liangdai.audit.models import AuditLog
from liangdai.core.testing import PASSWORD


def login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_is_chinese(client, db):
    page = client.get(reverse("login")).content.decode()
    assert "用户名" in page and "密码" in page and "登录" in page


def test_login_lands_on_the_users_node_and_is_audited(client, clerk):
    response = login(client, "clerk", PASSWORD)
    assert response["Location"] == reverse("reports:home")
    assert client.get(response["Location"])["Location"] == reverse("reports:node", args=["640402103"])
    assert AuditLog.objects.filter(action="登录", actor_name="clerk").exists()


def test_wrong_password_is_explained_in_chinese(client, clerk):
    response = login(client, "clerk", "wrong-password")
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_five_failures_lock_the_account_with_a_chinese_page(client, clerk):
    for _ in range(5):
        response = login(client, "clerk", "wrong-password")
    assert response.status_code in (403, 429)
    page = response.content.decode()
    assert "账号已锁定" in page and "5次" in page and "30分钟" in page
    # Even the right password is refused while locked.
    assert "账号已锁定" in login(client, "clerk", PASSWORD).content.decode()


def test_logout_is_a_post_and_returns_to_login(client, clerk):
    client.force_login(clerk)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert client.get(reverse("reports:home")).status_code == 302


def test_pages_require_login(client, db):
    for url in (
        reverse("reports:home"),
        reverse("reports:node", args=["640402"]),
        reverse("villages:detail", args=["640402103215"]),
        reverse("villages:history", args=["640402103215"]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login") + "?next=")
