"""Attendance and catch-up pages: the trainee's home, signing a slot, the trainer's attendance page,
the PDF sheet, private files, and the catch-up walk-through. Views check who asks and call services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.attendance import permissions, selectors, services
from lms.attendance.forms import AmendForm, AttestForm, CloseForm, MaterialForm, SignForm, StatusForm
from lms.attendance.models import Amendment, AttendanceSlot, CatchUp, SessionMaterial, Signature
from lms.attendance.pdf import attendance_sheet_pdf
from lms.cohorts.models import Enrolment, ScheduledSession
from lms.learning.selectors import remaining_work
from lms.people.models import Role, User
from lms.people.permissions import is_administrator
from lms.people.selectors import has_role
from lms.private_files import download_extension, private_file_response, stored_content_type


def _error_dict(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {name: [m for e in errors for m in e.messages] for name, errors in error.error_dict.items()}
    return {"__all__": error.messages}


# --- Trainee ------------------------------------------------------------------------------------


# How many assignments to do "Mon espace" shows, soonest deadline first.
HOME_ASSIGNMENTS = 5


@login_required
def trainee_home(request):
    """ "Mon espace": the trainee's next session, what to sign now, what to catch up, own attendance."""
    user = request.user
    is_trainee = has_role(user, Role.TRAINEE) or Enrolment.objects.filter(trainee=user).exists()
    if not is_trainee:
        # "Mon espace" is where login lands: everyone else goes to their own starting page.
        if has_role(user, Role.TRAINER, Role.PEER_TRAINER):
            return redirect("attendance:index")
        if has_role(user, Role.REGIONAL_TEAM, Role.ORGANISATION_STAFF, Role.NATIONAL_TEAM):
            return redirect("cohorts:groups_overview")
        if user.is_staff:
            return redirect("wagtailadmin_home")
        return redirect("/")
    home = selectors.trainee_home(user)

    work = remaining_work(user)
    context = {
        "home": home,
        # The soonest few; "Travaux et objectifs" lists them all.
        "assignments": work.to_do[:HOME_ASSIGNMENTS],
        "more_assignments": max(0, len(work.to_do) - HOME_ASSIGNMENTS),
        "upcoming_assignments": work.upcoming,
    }
    return render(request, "attendance/trainee_home.html", context)


@login_required
def my_attendance(request):
    """Every half-day of the trainee's groups, with status and signature ("Mon espace" shows the latest)."""
    home = selectors.trainee_home(request.user)
    return render(request, "attendance/my_attendance.html", {"home": home})


@login_required
def sign_slot(request, slot_id):
    """A trainee signs ONE slot: drawn signature, one-tap confirmation or typed name."""
    slot = selectors.signable_slot(request.user, slot_id)
    if slot is None:
        raise Http404
    form = SignForm(request.POST or None)
    status = 200
    if request.method == "POST":
        # One form, one slot: a request naming several slots is a bulk signature, refused.
        if len(request.POST.getlist("slot")) > 1 or len(request.POST.getlist("slots")) > 0:
            return HttpResponseBadRequest(
                _("Une signature vaut pour un seul créneau : signez chaque demi-journée séparément.")
            )
        if form.is_valid():
            try:
                services.sign(
                    slot,
                    request.user,
                    form.cleaned_data["method"],
                    by=request.user,
                    image_data_url=form.cleaned_data["image"],
                    typed_name=form.cleaned_data["typed_name"],
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("C'est signé. Merci !"))
                return redirect("attendance:trainee_home")
        status = 400
    context = {
        "slot": slot,
        "form": form,
        "signature": selectors.own_signature(request.user, slot),
        "now": selectors.local_now(),
        "signing_state": slot.signing_state(selectors.local_now()),
    }
    return render(request, "attendance/sign.html", context, status=status)


# --- Trainer ------------------------------------------------------------------------------------


@login_required
def index(request):
    """The sessions whose attendance the trainer takes."""
    follows_groups = permissions.follows_group_attendance(request.user)
    if not permissions.can_open_attendance_index(request.user):
        raise PermissionDenied
    sessions = list(selectors.led_sessions(request.user, with_group_records=follows_groups))
    return render(request, "attendance/index.html", {"sessions": sessions, "follows_groups": follows_groups})


def _session_or_404(request, session_id):
    try:
        session = selectors.session_for_sheet(session_id)
    except ScheduledSession.DoesNotExist as error:
        raise Http404 from error
    if not permissions.can_view_session_attendance(request.user, session):
        raise PermissionDenied
    return session


def _form_auto_id(action: str, slot_pk, trainee_pk=None) -> str:
    """Ids of one form of the attendance page: many forms share the page, one per slot and trainee."""
    return f"{action}-{slot_pk}-{trainee_pk}-%s" if trainee_pk else f"{action}-{slot_pk}-%s"


