"""Production: every secret and host comes from the environment; HTTPS everywhere."""

from lms.settings.base import *  # noqa: F403
from lms.settings.base import ENV, SITE_BASE_URL, STORAGES
from lms.settings.env import cache_config, csv_list, host_of

DEBUG = False
SECRET_KEY = ENV["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = csv_list(ENV.get("ALLOWED_HOSTS", "")) or [host_of(SITE_BASE_URL)]
if ENV.get("H5P_CONTENT_ORIGIN"):
    ALLOWED_HOSTS.append(host_of(ENV["H5P_CONTENT_ORIGIN"]))
CSRF_TRUSTED_ORIGINS = csv_list(ENV.get("CSRF_TRUSTED_ORIGINS", "")) or [SITE_BASE_URL]

SECURE_SSL_REDIRECT = ENV.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(ENV.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSP_UPGRADE_INSECURE_REQUESTS = True
# Only behind a proxy that sets it: otherwise any client writes its own address (README: default empty).
LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR = ENV.get("LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR", "") == "1"
# Every process must see the same cache: Redis, or the database (check --deploy refuses memory).
CACHES = {"default": cache_config(ENV, shared=True)}

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = ENV.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")

# The H5P player runs its content in a same-origin iframe, so framing stays SAMEORIGIN, not DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
