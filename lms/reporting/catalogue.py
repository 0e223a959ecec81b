"""The metric catalogue: each indicator defined once, as data (code, French label and definition,
numerator and denominator, unit, what it maps to), and computed by aggregate queries over a scope.

Every dashboard, export and report reads these definitions, so regional and national figures
always agree. The computation runs one aggregate query per source table, grouped by training group,
whatever the number of groups (no per-group loop), then rolls the group figures up in Python to the
dimension asked for (region, territory, organisation, course, group) and to the total.

Small counts: a figure describing fewer than 5 people (1 to 4) is hidden and shown "< 5" in every
page and export; a rate is hidden when the people it describes are fewer than 5 (`Cell.display`).
"""

from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accessibility.models import ArrangementLine
from courses.models import CoursePage
from lms.attendance.models import ABSENT_STATUSES, ATTENDING_STATUSES, AttendanceRecord, CatchUp
from lms.certificates.models import Certificate
from lms.cohorts.models import Application, Enrolment, TrainingGroup
from lms.followup.models import Milestone, Questionnaire
from lms.learning.models import Assignment, Level, ObjectiveAssessment, Submission
from lms.people.models import Region, Territory, TrainingOrganisation
from lms.surveys.models import Invitation

# Fewer people than this in a cell: the figure is hidden.
SMALL_COUNT = 5
HIDDEN = "< 5"
NOT_APPLICABLE = "—"

# What an indicator maps to (one lazy string each, so that lists can be picked by identity).
QUALIOPI_2 = _("Qualiopi indicateur 2")
FUNDER_LINE = _("Suivi du financeur")

COUNT = "count"
PERCENT = "percent"

# The dimensions a table may be broken down by: the group's field that carries it.
REGION, TERRITORY, ORGANISATION, COURSE, GROUP = "region", "territory", "organisation", "course", "group"
DIMENSION_FIELDS = {
    REGION: "territory__region_id",
    TERRITORY: "territory_id",
    ORGANISATION: "organisation_id",
    COURSE: "course_id",
    GROUP: "id",
}
DIMENSION_LABELS = {
    REGION: _("Région"),
    TERRITORY: _("Territoire"),
    ORGANISATION: _("Organisme de formation"),
    COURSE: _("Formation"),
    GROUP: _("Groupe"),
}
# Applications are made for a course in a territory, before any group: they roll up to these only.
APPLICATION_DIMENSIONS = {REGION, TERRITORY, COURSE}


# The follow-up questionnaires whose answers are counted, by the code of their milestone.
FOLLOW_UP_MILESTONES = {"3m": Milestone.THREE_MONTHS, "6m": Milestone.SIX_MONTHS, "12m": Milestone.TWELVE_MONTHS}


@dataclass(frozen=True)
class Measure:
    """A raw count the indicators are built from; `people` when it counts persons (small counts hidden)."""

    code: str
    people: bool


MEASURES = {
    m.code: m
    for m in [
        Measure("groups", people=False),
        Measure("places", people=False),
        Measure("applications", people=True),
        Measure("interviews", people=True),
        Measure("enrolled", people=True),
        Measure("withdrawn", people=True),
        Measure("started", people=True),  # enrolled or withdrawn: everyone who took a place
        Measure("half_days", people=False),
        Measure("attended", people=False),
        Measure("absences", people=False),
        Measure("catchups_opened", people=True),
        Measure("catchups_completed", people=True),
        Measure("work_expected", people=False),
        Measure("work_returned", people=False),
        Measure("certificates", people=True),
        # Final evaluations, one per trainee and objective: by the trainers, and by the trainee herself.
        Measure("objectives_observed", people=False),
        Measure("objectives_observed_reached", people=False),
        Measure("objectives_self", people=False),
        Measure("objectives_self_reached", people=False),
        # An arrangement line serves one to a few people with a need: counted as people, so that a
        # line for one person in a small group is never shown.
        Measure("arrangement_lines", people=True),
        Measure("arrangements_confirmed", people=True),
        *(
            Measure(f"followup_{kind}_{milestone}", people=True)
            for milestone in FOLLOW_UP_MILESTONES
            for kind in ("sent", "answered")
        ),
        Measure("survey_invited", people=True),
        Measure("survey_answered", people=True),
    ]
}


