"""The directory in the privacy registry: the person's entries exported with their consent history,
erased with their photos."""

from django.core.files.storage import default_storage
from django.urls import reverse

from lms.directory import services
from lms.directory.factories import png_photo, published_entry
from lms.directory.models import DirectoryEntry
from lms.people import privacy


def _handler():
    return next(handler for handler in privacy.handlers() if handler.name == "directory")


def test_the_export_holds_the_entry_its_choices_and_consent(dw):
    published_entry(plan=dw.plan, team=dw.team, show_themes=False)
    exported = _handler().exporter(dw.trainee)["fiches_annuaire"]
    assert len(exported) == 1
    entry = exported[0]
    assert entry["thèmes"] == "Le rétablissement en santé mentale"
    assert entry["champs_publics"]["thèmes"] is False
    assert entry["ce_qui_est_public"]["themes"] == ""
    assert entry["consentement_donné_le"] is not None and entry["version_du_consentement"]


def test_erasure_deletes_the_entries_and_their_photos(dw, tmp_path, settings, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    services.update_entry(actor=dw.trainee, entry=entry, show_photo=True, photo_alt="Portrait", photo=png_photo())
    entry.refresh_from_db()
    name = entry.photo.name
    assert default_storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        _handler().eraser(dw.trainee, "personne-effacée")
    assert not DirectoryEntry.objects.filter(person=dw.trainee).exists()
    assert not default_storage.exists(name)


def test_an_impossible_plan_number_is_a_404(client, dw):
    client.force_login(dw.trainee)
    response = client.post(reverse("directory:my_entry_start", args=[99999999999999999999]))
    assert response.status_code == 404
