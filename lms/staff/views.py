"""The staff workspace ("Gestion") and the group page, the hub of a group.

The workspace is for the regional team (its region), training-organisation staff (its organisation's
groups) and the national team (every group, reading). Each write goes through the owning app's
service; refusals show next to the field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accessibility import selectors as accessibility_selectors
from accessibility import services as accessibility_services
from accessibility.models import PER_HALF_DAY_KINDS, ArrangementKind
from accessibility.permissions import access_provider, can_manage_providers, provider_regions
from courses.models import CoursePage
from lms.certificates import services as certificates_services
from lms.certificates.permissions import can_edit_completion_rules
from lms.certificates.selectors import completion_rule_for
from lms.cohorts import services as cohorts_services
from lms.cohorts.models import TrainingGroup, Venue
from lms.cohorts.permissions import can_create_groups, can_manage_group, can_manage_venue, manageable_territories
from lms.cohorts.views import group_detail_context
from lms.people.models import Region, Role
from lms.people.selectors import has_role
from lms.staff import selectors
from lms.staff import services as staff_services
from lms.staff.forms import CompletionRuleForm, GroupForm, PersonForm, ProviderForm, VenueForm
from lms.staff.permissions import access_group_page, can_create_people, can_use_staff_workspace


def _require_workspace(user) -> None:
    if not can_use_staff_workspace(user):
        raise PermissionDenied


def _require_writer(user) -> None:
    if not can_create_groups(user):
        raise PermissionDenied


@login_required
def home(request):
    """The workspace's start: the person's groups and venues, and what can be created."""
    _require_workspace(request.user)
    groups = list(selectors.workspace_groups(request.user))
    venues = (
        Venue.objects.filter(territory__in=manageable_territories(request.user))
        .select_related("territory")
        .order_by("city", "name")
    )
    context = {
        "groups": groups,
        "venues": list(venues),
        "can_write": can_create_groups(request.user),
        "can_create_people": can_create_people(request.user),
    }
    return render(request, "staff/home.html", context)


def _group_form_page(request, form, group=None):
    if request.method == "POST" and form.is_valid():
        instance = form.save(commit=False)
        try:
            cohorts_services.save_group(
                instance,
                trainers=list(form.cleaned_data["trainers"]),
                peer_trainers=list(form.cleaned_data["peer_trainers"]),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            if group is None:
                messages.success(request, _("Groupe « %(name)s » créé.") % {"name": instance.name})
            else:
                messages.success(request, _("Groupe « %(name)s » enregistré.") % {"name": instance.name})
            return redirect("cohorts:group_detail", pk=instance.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "staff/group_form.html", {"form": form, "group": group}, status=status)


@login_required
def group_create(request):
    _require_writer(request.user)
    form = GroupForm(request.POST or None, user=request.user)
    return _group_form_page(request, form)


def _managed_group(request, pk: int) -> TrainingGroup:
    group = TrainingGroup.objects.select_related("course", "territory", "organisation").filter(pk=pk).first()
    if group is None or not can_manage_group(request.user, group):
        raise Http404
    return group


@login_required
def group_edit(request, pk: int):
    group = _managed_group(request, pk)
    form = GroupForm(request.POST or None, instance=group, user=request.user)
    return _group_form_page(request, form, group)


def _venue_form_page(request, form, venue=None):
    if request.method == "POST" and form.is_valid():
        instance = form.save(commit=False)
        try:
            cohorts_services.save_venue(instance, actor=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Lieu « %(name)s » enregistré.") % {"name": instance.name})
            return redirect("staff:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "staff/venue_form.html", {"form": form, "venue": venue}, status=status)


@login_required
def venue_create(request):
    _require_writer(request.user)
    return _venue_form_page(request, VenueForm(request.POST or None, user=request.user))


@login_required
def venue_edit(request, pk: int):
    venue = Venue.objects.select_related("territory").filter(pk=pk).first()
    if venue is None or not can_manage_venue(request.user, venue):
        raise Http404
    form = VenueForm(request.POST or None, instance=venue, user=request.user)
    return _venue_form_page(request, form, venue)


@login_required
def group_hub(request, pk: int):
    """The group page, hub of a group for those who run it: participants and waiting list, sessions
    with their attendance, convocations and arrangements at a glance, and links to the work,
    objectives, certificates and needs — each only for whoever may open it."""
    group, access = access_group_page(request.user, pk)
    context = group_detail_context(request, group)
    sessions = list(context["sessions"])
    states = selectors.session_states(sessions)
    for session in sessions:
        session.hub_state = states[session.pk]
        session.hub_attendance = access.session_attendance(session)
        session.hub_plan = access.session_plan(session)
    context.update(
        {
            "sessions": sessions,
            "access": access,
            "summary": selectors.group_summary(group),
            "with_needs": selectors.trainees_with_needs(group) if access.needs else set(),
            "can_edit_group": access.manage,
            "back_to_workspace": can_use_staff_workspace(request.user),
        }
    )
    if not access.records:
        # The national team reads aggregates only: no names of trainees.
        context.update({"enrolled": [], "waiting": [], "withdrawn": [], "people_hidden": True})
    return render(request, "staff/group_hub.html", context)


@login_required
def completion_rules(request):
    """Each course's completion rules: read by the whole workspace, edited by the national team."""
    _require_workspace(request.user)
    courses = list(CoursePage.objects.live().order_by("audience"))
    rows = [(course, completion_rule_for(course)) for course in courses]
    context = {"rows": rows, "can_edit": can_edit_completion_rules(request.user)}
    return render(request, "staff/completion_rules.html", context)


