"""The project's URLs plus views that fail, for the error page tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from lms.urls import handler500  # noqa: F401
from lms.urls import urlpatterns as project_urlpatterns


def broken(request):
    raise RuntimeError("Something broke")


def forbidden(request):
    raise PermissionDenied


def database_down(request):
    from django.db import OperationalError

    raise OperationalError("database is down")


urlpatterns = [
    path("test-erreurs/500/", broken),
    path("test-erreurs/403/", forbidden),
    path("test-erreurs/base-indisponible/", database_down),
    *project_urlpatterns,
]
