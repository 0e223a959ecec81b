"""Demo data for certificates: the demo organisation's signatory (with drawn stamp and signature
images), then the documents of any finished group's trainees who completed the course. Idempotent,
and does nothing when there is no organisation or no finished group."""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from lms.certificates import selectors
from lms.certificates.models import OrganisationSignatory
from lms.certificates.services import IssuingContext, check_group_can_be_issued, issue_certificate
from lms.cohorts.models import TrainingGroup
from lms.people.models import TrainingOrganisation

DEMO_ORGANISATION = "Formations Inclusives Rhône"


def _png(draw_on, size) -> bytes:
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    draw_on(ImageDraw.Draw(image), size)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _stamp(draw, size):
    width, height = size
    draw.ellipse((4, 4, width - 4, height - 4), outline=(29, 79, 145, 255), width=6)
    draw.ellipse((22, 22, width - 22, height - 22), outline=(29, 79, 145, 255), width=2)
    draw.text((width // 2, height // 2), "Formations Inclusives", fill=(29, 79, 145, 255), anchor="mm")


def _signature(draw, size):
    width, height = size
    points = [(10 + i * (width - 20) / 24, height / 2 + (18 if i % 2 else -18) * (1 - i / 30)) for i in range(25)]
    draw.line(points, fill=(20, 20, 60, 255), width=4, joint="curve")


def seed(stdout=None) -> None:
    organisation = TrainingOrganisation.objects.filter(name=DEMO_ORGANISATION).first()
    if organisation is not None and not OrganisationSignatory.objects.filter(organisation=organisation).exists():
        signatory = OrganisationSignatory(
            organisation=organisation, signatory_name="Odile Perrin", signatory_title="Directrice", place="Lyon"
        )
        signatory.stamp.save("cachet.png", ContentFile(_png(_stamp, (240, 240))), save=False)
        signatory.signature.save("signature.png", ContentFile(_png(_signature, (360, 120))), save=False)
        signatory.save()
    issued = 0
    groups = TrainingGroup.objects.filter(status=TrainingGroup.Status.FINISHED, end_date__lte=timezone.localdate())
    for group in groups.select_related("course", "organisation"):
        try:
            check_group_can_be_issued(group)
            completion = selectors.group_completion(group)
            context = IssuingContext(group, completion)
        except ValidationError:
            continue
        for status in completion.statuses:
            if status.completed:
                _certificate, created = issue_certificate(context, status)
                issued += created
    if stdout is not None and issued:
        stdout.write(f"Attestations : {issued} documents délivrés.")
