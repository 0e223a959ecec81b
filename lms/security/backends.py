"""Authentication backend refusing attempts while the login throttle is engaged, wherever the
login comes from (our login page, the Wagtail admin's)."""

from django.contrib.auth.backends import ModelBackend

from lms.security.throttle import client_ip, login_throttle


class ThrottledModelBackend(ModelBackend):
    """Django's ModelBackend, closed to an account or address with too many recent failures."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username or kwargs.get("email") or ""
        if login_throttle.is_locked(email, client_ip(request)):
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
