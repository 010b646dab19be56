from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("n/<str:code>/", views.node, name="node"),
    path("search/", views.search, name="search"),
]
