"""Settings come from the environment: database, cache, task broker, storage, production checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

from lms.settings.env import cache_config, database_config, q_cluster_config, storages_config

ROOT = Path(__file__).resolve().parent.parent


def test_sqlite_without_database_url():
    config = database_config({}, ROOT)
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(ROOT / "db.sqlite3")


def test_postgresql_from_database_url():
    config = database_config({"DATABASE_URL": "postgres://epop:secret@db.internal:5433/epop"}, ROOT)
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("db.internal", 5433, "epop", "epop")
    assert config["CONN_HEALTH_CHECKS"] is True


def test_memory_cache_and_orm_broker_without_redis():
    assert cache_config({})["BACKEND"].endswith("LocMemCache")
    q = q_cluster_config({})
    assert q["orm"] == "default" and "redis" not in q


def test_redis_cache_and_broker_from_redis_url():
    env = {"REDIS_URL": "redis://cache.internal:6379/2"}
    cache = cache_config(env)
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"
    q = q_cluster_config(env)
    assert q["redis"] == "redis://cache.internal:6379/2" and "orm" not in q


def test_s3_media_when_bucket_is_configured():
    assert storages_config({})["default"]["BACKEND"].endswith("FileSystemStorage")
    s3 = storages_config({"AWS_STORAGE_BUCKET_NAME": "epop-media", "AWS_S3_ENDPOINT_URL": "https://s3.example"})
    assert s3["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert s3["default"]["OPTIONS"]["bucket_name"] == "epop-media"
    assert s3["default"]["OPTIONS"]["default_acl"] == "private"


def run_python(code: str, **env) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_loaded_settings_pick_redis_broker_for_django_q():
    code = (
        "import django, json; django.setup();"
        "from django.conf import settings; from django_q.brokers import get_broker;"
        "print(json.dumps([settings.CACHES['default']['BACKEND'], type(get_broker()).__name__,"
        " settings.DATABASES['default']['ENGINE']]))"
    )
    with_redis = json.loads(
        run_python(
            code,
            DJANGO_SETTINGS_MODULE="lms.settings.dev",
            REDIS_URL="redis://127.0.0.1:6379/9",
            DATABASE_URL="postgres://u@127.0.0.1:5432/x",
        )
    )
    assert with_redis == ["django.core.cache.backends.redis.RedisCache", "Redis", "django.db.backends.postgresql"]
    without = json.loads(run_python(code, DJANGO_SETTINGS_MODULE="lms.settings.dev"))
    assert without == ["django.core.cache.backends.locmem.LocMemCache", "ORM", "django.db.backends.sqlite3"]


def test_production_settings_pass_check_deploy():
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x" * 40,
        "SITE_BASE_URL": "https://formations.epop.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["DJANGO_SETTINGS_MODULE"] = "lms.settings.production"
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr
