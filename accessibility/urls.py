from django.urls import path

from accessibility import views

app_name = "accessibility"

urlpatterns = [
    path("accessibilite/", views.AccessibilityStatementView.as_view(), name="statement"),
    path("accessibilite/auto-evaluation/", views.self_check, name="self_check"),
    path("accessibilite/auto-evaluation/<int:theme_number>/", views.self_check_theme, name="self_check_theme"),
    path("accessibilite/affichage/", views.display_preferences, name="preferences"),
    path("accessibilite/mes-besoins/", views.trainee_needs, name="my_needs"),
    path("accessibilite/stagiaires/<int:trainee_id>/besoins/", views.trainee_needs, name="trainee_needs"),
    path("accessibilite/seances/<int:session_id>/amenagements/", views.session_plan, name="session_plan"),
]
