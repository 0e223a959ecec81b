"""Account pages: forgotten password, choosing a password from a one-time link (invitation or
reset), and in "Mon compte" the password, the contact details and the e-mail address."""

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from lms.people import services
from lms.people.account_forms import (
    ChangePasswordForm,
    ChoosePasswordForm,
    ContactDetailsForm,
    EmailChangeForm,
    PasswordResetRequestForm,
)
from lms.people.tokens import invitation_tokens, password_reset_tokens
from lms.security.throttle import client_ip


def password_reset(request):
    """ "Mot de passe oublié ?": the same answer whether an account has this address or not."""
    form = PasswordResetRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if services.request_password_reset(email=form.cleaned_data["email"], client_ip=client_ip(request)):
                return redirect("people:password_reset_done")
            minutes = math.ceil(settings.PASSWORD_RESET_WINDOW / 60)
            form.add_error(
                None,
                _(
                    "Trop de demandes ont été faites pour cette adresse ou depuis cet appareil. "
                    "Réessayez dans %(minutes)d minutes, ou demandez de l'aide à votre équipe régionale."
                )
                % {"minutes": minutes},
            )
            status = 429
        else:
            status = 400
    return render(request, "people/password_reset.html", {"form": form}, status=status)


def password_reset_done(request):
    return render(
        request,
        "people/password_reset_done.html",
        {"valid_hours": max(1, round(settings.PASSWORD_RESET_TIMEOUT / 3600))},
    )


class ChoosePasswordView(PasswordResetConfirmView):
    """The page a one-time link opens (Django's view: the token leaves the URL at once); the
    password goes through people.services.set_password, then the person logs in."""

    form_class = ChoosePasswordForm
    token_generator = password_reset_tokens
    template_name = "people/choose_password.html"
    success_url = reverse_lazy("login")
    invitation = False

    def get_user(self, uidb64):
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["invitation"] = self.invitation
        return context

    def form_valid(self, form):
        try:
            services.set_password(user=self.user, password=form.cleaned_data["new_password1"], actor=self.user)
        except ValidationError as error:
            form.add_error("new_password1", error.messages)
            return self.form_invalid(form)
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(
            self.request,
            _("Votre mot de passe est enregistré. Connectez-vous avec votre adresse e-mail et ce mot de passe."),
        )
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class InvitationView(ChoosePasswordView):
    """The invitation link: the person chooses their first password."""

    token_generator = invitation_tokens
    invitation = True


@login_required
@sensitive_post_parameters()
def password_change(request):
    form = ChangePasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.change_password(
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Votre mot de passe est modifié."))
            return redirect("people:account")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "people/password_change.html", {"form": form}, status=status)


@login_required
def contact_details(request):
    user = request.user
    initial = {"first_name": user.first_name, "last_name": user.last_name, "phone": user.phone}
    form = ContactDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_contact_details(user=user, actor=user, **form.cleaned_data)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Vos coordonnées sont enregistrées."))
            return redirect("people:account")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "people/contact_details.html", {"form": form}, status=status)


@login_required
@sensitive_post_parameters()
def email_change(request):
    form = EmailChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_email_change(
                user=request.user,
                actor=request.user,
                new_email=form.cleaned_data["new_email"],
                password=form.cleaned_data["password"],
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Un lien de confirmation est parti à %(email)s. Votre adresse ne change qu'une fois ce lien ouvert.")
                % {"email": services.normalise_email(form.cleaned_data["new_email"])},
            )
            return redirect("people:account")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "people/email_change.html", {"form": form}, status=status)


@never_cache
@login_required
def email_change_confirm(request, token: str):
    """The link sent to the new address: a button confirms (a GET changes nothing, so that mail
    scanners opening links do not confirm on the person's behalf)."""
    error = None
    if request.method == "POST":
        try:
            services.confirm_email_change(user=request.user, token=token)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("Votre adresse e-mail est modifiée."))
            return redirect("people:account")
    return render(request, "people/email_change_confirm.html", {"error": error}, status=400 if error else 200)
