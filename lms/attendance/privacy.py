"""The attendance app's part in personal-data rights: attendance records, signatures, corrections,
catch-ups, and the archived attendance sheets.

Attendance sheets are kept by law (proof for funders and audits): erasure keeps every row, so that
hours, statuses and dates still add up, but removes what identifies or describes the person. Their
drawn signature images are deleted; the name they typed, and their name where they attested a
presence as trainer, become the pseudonym; free-text reasons about them (excused absence, correction,
attestation) are replaced by a neutral mention, since they often tell health or disability matters.
The archived PDF sheets of the sessions where the person appears are then rendered again, so that
the kept sheet shows the pseudonym.
"""

from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from lms.attendance.models import (
    ATTESTATION_METHODS,
    Amendment,
    AttendanceRecord,
    AttendanceSlot,
    CatchUp,
    SessionMaterial,
    Signature,
    SignatureMethod,
)
from lms.cohorts.models import ScheduledSession
from lms.people import privacy

# Replaces free text about the erased person: the sheet still shows that a reason was given.
ERASED_TEXT = "Motif effacé à la demande de la personne"


def export_attendance(user) -> dict:
    """The person's attendance per half-day with its signature and corrections, their catch-ups,
    and, for those who lead sessions, how many slots they opened, countersigned or attested."""

    # The session's title only, not its whole curriculum page: a trainee may have hundreds of records.
    records = (
        AttendanceRecord.objects.filter(trainee=user)
        .select_related("slot__session", "signature")
        .annotate(session_title=F("slot__session__session_page__title"))
        .prefetch_related("amendments")
    )
    # Labels translated once: get_FOO_display() hashes every lazy choice label on each call.
    half_days = {value: str(label) for value, label in AttendanceSlot._meta.get_field("half_day").choices}
    statuses = {value: str(label) for value, label in AttendanceRecord._meta.get_field("status").choices}
    methods = {value: str(label) for value, label in Signature._meta.get_field("method").choices}
    presences = []
    # In time order: the half-day's name does not sort (afternoon would come before morning).
    for record in sorted(records, key=lambda record: (record.slot.starts_at, record.pk)):
        session = record.slot.session
        signature = getattr(record, "signature", None)
        presences.append(
            {
                "séance": record.session_title,
                "date": session.date,
                "demi-journée": half_days.get(record.slot.half_day, record.slot.half_day),
                "statut": statuses.get(record.status, record.status),
                "motif": record.reason,
                "minutes_manquées": record.minutes_missed,
                "signature": (
                    {
                        "mode": methods.get(signature.method, signature.method),
                        "signée_le": signature.signed_at,
                        "signature_dessinée_conservée": bool(signature.image),
                        "nom_saisi": signature.typed_name,
                        "attestée_par": signature.attester_name,
                        "motif_de_l'attestation": signature.attestation_reason,
                    }
                    if signature
                    else None
                ),
                "corrections": [
                    {"date": amendment.amended_at, "modification": amendment.change, "motif": amendment.reason}
                    for amendment in record.amendments.all()
                ],
            }
        )
    catch_ups = [
        {
            "séance": catch_up.session.session_page.title,
            "date_de_la_séance": catch_up.session.date,
            "ouvert_le": catch_up.opened_at,
            "terminé_le": catch_up.completed_at,
            "éléments": [
                {"élément": item.item_key, "vu_le": item.viewed_at, "terminé_le": item.completed_at}
                for item in catch_up.progress.all()
            ],
        }
        for catch_up in CatchUp.objects.filter(trainee=user)
        .select_related("session__session_page")
        .prefetch_related("progress")
    ]
    export = {"présences": presences, "rattrapages": catch_ups}
    led = {
        "créneaux_ouverts": AttendanceSlot.objects.filter(opened_by=user).count(),
        "créneaux_contresignés": AttendanceSlot.objects.filter(closed_by=user).count(),
        "présences_attestées": Signature.objects.filter(recorded_by=user).exclude(record__trainee=user).count(),
        "corrections_faites": Amendment.objects.filter(amended_by=user).count(),
        "supports_de_séance_ajoutés": SessionMaterial.objects.filter(uploaded_by=user).count(),
    }
    if any(led.values()):
        export["en_tant_que_formateur"] = led
    return export


