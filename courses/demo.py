"""Demo curriculum built from the kit (seed 000, annex 3): home page, course index, the two courses
with their public sheets, the 17 objectives and the transversal one, six sessions per course with
real content (FALC blocks, a captioned video with transcript and LSF, an H5P activity),
intersession tasks and the complementary modules. Idempotent."""

import uuid
from decimal import Decimal

from django.utils import timezone
from wagtail.models import Page, Site

from courses.factories import demo_document, h5p_activity
from courses.models import (
    Audience,
    ComplementaryModulePage,
    CourseIndexPage,
    CoursePage,
    HomePage,
    LearningObjective,
    ModuleTopic,
    SessionPage,
)
from courses.services import ensure_kit_objectives

HOME_INTRO = (
    "<p>L'approche EPoP forme des personnes en situation de handicap à devenir intervenants-pairs, "
    "et des professionnels à devenir référents de l'intervention par les pairs dans leur structure. "
    "Les deux formations partagent la plupart de leurs objectifs et se rencontrent lors de séances communes.</p>"
)
H5P_TITLE = "Quiz : le savoir expérientiel rare"

SHEET_COMMON = {
    "access_delay": "1 à 3 mois : les groupes démarrent après l'appel à candidatures régional.",
    "price": "Gratuit pour les stagiaires : la formation est financée dans le cadre du déploiement régional EPoP.",
    "teaching_methods": (
        "<p>Une co-animation par un formateur et un formateur pair. Des outils variés et alternés : "
        "présentations vidéo sous-titrées, ateliers, présentations orales, mises en situation et jeux de rôle. "
        "Un travail d'intersession relie chaque séance à la suivante, en lien avec l'accompagnement de "
        "l'équipe régionale. Les contenus restent consultables en ligne pour rattraper une absence.</p>"
    ),
    "evaluation_methods": (
        "<p>Un positionnement sur les objectifs à l'entrée, des évaluations intermédiaires entre les séances "
        "et une évaluation finale. Une attestation de fin de formation est remise quand la présence et les "
        "travaux d'intersession le permettent.</p>"
    ),
    "accessibility": (
        "<p>Les locaux sont accessibles, desservis par les transports en commun, avec une salle de pause à côté "
        "de la salle de formation. Les besoins sont recueillis avant l'entrée en formation pour prévoir les "
        "aménagements : interprétation en LSF, LPC, vélotypie, sous-titrage, documents en FALC, pictogrammes, "
        "communication alternative et améliorée (CAA), personne de soutien. Un référent handicap répond à vos "
        "questions.</p>"
    ),
    "contact_name": "Équipe régionale EPoP Auvergne-Rhône-Alpes",
    "contact_email": "formations@epop.example",
}

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
        "target_audience": "Personnes adultes en situation de tout type de handicap.",
        "prerequisites": (
            "Pas de diplôme exigé.\n"
            "Avoir du recul par rapport à son expérience de vie avec un handicap.\n"
            "Avoir envie de transmettre ses connaissances.\n"
            "S'engager à suivre toutes les séances."
        ),
        "prerequisites_easy_read": (
            "Vous n'avez pas besoin de diplôme.\n"
            "Vous pouvez parler de votre vie avec un handicap.\n"
            "Vous avez envie de partager ce que vous savez.\n"
            "Vous venez à toutes les séances."
        ),
        "access_conditions": (
            "Candidature auprès de l'équipe régionale EPoP, puis entretien de sélection.\n"
            "L'entretien permet aussi de recueillir vos besoins d'aménagement."
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
        "target_audience": "Professionnels de tout type de contexte : ESMS, entreprise, service public, association.",
        "prerequisites": (
            "L'implication de la structure, de l'encadrement et du professionnel qui candidate est vérifiée.\n"
            "Adhérer à une vision et une démarche inclusives.\n"
            "La charte d'engagement EPoP est signée par la structure.\n"
            "S'engager à suivre toutes les séances."
        ),
        "access_conditions": (
            "Candidature auprès de l'équipe régionale EPoP avec l'accord de l'employeur, puis entretien de "
            "sélection. La structure signe la charte d'engagement EPoP."
        ),
        "max_group_size": 15,
        "max_hours_per_session": None,
        "prefers_half_days": False,
    },
]


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _block(kind: str, value) -> dict:
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _easy(heading: str, *lines: str) -> dict:
    return _block("easy_read", {"heading": heading, "text": "\n".join(lines)})