def _session_page(request, session, *, failed=None, status=200):
    """Renders the attendance page; `failed` carries the key and the refused form (or the errors of a
    refused opening) so they show next to that form, with what was typed. Each trainee's status,
    attestation and correction forms live on the cell's own page, so this page stays light whatever
    the group's size."""
    failed = failed or {}
    sheet = selectors.attendance_sheet(session, with_catch_up=True)
    active = failed.get("key")
    for column in sheet.columns:
        column.failed = failed if active == f"open-{column.half_day}" else None
        if column.slot and column.slot.is_open:
            refused = failed.get("form") if active == f"close-{column.slot.pk}-" else None
            column.close_form = refused or CloseForm(auto_id=_form_auto_id("close", column.slot.pk))
    can_edit = permissions.can_take_attendance(request.user, session)
    amendments = list(
        Amendment.objects.filter(slot__session=session).select_related("record__trainee", "amended_by", "slot")
    )
    context = {
        "sheet": sheet,
        "session": session,
        "can_edit": can_edit,
        "amendments": amendments,
        "materials": list(SessionMaterial.objects.filter(session=session)),
        "material_form": failed.get("material_form") or MaterialForm(),
        "material_kinds": SessionMaterial.Kind.choices,
    }
    return render(request, "attendance/session.html", context, status=status)


def _sheet_cell(sheet, slot_pk: int, trainee_pk: int):
    """The row and cell of one trainee and one slot on the sheet, or (None, None)."""
    for row in sheet.rows:
        if row.trainee.pk == trainee_pk:
            for cell in row.cells:
                if cell.slot and cell.slot.pk == slot_pk:
                    return row, cell
    return None, None


def _cell_page(request, session, *, slot_pk: int, trainee_pk: int, refused=None, status=200):
    """One trainee on one half-day: what is recorded, and the trainer's forms to change it."""
    sheet = selectors.attendance_sheet(session)
    row, cell = _sheet_cell(sheet, slot_pk, trainee_pk)
    if cell is None or not cell.slot.opened_at:
        raise Http404
    refused = refused or {}
    record = cell.record
    current = {"status": record.status, "minutes_missed": record.minutes_missed or None} if record else {}

    def form_for(action, form_class, initial=None):
        return refused.get(action) or form_class(
            initial=initial, auto_id=_form_auto_id(action, cell.slot.pk, trainee_pk)
        )

    if cell.slot.is_closed:
        forms = {"amend": form_for("amend", AmendForm, {"status": current.get("status")})}
    else:
        forms = {"status": form_for("status", StatusForm, {**current, "reason": record.reason if record else ""})}
        if not cell.signature:
            forms["attest"] = form_for("attest", AttestForm)
    context = {"session": session, "row": row, "cell": cell, "forms": forms}
    return render(request, "attendance/cell.html", context, status=status)


@login_required
def session_cell(request, session_id, slot_id, trainee_id):
    """The page where a trainer sets one trainee's status, attests or corrects their presence."""
    session = _session_or_404(request, session_id)
    if not permissions.can_take_attendance(request.user, session):
        raise PermissionDenied
    return _cell_page(request, session, slot_pk=slot_id, trainee_pk=trainee_id)


@login_required
def session_attendance(request, session_id):
    """The attendance page of one scheduled session: slots, trainees, signatures, absences and catch-up."""
    session = _session_or_404(request, session_id)
    return _session_page(request, session)


@login_required
@require_POST
def session_action(request, session_id):
    """Every trainer action on the attendance page posts here with an `action` and ONE slot."""
    session = _session_or_404(request, session_id)
    if not permissions.can_take_attendance(request.user, session):
        raise PermissionDenied
    action = request.POST.get("action", "")
    if action == "material":
        form = MaterialForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.add_material(session, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                messages.success(request, _("Le support est ajouté au rattrapage."))
                return redirect("attendance:session", session_id=session.pk)
        return _session_page(request, session, failed={"key": "material", "material_form": form}, status=400)

    if action == "open":
        half_day = request.POST.get("half_day", "")
        try:
            slot = services.open_slot(session, half_day, by=request.user)
        except ValidationError as error:
            return _session_page(
                request, session, failed={"key": f"open-{half_day}", "errors": _error_dict(error)}, status=400
            )
        messages.success(request, selectors.signing_message(slot))
        return redirect("attendance:session", session_id=session.pk)

    if len(request.POST.getlist("slot")) != 1:
        return HttpResponseBadRequest(_("Une action vaut pour un seul créneau."))
    slot_id, trainee_id = request.POST["slot"], request.POST.get("trainee", "")
    if not slot_id.isdigit() or (action in ("status", "attest", "amend") and not trainee_id.isdigit()):
        return HttpResponseBadRequest(_("Créneau ou stagiaire invalide."))
    slot = get_object_or_404(AttendanceSlot, pk=int(slot_id), session=session)
    slot.session = session
    trainee = None
    if action in ("status", "attest", "amend"):
        trainee = get_object_or_404(User, pk=int(trainee_id))
    form_class = {"status": StatusForm, "attest": AttestForm, "amend": AmendForm, "close": CloseForm}.get(action)
    if form_class is None:
        return HttpResponseBadRequest(_("Action inconnue."))
    form = form_class(request.POST, auto_id=_form_auto_id(action, slot.pk, trainee.pk if trainee else None))
    form_key = f"{action}-{slot.pk}-{trainee.pk if trainee else ''}"
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "status":
                services.set_status(
                    slot,
                    trainee,
                    data["status"],
                    by=request.user,
                    reason=data["reason"],
                    minutes_missed=data["minutes_missed"] or 0,
                )
                message = _("Statut enregistré.")
            elif action == "attest":
                services.sign(
                    slot,
                    trainee,
                    data["method"],
                    by=request.user,
                    attester_name=data["attester_name"],
                    reason=data["reason"],
                )
                message = _("Présence attestée.")
            elif action == "amend":
                services.amend(
                    slot,
                    trainee,
                    by=request.user,
                    status=data["status"],
                    reason=data["reason"],
                    minutes_missed=data["minutes_missed"] or 0,
                )
                message = _("Correction enregistrée.")
            else:
                services.close_slot(slot, by=request.user)
                message = _("Créneau contresigné et clos.")
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, message)
            return redirect(f"{reverse('attendance:session', args=[session.pk])}#creneau-{slot.half_day}")
    if trainee is not None:
        return _cell_page(request, session, slot_pk=slot.pk, trainee_pk=trainee.pk, refused={action: form}, status=400)
    return _session_page(request, session, failed={"key": form_key, "form": form}, status=400)


