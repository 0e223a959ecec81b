"""Benchmark-only settings: production settings made usable on loopback without TLS.

Used by benchmarks/pages.py, tracking.py, national.py and topology.py (never by a deployment). PostgreSQL when
DATABASE_URL is set, else the SQLite file named by BENCH_SQLITE_PATH; Redis cache when REDIS_URL is set
(lms.settings.env); e-mails into files in BENCH_EMAIL_DIR when it is set."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-not-for-deployments")
os.environ.setdefault("SITE_BASE_URL", "http://127.0.0.1:8000")

from lms.settings.production import *  # noqa: E402, F403
from lms.settings.production import DATABASES, STORAGES  # noqa: E402

DEBUG = False
SECRET_KEY = "benchmark-only-secret-key-not-for-deployments"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1", "http://localhost"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
CSP_UPGRADE_INSECURE_REQUESTS = False
LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if os.environ.get("BENCH_EMAIL_DIR"):
    # benchmarks/topology.py counts the messages the workers send, from files (one per message).
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["BENCH_EMAIL_DIR"]

if not os.environ.get("DATABASE_URL", "").strip():
    DATABASES = {
        "default": {
            **DATABASES["default"],
            "NAME": os.environ.get("BENCH_SQLITE_PATH", "/tmp/epop-bench.sqlite3"),
        }
    }

# The manifest storage needs a collectstatic run; the benchmark requests no static file.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", "/tmp/epop-bench-static")
ROOT_URLCONF = "benchmarks.urls"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
