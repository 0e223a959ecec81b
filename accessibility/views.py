"""Accessibility pages: the statement, display preferences, a trainee's needs and a session's
arrangement plan. The rules live in services, selectors and lms.people.permissions."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from accessibility import rgaa, selectors, services
from accessibility.forms import (
    ArrangementLineForm,
    ConsentForm,
    DisplayPreferencesForm,
    NeedDetailsForm,
    NeedForm,
    ThemeCheckForm,
)
from accessibility.models import AccessibilityNeed, ArrangementLine, CriterionCheck
from accessibility.permissions import (
    access_trainee_needs,
    can_manage_arrangement_plan,
    can_record_accessibility_needs,
    can_run_self_check,
    can_view_arrangement_plan,
)
from accessibility.preferences import COOKIE_MAX_AGE, COOKIE_NAME, HTML_CLASSES, DisplayPrefs
from lms.cohorts.models import ScheduledSession
from lms.people.audit import record_access
from lms.people.models import AuditLogEntry
from lms.security.redirects import safe_next

# The statement's texts written one item per line, shown as lists.
STATEMENT_LIST_FIELDS = (
    "non_conformities",
    "derogations",
    "exempt_contents",
    "test_environment",
    "tools",
    "pages_sample",
)


class AccessibilityStatementView(TemplateView):
    """The accessibility statement (déclaration d'accessibilité), linked from every page's footer, in
    the RGAA model's order, from what the national team keeps in the admin and the self-check."""

    template_name = "accessibility/statement.html"

    def get_context_data(self, **kwargs):
        statement = selectors.statement()
        selectors.remember_statement_status(statement)
        return {
            **super().get_context_data(**kwargs),
            "statement": statement,
            "lines": {field: statement.lines(field) for field in STATEMENT_LIST_FIELDS},
            "rgaa_version": rgaa.VERSION,
            "can_self_check": can_run_self_check(self.request.user),
        }


@login_required
def self_check(request):
    """The team's RGAA self-check: where each theme stands, and the rate once every criterion is checked."""
    if not can_run_self_check(request.user):
        raise PermissionDenied
    summary = selectors.self_check_summary()
    counts = selectors.self_check_counts_by_theme()
    themes = [(theme, counts.get(theme.number, 0)) for theme in rgaa.THEMES]
    return render(
        request,
        "accessibility/self_check.html",
        {"summary": summary, "themes": themes, "verdicts": CriterionCheck.Verdict, "rgaa_version": rgaa.VERSION},
    )


@login_required
@require_http_methods(["GET", "POST"])
def self_check_theme(request, theme_number: int):
    """One theme of the self-check: a verdict and a note for each of its criteria."""
    theme = rgaa.theme(theme_number)
    if theme is None or not can_run_self_check(request.user):
        raise Http404
    form = ThemeCheckForm(theme=theme, checks=selectors.theme_checks(theme))
    if request.method == "POST":
        form = ThemeCheckForm(request.POST, theme=theme, checks=selectors.theme_checks(theme))
        if form.is_valid():
            try:
                changed = services.record_criterion_checks(actor=request.user, verdicts=form.verdicts())
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request,
                    _("Thématique « %(theme)s » enregistrée : %(count)d critère(s) modifié(s).")
                    % {"theme": theme.name, "count": changed},
                )
                return redirect("accessibility:self_check")
    return render(
        request,
        "accessibility/self_check_theme.html",
        {"theme": theme, "form": form},
    )


