from django.urls import path

from lms.cohorts import urls_sessions, views

app_name = "cohorts"

urlpatterns = [
    path("candidater/", views.apply, name="apply"),
    path("candidater/merci/", views.apply_done, name="apply_done"),
    path("groupes/", views.groups_overview, name="groups_overview"),
    # Served by lms.staff's group_hub (lms/urls.py routes it first); the name stays for reverse().
    path("groupes/<int:pk>/", views.group_detail, name="group_detail"),
    path("groupes/<int:pk>/seances/nouvelle/", views.schedule_session, name="schedule_session"),
    path(
        "groupes/<int:pk>/inscriptions/<int:enrolment_pk>/desistement/",
        views.withdraw_enrolment,
        name="withdraw_enrolment",
    ),
    path("candidatures/", views.applications, name="applications"),
    path("candidatures/nouvelle/", views.record_application, name="record_application"),
    path("candidatures/<int:pk>/", views.application_detail, name="application_detail"),
    path("candidatures/<int:pk>/entretien/", views.record_interview, name="record_interview"),
    path("candidatures/<int:pk>/charte/", views.record_charter, name="record_charter"),
    path("candidatures/<int:pk>/charte/document/", views.charter_document, name="charter_document"),
    path("candidatures/<int:pk>/inscription/", views.enrol_application, name="enrol_application"),
    path("candidatures/<int:pk>/invitation/", views.resend_invitation, name="resend_invitation"),
    path("mes-seances/", views.my_sessions, name="my_sessions"),
    path("mon-planning/", views.my_schedule, name="my_schedule"),
    path("calendrier/nouvelle-adresse/", views.renew_calendar_token, name="renew_calendar_token"),
    path("calendrier/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]

# Editing, moving, cancelling sessions and their convocations.
urlpatterns += urls_sessions.urlpatterns
