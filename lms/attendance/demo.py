"""Demo attendance: the peer-interveners group's first session, held two weeks ago, with every way of
signing, one excused absence, the demo trainee absent in the morning (so "Mon espace" shows a
catch-up) and the trainers' materials. Idempotent: nothing is added once that session exists."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from lms import events
from lms.attendance import services
from lms.attendance.factories import flipchart_png, signature_png_data_url
from lms.attendance.models import PARIS, AttendanceStatus, SessionMaterial, SignatureMethod
from lms.cohorts.models import Enrolment, HalfDay, ScheduledSession, TrainingGroup

IP_GROUP = "Intervenants-pairs — Rhône"
DEMO_TRAINEE = "stagiaire@epop.example"


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=PARIS)


def seed(stdout=None) -> None:
    """Records the attendance of a past session of the demo peer-interveners group."""
    group = TrainingGroup.objects.filter(name=IP_GROUP).prefetch_related("trainers", "peer_trainers").first()
    if group is None:
        return
    today = timezone.localdate()
    if ScheduledSession.objects.filter(groups=group, date__lt=today).exists():
        return
    first = ScheduledSession.objects.filter(groups=group).select_related("venue").order_by("date").first()
    trainer, peer = group.trainers.first(), group.peer_trainers.first()
    if first is None or trainer is None:
        return
    day = today - datetime.timedelta(days=14)
    # The opening session, already held: the same curriculum session as the first planned one.
    session = ScheduledSession.objects.create(
        session_page=first.session_page,
        date=day,
        start_time=datetime.time(9, 30),
        end_time=datetime.time(15, 30),
        venue=first.venue,
        trainer=trainer,
        peer_trainer=peer,
    )
    session.groups.add(group)
    events.publish(events.SESSION_SCHEDULED, session=session, previous_groups=[])
    trainees = [
        enrolment.trainee
        for enrolment in Enrolment.objects.enrolled()
        .filter(group=group)
        .select_related("trainee")
        .order_by("trainee__email")
    ]
    demo_trainee = next((t for t in trainees if t.email == DEMO_TRAINEE), None)
    others = [t for t in trainees if t.email != DEMO_TRAINEE]
    morning = services.open_slot(session, HalfDay.MORNING, by=trainer, now=_at(day, 9, 15))
    afternoon = services.open_slot(session, HalfDay.AFTERNOON, by=peer or trainer, now=_at(day, 13, 0))
    for index, trainee in enumerate(others):
        for slot, hour in ((morning, 9), (afternoon, 13)):
            now = _at(day, hour, 35 + index)
            if index == len(others) - 1:
                # The last one is away on an excused absence for the whole day.
                services.set_status(
                    slot, trainee, AttendanceStatus.EXCUSED, by=trainer, reason="Rendez-vous médical", now=now
                )
            elif index % 4 == 0:
                services.sign(
                    slot,
                    trainee,
                    SignatureMethod.DRAWN,
                    by=trainee,
                    image_data_url=signature_png_data_url(index),
                    now=now,
                )
            elif index % 4 == 1:
                services.sign(slot, trainee, SignatureMethod.ONE_TAP, by=trainee, now=now)
            elif index % 4 == 2:
                services.sign(
                    slot, trainee, SignatureMethod.TYPED_NAME, by=trainee, typed_name=trainee.get_full_name(), now=now
                )
            else:
                services.sign(
                    slot,
                    trainee,
                    SignatureMethod.SUPPORT_ATTESTATION,
                    by=trainer,
                    attester_name="Luc Martin, accompagnant",
                    reason="Communique avec une tablette (CAA)",
                    now=now,
                )
    if demo_trainee is not None:
        services.sign(afternoon, demo_trainee, SignatureMethod.ONE_TAP, by=demo_trainee, now=_at(day, 13, 20))
    services.close_slot(morning, by=trainer, now=_at(day, 12, 45))
    services.close_slot(afternoon, by=peer or trainer, now=_at(day, 15, 35))
    services.add_material(
        session,
        by=trainer,
        kind=SessionMaterial.Kind.NOTES,
        title="Notes de la matinée",
        text="Tour de table : chacun a dit ce qu'il attend de la formation. Nous avons écrit ensemble les règles "
        "du groupe : écoute, respect, confidentialité, droit de faire une pause.",
        easy_read_text="Chaque personne a dit ce qu'elle veut apprendre.\nNous avons écrit les règles du groupe.\n"
        "On s'écoute. On se respecte. On peut faire une pause.",
    )
    services.add_material(
        session,
        by=peer or trainer,
        kind=SessionMaterial.Kind.PHOTO,
        title="Le tableau des règles du groupe",
        text="Photo du tableau : trois colonnes, « écoute », « respect », « confidentialité », "
        "avec les mots du groupe.",
        file=ContentFile(flipchart_png(), name="tableau-regles.png"),
    )
    if stdout:
        stdout.write("Émargement de démonstration : une séance passée, avec un rattrapage pour Samia Haddad.")
