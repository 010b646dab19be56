from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("node/<str:code>/classes/", views.classes, name="classes"),
    path("node/<str:code>/classes/new/", views.class_new, name="class_new"),
    path("node/<str:code>/coverage/", views.coverage_page, name="coverage"),
    path("node/<str:code>/coverage/export/", views.coverage_export, name="coverage_export"),
    path("node/<str:code>/plan/", views.plan, name="plan"),
    path("node/<str:code>/plan/export/", views.plan_export, name="plan_export"),
    path("node/<str:code>/bases/", views.bases, name="bases"),
    path("node/<str:code>/bases/new/", views.base_new, name="base_new"),
    path("base/<int:pk>/edit/", views.base_edit, name="base_edit"),
    path("class/<int:pk>/", views.class_detail, name="class"),
    path("class/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("class/<int:pk>/completion/", views.completion, name="completion"),
]
