"""The next health check: due one cadence period after the last check (or the start), due soon
within two weeks, overdue after its date."""

from __future__ import annotations

from datetime import date

import pytest

from partnerpath.core.lifecycle.cadence import Cadence, DueStatus, next_check

START = date(2026, 1, 31)

# (case, last check, cadence, today, due on, status, days overdue)
CASES: list[tuple[str, date | None, Cadence | None, date, date, DueStatus, int]] = [
    (
        "monthly from the start, end of month",
        None,
        Cadence.MONTHLY,
        date(2026, 2, 1),
        date(2026, 2, 28),
        DueStatus.NOT_DUE,
        0,
    ),
    (
        "every 2 months from the last check",
        date(2026, 3, 10),
        Cadence.EVERY_2_MONTHS,
        date(2026, 4, 1),
        date(2026, 5, 10),
        DueStatus.NOT_DUE,
        0,
    ),
    (
        "quarterly, due within two weeks",
        date(2026, 3, 10),
        Cadence.QUARTERLY,
        date(2026, 5, 27),
        date(2026, 6, 10),
        DueStatus.DUE_SOON,
        0,
    ),
    (
        "due today is due soon, not overdue",
        date(2026, 3, 10),
        Cadence.QUARTERLY,
        date(2026, 6, 10),
        date(2026, 6, 10),
        DueStatus.DUE_SOON,
        0,
    ),
    (
        "a day late",
        date(2026, 3, 10),
        Cadence.QUARTERLY,
        date(2026, 6, 11),
        date(2026, 6, 10),
        DueStatus.OVERDUE,
        1,
    ),
    (
        "six-monthly, long overdue",
        date(2025, 1, 15),
        Cadence.SIX_MONTHLY,
        date(2026, 1, 15),
        date(2025, 7, 15),
        DueStatus.OVERDUE,
        184,
    ),
    (
        "yearly",
        date(2026, 2, 1),
        Cadence.YEARLY,
        date(2026, 2, 2),
        date(2027, 2, 1),
        DueStatus.NOT_DUE,
        0,
    ),
    (
        "no cadence agreed: every 2 months",
        None,
        None,
        date(2026, 2, 1),
        date(2026, 3, 31),
        DueStatus.NOT_DUE,
        0,
    ),
]


@pytest.mark.parametrize(
    ("last", "cadence", "today", "due", "status", "late"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_it_works_out_the_next_check(
    last: date | None,
    cadence: Cadence | None,
    today: date,
    due: date,
    status: DueStatus,
    late: int,
) -> None:
    result = next_check(last, START, cadence, today)
    assert (result.due_on, result.status, result.days_overdue) == (due, status, late)


def test_the_reason_says_when_and_why() -> None:
    result = next_check(date(2026, 3, 10), START, Cadence.QUARTERLY, date(2026, 6, 20))
    assert result.reason == (
        "Overdue by 10 days: due 10 Jun 2026, quarterly after the last check (10 Mar 2026)."
    )
    default = next_check(None, START, None, date(2026, 2, 1))
    assert (
        "(no cadence agreed; the default)" in default.reason and "after the start" in default.reason
    )


def test_the_due_soon_window_can_be_set() -> None:
    today = date(2026, 5, 27)
    assert (
        next_check(date(2026, 3, 10), START, Cadence.QUARTERLY, today, 7).status
        is DueStatus.NOT_DUE
    )
