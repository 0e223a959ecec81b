"""The kit's objectives and rules, the course sheet, sessions and complementary modules."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from courses.factories import CoursePageFactory, LearningObjectiveFactory, SessionPageFactory, kit_objectives
from courses.models import Audience, ComplementaryModulePage, CourseIndexPage, CoursePage, HomePage, SessionPage
from courses.selectors import objectives_for_course, transversal_objectives
from lms.people.models import Role

pytestmark = pytest.mark.django_db

IP_PAGE = "/formations/intervenants-pairs/"
SESSION = "/formations/intervenants-pairs/savoir-experientiel-rare/"


def test_the_kit_table_has_12_common_3_ip_2_rp_objectives_and_the_transversal_one():
    objectives = kit_objectives()
    by_scope = {}
    for objective in objectives:
        by_scope.setdefault(objective.scope, []).append(objective.code)
    assert {scope: len(codes) for scope, codes in by_scope.items()} == {
        "common": 12,
        "peer_interveners": 3,
        "referents": 2,
        "joint": 1,
    }
    wordings = {objective.code: objective.wording for objective in objectives}
    assert wordings["C1"] == "Connaitre les différentes dimensions de l'intervention par les pairs"
    assert wordings["RP2"] == "Amorcer un accompagnement d'un projet d'intervention par les pairs"
    assert wordings["IP3"] == "Amorcer un projet d'intervention par les pairs"
    assert "sans « prendre la place de »" in wordings["T"]
    assert all(objective.easy_read_wording for objective in objectives)
    assert len(kit_objectives()) == 18  # idempotent


def test_each_course_counts_its_kit_objectives_and_the_transversal_one_apart():
    kit_objectives()
    ip = CoursePageFactory(audience=Audience.PEER_INTERVENERS)
    rp = CoursePageFactory(audience=Audience.REFERENTS)
    assert objectives_for_course(ip).count() == 15
    assert objectives_for_course(rp).count() == 14
    assert not objectives_for_course(ip).filter(code__startswith="RP").exists()
    assert list(transversal_objectives().values_list("code", flat=True)) == ["T"]


def test_the_course_sheet_is_public_and_complete_in_french(client, site_tree):
    html = client.get(IP_PAGE).content.decode()
    for heading in (
        "Public visé",
        "Prérequis",
        "Les 15 objectifs de la formation",
        "Objectif transversal des séances communes",
        "Durée et organisation",
        "Programme",
        "Modalités et délais d'accès",
        "Tarif",
        "Méthodes pédagogiques",
        "Modalités d'évaluation",
        "Accessibilité aux personnes en situation de handicap",
        "Contact",
        "Fiche mise à jour le",
    ):
        assert heading in html, heading
    assert html.count("data-objective=") == 15
    assert "6 h au plus par séance" in html and "Des demi-journées de préférence" in html
    assert html.count("<h1") == 1
    rp_html = client.get("/formations/referents/").content.decode()
    assert "Les 14 objectifs de la formation" in rp_html and rp_html.count("data-objective=") == 14


def test_the_course_page_query_count_does_not_grow_with_its_sessions(client, site_tree, django_assert_max_num_queries):
    course = site_tree["referents"]
    with django_assert_max_num_queries(30):
        assert client.get("/formations/referents/").status_code == 200
    for number in range(10):
        SessionPageFactory(parent=course, title=f"Séance supplémentaire {number}", objectives=["C1", "C2"])
    with django_assert_max_num_queries(30):
        html = client.get("/formations/referents/").content.decode()
    assert "Séance supplémentaire 9" in html


def test_a_session_page_shows_content_intersession_and_hides_trainer_notes(client, site_tree):
    html = client.get(SESSION).content.decode()
    assert "Objectifs travaillés" in html and "Contenu de la séance" in html
    assert "Travail d'intersession : Ce que je sais grâce à mon expérience" in html
    assert "une présentation orale à la séance suivante" in html
    assert "Préparation de la séance (formateurs)" not in html
    assert "Séance suivante : Séance 3" in html


@pytest.mark.parametrize(
    ("role", "sees_notes"),
    [
        (Role.TRAINER, True),
        (Role.PEER_TRAINER, True),
        (Role.ADMINISTRATOR, True),
        (Role.TRAINEE, False),
        (Role.REGIONAL_TEAM, False),
    ],
)
def test_preparation_notes_are_shown_to_trainers_only(client, site_tree, make_user, region, role, sees_notes):
    user = make_user(role, region=region if role == Role.REGIONAL_TEAM else None)
    client.force_login(user)
    html = client.get(SESSION).content.decode()
    assert ("Préparation de la séance (formateurs)" in html) is sees_notes
    assert ("Vidéo et sa transcription imprimée" in html) is sees_notes


def test_a_logged_in_trainee_gets_the_h5p_player(client, site_tree, make_user):
    client.force_login(make_user(Role.TRAINEE))
    html = client.get(SESSION).content.decode()
    assert 'id="h5p-standalone-script"' in html and "courses/js/h5p-frame-title" in html
    assert 'data-frame-title="Activité interactive : Quiz : le savoir expérientiel rare"' in html
    anonymous = client.__class__().get(SESSION).content.decode()
    assert "h5p-standalone-script" not in anonymous


def test_session_rules_are_enforced_with_french_messages(site_tree):
    ip = site_tree["peer_interveners"]
    session = SessionPageFactory(parent=ip, objectives=["RP1"], planned_hours=Decimal("7"))
    with pytest.raises(ValidationError) as caught:
        session.full_clean()
    assert caught.value.message_dict["objectives"] == ["Ces objectifs ne concernent pas cette formation : RP1."]
    assert caught.value.message_dict["planned_hours"] == ["Une séance de cette formation dure 6 heures au plus."]

    joint_only = SessionPageFactory(parent=ip, objectives=["T"], can_be_joint=False)
    with pytest.raises(ValidationError) as caught:
        joint_only.full_clean()
    assert caught.value.message_dict["objectives"] == ["L'objectif transversal ne s'applique qu'aux séances communes."]

    task = SessionPageFactory(parent=ip)
    task.intersession_task_title = "Un travail"
    task.accepts_text = task.accepts_file = task.accepts_audio = task.accepts_video = task.accepts_oral = False
    with pytest.raises(ValidationError) as caught:
        task.full_clean()
    assert caught.value.message_dict == {
        "intersession_instructions": ["Écrivez les consignes du travail d'intersession."],
        "intersession_instructions_easy_read": ["Écrivez aussi les consignes en FALC : des stagiaires en ont besoin."],
        "accepts_text": ["Acceptez au moins une forme de réponse pour le travail d'intersession."],
    }


def test_course_rules_follow_the_kit(site_tree):
    ip = site_tree["peer_interveners"]
    ip.max_group_size, ip.max_hours_per_session, ip.min_days, ip.max_days = 9, None, 6, 5
    ip.min_span_months, ip.max_span_months = 5, 4
    with pytest.raises(ValidationError) as caught:
        ip.full_clean()
    assert caught.value.message_dict == {
        "max_group_size": ["Le kit limite ce groupe à 8 personnes."],
        "max_hours_per_session": ["Le kit limite une séance à 6 heures pour ce public."],
        "max_days": ["Le nombre maximal de jours doit être au moins égal au nombre minimal."],
        "max_span_months": ["L'étalement maximal doit être au moins égal à l'étalement minimal."],
    }
    rp = site_tree["referents"]
    rp.max_group_size = 16
    with pytest.raises(ValidationError) as caught:
        rp.full_clean()
    assert caught.value.message_dict == {"max_group_size": ["Le kit limite ce groupe à 15 personnes."]}


def test_every_page_type_restricts_its_parents_and_children():
    assert HomePage.subpage_types == ["courses.CourseIndexPage"]
    assert CourseIndexPage.parent_page_types == ["courses.HomePage"]
    assert set(CourseIndexPage.subpage_types) == {"courses.CoursePage", "courses.ComplementaryModulePage"}
    assert CoursePage.parent_page_types == ["courses.CourseIndexPage"]
    assert CoursePage.subpage_types == ["courses.SessionPage"]
    assert SessionPage.parent_page_types == ["courses.CoursePage"] and SessionPage.subpage_types == []
    assert ComplementaryModulePage.parent_page_types == ["courses.CourseIndexPage"]
    assert ComplementaryModulePage.subpage_types == []


def test_complementary_modules_are_listed_and_readable(client, site_tree):
    index = client.get("/formations/").content.decode()
    assert "Modules complémentaires" in index and "Module prise de parole en public" in index
    html = client.get("/formations/module-falc/").content.decode()
    assert "Thème : FALC (facile à lire et à comprendre)" in html
    assert "Pour les intervenants-pairs et les référents" in html


def test_objective_factory_builds_snippets():
    objective = LearningObjectiveFactory(code="Z9")
    assert objective.applies_to(Audience.REFERENTS) and not objective.is_transversal
