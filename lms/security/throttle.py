"""Rate limiting of failed logins, per account and per client address, kept in the cache.

After LOGIN_FAILURE_LIMIT failures for one account (or LOGIN_FAILURE_LIMIT_PER_IP from one
address) within LOGIN_FAILURE_WINDOW seconds, every attempt is refused, even with the right
password, until the oldest failure leaves the window. Time is injectable (`clock`) for tests.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import ngettext


def client_ip(request) -> str:
    """The client's address; behind our reverse proxy, the address it appended to X-Forwarded-For
    (the last one: earlier ones are whatever the client sent)."""
    if request is None:
        return ""
    if getattr(settings, "LOGIN_THROTTLE_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(kind: str, value: str) -> str:
    # Hashed so that e-mail addresses never appear in the cache.
    return "login-failures:" + kind + ":" + hashlib.sha256(value.strip().lower().encode()).hexdigest()


class LoginThrottle:
    """Counts failed logins in a sliding window and says when an attempt must be refused."""

    def __init__(self, clock=time.time):
        self.clock = clock

    @property
    def window(self) -> int:
        return getattr(settings, "LOGIN_FAILURE_WINDOW", 15 * 60)

    def _limits(self, email: str, ip: str) -> list[tuple[str, int]]:
        keys = []
        if email:
            keys.append((_key("account", email), getattr(settings, "LOGIN_FAILURE_LIMIT", 5)))
        if ip:
            keys.append((_key("ip", ip), getattr(settings, "LOGIN_FAILURE_LIMIT_PER_IP", 20)))
        return keys

    def _recent(self, key: str) -> list[float]:
        since = self.clock() - self.window
        return [moment for moment in cache.get(key, []) if moment > since]

    def retry_after(self, email: str, ip: str) -> int:
        """Seconds until an attempt is accepted again; 0 when it may go ahead."""
        wait = 0.0
        for key, limit in self._limits(email, ip):
            failures = self._recent(key)
            if len(failures) >= limit:
                # The attempt is accepted again when enough failures have left the window.
                wait = max(wait, failures[-limit] + self.window - self.clock())
        return math.ceil(wait) if wait > 0 else 0

    def is_locked(self, email: str, ip: str) -> bool:
        return self.retry_after(email, ip) > 0

    def record_failure(self, email: str, ip: str) -> None:
        now = self.clock()
        for key, _limit in self._limits(email, ip):
            cache.set(key, [*self._recent(key), now][-100:], timeout=self.window)

    def reset_account(self, email: str) -> None:
        """A successful login clears the account's failures (not the address's)."""
        cache.delete(_key("account", email))

    def message(self, email: str, ip: str) -> str:
        minutes = max(1, math.ceil(self.retry_after(email, ip) / 60))
        return ngettext(
            "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est bloquée "
            "pendant encore %(minutes)d minute. Réessayez ensuite, ou demandez de l'aide à votre "
            "équipe régionale.",
            "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est bloquée "
            "pendant encore %(minutes)d minutes. Réessayez ensuite, ou demandez de l'aide à votre "
            "équipe régionale.",
            minutes,
        ) % {"minutes": minutes}


login_throttle = LoginThrottle()


def allow_attempt(*, scope: str, key: str, limit: int, window: int) -> bool:
    """Counts one attempt of `scope` (e.g. "password-reset") for `key` (an address, an e-mail) and
    says whether it may go ahead: False once `limit` attempts were made within `window` seconds.

    Used by every rate limit other than failed logins (password reset, public application form).
    The key is hashed so that addresses never appear in the store.
    """
    if not key:
        return True
    cache_key = _key(scope, key)
    # add() is a no-op when the counter exists; incr() then counts this attempt.
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit
