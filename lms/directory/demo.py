"""Demo directory: published entries of peer interveners and referents grown from validated follow-up
plans (the Rhône group of lms.followup.demo, and two groups of the Isère that finished in the spring),
and one entry waiting for the team's review. Everything goes through the services; idempotent."""

import datetime

from django.utils import timezone

from courses.models import CoursePage, SessionPage
from lms.cohorts import demo as cohorts_demo
from lms.cohorts import services as cohorts
from lms.cohorts.models import ScheduledSession, TrainingGroup, Venue
from lms.directory import services
from lms.directory.models import DirectoryEntry
from lms.directory.selectors import KIND_FOR_PLAN
from lms.directory.tasks import ensure_schedules
from lms.followup import services as followup
from lms.followup.demo import FINISHED_GROUP
from lms.followup.models import FollowUpPlan, PlanKind
from lms.people.demo import ORGANISATION_NAME
from lms.people.models import Role, RoleAssignment, Territory, TrainingOrganisation, User
from lms.people.services import assign_role

FINISHED_DAYS_AGO = 120
# (group name, course audience, [(e-mail, first name, last name, plan, entry choices, published?)]).
GROUPS = [
    (
        "Intervenants-pairs — Isère (promotion terminée)",
        "peer_interveners",
        [
            (
                "ancien.stagiaire.isere1@epop.example",
                "Malik",
                "Ferrand",
                {
                    "themes": "Vivre avec une surdité, la communication en LSF",
                    "audiences": "Équipes hospitalières, écoles d'infirmiers",
                    "formats": ["awareness", "professional_training"],
                    "area": "Grenoble et le Grésivaudan",
                },
                {
                    "name_display": "full_name",
                    "show_languages": True,
                    "languages": ["lsf", "fr"],
                    "text": "Sourd de naissance, je forme les soignants à accueillir les patients sourds.",
                    "text_easy_read": "Je suis sourd. J'explique aux soignants comment parler avec moi.",
                },
                True,
            ),
            (
                "ancienne.stagiaire.isere2@epop.example",
                "Inès",
                "Garnier",
                {
                    "themes": "Le handicap psychique et l'emploi",
                    "audiences": "Entreprises, services des ressources humaines",
                    "formats": ["user_expertise", "co_design"],
                    "area": "Isère, à distance aussi",
                },
                {"show_audiences": False, "text": "Je partage mon parcours de retour à l'emploi."},
                False,  # waits for the team's review
            ),
        ],
    ),
    (
        "Référents — Isère (promotion terminée)",
        "referents",
        [
            (
                "referente.isere1@epop.example",
                "Sophie",
                "Aubert",
                {"workplace": "esms", "workplace_context": "Foyer d'accueil médicalisé, 40 résidents."},
                {
                    "name_display": "full_name",
                    "themes": "Faire une place aux pairs-aidants dans un foyer",
                    "audiences": "Directions et équipes d'ESMS",
                    "area": "Nord-Isère",
                    "text": "Référente dans un FAM, j'accompagne les équipes qui accueillent un pair-aidant.",
                },
                True,
            ),
            (
                "referent.isere2@epop.example",
                "Karim",
                "Lopez",
                {"workplace": "public_service", "workplace_context": "Service autonomie du département."},
                {
                    "themes": "L'intervention par les pairs dans un service public",
                    "audiences": "Services publics, collectivités",
                    "area": "Isère",
                },
                True,
            ),
        ],
    ),
]
NORA = "ancienne.stagiaire1@epop.example"


def seed(stdout=None) -> None:
    ensure_schedules()
    team = (
        RoleAssignment.objects.filter(role=Role.REGIONAL_TEAM, region__territories__name="Isère")
        .select_related("user")
        .first()
    )
    if team is None:
        return
    team = team.user
    published = 0
    for name, audience, people in GROUPS:
        course = CoursePage.objects.filter(audience=audience).first()
        group = course and _finished_group(course, name, [(email, first, last) for email, first, last, *_ in people])
        if group is None:
            continue
        followup.open_plans_for_ended_courses()
        for email, _first, _last, plan_fields, choices, publish in people:
            plan = FollowUpPlan.objects.filter(group=group, trainee__email=email).select_related("trainee").first()
            if plan is None:
                continue
            _validate(plan, plan_fields, team)
            published += _entry(plan, team, choices, publish=publish)
    # Nora's project, validated in the follow-up demo (Rhône).
    nora = FollowUpPlan.objects.filter(
        group__name=FINISHED_GROUP, trainee__email=NORA, status=FollowUpPlan.Status.VALIDATED
    ).first()
    if nora is not None:
        choices = {
            "audiences": "Étudiants en travail social, familles",
            "area": "Lyon",
            "text": "J'ai appris à décider pour moi ; j'aide les autres à le faire.",
            "text_easy_read": "Je décide pour moi. J'aide les autres à décider.",
        }
        published += _entry(nora, team, choices, publish=True)
    if stdout:
        stdout.write(f"Annuaire : {published} fiches publiées.")


