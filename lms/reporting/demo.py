"""Demo of the tracking: the figures come from the other demos' groups (enrolments, attendance,
answers, certificates); this adds a finished XLSX export of the regional team's dashboard, so that
"Vos derniers exports" shows one. The funder's account is in lms.people.demo. Idempotent."""

from lms.people.models import User
from lms.reporting import services
from lms.reporting.models import ReportExport

REGIONAL_TEAM_EMAIL = "equipe.regionale@epop.example"


def seed(stdout=None) -> None:
    team = User.objects.filter(email=REGIONAL_TEAM_EMAIL).first()
    if team is None or ReportExport.objects.filter(requested_by=team).exists():
        return
    services.start_export(actor=team, kind=ReportExport.Kind.XLSX, query={})
    if stdout is not None:
        stdout.write("Suivi : un export XLSX de l'équipe régionale.")
