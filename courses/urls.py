from django.urls import path

from courses import views
from courses.h5p_serving import SandboxedH5PContentView

app_name = "courses"

urlpatterns = [
    path("programme/media/<int:document_id>/<str:document_filename>", views.serve_media, name="media"),
    # Answers before wagtail-lms's own view of the same path (lms/urls.py includes this module first).
    path("lms/h5p-content/<path:content_path>", SandboxedH5PContentView.as_view(), name="h5p_content"),
]
