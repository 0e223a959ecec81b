"""The kit's requirements (annex 3 "Kit formations") as the first version of the national
specification, and the default award criteria of a call. Plain data: the data migration and the
services both read it."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# (code, wording, level, check method, kit rule)
KIT_REQUIREMENTS = [
    ("TAILLE-GROUPE", "Des groupes de 8 intervenants-pairs au plus et de 15 référents au plus.", "must", "automatic",
     "group_size"),
    ("SEANCES", "Une séance d'intervenants-pairs dure 6 heures au plus (demi-journées privilégiées) ; les jours de "
     "formation d'un groupe ne sont jamais consécutifs.", "must", "automatic", "sessions"),
    ("RYTHME", "De 5 à 8 jours de formation, étalés sur 3 à 4 mois, pour environ 35 heures.", "must", "automatic",
     "rhythm"),
    ("CO-ANIMATION", "Chaque séance est co-animée du début à la fin par un formateur ou une formatrice et un "
     "formateur ou une formatrice pair.", "must", "automatic", "co_animation"),
    ("ACCESSIBILITE", "Les moyens d'accessibilité sont prévus : LSF, LPC, vélotypie, sous-titrage, FALC, CAA, "
     "personnes d'appui, locaux accessibles avec une salle de pause.", "must", "automatic", "accessibility"),
    ("OBJECTIFS", "Le programme couvre les 17 objectifs du kit : les 12 objectifs communs et les objectifs "
     "spécifiques de chaque public.", "must", "evaluators", ""),
    ("RATTRAPAGE", "Un stagiaire absent peut rattraper la séance manquée, en ligne ou accompagné.", "must",
     "evaluators", ""),
    ("INTERSESSION", "Un travail d'intersession relie les séances, en lien avec l'accompagnement de l'équipe "
     "régionale.", "should", "evaluators", ""),
]  # fmt: skip

# (label, weight): price first, then the quality sub-criteria.
DEFAULT_CRITERIA = [
    (_("Prix"), 40),
    (_("Pédagogie"), 20),
    (_("Équipe, dont formateurs pairs"), 15),
    (_("Accessibilité"), 15),
    (_("Calendrier"), 10),
]


def seed_specification(specification_model, requirement_model) -> None:
    """Publishes version 1 from the kit when no version exists (model classes passed in, so that the
    data migration can give its historical models)."""
    if specification_model.objects.exists():
        return
    specification = specification_model.objects.create(version=1, published_at=timezone.now())
    for order, (code, wording, level, check, rule) in enumerate(KIT_REQUIREMENTS, start=1):
        requirement_model.objects.create(
            specification=specification, code=code, wording=wording, level=level, check_method=check, rule=rule,
            order=order,
        )  # fmt: skip