def _video_block() -> dict:
    return _block(
        "video",
        {
            "title": "Le savoir expérientiel rare, en une minute",
            "video": demo_document("savoir-experientiel.webm", "Vidéo : le savoir expérientiel rare").pk,
            "video_url": "",
            "captions": demo_document("savoir-experientiel.vtt", "Sous-titres : le savoir expérientiel rare").pk,
            "transcript": _p(
                "Vivre avec un handicap apprend des choses que peu de personnes savent.",
                "Ce savoir s'appelle le savoir expérientiel rare.",
                "Il peut aider d'autres personnes, et aussi les professionnels.",
            ),
            "lsf_video": demo_document("savoir-experientiel-lsf.webm", "LSF : le savoir expérientiel rare").pk,
            "audio_description": None,
        },
    )


def _h5p_block(activity) -> dict:
    return _block(
        "h5p",
        {
            "activity": activity.pk,
            "instructions_easy_read": (
                "Lisez la question.\nChoisissez une réponse.\nAppuyez sur « Valider ma réponse »."
            ),
            "text_alternative": _p("Une question à choix unique sur le savoir expérientiel rare."),
            "text_question": {
                "question": "Qu'est-ce qu'un savoir expérientiel rare ?",
                "choices": [
                    "Un savoir appris dans les livres",
                    "Un savoir construit en vivant une expérience peu commune",
                    "Un diplôme",
                ],
                "correct": 2,
                "explanation": _p("On l'acquiert en vivant une expérience que peu de personnes vivent."),
            },
        },
    )


INTRO_SESSION = {
    "slug": "intervention-par-les-pairs",
    "title": "Séance 1 — L'intervention par les pairs, de quoi parle-t-on ?",
    "summary": "Se rencontrer, poser le cadre de la formation et découvrir les différentes dimensions de "
    "l'intervention par les pairs.",
    "summary_easy_read": "Nous faisons connaissance.\nNous découvrons ce qu'est un pair.\n"
    "Nous découvrons comment un pair peut aider.",
    "objectives": ["C1", "T"],
    "can_be_joint": True,
    "body": lambda activity: [
        _block(
            "paragraph",
            _p(
                "Une personne qui a vécu, ou vit encore, une expérience peu vécue par ses concitoyens et peu ou mal "
                "connue de la société peut avoir bâti des savoirs à partir de cette expérience rare. On l'appelle un "
                "« pair ».",
                "L'intervention par les pairs désigne l'ensemble des pratiques qui mobilisent ce savoir : "
                "contribuer à la qualité de vie des personnes concernées par le handicap, ou mettre ces savoirs au "
                "service des proches aidants, des professionnels, des décideurs et du grand public.",
                "Elle prend des formes variées : formation de professionnels, sensibilisation, expertise d'usage, "
                "design de biens et de services, représentation et défense des droits, participation aux politiques "
                "publiques.",
            ),
        ),
        _easy(
            "À retenir",
            "Un pair est une personne qui vit une situation de handicap.",
            "Le pair a appris des choses en vivant cette situation.",
            "Il peut partager ce savoir pour aider les autres.",
        ),
        _block(
            "quote",
            {
                "quote": "On ne prend pas la place de l'autre : on apprend à travailler ensemble.",
                "attribution": "Une formatrice paire",
            },
        ),
    ],
    "intersession_task_title": "Mon histoire en quelques mots",
    "intersession_instructions": "Repérez une situation où votre expérience (de vie ou professionnelle) a été "
    "utile à quelqu'un. Décrivez-la en quelques lignes : le contexte, ce que vous avez fait, ce que cela a changé.",
    "intersession_instructions_easy_read": "Pensez à un moment où vous avez aidé quelqu'un.\n"
    "Racontez ce moment.\nVous pouvez écrire, enregistrer votre voix ou en parler à la prochaine séance.",
    "preparation_notes": _p(
        "Accueil, tour de présentation avec le photolangage, règles du groupe co-construites.",
        "Atelier en sous-groupes : « Pair, c'est quoi pour vous ? », puis mise en commun.",
    ),
    "preparation_materials": "Cartes photolangage\nPaperboard et feutres\nVidéoprojecteur",
}

