"""Test and demo builders for surveys. Templates come from the kit (lms.surveys.kit)."""

import datetime

import factory

from lms.surveys.models import Campaign, Complaint, SurveyTemplate


class CampaignFactory(factory.django.DjangoModelFactory):
    """Pass `group`; the template defaults to the kit's active hot-session questionnaire."""

    class Meta:
        model = Campaign

    template = factory.LazyFunction(lambda: SurveyTemplate.objects.get(moment="hot_session", is_active=True))
    opened_on = datetime.date(2026, 12, 1)
    closes_on = datetime.date(2026, 12, 22)


class ComplaintFactory(factory.django.DjangoModelFactory):
    """Pass `region`."""

    class Meta:
        model = Complaint

    received_on = datetime.date(2026, 12, 1)
    channel = Complaint.Channel.EMAIL
    category = Complaint.Category.LOGISTICS
    description = "La salle n'avait pas de rampe d'accès."
    acknowledge_by = datetime.date(2026, 12, 3)
    answer_by = datetime.date(2026, 12, 22)
