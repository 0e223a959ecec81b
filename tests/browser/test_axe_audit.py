"""The platform-wide accessibility audit: every page, for every role that can see it, in French and in
easy-to-read (FALC) mode, opened in Chromium and scanned by axe-core (WCAG 2.0/2.1/2.2 A and AA).

A new page joins the audit by adding ONE entry to PAGES: its path (or a function of the audit world
returning it) and the roles that can see it. One browser for the whole run, one context per role.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from accessibility.preferences import COOKIE_NAME
from lms.attendance.models import AttendanceSlot
from lms.people.models import Role
from tests.accessibility.conftest import build_world
from tests.axe import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANONYMOUS = "anonymous"
TRAINEE = "trainee"
TRAINER = "trainer"
PEER_TRAINER = "peer_trainer"
REGIONAL = "regional_team"
NATIONAL = "national_team"
ORGANISATION = "organisation_staff"
ADMIN = "administrator"
FUNDER = "funder"  # sees the tracking pages only: audited on its own pages, not on every signed-in page
SIGNED_IN = {TRAINEE, TRAINER, PEER_TRAINER, REGIONAL, NATIONAL, ORGANISATION, ADMIN}
EVERYONE = SIGNED_IN | {ANONYMOUS}

# The world's person playing each role (see tests/accessibility/conftest.py).
ROLE_USERS = {
    TRAINEE: "trainee",
    TRAINER: "trainer",
    PEER_TRAINER: "peer_trainer",
    REGIONAL: "regional",
    NATIONAL: "national",
    ORGANISATION: "staff",
    ADMIN: "admin",
    FUNDER: "funder",
}


@dataclass(frozen=True)
class AuditedPage:
    path: str | Callable
    roles: frozenset
    status: int = 200  # error pages are audited with their own status

    def url_path(self, world) -> str:
        return self.path(world) if callable(self.path) else self.path


def page(path, roles, status=200) -> AuditedPage:
    return AuditedPage(path, frozenset(roles), status)


def invitation_path(world) -> str:
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from lms.people.tokens import invitation_tokens

    uidb64 = urlsafe_base64_encode(force_bytes(world.invitee.pk))
    return f"/invitation/{uidb64}/{invitation_tokens.make_token(world.invitee)}/"


def email_change_path(world) -> str:
    from django.core import signing

    from lms.people.services import EMAIL_CHANGE_SALT

    data = {"user": world.trainee.pk, "from": world.trainee.email, "to": "nouvelle-adresse@test.fr"}
    return f"/mon-compte/adresse-e-mail/confirmer/{signing.dumps(data, salt=EMAIL_CHANGE_SALT)}/"


def followup_plan(world, *, referent=False):
    """The trainee's intervention project, or the referent's action plan with an action (made on demand)."""
    import datetime

    from django.utils import timezone

    from lms.followup.models import FollowUpPlan, PlanAction

    if referent:
        trainee, group, kind = world.referent, world.rp_group, "action_plan"
    else:
        trainee, group, kind = world.trainee, world.ip_group, "intervention_project"
    plan, created = FollowUpPlan.objects.get_or_create(
        trainee=trainee,
        group=group,
        defaults={"kind": kind, "owner": world.regional, "opened_at": timezone.now(), "themes": "Le rétablissement"},
    )
    if created and referent:
        PlanAction.objects.create(plan=plan, title="Réunion d'équipe", due_date=datetime.date(2026, 7, 1))
    return plan


def directory_entry(world, *, submitted=False):
    """The trainee's published directory entry, or (`submitted`) the referent's entry waiting for the
    team's review, each from a validated plan of an earlier group of the Rhône (made on demand)."""
    from django.utils import timezone

    from lms.cohorts.models import TrainingGroup
    from lms.directory import services
    from lms.followup.models import FollowUpPlan

    person, model = (world.referent, world.rp_group) if submitted else (world.trainee, world.ip_group)
    group, _ = TrainingGroup.objects.get_or_create(
        name=f"{model.name} 2025",
        defaults={
            "course": model.course,
            "territory": model.territory,
            "organisation": model.organisation,
            "capacity": model.capacity,
        },
    )
    plan, _ = FollowUpPlan.objects.get_or_create(
        trainee=person,
        group=group,
        defaults={
            "kind": "action_plan" if submitted else "intervention_project",
            "status": "validated",
            "opened_at": timezone.now(),
            "themes": "Le rétablissement",
            "audiences": "Étudiants",
            "formats": ["awareness"],
            "area": "Lyon",
        },
    )
    entry = services.start_entry(actor=person, plan=plan)
    if entry.status == "draft" and entry.consent_given_at is None:
        services.update_entry(
            actor=person,
            entry=entry,
            show_languages=True,
            languages=["lsf", "fr"],
            text="Je raconte mon parcours.",
            text_easy_read="Je parle de ma vie.",
        )
        services.submit_entry(actor=person, entry=entry, consent=True)
        if not submitted:
            services.publish_entry(actor=world.regional, entry=entry)
    return entry


