"""Deployment checks: refuse to run production with per-process state for caches and rate limits."""

from django.conf import settings
from django.core.checks import Error, Tags, register

PER_PROCESS_BACKENDS = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.security, Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """With several workers a per-process cache gives each its own counters and sessions' data."""
    errors = []
    for alias, config in settings.CACHES.items():
        if config.get("BACKEND") in PER_PROCESS_BACKENDS:
            errors.append(
                Error(
                    f"Le cache « {alias} » ({config['BACKEND']}) est propre à chaque processus : "
                    "les limites de tentatives et le cache ne sont pas partagés entre les workers.",
                    hint="Définissez REDIS_URL, ou utilisez django.core.cache.backends.db.DatabaseCache "
                    "(c'est le cas par défaut avec lms.settings.production).",
                    id="security.E901",
                )
            )
    return errors
