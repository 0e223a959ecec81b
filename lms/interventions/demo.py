"""Demo intervention requests: one in each stage, from partners of the Rhône, matched with the demo's
peer interveners whose intervention project is validated (lms.followup.demo), with meetings,
feedback and expense lines. Everything goes through the services; idempotent."""

import datetime
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from lms.followup import services as followup
from lms.followup.models import FollowUpPlan, PlanKind
from lms.interventions import services
from lms.interventions.models import InterventionRequest, Stage
from lms.people.models import Role, RoleAssignment, Territory

# (organisation, kind, what, audience, dates, place, format, venue features, the stage it reaches)
REQUESTS = [
    ("IME Les Platanes", "esms", "Présenter l'autodétermination aux éducateurs", "Équipe éducative (15 personnes)",
     "Un jeudi après-midi de novembre", "Villeurbanne", "awareness", ["step_free", "break_room"], Stage.RECEIVED),
    ("Mairie de Vénissieux", "public_service", "Sensibiliser les agents d'accueil au handicap psychique",
     "Agents d'accueil du public", "Décembre, le matin", "Vénissieux", "awareness", ["step_free"], Stage.QUALIFIED),
    ("Association Pas à Pas", "association", "Co-construire un atelier sur l'autodétermination avec des usagers",
     "Bénévoles et usagers", "Un samedi matin", "Lyon 7e", "co_design", ["public_transport"], Stage.MATCHING),
    ("Entreprise Rhône Logistique", "company", "Témoigner de l'autodétermination au travail", "Managers",
     "Un mardi en janvier", "Saint-Priest", "user_expertise", ["step_free", "break_room"], Stage.PROPOSED),
    ("Foyer Le Relais", "esms", "Intervenir sur l'autodétermination auprès des résidents", "Résidents et équipe",
     "Un mercredi après-midi", "Lyon 9e", "peer_support", ["break_room"], Stage.DECLINED),
    ("IFTS de Lyon", "public_service", "Former les étudiants en travail social à l'autodétermination",
     "Étudiants éducateurs spécialisés", "Mi-février", "Lyon 3e", "professional_training",
     ["step_free", "hearing_loop"], Stage.ACCEPTED),
    ("ESAT Les Ateliers du Rhône", "esms", "Partager son expérience de l'autodétermination", "Moniteurs d'atelier",
     "Un lundi matin", "Vaulx-en-Velin", "user_expertise", ["step_free", "break_room"], Stage.PREPARATION),
    ("CCAS de Bron", "public_service", "Sensibiliser à l'autodétermination", "Travailleurs sociaux",
     "Octobre", "Bron", "awareness", ["step_free"], Stage.DONE),
    ("Maison de quartier Moncey", "association", "Atelier sur l'autodétermination", "Habitants du quartier",
     "Septembre", "Lyon 3e", "awareness", ["break_room"], Stage.DEBRIEFED),
    ("SAVS Métropole", "esms", "Expertise d'usage sur l'autodétermination", "Équipe du service",
     "Juillet", "Lyon 8e", "user_expertise", ["step_free", "break_room"], Stage.CLOSED),
    ("Lycée professionnel Hélène Boucher", "public_service", "Sensibiliser les élèves", "Élèves de terminale",
     "Juin", "Vénissieux", "awareness", [], Stage.CANCELLED),
]  # fmt: skip
ORDER = [Stage.QUALIFIED, Stage.MATCHING, Stage.PROPOSED, Stage.ACCEPTED, Stage.PREPARATION, Stage.DONE,
         Stage.DEBRIEFED, Stage.CLOSED]  # fmt: skip


def _receipt() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(buffer, "PNG")
    return SimpleUploadedFile("ticket.png", buffer.getvalue(), content_type="image/png")


