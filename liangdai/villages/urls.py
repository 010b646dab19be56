from django.urls import path

from . import views

app_name = "villages"
urlpatterns = [
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/history/", views.history, name="history"),
    path("<str:code>/profile/", views.profile_edit, name="profile_edit"),
    path("<str:code>/income/", views.income_edit, name="income_edit"),
    path("<str:code>/venue/", views.venue_edit, name="venue_edit"),
    path("<str:code>/spending/add/", views.spending_add, name="spending_add"),
    path("<str:code>/spending/<int:pk>/", views.spending_edit, name="spending_edit"),
    path("<str:code>/spending/<int:pk>/delete/", views.spending_delete, name="spending_delete"),
]
