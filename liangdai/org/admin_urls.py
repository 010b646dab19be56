"""The administrators' pages, under /org/ with the namespace `org` (login and logout, in urls.py,
keep plain names)."""

from django.urls import path

from . import admin_views as views

app_name = "org"
urlpatterns = [
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<int:user_id>/", views.user_edit, name="user_edit"),
    path("users/<int:user_id>/active/", views.user_active, name="user_active"),
    path("users/<int:user_id>/password/", views.user_password, name="user_password"),
    path("permissions/", views.permission_list, name="permissions"),
    path("permissions/<int:user_id>/role/", views.user_role, name="user_role"),
    path("permissions/<int:user_id>/reveal/", views.user_reveal, name="user_reveal"),
    path("permissions/<int:user_id>/second-factor/reset/", views.user_second_factor_reset, name="user_second_factor"),
]
