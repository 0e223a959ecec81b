"""Request guards that answer before a view runs: NUL bytes in URLs and JSON bodies (400 rather
than a database error), and the rate limit of the Wagtail admin's password reset."""

import json

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from lms.security.throttle import allow_attempt, client_ip

PASSWORD_RESET_VIEWS = {"wagtailadmin_password_reset"}


def has_nul(value: str) -> bool:
    return "\x00" in value


def _json_has_nul(body: bytes) -> bool:
    if b"\x00" in body:
        return True
    if b"\\u0000" not in body.lower():
        return False
    try:
        return _contains_nul(json.loads(body))
    except ValueError:
        return True  # not even valid JSON: refused as well


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(key) or _contains_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_contains_nul(item) for item in value)
    return False


def bad_input(message: str) -> HttpResponseBadRequest:
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


class RequestGuardMiddleware:
    """Refuses NUL bytes in the path, the query string and JSON bodies with 400; counts password reset
    requests per address and per client IP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            has_nul(request.path)
            or has_nul(request.META.get("QUERY_STRING", ""))
            or "%00" in request.META.get("QUERY_STRING", "")
        ):
            return bad_input(_("Adresse invalide : elle contient un caractère nul."))
        is_json = "json" in request.META.get("CONTENT_TYPE", "")
        if request.method in ("POST", "PUT", "PATCH") and is_json and _json_has_nul(request.body):
            return bad_input(_("Données invalides : elles contiennent un caractère nul."))
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method == "POST" and match is not None and match.url_name in PASSWORD_RESET_VIEWS:
            return password_reset_guard(request)
        return None


def password_reset_guard(request):
    """None when the reset request may go ahead, else a 429 page in French (nothing is sent)."""
    window = settings.PASSWORD_RESET_WINDOW
    email = (request.POST.get("email") or "").strip().lower()
    by_email = allow_attempt(
        scope="password-reset-email", key=email, limit=settings.PASSWORD_RESET_LIMIT, window=window
    )
    by_ip = allow_attempt(
        scope="password-reset-ip", key=client_ip(request), limit=settings.PASSWORD_RESET_LIMIT_PER_IP, window=window
    )
    if by_email and by_ip:
        return None
    minutes = max(1, window // 60)
    message = _(
        "Trop de demandes de réinitialisation du mot de passe ont été faites. Par sécurité, aucun e-mail "
        "n'est envoyé : réessayez dans %(minutes)d minutes, ou demandez de l'aide à votre équipe régionale."
    ) % {"minutes": minutes}
    return render(
        request,
        "security/too_many_attempts.html",
        {"message": message, "back_url": request.path},
        status=429,
    )