@dataclass(frozen=True)
class Indicator:
    """One indicator of the catalogue. A count reads `numerator`; a rate divides it by `denominator`.
    `population` is the measure counting the people a rate describes (hidden under 5)."""

    code: str
    label: str
    definition: str
    unit: str
    numerator: str
    maps_to: str
    denominator: str = ""
    population: str = ""
    numerator_label: str = ""
    denominator_label: str = ""
    # The easy-to-read (FALC) wording, for the results people choosing a course read.
    easy_read: str = ""

    def value(self, measures: dict) -> float | int | None:
        numerator = measures.get(self.numerator)
        if self.unit == COUNT:
            return numerator
        denominator = measures.get(self.denominator)
        if numerator is None or not denominator:
            return None
        return 100 * numerator / denominator

    def people_described(self, measures: dict) -> int | None:
        """How many people the cell describes, or None when it counts no persons."""
        code = self.population or (self.numerator if self.unit == COUNT else "")
        if not code or not MEASURES[code].people:
            return None
        return measures.get(code)


INDICATORS = [
    Indicator(
        code="groups",
        label=_("Groupes"),
        definition=_("Nombre de groupes de formation du périmètre (hors groupes annulés)."),
        unit=COUNT,
        numerator="groups",
        numerator_label=_("groupes"),
        maps_to=FUNDER_LINE,
    ),
    Indicator(
        code="places",
        label=_("Places offertes"),
        definition=_("Somme des places des groupes, au plus la taille maximale de la formation (8 ou 15)."),
        unit=COUNT,
        numerator="places",
        numerator_label=_("places"),
        maps_to=FUNDER_LINE,
    ),
    Indicator(
        code="fill_rate",
        label=_("Taux de remplissage"),
        definition=_("Stagiaires inscrits rapportés aux places offertes par les groupes."),
        unit=PERCENT,
        numerator="enrolled",
        denominator="places",
        population="enrolled",
        numerator_label=_("stagiaires inscrits"),
        denominator_label=_("places offertes"),
        maps_to=FUNDER_LINE,
    ),
    Indicator(
        code="applications",
        label=_("Candidatures"),
        definition=_("Candidatures reçues pour la formation dans le territoire, sur l'année de réception."),
        unit=COUNT,
        numerator="applications",
        numerator_label=_("candidatures reçues"),
        maps_to=_("Parcours d'entrée (entonnoir)"),
    ),
    Indicator(
        code="interviews",
        label=_("Entretiens"),
        definition=_("Candidatures qui ont eu leur entretien de sélection."),
        unit=COUNT,
        numerator="interviews",
        numerator_label=_("entretiens de sélection"),
        maps_to=_("Parcours d'entrée (entonnoir)"),
    ),
    Indicator(
        code="enrolled",
        label=_("Inscrits"),
        definition=_("Stagiaires inscrits dans un groupe (hors liste d'attente et désistements)."),
        unit=COUNT,
        numerator="enrolled",
        numerator_label=_("stagiaires inscrits"),
        maps_to=_("BPF — stagiaires accueillis"),
    ),
    Indicator(
        code="certificates",
        label=_("Parcours terminés"),
        definition=_("Certificats de réalisation délivrés et non révoqués."),
        unit=COUNT,
        numerator="certificates",
        numerator_label=_("certificats délivrés"),
        easy_read=_("Le nombre de personnes qui ont fini la formation. Elles ont reçu un certificat."),
        maps_to=QUALIOPI_2,
    ),
    Indicator(
        code="completion_rate",
        label=_("Taux de réalisation"),
        definition=_("Certificats de réalisation délivrés rapportés aux stagiaires inscrits."),
        unit=PERCENT,
        numerator="certificates",
        denominator="enrolled",
        population="enrolled",
        numerator_label=_("certificats délivrés"),
        denominator_label=_("stagiaires inscrits"),
        easy_read=_("Sur 100 personnes inscrites, combien ont fini la formation."),
        maps_to=QUALIOPI_2,
    ),
    Indicator(
        code="attendance_rate",
        label=_("Taux d'assiduité"),
        definition=_(
            "Demi-journées suivies (présent, en retard, parti plus tôt) rapportées aux demi-journées "
            "où la présence a été relevée."
        ),
        unit=PERCENT,
        numerator="attended",
        denominator="half_days",
        population="started",
        numerator_label=_("demi-journées suivies"),
        denominator_label=_("demi-journées relevées"),
        easy_read=_("Sur 100 demi-journées de formation, combien de demi-journées les personnes étaient là."),
        maps_to=QUALIOPI_2,
    ),
    Indicator(
        code="absences",
        label=_("Absences"),
        definition=_("Demi-journées d'absence, justifiée ou non."),
        unit=COUNT,
        numerator="absences",
        population="started",
        numerator_label=_("demi-journées d'absence"),
        maps_to=FUNDER_LINE,
    ),
    Indicator(
        code="catchups_opened",
        label=_("Rattrapages ouverts"),
        definition=_("Rattrapages en ligne ouverts après une absence (un par stagiaire et par séance)."),
        unit=COUNT,
        numerator="catchups_opened",
        numerator_label=_("rattrapages ouverts"),
        maps_to=FUNDER_LINE,
    ),
    Indicator(
        code="catchups_completed",
        label=_("Rattrapages terminés"),
        definition=_("Rattrapages ouverts que le stagiaire a terminés."),
        unit=COUNT,
        numerator="catchups_completed",
        numerator_label=_("rattrapages terminés"),
        maps_to=FUNDER_LINE,
    ),
    Indicator(
        code="work_returned_rate",
        label=_("Travaux intersession rendus"),
        definition=_("Réponses rendues (ou relues) rapportées aux travaux attendus des stagiaires inscrits."),
        unit=PERCENT,
        numerator="work_returned",
        denominator="work_expected",
        population="enrolled",
        numerator_label=_("réponses rendues"),
        denominator_label=_("réponses attendues"),
        easy_read=_("Entre 2 séances, il y a un travail à faire. Sur 100 travaux demandés, combien sont rendus."),
        maps_to=QUALIOPI_2,
    ),
    Indicator(
        code="dropouts",
        label=_("Abandons"),
        definition=_("Inscriptions désistées après avoir obtenu une place."),
        unit=COUNT,
        numerator="withdrawn",
        numerator_label=_("inscriptions désistées"),
        easy_read=_("Le nombre de personnes qui ont arrêté la formation avant la fin."),
        maps_to=QUALIOPI_2,
    ),
    Indicator(
        code="dropout_rate",
        label=_("Taux d'abandon"),
        definition=_("Inscriptions désistées rapportées aux places obtenues (inscrits et désistés)."),
        unit=PERCENT,
        numerator="withdrawn",
        denominator="started",
        population="started",
        numerator_label=_("inscriptions désistées"),
        denominator_label=_("places obtenues"),
        easy_read=_("Sur 100 personnes qui ont commencé, combien ont arrêté avant la fin."),
        maps_to=QUALIOPI_2,
    ),
    Indicator(
        code="objectives_reached_observed",
        label=_("Objectifs atteints (formateurs)"),
        definition=_(
            "Objectifs évalués « acquis » ou « maîtrisé » par les formateurs à l'évaluation finale, rapportés "
            "aux objectifs évalués à ce moment-là."
        ),
        unit=PERCENT,
        numerator="objectives_observed_reached",
        denominator="objectives_observed",
        population="enrolled",
        numerator_label=_("objectifs atteints"),
        denominator_label=_("objectifs évalués"),
        easy_read=_(
            "À la fin, les formateurs disent ce que la personne sait faire. Sur 100 objectifs, combien sont atteints."
        ),
        maps_to=QUALIOPI_2,
    ),
    Indicator(
        code="objectives_reached_self",
        label=_("Objectifs atteints (auto-évaluation)"),
        definition=_(
            "Objectifs que les stagiaires disent « acquis » ou « maîtrisé » à leur évaluation finale, rapportés "
            "aux objectifs qu'ils ont évalués à ce moment-là."
        ),
        unit=PERCENT,
        numerator="objectives_self_reached",
        denominator="objectives_self",
        population="enrolled",
        numerator_label=_("objectifs atteints"),
        denominator_label=_("objectifs évalués"),
        easy_read=_("À la fin, la personne dit ce qu'elle sait faire. Sur 100 objectifs, combien sont atteints."),
        maps_to=QUALIOPI_2,
    ),
    Indicator(
        code="arrangements_confirmed_rate",
        label=_("Aménagements confirmés"),
        definition=_(
            "Aménagements encore nécessaires des séances (interprétation, vélotypie, accompagnement…) confirmés "
            "par le prestataire ou réalisés, rapportés à tous ces aménagements. Un aménagement d'une séance "
            "commune compte dans chacun de ses groupes."
        ),
        unit=PERCENT,
        numerator="arrangements_confirmed",
        denominator="arrangement_lines",
        population="arrangement_lines",
        numerator_label=_("aménagements confirmés"),
        denominator_label=_("aménagements à prévoir"),
        maps_to=FUNDER_LINE,
    ),
    *(
        Indicator(
            code=f"followup_answered_{code}",
            label=label,
            definition=definition,
            unit=PERCENT,
            numerator=f"followup_answered_{code}",
            denominator=f"followup_sent_{code}",
            population=f"followup_sent_{code}",
            numerator_label=_("questionnaires répondus"),
            denominator_label=_("questionnaires envoyés"),
            maps_to=FUNDER_LINE,
        )
        for code, label, definition in [
            (
                "3m",
                _("Suivi à 3 mois : réponses"),
                _("Questionnaires de suivi à 3 mois auxquels la personne a répondu, rapportés à ceux envoyés."),
            ),
            (
                "6m",
                _("Suivi à 6 mois : réponses"),
                _("Questionnaires de suivi à 6 mois auxquels la personne a répondu, rapportés à ceux envoyés."),
            ),
            (
                "12m",
                _("Suivi à 12 mois : réponses"),
                _("Questionnaires de suivi à 12 mois auxquels la personne a répondu, rapportés à ceux envoyés."),
            ),
        ]
    ),
    Indicator(
        code="survey_response_rate",
        label=_("Réponses aux questionnaires de satisfaction"),
        definition=_(
            "Personnes invitées à un questionnaire de satisfaction qui y ont répondu, rapportées aux invitées."
        ),
        unit=PERCENT,
        numerator="survey_answered",
        denominator="survey_invited",
        population="survey_invited",
        numerator_label=_("réponses"),
        denominator_label=_("invitations"),
        maps_to=FUNDER_LINE,
    ),
]
BY_CODE = {indicator.code: indicator for indicator in INDICATORS}
# The results a training organisation publishes for Qualiopi indicator 2, per course.
QUALIOPI_INDICATORS = [indicator for indicator in INDICATORS if indicator.maps_to is QUALIOPI_2]
# The funnel, in order: applications → interviews → enrolments → completions.
FUNNEL = ["applications", "interviews", "enrolled", "certificates"]
# The columns of the comparison tables.
TABLE_COLUMNS = [
    "groups",
    "places",
    "enrolled",
    "fill_rate",
    "attendance_rate",
    "absences",
    "catchups_opened",
    "catchups_completed",
    "work_returned_rate",
    "certificates",
    "dropouts",
]


