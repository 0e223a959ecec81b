"""Creates the EPoP demo world; safe to run again (idempotent)."""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each module exposes seed(stdout); they run in this order, each in its own transaction.
DEMO_MODULES = [
    "lms.people.demo",
    "courses.demo",
    "lms.cohorts.demo",
    "lms.attendance.demo",
    "accessibility.demo",
    "lms.learning.demo",
    "lms.certificates.demo",
]


class Command(BaseCommand):
    help = "Crée (ou complète) le monde de démonstration EPoP : régions, organisme, comptes, formations."

    def handle(self, *args, **options):
        for dotted in DEMO_MODULES:
            module = importlib.import_module(dotted)
            with transaction.atomic():
                module.seed(self.stdout)
        from lms.people.demo import accounts_table

        self.stdout.write(self.style.SUCCESS("Démonstration prête."))
        self.stdout.write(accounts_table())
