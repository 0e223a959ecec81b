"""Needs are part of a person's data export, disappear on erasure and after the retention delay."""

import datetime

import pytest
from django.utils import timezone

from accessibility import services
from accessibility.models import AccessibilityNeed, ArrangementKind, NeedsConsent
from lms.people import privacy, retention
from lms.people.models import AuditLogEntry

pytestmark = pytest.mark.django_db


def record_need(trainee):
    services.give_consent(trainee, actor=trainee, accepted=True)
    services.add_need(trainee, actor=trainee, kind=ArrangementKind.LSF, details="Interprète toute la journée")


def test_the_export_holds_the_consent_and_the_needs(world):
    record_need(world.trainee)
    export = privacy.export_personal_data(world.trainee)
    section = next(s for s in export["sections"] if s["name"] == "accessibility_needs")
    assert section["data"]["consentement"]["texte"]
    assert section["data"]["besoins"] == [
        {"aménagement": str(ArrangementKind.LSF.label), "précisions": "Interprète toute la journée"}
    ]


def test_erasure_deletes_needs_and_consent(world):
    record_need(world.trainee)
    privacy.erase_person(world.trainee, by=world.admin)
    assert not AccessibilityNeed.objects.filter(trainee=world.trainee).exists()
    assert not NeedsConsent.objects.filter(trainee=world.trainee).exists()


def test_needs_are_purged_after_the_retention_delay(world, settings):
    settings.ACCESSIBILITY_NEEDS_RETENTION_MONTHS = 12
    record_need(world.trainee)
    record_need(world.classmate)
    # The trainee's only group ended long ago; the classmate is still in an open one.
    world.ip_group.end_date = datetime.date(2020, 6, 30)
    world.ip_group.save()
    world.classmate.enrolments.update(group=world.rp_group)
    purged = retention.run_retention(timezone.now())
    assert purged["accessibility_needs"] == 1
    assert not AccessibilityNeed.objects.filter(trainee=world.trainee).exists()
    assert AccessibilityNeed.objects.filter(trainee=world.classmate).exists()
    assert AuditLogEntry.objects.filter(
        subject=world.trainee, action="delete", detail="durée de conservation dépassée"
    ).exists()


def test_display_preferences_are_exported_then_deleted_on_erasure(world):
    from accessibility.models import DisplayPreference

    DisplayPreference.objects.create(user=world.trainee, falc=True, high_contrast=True)
    export = privacy.export_personal_data(world.trainee)
    section = next(s for s in export["sections"] if s["name"] == "display_preferences")
    assert section["data"]["mode_facile_à_lire"] is True
    assert section["data"]["contraste_renforcé"] is True
    assert section["data"]["texte_plus_grand"] is False

    privacy.erase_person(world.trainee, by=world.admin)
    assert not DisplayPreference.objects.filter(user=world.trainee).exists()
