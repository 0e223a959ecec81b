from django.urls import path

from lms.surveys import views, views_complaints

app_name = "surveys"

urlpatterns = [
    path("questionnaires/r/<str:token>/", views.answer, name="answer"),
    path("questionnaires/merci/", views.thanks, name="thanks"),
    path("questionnaires/mes-questionnaires/", views.my_surveys, name="my_surveys"),
    path("questionnaires/mes-questionnaires/<int:pk>/", views.answer_mine, name="answer_mine"),
    path("questionnaires/resultats/", views.results_index, name="results"),
    path("questionnaires/resultats/<int:pk>/", views.campaign_results, name="campaign_results"),
    path("questionnaires/resultats/<int:pk>/export.csv", views.campaign_export, name="campaign_export"),
    path("satisfaction/resultats/", views.public_results, name="public_results"),
    path("reclamation/", views_complaints.complaint_public, name="complaint_public"),
    path("reclamation/merci/", views_complaints.complaint_thanks, name="complaint_thanks"),
    path("mon-espace/reclamation/", views_complaints.complaint_mine, name="complaint_mine"),
    path("reclamations/", views_complaints.complaints, name="complaints"),
    path("reclamations/incident/", views_complaints.incident_new, name="incident_new"),
    path("reclamations/<int:pk>/", views_complaints.complaint_detail, name="complaint_detail"),
    path("reclamations/<int:pk>/<slug:step>/", views_complaints.complaint_step, name="complaint_step"),
    path("ameliorations/", views_complaints.actions, name="actions"),
    path("ameliorations/nouvelle/", views_complaints.action_new, name="action_new"),
    path("ameliorations/<int:pk>/", views_complaints.action_detail, name="action_detail"),
    path("ameliorations/revue/", views_complaints.annual_review, name="review"),
    path("ameliorations/revue/export.csv", views_complaints.annual_review_export, name="review_export"),
]
