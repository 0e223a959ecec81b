"""The trainee's whole job in one walk through a real Chromium, from login and "Mon espace", by links
and buttons only, most of it on a 390 px phone: the convocation and the next session, the
session's content, needs for arrangements, the half-day signature, the intersession work, the
objectives, all the attendance, last year's certificate and the export of one's data."""

import json
import re

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import expect

from accessibility.models import AccessibilityNeed, NeedsConsent
from lms.attendance.models import Signature
from lms.learning.models import ObjectiveAssessment, Submission
from tests.axe import axe_violations
from tests.staff.walks import (
    DESKTOP,
    NOW,
    PHONE,
    TASK_TITLE,
    TODAY_TITLE,
    no_sideways_scroll,
    open_menu_link,
    open_morning,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_violation(page):
    assert axe_violations(page) == [], page.url


def test_trainee_runs_her_training_from_mon_espace(page, live_server, login, session_day):
    samia = session_day["trainee"]
    # Her inbox: the convocation to today's session, sent a week before.
    convocation = [m for m in mail.outbox if m.to == [samia.email] and m.subject.startswith("Convocation")]
    assert len(convocation) == 1
    assert TODAY_TITLE in convocation[0].subject and "03/03/2031" in convocation[0].subject
    assert "Maison des associations" in convocation[0].body
    page.set_default_timeout(15_000)

    with time_machine.travel(NOW, tick=True):
        open_morning(session_day)
        page.set_viewport_size(DESKTOP)
        login(samia)
        assert page.url.endswith("/mon-espace/")
        expect(page.get_by_role("heading", name="Mon espace", level=1)).to_be_visible()
        # The next session, as the convocation said: today's, at the group's venue.
        facts = page.locator("section[aria-labelledby=prochaine-seance]")
        expect(facts).to_contain_text(TODAY_TITLE)
        expect(facts).to_contain_text("Maison des associations")
        expect(page.get_by_role("link", name=f"Signer ma présence : {TODAY_TITLE}, matin")).to_be_visible()
        no_violation(page)

        # On her phone from here on. The easy-to-read version once, from the display panel.
        page.set_viewport_size(PHONE)
        no_sideways_scroll(page)
        page.locator(".menu-toggle").click()
        page.locator("summary", has_text="Affichage").click()
        falc = page.get_by_role("checkbox", name="Facile à lire et à comprendre (FALC)")
        # The panel opens on the screen, not off its left edge.
        assert page.locator(".display-panel-body").bounding_box()["x"] >= 0
        falc.check()
        expect(page.get_by_text("Sur cette page, vous voyez :")).to_be_visible()
        expect(page.get_by_text("Facile à lire et à comprendre (FALC) : activé.")).to_be_visible()
        falc.uncheck()
        expect(page.get_by_text("Sur cette page, vous voyez :")).to_be_hidden()
        page.locator(".menu-toggle").click()

        # Signs the morning: a typed name left empty is refused in French, then signed.
        page.get_by_role("link", name=f"Signer ma présence : {TODAY_TITLE}, matin").click()
        expect(page.get_by_role("heading", name="Signer ma présence", level=1)).to_be_visible()
        no_sideways_scroll(page)
        no_violation(page)
        page.get_by_role("button", name="Signer avec mon nom").click()
        expect(page.locator(".form-error-summary")).to_be_visible()
        assert not Signature.objects.filter(record__trainee=samia, record__slot__session=session_day["today"]).exists()
        no_violation(page)
        page.get_by_label("Votre prénom et votre nom").fill("Samia Haddad")
        page.get_by_role("button", name="Signer avec mon nom").click()
        expect(page.get_by_text("C'est signé. Merci !")).to_be_visible()
        assert page.url.endswith("/mon-espace/")
        signature = Signature.objects.get(record__trainee=samia, record__slot__session=session_day["today"])
        assert signature.typed_name == "Samia Haddad"

        # The content of today's session, from Mon espace.
        page.get_by_role("link", name=f"Voir le contenu de la séance : {TODAY_TITLE}").click()
        expect(page.get_by_role("heading", name=TODAY_TITLE, level=1)).to_be_visible()
        no_sideways_scroll(page)
        no_violation(page)

        # Her planning: her group, the next sessions, how to get there.
        open_menu_link(page, "Mon planning")
        expect(page.get_by_role("heading", name="Mon groupe : IP Rhône", exact=True)).to_be_visible()
        expect(page.get_by_role("table", name="Mes prochaines séances")).to_contain_text("17 mars 2031")
        no_sideways_scroll(page)
        no_violation(page)

        # Needs for arrangements: the consent first (refused unticked, nothing saved), then one need.
        page.get_by_role("link", name="Mes besoins d'aménagement").click()
        expect(page.get_by_role("heading", name="Mes besoins d'aménagement", level=1)).to_be_visible()
        page.get_by_role("button", name="Donner mon accord").click()
        expect(page.get_by_text("Cochez la case pour donner votre accord.").first).to_be_visible()
        assert not NeedsConsent.objects.filter(trainee=samia).exists()
        no_violation(page)
        page.get_by_label("J'ai lu ce texte et je suis d'accord.").check()
        page.get_by_role("button", name="Donner mon accord").click()
        expect(page.get_by_text("Votre accord est enregistré. Vous pouvez ajouter vos besoins.")).to_be_visible()
        page.get_by_label("Aménagement").select_option("extra_breaks")
        page.get_by_label(re.compile("^Précisions")).fill("Une pause toutes les heures.")
        page.get_by_role("button", name="Ajouter ce besoin").click()
        expect(page.get_by_text("Le besoin est enregistré.")).to_be_visible()
        expect(page.get_by_role("heading", name="Besoins enregistrés")).to_be_visible()
        expect(page.get_by_label("Précisions", exact=True)).to_have_value("Une pause toutes les heures.")
        assert AccessibilityNeed.objects.filter(trainee=samia, kind="extra_breaks").count() == 1
        no_sideways_scroll(page)
        no_violation(page)

        # The intersession work given today, from Mon espace: an empty answer is refused, then handed in.
        open_menu_link(page, "Mon espace")
        page.get_by_role("link", name=TASK_TITLE).click()
        expect(page.get_by_role("heading", name=TASK_TITLE, level=1)).to_be_visible()
        page.get_by_role("radio", name="Réponse écrite").check()
        page.get_by_role("button", name="Rendre mon travail").click()
        expect(page.locator(".form-error-summary")).to_be_visible()
        assert not Submission.objects.filter(trainee=samia, assignment=session_day["assignment"]).exists()
        no_violation(page)
        page.get_by_role("radio", name="Réponse écrite").check()
        page.get_by_label("Votre réponse écrite (ou une note pour l'oral)").fill(
            "Au foyer, une paire m'a montré comment demander de l'aide sans avoir honte."
        )
        page.get_by_role("button", name="Rendre mon travail").click()
        expect(page.get_by_role("heading", name="Ce que j'ai rendu")).to_be_visible()
        submission = Submission.objects.get(trainee=samia, assignment=session_day["assignment"])
        assert submission.status == Submission.Status.SUBMITTED
        no_sideways_scroll(page)

        # Her objectives: the entry positioning on the first one, then read back.
        open_menu_link(page, "Travaux et objectifs")
        page.get_by_role("link", name="Mes objectifs dans le groupe IP Rhône", exact=True).click()
        expect(page.get_by_role("heading", name="Mes objectifs", level=1)).to_be_visible()
        page.get_by_role("link", name="Positionnement d'entrée").click()
        page.locator("fieldset.objective-fieldset").first.get_by_role("radio").nth(1).check()
        page.get_by_role("button", name="Enregistrer").click()
        expect(page.get_by_role("heading", name="Mes objectifs", level=1)).to_be_visible()
        expect(page.get_by_role("table", name=re.compile("^Niveaux de Samia Haddad"))).to_contain_text(
            "En cours d'acquisition"
        )
        assert ObjectiveAssessment.objects.filter(trainee=samia, kind=ObjectiveAssessment.Kind.ENTRY).count() == 1
        no_sideways_scroll(page)
        no_violation(page)

        # All her attendance: nine half-days in the running group, today's signed.
        open_menu_link(page, "Mon espace")
        page.get_by_role("link", name=re.compile(r"^Voir toutes mes présences \(9 demi-journées, IP Rhône\)")).click()
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        today_row = page.get_by_role("row", name=re.compile(f"{TODAY_TITLE}, 03.03.2031.*Matin"))
        expect(today_row).to_contain_text("Nom saisi")
        no_sideways_scroll(page)
        no_violation(page)

        # Last year's certificate, issued by the regional team.
        open_menu_link(page, "Attestations")
        with page.expect_download() as download:
            page.get_by_role("link", name=re.compile("^Attestation de fin de formation")).first.click()
        assert download.value.suggested_filename.endswith(".pdf")
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
        no_sideways_scroll(page)
        no_violation(page)

        # Her data, from Mon compte: read on the page, then the JSON file.
        open_menu_link(page, "Mon compte")
        page.get_by_role("link", name="Voir mes données").click()
        expect(page.get_by_role("heading", name="Mes données personnelles", level=1)).to_be_visible()
        no_violation(page)
        with page.expect_download() as download:
            page.get_by_role("link", name="Télécharger mes données (fichier JSON)").click()
        with open(download.value.path(), encoding="utf-8") as exported:
            data = json.dumps(json.load(exported), ensure_ascii=False)
        assert "Une pause toutes les heures." in data and "Au foyer, une paire m'a montré" in data