def seed_groups(stdout=None) -> None:
    """The finished groups of the Isère alone (see lms.directory.demo_groups)."""
    for name, audience, people in GROUPS:
        course = CoursePage.objects.filter(audience=audience).first()
        if course is not None:
            _finished_group(course, name, [(email, first, last) for email, first, last, *_ in people])


def _validate(plan: FollowUpPlan, fields: dict, team) -> None:
    """Writes, submits and validates the person's plan, once."""
    if plan.status != FollowUpPlan.Status.DRAFT or plan.versions.exists():
        return
    followup.update_plan(plan=plan, actor=plan.trainee, **fields)
    if plan.kind == PlanKind.ACTION_PLAN:
        followup.save_action(
            plan=plan, actor=plan.trainee, title="Présenter l'intervention par les pairs au conseil de la vie sociale"
        )
    followup.submit_plan(plan=plan, actor=plan.trainee)
    followup.validate_plan(plan=plan, actor=team)


def _entry(plan: FollowUpPlan, team, choices: dict, *, publish: bool) -> int:
    """The person's entry with their choices, sent and (when `publish`) published, once."""
    existing = DirectoryEntry.objects.filter(person=plan.trainee, kind=KIND_FOR_PLAN[plan.kind]).first()
    if existing is not None:
        return int(existing.status == DirectoryEntry.Status.PUBLISHED)
    entry = services.start_entry(actor=plan.trainee, plan=plan)
    services.update_entry(actor=plan.trainee, entry=entry, **choices)
    services.submit_entry(actor=plan.trainee, entry=entry, consent=True)
    if not publish:
        return 0
    services.publish_entry(actor=team, entry=entry)
    return 1


def _finished_group(course, name: str, people) -> TrainingGroup | None:
    """A group of the Isère whose course ended months ago, with its trainees (created once)."""
    group = TrainingGroup.objects.filter(name=name).first()
    if group is not None:
        return group
    pages = list(SessionPage.objects.child_of(course).live().order_by("path"))
    territory = Territory.objects.filter(name="Isère").first()
    if not pages or territory is None:
        return None
    group = cohorts.save_group(
        TrainingGroup(
            name=name,
            course=course,
            territory=territory,
            organisation=TrainingOrganisation.objects.get(name=ORGANISATION_NAME),
            capacity=course.max_group_size,
            status=TrainingGroup.Status.RUNNING,
        )
    )
    venue = Venue.objects.filter(territory=territory).order_by("pk").first()
    last = timezone.localdate() - datetime.timedelta(days=FINISHED_DAYS_AGO)
    for index, page in enumerate(pages):
        cohorts.schedule_session(
            cohorts.SessionPlan(
                session_page=page,
                groups=[group],
                date=last - datetime.timedelta(weeks=2 * (len(pages) - 1 - index)),
                start_time=datetime.time(9, 30),
                end_time=datetime.time(15, 30),
                venue=venue,
                remote_url="" if venue else "https://visio.example.org/formation-isere",
            )
        )
    for email, first_name, last_name in people:
        # Through the selection, as every demo trainee (a referent's employer signs the charter).
        employer = "FAM Les Tilleuls" if course.audience == "referents" else ""
        cohorts_demo._candidate(group, territory, email, first_name, last_name, employer)
        assign_role(User.objects.get(email=email), Role.TRAINEE)
    sessions = ScheduledSession.objects.filter(groups=group).order_by("date")
    group.start_date, group.end_date = sessions.first().date, sessions.last().date
    group.status = TrainingGroup.Status.FINISHED
    cohorts.save_group(group)
    return group