def seed(stdout=None) -> None:
    if InterventionRequest.objects.filter(organisation_name=REQUESTS[0][0]).exists():
        return
    territory = Territory.objects.filter(name="Rhône").select_related("region").first()
    if territory is None:
        return
    team = (
        RoleAssignment.objects.filter(role=Role.REGIONAL_TEAM, region=territory.region).select_related("user").first()
    )
    plan = (
        FollowUpPlan.objects.filter(
            kind=PlanKind.INTERVENTION_PROJECT,
            status=FollowUpPlan.Status.VALIDATED,
            group__territory__region=territory.region,
        )
        .select_related("trainee")
        .order_by("pk")
        .first()
    )
    if team is None or plan is None:
        return
    team = team.user
    now = timezone.now()
    for organisation, kind, what, audience, dates, place, format_, features, stage in REQUESTS:
        request = services.submit_request(
            actor=None, region=territory.region, territory=territory, organisation_name=organisation,
            organisation_kind=kind, contact_name="Camille Roux", contact_email="contact@partenaire.example",
            what=what, audience=audience, dates_wished=dates, place=place, format=format_,
            expenses_budget=Decimal("120.00"), venue_features=features,
        )  # fmt: skip
        if stage == Stage.CANCELLED:
            services.cancel(actor=team, request=request, reason="Le lycée a changé son calendrier.")
            continue
        if stage == Stage.DECLINED:
            _walk(request, team, plan, Stage.PROPOSED, now)
            proposal = request.proposals.get()
            services.answer_proposal(
                actor=plan.trainee, proposal=proposal, accept=False, reason="Je ne suis pas disponible le mercredi."
            )
            continue
        if stage != Stage.RECEIVED:
            _walk(request, team, plan, stage, now)
    if stdout:
        stdout.write(f"Interventions : {len(REQUESTS)} demandes de partenaires, une à chaque étape.")


def _walk(request, team, plan, stage, now) -> None:
    held = stage in (Stage.DONE, Stage.DEBRIEFED, Stage.CLOSED)
    for step in ORDER[: ORDER.index(stage) + 1]:
        if step == Stage.QUALIFIED:
            services.qualify(actor=team, request=request, comment="Appel avec la structure : besoin précisé.")
        elif step == Stage.MATCHING:
            services.start_matching(actor=team, request=request)
        elif step == Stage.PROPOSED:
            services.propose(actor=team, request=request, plans=[plan], message="Votre projet correspond bien.")
        elif step == Stage.ACCEPTED:
            services.answer_proposal(actor=plan.trainee, proposal=request.proposals.get(), accept=True)
        elif step == Stage.PREPARATION:
            when = now - datetime.timedelta(days=20) if held else now + datetime.timedelta(days=5)
            meeting = services.schedule_request_meeting(
                actor=team, request=request, kind="preparation", starts_at=when, place="Maison des associations"
            )
            if held:
                followup.record_meeting(
                    meeting=meeting, actor=team, attended_ids={plan.trainee_id}, summary="Déroulé préparé ensemble.",
                    summary_visibility="shared",
                )  # fmt: skip
            services.add_expense(
                actor=plan.trainee, request=request, kind="transport", amount="18.60",
                spent_on=timezone.localdate() - datetime.timedelta(days=2), description="Tickets TCL aller-retour",
                receipt=_receipt(),
            )  # fmt: skip
        elif step == Stage.DONE:
            services.mark_done(actor=team, request=request, comment="Intervention tenue, 14 participants.")
            services.give_peer_feedback(
                actor=plan.trainee,
                proposal=request.proposals.get(),
                rating=4,
                comment="Le groupe a posé des questions.",
            )
            services.give_partner_feedback(token=request.feedback_token, rating=4, comment="Très concret, merci.")
        elif step == Stage.DEBRIEFED:
            services.schedule_request_meeting(
                actor=team, request=request, kind="debriefing", starts_at=now - datetime.timedelta(days=3),
                video_url="https://visio.example.org/bilan",
            )  # fmt: skip
            for line in request.expenses.all():
                services.decide_expense(actor=team, line=line, approve=True)
            services.mark_debriefed(actor=team, request=request, comment="Bilan positif, à refaire au printemps.")
        elif step == Stage.CLOSED:
            services.close(actor=team, request=request)
