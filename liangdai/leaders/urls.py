from django.urls import path

from . import views

app_name = "leaders"
urlpatterns = [
    path("node/<str:code>/", views.node_list, name="list"),
    path("node/<str:code>/export/", views.node_export, name="export"),
    path("node/<str:code>/new/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/supports/new/", views.support_new, name="support_new"),
]
