"""Feeds the login throttle from Django's authentication signals."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from lms.security.throttle import client_ip, login_throttle


@receiver(user_login_failed)
def count_failed_login(sender, credentials, request=None, **kwargs):
    email = credentials.get("username") or credentials.get("email") or ""
    ip = client_ip(request)
    # Attempts refused during a lock do not extend it: the window passes as announced.
    if not login_throttle.is_locked(email, ip):
        login_throttle.record_failure(email, ip)


@receiver(user_logged_in)
def clear_failed_logins(sender, request, user, **kwargs):
    login_throttle.reset_account(user.get_username())