def followup_meeting(world, *, requested=False):
    """A meeting on the trainee's plan: asked for by the person, or held with its summary."""
    import datetime

    from django.utils import timezone

    from lms.followup.models import Meeting, MeetingParticipant

    plan = followup_plan(world)
    status = "requested" if requested else "held"
    meeting = Meeting.objects.filter(plan=plan, status=status).first()
    if meeting is None:
        meeting = Meeting.objects.create(
            plan=plan,
            region_id=plan.group.territory.region_id,
            status=status,
            starts_at=None if requested else timezone.now(),
            place="Maison des associations",
            request_message="Je voudrais parler de mon projet." if requested else "",
            summary="" if requested else "Projet bien engagé.",
            arrangements=[{"kind": "lsf", "label": "LSF", "details": "", "count": 1}],
        )
        MeetingParticipant.objects.create(meeting=meeting, person=plan.trainee, plan=plan, attended=not requested)
        if not requested:  # a next step agreed, with its "Marquer comme faite" button on the plan page
            meeting.next_actions.create(plan=plan, title="Appeler l'IME", due_date=datetime.date(2026, 7, 1))
    return meeting


def followup_questionnaire(world):
    import datetime

    from lms.followup.models import Questionnaire
    from lms.followup.seed import ensure_indicators

    ensure_indicators()

    questionnaire, _ = Questionnaire.objects.get_or_create(
        plan=followup_plan(world), milestone="3m", defaults={"due_on": datetime.date(2026, 9, 1)}
    )
    return questionnaire


def interventions(world):
    """Intervention requests at the stages whose pages differ (made once): received, matching, proposed
    to the trainee, in preparation with the trainee committed and an expense to decide, done."""
    made = getattr(world, "_interventions", None)
    if made is not None:
        return made
    from django.utils import timezone

    from lms.interventions.models import ExpenseLine, InterventionRequest, Proposal
    from lms.interventions.selectors import reasons_for, score_of

    plan = followup_plan(world)
    now = timezone.now()
    made = {}
    for stage in ("received", "matching", "proposed", "preparation", "done"):
        request = InterventionRequest.objects.create(
            region=world.region, organisation_name=f"Foyer Les Tilleuls ({stage})", organisation_kind="esms",
            contact_name="Claire Dumas", contact_email="claire@example.org", what="Sensibiliser au rétablissement",
            audience="Équipes éducatives", dates_wished="Un mardi en octobre", place="Lyon 8e", format="awareness",
            venue_features=["break_room"], expenses_budget=150, stage=stage, stage_changed_at=now, created_at=now,
            feedback_token=f"jeton-{stage}",
        )  # fmt: skip
        request.stage_changes.create(to_stage=stage, at=now, by=world.regional, by_label="Équipe")
        if stage in ("proposed", "preparation", "done"):
            reasons = reasons_for(request, plan, 0)
            request.proposal = Proposal.objects.create(
                request=request, peer=world.trainee, plan=plan, reasons=reasons, score=score_of(reasons),
                status="proposed" if stage == "proposed" else "accepted", proposed_at=now,
            )  # fmt: skip
        if stage == "preparation":
            ExpenseLine.objects.create(
                request=request, submitted_by=world.trainee, kind="transport", amount=23, spent_on=now.date(),
                description="Billet de TER",
            )  # fmt: skip
        made[stage] = request
    world._interventions = made
    return made


