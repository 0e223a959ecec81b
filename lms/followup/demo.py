"""Demo follow-up: a peer-interveners group of the Rhône that finished two months ago (the other demo
groups are still ahead), with a plan in each state, an individual meeting held, a person's request
to talk, a network meeting to come and the +3-month answers of the first finished cohort's baseline.
Everything goes through the services; idempotent."""

import datetime

from django.utils import timezone

from courses.models import CoursePage, SessionPage
from lms.cohorts import services as cohorts
from lms.cohorts.models import Enrolment, ScheduledSession, TrainingGroup, Venue
from lms.followup import indicators, services
from lms.followup.models import FollowUpPlan, Meeting
from lms.followup.seed import ensure_indicators
from lms.followup.tasks import ensure_schedules
from lms.people.demo import ORGANISATION_NAME
from lms.people.factories import UserFactory
from lms.people.models import Role, RoleAssignment, Territory, TrainingOrganisation
from lms.people.services import assign_role

FINISHED_GROUP = "Intervenants-pairs — Rhône (promotion terminée)"
FINISHED_DAYS_AGO = 100  # the last session; the +3-month questionnaire has gone out
TRAINEES = [
    ("ancienne.stagiaire1@epop.example", "Nora", "Belkacem"),
    ("ancien.stagiaire2@epop.example", "Yanis", "Moreau"),
    ("ancienne.stagiaire3@epop.example", "Clara", "Vasseur"),
    ("ancien.stagiaire4@epop.example", "Bastien", "Leroy"),
]


def seed(stdout=None) -> None:
    ensure_indicators()
    ensure_schedules()
    course = CoursePage.objects.filter(audience="peer_interveners").first()
    team = (
        RoleAssignment.objects.filter(role=Role.REGIONAL_TEAM, region__territories__name="Rhône")
        .select_related("user")
        .first()
    )
    if course is None or team is None:
        return
    team = team.user
    group = TrainingGroup.objects.filter(name=FINISHED_GROUP).first() or _finished_group(course, stdout)
    if group is None:
        return
    services.open_plans_for_ended_courses()
    plans = list(FollowUpPlan.objects.filter(group=group).select_related("trainee").order_by("trainee__email"))
    if not plans or Meeting.objects.filter(plan__group=group).exists():
        return
    draft, review, validated, reopened = plans[:4]
    services.update_plan(plan=draft, actor=draft.trainee, themes="Vivre avec une déficience visuelle au travail")
    services.update_plan(
        plan=review,
        actor=review.trainee,
        themes="Le rétablissement en santé mentale",
        audiences="Étudiants en travail social, équipes de foyers",
        formats=["awareness", "professional_training"],
        area="Lyon et sa métropole",
        availability="Les mardis et jeudis après-midi",
        intervention_needs="Un temps de pause toutes les heures.",
    )
    services.submit_plan(plan=review, actor=review.trainee)
    for plan, theme in ((validated, "L'autodétermination"), (reopened, "La vie en ESAT")):
        services.update_plan(plan=plan, actor=plan.trainee, themes=theme, formats=["user_expertise"])
        services.submit_plan(plan=plan, actor=plan.trainee)
        services.validate_plan(plan=plan, actor=team)
    services.reopen_plan(plan=reopened, actor=team)
    now = timezone.now()
    held = services.schedule_meeting(
        actor=team, plan=validated, starts_at=now - datetime.timedelta(days=20), place="Maison des associations"
    )
    services.record_meeting(
        meeting=held,
        actor=team,
        attended_ids={validated.trainee_id},
        summary="Premier atelier prévu dans un IME en septembre ; besoin d'un binôme pour la première fois.",
        summary_visibility=Meeting.Visibility.SHARED,
        next_actions=[("Prendre contact avec l'IME Les Platanes", timezone.localdate() - datetime.timedelta(days=3))],
    )
    services.request_meeting(plan=draft, actor=draft.trainee, message="Je voudrais de l'aide pour écrire mon projet.")
    services.schedule_meeting(
        actor=team,
        region=group.territory.region,
        audience="intervention_project",
        plans=plans,
        starts_at=now + datetime.timedelta(days=10),
        video_url="https://visio.example.org/reseau-ip-rhone",
        title="Réseau des intervenants-pairs du Rhône",
    )
    # The end-of-training baseline, then the +3-month answers.
    for plan in plans:
        for milestone, values in (
            ("end", {"interventions_done": 0, "able_to_share_experience": "2", "employment_status": "En ESAT"}),
            ("3m", {"interventions_done": 2, "able_to_share_experience": "3", "volunteering": "yes"}),
        ):
            questionnaire = indicators.open_questionnaire_for_team(plan=plan, milestone=milestone, actor=team)
            if plan is not draft or milestone == "end":
                indicators.answer_questionnaire(questionnaire=questionnaire, actor=plan.trainee, values=values)
    if stdout:
        stdout.write(f"Suivi : {len(plans)} plans de suivi dans « {FINISHED_GROUP} ».")


def seed_finished_group(stdout=None) -> None:
    """The finished group alone (see lms.followup.demo_group)."""
    course = CoursePage.objects.filter(audience="peer_interveners").first()
    if course is not None:
        _finished_group(course, stdout)


def _finished_group(course, stdout) -> TrainingGroup | None:
    """The finished group with its past schedule and trainees (created once, through the services)."""
    group = TrainingGroup.objects.filter(name=FINISHED_GROUP).first()
    if group is not None:
        return group
    pages = list(SessionPage.objects.child_of(course).live().order_by("path"))
    if not pages:
        return None
    territory = Territory.objects.get(name="Rhône")
    group = cohorts.save_group(
        TrainingGroup(
            name=FINISHED_GROUP,
            course=course,
            territory=territory,
            organisation=TrainingOrganisation.objects.get(name=ORGANISATION_NAME),
            capacity=course.max_group_size,
            status=TrainingGroup.Status.RUNNING,
        )
    )
    venue = Venue.objects.filter(territory=territory).order_by("pk").first()
    last = timezone.localdate() - datetime.timedelta(days=FINISHED_DAYS_AGO)
    days = [last - datetime.timedelta(weeks=2 * (len(pages) - 1 - index)) for index in range(len(pages))]
    for page, day in zip(pages, days, strict=True):
        cohorts.schedule_session(
            cohorts.SessionPlan(
                session_page=page,
                groups=[group],
                date=day,
                start_time=datetime.time(9, 30),
                end_time=datetime.time(15, 30),
                venue=venue,
            )
        )
    for email, first_name, last_name in TRAINEES:
        trainee = UserFactory(email=email, first_name=first_name, last_name=last_name)
        assign_role(trainee, Role.TRAINEE)
        if not Enrolment.objects.filter(group=group, trainee=trainee).exists():
            cohorts.enrol(group, trainee)
    sessions = ScheduledSession.objects.filter(groups=group).order_by("date")
    group.start_date, group.end_date = sessions.first().date, sessions.last().date
    group.status = TrainingGroup.Status.FINISHED
    cohorts.save_group(group)
    return group
