"""A joint session's attendance sheet (page and PDF): each trainee with their own group and course."""

import io
import re

import pytest
from pypdf import PdfReader

from lms.attendance import services
from lms.attendance.models import SignatureMethod
from lms.attendance.pdf import attendance_sheet_pdf
from lms.attendance.selectors import attendance_sheet, session_for_sheet
from lms.cohorts.models import Enrolment, HalfDay, TrainingGroup
from lms.people.models import Role
from tests.attendance.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def joint(world, site_tree, territory, organisation, make_user):
    referents = TrainingGroup.objects.create(
        name="RP Rhône 2027", course=site_tree["referents"], territory=territory, organisation=organisation, capacity=12
    )
    referent = make_user(Role.TRAINEE, first_name="Agnès", last_name="Moreau")
    Enrolment.objects.create(group=referents, trainee=referent)
    world["session"].groups.add(referents)
    slot = services.open_slot(world["session"], HalfDay.MORNING, by=world["trainer"], now=at(9))
    services.sign(slot, referent, SignatureMethod.ONE_TAP, by=referent, now=at(9, 5))
    return {**world, "referents": referents, "referent": referent}


def test_joint_sheet_page_shows_each_trainees_group_and_course(client, joint):
    client.force_login(joint["trainer"])
    html = client.get(f"/emargement/seances/{joint['session'].pk}/").content.decode()
    assert "Formations (séance commune)" in html
    assert "Groupe et formation" in html
    rows = {name: row for name, row in re.findall(r'<th scope="row">([^<]+)</th>\s*<td>(.*?)</td>', html, flags=re.S)}
    assert "RP Rhône 2027" in rows["Agnès Moreau"] and "Formation des référents" in rows["Agnès Moreau"]
    assert "IP Rhône 2027" in rows["Samia Haddad"] and "Formation des intervenants-pairs" in rows["Samia Haddad"]
    assert "Formation des référents" not in rows["Samia Haddad"]


def test_joint_sheet_pdf_prints_both_courses_and_a_group_column(joint):
    sheet = attendance_sheet(session_for_sheet(joint["session"].pk))
    text = " ".join(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(attendance_sheet_pdf(sheet))).pages).split()
    )
    assert "Formations (séance commune) : Formation des intervenants-pairs, Formation des référents" in text or (
        "Formations (séance commune) : Formation des référents, Formation des intervenants-pairs" in text
    )
    assert "Groupe et formation" in text
    assert re.search(r"Agnès Moreau RP Rhône 2027 Formation des référents", text)
    assert re.search(r"Samia Haddad IP Rhône 2027 Formation des intervenants-pairs", text)
