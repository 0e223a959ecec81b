"""Writes on attendance and catch-up, with the signing rules enforced and French error messages.

Every function that depends on the time takes `now` (defaults to timezone.now()) so the rules can be
tested without freezing the clock.
"""

import base64
import binascii
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.attendance.models import (
    ABSENT_STATUSES,
    ATTENDING_STATUSES,
    PARIS,
    Amendment,
    AttendanceRecord,
    AttendanceSlot,
    AttendanceStatus,
    CatchUp,
    CatchUpProgress,
    SessionMaterial,
    Signature,
    SignatureMethod,
)
from lms.attendance.permissions import can_take_attendance
from lms.attendance.selectors import catch_up_items, is_session_trainee, session_trainees
from lms.attendance.storage import MATERIAL_POLICY
from lms.people.models import User

# A drawn signature is a small PNG; anything larger is not a signature.
MAX_SIGNATURE_BYTES = 300 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
# Trainers may open the attendance a little before the slot starts, so that everyone is ready.
OPENING_MARGIN = datetime.timedelta(minutes=30)


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _require_leader(user: User, session) -> None:
    if not can_take_attendance(user, session):
        raise PermissionDenied(_("Seuls les formateurs de la séance peuvent faire cela."))


def _locked_slot(slot: AttendanceSlot) -> AttendanceSlot:
    """The slot re-read under a row lock, so two trainers closing or two devices signing do not race."""
    return AttendanceSlot.objects.select_for_update().select_related("session").get(pk=slot.pk)


@transaction.atomic
def open_slot(session, half_day: str, *, by: User, now: datetime.datetime | None = None) -> AttendanceSlot:
    """Opens the attendance of one half-day of a session (idempotent while it is open)."""
    now = _now(now)
    _require_leader(by, session)
    if session.status == session.Status.CANCELLED:
        raise ValidationError(_("Cette séance est annulée : il n'y a pas d'émargement."))
    if half_day not in session.half_days:
        raise ValidationError(_("Cette séance n'a pas de créneau sur cette demi-journée."))
    slot, _created = AttendanceSlot.objects.get_or_create(session=session, half_day=half_day)
    slot = _locked_slot(slot)
    if slot.is_closed:
        raise ValidationError(_("Ce créneau est déjà clos : il ne peut plus être rouvert."))
    if slot.opened_at:
        return slot
    if now < slot.starts_at - OPENING_MARGIN:
        raise ValidationError(_("L'émargement s'ouvre au plus tôt 30 minutes avant le début du créneau."))
    if now > slot.ends_at.replace(hour=23, minute=59):
        raise ValidationError(_("Ce créneau est passé : l'émargement ne peut plus être ouvert."))
    slot.opened_by = by
    slot.opened_at = now
    slot.save(update_fields=["opened_by", "opened_at"])
    return slot


