"""Every URL pattern of the project × every role, against the one permission table
(tests/security/url_permissions.py). A URL without an entry fails; so does any access the table
does not allow, or any refusal of an access it allows."""

import datetime
import re
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from model_bakery import baker

from lms.cohorts.models import CalendarToken, Enrolment, ScheduledSession, TrainingGroup
from lms.people import privacy
from lms.people.factories import RegionFactory, TerritoryFactory, TrainingOrganisationFactory
from lms.people.models import Role
from tests.security import url_permissions
from tests.security.url_permissions import PREFIX_RULES, URL_PERMISSIONS
from tests.security.urlcheck import ROLES, check, sample_path, walk

pytestmark = pytest.mark.django_db

ROUTES = walk()


def rule_for(route):
    if route.key in URL_PERMISSIONS:
        return URL_PERMISSIONS[route.key]
    for prefix, rule in PREFIX_RULES.items():
        if route.route.startswith(prefix):
            return rule
    return None


def test_every_url_pattern_has_an_entry_in_the_permission_table():
    missing = [f"{route.key}  ({route.route})" for route in ROUTES if rule_for(route) is None]
    assert not missing, (
        "These URLs have no entry in tests/security/url_permissions.py; add one saying which roles may "
        "reach them:\n  " + "\n  ".join(missing)
    )


def test_the_table_has_no_stale_entries():
    keys = {route.key for route in ROUTES}
    assert sorted(set(URL_PERMISSIONS) - keys) == []


