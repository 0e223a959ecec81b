from django.urls import path

from courses import views

app_name = "courses"

urlpatterns = [
    path("programme/media/<int:document_id>/<str:document_filename>", views.serve_media, name="media"),
]