SESSIONS = {
    Audience.PEER_INTERVENERS: [
        INTRO_SESSION,
        {
            "slug": "savoir-experientiel-rare",
            "title": "Séance 2 — Mon savoir expérientiel rare",
            "summary": "Reconnaître ce que l'expérience du handicap a appris, et comprendre en quoi ce savoir est "
            "utile aux autres.",
            "summary_easy_read": "Vous avez appris des choses en vivant avec un handicap.\n"
            "Ces choses sont un savoir.\nCe savoir peut aider les autres.",
            "objectives": ["IP1", "C2", "C3", "C6"],
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "Le savoir expérientiel se construit par la réflexion sur l'expérience directe, par opposition "
                        "au savoir théorique ou académique. Chacun en possède, dans sa vie personnelle ou "
                        "professionnelle.",
                        "Le savoir expérientiel rare naît d'expériences peu communes, donc peu connues et mal "
                        "comprises. Sa rareté ne se mesure pas en statistiques : il est rare parce qu'il n'est pas "
                        "partagé et qu'il a de la valeur. Dans EPoP, il s'élabore à partir des situations de "
                        "handicap.",
                    ),
                ),
                _video_block(),
                _easy(
                    "Le savoir expérientiel rare",
                    "Vous vivez avec un handicap.",
                    "Vous avez appris des choses que peu de personnes savent.",
                    "C'est votre savoir expérientiel rare.",
                    "Ce savoir a de la valeur.",
                ),
                _h5p_block(activity),
            ],
            "intersession_task_title": "Ce que je sais grâce à mon expérience",
            "intersession_instructions": "Listez trois choses que vous savez grâce à votre expérience du handicap, "
            "et pour chacune, une personne ou un professionnel à qui elle pourrait être utile.",
            "intersession_instructions_easy_read": "Trouvez 3 choses que vous savez grâce à votre vie.\n"
            "Pour chaque chose, dites à qui elle peut servir.",
            "preparation_notes": _p("Vidéo sous-titrée, puis « ligne de vie » individuelle et partage en binôme."),
            "preparation_materials": "Vidéo et sa transcription imprimée\nFeuilles « ligne de vie »",
        },
        {
            "slug": "pouvoir-d-agir",
            "title": "Séance 3 — Le pouvoir d'agir",
            "summary": "Comprendre le développement du pouvoir d'agir et réfléchir au sien.",
            "summary_easy_read": (
                "Le pouvoir d'agir, c'est pouvoir agir sur sa vie.\nNous parlons de votre pouvoir d'agir."
            ),
            "objectives": ["C4", "C7", "IP2"],
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "Le développement du pouvoir d'agir désigne la capacité des personnes à agir sur ce qui est "
                        "important pour elles, leurs proches ou leur collectif. Il se construit avec les autres et "
                        "dépend aussi de l'environnement.",
                        "Nous partons de situations vécues pour repérer ce qui freine et ce qui permet d'agir.",
                    ),
                ),
                _easy(
                    "Le pouvoir d'agir",
                    "Le pouvoir d'agir, c'est pouvoir changer ce qui compte pour vous.",
                    "On le construit avec les autres.",
                    "Certaines choses aident à agir.",
                    "D'autres choses empêchent d'agir.",
                ),
            ],
            "preparation_notes": _p(
                "Mises en situation à partir de récits des stagiaires ; débriefing en grand groupe."
            ),
        },
        {
            "slug": "autodetermination",
            "title": "Séance 4 — L'autodétermination",
            "summary": "Expliquer l'autodétermination et réfléchir à ses propres choix.",
            "summary_easy_read": "L'autodétermination, c'est faire ses propres choix.\nNous parlons de vos choix.",
            "objectives": ["C5", "C8", "IP2"],
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "L'autodétermination, c'est agir comme premier acteur de sa vie : faire des choix, prendre "
                        "des décisions, sans influence ou ingérence externe indue.",
                        "Elle se soutient : information accessible, possibilités réelles de choisir, droit à l'erreur.",
                    ),
                ),
                _easy(
                    "L'autodétermination",
                    "Vous décidez pour vous.",
                    "Vous pouvez demander de l'aide pour choisir.",
                    "Vous avez le droit de vous tromper.",
                ),
            ],
            "intersession_task_title": "Un choix que j'ai fait",
            "intersession_instructions": "Décrivez un choix important que vous avez fait : ce qui vous a aidé, "
            "ce qui a été difficile.",
            "intersession_instructions_easy_read": "Racontez un choix que vous avez fait.\n"
            "Dites ce qui vous a aidé.\nDites ce qui a été difficile.",
            "preparation_notes": _p("Jeu de rôle « choisir pour soi » ; ressources en FALC."),
        },
        {
            "slug": "missions",
            "title": "Séance 5 — Les missions de l'intervenant-pair",
            "summary": "Décrire les missions de l'intervenant-pair, rencontrer les référents et repérer les "
            "ressources pour sa mission.",
            "summary_easy_read": "Nous parlons du travail de l'intervenant-pair.\nNous rencontrons les référents.\n"
            "Nous cherchons les aides utiles.",
            "objectives": ["C9", "C10", "T"],
            "can_be_joint": True,
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "Séance commune avec les futurs référents : chacun présente sa mission, ses attentes et ses "
                        "limites. L'objectif est de se connaître et de se respecter sans « prendre la place de ».",
                        "Nous construisons ensemble une carte des ressources : personnes, structures, outils.",
                    ),
                ),
                _easy(
                    "Les missions",
                    "L'intervenant-pair partage son savoir.",
                    "Le référent l'accueille et l'accompagne dans la structure.",
                    "Chacun garde sa place.",
                ),
            ],
            "preparation_notes": _p(
                "Séance commune : prévoir une salle pour 23 personnes et deux animateurs par atelier."
            ),
        },
        {
            "slug": "projet",
            "title": "Séance 6 — Réussir et commencer mon projet",
            "summary": "Exprimer les conditions de réussite et les bénéfices de l'intervention par les pairs, "
            "puis amorcer son projet d'intervention.",
            "summary_easy_read": "Nous parlons de ce qui aide à réussir.\nVous commencez votre projet.",
            "objectives": ["C11", "C12", "IP3"],
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "Les retours d'expérience montrent l'importance de l'accompagnement par l'équipe régionale, "
                        "de la préparation des équipes qui accueillent et d'un cadre clair.",
                        "Chacun esquisse son projet d'intervention et les premières étapes à franchir avec "
                        "l'équipe EPoP.",
                    ),
                ),
                _easy(
                    "Mon projet",
                    "Vous choisissez une action.",
                    "Vous dites avec qui vous la faites.",
                    "L'équipe EPoP vous accompagne.",
                ),
            ],
            "preparation_notes": _p("Bilan de la formation et fiche projet ; présentation de l'accompagnement."),
        },
    ],
    Audience.REFERENTS: [
        INTRO_SESSION,
        {
            "slug": "savoirs-experientiels",
            "title": "Séance 2 — Reconnaître les savoirs expérientiels rares",
            "summary": "Repérer les savoirs expérientiels rares et leur utilité dans son contexte d'exercice.",
            "summary_easy_read": "Les personnes qui vivent avec un handicap ont un savoir.\n"
            "Ce savoir est utile dans votre travail.",
            "objectives": ["C2", "C3", "C6"],
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "Le savoir expérientiel rare est issu de la réflexion sur des expériences peu communes. "
                        "Dans une structure, il éclaire ce que les professionnels ne voient pas toujours : les "
                        "obstacles concrets, les attentes, les solutions trouvées par les personnes.",
                    ),
                ),
                _video_block(),
                _easy(
                    "Le savoir expérientiel rare",
                    "Les personnes en situation de handicap savent des choses.",
                    "Elles l'ont appris en vivant.",
                    "Ce savoir aide les professionnels.",
                ),
                _h5p_block(activity),
            ],
            "intersession_task_title": "Les savoirs dans ma structure",
            "intersession_instructions": "Repérez dans votre structure une situation où le savoir expérientiel "
            "d'une personne accompagnée a été, ou aurait pu être, utile.",
            "intersession_instructions_easy_read": "Pensez à votre travail.\n"
            "Trouvez un moment où le savoir d'une personne a été utile.\nRacontez-le.",
            "preparation_notes": _p("Étude de cas en sous-groupes par type de structure."),
        },
        {
            "slug": "pouvoir-d-agir",
            "title": "Séance 3 — Favoriser le pouvoir d'agir",
            "summary": "Expliquer le développement du pouvoir d'agir et réfléchir à la manière de le favoriser.",
            "summary_easy_read": "Le pouvoir d'agir, c'est pouvoir agir sur sa vie.\nLe professionnel peut l'aider.",
            "objectives": ["C4", "C7"],
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "Favoriser le pouvoir d'agir suppose de partager l'information, de laisser de la place à la "
                        "parole des personnes et d'ajuster les pratiques professionnelles.",
                    ),
                ),
                _easy("À retenir", "Le professionnel écoute.", "Il laisse la personne décider de ce qui compte."),
            ],
            "preparation_notes": _p("Analyse de pratiques à partir de situations apportées par les stagiaires."),
        },
        {
            "slug": "autodetermination",
            "title": "Séance 4 — Favoriser l'autodétermination",
            "summary": "Expliquer l'autodétermination et réfléchir à ce qui la favorise dans sa structure.",
            "summary_easy_read": "L'autodétermination, c'est faire ses propres choix.\n"
            "Le professionnel aide la personne à choisir.",
            "objectives": ["C5", "C8"],
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "Soutenir l'autodétermination, c'est créer des occasions de choisir, rendre l'information "
                        "accessible et reconnaître le droit à l'erreur.",
                    ),
                ),
                _easy("À retenir", "La personne choisit pour elle.", "Le professionnel donne l'information utile."),
            ],
            "preparation_notes": _p("Atelier « les choix dans notre structure » ; outils FALC et CAA."),
        },
        {
            "slug": "missions",
            "title": "Séance 5 — Les missions de l'intervenant-pair et du référent",
            "summary": "Décrire les missions de l'intervenant-pair et du référent, rencontrer les intervenants-pairs "
            "et repérer les ressources.",
            "summary_easy_read": "Nous parlons du travail de l'intervenant-pair et du référent.\n"
            "Nous rencontrons les intervenants-pairs.",
            "objectives": ["C9", "RP1", "C10", "T"],
            "can_be_joint": True,
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "Séance commune avec les futurs intervenants-pairs. Le référent facilite l'accueil de "
                        "l'intervenant-pair, prépare les équipes et veille au cadre de l'intervention, sans "
                        "« prendre la place de ».",
                    ),
                ),
                _easy(
                    "Les missions",
                    "Le référent accueille l'intervenant-pair.",
                    "Il prépare l'équipe.",
                    "Chacun garde sa place.",
                ),
            ],
            "preparation_notes": _p("Séance commune : ateliers mixtes, deux animateurs par atelier."),
        },
        {
            "slug": "projet",
            "title": "Séance 6 — Réussir et accompagner un projet",
            "summary": "Exprimer les conditions de réussite et les bénéfices, puis amorcer l'accompagnement d'un "
            "projet d'intervention par les pairs.",
            "summary_easy_read": "Nous parlons de ce qui aide à réussir.\nVous préparez l'accueil d'un projet.",
            "objectives": ["C11", "C12", "RP2"],
            "body": lambda activity: [
                _block(
                    "paragraph",
                    _p(
                        "Chaque référent esquisse un plan d'action pour sa structure : temps de sensibilisation, "
                        "outils juridiques, moyens, calendrier.",
                    ),
                ),
                _easy("Mon plan d'action", "Vous choisissez une action.", "Vous dites quand et avec qui."),
            ],
            "preparation_notes": _p("Fiche plan d'action ; présentation de la « boîte à outils » du référent."),
        },
    ],
}