@login_required
def sheet_pdf(request, session_id):
    """The attendance sheet of a session, as a PDF."""
    session = _session_or_404(request, session_id)
    content = attendance_sheet_pdf(selectors.attendance_sheet(session))
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"emargement-{session.date:%Y-%m-%d}-{session.pk}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
def signature_image(request, signature_id):
    """A drawn signature: its signer, the session's leaders, and the staff of the signer's own group
    (in a joint session, the other group's staff do not reach it). 404 alike for missing and not yours."""
    signature = (
        Signature.objects.select_related("record__slot__session", "record__trainee")
        .filter(pk=signature_id, method="drawn")
        .first()
    )
    if signature is None or not permissions.can_view_signature(request.user, signature):
        raise Http404
    if not signature.image:  # deleted when the signer's personal data was erased
        raise Http404
    return private_file_response(signature.image, "signature.png")


@login_required
def material_file(request, material_id):
    """A session material's file: participants and supervisors of the session's groups only."""
    material = SessionMaterial.objects.filter(permissions.material_viewers_filter(request.user), pk=material_id).first()
    if material is None and not is_administrator(request.user):
        raise Http404
    material = material or get_object_or_404(SessionMaterial, pk=material_id)
    if not material.file:
        raise Http404
    # Served as what its content is (an old file named .html is downloaded, never rendered).
    content_type = stored_content_type(material.file)
    extension = download_extension(content_type)
    return private_file_response(material.file, f"support-{material.pk}.{extension}", content_type=content_type)


# --- Catch-up -----------------------------------------------------------------------------------


@login_required
def catch_up_detail(request, catch_up_id):
    """The list of what to go through to catch up on a missed session, with progress."""
    catch_up = selectors.catch_up_for(request.user, catch_up_id)
    if catch_up is None:
        raise Http404
    if catch_up.completed_at is None and catch_up.items and all(item.done for item in catch_up.items):
        # An H5P activity completed through xAPI may have been the last item.
        services.refresh_completion(CatchUp.objects.get(pk=catch_up.pk))
        catch_up = selectors.catch_up_for(request.user, catch_up_id)
    return render(request, "attendance/catch_up.html", {"catch_up": catch_up})


@login_required
def catch_up_item(request, catch_up_id, item_key):
    """One item of a catch-up; "J'ai terminé" records it as viewed and goes on to the next."""
    catch_up = selectors.catch_up_for(request.user, catch_up_id)
    if catch_up is None:
        raise Http404
    keys = [item.key for item in catch_up.items]
    if item_key not in keys:
        raise Http404
    index = keys.index(item_key)
    item = catch_up.items[index]
    if request.method == "POST":
        services.mark_item_viewed(CatchUp.objects.get(pk=catch_up.pk), item_key, by=request.user)
        if index + 1 < len(keys):
            return redirect("attendance:catch_up_item", catch_up_id=catch_up.pk, item_key=keys[index + 1])
        catch_up.refresh_from_db()
        if catch_up.completed_at:
            messages.success(request, _("Bravo, vous avez tout rattrapé pour cette séance !"))
        return redirect("attendance:catch_up", catch_up_id=catch_up.pk)
    # Not named "block": inside {% block %} Django's own `block` variable would hide it.
    content_blocks = []
    if item.content is not None:
        wanted = getattr(item.content, "block_ids", None) or (item.content.block_id,)
        content_blocks = [b for b in catch_up.session.session_page.body if str(b.id) in wanted]
    context = {
        "catch_up": catch_up,
        "item": item,
        "content_blocks": content_blocks,
        # The page the block belongs to: an H5P block's text version posts its answer against it.
        "h5p_page": catch_up.session.session_page,
        "position": index + 1,
        "previous_key": keys[index - 1] if index > 0 else None,
    }
    return render(request, "attendance/catch_up_item.html", context)
