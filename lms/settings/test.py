"""Test settings: fast hashing, tasks run synchronously, e-mails kept in memory, files in a temp dir."""

import os
import tempfile

from lms.settings.base import *  # noqa: F403
from lms.settings.base import BASE_DIR, DATABASES, Q_CLUSTER

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["*"]

# django-q2 reads its settings at import: sync mode must be set here, not with override_settings.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}

MEDIA_ROOT = tempfile.mkdtemp(prefix="epop-test-media-")

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A named file (not :memory:) lets local runs reuse the migrated database (--reuse-db).
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("TEST_SQLITE_NAME", str(BASE_DIR / ".test-db.sqlite3")),
    }
