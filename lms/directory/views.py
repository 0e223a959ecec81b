"""The directory pages: the person's entry in "Mon espace", the team's review, and the public list and
person pages with their contact form. Every write goes through lms.directory.services; refusals show
next to the field (400), nothing half-saved."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.directory import selectors, services
from lms.directory.forms import ChangesForm, ConsentForm, ContactForm, EntryForm, SearchForm
from lms.directory.models import DirectoryEntry
from lms.directory.permissions import (
    access_own_entry,
    access_own_plan,
    access_team_entry,
    can_read_team_pages,
    can_review_entry,
    reviewable_entries,
)
from lms.people.audit import record_access
from lms.private_files import private_file_response
from lms.security.throttle import allow_attempt, client_ip

PER_PAGE = 20


def _service_messages(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- the person ("Mon espace") ------------------------------------------------------------------


@login_required
def my_entries(request):
    """The person's entries, and the validated plans an entry can grow from."""
    entries = selectors.entries_of_person(request.user)
    context = {"entries": entries, "plans": selectors.plans_to_start_from(request.user, entries=entries)}
    return render(request, "directory/my_entries.html", context)


@login_required
@require_POST
def my_entry_start(request, plan_pk):
    plan = access_own_plan(request.user, plan_pk)
    try:
        entry = services.start_entry(actor=request.user, plan=plan)
    except ValidationError as error:
        _service_messages(request, error)
        return redirect("directory:mine")
    messages.success(request, _("Votre fiche est commencée : rien n'est public tant que vous ne l'avez pas envoyée."))
    return redirect("directory:my_entry", pk=entry.pk)


def _entry_page(request, entry, *, form=None, consent_form=None, status=200):
    departments = selectors.departments_of_region(entry.region_id)
    context = {
        "entry": entry,
        "form": form or EntryForm(entry=entry, departments=departments),
        "consent_form": consent_form or ConsentForm(),
        "view": selectors.public_view(entry),
        "photo_url": _photo_url("directory:my_entry_photo", entry.pk, entry),
        "can_submit": entry.status in (DirectoryEntry.Status.DRAFT, DirectoryEntry.Status.CHANGES_REQUESTED),
    }
    return render(request, "directory/my_entry.html", context, status=status)


def _photo_url(name, arg, entry):
    return reverse(name, args=[arg]) if entry.photo else ""


@login_required
def my_entry(request, pk):
    """The person's entry: their choices, with a live preview of exactly what will be public."""
    entry = access_own_entry(request.user, pk)
    if request.method != "POST":
        return _entry_page(request, entry)
    form = EntryForm(
        request.POST, request.FILES, entry=entry, departments=selectors.departments_of_region(entry.region_id)
    )
    if form.is_valid():
        was_sent = entry.status in (DirectoryEntry.Status.SUBMITTED, DirectoryEntry.Status.PUBLISHED)
        try:
            services.update_entry(actor=request.user, entry=entry, **form.service_kwargs())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if was_sent:
                messages.success(
                    request,
                    _(
                        "Vos choix sont enregistrés. Votre fiche est retirée de l'annuaire jusqu'à la relecture "
                        "de l'équipe : envoyez-la."
                    ),
                )
            else:
                messages.success(request, _("Vos choix sont enregistrés."))
            return redirect("directory:my_entry", pk=entry.pk)
    entry.refresh_from_db()
    return _entry_page(request, entry, form=form, status=400)


@login_required
@require_POST
def my_entry_submit(request, pk):
    entry = access_own_entry(request.user, pk)
    consent_form = ConsentForm(request.POST)
    consent_form.is_valid()
    try:
        services.submit_entry(actor=request.user, entry=entry, consent=consent_form.cleaned_data.get("consent", False))
    except ValidationError as error:
        consent_form.add_service_errors(error)
        return _entry_page(request, entry, consent_form=consent_form, status=400)
    messages.success(
        request, _("Merci ! Votre fiche est envoyée à l'équipe régionale. Elle la relit avant de la publier.")
    )
    return redirect("directory:my_entry", pk=entry.pk)


@login_required
@require_POST
def my_entry_withdraw(request, pk):
    entry = access_own_entry(request.user, pk)
    try:
        services.withdraw_consent(actor=request.user, entry=entry)
    except ValidationError as error:
        _service_messages(request, error)
    else:
        messages.success(request, _("Votre accord est retiré : votre fiche n'est plus dans l'annuaire."))
    return redirect("directory:my_entry", pk=entry.pk)


@login_required
@require_POST
def my_entry_delete(request, pk):
    entry = access_own_entry(request.user, pk)
    services.delete_entry(actor=request.user, entry=entry)
    messages.success(request, _("Votre fiche annuaire est supprimée."))
    return redirect("directory:mine")


