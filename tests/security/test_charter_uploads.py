"""Reproduction 7 of the security review, over HTTP: the employer's charter accepted HTML, SVG with
script, programs and 120 MB files. It now goes through the upload policy (PDF, PNG or JPEG)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from lms.cohorts.factories import ApplicationFactory
from lms.cohorts.models import EngagementCharter, SelectionInterview
from lms.uploads import MB
from tests.cohorts.conftest import world  # noqa: F401 - regions' team, referents' course and group
from tests.security import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(world):  # noqa: F811
    application = ApplicationFactory(course=world["rp_course"], territory=world["territory"])
    SelectionInterview.objects.create(
        application=application, held_on="2026-10-01", decision=SelectionInterview.Decision.ACCEPTED
    )
    return application


def post_charter(client, world, application, name, content):  # noqa: F811
    client.force_login(world["regional"])
    return client.post(
        reverse("cohorts:record_charter", args=[application.pk]),
        {
            "employer_name": "IME Les Platanes",
            "signatory_name": "Claire Dubois",
            "signatory_role": "Directrice",
            "signed_on": "2026-09-01",
            "method": "document",
            "document": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


@pytest.mark.parametrize(
    "name,content,reason",
    [
        ("charte.html", samples.html_calling("/x.js"), "est une page web (HTML)"),
        ("charte.pdf", samples.html_calling("/x.js"), "est une page web (HTML)"),
        ("charte.svg", samples.SVG, "est une image SVG"),
        ("charte.exe", samples.EXE, "est un programme exécutable"),
        ("charte.docx", samples.docx(), "n'est pas d'un format accepté"),
    ],
)
def test_a_hostile_charter_is_refused_next_to_the_field_and_nothing_is_saved(
    client,
    world,  # noqa: F811
    application,
    name,
    content,
    reason,
):
    response = post_charter(client, world, application, name, content)
    assert response.status_code == 200
    errors = response.context["form"].errors["document"]
    assert reason in errors[0] and errors[0].endswith("Formats acceptés : PDF, PNG ou JPEG.")
    assert reason in response.content.decode().replace("&#x27;", "'")
    assert not EngagementCharter.objects.exists()
    application.refresh_from_db()
    assert application.charter_id is None


def test_an_oversized_charter_is_refused(client, world, application):  # noqa: F811
    from lms.cohorts.models.selection import CHARTER_POLICY

    assert CHARTER_POLICY.max_bytes == 10 * MB  # the review's 120 MB file is far above
    with override_settings(UPLOAD_LIMITS={"cohorts.charter": MB}):
        response = post_charter(client, world, application, "charte.pdf", samples.PDF + b"0" * MB)
    assert response.context["form"].errors["document"] == [
        "« charte.pdf » est trop volumineux (1,0 Mo) : 1,0 Mo au maximum."
    ]
    assert not EngagementCharter.objects.exists()


def test_a_signed_charter_scan_is_stored_under_our_name_and_downloaded_sandboxed(client, world, application):  # noqa: F811
    response = post_charter(client, world, application, "Charte Dubois.pdf", samples.JPEG)
    assert response.status_code == 302
    charter = EngagementCharter.objects.get()
    assert charter.document.name.startswith("private/cohorts/charters/") and charter.document.name.endswith(".jpg")
    assert "dubois" not in charter.document.name.lower()

    response = client.get(f"/candidatures/{application.pk}/charte/document/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"].startswith("sandbox")
    assert response["X-Content-Type-Options"] == "nosniff"
