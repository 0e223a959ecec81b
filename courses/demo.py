"""Demo curriculum: the home page, the course index and the two EPoP courses with the kit's rules."""

from decimal import Decimal

from wagtail.models import Page, Site

from courses.models import Audience, CourseIndexPage, CoursePage, HomePage

HOME_INTRO = (
    "<p>L'approche EPoP forme des personnes en situation de handicap à devenir intervenants-pairs, "
    "et des professionnels à devenir référents de l'intervention par les pairs dans leur structure. "
    "Les deux formations partagent la plupart de leurs objectifs et se rencontrent lors de séances communes.</p>"
)

COURSES = [
    {
        "audience": Audience.PEER_INTERVENERS,
        "title": "Formation des intervenants-pairs",
        "slug": "intervenants-pairs",
        "summary": (
            "Pour les adultes en situation de handicap, quel que soit le handicap, sans condition de diplôme, "
            "qui veulent mettre leur savoir expérientiel au service des autres."
        ),
        "summary_easy_read": (
            "Cette formation est pour vous si vous vivez avec un handicap.\n"
            "Vous apprenez à aider d'autres personnes avec votre expérience.\n"
            "Vous n'avez pas besoin de diplôme."
        ),
        "max_group_size": 8,
        "max_hours_per_session": Decimal("6"),
        "prefers_half_days": True,
    },
    {
        "audience": Audience.REFERENTS,
        "title": "Formation des référents de l'intervention par les pairs",
        "slug": "referents",
        "summary": (
            "Pour les professionnels de tout contexte (ESMS, entreprise, service public) dont la structure "
            "s'engage à accueillir des intervenants-pairs."
        ),
        "summary_easy_read": (
            "Cette formation est pour les professionnels.\n"
            "Ils travaillent dans un établissement, une entreprise ou un service public.\n"
            "Ils accueillent des intervenants-pairs dans leur travail."
        ),
        "max_group_size": 15,
        "max_hours_per_session": None,
        "prefers_half_days": False,
    },
]


def seed(stdout=None) -> None:
    """Creates the home page (as the default site's root), the index and the two courses."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title="Former à l'intervention par les pairs", slug="accueil", intro=HOME_INTRO)
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "EPoP formations"},
        )
        # Wagtail's installation page is replaced by ours.
        Page.objects.filter(depth=2).exclude(pk=home.pk).exclude(content_type__model="homepage").delete()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=CourseIndexPage(title="Les formations", slug="formations"))
    for spec in COURSES:
        if CoursePage.objects.filter(audience=spec["audience"]).exists():
            continue
        index.add_child(instance=CoursePage(**spec))
