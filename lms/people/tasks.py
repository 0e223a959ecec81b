"""django-q2 tasks: the account e-mails (invitation, forgotten password, notices of changes).

Links are built when the e-mail is sent, with SITE_BASE_URL; e-mails are written in French.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from lms.people.models import User
from lms.people.tokens import invitation_tokens, password_reset_tokens


def _send(template: str, subject: str, to: str, context: dict) -> None:
    context = {"site_url": settings.SITE_BASE_URL, **context}
    text = render_to_string(f"people/email/{template}.txt", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    try:
        html = get_template(f"people/email/{template}.html").render(context)
    except TemplateDoesNotExist:
        html = None
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


def _link(url_name: str, user: User, tokens) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return settings.SITE_BASE_URL + reverse(url_name, kwargs={"uidb64": uidb64, "token": tokens.make_token(user)})


def _days(seconds: int) -> int:
    return max(1, round(seconds / 86400))


def send_invitation(user_id: int) -> bool:
    """The invitation to choose one's password; skipped once the password is chosen."""
    user = User.objects.get(pk=user_id)
    if not user.is_active or user.has_usable_password():
        return False
    with translation.override("fr"):
        context = {
            "person": user,
            "link": _link("people:invitation", user, invitation_tokens),
            "valid_days": _days(settings.ACCOUNT_INVITATION_TIMEOUT),
            "login_url": settings.SITE_BASE_URL + reverse("login"),
        }
        _send("invitation", _("Votre compte EPoP formations : choisissez votre mot de passe"), user.email, context)
    return True


def send_password_reset(user_id: int) -> bool:
    user = User.objects.get(pk=user_id)
    if not user.is_active:
        return False
    with translation.override("fr"):
        context = {
            "person": user,
            "link": _link("people:password_reset_confirm", user, password_reset_tokens),
            "valid_hours": max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600)),
        }
        _send("password_reset", _("Choisir un nouveau mot de passe — EPoP formations"), user.email, context)
    return True


def send_password_changed_notice(user_id: int) -> None:
    user = User.objects.get(pk=user_id)
    with translation.override("fr"):
        context = {"person": user, "reset_url": settings.SITE_BASE_URL + reverse("people:password_reset")}
        _send("password_changed", _("Votre mot de passe a été modifié — EPoP formations"), user.email, context)


def send_email_change_confirmation(user_id: int, new_email: str, token: str) -> None:
    user = User.objects.get(pk=user_id)
    with translation.override("fr"):
        context = {
            "person": user,
            "new_email": new_email,
            "link": settings.SITE_BASE_URL + reverse("people:email_change_confirm", kwargs={"token": token}),
            "valid_hours": max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600)),
        }
        _send("email_change", _("Confirmez votre nouvelle adresse e-mail — EPoP formations"), new_email, context)
        # The current address is told, so that a change nobody asked for does not go unnoticed.
        _send("email_change_requested", _("Changement d'adresse e-mail demandé — EPoP formations"), user.email, context)


def send_email_changed_notice(user_id: int, old_email: str) -> None:
    user = User.objects.get(pk=user_id)
    with translation.override("fr"):
        _send(
            "email_changed",
            _("Votre adresse e-mail a été modifiée — EPoP formations"),
            old_email,
            {"person": user, "old_email": old_email},
        )