def tenders(world):
    """Calls for tenders (made once): one open with a bid of the world's organisation, one past its
    deadline with a compliant and a set-aside bid checked and scored, one declared abandoned before its
    deadline, and a registration to validate."""
    made = getattr(world, "_tenders", None)
    if made is not None:
        return made
    import datetime

    from django.utils import timezone

    from lms.people.factories import TrainingOrganisationFactory
    from lms.tenders import services as tender_services
    from lms.tenders.kit import seed_specification
    from lms.tenders.models import (
        Bid,
        Call,
        ConsolidatedScore,
        Declaration,
        Lot,
        Registration,
        Requirement,
        Score,
        Specification,
    )

    seed_specification(Specification, Requirement)
    now = timezone.now()
    organisation = world.ip_group.organisation
    other = TrainingOrganisationFactory(region=world.region, name="Formations Rhône Conseil")
    schedule = [
        {"date": f"2027-{month:02d}-{day:02d}", "start": "09:00", "end": "15:00"}
        for month, day in ((1, 12), (1, 26), (2, 9), (2, 23), (3, 9), (4, 13))
    ]
    made = {}
    stages = (
        ("open", now + datetime.timedelta(days=20)),
        ("closed", now - datetime.timedelta(days=1)),
        ("abandoned", now + datetime.timedelta(days=20)),
    )
    for key, deadline in stages:
        call = Call.objects.create(
            region=world.region, title=f"Formation des intervenants-pairs ({key})", procedure="private",
            specification=Specification.objects.first(), status="published", published_at=now,
            publication_date=now.date() - datetime.timedelta(days=30), questions_deadline=deadline,
            submission_deadline=deadline, award_date=now.date() + datetime.timedelta(days=25),
            start_date=now.date() + datetime.timedelta(days=40),
        )  # fmt: skip
        call.criteria.create(kind="price", label="Prix", weight=40)
        pedagogy = call.criteria.create(kind="quality", label="Pédagogie", weight=60, order=1)
        lot = Lot.objects.create(call=call, number=1, course=world.ip_group.course, territory=world.ip_group.territory)
        bids = []
        for bidder, price, rows in ((organisation, 20000, schedule), (other, 18000, schedule[:1] * 2)):
            bids.append(Bid.objects.create(
                lot=lot, organisation=bidder, submitted_by=world.staff, submitted_at=now, technical_proposal="Offre",
                price=price, group_size=8, digest="0" * 64, schedule=rows, accessibility_means=["LSF"],
                team=[{"name": "Claire Martin", "role": "trainer"}, {"name": "Samir Haddad", "role": "peer_trainer"}],
            ))  # fmt: skip
        made[key] = {"call": call, "lot": lot, "bid": bids[0]}
        call.questions.create(text="Le samedi ?", asked_by=world.staff, asked_at=now)
        call.questions.create(text="Quel lieu ?", asked_by=world.staff, asked_at=now, answer="Lyon", answered_at=now)
        if key == "abandoned":
            tender_services.abandon_call(
                actor=world.regional, call=call, reason="Le besoin a changé : la formation est reportée d'un an."
            )
        if key == "closed":
            tender_services.run_compliance(actor=world.regional, call=call)
            Declaration.objects.create(call=call, evaluator=world.regional, declared_at=now)
            Score.objects.create(
                bid=bids[0], criterion=pedagogy, evaluator=world.regional, mark=8, justification="Clair", scored_at=now
            )
            ConsolidatedScore.objects.create(
                bid=bids[0], criterion=pedagogy, mark=8, justification="Avis confirmé", consolidated_by=world.regional,
                consolidated_at=now,
            )  # fmt: skip
    Registration.objects.create(
        name="Forma Sud", siret="73282932000074", nda="84691234569", region=world.region, contact_name="Julie Faure",
        contact_email="julie@formasud.example", submitted_at=now,
    )  # fmt: skip
    world._tenders = made
    return made


