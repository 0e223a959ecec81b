"""The person's exports are in their data export, and erased with their files."""

from django.db import transaction

from lms.people import privacy
from lms.reporting import services
from lms.reporting.models import ReportExport


def test_exports_are_exported_and_erased_with_their_files(rw, django_capture_on_commit_callbacks):
    export = services.start_export(actor=rw.team, kind="csv", query={"annee": "2026"})
    export.refresh_from_db()
    storage, name = export.file.storage, export.file.name
    assert storage.exists(name)
    data = privacy.export_personal_data(rw.team)
    section = next(s for s in data["sections"] if s["name"] == "reporting")
    assert section["data"]["exports_de_suivi"][0]["filtres"] == {"annee": "2026"}
    handler = next(h for h in privacy.handlers() if h.name == "reporting")
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        handler.eraser(rw.team, "Personne anonymisée X")
    assert not ReportExport.objects.filter(requested_by=rw.team).exists()
    assert not storage.exists(name)
