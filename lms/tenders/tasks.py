"""Background work of the calls for tenders (django-q2): telling the bidding organisations that a
call was declared abandoned."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lms.tenders.models import Bid, Call


def send_abandonment_notices(call_id: int) -> int:
    """One e-mail per organisation that had a bid deposited on the abandoned call, to its contact
    address and the staff who deposited; returns how many e-mails were sent."""
    call = Call.objects.select_related("region").get(pk=call_id, status=Call.Status.ABANDONED)
    bids = (
        Bid.objects.filter(lot__call=call, status=Bid.Status.SUBMITTED)
        .select_related("organisation", "submitted_by", "lot__course", "lot__territory")
        .order_by("organisation__name", "lot__number")
    )
    by_organisation: dict[int, list[Bid]] = {}
    for bid in bids:
        by_organisation.setdefault(bid.organisation_id, []).append(bid)
    sent = 0
    for organisation_bids in by_organisation.values():
        organisation = organisation_bids[0].organisation
        staff = {
            bid.submitted_by.email.lower()
            for bid in organisation_bids
            if bid.submitted_by and bid.submitted_by.is_active and bid.submitted_by.email
        }
        recipients = sorted(staff | ({organisation.contact_email.lower()} if organisation.contact_email else set()))
        if not recipients:
            continue
        context = {
            "call": call,
            "organisation": organisation,
            "bids": [
                (bid, settings.SITE_BASE_URL + reverse("tenders:my_bid", args=[bid.pk])) for bid in organisation_bids
            ],
        }
        with translation.override("fr"):
            subject = f"Appel d'offres déclaré sans suite : {call.title}"
            body = render_to_string("tenders/email/call_abandoned.txt", context)
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
        sent += 1
    return sent
