"""A peer-interveners group and a referents group with trainers, trainees, a schedule and the kit's
objectives: the world the learning tests work in."""

import datetime
import io
import wave

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lms.learning.factories import enrol, kit_objectives, schedule, session_page, training_group
from lms.people.models import Role

# The schedule lies ahead, as for a group in progress; tests move it when they need the past.
DAY1 = datetime.date.today() + datetime.timedelta(days=20)
DAY2 = DAY1 + datetime.timedelta(days=14)
DAY3 = DAY1 + datetime.timedelta(days=32)


def wav_bytes() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(b"\x80" * 800)
    return buffer.getvalue()


MP4_BYTES = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 200
PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def objectives(db):
    return {objective.code: objective for objective in kit_objectives()}


@pytest.fixture
def people(make_user):
    return {
        "trainer": make_user(Role.TRAINER, email="formatrice@test.fr", first_name="Fanny", last_name="Roux"),
        "peer_trainer": make_user(Role.PEER_TRAINER, email="pair@test.fr", first_name="Pascal", last_name="Lemoine"),
        "trainee": make_user(Role.TRAINEE, email="samia@test.fr", first_name="Samia", last_name="Haddad"),
        "other": make_user(Role.TRAINEE, email="leo@test.fr", first_name="Léo", last_name="Petit"),
        "referent": make_user(Role.TRAINEE, email="rita@test.fr", first_name="Rita", last_name="Morel"),
        "outsider_trainer": make_user(Role.TRAINER, email="autre@test.fr", first_name="Otto", last_name="Blanc"),
    }


@pytest.fixture
def world(site_tree, territory, organisation, people, objectives):
    """Two groups; the IP group has sessions on DAY1 (task), DAY2 (no task), DAY3 (task); the RP
    group shares the DAY1 session (joint) and has its own next session on DAY3."""
    ip_course, rp_course = site_tree["peer_interveners"], site_tree["referents"]
    task_page = session_page(ip_course, "Mon expérience", task="Raconter une expérience", can_be_joint=True)
    plain_page = session_page(ip_course, "Les savoirs expérientiels")
    last_page = session_page(ip_course, "Mon projet", task="Esquisser mon projet", accepts_video=False)
    rp_page = session_page(rp_course, "La mission du référent")
    ip_group = training_group(
        ip_course,
        territory=territory,
        organisation=organisation,
        name="IP Rhône",
        trainers=[people["trainer"]],
        peer_trainers=[people["peer_trainer"]],
    )
    rp_group = training_group(
        rp_course, territory=territory, organisation=organisation, name="RP Rhône", trainers=[people["trainer"]]
    )
    enrol(ip_group, people["trainee"], people["other"])
    enrol(rp_group, people["referent"])
    joint = schedule(task_page, ip_group, rp_group, date=DAY1)
    second = schedule(plain_page, ip_group, date=DAY2)
    third = schedule(last_page, ip_group, date=DAY3)
    rp_next = schedule(rp_page, rp_group, date=DAY3, start=datetime.time(14, 0), end=datetime.time(17, 0))
    return {
        "ip_group": ip_group,
        "rp_group": rp_group,
        "sessions": {"joint": joint, "second": second, "third": third, "rp_next": rp_next},
        "pages": {"task": task_page, "plain": plain_page, "last": last_page},
        **people,
    }


@pytest.fixture
def first_assignment(world):
    return world["ip_group"].assignments.get(scheduled_session=world["sessions"]["joint"])
