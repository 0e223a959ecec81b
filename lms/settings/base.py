"""Settings shared by every environment; each value that differs per deployment comes from the
environment (see README, "Configuration")."""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from lms.settings.env import cache_config, csv_list, database_config, q_cluster_config, storages_config

BASE_DIR = Path(__file__).resolve().parent.parent.parent
ENV = os.environ

SECRET_KEY = ENV.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = csv_list(ENV.get("ALLOWED_HOSTS", "localhost,127.0.0.1"))

INSTALLED_APPS = [
    # Platform apps first so their templates override third-party ones.
    "lms.people",
    "courses",
    "accessibility",
    "lms.cohorts",
    "lms.learning",
    "lms.certificates",
    "lms.security",
    "lms.attendance",
    "lms.staff",
    "lms.followup",
    "lms.interventions",
    "lms.surveys",
    "lms.directory",
    "lms.tenders",
    "lms.reporting",
    "wagtail_lms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lms.security.guards.RequestGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.security.middleware.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "accessibility.context_processors.display_preferences",
            ],
        },
    },
]

DATABASES = {"default": database_config(ENV, BASE_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": cache_config(ENV)}
Q_CLUSTER = q_cluster_config(ENV)

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = ["lms.security.backends.ThrottledModelBackend"]
LOGIN_URL = "login"
# "Mon espace" sends each role on to its own starting page.
LOGIN_REDIRECT_URL = "/mon-espace/"
LOGOUT_REDIRECT_URL = "/"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French first; English through the language switcher (cookie, no URL prefix).
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(ENV.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = storages_config(ENV)
# Uploads above this size go to a temporary file rather than memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = ENV.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = ENV.get("DEFAULT_FROM_EMAIL", "EPoP formations <ne-pas-repondre@epop.local>")
EMAIL_HOST = ENV.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(ENV.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = ENV.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = ENV.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = ENV.get("EMAIL_USE_TLS", "") == "1"

SITE_BASE_URL = ENV.get("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# Open Contracting Data Standard: the publisher's ocid prefix (registered with the OCDS helpdesk; the
# default is a placeholder) and the publisher's name in the release packages of the calls for tenders.
OCDS_OCID_PREFIX = ENV.get("OCDS_OCID_PREFIX", "ocds-epop00").strip()
OCDS_PUBLISHER_NAME = ENV.get("OCDS_PUBLISHER_NAME", "EPoP formations").strip()

WAGTAIL_SITE_NAME = "EPoP formations"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
WAGTAIL_I18N_ENABLED = False
# Wagtail's documents are checked by extension only (not by content), so the list is short: no
# archive, no markup, no script; /documents/ sends every one as an attachment with nosniff and
# Wagtail's "default-src 'none'" policy. Curriculum media play through courses.views.serve_media.
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "txt", "rtf", "ods", "xlsx", "csv", "pptx", "odp", "vtt"]
WAGTAILDOCS_EXTENSIONS += ["mp4", "webm", "ogv", "mp3", "m4a", "ogg", "wav"]  # curriculum videos and audio
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Size limits of the upload policies (lms/uploads/policy.py), in bytes, by policy name, e.g.
# {"attendance.material": 100 * 1024 * 1024}; a policy not named here keeps its own default.
UPLOAD_LIMITS = {}
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# An administrator may create a person without a password: they get the invitation e-mail instead.
WAGTAILUSERS_PASSWORD_REQUIRED = False

# No third-party calls from the admin: no Gravatar (e-mail hashes), no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# wagtail-lms: we use its H5P player and xAPI endpoint inside our own page tree.
WAGTAIL_LMS_REGISTER_DJANGO_ADMIN = False
# Every uploaded H5P package goes through courses.h5p.validate_h5p_package (see courses/viewsets.py).
WAGTAIL_LMS_H5P_ACTIVITY_VIEWSET_CLASS = "courses.viewsets.H5PActivityViewSet"
WAGTAIL_LMS_H5P_SNIPPET_VIEWSET_CLASS = "courses.viewsets.H5PActivitySnippetViewSet"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_AGE = 60 * 60 * 8  # a working day; shared computers in training rooms
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy (lms/security/csp.py): extra sources per directive, e.g. an S3 media host.
CSP_EXTRA_SOURCES = {
    "frame-src": [
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
        "https://www.dailymotion.com",
    ],
    **({"img-src": [ENV["CSP_MEDIA_HOST"]], "media-src": [ENV["CSP_MEDIA_HOST"]]} if ENV.get("CSP_MEDIA_HOST") else {}),
}
CSP_ADMIN_PATH_PREFIXES = ["/admin/"]
# H5P content types that need more than the player itself (e.g. "'unsafe-eval'"), comma-separated.
CSP_H5P_EXTRA_SCRIPT_SRC = csv_list(ENV.get("CSP_H5P_EXTRA_SCRIPT_SRC", ""))
# H5P package files from a separate, cookie-less origin (e.g. "https://h5p.epop.example", pointing at
# this same application), so that a file opened directly has nothing of the site; empty: same origin.
H5P_CONTENT_ORIGIN = ENV.get("H5P_CONTENT_ORIGIN", "").rstrip("/")
# "1": the player's CSP allows the YouTube IFrame API (H5P interactive videos from YouTube).
H5P_ALLOW_YOUTUBE = ENV.get("H5P_ALLOW_YOUTUBE", "") == "1"
CSP_UPGRADE_INSECURE_REQUESTS = False

# Failed logins (lms/security/throttle.py): per account and per client address, in a sliding window.
LOGIN_FAILURE_LIMIT = int(ENV.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_LIMIT_PER_IP = int(ENV.get("LOGIN_FAILURE_LIMIT_PER_IP", "20"))
LOGIN_FAILURE_WINDOW = int(ENV.get("LOGIN_FAILURE_WINDOW", str(15 * 60)))
LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR = ENV.get("LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR", "") == "1"
# Rate-limit counters (lms/security/store.py): Redis when set, the database otherwise; never memory.
THROTTLE_REDIS_URL = ENV.get("REDIS_URL", "").strip()
APPLICATION_LIMIT_PER_IP = int(ENV.get("APPLICATION_LIMIT_PER_IP", "5"))
APPLICATION_WINDOW = int(ENV.get("APPLICATION_WINDOW", str(60 * 60)))

# Account e-mails (lms/people/tokens.py): how long a one-time link works, in seconds; how many
# "Mot de passe oublié ?" requests (the site's and the admin's) an address, and a client address,
# may make per window.
PASSWORD_RESET_TIMEOUT = int(ENV.get("PASSWORD_RESET_TIMEOUT", str(24 * 60 * 60)))
ACCOUNT_INVITATION_TIMEOUT = int(ENV.get("ACCOUNT_INVITATION_TIMEOUT", str(14 * 24 * 60 * 60)))
PASSWORD_RESET_LIMIT = int(ENV.get("PASSWORD_RESET_LIMIT", "3"))
PASSWORD_RESET_LIMIT_PER_IP = int(ENV.get("PASSWORD_RESET_LIMIT_PER_IP", "20"))
PASSWORD_RESET_WINDOW = int(ENV.get("PASSWORD_RESET_WINDOW", str(60 * 60)))

# Error pages in the site's layout and the visitor's language (lms/errors.py, templates/4xx.html, 500.html).
CSRF_FAILURE_VIEW = "lms.errors.csrf_failure"

# GDPR retention (lms/people/retention.py): accessibility needs are deleted this many months after
# the person's last training ends.
ACCESSIBILITY_NEEDS_RETENTION_MONTHS = int(ENV.get("ACCESSIBILITY_NEEDS_RETENTION_MONTHS", "12"))

# Follow-up after the training: an alert when a plan has had no contact for this many days (each plan
# may set its own), and how long plans, meeting summaries and answers are kept after the training.
FOLLOWUP_NO_CONTACT_DAYS = int(ENV.get("FOLLOWUP_NO_CONTACT_DAYS", "60"))
FOLLOWUP_RETENTION_MONTHS = int(ENV.get("FOLLOWUP_RETENTION_MONTHS", "36"))

# Partners' contact details on intervention requests are erased this many months after the request
# is closed or cancelled (lms.interventions.tasks.forget_old_contacts, daily).
INTERVENTION_CONTACT_RETENTION_MONTHS = int(ENV.get("INTERVENTION_CONTACT_RETENTION_MONTHS", "36"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": ENV.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Wagtail logs every page save and search-index task at INFO.
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
    },
}

# Demo accounts share this password; seed_demo prints it. Never used in production.
DEMO_PASSWORD = ENV.get("DEMO_PASSWORD", "epop-demo-2026")
