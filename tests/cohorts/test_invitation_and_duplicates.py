"""Enrolling an accepted applicant sends the invitation to choose a password; a second application
with the same e-mail for the same course is flagged to the regional team (not refused)."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.cohorts import services
from lms.cohorts.factories import ApplicationFactory
from lms.people.factories import RegionFactory, TerritoryFactory, UserFactory
from lms.people.models import Role, User
from tests.cohorts.test_selection import IP_GRID, accept

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock(time_machine):
    """Applications and interviews are checked against today (see test_selection.py): freeze it."""
    time_machine.move_to(datetime.datetime(2026, 9, 30, 10, 0, tzinfo=datetime.UTC), tick=False)


def test_enrolling_an_accepted_applicant_sends_the_invitation(client, world, django_capture_on_commit_callbacks):
    application = ApplicationFactory(course=world["ip_course"], territory=world["territory"], email="nina@example.fr")
    accept(application, IP_GRID)
    client.force_login(world["regional"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/candidatures/{application.pk}/inscription/", {"group": world["ip_group"].pk}, follow=True
        )
    assert "Une invitation part à nina@example.fr" in response.content.decode()
    user = User.objects.get(email="nina@example.fr")
    assert not user.has_usable_password()
    assert [message.to for message in mail.outbox] == [["nina@example.fr"]]
    assert "/invitation/" in mail.outbox[0].body


def test_no_invitation_for_a_person_who_already_has_a_password(world, make_user, django_capture_on_commit_callbacks):
    UserFactory(email="deja@example.fr")
    application = ApplicationFactory(course=world["ip_course"], territory=world["territory"], email="deja@example.fr")
    accept(application, IP_GRID)
    # Only an administrator links an existing account (see tests/security/test_record_scope.py).
    with django_capture_on_commit_callbacks(execute=True):
        services.enrol_application(application, world["ip_group"], actor=make_user(Role.ADMINISTRATOR))
    assert mail.outbox == []


def test_a_second_application_for_the_same_course_is_flagged_with_a_link(client, world):
    first = ApplicationFactory(
        course=world["ip_course"], territory=world["territory"], email="nina@example.fr", first_name="Nina"
    )
    second = services.submit_application(
        course=world["ip_course"],
        territory=world["territory"],
        first_name="Nina",
        last_name="Morel",
        email="NINA@example.fr",
        motivation="Je recandidate.",
    )
    other_course = ApplicationFactory(course=world["rp_course"], territory=world["territory"], email="nina@example.fr")
    alone = ApplicationFactory(course=world["ip_course"], territory=world["territory"])
    client.force_login(world["regional"])

    detail = client.get(f"/candidatures/{second.pk}/").content.decode()
    assert "candidature en double" in detail and f'href="/candidatures/{first.pk}/"' in detail
    assert f'href="/candidatures/{other_course.pk}/"' not in detail
    first_detail = client.get(f"/candidatures/{first.pk}/").content.decode()
    assert f'href="/candidatures/{second.pk}/"' in first_detail
    assert "candidature en double" not in client.get(f"/candidatures/{alone.pk}/").content.decode()
    assert "candidature en double" not in client.get(f"/candidatures/{other_course.pk}/").content.decode()

    listing = client.get("/candidatures/").content.decode()
    assert listing.count('class="warning"') == 2
    assert f'href="/candidatures/{first.pk}/"' in listing and f'href="/candidatures/{second.pk}/"' in listing


def test_an_application_of_another_region_is_not_revealed(client, world):
    elsewhere = TerritoryFactory(region=RegionFactory(code="11", name="Île-de-France"), name="Paris")
    ApplicationFactory(course=world["ip_course"], territory=elsewhere, email="nina@example.fr")
    mine = ApplicationFactory(course=world["ip_course"], territory=world["territory"], email="nina@example.fr")
    client.force_login(world["regional"])
    assert "candidature en double" not in client.get(f"/candidatures/{mine.pk}/").content.decode()
    client.force_login(world["admin"])
    assert "candidature en double" in client.get(f"/candidatures/{mine.pk}/").content.decode()


def test_the_application_list_does_not_grow_in_queries_with_duplicates(client, world):
    client.force_login(world["regional"])

    def add(count):
        for index in range(count):
            for _ in range(2):
                ApplicationFactory(
                    course=world["ip_course"], territory=world["territory"], email=f"double{index}@example.fr"
                )

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/candidatures/").status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(6)
    assert queries() == few


def test_the_other_applications_are_listed_oldest_first(world):
    from lms.cohorts.selectors import with_duplicates

    first = ApplicationFactory(course=world["ip_course"], territory=world["territory"], email="a@example.fr")
    second = ApplicationFactory(course=world["ip_course"], territory=world["territory"], email="a@example.fr")
    third = ApplicationFactory(course=world["ip_course"], territory=world["territory"], email="a@example.fr")
    (flagged,) = with_duplicates([third], world["regional"])
    assert [other.pk for other in flagged.duplicates] == [first.pk, second.pk]


def test_the_regional_team_can_resend_the_invitation(client, world, django_capture_on_commit_callbacks):
    application = ApplicationFactory(course=world["ip_course"], territory=world["territory"], email="nina@example.fr")
    accept(application, IP_GRID)
    with django_capture_on_commit_callbacks(execute=True):
        services.enrol_application(application, world["ip_group"])
    client.force_login(world["regional"])
    detail = client.get(f"/candidatures/{application.pk}/").content.decode()
    assert "Renvoyer l'invitation" in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/candidatures/{application.pk}/invitation/", follow=True)
    assert "Invitation renvoyée à nina@example.fr" in response.content.decode()
    assert len(mail.outbox) == 2

    user = User.objects.get(email="nina@example.fr")
    user.set_password("Rivière-du-loup-2031")
    user.save()
    assert "Renvoyer l'invitation" not in client.get(f"/candidatures/{application.pk}/").content.decode()
    response = client.post(f"/candidatures/{application.pk}/invitation/", follow=True)
    assert "déjà choisi son mot de passe" in response.content.decode() and len(mail.outbox) == 2

    # Not the trainer's business.
    client.force_login(world["trainer"])
    assert client.post(f"/candidatures/{application.pk}/invitation/").status_code in (403, 404)