# ---- THE REGISTRY: one line per page of the platform ------------------------------------------
def reporting_export(world) -> str:
    """An XLSX export the regional team asked for (built at once: tasks run synchronously in tests)."""
    made = getattr(world, "_reporting_export", None)
    if made is None:
        from lms.reporting import services as reporting

        made = reporting.start_export(actor=world.regional, kind="xlsx", query={})
        world._reporting_export = made
    return f"/indicateurs/exports/{made.pk}/"


def funder_report(world) -> str:
    made = getattr(world, "_funder_report", None)
    if made is None:
        from lms.reporting import services as reporting

        made = reporting.issue_funder_report(actor=world.regional, region=world.region, year=timezone.localdate().year)
        world._funder_report = made
    return f"/indicateurs/rapports/{made.pk}/"


PAGES = [
    # Public curriculum and foundation
    page("/", EVERYONE),
    page("/formations/", EVERYONE),
    page("/formations/intervenants-pairs/", EVERYONE),
    page(lambda w: w.session_page.url, EVERYONE),
    page("/connexion/", {ANONYMOUS}),
    # Error pages
    page("/cette-page-n-existe-pas/", EVERYONE, status=404),
    page("/candidatures/", {TRAINEE, TRAINER}, status=403),
    # Accessibility
    page("/accessibilite/", EVERYONE),
    page("/accessibilite/affichage/", EVERYONE),
    page("/accessibilite/auto-evaluation/", {NATIONAL, ADMIN}),
    page("/accessibilite/auto-evaluation/10/", {NATIONAL, ADMIN}),
    page("/accessibilite/mes-besoins/", {TRAINEE}),
    page(lambda w: f"/accessibilite/stagiaires/{w.trainee.pk}/besoins/", {TRAINER, PEER_TRAINER, REGIONAL}),
    page(lambda w: f"/accessibilite/seances/{w.session.pk}/amenagements/", {TRAINER, PEER_TRAINER, REGIONAL, ADMIN}),
    # Account and personal data (people)
    page("/mon-compte/", SIGNED_IN),
    page("/mon-compte/mes-donnees/", SIGNED_IN),
    page("/mon-compte/effacement/", SIGNED_IN),
    page("/mon-compte/coordonnees/", SIGNED_IN),
    page("/mon-compte/adresse-e-mail/", SIGNED_IN),
    page(email_change_path, {TRAINEE}),
    page("/mon-compte/mot-de-passe/", SIGNED_IN),
    page("/mot-de-passe-oublie/", {ANONYMOUS}),
    page("/mot-de-passe-oublie/envoye/", {ANONYMOUS}),
    page(invitation_path, {ANONYMOUS}),
    page("/invitation/MTIz/lien-perime/", {ANONYMOUS}),
    page("/gestion/effacements/", {ADMIN}),
    # Groups, selection, scheduling (cohorts)
    page("/candidater/", EVERYONE),
    page("/groupes/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/nouvelle/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/modifier/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/deplacer/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/annuler/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/supprimer/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/convocations/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/convocations/", {REGIONAL, ORGANISATION, ADMIN}),
    page(
        lambda w: f"/groupes/{w.ip_group.pk}/seances/{w.session.pk}/convocations/apercu/",
        {REGIONAL, ORGANISATION, ADMIN},
    ),
    page("/candidatures/", {REGIONAL, ADMIN}),
    page("/candidatures/nouvelle/", {REGIONAL, ADMIN}),
    page(lambda w: f"/candidatures/{w.application.pk}/", {REGIONAL, ADMIN}),
    page("/mes-seances/", {TRAINER, PEER_TRAINER}),
    page("/mon-planning/", SIGNED_IN),
    # Attendance and catch-up
    page("/mon-espace/", {TRAINEE}),
    page("/mon-espace/presences/", {TRAINEE}),
    page("/emargement/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/emargement/seances/{w.session.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    page(
        lambda w: f"/emargement/seances/{w.session.pk}/creneaux/{w.open_slot.pk}/stagiaires/{w.trainee.pk}/",
        {TRAINER, PEER_TRAINER, ADMIN},
    ),
    # Intersession work and objectives (learning)
    page("/travaux/", SIGNED_IN),
    page(lambda w: f"/travaux/groupe/{w.ip_group.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/objectifs/groupe/{w.ip_group.pk}/", {TRAINER, PEER_TRAINER, REGIONAL, ORGANISATION, ADMIN}),
    # Certificates
    page("/certificats/", SIGNED_IN),
    page(lambda w: f"/certificats/groupes/{w.ip_group.pk}/", {REGIONAL, ORGANISATION, ADMIN}),
    page("/certificats/verifier/", EVERYONE),
    # Staff workspace (Gestion) and the group page as hub
    page("/gestion/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page("/gestion/groupes/nouveau/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/gestion/groupes/{w.ip_group.pk}/modifier/", {REGIONAL, ORGANISATION, ADMIN}),
    page("/gestion/lieux/nouveau/", {REGIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/gestion/lieux/{w.venue.pk}/modifier/", {REGIONAL, ORGANISATION, ADMIN}),
    page("/gestion/regles-de-fin-de-formation/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/gestion/regles-de-fin-de-formation/{w.ip_group.course_id}/", {NATIONAL, ADMIN}),
    page("/gestion/amenagements/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page("/gestion/amenagements/prestataires/nouveau/", {REGIONAL, ADMIN}),
    page(lambda w: f"/gestion/amenagements/prestataires/{w.provider.pk}/", {REGIONAL, ADMIN}),
    page("/gestion/personnes/nouvelle/", {REGIONAL, ORGANISATION, ADMIN}),
    # Satisfaction surveys
    page(lambda w: f"/questionnaires/r/{w.survey_token}/", {ANONYMOUS}),
    page("/questionnaires/merci/", EVERYONE),
    page("/questionnaires/mes-questionnaires/", SIGNED_IN),
    page(lambda w: f"/questionnaires/mes-questionnaires/{w.survey_invitation.pk}/", {TRAINEE}),
    page("/questionnaires/resultats/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page(lambda w: f"/questionnaires/resultats/{w.campaign.pk}/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    # Complaints and improvement actions
    page("/satisfaction/resultats/", EVERYONE),
    page("/reclamation/", EVERYONE),
    page("/reclamation/merci/", EVERYONE),
    page("/mon-espace/reclamation/", {TRAINEE}),
    page("/reclamations/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page("/reclamations/incident/", {TRAINER, PEER_TRAINER}),
    page(lambda w: f"/reclamations/{w.complaint.pk}/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    page("/ameliorations/", {REGIONAL, NATIONAL, ADMIN}),
    page("/ameliorations/nouvelle/", {REGIONAL, ADMIN}),
    page(lambda w: f"/ameliorations/{w.improvement_action.pk}/", {REGIONAL, NATIONAL, ADMIN}),
    page("/ameliorations/revue/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN}),
    # Follow-up after the training
    page(lambda w: followup_plan(w) and "/mon-espace/", {TRAINEE}),
    page(lambda w: f"/suivi/mon-plan/{followup_plan(w).pk}/", {TRAINEE}),
    page(lambda w: "/suivi/", {REGIONAL, ADMIN}),
    page(lambda w: f"/suivi/plans/{followup_plan(w).pk}/", {REGIONAL, ADMIN}),
    page(lambda w: f"/suivi/plans/{followup_plan(w, referent=True).pk}/", {REGIONAL, ADMIN}),
    page(lambda w: f"/suivi/plans/{followup_plan(w, referent=True).pk}/actions/ajouter/", {REGIONAL}),
    page(lambda w: followup_meeting(w) and f"/suivi/mon-plan/{followup_plan(w).pk}/", {TRAINEE}),
    page(lambda w: f"/suivi/mon-plan/{followup_plan(w).pk}/parler-avec-l-equipe/", {TRAINEE}),
    page(lambda w: f"/suivi/plans/{followup_plan(w).pk}/rendez-vous/nouveau/", {REGIONAL}),
    page(lambda w: f"/suivi/rendez-vous/{followup_meeting(w).pk}/", {REGIONAL, ADMIN}),
    page(lambda w: f"/suivi/rendez-vous/{followup_meeting(w, requested=True).pk}/programmer/", {REGIONAL}),
    # A meeting not yet held, with its cancel button; the plan page with a next step to mark done.
    page(lambda w: f"/suivi/rendez-vous/{followup_meeting(w, requested=True).pk}/", {REGIONAL}),
    page(lambda w: followup_meeting(w) and f"/suivi/plans/{followup_plan(w).pk}/", {REGIONAL}),
    page("/suivi/reunions/nouvelle/", {REGIONAL}),
    page(
        lambda w: (
            f"/suivi/plans/{followup_plan(w, referent=True).pk}/actions/"
            f"{followup_plan(w, referent=True).actions.first().pk}/"
        ),
        {REGIONAL},
    ),
    page(lambda w: f"/suivi/questionnaires/{followup_questionnaire(w).pk}/", {TRAINEE}),
    page(lambda w: f"/suivi/plans/{followup_plan(w).pk}/indicateurs/end/", {REGIONAL}),
    # The directory of peer interveners and referents
    page(lambda w: directory_entry(w) and "/annuaire/", EVERYONE),
    page(lambda w: directory_entry(w) and "/annuaire/?q=introuvable&kind=referent", EVERYONE),
    page(lambda w: f"/annuaire/{directory_entry(w).slug}/", EVERYONE),
    page(lambda w: directory_entry(w) and "/mon-espace/annuaire/", {TRAINEE}),
    page(lambda w: f"/mon-espace/annuaire/{directory_entry(w).pk}/", {TRAINEE}),
    page(lambda w: directory_entry(w, submitted=True) and "/gestion/annuaire/", {REGIONAL, NATIONAL, ADMIN}),
    page(lambda w: f"/gestion/annuaire/{directory_entry(w, submitted=True).pk}/", {REGIONAL, ADMIN}),
    page(lambda w: f"/gestion/annuaire/{directory_entry(w).pk}/", {NATIONAL}),
    # Partners' intervention requests
    # Calls for tenders
    page(lambda w: tenders(w) and "/appels-d-offres/", EVERYONE),
    page(lambda w: f"/appels-d-offres/{tenders(w)['open']['call'].pk}/", EVERYONE),
    page(lambda w: f"/appels-d-offres/{tenders(w)['abandoned']['call'].pk}/", EVERYONE),
    page("/appels-d-offres/inscription/", EVERYONE),
    page("/appels-d-offres/inscription/merci/", EVERYONE),
    page("/appels-d-offres/cahier-des-charges/", {NATIONAL, ADMIN}),
    page(lambda w: tenders(w) and "/appels-d-offres/equipe/", {REGIONAL, NATIONAL, ADMIN}),
    page("/appels-d-offres/equipe/nouveau/", {REGIONAL, ADMIN}),
    page(lambda w: f"/appels-d-offres/equipe/{tenders(w)['open']['call'].pk}/", {REGIONAL, NATIONAL}),
    page(lambda w: f"/appels-d-offres/equipe/{tenders(w)['closed']['call'].pk}/", {REGIONAL, NATIONAL, ADMIN}),
    page(lambda w: f"/appels-d-offres/equipe/{tenders(w)['open']['call'].pk}/sans-suite/", {REGIONAL}),
    page(lambda w: f"/appels-d-offres/equipe/{tenders(w)['abandoned']['call'].pk}/", {REGIONAL}),
    page(lambda w: f"/appels-d-offres/equipe/offres/{tenders(w)['closed']['bid'].pk}/notation/", {REGIONAL}),
    page(lambda w: f"/appels-d-offres/equipe/offres/{tenders(w)['closed']['bid'].pk}/consolidation/", {REGIONAL}),
    page(
        lambda w: (t := tenders(w)["closed"])
        and f"/appels-d-offres/equipe/{t['call'].pk}/lots/{t['lot'].pk}/sensibilite/",
        {REGIONAL, NATIONAL},
    ),
    page(
        lambda w: (t := tenders(w)["open"]) and f"/appels-d-offres/{t['call'].pk}/lots/{t['lot'].pk}/offre/",
        {ORGANISATION},
    ),
    page(lambda w: tenders(w) and "/appels-d-offres/mes-offres/", {ORGANISATION}),
    page(lambda w: f"/appels-d-offres/mes-offres/{tenders(w)['open']['bid'].pk}/", {ORGANISATION}),
    page(lambda w: f"/appels-d-offres/mes-offres/{tenders(w)['abandoned']['bid'].pk}/", {ORGANISATION}),
    page("/interventions/demande/", EVERYONE),
    page("/interventions/demande/merci/", EVERYONE),
    page(lambda w: interventions(w) and "/interventions/avis/jeton-done/", EVERYONE),
    page(lambda w: interventions(w) and "/interventions/", {REGIONAL, NATIONAL, ADMIN}),
    page("/interventions/nouvelle/", {REGIONAL, ADMIN}),
    page(lambda w: f"/interventions/{interventions(w)['received'].pk}/", {REGIONAL, NATIONAL}),
    page(lambda w: f"/interventions/{interventions(w)['preparation'].pk}/", {REGIONAL, NATIONAL, ADMIN}),
    page(lambda w: f"/interventions/{interventions(w)['matching'].pk}/mise-en-relation/", {REGIONAL}),
    page(lambda w: f"/interventions/{interventions(w)['preparation'].pk}/rendez-vous/preparation/", {REGIONAL}),
    page(lambda w: interventions(w) and "/mon-espace/", {TRAINEE}),
    page(lambda w: interventions(w) and "/interventions/mes-interventions/", {TRAINEE}),
    page(lambda w: f"/interventions/mes-interventions/{interventions(w)['proposed'].proposal.pk}/", {TRAINEE}),
    page(lambda w: f"/interventions/mes-interventions/{interventions(w)['preparation'].proposal.pk}/", {TRAINEE}),
    page(lambda w: f"/interventions/mes-interventions/{interventions(w)['done'].proposal.pk}/", {TRAINEE}),
    page(lambda w: f"/interventions/mes-interventions/{interventions(w)['done'].proposal.pk}/frais/", {TRAINEE}),
    # Tracking (issue 20): dashboards by role, a region drilled down, groups, a group, definitions, an export.
    page("/indicateurs/", {REGIONAL, NATIONAL, ORGANISATION, ADMIN, FUNDER}),
    page(lambda w: f"/indicateurs/?region={w.region.pk}&par=organisation", {NATIONAL}),
    page("/indicateurs/groupes/", {REGIONAL, NATIONAL, ORGANISATION}),
    page(lambda w: f"/indicateurs/groupes/{w.ip_group.pk}/", {REGIONAL, NATIONAL}),
    page("/indicateurs/definitions/", {FUNDER}),
    page(reporting_export, {REGIONAL}),
    page("/indicateurs/rapports/", {REGIONAL, FUNDER}),
    page(funder_report, {REGIONAL, FUNDER}),
    page("/indicateurs/resultats/", {ANONYMOUS}),
    page(lambda w: f"/indicateurs/resultats/{w.ip_group.course_id}/", {ANONYMOUS, FUNDER}),
    page(lambda w: f"/indicateurs/bpf/{w.ip_group.organisation_id}/?annee={timezone.localdate().year}", {ORGANISATION}),
]
# -----------------------------------------------------------------------------------------------


@pytest.fixture
def audit_world(site_tree, territory, organisation, make_user):
    """The shared world, with a recorded need so that plans and needs pages have content."""
    from accessibility import services
    from accessibility.models import ArrangementKind
    from lms.cohorts.factories import ApplicationFactory, VenueFactory
    from lms.people.models import User

    world = build_world(site_tree, territory, organisation, make_user)
    world.funder = make_user(Role.FUNDER, region=world.region)
    world.application = ApplicationFactory(course=site_tree["peer_interveners"], territory=territory)
    world.invitee = User.objects.create_user(email="invitee@test.fr", first_name="Inès", last_name="Vidal")
    world.venue = VenueFactory(name="Maison des associations", territory=territory)
    services.give_consent(world.trainee, actor=world.trainee, accepted=True)
    services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.LSF, details="Binôme d'interprètes")
    services.add_need(world.trainee, actor=world.trainee, kind=ArrangementKind.OTHER, details="Une table réglable")
    world.provider = services.save_provider(
        actor=world.regional, region_id=world.region.pk, name="Interprètes LSF Rhône", kinds=[ArrangementKind.LSF],
        email="reservation@lsf.example", phone="04 78 00 00 01", booking_lead_days=14,
    )  # fmt: skip
    # An opened half-day, so that the page of one trainee's presence has its forms.
    world.open_slot = AttendanceSlot.objects.create(
        session=world.session, half_day="morning", opened_by=world.trainer, opened_at=timezone.now()
    )
    add_survey_world(world)
    return world


def add_survey_world(world):
    """A hot-survey campaign of the IP group with the trainee's invitation and five answers, so
    that the results page shows its breakdown."""
    from django.utils import timezone

    from lms.surveys import services as survey_services
    from lms.surveys.kit import ensure_kit_templates
    from lms.surveys.models import Response

    ensure_kit_templates()
    template = survey_services.active_template(moment="hot_session")
    world.campaign = survey_services.open_campaign(
        template=template,
        group=world.ip_group,
        session=world.session,
        people=[world.trainee],
        opened_on=timezone.localdate(),
    )
    world.survey_invitation = world.campaign.invitations.get()
    world.survey_token = survey_services.token_for(world.survey_invitation)
    for score in (3, 4, 4, 5, 5):
        answers = {"seance-globale": score, "seance-accessibilite": "yes", "commentaire": "Bien"}
        Response.objects.create(campaign=world.campaign, answered_on=timezone.localdate(), answers=answers)
    from lms.surveys import services_complaints

    world.complaint = services_complaints.file_complaint(
        actor=world.trainee, channel="my_space", category="logistics", description="Salle froide", group=world.ip_group
    )
    world.improvement_action = services_complaints.create_action(
        actor=world.regional,
        region=world.region,
        source="complaint",
        complaint=world.complaint,
        finding="Salle froide",
        decision="Changer de salle",
        title="Nouvelle salle",
        owner=world.regional,
        due_on=timezone.localdate(),
    )


def signed_in_context(browser, live_server, user):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    if user is not None:
        client = Client()
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return context


def audit(browser_page, live_server, path: str, label: str, *, open_panel=False, status=200) -> list[str]:
    response = browser_page.goto(f"{live_server.url}{path}")
    if response is None or response.status != status:
        got = response.status if response else "—"
        return [f"{label} {path}: HTTP {got}, expected {status} (the registry says what this role gets)"]
    if open_panel:
        # The display preference panel is closed by default: audit its content too.
        browser_page.evaluate("document.querySelectorAll('details.display-panel').forEach(d => d.open = true)")
    return [f"{label} {path}: {line}" for line in axe_violations(browser_page)]


def test_every_page_has_no_axe_violation_in_french_and_in_falc_mode(browser, live_server, audit_world):
    # One test for all roles: the world is built once (transactional tests rebuild it per test).
    problems = []
    for role in sorted(EVERYONE | {FUNDER}):
        user = getattr(audit_world, ROLE_USERS[role]) if role != ANONYMOUS else None
        entries = [(entry.url_path(audit_world), entry.status) for entry in PAGES if role in entry.roles]
        context = signed_in_context(browser, live_server, user)
        browser_page = context.new_page()
        try:
            for path, status in entries:
                problems += audit(browser_page, live_server, path, f"[{role}, fr]", status=status)
            context.add_cookies([{"name": COOKIE_NAME, "value": "falc", "url": live_server.url}])
            for path, status in entries:
                problems += audit(browser_page, live_server, path, f"[{role}, FALC]", open_panel=True, status=status)
        finally:
            context.close()
    assert problems == []
