"""Each staff role's whole job in one walk through a real Chromium, from login and the start page, by
links and buttons only (the world is set up before the walk; nothing is made by hand during it),
part of each walk on a 390 px phone. The trainer's, trainee's and applicant's pieces are walked in
tests/attendance, tests/learning, tests/cohorts and tests/security."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from playwright.sync_api import expect

from accessibility import services as accessibility_services
from lms.certificates.models import Certificate
from lms.cohorts.factories import ApplicationFactory
from lms.cohorts.models import ConvocationLog, Enrolment, ScheduledSession, TrainingGroup
from lms.people.models import User
from tests.axe import axe_violations
from tests.cohorts.test_invitation_browser import choose_password_and_log_in
from tests.cohorts.test_selection import IP_GRID, accept
from tests.staff.walks import DESKTOP, PHONE, held_finished_group, no_sideways_scroll, open_menu_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOW = datetime.datetime(2031, 2, 3, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def no_violation(page):
    assert axe_violations(page) == [], page.url


@pytest.fixture
def finished_group(world):
    """Last year's group of the same territory: held, signed, handed in and evaluated by Samia, who
    told her needs; the organisation's signatory is set up."""
    group = held_finished_group(world)
    group.peer_trainers.add(world["peer_trainer"])
    trainee = world["trainee"]
    accessibility_services.give_consent(trainee, actor=trainee, accepted=True)
    accessibility_services.add_need(trainee, actor=trainee, kind="extra_breaks", details="Une pause par heure.")
    return group


