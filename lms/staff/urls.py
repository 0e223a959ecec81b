from django.urls import path

from lms.staff import views

app_name = "staff"

urlpatterns = [
    path("gestion/", views.home, name="home"),
    path("gestion/groupes/nouveau/", views.group_create, name="group_create"),
    path("gestion/groupes/<int:pk>/modifier/", views.group_edit, name="group_edit"),
    path("gestion/lieux/nouveau/", views.venue_create, name="venue_create"),
    path("gestion/lieux/<int:pk>/modifier/", views.venue_edit, name="venue_edit"),
    path("gestion/regles-de-fin-de-formation/", views.completion_rules, name="completion_rules"),
    path(
        "gestion/regles-de-fin-de-formation/<int:course_pk>/", views.completion_rule_edit, name="completion_rule_edit"
    ),
    path("gestion/personnes/nouvelle/", views.person_create, name="person_create"),
    path("gestion/amenagements/", views.arrangements_catalogue, name="arrangements_catalogue"),
    path("gestion/amenagements/prestataires/nouveau/", views.provider_create, name="provider_create"),
    path("gestion/amenagements/prestataires/<int:pk>/", views.provider_edit, name="provider_edit"),
]
