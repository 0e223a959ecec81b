"""A finished group with real attendance, intersession work and final evaluations, for the certificates tests."""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from courses.selectors import objectives_for_course
from lms.attendance.models import AttendanceRecord, AttendanceSlot, AttendanceStatus, CatchUp, Signature
from lms.certificates.models import OrganisationSignatory
from lms.cohorts.models import Enrolment, TrainingGroup
from lms.learning.factories import SubmissionFactory, schedule, session_page
from lms.learning.models import Assignment, Level, ObjectiveAssessment
from lms.people.models import Role


def png_bytes(colour="navy", size=(120, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass
class World:
    course: object
    group: object
    sessions: list
    objectives: list
    alice: object
    bob: object
    staff: object
    regional: object
    signatory: object


def attend(session, trainee, *, status=AttendanceStatus.PRESENT, signed=True, minutes_missed=0):
    """Records the trainee's attendance on every half-day of `session`."""
    for half_day in session.half_days:
        slot, _ = AttendanceSlot.objects.get_or_create(session=session, half_day=half_day)
        record = AttendanceRecord.objects.create(
            slot=slot, trainee=trainee, status=status, minutes_missed=minutes_missed
        )
        if signed and status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE, AttendanceStatus.LEFT_EARLY):
            Signature.objects.create(record=record, method="one_tap", signed_at=timezone.now(), recorded_by=trainee)


def evaluate(world, trainee, level=Level.ACQUIRED):
    ObjectiveAssessment.objects.bulk_create(
        ObjectiveAssessment(
            group=world.group,
            trainee=trainee,
            objective=objective,
            kind=ObjectiveAssessment.Kind.FINAL,
            assessor=ObjectiveAssessment.Assessor.TRAINERS,
            level=level,
        )
        for objective in world.objectives
    )


def hand_in(world, trainee):
    for assignment in Assignment.objects.filter(group=world.group):
        SubmissionFactory(assignment=assignment, trainee=trainee)


def catch_up(session, trainee):
    CatchUp.objects.create(trainee=trainee, session=session, opened_at=timezone.now(), completed_at=timezone.now())


@pytest.fixture
def world(site_tree, territory, organisation, make_user):
    """A finished peer-interveners group: 3 sessions (8 h, 8 h, 3 h = 19 h planned), one intersession
    task, the kit's 15 objectives. Alice attended and signed everything, handed in and was evaluated;
    Bob was only enrolled."""
    course = site_tree["peer_interveners"]
    objectives = list(objectives_for_course(course))
    group = TrainingGroup.objects.create(
        name="Intervenants-pairs Rhône 2026",
        course=course,
        territory=territory,
        organisation=organisation,
        capacity=8,
        status=TrainingGroup.Status.FINISHED,
        start_date=datetime.date(2026, 3, 2),
        end_date=datetime.date(2026, 6, 1),
    )
    pages = [
        session_page(course, "Se connaître", task="Raconter une expérience"),
        session_page(course, "Transmettre"),
        session_page(course, "Conclure"),
    ]
    day = datetime.time
    sessions = [
        schedule(pages[0], group, date=datetime.date(2026, 3, 2), start=day(9, 0), end=day(17, 0)),
        schedule(pages[1], group, date=datetime.date(2026, 4, 6), start=day(9, 0), end=day(17, 0)),
        schedule(pages[2], group, date=datetime.date(2026, 6, 1), start=day(9, 0), end=day(12, 0)),
    ]
    alice = make_user(Role.TRAINEE, email="alice@example.fr", first_name="Alice", last_name="Bérénger")
    bob = make_user(Role.TRAINEE, email="bob@example.fr", first_name="Bob", last_name="Martin")
    for trainee in (alice, bob):
        Enrolment.objects.create(group=group, trainee=trainee, status=Enrolment.Status.ENROLLED)
    staff = make_user(Role.ORGANISATION_STAFF, organisation=organisation, email="of@example.fr")
    regional = make_user(Role.REGIONAL_TEAM, region=territory.region, email="region@example.fr")
    signatory = OrganisationSignatory.objects.create(
        organisation=organisation,
        signatory_name="Odile Perrin",
        signatory_title="Directrice",
        place="Lyon",
        stamp=SimpleUploadedFile("cachet.png", png_bytes("darkred"), content_type="image/png"),
        signature=SimpleUploadedFile("signature.png", png_bytes("black"), content_type="image/png"),
    )
    world = World(course, group, sessions, objectives, alice, bob, staff, regional, signatory)
    for session in sessions:
        attend(session, alice)
    hand_in(world, alice)
    evaluate(world, alice)
    return world
