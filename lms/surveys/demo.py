"""Demo surveys and complaints for the peer interveners' group: an answered hot survey (the demo
trainee still has it to answer in Mes questionnaires), an answered cold survey, a complaint in each
state and two improvement actions. Does nothing without the group; running it again adds nothing."""

import datetime

from django.core.mail import get_connection
from django.utils import timezone

from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup
from lms.people.models import Role, User
from lms.surveys import services
from lms.surveys import services_complaints as complaints
from lms.surveys.kit import ensure_kit_templates
from lms.surveys.models import Complaint, ImprovementAction, Moment
from lms.surveys.tasks import ensure_survey_schedule

IP_GROUP = "Intervenants-pairs — Rhône"
DEMO_TRAINEE_EMAIL = "stagiaire@epop.example"
HOT_ANSWERS = [
    {"seance-globale": "5", "seance-comprehension": "4", "seance-rythme": "4", "seance-accessibilite": "yes",
     "commentaire": "J'ai aimé les échanges en petits groupes."},
    {"seance-globale": "4", "seance-comprehension": "4", "seance-rythme": "3", "seance-accessibilite": "yes"},
    {"seance-globale": "4", "seance-comprehension": "5", "seance-rythme": "2", "seance-accessibilite": "yes",
     "commentaire": "Une pause de plus l'après-midi."},
    {"seance-globale": "5", "seance-comprehension": "3", "seance-rythme": "4", "seance-accessibilite": "no",
     "commentaire": "Les sous-titres de la vidéo manquaient."},
    {"seance-globale": "3", "seance-comprehension": "4", "seance-rythme": "4", "seance-accessibilite": "yes"},
    {"seance-globale": "5", "seance-comprehension": "5", "seance-rythme": "5", "seance-accessibilite": "yes"},
]  # fmt: skip
COLD_ANSWERS = [
    {"mise-en-pratique": "yes", "utilite-pratique": "5", "frein": "Le temps", "accompagnement": "4"},
    {"mise-en-pratique": "yes", "utilite-pratique": "4", "frein": "La confiance en moi", "accompagnement": "5",
     "commentaire": "J'ai animé mon premier atelier au foyer."},
    {"mise-en-pratique": "no", "utilite-pratique": "3", "frein": "Le soutien de ma structure", "accompagnement": "3"},
    {"mise-en-pratique": "yes", "utilite-pratique": "4", "frein": "Rien", "accompagnement": "4"},
    {"mise-en-pratique": "yes", "utilite-pratique": "5", "frein": "Le temps", "accompagnement": "5"},
]  # fmt: skip


def seed(stdout=None) -> None:
    ensure_kit_templates()
    ensure_survey_schedule()
    group = TrainingGroup.objects.filter(name=IP_GROUP).select_related("territory__region").first()
    if group is None:
        if stdout:
            stdout.write("Pas de groupe de démonstration : questionnaires et réclamations non créés.")
        return
    trainees = list(
        User.objects.filter(enrolments__group=group, enrolments__status=Enrolment.Status.ENROLLED).order_by("email")
    )
    regional = User.objects.filter(
        role_assignments__role=Role.REGIONAL_TEAM, role_assignments__region=group.territory.region
    ).first()
    hot = _surveys(group, trainees)
    if regional is not None:
        _complaints(group, trainees, regional, hot)


