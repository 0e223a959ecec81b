from django.urls import path

from courses import h5p_views, views
from courses.h5p_serving import SandboxedH5PContentView

app_name = "courses"

urlpatterns = [
    path("programme/h5p-version-texte/<int:page_id>/<str:block_id>/", h5p_views.text_answer, name="h5p_text_answer"),
    path("programme/media/<int:document_id>/<str:document_filename>", views.serve_media, name="media"),
    # Answers before wagtail-lms's own view of the same path (lms/urls.py includes this module first).
    path("lms/h5p-content/<path:content_path>", SandboxedH5PContentView.as_view(), name="h5p_content"),
]
