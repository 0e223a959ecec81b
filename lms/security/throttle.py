"""Rate limiting of failed logins, per account and per client address, in the shared store.

After LOGIN_FAILURE_LIMIT failures for one account (or LOGIN_FAILURE_LIMIT_PER_IP from one
address) within LOGIN_FAILURE_WINDOW seconds, every attempt is refused, even with the right
password, until the window opened by the first failure ends. Time is injectable (`clock`) for tests.
"""

import hashlib
import math
import time

from django.conf import settings
from django.utils.translation import ngettext

from lms.security import store


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
    """Counts failed logins per account and per address and says when an attempt must be refused.

    The counters live in the shared store (lms/security/store.py: the database, or Redis), each
    failure one atomic increment, so that every worker of every process sees the same count. A
    window opens at the first failure and lasts LOGIN_FAILURE_WINDOW seconds."""

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

    def retry_after(self, email: str, ip: str) -> int:
        """Seconds until an attempt is accepted again; 0 when it may go ahead."""
        now = self.clock()
        wait = 0.0
        for key, limit in self._limits(email, ip):
            count, expires_at = store.peek(key, now=now)
            if count >= limit:
                wait = max(wait, expires_at - now)
        return math.ceil(wait) if wait > 0 else 0

    def is_locked(self, email: str, ip: str) -> bool:
        return self.retry_after(email, ip) > 0

    def record_failure(self, email: str, ip: str) -> None:
        now = self.clock()
        for key, _limit in self._limits(email, ip):
            store.hit(key, self.window, now=now)

    def reset_account(self, email: str) -> None:
        """A successful login clears the account's failures (not the address's)."""
        store.clear(_key("account", email))

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
    The key is hashed so that addresses never appear in the store; the store is shared by all
    processes and each attempt is one atomic increment (lms/security/store.py).
    """
    if not key:
        return True
    count, _expires_at = store.hit(_key(scope, key), window, now=login_throttle.clock())
    return count <= limit
