"""Demo delivery in the Rhône: a peer-interveners group (7) and a referents group (12) with their
schedules over three to four months, one joint session, venues and leaders. Idempotent."""

import datetime

from django.utils import timezone

from courses.models import CoursePage, SessionPage
from lms.cohorts import services
from lms.cohorts.factories import VenueFactory
from lms.cohorts.models import Application, Enrolment, ScheduledSession, SelectionInterview, TrainingGroup
from lms.cohorts.tasks import ensure_convocation_schedule
from lms.people.demo import ORGANISATION_NAME
from lms.people.factories import UserFactory
from lms.people.models import Role, Territory, TrainingOrganisation
from lms.people.services import assign_role

IP_GROUP = "Intervenants-pairs — Rhône"
RP_GROUP = "Référents — Rhône"
SPAN_WEEKS = 14  # about three months and a quarter between the first and the last session

IP_TRAINEES = [("stagiaire@epop.example", "Samia", "Haddad")] + [
    (f"intervenant.pair{n}@epop.example", first, last)
    for n, (first, last) in enumerate(
        [
            ("Karim", "Benoit"),
            ("Lucie", "Fabre"),
            ("Thomas", "Morel"),
            ("Inès", "Garnier"),
            ("Hugo", "Chevalier"),
            ("Maëlle", "Robin"),
        ],
        start=1,
    )
]
RP_TRAINEES = [
    (f"referent{n}@epop.example", first, last, employer)
    for n, (first, last, employer) in enumerate(
        [
            ("Julie", "Masson", "IME Les Platanes"),
            ("Marc", "Lefèvre", "ESAT du Rhône"),
            ("Sophie", "Blanc", "Foyer de vie Les Cèdres"),
            ("Nicolas", "Guerin", "Métropole de Lyon"),
            ("Camille", "Boyer", "SAMSAH Lyon Est"),
            ("Antoine", "Gauthier", "IME Les Platanes"),
            ("Élodie", "Perrot", "Centre hospitalier Le Vinatier"),
            ("David", "Roussel", "ESAT du Rhône"),
            ("Laura", "Noël", "Association Handi-Rhône"),
            ("Julien", "Mercier", "Foyer de vie Les Cèdres"),
            ("Manon", "Dupuis", "Mairie de Villeurbanne"),
            ("Pierre", "Lambert", "SAVS Lyon Sud"),
        ],
        start=1,
    )
]
LEADERS = {
    "ip_trainer": ("formatrice@epop.example", "Fanny", "Roux", Role.TRAINER),
    "ip_peer": ("formateur.pair@epop.example", "Pascal", "Lemoine", Role.PEER_TRAINER),
    "rp_trainer": ("formateur.referents@epop.example", "Olivier", "Marchand", Role.TRAINER),
    "rp_peer": ("formatrice.paire@epop.example", "Nadège", "Colin", Role.PEER_TRAINER),
}
VENUES = [
    {
        "name": "Maison des associations Lyon 3e",
        "address": "28 rue Bonnel",
        "postcode": "69003",
        "city": "Lyon",
        "public_transport": "Métro B, arrêt Place Guichard (250 m, trottoirs abaissés). Bus C9, arrêt Bonnel.",
        "access_notes": "Entrée de plain-pied, ascenseur, boucle magnétique, toilettes adaptées. Salle calme au 1er.",
    },
    {
        "name": "Centre social de la Guillotière",
        "address": "4 place Gabriel Péri",
        "postcode": "69007",
        "city": "Lyon",
        "public_transport": "Métro D et tram T1, arrêt Guillotière (100 m).",
        "access_notes": "Rampe d'accès, ascenseur, places de stationnement réservées devant l'entrée.",
    },
]


def _person(email, first_name, last_name, role):
    user = UserFactory(email=email, first_name=first_name, last_name=last_name)
    assign_role(user, role)
    return user


def _dates(count: int, start: datetime.date) -> list[datetime.date]:
    if count <= 1:
        return [start][:count]
    return [start + datetime.timedelta(weeks=round(i * SPAN_WEEKS / (count - 1))) for i in range(count)]


def _first_session_day() -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(weeks=4)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)  # a Tuesday


