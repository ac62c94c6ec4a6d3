"""Check-in cadence rules: the case table reviewers read."""

from datetime import date

import pytest

from partnerpath.core.checkins import (
    CheckinInput,
    CheckinStatus,
    cadence_for,
    checkin,
    due_checkins,
    is_stale,
)

TODAY = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("kind", "override", "expected"),
    [
        ("company", None, 90),
        ("ngo", None, 60),
        ("government", None, 120),
        ("company", 30, 30),
        ("unknown-kind", None, 90),
    ],
)
def test_it_uses_the_organisations_own_cadence_else_the_default_for_its_kind(
    kind, override, expected
):
    assert cadence_for(kind, override) == expected


@pytest.mark.parametrize(
    ("last", "override", "status", "late"),
    [
        (None, None, CheckinStatus.NEVER, 0),
        (date(2026, 3, 1), None, CheckinStatus.OVERDUE, 31),  # due 30 May
        (date(2026, 4, 10), None, CheckinStatus.DUE_SOON, 0),  # due 9 July, in 9 days
        (date(2026, 6, 1), None, CheckinStatus.OK, 0),
        (date(2026, 6, 1), 14, CheckinStatus.OVERDUE, 15),
        (date(2026, 4, 1), None, CheckinStatus.DUE_SOON, 0),  # due 30 June: today
    ],
)
def test_it_classifies_each_organisation_against_its_cadence(last, override, status, late):
    result = checkin(CheckinInput(1, "company", override, last), TODAY)
    assert result.status is status
    assert result.days_overdue == late
    assert result.reason


def test_due_list_puts_the_most_overdue_first_then_never_contacted_then_due_soon():
    items = [
        CheckinInput(1, "company", None, date(2026, 6, 20)),  # fine
        CheckinInput(2, "company", None, None),  # never
        CheckinInput(3, "company", None, date(2026, 1, 1)),  # very late
        CheckinInput(4, "company", None, date(2026, 3, 20)),  # late
        CheckinInput(5, "company", None, date(2026, 4, 10)),  # due soon
    ]
    assert [c.organisation_id for c in due_checkins(items, TODAY)] == [3, 4, 2, 5]


@pytest.mark.parametrize(
    ("last", "days", "stale"),
    [
        (None, 180, True),
        (date(2026, 1, 1), 180, False),
        (date(2025, 12, 31), 180, True),
        (date(2026, 6, 1), 10, True),
    ],
)
def test_an_organisation_is_stale_when_not_contacted_for_more_than_the_given_days(
    last, days, stale
):
    assert is_stale(last, TODAY, days) is stale
