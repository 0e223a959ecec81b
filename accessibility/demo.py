"""Demo data: the demo trainee's consent and needs, and the plans of the sessions they attend."""

from accessibility import services
from accessibility.models import AccessibilityNeed, ArrangementKind, NeedsConsent
from lms.people.models import User

DEMO_NEEDS = [
    (ArrangementKind.LSF, "Je m'exprime en LSF ; un binôme d'interprètes pour les journées complètes."),
    (ArrangementKind.EXTRA_BREAKS, "Une pause de 10 minutes toutes les heures."),
]


def seed(stdout=None) -> None:
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
        stdout.write("Accessibilité : besoins de la stagiaire de démonstration et plans d'aménagements.")
