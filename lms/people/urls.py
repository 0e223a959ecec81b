from django.urls import path

from lms.people import account_views, views

app_name = "people"

urlpatterns = [
    path("mon-compte/", views.account, name="account"),
    path("mon-compte/mes-donnees/", views.data_export, name="data_export"),
    path("mon-compte/mes-donnees.json", views.data_export_json, name="data_export_json"),
    path("mon-compte/effacement/", views.erasure_request, name="erasure_request"),
    path("mon-compte/mot-de-passe/", account_views.password_change, name="password_change"),
    path("mon-compte/coordonnees/", account_views.contact_details, name="contact_details"),
    path("mon-compte/adresse-e-mail/", account_views.email_change, name="email_change"),
    path(
        "mon-compte/adresse-e-mail/confirmer/<str:token>/",
        account_views.email_change_confirm,
        name="email_change_confirm",
    ),
    path("mot-de-passe-oublie/", account_views.password_reset, name="password_reset"),
    path("mot-de-passe-oublie/envoye/", account_views.password_reset_done, name="password_reset_done"),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        account_views.ChoosePasswordView.as_view(),
        name="password_reset_confirm",
    ),
    path("invitation/<uidb64>/<token>/", account_views.InvitationView.as_view(), name="invitation"),
    path("gestion/effacements/", views.erasure_requests, name="erasure_requests"),
    path("gestion/effacements/<int:pk>/effacer/", views.erasure_process, name="erasure_process"),
    path("gestion/effacements/<int:pk>/refuser/", views.erasure_refuse, name="erasure_refuse"),
]