MODULES = [
    (ModuleTopic.EASY_READ, "Module FALC", "Écrire et vérifier des documents faciles à lire et à comprendre."),
    (ModuleTopic.PUBLIC_SPEAKING, "Module prise de parole en public", "Préparer et oser une intervention orale."),
    (ModuleTopic.SELF_DETERMINATION, "Module autodétermination", "Approfondir l'autodétermination et ses outils."),
    (ModuleTopic.LEADING_WORKSHOPS, "Module animation d'ateliers", "Concevoir et animer un atelier participatif."),
    (ModuleTopic.HELPING_RELATIONSHIP, "Module relation d'aide", "Écouter, soutenir et connaître ses limites."),
]


def _home() -> HomePage:
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
    return home


DEMO_SESSION_HOURS = Decimal("6")


def _session(course: CoursePage, spec: dict, activity, objectives: dict) -> None:
    if SessionPage.objects.child_of(course).filter(slug=spec["slug"]).exists():
        return
    fields = {key: value for key, value in spec.items() if key not in {"objectives", "body"}}
    page = SessionPage(**fields, body=spec["body"](activity))
    # The demo schedule holds every session from 9:30 to 15:30 (lms.cohorts.demo): 6 h, the IP kit's maximum.
    page.planned_hours = DEMO_SESSION_HOURS
    codes = [code for code in spec["objectives"] if objectives[code].applies_to(course.audience)]
    page.objectives = [objectives[code] for code in codes]
    course.add_child(instance=page)


def seed(stdout=None) -> None:
    """Creates what is missing: home (default site root), index, objectives, courses, sessions, modules."""
    home = _home()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = home.add_child(instance=CourseIndexPage(title="Les formations", slug="formations"))
    objectives = {objective.code: objective for objective in ensure_kit_objectives()}
    activity = _demo_activity()
    for spec in COURSES:
        course = CoursePage.objects.filter(audience=spec["audience"]).first()
        if course is None:
            course = index.add_child(instance=CoursePage(**SHEET_COMMON, **spec, sheet_updated_on=timezone.localdate()))
        for session_spec in SESSIONS[spec["audience"]]:
            _session(course, session_spec, activity, objectives)
    for topic, title, summary in MODULES:
        if not ComplementaryModulePage.objects.filter(topic=topic).exists():
            index.add_child(instance=ComplementaryModulePage(topic=topic, title=title, summary=summary))
    if stdout:
        stdout.write(
            f"Curriculum : {LearningObjective.objects.count()} objectifs, {SessionPage.objects.count()} séances."
        )


def _demo_activity():
    from wagtail_lms.models import H5PActivity

    return H5PActivity.objects.filter(title=H5P_TITLE).first() or h5p_activity(title=H5P_TITLE)