def _surveys(group, trainees):
    today = timezone.localdate()
    quiet = get_connection("django.core.mail.backends.dummy.EmailBackend")
    session = (
        ScheduledSession.objects.filter(groups=group, date__lt=today).order_by("-date").first()
        or ScheduledSession.objects.filter(groups=group).order_by("date").first()
    )
    hot = services.open_campaign(
        template=services.active_template(moment=Moment.HOT_SESSION),
        group=group,
        session=session,
        people=trainees,
        opened_on=today,
    )
    cold = services.open_campaign(
        template=services.active_template(moment=Moment.COLD), group=group, people=trainees, opened_on=today
    )
    for campaign, answers in ((hot, HOT_ANSWERS), (cold, COLD_ANSWERS)):
        services.send_invitations(campaign=campaign, connection=quiet)
        if campaign.responses.exists():
            continue
        # The demo trainee is left with both questionnaires to answer in "Mes questionnaires".
        respondents = [invitation for invitation in campaign.invitations.select_related("person")
                       if invitation.person.email != DEMO_TRAINEE_EMAIL]  # fmt: skip
        for invitation, answer in zip(respondents, answers, strict=False):
            services.answer_as_person(invitation_id=invitation.pk, answers=answer, actor=invitation.person)
    return hot


def _complaints(group, trainees, regional, hot) -> None:
    if Complaint.objects.filter(group=group).exists():
        return
    today = timezone.localdate()
    trainee = next((t for t in trainees if t.email == DEMO_TRAINEE_EMAIL), trainees[0] if trainees else None)
    received = complaints.file_complaint(
        actor=None,
        channel=Complaint.Channel.PUBLIC_FORM,
        category=Complaint.Category.ADMINISTRATIVE,
        description="Je n'ai pas reçu ma convocation pour la prochaine séance.",
        group=group,
        received_on=today,
    )
    acknowledged = complaints.file_complaint(
        actor=None,
        channel=Complaint.Channel.PHONE,
        category=Complaint.Category.LOGISTICS,
        description="La salle était trop froide le matin.",
        group=group,
        name="Lucie Fabre",
        received_on=today - datetime.timedelta(days=3),
    )
    complaints.acknowledge(complaint=acknowledged, actor=regional)
    answered = complaints.file_complaint(
        actor=trainee,
        channel=Complaint.Channel.MY_SPACE,
        category=Complaint.Category.CONTENT,
        description="Les documents de la séance 2 n'étaient pas en FALC.",
        group=group,
        received_on=today - datetime.timedelta(days=10),
    )
    complaints.acknowledge(complaint=answered, actor=regional)
    complaints.answer_complaint(
        complaint=answered, actor=regional, answer="La version FALC est en ligne dans votre espace depuis lundi."
    )
    closed = complaints.file_complaint(
        actor=None,
        channel=Complaint.Channel.EMAIL,
        category=Complaint.Category.ACCESSIBILITY,
        severity=Complaint.Severity.HIGH,
        description="L'interprète LSF n'est pas venu à la séance 1.",
        group=group,
        name="Karim Benoit",
        email="intervenant.pair1@epop.example",
        received_on=today - datetime.timedelta(days=30),
    )
    complaints.acknowledge(complaint=closed, actor=regional)
    complaints.answer_complaint(
        complaint=closed, actor=regional, answer="Un interprète de remplacement est réservé pour chaque séance."
    )
    complaints.close_complaint(complaint=closed, actor=regional, satisfaction=Complaint.Satisfaction.SATISFIED)
    checked = complaints.create_action(
        actor=regional,
        region=group.territory.region,
        source=ImprovementAction.Source.COMPLAINT,
        complaint=closed,
        finding="Une séance sans interprète LSF.",
        decision="Confirmer chaque interprète la veille par téléphone.",
        title="Appel de confirmation des interprètes à J-1",
        owner=regional,
        due_on=today - datetime.timedelta(days=7),
    )
    complaints.update_action(
        action=checked, actor=regional, status=ImprovementAction.Status.CHECKED, effectiveness="Aucune absence depuis."
    )
    complaints.create_action(
        actor=regional,
        region=group.territory.region,
        source=ImprovementAction.Source.SURVEY,
        campaign=hot,
        finding="Le rythme de l'après-midi est jugé trop dense.",
        decision="Ajouter une pause à 15 h 30.",
        title="Pause supplémentaire l'après-midi",
        owner=regional,
        due_on=today + datetime.timedelta(days=30),
    )
    del received  # received stays in its first state