@require_http_methods(["GET", "POST"])
def display_preferences(request):
    """Shows and saves the display preferences; answers JSON to the live panel, redirects otherwise."""
    if request.method == "POST":
        form = DisplayPreferencesForm(request.POST)
        form.is_valid()  # Only checkboxes: always valid.
        prefs = services.save_display_preferences(
            request.user, DisplayPrefs(**{name: form.cleaned_data.get(name, False) for name in DisplayPrefs.names()})
        )
        status = _("Vos préférences d'affichage sont enregistrées.")
        if request.headers.get("X-Requested-With") == "fetch":
            response = JsonResponse({"status": status, "classes": prefs.html_classes})
        else:
            messages.success(request, status)
            response = redirect(safe_next(request, reverse("accessibility:preferences")))
        response.set_cookie(COOKIE_NAME, prefs.as_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=False)
        return response
    prefs = selectors.display_prefs_for(request)
    form = DisplayPreferencesForm(initial={name: getattr(prefs, name) for name in DisplayPrefs.names()})
    return render(
        request,
        "accessibility/preferences.html",
        {"form": form, "html_classes": HTML_CLASSES, "next": safe_next(request, "")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def trainee_needs(request, trainee_id=None):
    """A trainee's consent and needs: the trainee (and the regional team) change them, the trainers
    of their groups read them, everyone else is refused."""
    trainee = request.user if trainee_id is None else access_trainee_needs(request.user, trainee_id)
    can_edit = can_record_accessibility_needs(request.user, trainee)
    consent_form = ConsentForm()
    need_form = NeedForm()
    edit_forms = {}
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        action = request.POST.get("action", "")
        try:
            if action == "consent":
                consent_form = ConsentForm(request.POST)
                consent_form.is_valid()
                services.give_consent(
                    trainee, actor=request.user, accepted=consent_form.cleaned_data.get("accepted", False)
                )
                messages.success(request, _("Votre accord est enregistré. Vous pouvez ajouter vos besoins."))
            elif action == "withdraw":
                services.withdraw_consent(trainee, actor=request.user)
                messages.success(request, _("Votre accord est retiré. Tous les besoins enregistrés sont effacés."))
            elif action == "add":
                need_form = NeedForm(request.POST)
                if not need_form.is_valid():
                    raise ValidationError({})
                services.add_need(trainee, actor=request.user, **need_form.cleaned_data)
                messages.success(request, _("Le besoin est enregistré."))
            elif action in {"update", "remove"}:
                need = get_object_or_404(AccessibilityNeed, pk=request.POST.get("need"), trainee=trainee)
                if action == "remove":
                    services.remove_need(need, actor=request.user)
                    messages.success(request, _("Le besoin est retiré."))
                else:
                    form = NeedDetailsForm(request.POST, prefix=f"need-{need.pk}")
                    edit_forms[need.pk] = form
                    form.is_valid()
                    services.update_need(need, actor=request.user, details=form.cleaned_data.get("details", ""))
                    messages.success(request, _("Le besoin est modifié."))
        except ValidationError as error:
            target = {"consent": consent_form, "add": need_form}.get(action) or next(iter(edit_forms.values()), None)
            if target is not None and error.messages:
                target.add_service_errors(error)
            elif error.messages:
                messages.error(request, " ".join(error.messages))
        else:
            return redirect(request.path)
    consent = selectors.consent_of(trainee)
    needs = list(selectors.needs_of(trainee))
    if request.user.pk != trainee.pk:
        # Needs are health-related: every read by someone else is written to the audit log.

        record_access(request.user, AuditLogEntry.Action.READ, trainee, "lecture des besoins d'accessibilité")
    rows = [
        (need, edit_forms.get(need.pk) or NeedDetailsForm(initial={"details": need.details}, prefix=f"need-{need.pk}"))
        for need in needs
    ]
    return render(
        request,
        "accessibility/needs.html",
        {
            "trainee": trainee,
            "is_self": trainee.pk == request.user.pk,
            "can_edit": can_edit,
            "consent": consent,
            "consent_text": services.CONSENT_TEXT,
            "consent_form": consent_form,
            "need_form": need_form,
            "rows": rows,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_plan(request, session_id):
    """A session's arrangement plan: trainers read it, the regional team books each line."""

    session = get_object_or_404(ScheduledSession.objects.select_related("session_page", "venue"), pk=session_id)
    if not can_view_arrangement_plan(request.user, session):
        raise PermissionDenied
    can_manage = can_manage_arrangement_plan(request.user, session)
    failed = {}
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        if request.POST.get("action") == "refresh":
            services.refresh_plan(session)
            messages.success(request, _("Le plan est recalculé à partir des besoins des participants."))
            return redirect(request.path)
        line = get_object_or_404(ArrangementLine, pk=request.POST.get("line"), plan__session=session)
        form = ArrangementLineForm(request.POST, prefix=f"line-{line.pk}")
        if form.is_valid():
            try:
                services.update_line(line, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("L'aménagement est mis à jour."))
                return redirect(request.path)
        failed[line.pk] = form
    # Reading the page changes nothing: a plan not computed yet is computed by the button below.
    plan = selectors.plan_of(session)
    lines = list(plan.lines.all()) if plan else []
    rows = [
        (
            line,
            failed.get(line.pk)
            or ArrangementLineForm(
                prefix=f"line-{line.pk}",
                initial={"status": line.status, "provider": line.provider, "cost": line.cost, "notes": line.notes},
            ),
        )
        for line in lines
    ]
    suggestions = {}
    if can_manage and rows:
        by_kind = selectors.providers_by_kind_for_session(session)
        today = timezone.localdate()
        for line, form in rows:
            offers = [
                (provider, session.date - datetime.timedelta(days=provider.booking_lead_days))
                for provider in by_kind.get(line.kind, [])
            ]
            suggestions[line.pk] = [(provider, deadline, deadline < today) for provider, deadline in offers]
            if offers:
                form.fields["provider"].widget.attrs["list"] = f"providers-{line.pk}"
    return render(
        request,
        "accessibility/session_plan.html",
        {
            "session": session,
            "plan": plan,
            "rows": [(line, form, suggestions.get(line.pk, [])) for line, form in rows],
            "can_manage": can_manage,
        },
        status=400 if failed else 200,
    )
