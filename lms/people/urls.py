from django.urls import path

from lms.people import views

app_name = "people"

urlpatterns = [
    path("mon-compte/", views.account, name="account"),
    path("mon-compte/mes-donnees/", views.data_export, name="data_export"),
    path("mon-compte/mes-donnees.json", views.data_export_json, name="data_export_json"),
    path("mon-compte/effacement/", views.erasure_request, name="erasure_request"),
    path("gestion/effacements/", views.erasure_requests, name="erasure_requests"),
    path("gestion/effacements/<int:pk>/effacer/", views.erasure_process, name="erasure_process"),
    path("gestion/effacements/<int:pk>/refuser/", views.erasure_refuse, name="erasure_refuse"),
]