@dataclass(frozen=True)
class Scope:
    """The groups a figure covers. `regions`/`organisations`: the viewer's reach (None for every
    one); the rest are the filters chosen (None when not chosen)."""

    regions: frozenset | None = None
    organisations: frozenset | None = None
    year: int | None = None
    region: int | None = None
    course: int | None = None
    territory: int | None = None
    organisation: int | None = None
    group: int | None = None
    search: str = ""

    def groups(self) -> QuerySet:
        groups = TrainingGroup.objects.exclude(status=TrainingGroup.Status.CANCELLED)
        if self.regions is not None:
            groups = groups.filter(territory__region_id__in=self.regions)
        if self.organisations is not None:
            groups = groups.filter(organisation_id__in=self.organisations)
        for value, lookup in [
            (self.year, "start_date__year"),
            (self.region, "territory__region_id"),
            (self.course, "course_id"),
            (self.territory, "territory_id"),
            (self.organisation, "organisation_id"),
            (self.group, "pk"),
        ]:
            if value is not None:
                groups = groups.filter(**{lookup: value})
        if self.search:
            groups = groups.filter(name__icontains=self.search)
        return groups

    @property
    def counts_applications(self) -> bool:
        """Applications belong to no organisation or group: they are counted only where neither is set."""
        return self.organisations is None and self.organisation is None and self.group is None and not self.search

    def applications(self) -> QuerySet:
        applications = Application.objects.all()
        if self.regions is not None:
            applications = applications.filter(territory__region_id__in=self.regions)
        for value, lookup in [
            (self.year, "created_at__year"),
            (self.region, "territory__region_id"),
            (self.course, "course_id"),
            (self.territory, "territory_id"),
        ]:
            if value is not None:
                applications = applications.filter(**{lookup: value})
        return applications