def _candidate(group, territory, email, first_name, last_name, employer=""):
    """An accepted, interviewed application (with its charter for referents), enrolled in `group`."""
    user = UserFactory(email=email, first_name=first_name, last_name=last_name)  # with the demo password
    application = Application.objects.filter(email=email, course=group.course).first()
    if application is None:
        application = services.submit_application(
            course=group.course,
            territory=territory,
            first_name=first_name,
            last_name=last_name,
            email=email,
            candidate=user,
            employer_name=employer,
            motivation="Je veux me former pour accompagner les personnes et faire vivre l'intervention par les pairs.",
        )
    if not hasattr(application, "interview"):
        grid = services.INTERVIEW_GRIDS[group.course.audience]
        services.record_interview(
            application,
            interviewer=None,
            held_on=timezone.localdate(),  # not before the application, received just now
            decision=SelectionInterview.Decision.ACCEPTED,
            decision_reason="Profil et motivation en accord avec la grille du kit.",
            **dict.fromkeys(grid, "yes"),
        )
        application.refresh_from_db()
    if group.course.audience == "referents" and application.charter_id is None:
        services.record_charter(
            application,
            employer_name=employer,
            signatory_name="Direction de " + employer,
            signatory_role="Directeur ou directrice",
            signed_on=timezone.localdate() - datetime.timedelta(days=20),
            method="platform",
        )
    if not Enrolment.objects.filter(group=group, application=application).exists():
        services.enrol_application(application, group)


def seed(stdout=None) -> None:
    """Creates the venues, leaders, both groups with their trainees and their schedules."""
    courses = {course.audience: course for course in CoursePage.objects.all()}
    if set(courses) != {"peer_interveners", "referents"}:
        return
    territory = Territory.objects.get(name="Rhône")
    organisation = TrainingOrganisation.objects.get(name=ORGANISATION_NAME)
    venues = [VenueFactory(territory=territory, step_free_access=True, break_room=True, **spec) for spec in VENUES]
    leaders = {key: _person(*spec) for key, spec in LEADERS.items()}
    groups = {}
    for audience, name, trainer, peer in (
        ("peer_interveners", IP_GROUP, "ip_trainer", "ip_peer"),
        ("referents", RP_GROUP, "rp_trainer", "rp_peer"),
    ):
        group = TrainingGroup.objects.filter(name=name).first()
        if group is None:
            group = services.save_group(
                TrainingGroup(
                    name=name,
                    course=courses[audience],
                    territory=territory,
                    organisation=organisation,
                    venue=venues[0],
                    capacity=courses[audience].max_group_size,
                    status=TrainingGroup.Status.RECRUITING,
                ),
                trainers=[leaders[trainer]],
                peer_trainers=[leaders[peer]],
            )
        groups[audience] = group
    for email, first_name, last_name in IP_TRAINEES:
        _candidate(groups["peer_interveners"], territory, email, first_name, last_name)
    for email, first_name, last_name, employer in RP_TRAINEES:
        _candidate(groups["referents"], territory, email, first_name, last_name, employer)
    _schedule(groups, venues, leaders, stdout)
    ensure_convocation_schedule()


def _schedule(groups, venues, leaders, stdout) -> None:
    """One session per curriculum session, in order; the first joint-capable IP session is joint."""
    ip, rp = groups["peer_interveners"], groups["referents"]
    if ScheduledSession.objects.filter(groups__in=[ip, rp]).exists():
        return
    ip_pages = list(SessionPage.objects.child_of(ip.course).live().order_by("path"))
    rp_pages = list(SessionPage.objects.child_of(rp.course).live().order_by("path"))
    if not ip_pages or not rp_pages:
        if stdout:
            stdout.write("Pas de séances du programme : planning de démonstration non créé.")
        return
    start = _first_session_day()
    ip_dates = _dates(len(ip_pages), start)
    joint_index = next((i for i, page in enumerate(ip_pages) if page.can_be_joint), None)
    rp_joint_page = next((page for page in rp_pages if page.can_be_joint), None)
    times = (datetime.time(9, 30), datetime.time(15, 30))
    for index, (page, day) in enumerate(zip(ip_pages, ip_dates, strict=True)):
        joint = index == joint_index
        services.schedule_session(
            services.SessionPlan(
                session_page=page,
                groups=[ip, rp] if joint else [ip],
                date=day,
                start_time=times[0],
                end_time=times[1],
                venue=venues[0],
                trainer=leaders["ip_trainer"],
                peer_trainer=leaders["ip_peer"],
            )
        )
    # The referents' own joint-capable session is covered by the joint one.
    own_rp_pages = [p for p in rp_pages if joint_index is None or p != rp_joint_page]
    thursdays = [
        day + datetime.timedelta(days=2) for day in _dates(len(own_rp_pages) + (joint_index is not None), start)
    ]
    if joint_index is not None:
        joint_day = ip_dates[joint_index]
        thursdays.remove(min(thursdays, key=lambda day: abs((day - joint_day).days)))
    for page, day in zip(own_rp_pages, thursdays, strict=True):
        services.schedule_session(
            services.SessionPlan(
                session_page=page,
                groups=[rp],
                date=day,
                start_time=times[0],
                end_time=times[1],
                venue=venues[1],
                trainer=leaders["rp_trainer"],
                peer_trainer=leaders["rp_peer"],
            )
        )
    for group in (ip, rp):
        days = sorted(ScheduledSession.objects.filter(groups=group).values_list("date", flat=True))
        group.start_date, group.end_date = days[0], days[-1]
        group.save(update_fields=["start_date", "end_date"])
