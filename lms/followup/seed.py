"""The follow-up indicators the platform starts with (the issue's examples): interventions done,
projects started, referents' actions done, "je me sens capable de…" scales tied to the kit's
objectives, employment or volunteering status. Seeded by a data migration and by the demo."""

from lms.followup.models import IndicatorDefinition

INDICATORS = [
    # code, wording, easy-read wording, audience, type, kit objective
    (
        "interventions_done",
        "Nombre d'interventions réalisées depuis la fin de la formation",
        "Combien de fois avez-vous parlé de votre expérience à un groupe ?",
        "intervention_project",
        "count",
        "IP3",
    ),
    (
        "projects_started",
        "Nombre de projets d'intervention engagés",
        "Combien de projets avez-vous commencés ?",
        "intervention_project",
        "count",
        "IP3",
    ),
    (
        "referent_actions_done",
        "Nombre d'actions du plan réalisées dans la structure",
        "Combien d'actions avez-vous faites dans votre structure ?",
        "action_plan",
        "count",
        "RP2",
    ),
    (
        "able_to_share_experience",
        "Je me sens capable de transmettre mon savoir expérientiel",
        "Je peux parler de mon expérience pour aider les autres.",
        "intervention_project",
        "scale",
        "IP1",
    ),
    (
        "able_to_support_peers",
        "Je me sens capable d'accompagner l'intervention d'un pair dans ma structure",
        "Je peux aider un intervenant-pair dans mon travail.",
        "action_plan",
        "scale",
        "RP1",
    ),
    (
        "able_to_work_together",
        "Je me sens capable de travailler avec l'autre public sans prendre sa place",
        "Je peux travailler avec les autres et laisser chacun à sa place.",
        "both",
        "scale",
        "T",
    ),
    (
        "volunteering",
        "J'interviens comme bénévole",
        "Je fais des interventions comme bénévole.",
        "intervention_project",
        "yes_no",
        "",
    ),
    (
        "employment_status",
        "Situation d'emploi ou de bénévolat aujourd'hui",
        "Aujourd'hui, avez-vous un travail ou faites-vous du bénévolat ?",
        "both",
        "text",
        "",
    ),
]


def ensure_indicators(model=None) -> int:
    """Creates the missing seeded indicators (idempotent; `model` is the migration's historical model)."""
    if model is None:
        model = IndicatorDefinition
    created = 0
    for order, (code, wording, easy, audience, answer_type, objective) in enumerate(INDICATORS):
        _indicator, made = model.objects.get_or_create(
            code=code,
            defaults={
                "wording": wording,
                "wording_easy_read": easy,
                "audience": audience,
                "answer_type": answer_type,
                "objective_code": objective,
                "sort_order": order * 10,
            },
        )
        created += made
    return created