@dataclass
class Cell:
    indicator: Indicator
    value: float | int | None
    people: int | None

    @property
    def hidden(self) -> bool:
        return self.people is not None and 0 < self.people < SMALL_COUNT

    @property
    def display(self) -> str:
        """The cell as every page and export shows it: "< 5" under 5 people, "—" when not applicable."""
        if self.hidden:
            return HIDDEN
        if self.value is None:
            return NOT_APPLICABLE
        if self.indicator.unit == PERCENT:
            return f"{round(self.value)} %"
        return str(self.value)

    @property
    def number(self) -> float | int | None:
        """The figure for charts and spreadsheets; None when hidden or not applicable."""
        if self.hidden or self.value is None:
            return None
        return round(self.value) if self.indicator.unit == PERCENT else self.value


@dataclass
class Row:
    key: int | None
    label: str
    measures: dict = field(default_factory=dict)

    def cell(self, code: str) -> Cell:
        indicator = BY_CODE[code]
        return Cell(indicator, indicator.value(self.measures), indicator.people_described(self.measures))

    def cells(self, codes=None) -> list[Cell]:
        return [self.cell(code) for code in codes or TABLE_COLUMNS]


# The group each source table is grouped by: not a measure.
GROUP_PATHS = {
    "group_id",
    "slot__session__groups",
    "session__groups",
    "assignment__group_id",
    "plan__session__groups",
    "plan__group_id",
    "campaign__group_id",
}


