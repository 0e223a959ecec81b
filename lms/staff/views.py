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

from accessibility.models import PER_HALF_DAY_KINDS, ArrangementKind
from courses.models import CoursePage
from lms.certificates import services as certificates_services
from lms.certificates.selectors import completion_rule_for
from lms.cohorts import services as cohorts_services
from lms.cohorts.models import TrainingGroup, Venue
from lms.cohorts.views import group_detail_context
from lms.people.permissions import (
    can_create_groups,
    can_manage_group,
    can_manage_venue,
    can_use_staff_workspace,
    manageable_territories,
)
from lms.staff import selectors
from lms.staff.access import access_group_page
from lms.staff.forms import CompletionRuleForm, GroupForm, VenueForm


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
    context = {"groups": groups, "venues": list(venues), "can_write": can_create_groups(request.user)}
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
    context = {"rows": rows, "can_edit": certificates_services.can_edit_completion_rules(request.user)}
    return render(request, "staff/completion_rules.html", context)


@login_required
def completion_rule_edit(request, course_pk: int):
    if not certificates_services.can_edit_completion_rules(request.user):
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
    """The arrangements the kit asks to anticipate, and how each is planned (per half-day or per
    session). The list is fixed by the kit; each session's plan is booked from its own page."""
    _require_workspace(request.user)
    kinds = [(kind.label, kind in PER_HALF_DAY_KINDS) for kind in ArrangementKind]
    return render(request, "staff/arrangements_catalogue.html", {"kinds": kinds})
