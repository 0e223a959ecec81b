from django.urls import path

from lms.followup import views

app_name = "followup"

urlpatterns = [
    path("suivi/mon-plan/<int:pk>/", views.my_plan, name="my_plan"),
    path("suivi/mon-plan/<int:pk>/relecture/", views.my_plan_submit, name="my_plan_submit"),
    path("suivi/plans/<int:pk>/actions/ajouter/", views.action_add, name="action_add"),
    path("suivi/", views.team_plans, name="team_plans"),
    path("suivi/plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("suivi/plans/<int:pk>/decision/", views.plan_decision, name="plan_decision"),
    path("suivi/mon-plan/<int:pk>/parler-avec-l-equipe/", views.my_meeting_request, name="my_meeting_request"),
    path("suivi/plans/<int:pk>/rendez-vous/nouveau/", views.meeting_schedule, name="meeting_schedule"),
    path("suivi/rendez-vous/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("suivi/rendez-vous/<int:pk>/programmer/", views.meeting_schedule_request, name="meeting_schedule_request"),
    path("suivi/rendez-vous/<int:pk>/annuler/", views.meeting_cancel, name="meeting_cancel"),
    path("suivi/plans/<int:pk>/etapes/<int:step_pk>/faite/", views.next_action_done, name="next_action_done"),
    path("suivi/reunions/nouvelle/", views.network_meeting_create, name="network_meeting_create"),
    path("suivi/plans/<int:pk>/actions/<int:action_pk>/", views.action_progress, name="action_progress"),
    path("suivi/plans/<int:pk>/actions/<int:action_pk>/preuve/", views.action_evidence, name="action_evidence"),
    path("suivi/questionnaires/<int:pk>/", views.my_questionnaire, name="my_questionnaire"),
    path("suivi/plans/<int:pk>/indicateurs/<str:milestone>/", views.team_questionnaire, name="team_questionnaire"),
]
