"""Turns environment variables into database, cache, task-queue and storage settings.

Kept as pure functions of a mapping so that the selection rules can be tested without
reloading Django.
"""

from pathlib import Path
from urllib.parse import urlparse

import dj_database_url


def database_config(env, base_dir: Path) -> dict:
    """PostgreSQL (or any dj-database-url URL) when DATABASE_URL is set, SQLite otherwise."""
    url = env.get("DATABASE_URL", "").strip()
    if url:
        config = dj_database_url.parse(url, conn_max_age=int(env.get("DB_CONN_MAX_AGE", "60")))
        config["CONN_HEALTH_CHECKS"] = True
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(base_dir / "db.sqlite3"),
        # A busy timeout lets concurrent writers wait for the lock instead of failing at once.
        "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
    }


def cache_config(env, *, shared: bool = False) -> dict:
    """Redis when REDIS_URL is set; otherwise the database when `shared` (production: every process
    sees the same cache; its table is created by the security app's migration), a per-process
    memory cache in development and tests."""
    url = env.get("REDIS_URL", "").strip()
    if url:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "epop",
        }
    if shared:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "epop_cache"}
    return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "epop"}


def q_cluster_config(env) -> dict:
    """django-q2: Redis broker when REDIS_URL is set, the database (ORM) broker otherwise."""
    config = {
        "name": "epop",
        "workers": int(env.get("Q_WORKERS", "2")),
        "timeout": int(env.get("Q_TIMEOUT", "300")),
        "retry": int(env.get("Q_RETRY", "360")),
        "max_attempts": 3,
        "queue_limit": 50,
        "bulk": 10,
        "catch_up": False,
        "label": "Tâches de fond",
        "sync": env.get("Q_SYNC", "") == "1",
    }
    url = env.get("REDIS_URL", "").strip()
    if url:
        config["redis"] = url
    else:
        config["orm"] = "default"
    return config


def storages_config(env) -> dict:
    """S3-compatible media when AWS_STORAGE_BUCKET_NAME is set, local files otherwise."""
    media = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if env.get("AWS_STORAGE_BUCKET_NAME", "").strip():
        media = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env["AWS_STORAGE_BUCKET_NAME"],
                "endpoint_url": env.get("AWS_S3_ENDPOINT_URL") or None,
                "region_name": env.get("AWS_S3_REGION_NAME") or None,
                # Private by default: files are served through views that check the asker.
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
    return {
        "default": media,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def csv_list(value: str) -> list[str]:
    """Splits a comma-separated environment value into a clean list."""
    return [item.strip() for item in value.split(",") if item.strip()]


def host_of(url: str) -> str:
    """The host name of a URL, used to derive ALLOWED_HOSTS from the public base URL."""
    return urlparse(url).hostname or ""
