"""The store of rate-limit counters, shared by every process: Redis (atomic INCR) when REDIS_URL is
set, the database otherwise (atomic UPDATE … count = count + 1). Never a per-process memory."""

import functools
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from lms.security.models import ThrottleCounter


def uses_redis() -> bool:
    return bool(getattr(settings, "THROTTLE_REDIS_URL", ""))


def hit(key: str, window: int, *, now: float | None = None) -> tuple[int, float]:
    """Counts one attempt for `key`; returns the count in the current window (this one included)
    and when that window ends. A window opens at the first attempt and lasts `window` seconds."""
    now = time.time() if now is None else now
    if uses_redis():
        return _redis_hit(key, window, now)

    counters = ThrottleCounter.objects.filter(key=key)
    # One transaction: the row stays locked from the increment to the read, so the count read back is
    # this attempt's, not one that concurrent attempts have raised since.
    with transaction.atomic():
        for _attempt in range(3):
            if counters.filter(expires_at__gt=now).update(count=F("count") + 1):
                break
            # No live window: restart an expired one (one racer wins the conditional update) or create it.
            if counters.filter(expires_at__lte=now).update(count=1, expires_at=now + window):
                break
            try:
                with transaction.atomic():
                    ThrottleCounter.objects.create(key=key, count=1, expires_at=now + window)
                break
            except IntegrityError:
                continue  # created by a concurrent request: count on it
        row = counters.values_list("count", "expires_at").first()
    return row if row else (1, now + window)


def peek(key: str, *, now: float | None = None) -> tuple[int, float]:
    """The count of the live window for `key` (0 when none) and when it ends."""
    now = time.time() if now is None else now
    if uses_redis():
        return _redis_peek(key, now)

    row = ThrottleCounter.objects.filter(key=key, expires_at__gt=now).values_list("count", "expires_at").first()
    return row if row else (0, now)


def clear(key: str) -> None:
    if uses_redis():
        _redis().delete(key)
        return

    ThrottleCounter.objects.filter(key=key).delete()


def purge_expired(*, now: float | None = None) -> int:
    """Deletes the database counters whose window has ended (they no longer count)."""

    now = time.time() if now is None else now
    return ThrottleCounter.objects.filter(expires_at__lte=now).delete()[0]


# --- Redis --------------------------------------------------------------------------------------


def _redis():
    return _redis_client(settings.THROTTLE_REDIS_URL)


@functools.lru_cache(maxsize=4)
def _redis_client(url: str):
    import redis

    return redis.Redis.from_url(url)  # one connection pool per process


def _redis_key(key: str) -> str:
    return "epop:throttle:" + key


def _redis_hit(key: str, window: int, now: float) -> tuple[int, float]:
    client = _redis()
    name = _redis_key(key)
    pipe = client.pipeline()
    pipe.set(name, 0, ex=window, nx=True)  # opens the window at the first attempt
    pipe.incr(name)
    pipe.ttl(name)
    _created, count, ttl = pipe.execute()
    return int(count), now + max(int(ttl), 0)


def _redis_peek(key: str, now: float) -> tuple[int, float]:
    client = _redis()
    name = _redis_key(key)
    pipe = client.pipeline()
    pipe.get(name)
    pipe.ttl(name)
    value, ttl = pipe.execute()
    return (int(value), now + max(int(ttl), 0)) if value is not None else (0, now)
