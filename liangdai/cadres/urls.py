from django.urls import path

from . import views

app_name = "cadres"
urlpatterns = [
    path("village/<str:code>/", views.village, name="village"),
    path("village/<str:code>/holdings/new/", views.holding_new, name="holding_new"),
    path("village/<str:code>/secretary/replace/", views.secretary_replace, name="secretary_replace"),
    path("village/<str:code>/reserves/new/", views.reserve_new, name="reserve_new"),
    path("village/<str:code>/weak/new/", views.weak_new, name="weak_new"),
    path("holding/<int:pk>/end/", views.holding_end, name="holding_end"),
    path("reserve/<int:pk>/remove/", views.reserve_remove, name="reserve_remove"),
    path("weak/<int:pk>/steps/new/", views.step_new, name="step_new"),
    path("weak/<int:pk>/close/", views.weak_close, name="weak_close"),
    path("person/<int:pk>/", views.person, name="person"),
    path("person/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("person/<int:pk>/reveal/", views.person_reveal, name="person_reveal"),
    path("person/<int:pk>/history/", views.person_history, name="person_history"),
    path("warnings/", views.warnings, name="warnings"),
    path("warnings/export/", views.warnings_export, name="warnings_export"),
    path("node/<str:code>/reserves/", views.reserves, name="reserves"),
    path("node/<str:code>/weak/", views.weak, name="weak"),
]
