"""Reads of surveys: response rates, results (no breakdown under the anonymity threshold), a
person's pending questionnaires."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from lms.surveys import conf
from lms.surveys.models import Audience, Campaign, Complaint, Invitation, Moment, Question, Response


def _count(model, **filters):
    return Coalesce(
        Subquery(
            model.objects.filter(campaign=OuterRef("pk"), **filters)
            .order_by()
            .values("campaign")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        0,
    )


def with_rates(campaigns: QuerySet) -> QuerySet:
    """Campaigns with `invited` and `respondents` counts, and what their rows show."""
    return campaigns.select_related(
        "template", "group__course", "group__territory__region", "session__session_page"
    ).annotate(invited=_count(Invitation), respondents=_count(Response))


def rate(respondents: int, invited: int) -> int | None:
    return round(100 * respondents / invited) if invited else None


@dataclass
class Total:
    """Invited and respondents summed over campaigns, for one group, course or region."""

    label: str
    invited: int = 0
    respondents: int = 0
    campaigns: int = 0

    @property
    def rate(self) -> int | None:
        return rate(self.respondents, self.invited)


def totals(campaigns: list[Campaign], *, by: str) -> list[Total]:
    """Sums of annotated campaigns by "group", "course" or "region" (no further query)."""
    keys = {
        "group": lambda c: c.group.name,
        "course": lambda c: c.group.course.title,
        "region": lambda c: c.group.territory.region.name,
    }
    rows: dict[str, Total] = {}
    for campaign in campaigns:
        label = keys[by](campaign)
        total = rows.setdefault(label, Total(label))
        total.invited += campaign.invited
        total.respondents += campaign.respondents
        total.campaigns += 1
    return sorted(rows.values(), key=lambda total: total.label)


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    mean: float | None = None
    counts: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass
class Results:
    campaign: Campaign
    invited: int
    respondents: int
    shown: bool  # False under the anonymity threshold: no breakdown at all
    questions: list[QuestionResult]

    @property
    def rate(self) -> int | None:
        return rate(self.respondents, self.invited)


SCALE_VALUES = [1, 2, 3, 4, 5]


def results(campaign: Campaign) -> Results:
    """The campaign's results by question; under SURVEY_MIN_RESPONDENTS respondents, counts only."""
    questions = list(campaign.template.questions.all())
    invited = campaign.invitations.count()
    answers = list(Response.objects.filter(campaign=campaign).values_list("answers", flat=True))
    shown = len(answers) >= conf.min_respondents()
    rows = []
    if shown:
        for question in questions:
            values = [a[question.code] for a in answers if a.get(question.code) not in (None, "")]
            row = QuestionResult(question=question, answered=len(values))
            if question.kind == Question.Kind.SCALE:
                tally = Counter(values)
                row.counts = [(str(v), tally.get(v, 0)) for v in SCALE_VALUES]
                row.mean = round(sum(values) / len(values), 1) if values else None
            elif question.kind == Question.Kind.YES_NO:
                tally = Counter(values)
                row.counts = [("yes", tally.get("yes", 0)), ("no", tally.get("no", 0))]
            elif question.kind == Question.Kind.CHOICE:
                tally = Counter(values)
                row.counts = [(choice, tally.get(choice, 0)) for choice in question.choices]
            else:
                row.texts = sorted(values)  # sorted, so that their order says nothing of who wrote first
            rows.append(row)
    return Results(campaign=campaign, invited=invited, respondents=len(answers), shown=shown, questions=rows)


def export_rows(campaign: Campaign) -> tuple[list[str], list[list]]:
    """Header and rows of the campaign's export: one row per response, answers by question code,
    no person, no date finer than the month. Empty under the anonymity threshold."""
    questions = list(campaign.template.questions.all())
    header = ["campagne", "groupe", "mois", *[q.code for q in questions]]
    responses = list(Response.objects.filter(campaign=campaign).values_list("answered_on", "answers"))
    if len(responses) < conf.min_respondents():
        return header, []
    rows = []
    for answered_on, answers in responses:
        rows.append(
            [campaign.template.code, campaign.group.name, answered_on.strftime("%Y-%m")]
            + [answers.get(q.code, "") for q in questions]
        )
    rows.sort(key=lambda row: [str(value) for value in row])
    return header, rows


def pending_invitations(user) -> QuerySet:
    """The person's open questionnaires not answered yet ("Mes questionnaires")."""
    return (
        Invitation.objects.filter(person=user, answered=False, campaign__closes_on__gte=timezone.localdate())
        .select_related("campaign__template", "campaign__group", "campaign__session__session_page")
        .order_by("campaign__opened_on", "pk")
    )