def test_regional_team_runs_a_group_from_creation_to_certificates(page, live_server, login, world, finished_group):
    application = ApplicationFactory(
        course=world["ip_course"],
        territory=world["territory"],
        email="nina.morel@example.fr",
        first_name="Nina",
        last_name="Morel",
    )
    with time_machine.travel(NOW, tick=True):
        accept(application, IP_GRID, held_on=NOW.date())
        mail.outbox.clear()
        login(world["regional"])

        # Gestion → a new trainer's account (she receives her invitation), then a group with its usual venue.
        open_menu_link(page, "Gestion")
        page.get_by_role("link", name="Créer le compte d'une personne").click()
        page.get_by_label("Prénom").fill("Inès")
        page.locator("#id_last_name").fill("Barbier")
        page.get_by_label("Adresse e-mail").fill("ines.barbier@example.fr")
        page.get_by_label("Formateur ou formatrice", exact=True).check()
        no_violation(page)
        page.get_by_role("button", name="Créer le compte et envoyer l'invitation").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text(
            "invitation à choisir son mot de passe est envoyée à ines.barbier@example.fr"
        )
        assert [m.to for m in mail.outbox] == [["ines.barbier@example.fr"]]
        page.get_by_role("link", name="Créer un groupe").click()
        page.get_by_label("Nom du groupe").fill("IP Villeurbanne 2031")
        page.get_by_label("Formation (obligatoire)", exact=True).select_option(
            label=f"{world['ip_course'].title} (8 places au plus)"
        )
        page.get_by_label("Territoire").select_option(str(world["territory"].pk))
        page.get_by_label("Organisme de formation").select_option(str(world["organisation"].pk))
        page.get_by_label("Lieu habituel").select_option(str(world["venue"].pk))
        page.get_by_label("Nombre de places").fill("8")
        page.get_by_label("Statut").select_option(TrainingGroup.Status.RECRUITING)
        page.get_by_label("Fanny Roux").check()
        page.get_by_label("Pascal Lemoine").check()
        page.get_by_role("button", name="Créer le groupe").click()
        page.wait_for_load_state()
        group = TrainingGroup.objects.get(name="IP Villeurbanne 2031")
        assert page.locator("h1").inner_text() == "IP Villeurbanne 2031"
        assert "Maison des associations" in page.locator(".facts").inner_text()
        no_violation(page)

        # Schedule three sessions: the group's venue is already chosen.
        for index, day in enumerate(
            (datetime.date(2031, 3, 3), datetime.date(2031, 3, 17), datetime.date(2031, 3, 31))
        ):
            page.get_by_role("link", name="Planifier une séance").click()
            expect(page.get_by_label("Lieu", exact=True)).to_have_value(str(world["venue"].pk))
            page.get_by_label("Séance du programme").select_option(label=world["ip_pages"][index].title)
            page.get_by_label("Date").fill(day.isoformat())
            page.get_by_label("Heure de début").fill("09:30")
            page.get_by_label("Heure de fin").fill("15:30")
            page.get_by_label("Formateur ou formatrice", exact=True).select_option(str(world["trainer"].pk))
            page.get_by_label("Formateur ou formatrice pair").select_option(str(world["peer_trainer"].pk))
            if index == 0:
                no_violation(page)
            page.get_by_role("button", name="Planifier la séance").click()
            page.wait_for_load_state()
            expect(page.locator("body")).to_contain_text("planifiée le")
        assert ScheduledSession.objects.filter(groups=group).count() == 3

        # Move the second one to the Wednesday, cancel the third.
        page.get_by_role("link", name="Déplacer la séance du 17 mars").click()
        page.get_by_label("Date").fill("2031-03-19")
        page.get_by_label("Motif du changement").fill("Salle prise ce jour-là.")
        page.get_by_role("button", name="Déplacer la séance").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text("prévenus par e-mail")
        page.get_by_role("link", name="Annuler la séance du 31 mars").click()
        page.get_by_label("Motif de l'annulation").fill("Jour férié local.")
        page.get_by_role("button", name="Annuler la séance").click()
        page.wait_for_load_state()
        expect(page.get_by_text("Annulée", exact=True)).to_have_count(1)
        no_violation(page)

        # Enrol the accepted applicant in the new group: the invitation goes out.
        open_menu_link(page, "Candidatures")
        page.get_by_role("link", name=application.full_name).click()
        page.get_by_label("Groupe").select_option(value=str(group.pk))
        page.get_by_role("button", name="Inscrire").click()
        page.wait_for_load_state()
        expect(page.get_by_text("Une invitation part à nina.morel@example.fr")).to_be_visible()
        invitation = [m for m in mail.outbox if m.to == ["nina.morel@example.fr"]]
        assert len(invitation) == 1

        # On her phone, Nina chooses her password from the link and logs in.
        page.set_viewport_size(PHONE)
        choose_password_and_log_in(page, live_server, invitation[0], "nina.morel@example.fr")
        assert page.url.endswith("/mon-espace/")
        no_sideways_scroll(page)
        nina = User.objects.get(email="nina.morel@example.fr")
        assert Enrolment.objects.filter(group=group, trainee=nina, status=Enrolment.Status.ENROLLED).exists()

        # Back to the regional team, on the phone: resend the first session's convocation to Nina.
        page.context.clear_cookies()
        login(world["regional"])
        open_menu_link(page, "Gestion")
        page.get_by_role("link", name="IP Villeurbanne 2031", exact=True).click()
        no_sideways_scroll(page)
        page.get_by_role("link", name="Convocations de la séance du 3 mars").click()
        mail.outbox.clear()
        page.get_by_role("button", name=f"Renvoyer à {nina}").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text(f"Convocation renvoyée à {nina}.")
        assert [m.to for m in mail.outbox] == [["nina.morel@example.fr"]]
        assert ConvocationLog.objects.filter(trainee=nina, kind="resent", sent_by=world["regional"]).exists()
        no_violation(page)

        # Last year's group: attendance and needs read from its page, then the certificates issued.
        page.set_viewport_size(DESKTOP)
        open_menu_link(page, "Gestion")
        page.get_by_role("link", name="IP Rhône 2030", exact=True).click()
        page.get_by_role("link", name="Émargement du 4 mars").click()
        expect(page.locator("body")).to_contain_text("Samia Haddad")
        no_violation(page)
        page.go_back()
        page.get_by_role("link", name="Besoins de Samia Haddad").click()
        expect(page.locator("body")).to_contain_text("Une pause par heure.")
        no_violation(page)
        page.go_back()
        page.get_by_role("link", name="Attestations et certificats").click()
        page.get_by_role("button", name="Délivrer les documents du groupe").click()
        page.wait_for_load_state()
        assert re.search(r"Délivrance terminée : \d+ documents délivrés", page.content())
        assert Certificate.objects.filter(group=finished_group, trainee=world["trainee"]).exists()
        no_violation(page)


@pytest.fixture
def convened(world):
    """The running group's next session, with its convocation sent to Samia a week before."""
    from tests.cohorts.conftest import enrol_trainee
    from tests.cohorts.test_pages import schedule_week

    enrol_trainee(world["ip_group"], world["trainee"])
    session = schedule_week(world)
    ConvocationLog.objects.create(session=session, trainee=world["trainee"], kind=ConvocationLog.Kind.WEEK_BEFORE)
    return session