def _per_group(queryset, group_path: str, **aggregates) -> dict[int, dict]:
    rows = queryset.values(group_path).annotate(**aggregates).order_by()
    return {row[group_path]: row for row in rows}


def group_measures(groups: QuerySet) -> dict[int, dict]:
    """Every measure of every group of `groups`, by group id: one aggregate query per source table."""
    enrolled, withdrawn = Enrolment.Status.ENROLLED, Enrolment.Status.WITHDRAWN
    returned = [Submission.Status.SUBMITTED, Submission.Status.REVIEWED]
    observed, self_assessed = ObjectiveAssessment.Assessor.TRAINERS, ObjectiveAssessment.Assessor.SELF
    confirmed = [ArrangementLine.Status.CONFIRMED, ArrangementLine.Status.PROVIDED]
    sources = [
        _per_group(
            Enrolment.objects.filter(group__in=groups),
            "group_id",
            enrolled=Count("pk", filter=Q(status=enrolled)),
            withdrawn=Count("pk", filter=Q(status=withdrawn)),
            started=Count("pk", filter=Q(status__in=[enrolled, withdrawn])),
        ),
        # A joint session has several groups: a record counts for the group the trainee is enrolled in.
        _per_group(
            AttendanceRecord.objects.filter(
                slot__session__groups__in=groups, slot__session__groups__enrolments__trainee=F("trainee")
            ),
            "slot__session__groups",
            half_days=Count("pk"),
            attended=Count("pk", filter=Q(status__in=ATTENDING_STATUSES)),
            absences=Count("pk", filter=Q(status__in=ABSENT_STATUSES)),
        ),
        _per_group(
            CatchUp.objects.filter(session__groups__in=groups, session__groups__enrolments__trainee=F("trainee")),
            "session__groups",
            catchups_opened=Count("pk"),
            catchups_completed=Count("pk", filter=Q(completed_at__isnull=False)),
        ),
        _per_group(
            Assignment.objects.filter(group__in=groups, group__enrolments__status=enrolled),
            "group_id",
            work_expected=Count("group__enrolments"),
        ),
        _per_group(
            Submission.objects.filter(assignment__group__in=groups, status__in=returned),
            "assignment__group_id",
            work_returned=Count("pk"),
        ),
        _per_group(
            Certificate.objects.filter(group__in=groups, revoked_at__isnull=True),
            "group_id",
            certificates=Count("pk"),
        ),
        _per_group(
            ObjectiveAssessment.objects.filter(group__in=groups, kind=ObjectiveAssessment.Kind.FINAL),
            "group_id",
            objectives_observed=Count("pk", filter=Q(assessor=observed)),
            objectives_observed_reached=Count("pk", filter=Q(assessor=observed, level__gte=Level.ACQUIRED)),
            objectives_self=Count("pk", filter=Q(assessor=self_assessed)),
            objectives_self_reached=Count("pk", filter=Q(assessor=self_assessed, level__gte=Level.ACQUIRED)),
        ),
        _per_group(
            ArrangementLine.objects.filter(plan__session__groups__in=groups, still_needed=True),
            "plan__session__groups",
            arrangement_lines=Count("pk"),
            arrangements_confirmed=Count("pk", filter=Q(status__in=confirmed)),
        ),
        _per_group(
            Questionnaire.objects.filter(plan__group__in=groups, sent_at__isnull=False),
            "plan__group_id",
            **{
                f"followup_{kind}_{code}": Count("pk", filter=Q(milestone=milestone, **extra))
                for code, milestone in FOLLOW_UP_MILESTONES.items()
                for kind, extra in (("sent", {}), ("answered", {"answered_at__isnull": False}))
            },
        ),
        _per_group(
            Invitation.objects.filter(campaign__group__in=groups, sent_at__isnull=False),
            "campaign__group_id",
            survey_invited=Count("pk"),
            survey_answered=Count("pk", filter=Q(answered=True)),
        ),
    ]
    measures: dict[int, dict] = {}
    for source in sources:
        for group_id, row in source.items():
            figures = measures.setdefault(group_id, {})
            for key, value in row.items():
                if key not in GROUP_PATHS:
                    figures[key] = value
    return measures