def campaigns_by_group(campaigns: list[Campaign]) -> dict:
    grouped = defaultdict(list)
    for campaign in campaigns:
        grouped[campaign.group].append(campaign)
    return dict(grouped)


# --- Complaints and improvement actions ------------------------------------------------------------


def complaints_register(complaints: QuerySet) -> QuerySet:
    return complaints.select_related("region", "group", "session__session_page", "organisation").order_by(
        "status", "answer_by", "-received_on", "pk"
    )


def open_complaints_summary(complaints: QuerySet, today) -> dict:
    """For the staff start page: open complaints, and those past a deadline."""

    open_ones = complaints.exclude(status=Complaint.Status.CLOSED)
    return {
        "open": open_ones.count(),
        "late": open_ones.filter(
            Q(status=Complaint.Status.RECEIVED, acknowledge_by__lt=today)
            | Q(status=Complaint.Status.ACKNOWLEDGED, answer_by__lt=today)
        ).count(),
    }


def annual_review(*, complaints: QuerySet, actions: QuerySet, campaigns: QuerySet, year: int) -> dict:
    """The auditor's chain for one year: the trend (complaints by category against the year before,
    response rates), then each action with its decision and result."""

    def by_category(y):
        counts = dict(complaints.filter(received_on__year=y).order_by().values_list("category").annotate(n=Count("pk")))
        return counts

    this_year, last_year = by_category(year), by_category(year - 1)
    trend = [
        {"category": label, "count": this_year.get(value, 0), "previous": last_year.get(value, 0)}
        for value, label in Complaint.Category.choices
    ]
    rated = list(with_rates(campaigns.filter(opened_on__year=year)))
    return {
        "year": year,
        "trend": trend,
        "complaints": sum(this_year.values()),
        "invited": sum(c.invited for c in rated),
        "respondents": sum(c.respondents for c in rated),
        "rate": rate(sum(c.respondents for c in rated), sum(c.invited for c in rated)),
        "actions": list(
            actions.filter(Q(created_on__year=year) | Q(due_on__year=year))
            .select_related("owner", "complaint", "campaign__template", "campaign__group", "region")
            .order_by("due_on", "pk")
        ),
    }


# The overall-satisfaction question of each hot questionnaire, whose mean the public page shows.
SATISFACTION_QUESTIONS = {Moment.HOT_SESSION: "seance-globale", Moment.HOT_COURSE: "formation-globale"}


@dataclass
class PublicLine:
    """One line of the published results (Qualiopi indicator 2): a course, a year, a moment."""

    course: str
    year: int
    moment: str
    invited: int = 0
    respondents: int = 0
    scores: list[int] = field(default_factory=list)
    shown: bool = False  # False under the anonymity threshold: no figure at all

    @property
    def rate(self) -> int | None:
        return rate(self.respondents, self.invited)

    @property
    def mean(self) -> float | None:
        return round(sum(self.scores) / len(self.scores), 1) if self.scores else None

    @property
    def moment_label(self) -> str:
        return Moment(self.moment).label


def public_results() -> list[PublicLine]:
    """Respondents, response rate and mean overall satisfaction (out of 5) of the trainees' hot
    end-of-session and end-of-course questionnaires, by course and year; lines under SURVEY_MIN_RESPONDENTS
    respondents show no figure. Two queries, whatever the number of campaigns."""
    moments = list(SATISFACTION_QUESTIONS)
    campaigns = list(
        Campaign.objects.filter(template__moment__in=moments, template__audience=Audience.TRAINEES)
        .select_related("template", "group__course")
        .annotate(invited=_count(Invitation), respondents=_count(Response))
    )
    lines: dict[tuple, PublicLine] = {}
    line_of_campaign = {}
    for campaign in campaigns:
        key = (campaign.group.course.title, campaign.opened_on.year, campaign.template.moment)
        line = lines.setdefault(key, PublicLine(course=key[0], year=key[1], moment=key[2]))
        line.invited += campaign.invited
        line.respondents += campaign.respondents
        line_of_campaign[campaign.pk] = line
    answers = Response.objects.filter(
        campaign__template__moment__in=moments, campaign__template__audience=Audience.TRAINEES
    ).values_list("campaign_id", "answers")
    for campaign_id, answer in answers:
        line = line_of_campaign.get(campaign_id)
        if line is None:
            continue
        score = answer.get(SATISFACTION_QUESTIONS[Moment(line.moment)])
        if isinstance(score, int) and not isinstance(score, bool):
            line.scores.append(score)
    threshold = conf.min_respondents()
    for line in lines.values():
        line.shown = line.respondents >= threshold
    order = {moment: position for position, moment in enumerate(moments)}
    return sorted(lines.values(), key=lambda line: (line.course, -line.year, order[line.moment]))
