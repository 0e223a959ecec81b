"""Lists for the certificates pages."""

from django.db.models import Prefetch, QuerySet

from lms.certificates.models import Certificate, IssuingBatch, OrganisationSignatory
from lms.cohorts.models import TrainingGroup


def certificates_of_group(group: TrainingGroup) -> QuerySet[Certificate]:
    return Certificate.objects.filter(group=group).select_related("trainee").order_by("trainee_name")


def certificates_of_trainee(trainee) -> QuerySet[Certificate]:
    """A trainee's own documents, newest first."""
    return Certificate.objects.filter(trainee=trainee).select_related("group").order_by("-issued_at")


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with this verification code (spaces and case ignored), or None."""
    cleaned = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(cleaned) != 20:
        return None
    formatted = "-".join(cleaned[i : i + 4] for i in range(0, 20, 4))
    return Certificate.objects.filter(code=formatted).first()


def latest_batch(group: TrainingGroup) -> IssuingBatch | None:
    return IssuingBatch.objects.filter(group=group).order_by("-created_at", "-pk").first()


def signatory_of(organisation) -> OrganisationSignatory | None:
    return OrganisationSignatory.objects.filter(organisation=organisation).first()


def groups_for_issuing(groups: QuerySet[TrainingGroup]) -> QuerySet[TrainingGroup]:
    """The groups listed on the issuing page, with what the list shows."""
    return (
        groups.select_related("course", "organisation", "territory")
        .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.only("pk", "group_id", "revoked_at")))
        .order_by("-end_date", "name")
    )
