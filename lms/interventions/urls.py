from django.urls import path

from lms.interventions import views

app_name = "interventions"

urlpatterns = [
    path("interventions/demande/", views.request_public, name="request_public"),
    path("interventions/demande/merci/", views.request_thanks, name="request_thanks"),
    path("interventions/avis/<str:token>/", views.partner_feedback, name="partner_feedback"),
    path("interventions/", views.team_requests, name="team_requests"),
    path("interventions/nouvelle/", views.request_create, name="request_create"),
    path("interventions/<int:pk>/", views.request_detail, name="request_detail"),
    path("interventions/<int:pk>/etape/", views.request_stage, name="request_stage"),
    path("interventions/<int:pk>/effacer-contact/", views.request_erase_contact, name="request_erase_contact"),
    path("interventions/<int:pk>/mise-en-relation/", views.request_matching, name="request_matching"),
    path("interventions/<int:pk>/rendez-vous/<str:kind>/", views.request_meeting, name="request_meeting"),
    path("interventions/<int:pk>/frais/<int:line_pk>/decision/", views.expense_decision, name="expense_decision"),
    path("interventions/<int:pk>/frais/<int:line_pk>/justificatif/", views.expense_receipt, name="expense_receipt"),
    path("interventions/<int:pk>/etat-de-frais.pdf", views.expense_statement_pdf, name="expense_statement"),
    path("interventions/mes-interventions/", views.my_interventions, name="my_interventions"),
    path("interventions/mes-interventions/<int:pk>/", views.my_proposal, name="my_proposal"),
    path("interventions/mes-interventions/<int:pk>/reponse/", views.my_answer, name="my_answer"),
    path("interventions/mes-interventions/<int:pk>/avis/", views.my_feedback, name="my_feedback"),
    path("interventions/mes-interventions/<int:pk>/frais/", views.my_expense_add, name="my_expense_add"),
]
