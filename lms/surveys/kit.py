"""The kit's questionnaires (annex 3 "Kit formations"), version 1, in French with their easy-to-read
(FALC) wordings. The data migration seeds them; tests and the demo call `seed_templates` again after a
database flush."""

from lms.surveys.models import Question, SurveyTemplate

COMMENT = ("commentaire", "text", "Avez-vous autre chose à nous dire ?", "Vous voulez dire autre chose ?", [])

TEMPLATES = [
    (
        "avant-formation",
        "trainees",
        "before",
        "Avant la formation : vos attentes",
        "Avant la formation : ce que vous voulez",
        [
            ("attentes", "text", "Qu'attendez-vous de cette formation ?", "Qu'est-ce que vous voulez apprendre ?", []),
            (
                "besoins-exprimes",
                "yes_no",
                "Avez-vous pu dire vos besoins d'aménagement ?",
                "Vous avez pu dire ce qui vous aide ?",
                [],
            ),
            COMMENT,
        ],
    ),
    (
        "chaud-seance",
        "trainees",
        "hot_session",
        "Votre avis sur la séance",
        "La séance : votre avis",
        [
            ("seance-globale", "scale", "Êtes-vous satisfait de cette séance ?", "La séance vous a plu ?", []),
            ("seance-comprehension", "scale", "Avez-vous compris le contenu ?", "Vous avez compris ?", []),
            (
                "seance-rythme",
                "scale",
                "Le rythme et les pauses vous ont-ils convenu ?",
                "Les pauses étaient bien ?",
                [],
            ),
            (
                "seance-accessibilite",
                "yes_no",
                "Les aménagements prévus vous ont-ils permis de suivre la séance ?",
                "Vous avez eu l'aide qu'il vous fallait ?",
                [],
            ),
            COMMENT,
        ],
    ),
    (
        "chaud-formation",
        "trainees",
        "hot_course",
        "Votre avis sur la formation",
        "La formation : votre avis",
        [
            ("formation-globale", "scale", "Êtes-vous satisfait de la formation ?", "La formation vous a plu ?", []),
            (
                "objectifs-atteints",
                "scale",
                "La formation vous a-t-elle permis d'atteindre ses objectifs ?",
                "Vous avez appris ce qui était prévu ?",
                [],
            ),
            (
                "animation",
                "scale",
                "L'animation en binôme vous a-t-elle aidé ?",
                "Les 2 formateurs vous ont aidé ?",
                [],
            ),
            (
                "accessibilite",
                "scale",
                "La formation était-elle accessible pour vous ?",
                "Vous avez pu tout suivre ?",
                [],
            ),
            (
                "utilite",
                "choice",
                "À quoi la formation vous sert-elle d'abord ?",
                "La formation vous sert à quoi ?",
                ["Mon projet d'intervention", "Mon travail", "Ma vie personnelle", "Pas encore"],
            ),
            (
                "recommandation",
                "yes_no",
                "Recommanderiez-vous cette formation ?",
                "Vous direz à d'autres de faire la formation ?",
                [],
            ),
            COMMENT,
        ],
    ),
    (
        "froid",
        "trainees",
        "cold",
        "Trois mois après : ce que la formation a changé",
        "3 mois après : la formation vous sert ?",
        [
            (
                "mise-en-pratique",
                "yes_no",
                "Avez-vous mis en pratique ce que vous avez appris ?",
                "Vous avez utilisé ce que vous avez appris ?",
                [],
            ),
            (
                "utilite-pratique",
                "scale",
                "La formation vous est-elle utile aujourd'hui ?",
                "La formation vous sert aujourd'hui ?",
                [],
            ),
            (
                "frein",
                "choice",
                "Qu'est-ce qui vous freine le plus ?",
                "Qu'est-ce qui est difficile pour vous ?",
                ["Le temps", "Le soutien de ma structure", "La confiance en moi", "Rien"],
            ),
            (
                "accompagnement",
                "scale",
                "L'accompagnement de l'équipe régionale vous aide-t-il ?",
                "L'équipe de la région vous aide ?",
                [],
            ),
            COMMENT,
        ],
    ),
    (
        "formateurs",
        "trainers",
        "hot_course",
        "Le bilan des formateurs et formateurs pairs",
        "Le bilan des formateurs",
        [
            ("deroulement", "scale", "Le déroulement du programme était-il adapté ?", "Le programme était bien ?", []),
            ("coanimation", "scale", "La co-animation s'est-elle bien passée ?", "Animer à 2 s'est bien passé ?", []),
            ("supports", "scale", "Les supports du kit étaient-ils adaptés ?", "Les documents étaient bien ?", []),
            ("logistique", "scale", "Les salles et la logistique convenaient-elles ?", "Les salles étaient bien ?", []),
            COMMENT,
        ],
    ),
    (
        "financeurs",
        "funders",
        "yearly",
        "Le bilan annuel des financeurs",
        "Le bilan de l'année pour les financeurs",
        [
            ("information", "scale", "Avez-vous été bien informé de l'avancement ?", "On vous a bien informé ?", []),
            ("resultats", "scale", "Les résultats répondent-ils à vos attentes ?", "Les résultats vous vont ?", []),
            COMMENT,
        ],
    ),
    (
        "employeurs",
        "employers",
        "cold",
        "L'avis des employeurs des référents",
        "L'avis des employeurs",
        [
            ("changements", "scale", "La formation a-t-elle changé les pratiques ?", "Le travail a changé ?", []),
            ("soutien", "yes_no", "Avez-vous pu soutenir le référent ?", "Vous avez aidé le référent ?", []),
            COMMENT,
        ],
    ),
    (
        "partenaires",
        "partners",
        "after_intervention",
        "L'avis des partenaires après une intervention",
        "L'avis des partenaires après une intervention",
        [
            (
                "intervention",
                "scale",
                "L'intervention a-t-elle répondu à votre demande ?",
                "L'intervention était bien ?",
                [],
            ),
            ("renouveler", "yes_no", "Referiez-vous appel à un intervenant-pair ?", "Vous redemanderez ?", []),
            COMMENT,
        ],
    ),
]


def seed_templates(template_model, question_model) -> int:
    """Creates the missing templates (given the model classes, so a migration can pass its own)."""
    created_count = 0
    for code, audience, moment, title, title_easy_read, questions in TEMPLATES:
        template, created = template_model.objects.get_or_create(
            code=code,
            version=1,
            defaults={"audience": audience, "moment": moment, "title": title, "title_easy_read": title_easy_read},
        )
        if not created:
            continue
        created_count += 1
        for position, (qcode, kind, text, easy, choices) in enumerate(questions):
            question_model.objects.create(
                template=template,
                code=qcode,
                position=position,
                kind=kind,
                text=text,
                text_easy_read=easy,
                choices=choices,
            )
    return created_count


def ensure_kit_templates() -> int:
    return seed_templates(SurveyTemplate, Question)