def png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def world(site_tree, territory, organisation, make_user):
    from wagtail.documents.models import Document
    from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

    from courses.models import SessionPage

    course = site_tree["peer_interveners"]
    session_page = course.add_child(instance=SessionPage(title="Séance sécurité", slug="seance-securite"))
    other_region = RegionFactory(code="76", name="Occitanie")
    other_territory = TerritoryFactory(region=other_region, name="Hérault")
    other_org = TrainingOrganisationFactory(region=other_region, name="Autre organisme")
    people = {
        "trainee": make_user(Role.TRAINEE),
        "other_trainee": make_user(Role.TRAINEE),
        "trainer": make_user(Role.TRAINER),
        "peer_trainer": make_user(Role.PEER_TRAINER),
        "regional": make_user(Role.REGIONAL_TEAM, region=territory.region),
        "other_region": make_user(Role.REGIONAL_TEAM, region=other_region),
        "org_staff": make_user(Role.ORGANISATION_STAFF, organisation=organisation),
        "national": make_user(Role.NATIONAL_TEAM),
        "admin": make_user(Role.ADMINISTRATOR),
        "other_org_staff": make_user(Role.ORGANISATION_STAFF, organisation=other_org),
        "other_trainer": make_user(Role.TRAINER),
        "funder": make_user(Role.FUNDER, region=territory.region),
    }
    today = timezone.localdate()
    group = TrainingGroup.objects.create(
        name="IP Rhône",
        course=course,
        territory=territory,
        organisation=organisation,
        capacity=8,
        start_date=today - datetime.timedelta(days=30),
        end_date=today + datetime.timedelta(days=60),
        status=TrainingGroup.Status.RUNNING,
    )
    other_group = TrainingGroup.objects.create(
        name="IP Hérault", course=course, territory=other_territory, organisation=other_org, capacity=8
    )
    group.trainers.add(people["trainer"])
    group.peer_trainers.add(people["peer_trainer"])
    enrolment = Enrolment.objects.create(group=group, trainee=people["trainee"])
    Enrolment.objects.create(group=other_group, trainee=people["other_trainee"])
    # Rows that must give no right to the trainee's records (issue 14): a withdrawn place in a group of
    # another region and organisation, a waiting-list place in a group another trainer leads.
    Enrolment.objects.create(group=other_group, trainee=people["trainee"], status=Enrolment.Status.WITHDRAWN)
    waiting_group = TrainingGroup.objects.create(
        name="IP Rhône 2", course=course, territory=territory, organisation=organisation, capacity=8
    )
    waiting_group.trainers.add(people["other_trainer"])
    Enrolment.objects.create(
        group=waiting_group, trainee=people["trainee"], status=Enrolment.Status.WAITING, waitlisted_at=timezone.now()
    )
    session = ScheduledSession.objects.create(
        session_page=session_page,
        date=today - datetime.timedelta(days=1),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(12, 0),
        trainer=people["trainer"],
        peer_trainer=people["peer_trainer"],
    )
    session.groups.add(group)
    trainee = people["trainee"]
    document = Document.objects.create(title="Programme", file=ContentFile(b"%PDF-1.4 programme", name="programme.pdf"))
    media_document = Document.objects.create(
        title="Vidéo", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="video.mp4")
    )
    from lms.cohorts.factories import VenueFactory

    w = SimpleNamespace(
        venue=VenueFactory(name="Maison des associations", territory=territory),
        **people,
        home=site_tree["home"],
        course=course,
        group=group,
        other_group=other_group,
        enrolment=enrolment,
        session=session,
        organisation=organisation,
        document=document,
        media_document=media_document,
    )
    w.doc_restriction = CollectionViewRestriction.objects.create(
        collection=Collection.get_first_root_node().add_child(name="Privé"),
        restriction_type=CollectionViewRestriction.PASSWORD,
        password="secret",
    )
    w.page_restriction = PageViewRestriction.objects.create(
        page=site_tree["referents"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    w.erasure_request = privacy.request_erasure(people["other_trainee"])
    w.calendar_token = CalendarToken.objects.create(user=trainee)
    w.slot = baker.make(
        "attendance.AttendanceSlot",
        session=session,
        half_day="morning",
        opened_by=people["trainer"],
        opened_at=timezone.now(),
        closed_by=None,
        closed_at=None,
    )
    record = baker.make("attendance.AttendanceRecord", slot=w.slot, trainee=trainee)
    w.signature = baker.make(
        "attendance.Signature", record=record, recorded_by=trainee, method="drawn", image=ContentFile(png(), "s.png")
    )
    w.catch_up = baker.make(
        "attendance.CatchUp", trainee=trainee, session=session, opened_at=timezone.now(), completed_at=None
    )
    w.material = baker.make(
        "attendance.SessionMaterial",
        session=session,
        uploaded_by=people["trainer"],
        _create_files=True,
        _fill_optional=["file"],
    )
    from lms.attendance.selectors import catch_up_items

    w.catch_up_item_key = next((item.key for item in catch_up_items(w.catch_up)), "aucun")
    charter = baker.make("cohorts.EngagementCharter", _create_files=True, _fill_optional=["document"])
    w.application = baker.make(
        "cohorts.Application", course=site_tree["referents"], territory=territory, charter=charter, _fill_optional=False
    )
    w.assignment = baker.make("learning.Assignment", group=group, scheduled_session=session)
    w.submission = baker.make(
        "learning.Submission", assignment=w.assignment, trainee=trainee, _create_files=True, _fill_optional=["media"]
    )
    w.feedback = baker.make(
        "learning.Feedback",
        submission=w.submission,
        author=people["trainer"],
        _create_files=True,
        _fill_optional=["audio"],
    )
    w.certificate = baker.make(
        "certificates.Certificate",
        group=group,
        trainee=trainee,
        issued_by=people["regional"],
        revoked_by=None,
        revoked_at=None,
        _create_files=True,
        _fill_optional=["attestation_pdf", "realisation_pdf"],
    )
    w.batch = baker.make("certificates.IssuingBatch", group=group, requested_by=people["regional"])
    _add_survey_records(w)
    return w


def _add_survey_records(w):
    """A hot-survey campaign of `group` with the trainee's invitation, a complaint and an
    improvement action of the group's region."""
    from lms.surveys import services as survey_services
    from lms.surveys.kit import ensure_kit_templates

    ensure_kit_templates()
    template = survey_services.active_template(moment="hot_session")
    w.campaign = survey_services.open_campaign(
        template=template, group=w.group, session=w.session, people=[w.trainee], opened_on=timezone.localdate()
    )
    w.survey_invitation = w.campaign.invitations.get()
    w.survey_token = survey_services.token_for(w.survey_invitation)
    from lms.surveys import services_complaints

    w.complaint = services_complaints.file_complaint(
        actor=w.trainee, channel="my_space", category="logistics", description="Salle froide", group=w.group
    )
    w.improvement_action = services_complaints.create_action(
        actor=w.regional,
        region=w.group.territory.region,
        source="complaint",
        complaint=w.complaint,
        finding="Salle froide",
        decision="Changer de salle",
        title="Nouvelle salle",
        owner=w.regional,
        due_on=timezone.localdate(),
    )


@pytest.fixture
def client_for(world):
    clients = {}

    def get(role):
        if role not in clients:
            client = Client()
            if role != "anonymous":
                client.force_login(getattr(world, role))
            clients[role] = client
        return clients[role]

    return get


def url_of(route, rule, world):
    kwargs = rule.kwargs(world) if callable(rule.kwargs) else (rule.kwargs or {})
    args = rule.args(world) if callable(rule.args) else (rule.args or [])
    return reverse(route.name, args=args, kwargs=kwargs) if route.name else sample_path(route.route)


NAMED = [route for route in ROUTES if route.key in URL_PERMISSIONS]
PREFIXED = [route for route in ROUTES if route.key not in URL_PERMISSIONS and rule_for(route) is not None]


def test_each_listed_url_lets_in_exactly_the_roles_of_the_table(world, client_for):
    """One world for all URLs (it is costly to build); each URL runs in a savepoint rolled back
    afterwards, so an allowed POST (an erasure, a withdrawal) does not change what the next URL sees."""
    violations = []
    for role in ROLES:
        client_for(role)  # sessions are created before the savepoints, so they survive the rollbacks
    # GET first, then actions.
    for route in sorted(NAMED, key=lambda route: URL_PERMISSIONS[route.key].method != "GET"):
        rule = URL_PERMISSIONS[route.key]
        cookies = {role: client_for(role).cookies.copy() for role in ROLES}
        with transaction.atomic():
            violations.extend(check(client_for, url_of(route, rule, world), rule))
            transaction.set_rollback(True)
        for role in ROLES:  # e.g. after a logout
            client_for(role).cookies = cookies[role]
    assert violations == [], "Access differs from tests/security/url_permissions.py:\n" + "\n".join(violations)


def test_private_files_are_not_reachable_from_a_public_media_url(world, client_for):
    """Signatures, submissions, certificates go through views that check the asker, never /media/."""
    for file in (world.signature.image, world.submission.media, world.certificate.attestation_pdf):
        for role in ("anonymous", "admin"):
            assert client_for(role).get(f"/media/{file.name}").status_code == 404, file.name
            assert not file.url.startswith("/media/") or client_for(role).get(file.url).status_code == 404


def test_the_checker_reports_violations_when_a_rule_is_removed(world, client_for, monkeypatch):
    """Proof that the table bites: open a permission function to everyone, and the check fails."""
    from lms.people import permissions

    monkeypatch.setattr(permissions, "is_administrator", lambda user: user.is_authenticated)
    route = next(route for route in ROUTES if route.key == "people:erasure_requests")
    violations = check(client_for, url_of(route, URL_PERMISSIONS[route.key], world), URL_PERMISSIONS[route.key])
    assert any("as trainee: expected refused, got allowed" in line for line in violations)
    # And an entry that allows too little is reported too.
    narrowed = url_permissions.Rule(frozenset(), kwargs=None)
    route = next(route for route in ROUTES if route.key == "login")
    assert len(check(client_for, url_of(route, narrowed, world), narrowed)) == len(ROLES)


def test_a_new_url_without_entry_is_reported(monkeypatch):
    from tests.security import test_url_permissions as module

    monkeypatch.delitem(URL_PERMISSIONS, "people:account")
    with pytest.raises(AssertionError, match="people:account"):
        module.test_every_url_pattern_has_an_entry_in_the_permission_table()


# Tables a GET may write: the audit log of reads of personal data, sessions, the throttle store, and
# Wagtail's reference index (a cache of links between objects that Wagtail maintains by itself; seen
# written during a GET on PostgreSQL only).
GET_MAY_WRITE = ("people_auditlogentry", "django_session", "security_", "wagtailcore_referenceindex")
WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.I)


def test_a_get_changes_nothing_but_the_audit_log(world, client_for):
    """Reading a page never changes a record: state changes are POSTs behind a CSRF token."""
    found = []
    for role in ROLES:
        client_for(role)
    for route in NAMED:
        rule = URL_PERMISSIONS[route.key]
        if rule.method != "GET":
            continue
        url = url_of(route, rule, world)
        for role in sorted(rule.allowed):
            with transaction.atomic(), CaptureQueriesContext(connection) as queries:
                client_for(role).get(url)
                transaction.set_rollback(True)
            for query in queries.captured_queries:
                match = WRITE.match(query["sql"])
                if match and not match.group(2).lower().startswith(GET_MAY_WRITE):
                    found.append(f"GET {url} as {role}: {match.group(1)} {match.group(2)}")
    assert sorted(set(found)) == [], "\n".join(sorted(set(found)))
