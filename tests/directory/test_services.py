"""Directory entries: started from a validated plan, public only in the fields the person chose and
only with their consent, withdrawn at once, reviewed by the entry's regional team, reminded yearly."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from lms.directory import selectors, services, tasks
from lms.directory.factories import png_photo, published_entry
from lms.directory.models import CONSENT_VERSION, DirectoryEntry, EntryKind
from lms.followup.factories import at
from lms.people.models import AuditLogEntry
from tests.directory.conftest import TODAY


def test_an_entry_starts_from_the_validated_plan_prefilled_and_private(dw):
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    assert (entry.kind, entry.status) == (EntryKind.PEER_INTERVENER, "draft")
    assert entry.region == dw.ip_group.territory.region
    assert entry.themes == "Le rétablissement en santé mentale"
    assert entry.formats == ["awareness", "professional_training"]
    assert list(entry.departments.all()) == [dw.ip_group.territory]
    assert str(dw.trainee.pk) != entry.slug and len(entry.slug) == 12
    assert services.start_entry(actor=dw.trainee, plan=dw.plan) == entry  # idempotent
    assert selectors.public_entry(entry.slug) is None
    assert services.start_entry(actor=dw.referent, plan=dw.rp_plan).kind == EntryKind.REFERENT


def test_only_a_validated_plan_of_ones_own_starts_an_entry(dw):
    with pytest.raises(ValidationError, match="validé"):
        services.start_entry(actor=dw.other, plan=dw.draft_plan)
    with pytest.raises(ValidationError):
        services.start_entry(actor=dw.other, plan=dw.plan)
    assert not DirectoryEntry.objects.exists()


def test_submission_needs_consent_and_keeps_its_wording_version(dw):
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    with pytest.raises(ValidationError) as refused:
        services.submit_entry(actor=dw.trainee, entry=entry, consent=False)
    assert "consent" in refused.value.message_dict
    entry.refresh_from_db()
    assert entry.status == "draft" and entry.consent_given_at is None
    services.submit_entry(actor=dw.trainee, entry=entry, consent=True)
    entry.refresh_from_db()
    assert entry.status == "submitted" and entry.consent_version == CONSENT_VERSION and entry.has_consent
    assert selectors.public_entry(entry.slug) is None  # not before the team's review


def test_publication_by_the_regional_team_sets_the_yearly_review(dw):
    entry = published_entry(plan=dw.plan, team=dw.team)
    assert entry.status == "published" and entry.reviewed_by == dw.team
    assert entry.next_review_on == datetime.date(2027, 6, 15)
    assert selectors.public_entry(entry.slug) == entry
    audit = AuditLogEntry.objects.filter(record_type="directory.directoryentry", detail="fiche annuaire publiée")
    assert audit.exists()


def test_another_regions_team_and_the_national_team_cannot_review(dw):
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    services.submit_entry(actor=dw.trainee, entry=entry, consent=True)
    for outsider in (dw.other_team, dw.national, dw.trainee):
        with pytest.raises(ValidationError):
            services.publish_entry(actor=outsider, entry=entry)
        with pytest.raises(ValidationError):
            services.request_changes(actor=outsider, entry=entry, comment="Non")
    entry.refresh_from_db()
    assert entry.status == "submitted"
    services.publish_entry(actor=dw.admin, entry=entry)
    assert entry.status == "published"


def test_asking_for_changes_needs_a_comment_and_returns_the_entry(dw):
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    services.submit_entry(actor=dw.trainee, entry=entry, consent=True)
    with pytest.raises(ValidationError):
        services.request_changes(actor=dw.team, entry=entry, comment="  ")
    services.request_changes(actor=dw.team, entry=entry, comment="Ajoutez une phrase en facile à lire.")
    entry.refresh_from_db()
    assert entry.status == "changes_requested" and "facile à lire" in entry.review_comment
    with pytest.raises(ValidationError):
        services.publish_entry(actor=dw.team, entry=entry)
    services.submit_entry(actor=dw.trainee, entry=entry, consent=True)
    assert entry.status == "submitted"


def test_withdrawing_consent_unpublishes_at_once(dw):
    entry = published_entry(plan=dw.plan, team=dw.team)
    assert selectors.search_public().filter(pk=entry.pk).exists()
    services.withdraw_consent(actor=dw.trainee, entry=entry)
    entry.refresh_from_db()
    assert entry.status == "draft" and entry.consent_withdrawn_at is not None and entry.published_at is None
    assert selectors.public_entry(entry.slug) is None
    assert not selectors.search_public().exists()
    with pytest.raises(ValidationError):
        services.withdraw_consent(actor=dw.trainee, entry=entry)
    with pytest.raises(ValidationError):
        services.withdraw_consent(actor=dw.team, entry=entry)


def test_only_the_chosen_fields_are_public_and_searchable(dw):
    entry = published_entry(
        plan=dw.plan,
        team=dw.team,
        show_themes=False,
        show_area=False,
        show_languages=True,
        languages=["lsf", "fr"],
        text="J'interviens depuis 2020.",
        text_easy_read="Je parle de ma vie.",
    )
    view = selectors.public_view(entry)
    assert view.name == "Samia"
    assert (view.themes, view.area, view.departments) == ("", "", [])
    assert view.audiences == "Étudiants en travail social"
    assert view.languages == ["Langue des signes française (LSF)", "Français"]
    assert view.formats == ["Sensibilisation", "Formation de professionnels"]
    # What is hidden is not found either, not even through a search.
    assert not selectors.search_public(q="rétablissement").exists()
    assert not selectors.search_public(theme="rétablissement").exists()
    assert not selectors.search_public(q="Haddad").exists()
    assert not selectors.search_public(department=dw.ip_group.territory).exists()
    assert selectors.search_public(q="samia étudiants").get() == entry
    assert selectors.search_public(format="awareness").get() == entry
    assert not selectors.search_public(format="co_design").exists()
    assert selectors.search_public(kind="peer_intervener", region=entry.region).get() == entry


def test_changing_a_published_entry_takes_it_out_until_reviewed_again(dw):
    entry = published_entry(plan=dw.plan, team=dw.team)
    services.update_entry(actor=dw.trainee, entry=entry, name_display="full_name")
    entry.refresh_from_db()
    assert entry.status == "draft" and selectors.public_entry(entry.slug) is None


def test_a_shown_photo_needs_its_description(dw, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    with pytest.raises(ValidationError) as refused:
        services.update_entry(actor=dw.trainee, entry=entry, show_photo=True, photo_alt=" ", photo=png_photo())
    assert "photo_alt" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.update_entry(actor=dw.trainee, entry=entry, show_photo=True, photo_alt="Samia sourit")
    assert "photo" in refused.value.message_dict
    entry.refresh_from_db()
    assert not entry.photo
    services.update_entry(actor=dw.trainee, entry=entry, show_photo=True, photo_alt="Samia sourit", photo=png_photo())
    entry.refresh_from_db()
    assert entry.photo.name.endswith(".png") and entry.photo_shown


def test_departments_belong_to_the_entrys_region(dw):
    from lms.people.models import Territory

    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    paris = Territory.objects.get(name="Paris")
    with pytest.raises(ValidationError) as refused:
        services.update_entry(actor=dw.trainee, entry=entry, departments=[paris])
    assert "departments" in refused.value.message_dict


def test_the_yearly_reminder_goes_once_per_due_date(dw):
    entry = published_entry(plan=dw.plan, team=dw.team)
    assert tasks.send_review_reminders() == 0
    with time_machine.travel(at(datetime.date(2027, 6, 14)), tick=False):
        assert tasks.send_review_reminders() == 0
    with time_machine.travel(at(datetime.date(2027, 6, 15)), tick=False):
        assert tasks.send_review_reminders() == 1
        assert tasks.send_review_reminders() == 0
    with time_machine.travel(at(datetime.date(2027, 6, 16)), tick=False):
        assert tasks.send_review_reminders() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [dw.trainee.email] and message.cc == [dw.team.email]
    assert f"/mon-espace/annuaire/{entry.pk}/" in message.body


def test_the_reminder_schedule_exists_once():
    from django_q.models import Schedule

    tasks.ensure_schedules()
    tasks.ensure_schedules()
    assert Schedule.objects.filter(name=tasks.REVIEW_SCHEDULE_NAME, func=tasks.REVIEW_FUNC).count() == 1


def test_a_contact_message_reaches_the_regional_team_never_the_person(dw):
    entry = published_entry(plan=dw.plan, team=dw.team)
    services.send_contact_message(
        actor=None, entry=entry, name="Paul Durand", email="paul@ime.example", organisation="IME", message="Bonjour"
    )
    message = mail.outbox[0]
    assert message.to == [dw.team.email] and message.reply_to == ["paul@ime.example"]
    assert dw.trainee.email not in message.to + message.cc + message.bcc + [message.body]


def test_today_is_the_frozen_day(dw):
    from django.utils import timezone

    assert timezone.localdate() == TODAY
