"""Serves the files of extracted H5P packages so that none of them runs with the site's rights.

The player loads package files as subresources (scripts, styles, images, fonts, JSON), where a
response's own Content-Security-Policy has no effect; a file opened directly (an SVG or XML image
in a new tab, a link someone sends) becomes a document, and there `sandbox` gives it an opaque
origin without scripts: it can neither run nor read the site's cookies. Where H5P_CONTENT_ORIGIN is
set, the player fetches the files from that separate, cookie-less origin (CORS for the site)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404
from django.views import View
from wagtail_lms.views import ServeH5PContentView

# For a package file opened as a document: no script, no plugin, nothing fetched from elsewhere.
PACKAGE_FILE_POLICY = (
    "sandbox; default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; media-src 'self'; frame-ancestors 'self'"
)


def content_origin() -> str:
    """The separate origin H5P package files are served from ("" when they share the site's)."""
    return (getattr(settings, "H5P_CONTENT_ORIGIN", "") or "").rstrip("/")


def content_base_url(activity) -> str:
    """Where the player finds an activity's extracted package (h5p.json, content/, libraries)."""
    return f"{content_origin()}{activity.get_content_base_url()}"


def _site_origin() -> str:
    parts = urlsplit(settings.SITE_BASE_URL)
    return f"{parts.scheme}://{parts.netloc}"


class SandboxedH5PContentView(ServeH5PContentView):
    """wagtail-lms's package file view (path checks, storage, caching) with a sandbox policy and
    nosniff on every file; on the content origin, no login (no cookie reaches it) and CORS."""

    def on_content_origin(self, request) -> bool:
        origin = content_origin()
        return bool(origin) and request.get_host() == urlsplit(origin).netloc

    def dispatch(self, request, *args, **kwargs):
        if self.on_content_origin(request):
            # A cookie-less origin cannot check a login; what it serves is curriculum content.
            return View.dispatch(self, request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def normalize_content_path(self, content_path):
        normalized = super().normalize_content_path(content_path)
        # Hidden and underscore files ("__MACOSX/", ".DS_Store") are skipped by the validator as H5P
        # core skips them: they are never served either. The first part is the package's folder.
        if any(part.startswith((".", "_")) for part in normalized.split("/")[1:]):
            raise Http404("File not found")
        return normalized

    def apply_security_headers(self, response):
        response["Content-Security-Policy"] = PACKAGE_FILE_POLICY
        response["X-Content-Type-Options"] = "nosniff"
        response["X-Frame-Options"] = "SAMEORIGIN"
        if self.on_content_origin(self.request):
            response["Access-Control-Allow-Origin"] = _site_origin()
            response["Cross-Origin-Resource-Policy"] = "cross-origin"
        else:
            response["Cross-Origin-Resource-Policy"] = "same-origin"
        return response
