"""Background work of attendance (django-q2)."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from lms.attendance.models import AttendanceSheetArchive
from lms.attendance.pdf import attendance_sheet_pdf
from lms.attendance.selectors import attendance_sheet, session_for_sheet


def archive_attendance_sheet(session_id: int) -> None:
    """Renders the session's signed attendance sheet and keeps it as its archived PDF."""
    session = session_for_sheet(session_id)
    content = attendance_sheet_pdf(attendance_sheet(session))
    with transaction.atomic():
        archive = AttendanceSheetArchive.objects.select_for_update().filter(session=session).first()
        old_name = archive.file.name if archive else None
        archive = archive or AttendanceSheetArchive(session=session)
        archive.generated_at = timezone.now()
        archive.file.save(f"emargement-{session.date:%Y-%m-%d}.pdf", ContentFile(content), save=False)
        archive.save()
    if old_name:
        archive.file.storage.delete(old_name)
