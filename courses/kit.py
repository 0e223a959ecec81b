"""The kit's data (seed 000, annex 3 "Kit formations"): the objectives table, in the kit's order and
wording, with an easy-to-read (FALC) version of each. Used by seed_demo and the test factories."""

from courses.models import ObjectiveScope

C, IP, RP, T = (
    ObjectiveScope.COMMON,
    ObjectiveScope.PEER_INTERVENERS,
    ObjectiveScope.REFERENTS,
    ObjectiveScope.JOINT,
)

# (code, scope, kit wording, FALC wording), in the order of the kit's table.
OBJECTIVES = [
    (
        "C1",
        C,
        "Connaitre les différentes dimensions de l'intervention par les pairs",
        "Je connais les différentes façons d'intervenir comme pair.\n"
        "Un pair est une personne qui vit une situation de handicap.",
    ),
    (
        "IP1",
        IP,
        "Connaître les savoirs expérientiels rares et comprendre leur utilité : "
        "savoir reconnaître et utiliser ses savoirs expérientiels rares",
        "Ce que j'ai appris en vivant avec mon handicap est un savoir.\nJe sais le reconnaître.\nJe sais l'utiliser.",
    ),
    (
        "C2",
        C,
        "Connaître les savoirs expérientiels rares et comprendre leur utilité : "
        "repérer les savoirs expérientiels rares et leur utilité dans le contexte d'exercice",
        "Je sais repérer les savoirs que les personnes ont appris en vivant avec un handicap.\n"
        "Je sais à quoi ils servent dans mon travail.",
    ),
    (
        "C3",
        C,
        "Être capable d'expliquer en quoi consistent les savoirs expérientiels rares des personnes "
        "en situation de handicap",
        "Je sais expliquer ce que sont les savoirs des personnes qui vivent avec un handicap.",
    ),
    (
        "C4",
        C,
        "Être capable d'expliquer en quoi consiste le développement du pouvoir d'agir des personnes "
        "en situation de handicap",
        "Je sais expliquer le pouvoir d'agir.\nLe pouvoir d'agir, c'est pouvoir agir sur sa vie.",
    ),
    (
        "C5",
        C,
        "Être capable d'expliquer en quoi consiste l'autodétermination des personnes en situation de handicap",
        "Je sais expliquer l'autodétermination.\nL'autodétermination, c'est faire ses propres choix.",
    ),
    (
        "IP2",
        IP,
        "Avoir amorcé une posture réflexive concernant son propre pouvoir d'agir et sa propre autodétermination",
        "J'ai commencé à réfléchir à mon pouvoir d'agir.\nJ'ai commencé à réfléchir à mes propres choix.",
    ),
    (
        "C6",
        C,
        "Avoir amorcé une posture réflexive sur l'importance des savoirs expérientiels rares des personnes "
        "en situation de handicap",
        "J'ai commencé à réfléchir à l'importance des savoirs des personnes qui vivent avec un handicap.",
    ),
    (
        "C7",
        C,
        "Avoir amorcé une posture réflexive sur comment favoriser le développement du pouvoir d'agir des "
        "personnes en situation de handicap",
        "J'ai commencé à réfléchir à comment aider les personnes à agir sur leur vie.",
    ),
    (
        "C8",
        C,
        "Avoir amorcé une posture réflexive sur comment favoriser l'autodétermination des personnes "
        "en situation de handicap",
        "J'ai commencé à réfléchir à comment aider les personnes à faire leurs propres choix.",
    ),
    (
        "C9",
        C,
        "Décrire les missions d'un intervenant-pair",
        "Je sais dire ce que fait un intervenant-pair.",
    ),
    (
        "RP1",
        RP,
        "Décrire les missions d'un référent de l'intervention par les pairs",
        "Je sais dire ce que fait un référent.\nLe référent accompagne les intervenants-pairs dans une structure.",
    ),
    (
        "C10",
        C,
        "Repérer et sélectionner les ressources nécessaires pour réaliser sa mission",
        "Je sais trouver les aides et les outils utiles pour ma mission.",
    ),
    (
        "C11",
        C,
        "Exprimer les conditions de réussite de l'intervention par les pairs",
        "Je sais dire ce qu'il faut pour qu'une intervention par les pairs se passe bien.",
    ),
    (
        "C12",
        C,
        "Exprimer les bénéfices de l'intervention par les pairs",
        "Je sais dire à quoi sert l'intervention par les pairs.\nJe sais dire ce qu'elle apporte.",
    ),
    (
        "IP3",
        IP,
        "Amorcer un projet d'intervention par les pairs",
        "Je commence un projet d'intervention comme pair.",
    ),
    (
        "RP2",
        RP,
        "Amorcer un accompagnement d'un projet d'intervention par les pairs",
        "Je commence à accompagner un projet d'intervention par les pairs.",
    ),
    (
        "T",
        T,
        "Que les intervenants-pairs et les référents de l'intervention par les pairs se connaissent et "
        "se respectent sans « prendre la place de »",
        "Les intervenants-pairs et les référents apprennent à se connaître.\n"
        "Ils se respectent.\n"
        "Chacun garde sa place.",
    ),
]


def objective_rows() -> list[dict]:
    """The objectives as model field values, sort_order following the kit's table."""
    return [
        {"code": code, "scope": scope, "wording": wording, "easy_read_wording": easy, "sort_order": index}
        for index, (code, scope, wording, easy) in enumerate(OBJECTIVES, start=1)
    ]
