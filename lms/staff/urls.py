from django.urls import path

from lms.staff import views

app_name = "staff"

urlpatterns = [
    path("gestion/", views.home, name="home"),
    path("gestion/groupes/nouveau/", views.group_create, name="group_create"),
    path("gestion/groupes/<int:pk>/modifier/", views.group_edit, name="group_edit"),
    path("gestion/lieux/nouveau/", views.venue_create, name="venue_create"),
    path("gestion/lieux/<int:pk>/modifier/", views.venue_edit, name="venue_edit"),
]