def _decode_png(data_url: str) -> bytes:
    prefix = "data:image/png;base64,"
    if not data_url or not data_url.startswith(prefix):
        raise ValidationError({"image": _("Dessinez votre signature dans le cadre avant de valider.")})
    try:
        content = base64.b64decode(data_url[len(prefix) :], validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValidationError({"image": _("La signature dessinée n'a pas pu être lue. Recommencez.")}) from error
    if not content.startswith(PNG_MAGIC):
        raise ValidationError({"image": _("La signature dessinée n'a pas pu être lue. Recommencez.")})
    if len(content) > MAX_SIGNATURE_BYTES:
        raise ValidationError({"image": _("La signature dessinée est trop lourde. Effacez et recommencez.")})
    return content


@transaction.atomic
def sign(
    slot,
    trainee: User,
    method: str,
    *,
    by: User,
    image_data_url: str = "",
    typed_name: str = "",
    attester_name: str = "",
    reason: str = "",
    now: datetime.datetime | None = None,
) -> Signature:
    """Signs one trainee's presence on ONE slot, by the trainee (drawn, one tap, typed name) or by a
    trainer (own attestation, or that of the trainee's support person)."""
    if not isinstance(slot, AttendanceSlot):
        raise ValidationError(_("Une signature vaut pour un seul créneau : signez chaque demi-journée séparément."))
    now = _now(now)
    slot = _locked_slot(slot)
    if method not in SignatureMethod.values:
        raise ValidationError({"method": _("Choisissez une façon de signer.")})
    attestation = method in (SignatureMethod.TRAINER_ATTESTATION, SignatureMethod.SUPPORT_ATTESTATION)
    if attestation:
        _require_leader(by, slot.session)
    elif by.pk != trainee.pk:
        raise PermissionDenied(_("Chaque personne signe depuis son propre compte."))
    if not is_session_trainee(trainee, slot.session):
        raise ValidationError(_("Cette personne n'est pas inscrite à cette séance."))
    state = slot.signing_state(now)
    if state == "closed":
        raise ValidationError(_("Ce créneau est clos : il n'est plus possible de signer."))
    if state == "not_open":
        raise ValidationError(_("L'émargement de ce créneau n'est pas encore ouvert."))
    if state == "too_early":
        opens = timezone.localtime(slot.signing_opens_at, PARIS)
        raise ValidationError(_("Trop tôt : la signature ouvre à %(time)s.") % {"time": f"{opens:%H:%M}"})
    # Trainees sign during the slot; after it, only the trainer's attestation until they close it.
    if state == "ended" and not attestation:
        raise ValidationError(_("Le créneau est terminé : demandez au formateur d'attester votre présence."))

    fields = {}
    if method == SignatureMethod.DRAWN:
        fields["image"] = ContentFile(_decode_png(image_data_url), name="signature.png")
    elif method == SignatureMethod.TYPED_NAME:
        typed_name = " ".join(typed_name.split())
        if len(typed_name) < 2:
            raise ValidationError({"typed_name": _("Écrivez votre prénom et votre nom.")})
        fields["typed_name"] = typed_name
    elif attestation:
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError({"reason": _("Indiquez pourquoi la présence est attestée.")})
        if method == SignatureMethod.SUPPORT_ATTESTATION:
            attester_name = " ".join(attester_name.split())
            if not attester_name:
                raise ValidationError({"attester_name": _("Indiquez le nom de la personne d'accompagnement.")})
        else:
            attester_name = by.get_full_name()
        fields["attester_name"] = attester_name
        fields["attestation_reason"] = reason

    record, _created = AttendanceRecord.objects.get_or_create(slot=slot, trainee=trainee)
    if record.status in ABSENT_STATUSES:
        raise ValidationError(_("Cette personne est notée absente sur ce créneau : corrigez d'abord son statut."))
    if Signature.objects.filter(record=record).exists():
        raise ValidationError(_("La présence est déjà signée pour ce créneau."))
    signature = Signature(record=record, method=method, signed_at=now, recorded_by=by)
    image = fields.pop("image", None)
    for name, value in fields.items():
        setattr(signature, name, value)
    if image is not None:
        signature.image.save(image.name, image, save=False)
    signature.save()
    return signature


@transaction.atomic
def set_status(
    slot,
    trainee: User,
    status: str,
    *,
    by: User,
    reason: str = "",
    minutes_missed: int = 0,
    now: datetime.datetime | None = None,
) -> AttendanceRecord:
    """Sets a trainee's status on an open slot (late, left early, absent, excused…); an absence opens
    the session's catch-up."""
    now = _now(now)
    slot = _locked_slot(slot)
    _require_leader(by, slot.session)
    if slot.is_closed:
        raise ValidationError(_("Ce créneau est clos : faites une correction motivée."))
    if not slot.opened_at:
        raise ValidationError(_("L'émargement de ce créneau n'est pas encore ouvert."))
    if not is_session_trainee(trainee, slot.session):
        raise ValidationError(_("Cette personne n'est pas inscrite à cette séance."))
    record, _created = AttendanceRecord.objects.get_or_create(slot=slot, trainee=trainee)
    _apply_status(record, status, reason, minutes_missed)
    record.save()
    if status in ABSENT_STATUSES:
        open_catch_up(trainee, slot.session, now=now)
    else:
        _drop_unneeded_catch_up(trainee, slot.session)
    return record


def _apply_status(record: AttendanceRecord, status: str, reason: str, minutes_missed) -> None:
    if status not in AttendanceStatus.values:
        raise ValidationError({"status": _("Choisissez un statut.")})
    reason = " ".join((reason or "").split())
    if status == AttendanceStatus.EXCUSED and not reason:
        raise ValidationError({"reason": _("Indiquez le motif de l'absence justifiée.")})
    if status in ABSENT_STATUSES and hasattr(record, "signature"):
        raise ValidationError(_("Cette personne a signé ce créneau : elle ne peut pas être notée absente."))
    try:
        minutes_missed = int(minutes_missed or 0)
    except (TypeError, ValueError) as error:
        raise ValidationError({"minutes_missed": _("Indiquez un nombre de minutes.")}) from error
    if minutes_missed < 0 or minutes_missed > int(record.slot.hours * 60):
        raise ValidationError({"minutes_missed": _("Le nombre de minutes manquées dépasse la durée du créneau.")})
    if status in (AttendanceStatus.PRESENT, *ABSENT_STATUSES):
        minutes_missed = 0
    record.status = status
    record.reason = reason
    record.minutes_missed = minutes_missed


@transaction.atomic
def close_slot(slot, *, by: User, now: datetime.datetime | None = None) -> AttendanceSlot:
    """The trainer's countersignature: closes the slot, notes absent whoever has not signed and opens
    their catch-up."""
    now = _now(now)
    slot = _locked_slot(slot)
    _require_leader(by, slot.session)
    if slot.is_closed:
        raise ValidationError(_("Ce créneau est déjà clos."))
    if not slot.opened_at:
        raise ValidationError(_("L'émargement de ce créneau n'est pas encore ouvert."))
    if now < slot.starts_at:
        raise ValidationError(_("Le créneau n'a pas commencé : il ne peut pas encore être contresigné."))

    records = {record.trainee_id: record for record in slot.records.select_related("signature")}
    for trainee in session_trainees(slot.session):
        record = records.get(trainee.pk)
        signed = record is not None and hasattr(record, "signature")
        if record is None:
            record = AttendanceRecord(slot=slot, trainee=trainee, status=AttendanceStatus.ABSENT)
            record.save()
        elif not signed and record.status in (AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY):
            # Noted late or leaving early by the trainer: the trainer saw them there, so the
            # countersignature attests their presence, with the minutes missed kept.
            Signature.objects.create(
                record=record,
                method=SignatureMethod.TRAINER_ATTESTATION,
                signed_at=now,
                recorded_by=by,
                attester_name=by.get_full_name(),
                attestation_reason=_("Noté %(status)s par le formateur, présence attestée à la contre-signature.")
                % {"status": record.get_status_display().lower()},
            )
        elif not signed and record.status in ATTENDING_STATUSES:
            # Noted present but never signed: not attested, so absent.
            record.status = AttendanceStatus.ABSENT
            record.minutes_missed = 0
            record.save(update_fields=["status", "minutes_missed", "updated_at"])
        if record.status in ABSENT_STATUSES:
            open_catch_up(trainee, slot.session, now=now)
    slot.closed_by = by
    slot.closed_at = now
    slot.save(update_fields=["closed_by", "closed_at"])
    _archive_when_complete(slot.session)
    return slot


def _archive_when_complete(session) -> None:
    """Once every half-day of the session is countersigned, the signed sheet is archived (and again
    after each amendment) in the background."""
    closed = AttendanceSlot.objects.filter(session=session, closed_at__isnull=False).count()
    if closed < len(session.half_days):
        return
    from django_q.tasks import async_task

    transaction.on_commit(lambda: async_task("lms.attendance.tasks.archive_attendance_sheet", session.pk))


@transaction.atomic
def amend(
    slot,
    trainee: User,
    *,
    by: User,
    status: str,
    reason: str,
    minutes_missed: int = 0,
    now: datetime.datetime | None = None,
) -> Amendment:
    """Corrects a trainee's status on a closed slot, logging who, when, what and why."""
    now = _now(now)
    slot = _locked_slot(slot)
    _require_leader(by, slot.session)
    if not slot.is_closed:
        raise ValidationError(_("Ce créneau est encore ouvert : modifiez directement le statut."))
    why = " ".join((reason or "").split())
    if not why:
        raise ValidationError({"reason": _("Indiquez le motif de la correction.")})
    record = AttendanceRecord.objects.select_related("signature").filter(slot=slot, trainee=trainee).first()
    if record is None:
        raise ValidationError(_("Cette personne n'est pas inscrite à cette séance."))
    before = f"{record.get_status_display()}"
    if record.minutes_missed:
        before += f" ({record.minutes_missed} min)"
    excuse = why if status == AttendanceStatus.EXCUSED else ""
    _apply_status(record, status, excuse, minutes_missed)
    record.save()
    after = f"{record.get_status_display()}"
    if record.minutes_missed:
        after += f" ({record.minutes_missed} min)"
    if before == after:
        raise ValidationError({"status": _("Rien ne change : choisissez un autre statut.")})
    amendment = Amendment.objects.create(
        slot=slot, record=record, amended_by=by, amended_at=now, change=f"{before} → {after}", reason=why
    )
    if record.status in ABSENT_STATUSES:
        open_catch_up(trainee, slot.session, now=now)
    else:
        _drop_unneeded_catch_up(trainee, slot.session)
    _archive_when_complete(slot.session)
    return amendment


# --- Catch-up -----------------------------------------------------------------------------------


def _drop_unneeded_catch_up(trainee: User, session) -> None:
    """A trainee first noted absent then present again needs no catch-up, unless already started."""
    still_absent = AttendanceRecord.objects.filter(
        slot__session=session, trainee=trainee, status__in=ABSENT_STATUSES
    ).exists()
    if not still_absent:
        CatchUp.objects.filter(trainee=trainee, session=session, progress__isnull=True).delete()


def open_catch_up(trainee: User, session, *, now: datetime.datetime | None = None) -> CatchUp:
    """Opens (once) the catch-up of `session` for an absent trainee."""
    catch_up, _created = CatchUp.objects.get_or_create(
        trainee=trainee, session=session, defaults={"opened_at": _now(now)}
    )
    return catch_up


@transaction.atomic
def mark_item_viewed(catch_up: CatchUp, item_key: str, *, by: User, now: datetime.datetime | None = None):
    """Records that the trainee went through one item of their catch-up; the catch-up is complete
    once every item is done."""
    now = _now(now)
    if by.pk != catch_up.trainee_id:
        raise PermissionDenied(_("Seule la personne concernée avance dans son rattrapage."))
    items = {item.key: item for item in catch_up_items(catch_up)}
    if item_key not in items:
        raise ValidationError(_("Cet élément ne fait pas partie de ce rattrapage."))
    progress, _created = CatchUpProgress.objects.get_or_create(catch_up=catch_up, item_key=item_key)
    if progress.viewed_at is None:
        progress.viewed_at = now
        progress.save(update_fields=["viewed_at"])
    refresh_completion(catch_up, now=now)
    return progress


def refresh_completion(catch_up: CatchUp, *, now: datetime.datetime | None = None) -> CatchUp:
    """Marks the catch-up complete when all its items are done (H5P ones through their xAPI completion)."""
    items = catch_up_items(catch_up)
    if items and all(item.done for item in items) and catch_up.completed_at is None:
        catch_up.completed_at = _now(now)
        catch_up.save(update_fields=["completed_at"])
    return catch_up


@transaction.atomic
def add_material(
    session, *, by: User, kind: str, title: str, text: str = "", easy_read_text: str = "", file=None
) -> SessionMaterial:
    """Attaches slides, a flipchart photo or notes to a scheduled session, for the catch-up."""
    _require_leader(by, session)
    errors = {}
    if kind not in SessionMaterial.Kind.values:
        errors["kind"] = _("Choisissez le type de support.")
    if not title.strip():
        errors["title"] = _("Donnez un titre au support.")
    if kind == SessionMaterial.Kind.PHOTO and not text.strip():
        errors["text"] = _("Décrivez la photo : ce texte la remplace pour les personnes qui ne la voient pas.")
    if not file and not text.strip():
        errors.setdefault("file", _("Ajoutez un fichier ou écrivez le texte des notes."))
    if file:
        try:
            file.upload_check = MATERIAL_POLICY.check(file, label=getattr(file, "name", "") or "")
        except ValidationError as error:
            errors["file"] = error.messages
        else:
            # A photo is shown in the page as an image, with the description as its text alternative.
            if kind == SessionMaterial.Kind.PHOTO and not file.upload_check.content_type.startswith("image/"):
                errors["file"] = _("Pour une photo du tableau, déposez une image (PNG, JPEG, GIF ou WebP).")
    if errors:
        raise ValidationError(errors)
    material = SessionMaterial(
        session=session,
        kind=kind,
        title=title.strip(),
        text=text.strip(),
        easy_read_text=easy_read_text.strip(),
        uploaded_by=by,
        sort_order=session.materials.count(),
    )
    if file:
        material.file.save(file.name, file, save=False)  # under our own name and extension
    material.save()
    return material
