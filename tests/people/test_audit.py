"""The audit log of sensitive data: who, what, which record, whose data, when."""

import pytest
from django.utils import timezone

from lms.people.audit import entries_about, record_access
from lms.people.models import AuditLogEntry, ErasureRequest, Role

pytestmark = pytest.mark.django_db


def test_an_entry_says_who_did_what_on_which_record_and_whose_data(make_user):
    trainer = make_user(Role.TRAINER)
    trainee = make_user(Role.TRAINEE)
    record = ErasureRequest.objects.create(user=trainee)  # any model with a `user` stands for the data
    before = timezone.now()
    entry = record_access(trainer, "read", record, "fiche de besoins")
    assert entry.actor == trainer and trainer.email in entry.actor_label
    assert entry.action == AuditLogEntry.Action.READ
    assert (entry.record_type, entry.record_id) == ("people.erasurerequest", str(record.pk))
    assert entry.subject == trainee
    assert entry.detail == "fiche de besoins"
    assert entry.created_at >= before
    assert list(entries_about(trainee)) == [entry]


def test_writes_deletes_and_background_tasks_are_recorded(make_user):
    trainee = make_user(Role.TRAINEE)
    record_access(trainee, "write", trainee, "profil")
    record_access(None, "delete", trainee, "durée de conservation dépassée", subject=trainee)
    actions = list(AuditLogEntry.objects.order_by("pk").values_list("action", "actor_label"))
    assert actions[0][0] == "write" and trainee.email in actions[0][1]
    assert actions[1] == ("delete", "système")


def test_an_unknown_action_is_refused(make_user):
    user = make_user(Role.TRAINEE)
    with pytest.raises(ValueError, match="Action inconnue"):
        record_access(user, "peek", user)
    assert not AuditLogEntry.objects.exists()


def test_the_audit_log_is_read_only_and_for_administrators(client, make_user):
    trainee = make_user(Role.TRAINEE)
    entry = record_access(trainee, "read", trainee)
    admin = make_user(Role.ADMINISTRATOR)
    client.force_login(admin)
    response = client.get("/admin/journal-acces/")
    assert response.status_code == 200 and trainee.email in response.content.decode()
    assert client.get(f"/admin/journal-acces/inspect/{entry.pk}/").status_code == 200
    assert client.get("/admin/journal-acces/new/").status_code in (302, 403, 404)
    assert client.get(f"/admin/journal-acces/edit/{entry.pk}/").status_code in (302, 403, 404)
    assert client.post(f"/admin/journal-acces/delete/{entry.pk}/").status_code in (302, 403, 404)
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()
    client.force_login(make_user(Role.REGIONAL_TEAM, region=make_region()))
    assert client.get("/admin/journal-acces/").status_code in (302, 403)


def make_region():
    from lms.people.factories import RegionFactory

    return RegionFactory()
