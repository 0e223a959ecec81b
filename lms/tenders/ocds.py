"""The Open Contracting Data Standard (OCDS 1.1) release package of a published call for tenders: one
compiled release whose tag follows the call's stage (tender, award, cancellation). What bidders
submitted stays out: before the submission deadline no tenderer, count or price at all; afterwards
only the organisations that bid (never a person's name or e-mail) and, once a lot is awarded, its
supplier and price. The lots and their related items use the OCDS lots extension."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.people.models import TrainingOrganisation
from lms.tenders import selectors
from lms.tenders.models import Call, Criterion, Lot, Procedure
from lms.tenders.permissions import is_sealed

OCDS_VERSION = "1.1"
LOTS_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json"
)
# Common Procurement Vocabulary: 80500000 "Services de formation" (training services).
CPV_TRAINING = "80500000"

# Formal procedures (code de la commande publique) are open to every organisation; private
# consultations to the organisations the regional team validated beforehand.
PROCUREMENT_METHODS = {Procedure.FORMAL: "open", Procedure.PRIVATE: "selective"}
TENDER_STATUS = {Call.Status.PUBLISHED: "active", Call.Status.AWARDED: "complete", Call.Status.ABANDONED: "cancelled"}


def ocid(call: Call) -> str:
    return f"{settings.OCDS_OCID_PREFIX}-appel-{call.pk}"


def _when(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _day(value: datetime.date, *, end: bool = False) -> str:
    moment = datetime.time(23, 59, 59) if end else datetime.time(0, 0)
    return timezone.make_aware(datetime.datetime.combine(value, moment)).isoformat(timespec="seconds")


def _url(name: str, **kwargs) -> str:
    return settings.SITE_BASE_URL + reverse(name, kwargs=kwargs)


def _lot_id(lot: Lot) -> str:
    return f"lot-{lot.number}"


def _buyer(call: Call) -> dict:
    return {
        "id": f"epop-region-{call.region.code}",
        "name": _("Équipe régionale EPoP %(region)s") % {"region": call.region.name},
        "address": {"region": call.region.name, "countryName": "France"},
        "roles": ["buyer", "procuringEntity"],
    }


def _organisation_id(organisation: TrainingOrganisation) -> str:
    return f"epop-organisme-{organisation.pk}"


def _organisation(organisation: TrainingOrganisation, roles: list[str]) -> dict:
    party = {"id": _organisation_id(organisation), "name": organisation.name, "roles": roles}
    if organisation.siret:
        # The establishment's number in INSEE's SIRENE register.
        party["identifier"] = {"scheme": "FR-SIRET", "id": organisation.siret, "legalName": organisation.name}
    address = {
        key: value for key, value in (("locality", organisation.city), ("postalCode", organisation.postcode)) if value
    }
    party["address"] = {**address, "countryName": "France"}
    return party


def _reference(party: dict) -> dict:
    return {"id": party["id"], "name": party["name"]}


def _criteria_details(criteria: list[Criterion]) -> str:
    weights = " ; ".join(
        _("%(criterion)s : %(weight)s points") % {"criterion": criterion.label, "weight": criterion.weight}
        for criterion in criteria
    )
    return _(
        "%(weights)s (sur 100). Prix : le prix le plus bas divisé par le prix de l'offre, multiplié par la "
        "pondération. Qualité : la note sur 10 que l'équipe régionale consolide, avec sa justification, à partir "
        "des notes justifiées des évaluateurs, rapportée à la pondération."
    ) % {"weights": weights}


def _lot_status(call: Call, lot: Lot) -> str:
    if call.status == Call.Status.ABANDONED:
        return "cancelled"
    return "complete" if lot.awarded_bid_id else "active"


def release_package(call: Call) -> dict:
    """The release package of a published (or awarded, or abandoned) call, as a JSON-ready dict."""
    with translation.override("fr"):
        return _release_package(call)


def _release_package(call: Call) -> dict:
    lots = selectors.call_lots(call)
    criteria = list(call.criteria.all())
    sealed = is_sealed(call)
    tenderers = [] if sealed else selectors.tendering_organisations(call)
    buyer = _buyer(call)
    parties = [buyer]
    suppliers = {lot.awarded_bid.organisation_id for lot in lots if lot.awarded_bid_id}
    for organisation in tenderers:
        roles = ["tenderer", "supplier"] if organisation.pk in suppliers else ["tenderer"]
        parties.append(_organisation(organisation, roles))
    by_id = {party["id"]: party for party in parties}
    tender = {
        "id": f"appel-{call.pk}",
        "title": call.title,
        "status": TENDER_STATUS.get(call.status, "planning"),
        "procuringEntity": _reference(buyer),
        "mainProcurementCategory": "services",
        "procurementMethod": PROCUREMENT_METHODS[call.procedure],
        "procurementMethodDetails": call.get_procedure_display(),
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": _criteria_details(criteria),
        "submissionMethod": ["electronicSubmission"],
        "tenderPeriod": {"startDate": _when(call.published_at), "endDate": _when(call.submission_deadline)},
        "enquiryPeriod": {"startDate": _when(call.published_at), "endDate": _when(call.questions_deadline)},
        "awardPeriod": {"startDate": _when(call.submission_deadline), "endDate": _day(call.award_date, end=True)},
        "contractPeriod": {"startDate": _day(call.start_date)},
        "lots": [{"id": _lot_id(lot), "title": str(lot), "status": _lot_status(call, lot)} for lot in lots],
        "items": [
            {
                "id": f"article-{lot.number}",
                "description": _("%(course)s, %(territory)s : un groupe de formation")
                % {"course": lot.course.title, "territory": lot.territory.name},
                "classification": {"scheme": "CPV", "id": CPV_TRAINING, "description": _("Services de formation")},
                "quantity": 1,
                "unit": {"name": _("groupe de formation")},
                "relatedLot": _lot_id(lot),
            }
            for lot in lots
        ],
        "documents": [
            {
                "id": "avis",
                "documentType": "tenderNotice",
                "title": _("Page publique de l'appel d'offres"),
                "url": _url("tenders:public_call", pk=call.pk),
                "format": "text/html",
                "language": "fr",
            }
        ],
    }
    if not sealed:
        tender["numberOfTenderers"] = len(tenderers)
        tender["tenderers"] = [_reference(by_id[_organisation_id(organisation)]) for organisation in tenderers]
    dates = [call.published_at]
    tag = "tender"
    if call.status == Call.Status.ABANDONED:
        tag = "tenderCancellation"
        dates.append(call.abandoned_at)
        tender["documents"].append(
            {
                "id": "sans-suite",
                "documentType": "cancellationDetails",
                "title": _("Déclaration sans suite"),
                "description": call.abandon_reason,
                "url": _url("tenders:public_call", pk=call.pk),
                "datePublished": _when(call.abandoned_at),
                "format": "text/html",
                "language": "fr",
            }
        )
    awards = []
    for lot in lots:
        if not lot.awarded_bid_id:
            continue
        supplier = by_id.get(_organisation_id(lot.awarded_bid.organisation)) or _organisation(
            lot.awarded_bid.organisation, ["supplier"]
        )
        awards.append(
            {
                "id": f"attribution-{lot.number}",
                "title": str(lot),
                "status": "active",
                "date": _when(lot.awarded_at),
                "value": {"amount": float(lot.awarded_bid.price), "currency": "EUR"},
                "suppliers": [_reference(supplier)],
                "relatedLots": [_lot_id(lot)],
            }
        )
        dates.append(lot.awarded_at)
    if awards:
        tag = "award" if call.status != Call.Status.ABANDONED else tag
    date = max(moment for moment in dates if moment)
    release = {
        "ocid": ocid(call),
        "id": f"{ocid(call)}-{tag}-{timezone.localtime(date):%Y%m%dT%H%M%S}",
        "date": _when(date),
        "tag": [tag],
        "initiationType": "tender",
        "language": "fr",
        "parties": parties,
        "buyer": _reference(buyer),
        "tender": tender,
    }
    if awards:
        release["awards"] = awards
    return {
        "uri": _url("tenders:public_call_ocds", pk=call.pk),
        "version": OCDS_VERSION,
        "extensions": [LOTS_EXTENSION],
        "publishedDate": _when(timezone.now()),
        "publisher": {"name": settings.OCDS_PUBLISHER_NAME, "uri": settings.SITE_BASE_URL + "/"},
        "releases": [release],
    }
