"""Rate limits count in a store shared by every process (the database here), one atomic increment per
attempt; production refuses a per-process cache; X-Forwarded-For is trusted only when configured."""

import os
import threading

import pytest
from django.core.checks import Error
from django.db import connection

from lms.security import store
from lms.security.checks import check_shared_cache
from lms.security.models import ThrottleCounter
from lms.security.throttle import allow_attempt, login_throttle


@pytest.mark.django_db
def test_attempts_are_counted_in_the_database_not_in_a_process_memory(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [allow_attempt(scope="essai", key="10.0.0.1", limit=2, window=60) for _ in range(3)] == [True, True, False]
    # Another process would read the same row.
    assert ThrottleCounter.objects.get().count == 3
    assert allow_attempt(scope="essai", key="10.0.0.2", limit=2, window=60)


@pytest.mark.django_db
def test_a_window_ends_and_counting_starts_again():
    assert store.hit("k", 60, now=1000.0) == (1, 1060.0)
    assert store.hit("k", 60, now=1030.0) == (2, 1060.0)
    assert store.peek("k", now=1059.0) == (2, 1060.0)
    assert store.peek("k", now=1060.0)[0] == 0
    assert store.hit("k", 60, now=1061.0) == (1, 1121.0)
    assert store.purge_expired(now=2000.0) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_attempts_never_lose_a_count():
    racers = 12
    barrier = threading.Barrier(racers)
    answers, lock = [], threading.Lock()

    def attempt():
        try:
            barrier.wait()
            allowed = allow_attempt(scope="course", key="203.0.113.5", limit=5, window=600)
        except Exception as error:  # noqa: BLE001 - any error must show in the assertion
            allowed = repr(error)
        finally:
            connection.close()
        with lock:
            answers.append(allowed)

    threads = [threading.Thread(target=attempt) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers, key=str) == sorted([True] * 5 + [False] * 7, key=str)
    assert ThrottleCounter.objects.get().count == racers


@pytest.mark.django_db(transaction=True)
def test_concurrent_failed_logins_all_count():
    racers = 10
    barrier = threading.Barrier(racers)

    def fail():
        try:
            barrier.wait()
            login_throttle.record_failure("cible@example.fr", "")
        finally:
            connection.close()

    threads = [threading.Thread(target=fail) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ThrottleCounter.objects.get().count == racers
    assert login_throttle.is_locked("cible@example.fr", "")


def test_check_deploy_refuses_a_per_process_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    errors = check_shared_cache()
    assert len(errors) == 1 and isinstance(errors[0], Error) and errors[0].id == "security.E901"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t"}}
    assert check_shared_cache() == []


def test_production_settings_share_the_cache_and_do_not_trust_x_forwarded_for(monkeypatch):
    import importlib

    from lms.settings import env

    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR", raising=False)
    production = importlib.reload(importlib.import_module("lms.settings.production"))
    assert production.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert production.LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR is False
    assert env.cache_config({"REDIS_URL": "redis://r:6379/0"}, shared=True)["BACKEND"].endswith("RedisCache")


@pytest.mark.skipif(not os.environ.get("TEST_REDIS_URL"), reason="set TEST_REDIS_URL to a Redis to test with")
def test_with_redis_every_thread_counts(settings):
    settings.THROTTLE_REDIS_URL = os.environ["TEST_REDIS_URL"]
    key = f"redis-test-{os.getpid()}"  # runs on other databases may share the Redis
    store.clear(key)
    threads = [threading.Thread(target=lambda: [store.hit(key, 60) for _ in range(25)]) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.peek(key)[0] == 200
    store.clear(key)
