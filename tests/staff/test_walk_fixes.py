"""What the role walks (tests/staff/test_journeys_*.py) found missing, checked without a browser: the
public applicant's receipt e-mail, the way from "Mes séances" to the attendance sheets, and the link
from "Mon espace" to the next session's content."""

import pytest
from django.core import mail
from django.urls import reverse

from lms.cohorts.models import Application
from tests.cohorts.conftest import enrol_trainee
from tests.cohorts.test_pages import schedule_week

pytestmark = pytest.mark.django_db

FORM = {
    "first_name": "Nina",
    "last_name": "Petit",
    "email": "nina@example.fr",
    "motivation": "Aider les autres.",
    "interview_needs": "Documents en FALC.",
    "consent": "on",
}


def test_a_public_application_is_acknowledged_by_e_mail(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cohorts:apply"), {**FORM, "course": world["ip_course"].pk, "territory": world["territory"].pk}
        )
    assert response.status_code == 302
    assert Application.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["nina@example.fr"]]
    receipt = mail.outbox[0]
    assert world["ip_course"].title in receipt.subject
    assert "Bonjour Nina" in receipt.body and "Documents en FALC." in receipt.body
    assert "Un e-mail de confirmation part" in client.get(reverse("cohorts:apply_done")).content.decode()


def test_a_refused_application_sends_nothing(client, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("cohorts:apply"), {**FORM, "course": world["ip_course"].pk, "consent": ""})
    assert not Application.objects.exists() and mail.outbox == []


def test_an_application_recorded_by_the_regional_team_sends_no_receipt(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world["regional"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("cohorts:record_application"),
            {**FORM, "course": world["ip_course"].pk, "territory": world["territory"].pk},
        )
    assert Application.objects.filter(source=Application.Source.RECORDED).count() == 1
    assert mail.outbox == []


def test_mes_seances_links_the_attendance_sheets(client, world):
    schedule_week(world)
    client.force_login(world["trainer"])
    html = client.get(reverse("cohorts:my_sessions")).content.decode()
    assert f'href="{reverse("attendance:index")}"' in html


def test_mon_espace_links_the_next_sessions_content(client, world):
    enrol_trainee(world["ip_group"], world["trainee"])
    session = schedule_week(world)
    client.force_login(world["trainee"])
    html = client.get(reverse("attendance:trainee_home")).content.decode()
    assert f'href="{session.session_page.url}"' in html
    assert "Voir le contenu de la séance" in html