def test_organisation_staff_follow_their_organisations_groups_on_a_phone(
    page, live_server, login, world, finished_group, convened
):
    from lms.cohorts.factories import TrainingGroupFactory
    from lms.people.factories import TerritoryFactory, TrainingOrganisationFactory

    rival = TrainingOrganisationFactory(name="Organisme concurrent")
    TrainingGroupFactory(
        name="IP Ain 2031",
        course=world["ip_course"],
        territory=TerritoryFactory(region=world["territory"].region),
        organisation=rival,
        capacity=8,
    )
    with time_machine.travel(NOW, tick=True):
        page.set_viewport_size(PHONE)
        login(world["org_staff"])
        no_sideways_scroll(page)
        open_menu_link(page, "Gestion")
        expect(page.get_by_role("link", name="IP Ain 2031", exact=True)).to_have_count(0)
        no_sideways_scroll(page)

        # The running group's hub, then its convocations: who was convened when.
        page.get_by_role("link", name="IP Rhône", exact=True).click()
        expect(page.get_by_role("heading", name="Suivi du groupe")).to_have_count(1)
        # Needs are not the organisation's to read.
        expect(page.get_by_role("link", name="Besoins de Samia Haddad")).to_have_count(0)
        no_sideways_scroll(page)
        no_violation(page)
        page.get_by_role("link", name="Convocations du groupe").click()
        expect(page.locator("body")).to_contain_text("Samia Haddad")
        no_sideways_scroll(page)
        no_violation(page)

        # Last year's group: its attendance sheet, from its hub.
        open_menu_link(page, "Gestion")
        page.get_by_role("link", name="IP Rhône 2030", exact=True).click()
        page.get_by_role("link", name="Émargement du 4 mars").click()
        expect(page.get_by_role("row", name=re.compile("Samia Haddad"))).to_have_count(1)
        expect(page.get_by_role("link", name="Feuille d'émargement (PDF)")).to_have_count(1)
        no_sideways_scroll(page)
        no_violation(page)


def test_national_team_reads_the_overview_counts_and_keeps_the_rgaa_self_check(
    page, live_server, login, world, finished_group
):
    from django.core.cache import cache

    cache.clear()
    with time_machine.travel(NOW, tick=True):
        page.set_viewport_size(PHONE)
        login(world["national"])
        no_sideways_scroll(page)
        open_menu_link(page, "Gestion")
        expect(page.get_by_role("link", name="Créer un groupe")).to_have_count(0)
        page.get_by_role("link", name="IP Rhône 2030", exact=True).click()
        # Counts, no names, nothing to edit.
        assert "1 inscrits sur 8 places" in " ".join(page.locator(".facts").inner_text().split())
        assert "Samia Haddad" not in page.content()
        expect(page.get_by_role("link", name="Modifier le groupe")).to_have_count(0)
        expect(page.locator("body")).to_contain_text(re.compile(r"[01] délivré"))
        no_sideways_scroll(page)
        no_violation(page)

        page.set_viewport_size(DESKTOP)
        page.get_by_role("link", name="Accessibilité : non conforme").click()
        page.get_by_role("link", name="Ouvrir l'auto-évaluation RGAA de l'équipe").click()
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        expect(page.get_by_role("link", name="2. Cadres")).to_have_count(1)
        no_violation(page)


def test_peer_trainer_opens_and_countersigns_their_session_on_a_phone(page, live_server, login, world, convened):
    on_the_day = datetime.datetime(2031, 3, 3, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    with time_machine.travel(on_the_day, tick=True):
        page.set_viewport_size(PHONE)
        login(world["peer_trainer"])
        no_sideways_scroll(page)
        # The start page lists the sessions they lead, each opening its attendance sheet.
        assert page.url.endswith("/emargement/")
        no_sideways_scroll(page)
        page.get_by_role("link", name=world["ip_pages"][1].title).first.click()
        expect(page.locator("body")).to_contain_text(world["ip_pages"][1].title)
        page.get_by_role("button", name="Ouvrir l'émargement du matin").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text("Ouvert par Pascal Lemoine")
        no_sideways_scroll(page)
        no_violation(page)

        # Samia came late: marked so, she stays late with the minutes missed once countersigned.
        # Each trainee's half-day has its own page with the trainer's forms.
        page.get_by_role("link", name="Modifier la présence de Samia Haddad, matin").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Présence de Samia Haddad, matin")
        no_sideways_scroll(page)
        page.get_by_role("combobox", name=re.compile("^Statut")).select_option("late")
        page.get_by_label(re.compile("^Minutes manquées")).fill("30")
        page.get_by_role("button", name="Enregistrer le statut").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text("Statut enregistré.")
        page.get_by_label("Je contresigne : les présences de ce créneau sont exactes.").first.check()
        page.get_by_role("button", name="Contresigner et clore le matin").click()
        page.wait_for_load_state()
        expect(page.locator("body")).to_contain_text("Contresigné et clos par Pascal Lemoine")
        expect(page.locator("body")).to_contain_text("30 min manquées")
        no_violation(page)

        # The group page shows the sheet countersigned.
        page.get_by_role("link", name="IP Rhône", exact=True).first.click()
        expect(page.locator("body")).to_contain_text("feuille contresignée")
        no_sideways_scroll(page)
