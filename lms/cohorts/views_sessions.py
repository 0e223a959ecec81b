"""Pages of a session's life after planning, for those who manage its group: edit, move, cancel,
and the group's convocations (who was convened when, resend, preview)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.cohorts import selectors_sessions, services_sessions
from lms.cohorts.forms_sessions import SessionCancelForm, SessionDeleteForm, SessionEditForm, SessionMoveForm
from lms.cohorts.models import ConvocationLog, ScheduledSession, TrainingGroup
from lms.cohorts.permissions import managed_groups
from lms.cohorts.selectors import participants_of_session
from lms.cohorts.tasks import render_convocation
from lms.people.models import User
from lms.security.redirects import safe_next


def access_managed_group(user, pk: int) -> TrainingGroup:
    """The group if `user` manages it (regional team of its region, its organisation's staff,
    administrators); 404 alike for a missing group and someone else's."""
    group = managed_groups(user).filter(pk=pk).select_related("course", "territory__region", "organisation").first()
    if group is None:
        raise Http404
    return group


def access_managed_session(user, pk: int, session_pk: int) -> tuple[TrainingGroup, ScheduledSession]:
    """The group and one of its sessions, for those who manage the group; 404 otherwise."""
    group = access_managed_group(user, pk)
    session = (
        ScheduledSession.objects.filter(pk=session_pk, groups=group)
        .select_related("session_page", "venue", "trainer", "peer_trainer")
        .prefetch_related("groups")
        .first()
    )
    if session is None:
        raise Http404
    return group, session


def _show_refusal(form, error) -> None:
    if isinstance(error, PermissionDenied):
        form.add_error(None, str(error) or _("Vous ne pouvez pas modifier cette séance."))
    else:
        form.add_service_errors(error)


def _change_page(request, pk: int, session_pk: int, *, form_class, template_title: str, move: bool):
    group, session = access_managed_session(request.user, pk, session_pk)
    if session.is_cancelled:
        messages.error(request, _("Cette séance est annulée : elle ne peut plus être modifiée."))
        return redirect("cohorts:group_detail", pk=group.pk)
    form = form_class(request.POST or None, group=group, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            session, warnings, change = services_sessions.update_session(
                session, actor=request.user, reason=form.cleaned_data["reason"], **form.changes()
            )
        except (ValidationError, PermissionDenied) as error:
            _show_refusal(form, error)
        else:
            messages.success(
                request,
                _("Séance « %(title)s » %(done)s : les stagiaires et les animateurs sont prévenus par e-mail.")
                % {"title": session.session_page.title, "done": change.get_kind_display().lower()},
            )
            for warning in warnings:
                messages.warning(request, _("Attention : %(warning)s") % {"warning": warning})
            return redirect("cohorts:group_detail", pk=group.pk)
    context = {
        "group": group,
        "session": session,
        "form": form,
        "title": template_title,
        "move": move,
        "history": selectors_sessions.session_history(session),
    }
    return render(request, "cohorts/session_change_form.html", context)


@login_required
def edit_session(request, pk: int, session_pk: int):
    """Every information of a session: programme, when, where, who animates."""
    return _change_page(
        request, pk, session_pk, form_class=SessionEditForm, template_title=_("Modifier la séance"), move=False
    )


@login_required
def move_session(request, pk: int, session_pk: int):
    """A new date, new times or another place, with the kit's rules re-checked."""
    return _change_page(
        request, pk, session_pk, form_class=SessionMoveForm, template_title=_("Déplacer la séance"), move=True
    )


@login_required
def cancel_session(request, pk: int, session_pk: int):
    """Cancelling with a reason: the session stays on record and everyone concerned is told."""
    group, session = access_managed_session(request.user, pk, session_pk)
    if session.is_cancelled:
        messages.info(request, _("Cette séance est déjà annulée."))
        return redirect("cohorts:group_detail", pk=group.pk)
    form = SessionCancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_sessions.cancel_session(session, actor=request.user, reason=form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as error:
            _show_refusal(form, error)
        else:
            messages.success(
                request,
                _("Séance du %(date)s annulée : les stagiaires et les animateurs sont prévenus par e-mail.")
                % {"date": session.date.strftime("%d/%m/%Y")},
            )
            return redirect("cohorts:group_detail", pk=group.pk)
    context = {
        "group": group,
        "session": session,
        "form": form,
        "participants_count": participants_of_session(session).count(),
    }
    return render(request, "cohorts/session_cancel.html", context)


@login_required
def delete_session(request, pk: int, session_pk: int):
    """Deleting a session scheduled by mistake, after confirming. Refused (and said why) when it has
    signatures or was already announced: such a session is cancelled instead."""
    group, session = access_managed_session(request.user, pk, session_pk)
    # The confirmation posts no field: the form is bound whenever the request is a POST.
    form = SessionDeleteForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        title, date = session.session_page.title, session.date
        try:
            services_sessions.delete_session(session, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            _show_refusal(form, error)
            status = 400
        else:
            messages.success(
                request,
                _("Séance « %(title)s » du %(date)s supprimée.") % {"title": title, "date": date.strftime("%d/%m/%Y")},
            )
            return redirect("cohorts:group_detail", pk=group.pk)
    context = {"group": group, "session": session, "form": form}
    return render(request, "cohorts/session_delete.html", context, status=status)


@login_required
def group_convocations(request, pk: int, session_pk: int | None = None):
    """Who was convened when, for every session of the group (or one), with resend buttons."""
    group = access_managed_group(request.user, pk)
    sessions = selectors_sessions.convocations_of_group(group, session_id=session_pk)
    if session_pk is not None and not sessions:
        raise Http404
    context = {"group": group, "sessions": sessions, "single": session_pk is not None}
    return render(request, "cohorts/convocations.html", context)


@login_required
@require_POST
def resend_convocations(request, pk: int, session_pk: int):
    """Resends the convocation to one participant (`trainee` in the form) or to all of them."""
    group, session = access_managed_session(request.user, pk, session_pk)
    trainees = None
    if request.POST.get("trainee"):
        trainees = list(User.objects.filter(pk=request.POST["trainee"])) if request.POST["trainee"].isdigit() else []
    try:
        count = services_sessions.resend_convocations(session, actor=request.user, trainees=trainees)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        if trainees:
            messages.success(request, _("Convocation renvoyée à %(name)s.") % {"name": trainees[0]})
        else:
            messages.success(request, _("Convocation renvoyée aux %(count)s participants.") % {"count": count})
    return redirect(safe_next(request, reverse("cohorts:group_convocations", kwargs={"pk": group.pk})))


@login_required
def convocation_preview(request, pk: int, session_pk: int):
    """The convocation as a participant receives it (the first participant, or a sample person)."""
    group, session = access_managed_session(request.user, pk, session_pk)
    trainee = participants_of_session(session).first() or User(first_name=_("Prénom"), last_name=_("Nom"))
    kind = ConvocationLog.Kind.CANCELLED if session.is_cancelled else ConvocationLog.Kind.RESENT
    subject, text, _html = render_convocation(session, trainee, kind)
    context = {"group": group, "session": session, "subject": subject, "text": text, "trainee": trainee}
    return render(request, "cohorts/convocation_preview.html", context)
