"""The directory's pages: who reaches what, the public page showing the chosen fields only, the
contact form (to the team, throttled, nothing kept on error) and the list's constant queries."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.directory import services
from lms.directory.factories import published_entry
from lms.directory.models import DirectoryEntry
from lms.followup.factories import plan
from lms.followup.models import FollowUpPlan
from lms.learning.factories import enrol


def test_anonymous_visitors_are_sent_to_login_for_personal_and_team_pages(client, dw):
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    for url in (
        reverse("directory:mine"),
        reverse("directory:my_entry", args=[entry.pk]),
        reverse("directory:team_list"),
        reverse("directory:team_entry", args=[entry.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/connexion/" in response["Location"]


def test_a_person_cannot_open_anothers_entry(client, dw):
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    client.force_login(dw.other)
    assert client.get(reverse("directory:my_entry", args=[entry.pk])).status_code == 404
    assert client.post(reverse("directory:my_entry_withdraw", args=[entry.pk])).status_code == 404
    assert client.post(reverse("directory:my_entry_start", args=[dw.plan.pk])).status_code == 404
    client.force_login(dw.team)  # staff too: Mon espace is the person's own
    assert client.get(reverse("directory:my_entry", args=[entry.pk])).status_code == 404


def test_the_person_starts_chooses_and_submits_from_mon_espace(client, dw):
    client.force_login(dw.trainee)
    home = client.get(reverse("attendance:trainee_home"))
    assert "Ma fiche annuaire" in home.content.decode()
    response = client.post(reverse("directory:my_entry_start", args=[dw.plan.pk]))
    entry = DirectoryEntry.objects.get(person=dw.trainee)
    assert response["Location"] == reverse("directory:my_entry", args=[entry.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Aperçu : ce qui sera public" in page and "Le rétablissement en santé mentale" in page
    data = {
        "name_display": "first_name",
        "show_themes": "on",
        "themes": "Le rétablissement",
        "audiences": "Cachés",
        "formats": ["awareness"],
        "show_formats": "on",
        "area": "Lyon",
        "text": "Bonjour",
        "show_text": "on",
    }
    response = client.post(reverse("directory:my_entry", args=[entry.pk]), data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.show_audiences, entry.show_area, entry.themes) == (False, False, "Le rétablissement")
    refused = client.post(reverse("directory:my_entry_submit", args=[entry.pk]), {})
    assert refused.status_code == 400 and "cochez la case" in refused.content.decode()
    client.post(reverse("directory:my_entry_submit", args=[entry.pk]), {"consent": "on"})
    entry.refresh_from_db()
    assert entry.status == "submitted"


def test_team_pages_follow_the_entrys_region(client, dw):
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    services.submit_entry(actor=dw.trainee, entry=entry, consent=True)
    team_url = reverse("directory:team_entry", args=[entry.pk])
    decision = reverse("directory:team_decision", args=[entry.pk])
    client.force_login(dw.other_team)
    assert dw.trainee.get_full_name() not in client.get(reverse("directory:team_list")).content.decode()
    assert client.get(team_url).status_code == 404
    assert client.post(decision, {"decision": "publish"}).status_code == 404
    # The national team reads published entries only: a submitted one is not consented to publication yet.
    client.force_login(dw.national)
    assert client.get(team_url).status_code == 404
    assert dw.trainee.get_full_name() not in client.get(reverse("directory:team_list")).content.decode()
    assert client.post(decision, {"decision": "publish"}).status_code == 404
    client.force_login(dw.trainee)
    assert client.get(reverse("directory:team_list")).status_code == 403
    client.force_login(dw.team)
    staff_home = client.get(reverse("cohorts:groups_overview")).content.decode()
    assert "1 fiche à relire." in staff_home
    refused = client.post(decision, {"decision": "changes", "comment": ""})
    assert refused.status_code == 400
    client.post(decision, {"decision": "publish"})
    entry.refresh_from_db()
    assert entry.status == "published"
    client.force_login(dw.national)
    page = client.get(team_url)
    assert page.status_code == 200 and "Publier la fiche" not in page.content.decode()
    assert client.post(decision, {"decision": "publish"}).status_code == 404


def test_the_public_page_shows_only_the_chosen_fields(client, dw):
    entry = published_entry(
        plan=dw.plan,
        team=dw.team,
        name_display="first_name",
        show_audiences=False,
        show_area=False,
        show_languages=True,
        languages=["lsf"],
        text="Je raconte mon parcours.",
        text_easy_read="Je parle de ma vie.",
    )
    html = client.get(reverse("directory:public_entry", args=[entry.slug])).content.decode()
    assert "Samia" in html and "Le rétablissement en santé mentale" in html and "Langue des signes" in html
    assert "Je parle de ma vie." in html and "Je raconte mon parcours." in html
    for hidden in ("Haddad", "Étudiants en travail social", "Lyon et sa métropole", "(Rhône)", dw.trainee.email):
        assert hidden not in html
    listing = client.get(reverse("directory:public_list")).content.decode()
    assert "Samia" in listing and "Étudiants en travail social" not in listing
    assert client.get(reverse("directory:public_list"), {"q": "Haddad"}).context["page"].paginator.count == 0
    assert client.get(reverse("directory:public_list"), {"q": "retablissement"}).context["page"].paginator.count == 1


def test_an_entry_not_published_has_no_public_page(client, dw):
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    assert client.get(reverse("directory:public_entry", args=[entry.slug])).status_code == 404
    assert client.get(reverse("directory:public_entry", args=["absente"])).status_code == 404
    assert client.get(reverse("directory:public_photo", args=[entry.slug])).status_code == 404


CONTACT = {"name": "Paul Durand", "email": "paul@ime.example", "organisation": "IME", "message": "Une intervention ?"}


def test_the_contact_form_reaches_the_team_and_is_throttled(client, dw, settings):
    settings.DIRECTORY_CONTACT_LIMIT_PER_IP = 2
    entry = published_entry(plan=dw.plan, team=dw.team)
    url = reverse("directory:public_entry", args=[entry.slug])
    invalid = client.post(url, {**CONTACT, "email": "pas-une-adresse"})
    assert invalid.status_code == 400 and not mail.outbox
    for _ in range(2):
        assert client.post(url, CONTACT).status_code == 302
    assert [message.to for message in mail.outbox] == [[dw.team.email], [dw.team.email]]
    refused = client.post(url, CONTACT)
    assert refused.status_code == 400 and "Trop de messages" in refused.content.decode()
    assert len(mail.outbox) == 2


def test_the_honeypot_sends_nothing(client, dw):
    entry = published_entry(plan=dw.plan, team=dw.team)
    response = client.post(reverse("directory:public_entry", args=[entry.slug]), {**CONTACT, "website": "x"})
    assert response.status_code == 302 and not mail.outbox


def _publish_many(dw, count, start):
    from lms.people.factories import UserFactory

    for index in range(start, start + count):
        person = UserFactory(email=f"ip{index}@test.fr", first_name=f"Personne{index}", last_name="Test")
        enrol(dw.ip_group, person)
        validated = plan(person, dw.ip_group, status=FollowUpPlan.Status.VALIDATED, themes=f"Thème {index}")
        published_entry(plan=validated, team=dw.team, show_languages=True, languages=["fr"])


def _queries(client, params=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("directory:public_list"), params or {})
    assert response.status_code == 200
    return len(queries)


def test_the_public_list_runs_a_constant_number_of_queries(client, dw):
    _publish_many(dw, 2, 0)
    few = _queries(client), _queries(client, {"q": "thème", "department": dw.ip_group.territory.pk})
    _publish_many(dw, 6, 10)
    many = _queries(client), _queries(client, {"q": "thème", "department": dw.ip_group.territory.pk})
    assert few == many


def test_every_page_links_the_directory_in_its_footer(client, dw):
    html = client.get(reverse("accessibility:statement")).content.decode()
    assert f'href="{reverse("directory:public_list")}"' in html


def test_the_person_deletes_their_entry_and_may_start_again(client, dw):
    entry = services.start_entry(actor=dw.trainee, plan=dw.plan)
    client.force_login(dw.other)
    assert client.post(reverse("directory:my_entry_delete", args=[entry.pk])).status_code == 404
    client.force_login(dw.trainee)
    response = client.post(reverse("directory:my_entry_delete", args=[entry.pk]))
    assert response["Location"] == reverse("directory:mine")
    assert not DirectoryEntry.objects.exists()
    assert "Créer ma fiche annuaire" in client.get(reverse("directory:mine")).content.decode()
