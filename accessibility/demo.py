"""Demo data: the demo trainee's consent and needs, the plans of the sessions they attend, and the
providers the demo regional team books arrangements from."""

from accessibility import services
from accessibility.models import AccessibilityNeed, ArrangementKind, ArrangementProvider, NeedsConsent
from lms.people.models import Role, User

DEMO_NEEDS = [
    (ArrangementKind.LSF, "Je m'exprime en LSF ; un binôme d'interprètes pour les journées complètes."),
    (ArrangementKind.EXTRA_BREAKS, "Une pause de 10 minutes toutes les heures."),
]


DEMO_PROVIDERS = [
    {
        "name": "Interprètes LSF Rhône",
        "kinds": [ArrangementKind.LSF],
        "email": "reservation@interpretes-lsf.example",
        "phone": "04 78 00 00 01",
        "booking_lead_days": 21,
        "notes": "Binôme d'interprètes pour une journée complète. Devis sous 48 h.",
    },
    {
        "name": "Vélotypie Services",
        "kinds": [ArrangementKind.CAPTIONING, ArrangementKind.SUBTITLES],
        "email": "contact@velotypie.example",
        "booking_lead_days": 14,
    },
]


def seed_providers() -> None:
    """The demo regional team's providers, saved through the service as that team would."""
    team = User.objects.filter(email="equipe.regionale@epop.example").first()
    if team is None:
        return
    region_id = team.role_assignments.filter(role=Role.REGIONAL_TEAM).values_list("region_id", flat=True).first()
    for fields in DEMO_PROVIDERS:
        if not ArrangementProvider.objects.filter(region_id=region_id, name=fields["name"]).exists():
            services.save_provider(actor=team, region_id=region_id, **fields)


def seed(stdout=None) -> None:
    seed_providers()
    trainee = User.objects.filter(email="stagiaire@epop.example").first()
    if trainee is None:
        return
    if not NeedsConsent.objects.filter(trainee=trainee).exists():
        services.give_consent(trainee, actor=trainee, accepted=True)
    for kind, details in DEMO_NEEDS:
        if not AccessibilityNeed.objects.filter(trainee=trainee, kind=kind).exists():
            services.add_need(trainee, actor=trainee, kind=kind, details=details)
    services.refresh_plans_for_trainee(trainee)
    if stdout is not None:
        stdout.write("Accessibilité : besoins de la stagiaire de démonstration, plans d'aménagements et prestataires.")