@login_required
def my_entry_photo(request, pk):
    entry = access_own_entry(request.user, pk)
    if not entry.photo:
        raise Http404
    return private_file_response(entry.photo, "photo")


# --- the team -------------------------------------------------------------------------------------


@login_required
def team_list(request):
    """Entries of the team's regions (every region, read only, for the national team)."""
    if not can_read_team_pages(request.user):
        raise PermissionDenied
    status = request.GET.get("statut", "")
    if status not in DirectoryEntry.Status.values:
        status = ""
    entries = selectors.team_entries(reviewable_entries(request.user), status=status)
    context = {"entries": entries, "status": status, "statuses": DirectoryEntry.Status.choices}
    return render(request, "directory/team_list.html", context)


def _team_page(request, entry, *, changes_form=None, status=200):
    context = {
        "entry": entry,
        "view": selectors.public_view(entry),
        "photo_url": _photo_url("directory:team_photo", entry.pk, entry) if entry.photo_shown else "",
        "can_review": can_review_entry(request.user, entry) and entry.status == DirectoryEntry.Status.SUBMITTED,
        "changes_form": changes_form or ChangesForm(),
    }
    return render(request, "directory/team_entry.html", context, status=status)


@login_required
def team_entry(request, pk):
    entry = access_team_entry(request.user, pk)
    record_access(request.user, "read", entry, "fiche annuaire (équipe)")
    return _team_page(request, entry)


@login_required
@require_POST
def team_decision(request, pk):
    entry = access_team_entry(request.user, pk, review=True)
    decision = request.POST.get("decision", "")
    if decision == "publish":
        try:
            services.publish_entry(actor=request.user, entry=entry)
        except ValidationError as error:
            _service_messages(request, error)
        else:
            messages.success(request, _("La fiche est publiée dans l'annuaire."))
        return redirect("directory:team_entry", pk=entry.pk)
    if decision == "changes":
        form = ChangesForm(request.POST)
        if form.is_valid():
            try:
                services.request_changes(actor=request.user, entry=entry, comment=form.cleaned_data["comment"])
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("La fiche est renvoyée à la personne avec votre message."))
                return redirect("directory:team_entry", pk=entry.pk)
        return _team_page(request, entry, changes_form=form, status=400)
    messages.error(request, _("Choisissez une décision."))
    return redirect("directory:team_entry", pk=entry.pk)


@login_required
def team_photo(request, pk):
    entry = access_team_entry(request.user, pk)
    if not entry.photo:
        raise Http404
    return private_file_response(entry.photo, "photo")


# --- the public directory -------------------------------------------------------------------------


def public_list(request):
    """The searchable directory: a GET form (no JavaScript needed), paginated, constant queries."""
    form = SearchForm(request.GET or None, departments=selectors.department_choices())
    filters = form.filters() if request.GET else {}
    entries = selectors.search_public(**filters)
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": [selectors.public_view(entry) for entry in page.object_list],
        "query": query.urlencode(),
        "searched": bool(filters),
    }
    return render(request, "directory/public_list.html", context)


def public_entry(request, slug):
    """One person's page: the chosen fields only, with the contact form for the regional team."""
    entry = selectors.public_entry(slug)
    if entry is None:
        raise Http404
    form = ContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                if not allow_attempt(
                    scope="directory-contact",
                    key=client_ip(request),
                    limit=getattr(settings, "DIRECTORY_CONTACT_LIMIT_PER_IP", 5),
                    window=getattr(settings, "DIRECTORY_CONTACT_WINDOW", 60 * 60),
                ):
                    raise ValidationError(
                        _("Trop de messages ont été envoyés depuis votre connexion. Réessayez dans une heure.")
                    )
                if not data["website"]:  # a robot filled the trap: answer as if sent, send nothing
                    services.send_contact_message(
                        actor=request.user if request.user.is_authenticated else None,
                        entry=entry,
                        name=data["name"],
                        email=data["email"],
                        organisation=data["organisation"],
                        message=data["message"],
                    )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request, _("Votre message est envoyé à l'équipe régionale. Elle vous répondra par e-mail.")
                )
                return redirect("directory:public_entry", slug=entry.slug)
    context = {
        "entry": entry,
        "view": selectors.public_view(entry),
        "photo_url": _photo_url("directory:public_photo", entry.slug, entry) if entry.photo_shown else "",
        "form": form,
    }
    return render(request, "directory/public_entry.html", context, status=status)


def public_photo(request, slug):
    entry = selectors.public_entry(slug)
    if entry is None or not entry.photo_shown:
        raise Http404
    return private_file_response(entry.photo, "photo")
