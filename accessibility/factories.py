"""factory_boy factories for consent and needs, used by the tests and by seed_demo."""

import factory
from django.utils import timezone

from accessibility.models import AccessibilityNeed, ArrangementKind, NeedsConsent
from accessibility.services import CONSENT_TEXT
from lms.people.factories import UserFactory


class NeedsConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedsConsent
        django_get_or_create = ("trainee",)

    trainee = factory.SubFactory(UserFactory)
    text = CONSENT_TEXT
    given_at = factory.LazyFunction(timezone.now)
    recorded_by = factory.SelfAttribute("trainee")


class AccessibilityNeedFactory(factory.django.DjangoModelFactory):
    """A need with its consent (needs never exist without one)."""

    class Meta:
        model = AccessibilityNeed
        # The consent hook creates another row; the need itself needs no second save.
        skip_postgeneration_save = True

    trainee = factory.SubFactory(UserFactory)
    kind = ArrangementKind.LSF
    details = ""
    recorded_by = factory.SelfAttribute("trainee")

    @factory.post_generation
    def consent(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            NeedsConsentFactory(trainee=obj.trainee)
