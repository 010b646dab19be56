from django.urls import path

from . import cultivation_views, views

app_name = "party"
urlpatterns: list = [
    path("person/<int:pk>/stage/new/", views.stage_new, name="stage_new"),
    path("node/<str:code>/stage/new/", views.applicant_new, name="applicant_new"),
    path("node/<str:code>/due/", views.due, name="due"),
    path("node/<str:code>/cultivation/", cultivation_views.funnel, name="cultivation"),
    path("node/<str:code>/cultivation/<str:step>/", cultivation_views.people, name="cultivation_people"),
]