def _sessions_with_archived_sheet(user) -> set[int]:
    """Sessions whose archived sheet prints the person: as a trainee's row, as a trainer of the
    session or of its groups, as the countersigning trainer, or as the attester of a presence."""

    archived = ScheduledSession.objects.filter(sheet_archive__isnull=False)
    found = set()
    for condition in (
        Q(attendance_slots__records__trainee=user),
        Q(attendance_slots__closed_by=user),
        Q(attendance_slots__records__signature__recorded_by=user),
        Q(trainer=user) | Q(peer_trainer=user),
        Q(groups__trainers=user) | Q(groups__peer_trainers=user),
    ):
        found.update(archived.filter(condition).values_list("pk", flat=True))
    return found


def erase_attendance(user, pseudonym: str) -> None:
    """Keeps the attendance rows (kept by law) but removes what identifies or describes the person;
    signature files are deleted and archived sheets rendered again once the erasure is committed."""

    own = Signature.objects.filter(record__trainee=user)
    storage = Signature._meta.get_field("image").storage
    # Files are not transactional: they are deleted only after commit, so that a failed erasure
    # leaves both the row and its image as they were.
    drawn = list(own.exclude(image="").values_list("image", flat=True))
    own.exclude(image="").update(image="")
    own.exclude(typed_name="").update(typed_name=pseudonym)
    # Why someone else attested the presence (e.g. "communication alternative") describes the
    # person's disability: the attestation stays, its reason goes.
    own.filter(method__in=ATTESTATION_METHODS).update(attestation_reason=ERASED_TEXT)
    # A support person is named only because they accompany this person: their name would point
    # back to them. The trainer who recorded the attestation stays accountable (recorded_by).
    own.filter(method=SignatureMethod.SUPPORT_ATTESTATION).update(attester_name=f"Accompagnant de {pseudonym}")
    # Where the person attested others' presence as trainer, the sheet printed their name.
    Signature.objects.filter(recorded_by=user, method=SignatureMethod.TRAINER_ATTESTATION).exclude(
        record__trainee=user
    ).update(attester_name=pseudonym)
    # The reason of an excused absence and of a correction is free text about the person (often a
    # medical appointment). The correction's "change" (status before → after) is generated from the
    # statuses, holds no free text, and is the audit trail of the kept sheet: it stays.
    AttendanceRecord.objects.filter(trainee=user).exclude(reason="").update(reason=ERASED_TEXT)
    Amendment.objects.filter(record__trainee=user).update(reason=ERASED_TEXT)
    # Other people's reasons may name the person ("remplacée par Samia Haddad"): the full name only,
    # as a first name alone would hit unrelated texts. The account still bears the real name here,
    # since the identity is anonymised last.
    name = privacy.full_name(user)
    if len(name) >= privacy.MIN_NAME_LENGTH:
        for model, field in (
            (AttendanceRecord, "reason"),
            (Amendment, "reason"),
            (Signature, "attestation_reason"),
            (Signature, "attester_name"),
        ):
            for pk, text in model.objects.filter(**{f"{field}__icontains": name}).values_list("pk", field):
                model.objects.filter(pk=pk).update(**{field: privacy.replace_names(text, [name], pseudonym)})
    # Catch-ups and their progress stay: they prove hours caught up online (they count towards
    # completion) and hold no name nor free text, only dates and item keys.

    privacy.delete_files_after_commit([(storage, file_name) for file_name in drawn])
    for session_id in sorted(_sessions_with_archived_sheet(user)):
        # After commit, the account bears the pseudonym too (people's eraser runs last in the same
        # transaction), so the sheet is rendered with it.
        transaction.on_commit(partial(_queue_archive, session_id))


def _queue_archive(session_id: int) -> None:
    from django_q.tasks import async_task

    async_task("lms.attendance.tasks.archive_attendance_sheet", session_id)


def register() -> None:
    privacy.register(
        "attendance",
        label=_("Présences et signatures"),
        exporter=export_attendance,
        eraser=erase_attendance,
        order=50,
    )
