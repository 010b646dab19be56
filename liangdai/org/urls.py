# No app_name: `login` and `logout` are the plain names that settings.LOGIN_URL and
# LOGOUT_REDIRECT_URL refer to.
from django.urls import include, path

from . import views

urlpatterns = [
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("login/verify/", views.second_factor, name="second_factor"),
    path("account/second-factor/", views.second_factor_settings, name="second_factor_settings"),
    # The system and security administrators' pages (namespace `org`).
    path("org/", include("liangdai.org.admin_urls")),
]
