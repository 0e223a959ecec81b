from django.urls import path

from lms.learning import views

app_name = "learning"

urlpatterns = [
    path("travaux/", views.my_work, name="my_work"),
    path("travaux/<int:assignment_id>/", views.answer, name="answer"),
    path("travaux/<int:assignment_id>/stagiaires/<int:trainee_id>/", views.review, name="review"),
    path("travaux/groupe/<int:group_id>/", views.group_work, name="group_work"),
    path("travaux/fichiers/reponse/<int:submission_id>/", views.submission_media, name="submission_media"),
    path("travaux/fichiers/retour/<int:feedback_id>/", views.feedback_audio, name="feedback_audio"),
    path("objectifs/groupe/<int:group_id>/", views.group_objectives, name="group_objectives"),
    path("objectifs/groupe/<int:group_id>/export.csv", views.export_objectives, name="export_objectives"),
    path(
        "objectifs/groupe/<int:group_id>/stagiaires/<int:trainee_id>/",
        views.trainee_objectives,
        name="trainee_objectives",
    ),
    path(
        "objectifs/groupe/<int:group_id>/stagiaires/<int:trainee_id>/<slug:kind_slug>/",
        views.assess,
        name="assess",
    ),
]
