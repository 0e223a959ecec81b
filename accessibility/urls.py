from django.urls import path

from accessibility import views

app_name = "accessibility"

urlpatterns = [
    path("accessibilite/", views.AccessibilityStatementView.as_view(), name="statement"),
]