LABEL_SOURCES = {
    REGION: (Region, "name"),
    TERRITORY: (Territory, "name"),
    ORGANISATION: (TrainingOrganisation, "name"),
    COURSE: (CoursePage, "title"),
    GROUP: (TrainingGroup, "name"),
}


@dataclass
class Breakdown:
    """A table of the catalogue over a scope: one row per value of `dimension`, and the total."""

    dimension: str
    rows: list[Row]
    total: Row

    @property
    def dimension_label(self) -> str:
        return DIMENSION_LABELS[self.dimension]


def breakdown(scope: Scope, dimension: str, *, keys: list[int] | None = None) -> Breakdown:
    """The catalogue's measures over `scope`, by `dimension` (restricted to `keys` when given, e.g.
    one page of groups); the total always covers the whole scope. A constant number of queries."""
    dimension_field = DIMENSION_FIELDS[dimension]
    groups = scope.groups()
    group_rows = list(groups.values("id", "capacity", *{f for d, f in DIMENSION_FIELDS.items() if d != GROUP}))
    per_group = group_measures(groups)
    application_rows = []
    if scope.counts_applications:
        application_rows = list(
            scope.applications()
            .values("territory_id", "territory__region_id", "course_id")
            .annotate(applications=Count("pk"), interviews=Count("interview"))
            .order_by()
        )
    zero = {code: 0 for code in MEASURES}
    if not scope.counts_applications:
        zero["applications"] = zero["interviews"] = None
    total = Row(key=None, label=str(_("Total")), measures=dict(zero))
    by_key: dict[int, dict] = {}
    for group in group_rows:
        key = group[dimension_field]
        if keys is not None and key not in keys:
            key = None
        figures = {"groups": 1, "places": group["capacity"], **per_group.get(group["id"], {})}
        targets = [total.measures] + ([by_key.setdefault(key, dict(zero))] if key is not None else [])
        for target in targets:
            for code, value in figures.items():
                target[code] = (target[code] or 0) + value
    for application in application_rows:
        figures = {"applications": application["applications"], "interviews": application["interviews"]}
        key = application[dimension_field] if dimension in APPLICATION_DIMENSIONS else None
        if keys is not None and key not in keys:
            key = None
        targets = [total.measures] + ([by_key.setdefault(key, dict(zero))] if key is not None else [])
        for target in targets:
            for code, value in figures.items():
                target[code] += value
    if dimension not in APPLICATION_DIMENSIONS:
        for figures in by_key.values():
            figures["applications"] = figures["interviews"] = None
    model, label_field = LABEL_SOURCES[dimension]
    wanted = list(by_key) if keys is None else keys
    labels = dict(model.objects.filter(pk__in=wanted).values_list("pk", label_field))
    order = wanted if keys is not None else sorted(by_key, key=lambda key: labels.get(key, ""))
    rows = [Row(key=key, label=labels.get(key, ""), measures=by_key.get(key, dict(zero))) for key in order]
    return Breakdown(dimension=dimension, rows=rows, total=total)


