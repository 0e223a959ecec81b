"""Service refusals go through gettext with named placeholders, so an English user gets them from the
English catalogue. The catalogue is regenerated later, so these tests do not assert English text:
they mark every string the English translation returns, and check that the refusal carries the
mark with its values filled in after translation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import trans_real

from lms.cohorts.models import TrainingGroup
from lms.cohorts.services import GROUP_FULL_MESSAGE, SessionPlan, session_errors, validate_group
from lms.people.services import check_role_scope

MARK = "[en] "


@pytest.fixture
def marked_english(monkeypatch):
    """English active, each translated string prefixed with MARK."""
    with translation.override("en"):
        catalogue = trans_real.translation("en")
        original = catalogue.gettext
        monkeypatch.setattr(catalogue, "gettext", lambda message: MARK + original(message))
        yield


def messages_of(error: ValidationError) -> list[str]:
    return list(error.messages)


def test_a_refusal_with_a_value_is_translated_before_the_value_is_filled_in(marked_english):
    with pytest.raises(ValidationError) as caught:
        check_role_scope("astronaut", None, None)
    [message] = messages_of(caught.value)
    assert message.startswith(MARK)
    assert "astronaut" in message and "%(" not in message


def test_group_rules_are_translated(marked_english):
    group = TrainingGroup(
        name="G", capacity=0, start_date=datetime.date(2027, 3, 1), end_date=datetime.date(2027, 2, 1)
    )
    with pytest.raises(ValidationError) as caught:
        validate_group(group)
    refusals = caught.value.message_dict
    assert refusals["capacity"][0].startswith(MARK)
    assert refusals["end_date"][0].startswith(MARK)


def test_scheduling_refusals_are_translated(marked_english):
    plan = SessionPlan(
        session_page=None, groups=[], date=datetime.date(2027, 3, 1), start_time=datetime.time(9), end_time=None
    )
    [message] = session_errors(plan)
    assert message.startswith(MARK)


def test_a_module_level_message_is_lazy_and_follows_the_active_language(marked_english):
    assert str(GROUP_FULL_MESSAGE).startswith(MARK)
    with translation.override("fr"):
        assert not str(GROUP_FULL_MESSAGE).startswith(MARK)
