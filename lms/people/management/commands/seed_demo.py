"""Creates the EPoP demo world; safe to run again (idempotent)."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from lms.people.demo import accounts_table

# Each module exposes seed(stdout); they run in this order, each in its own transaction.
DEMO_MODULES = [
    "lms.people.demo",
    "courses.demo",
    "lms.cohorts.demo",
    "lms.followup.demo_group",
    "lms.directory.demo_groups",
    "lms.attendance.demo",
    "accessibility.demo",
    "lms.learning.demo",
    "lms.certificates.demo",
    "lms.surveys.demo",
    "lms.followup.demo",
    "lms.directory.demo",
    "lms.interventions.demo",
    "lms.tenders.demo",
    "lms.reporting.demo",
]


class Command(BaseCommand):
    help = "Crée (ou complète) le monde de démonstration EPoP : régions, organisme, comptes, formations."

    def handle(self, *args, **options):
        for dotted in DEMO_MODULES:
            module = importlib.import_module(dotted)
            with transaction.atomic():
                module.seed(self.stdout)

        self.stdout.write(self.style.SUCCESS("Démonstration prête."))
        self.stdout.write(accounts_table())