# --- The BPF worksheet (bilan pédagogique et financier, Cerfa 10443) ------------------------------
# Each cell the platform can fill is defined here once: the page and its XLSX both read these lines.
# `source` says how a line is filled: ALL_TRAINEES (every trainee of the scope), UNRECORDED (trainees
# whose information is not recorded on the platform: shown as "non renseigné" and counted as missing
# data), BY_COURSE (one line per course), or ORGANISATION (the platform cannot know it: the
# organisation fills it in on the form).
BPF = _("BPF (Cerfa 10443)")
ALL_TRAINEES, UNRECORDED, BY_COURSE, ORGANISATION_FILLS = "all", "unrecorded", "by_course", "organisation"


@dataclass(frozen=True)
class BpfLine:
    """One line of a BPF section: its letter on the form, its label, and how it is filled."""

    code: str
    letter: str
    label: str
    source: str
    maps_to: str = BPF

    @property
    def filled(self) -> bool:
        return self.source != ORGANISATION_FILLS


@dataclass(frozen=True)
class BpfSection:
    """A section (cadre) of the form. `counts_trainees`: its lines read trainees and trainee-hours;
    otherwise the platform records nothing for it and `note` says why."""

    code: str
    title: str
    note: str
    lines: tuple = ()
    counts_trainees: bool = True
    missing_label: str = ""


