from django.urls import path

from lms.directory import views

app_name = "directory"

urlpatterns = [
    path("mon-espace/annuaire/", views.my_entries, name="mine"),
    path("mon-espace/annuaire/commencer/<int:plan_pk>/", views.my_entry_start, name="my_entry_start"),
    path("mon-espace/annuaire/<int:pk>/", views.my_entry, name="my_entry"),
    path("mon-espace/annuaire/<int:pk>/envoyer/", views.my_entry_submit, name="my_entry_submit"),
    path("mon-espace/annuaire/<int:pk>/retirer/", views.my_entry_withdraw, name="my_entry_withdraw"),
    path("mon-espace/annuaire/<int:pk>/supprimer/", views.my_entry_delete, name="my_entry_delete"),
    path("mon-espace/annuaire/<int:pk>/photo/", views.my_entry_photo, name="my_entry_photo"),
    path("gestion/annuaire/", views.team_list, name="team_list"),
    path("gestion/annuaire/<int:pk>/", views.team_entry, name="team_entry"),
    path("gestion/annuaire/<int:pk>/decision/", views.team_decision, name="team_decision"),
    path("gestion/annuaire/<int:pk>/photo/", views.team_photo, name="team_photo"),
    path("annuaire/", views.public_list, name="public_list"),
    path("annuaire/<slug:slug>/", views.public_entry, name="public_entry"),
    path("annuaire/<slug:slug>/photo/", views.public_photo, name="public_photo"),
]
