"""Root URL configuration. Wagtail's page serving comes last: it answers every other path."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from lms.people.forms import LoginForm
from lms.staff import views as staff_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("connexion/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("accessibility.urls")),
    path("", include("lms.people.urls")),
    path("", include("lms.attendance.urls")),
    # The group page is the hub of a group: it reads from every delivery app, so lms.staff serves it
    # at the address of cohorts:group_detail (this line must come before the cohorts URLs).
    path("groupes/<int:pk>/", staff_views.group_hub, name="group_hub"),
    path("", include("lms.staff.urls")),
    path("", include("lms.cohorts.urls")),
    path("", include("lms.learning.urls")),
    path("", include("lms.certificates.urls")),
    path("", include("lms.followup.urls")),
    path("", include("lms.interventions.urls")),
    path("", include("lms.surveys.urls")),
    path("", include("lms.directory.urls")),
    path("", include("lms.tenders.urls")),
    path("", include("lms.reporting.urls")),
    path("", include("courses.urls")),
    path("lms/", include("wagtail_lms.urls")),
]

if settings.DEBUG:
    from django.urls import re_path
    from django.views.static import serve

    # Development only, and only Wagtail's public images: every other upload (signatures, work,
    # certificates, charters, documents) goes through views that check who asks.
    urlpatterns += [
        re_path(r"^media/(?P<path>(?:original_images|images)/.+)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]

# 403 and 404 use Django's handlers with templates/403.html and 404.html; the 500 page must render
# even when the database is down.
handler500 = "lms.errors.server_error"