@login_required
def completion_rule_edit(request, course_pk: int):
    if not can_edit_completion_rules(request.user):
        raise PermissionDenied
    course = CoursePage.objects.live().filter(pk=course_pk).first()
    if course is None:
        raise Http404
    rule = completion_rule_for(course)
    form = CompletionRuleForm(request.POST or None, instance=rule)
    if request.method == "POST" and form.is_valid():
        try:
            certificates_services.save_completion_rule(form.save(commit=False), actor=request.user)
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request, _("Règles de fin de formation enregistrées pour « %(course)s ».") % {"course": course.title}
            )
            return redirect("staff:completion_rules")
    status = 400 if request.method == "POST" else 200
    return render(request, "staff/completion_rule_form.html", {"form": form, "course": course}, status=status)


@login_required
def arrangements_catalogue(request):
    """The arrangements the kit asks to anticipate, how each is planned (per half-day or per
    session), and the providers each regional team books them from."""
    _require_workspace(request.user)
    kinds = [(kind.label, kind in PER_HALF_DAY_KINDS) for kind in ArrangementKind]
    regions = provider_regions(request.user)
    # The national team reads every region's providers; each regional team keeps its own.
    listed = None if has_role(request.user, Role.NATIONAL_TEAM) else regions
    providers = accessibility_selectors.providers_of_regions(listed)
    context = {
        "kinds": kinds,
        "providers": [(provider, can_manage_providers(request.user, provider.region_id)) for provider in providers],
        "can_add_provider": regions is None or bool(regions),
    }
    return render(request, "staff/arrangements_catalogue.html", context)


def _provider_regions(user):
    regions = provider_regions(user)
    queryset = Region.objects.order_by("name")
    return queryset if regions is None else queryset.filter(pk__in=regions)


def _provider_form_page(request, form, provider=None):
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        region = data.pop("region", None)
        try:
            saved = accessibility_services.save_provider(
                actor=request.user, region_id=region.pk if region else None, provider=provider, **data
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Prestataire « %(name)s » enregistré.") % {"name": saved.name})
            return redirect("staff:arrangements_catalogue")
    status = 400 if request.method == "POST" else 200
    return render(request, "staff/provider_form.html", {"form": form, "provider": provider}, status=status)


@login_required
def provider_create(request):
    regions = _provider_regions(request.user)
    if not regions.exists():
        raise PermissionDenied
    return _provider_form_page(request, ProviderForm(request.POST or None, regions=regions))


@login_required
def provider_edit(request, pk: int):
    provider = access_provider(request.user, pk)
    initial = {
        field: getattr(provider, field)
        for field in ("name", "kinds", "email", "phone", "booking_lead_days", "notes", "active")
    }
    form = ProviderForm(request.POST or None, initial=initial, regions=Region.objects.none(), editing=True)
    return _provider_form_page(request, form, provider)


@login_required
def person_create(request):
    """Creating a trainer's, a peer trainer's or a staff member's account (trainees' come from
    enrolment): the person receives an invitation to choose a password."""
    if not can_create_people(request.user):
        raise PermissionDenied
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = staff_services.create_person(
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                role=data["role"],
                region=data.get("region"),
                organisation=data.get("organisation"),
                actor=request.user,
            )
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(
                request,
                _("Compte de %(name)s créé : une invitation à choisir son mot de passe est envoyée à %(email)s.")
                % {"name": person.get_full_name(), "email": person.email},
            )
            return redirect("staff:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "staff/person_form.html", {"form": form}, status=status)
