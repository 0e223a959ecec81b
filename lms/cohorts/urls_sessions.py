"""Routes of the sessions' lifecycle pages (added to the cohorts namespace by urls.py)."""

from django.urls import path

from lms.cohorts import views_sessions

urlpatterns = [
    path("groupes/<int:pk>/seances/<int:session_pk>/modifier/", views_sessions.edit_session, name="edit_session"),
    path("groupes/<int:pk>/seances/<int:session_pk>/deplacer/", views_sessions.move_session, name="move_session"),
    path("groupes/<int:pk>/seances/<int:session_pk>/annuler/", views_sessions.cancel_session, name="cancel_session"),
    path("groupes/<int:pk>/seances/<int:session_pk>/supprimer/", views_sessions.delete_session, name="delete_session"),
    path("groupes/<int:pk>/convocations/", views_sessions.group_convocations, name="group_convocations"),
    path(
        "groupes/<int:pk>/seances/<int:session_pk>/convocations/",
        views_sessions.group_convocations,
        name="session_convocations",
    ),
    path(
        "groupes/<int:pk>/seances/<int:session_pk>/convocations/renvoyer/",
        views_sessions.resend_convocations,
        name="resend_convocations",
    ),
    path(
        "groupes/<int:pk>/seances/<int:session_pk>/convocations/apercu/",
        views_sessions.convocation_preview,
        name="convocation_preview",
    ),
]
