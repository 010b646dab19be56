from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("n/<str:code>/", views.node, name="node"),
    path("n/<str:code>/figures.xlsx", views.figure_table, name="figure_table"),
    path("n/<str:code>/briefing.docx", views.briefing, name="briefing"),
    path("search/", views.search, name="search"),
]
