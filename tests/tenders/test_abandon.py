"""A call declared abandoned (déclaration sans suite): the service's rules (a written reason, only a
published call not yet awarded, only the call's own regional team), no bid afterwards, the audit
entry, the bidders' e-mail through the django-q2 task, their letter read back from its PDF, the page
form (404 to other teams) and the public page."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from lms.people.factories import RegionFactory, TerritoryFactory
from lms.people.models import AuditLogEntry, Role
from lms.tenders import services
from lms.tenders.models import Bid, Call
from tests.tenders.conftest import AFTER, OPEN, bid, make_call

pytestmark = pytest.mark.django_db

REASON = "Aucune offre ne correspond au besoin : il est redéfini avec les partenaires."


def test_abandonment_needs_a_reason_and_a_published_call_not_awarded(tw):
    draft = make_call(tw, publish=False)
    with translation.override("fr"), pytest.raises(ValidationError, match="Seul un appel d'offres publié"):
        services.abandon_call(actor=tw.team, call=draft, reason=REASON)
    call = make_call(tw)
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        services.abandon_call(actor=tw.team, call=call, reason="   ")
    assert "Écrivez le motif" in error.value.message_dict["reason"][0]
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED and call.abandoned_at is None
    lot = call.lots.get()
    lot.awarded_bid = bid(tw, lot)
    lot.save()
    with translation.override("fr"), pytest.raises(ValidationError, match="déjà attribué"):
        services.abandon_call(actor=tw.team, call=call, reason=REASON)


def test_only_the_calls_own_regional_team_abandons_it(tw, make_user):
    call = make_call(tw)
    other_team = make_user(Role.REGIONAL_TEAM, region=RegionFactory(name="Bretagne", code="53"))
    for outsider in (other_team, tw.national, tw.staff):
        with pytest.raises(ValidationError):
            services.abandon_call(actor=outsider, call=call, reason=REASON)
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED


def test_an_abandoned_call_takes_no_bid_and_tells_each_bidder(tw, clock, django_capture_on_commit_callbacks):
    call = make_call(tw)
    lot = call.lots.get()
    second = services.LotInput(course=tw.referents, territory=TerritoryFactory(region=tw.region, name="Ain"))
    other_call = make_call(tw, lots=[second])
    kept = bid(tw, lot)
    bid(tw, other_call.lots.get())  # another call: no e-mail for it
    withdrawn = bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation)
    services.withdraw_bid(actor=tw.other_staff, bid=withdrawn)
    with django_capture_on_commit_callbacks(execute=True):
        services.abandon_call(actor=tw.team, call=call, reason=f"  {REASON} ")
    call.refresh_from_db()
    assert (call.status, call.abandoned_at, call.abandoned_by, call.abandon_reason) == (
        Call.Status.ABANDONED, OPEN, tw.team, REASON
    )  # fmt: skip
    entry = AuditLogEntry.objects.get(record_type="tenders.call", record_id=str(call.pk))
    assert (entry.actor, entry.action, entry.detail) == (tw.team, "write", "appel d'offres déclaré sans suite")
    # Only the organisation whose bid was still deposited is told, at its contact and its staff's address.
    [message] = mail.outbox
    assert sorted(message.to) == sorted([tw.organisation.contact_email, tw.staff.email])
    assert message.subject == f"Appel d'offres déclaré sans suite : {call.title}"
    assert REASON in message.body and reverse("tenders:my_bid", args=[kept.pk]) in message.body
    with translation.override("fr"), pytest.raises(ValidationError, match="déclaré sans suite"):
        bid(tw, lot, staff=tw.other_staff, organisation=tw.other_organisation)
    with pytest.raises(ValidationError):
        services.withdraw_bid(actor=tw.staff, bid=kept)
    with translation.override("fr"), pytest.raises(ValidationError, match="déjà déclaré sans suite"):
        services.abandon_call(actor=tw.team, call=call, reason=REASON)
    assert Bid.objects.filter(lot=lot, status=Bid.Status.SUBMITTED).get() == kept


def test_the_team_abandons_from_the_page_form_and_the_public_page_says_why(tw, client, make_user):
    call = make_call(tw)
    url = reverse("tenders:call_abandon", kwargs={"pk": call.pk})
    manage = reverse("tenders:call_manage", kwargs={"pk": call.pk})
    other_team = make_user(Role.REGIONAL_TEAM, region=RegionFactory(name="Bretagne", code="53"))
    for outsider in (other_team, tw.national, tw.staff):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": REASON}).status_code == 404
    client.force_login(tw.team)
    page = client.get(manage).content.decode()
    assert url in page and "Déclarer l'appel d'offres sans suite" in page
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Écrivez le motif de la déclaration sans suite" in refused.content.decode()
    call.refresh_from_db()
    assert call.status == Call.Status.PUBLISHED
    response = client.post(url, {"reason": REASON}, follow=True)
    assert response.redirect_chain == [(manage, 302)]
    text = response.content.decode()
    assert "Appel d&#x27;offres déclaré sans suite. Les organismes" in text and url not in text
    client.logout()
    public = client.get(reverse("tenders:public_call", kwargs={"pk": call.pk})).content.decode()
    assert "offres déclaré sans suite le 01/10/2026" in public and "redéfini avec les partenaires" in public
    assert reverse("tenders:public_call_ocds", kwargs={"pk": call.pk}) in public
    assert "Données ouvertes (OCDS, JSON)" in public
    assert call not in list(services.Call.objects.filter(status=Call.Status.PUBLISHED))


def test_each_bidder_reads_its_abandonment_letter_from_its_bid_page(tw, client, clock):
    call = make_call(tw)
    mine = bid(tw, call.lots.get())
    theirs = bid(tw, call.lots.get(), staff=tw.other_staff, organisation=tw.other_organisation)
    letter_url = reverse("tenders:bid_abandonment_letter", kwargs={"pk": mine.pk})
    client.force_login(tw.staff)
    assert client.get(letter_url).status_code == 404  # not abandoned yet
    clock.move_to(AFTER)
    services.abandon_call(actor=tw.team, call=call, reason=REASON)
    client.force_login(tw.staff)  # a month later: a new session
    page = client.get(reverse("tenders:my_bid", kwargs={"pk": mine.pk})).content.decode()
    assert letter_url in page and "redéfini avec les partenaires" in page
    response = client.get(letter_url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "Lettre de déclaration sans suite" in text
    assert "déclaré sans suite le 03/11/2026" in text
    assert "redéfini avec les partenaires" in text and tw.organisation.name in text and mine.digest[:20] in text
    assert tw.other_organisation.name not in text
    # Another organisation's staff: 404; the buyer's side reads it.
    assert client.get(reverse("tenders:bid_abandonment_letter", kwargs={"pk": theirs.pk})).status_code == 404
    client.force_login(tw.team)
    assert client.get(letter_url).status_code == 200