BPF_SECTIONS = [
    BpfSection(
        code="C",
        title=_("Cadre C — Bilan financier hors taxes : origine des produits de l'organisme"),
        note=_(
            "La plateforme n'enregistre ni factures ni paiements : les produits de l'exercice sont à "
            "reporter par l'organisme depuis sa comptabilité."
        ),
        counts_trainees=False,
    ),
    BpfSection(
        code="D",
        title=_("Cadre D — Bilan financier hors taxes : charges de l'organisme"),
        note=_(
            "Les charges (salaires des formateurs, achats de prestations) ne sont pas enregistrées sur la "
            "plateforme : elles sont à reporter par l'organisme."
        ),
        counts_trainees=False,
    ),
    BpfSection(
        code="E",
        title=_("Cadre E — Personnes dispensant des heures de formation"),
        note=_(
            "La plateforme connaît les formateurs des groupes mais pas leur lien avec l'organisme (salarié ou "
            "intervenant extérieur) : ce cadre est à renseigner par l'organisme."
        ),
        counts_trainees=False,
    ),
    BpfSection(
        code="F-1",
        title=_("F-1 — Type de stagiaires de l'organisme"),
        note=_(
            "Le statut des stagiaires et le financement de leur formation ne sont pas enregistrés sur les "
            "inscriptions ni sur les candidatures : les stagiaires sont comptés « non renseigné », à "
            "répartir par l'organisme entre les lignes a à e."
        ),
        missing_label=_("stagiaires sans type ni financement renseigné"),
        lines=(
            BpfLine("F-1-a", "a", _("Salariés d'employeurs privés hors apprentis"), ORGANISATION_FILLS),
            BpfLine("F-1-b", "b", _("Apprentis"), ORGANISATION_FILLS),
            BpfLine("F-1-c", "c", _("Personnes en recherche d'emploi formées par votre organisme"), ORGANISATION_FILLS),
            BpfLine(
                "F-1-d", "d", _("Particuliers à leurs propres frais formés par votre organisme"), ORGANISATION_FILLS
            ),
            BpfLine("F-1-e", "e", _("Autres stagiaires"), ORGANISATION_FILLS),
            BpfLine("F-1-nr", "", _("Non renseigné sur la plateforme"), UNRECORDED),
            BpfLine("F-1-total", "", _("Total"), ALL_TRAINEES),
        ),
    ),
    BpfSection(
        code="F-2",
        title=_("F-2 — Activité de formation confiée par votre organisme à un autre organisme de formation"),
        note=_(
            "La plateforme ne sait pas si une partie de la formation a été sous-traitée : à renseigner par l'organisme."
        ),
        lines=(
            BpfLine(
                "F-2-a",
                "",
                _("Stagiaires dont l'action a été confiée par votre organisme à un autre organisme"),
                ORGANISATION_FILLS,
            ),
        ),
    ),
    BpfSection(
        code="F-3",
        title=_("F-3 — Objectif général des prestations dispensées"),
        note=_(
            "Les formations de la plateforme ne visent ni diplôme, ni titre, ni certification enregistrée au "
            "RNCP ou au répertoire spécifique : leurs stagiaires sont comptés en « autres formations "
            "professionnelles »."
        ),
        lines=(
            BpfLine(
                "F-3-a",
                "a",
                _("Formations visant un diplôme, un titre à finalité professionnelle ou un CQP enregistré au RNCP"),
                ORGANISATION_FILLS,
            ),
            BpfLine(
                "F-3-b",
                "b",
                _("Formations visant une certification ou une habilitation enregistrée au répertoire spécifique"),
                ORGANISATION_FILLS,
            ),
            BpfLine("F-3-c", "c", _("CQP non enregistré au RNCP ou au répertoire spécifique"), ORGANISATION_FILLS),
            BpfLine("F-3-d", "d", _("Autres formations professionnelles"), ALL_TRAINEES),
            BpfLine("F-3-e", "e", _("Bilans de compétences"), ORGANISATION_FILLS),
            BpfLine(
                "F-3-f",
                "f",
                _("Actions d'accompagnement à la validation des acquis de l'expérience"),
                ORGANISATION_FILLS,
            ),
            BpfLine("F-3-total", "", _("Total"), ALL_TRAINEES),
        ),
    ),
    BpfSection(
        code="F-4",
        title=_("F-4 — Spécialités de formation"),
        note=_(
            "Le code NSF (nomenclature des spécialités de formation) des formations n'est pas enregistré sur "
            "la plateforme : chaque formation est listée avec ses stagiaires, l'organisme y ajoute son code."
        ),
        missing_label=_("stagiaires d'une formation sans code NSF"),
        lines=(
            BpfLine("F-4-course", "", _("Formation (code NSF à renseigner)"), BY_COURSE),
            BpfLine("F-4-total", "", _("Total"), ALL_TRAINEES),
        ),
    ),
    BpfSection(
        code="G",
        title=_("Cadre G — Stagiaires dont la formation a été confiée à votre organisme par un autre organisme"),
        note=_(
            "La plateforme ne sait pas si un autre organisme vous a confié ces formations : à renseigner par "
            "l'organisme."
        ),
        lines=(
            BpfLine(
                "G-a",
                "",
                _("Stagiaires dont la formation a été confiée à votre organisme par un autre organisme"),
                ORGANISATION_FILLS,
            ),
        ),
    ),
]
BPF_BY_CODE = {section.code: section for section in BPF_SECTIONS}
