"""The due-diligence checklist rule (dd-checklist-v1): a readable case table of answers and
inherent risk against the rating, the second-person sign-off rules and the expiry dates."""

from __future__ import annotations

from datetime import date

import pytest

from partnerpath.core.risk.checklist import (
    QUESTIONS,
    RULE_NAME,
    SCALE_ANSWERS,
    Answer,
    GivenAnswer,
    Rating,
    Status,
    add_months,
    rate_checklist,
    sign_off_problems,
    status_of,
)
from partnerpath.core.risk.profile import RiskLevel

A = Answer
CLEAN: dict[str, Answer] = {
    "company_trafficking": A.NO_CONCERN,
    "company_other_crimes": A.NO_CONCERN,
    "people_trafficking": A.NO_CONCERN,
    "people_other_crimes": A.NO_CONCERN,
    "policy": A.YES,
    "goals_and_progress": A.YES,
    "relationships_and_reputation": A.NO_CONCERN,
    "development_value": A.HIGH_VALUE,
}


def _answers(remediated: tuple[str, ...] = (), **changes: Answer) -> dict[str, GivenAnswer]:
    answers = {**CLEAN, **changes}
    return {k: GivenAnswer(v, k in remediated, True) for k, v in answers.items()}


# (case, changed answers, remediated questions, inherent risk, expected rating)
CASES: list[tuple[str, dict[str, Answer], tuple[str, ...], RiskLevel | None, Rating]] = [
    ("all clear, low inherent risk", {}, (), RiskLevel.LOW, Rating.LOW),
    ("all clear, inherent risk not rated", {}, (), None, Rating.LOW),
    ("all clear, medium inherent risk", {}, (), RiskLevel.MEDIUM, Rating.LOW),
    ("all clear, high inherent risk raises the floor", {}, (), RiskLevel.HIGH, Rating.MEDIUM),
    ("all clear, very high inherent risk", {}, (), RiskLevel.VERY_HIGH, Rating.MEDIUM),
    (
        "serious trafficking finding on the company",
        {"company_trafficking": A.SERIOUS_CONCERN},
        (),
        RiskLevel.LOW,
        Rating.UNACCEPTABLE,
    ),
    (
        "serious forced-labour finding on a key individual",
        {"people_trafficking": A.SERIOUS_CONCERN},
        (),
        RiskLevel.LOW,
        Rating.UNACCEPTABLE,
    ),
    (
        "serious trafficking finding, remediated",
        {"company_trafficking": A.SERIOUS_CONCERN},
        ("company_trafficking",),
        RiskLevel.LOW,
        Rating.HIGH,
    ),
    (
        "minor trafficking concern",
        {"company_trafficking": A.MINOR_CONCERN},
        (),
        RiskLevel.LOW,
        Rating.MEDIUM,
    ),
    (
        "serious money-laundering finding",
        {"company_other_crimes": A.SERIOUS_CONCERN},
        (),
        RiskLevel.LOW,
        Rating.HIGH,
    ),
    (
        "serious money-laundering finding, remediated",
        {"people_other_crimes": A.SERIOUS_CONCERN},
        ("people_other_crimes",),
        RiskLevel.LOW,
        Rating.MEDIUM,
    ),
    (
        "serious reputation concern",
        {"relationships_and_reputation": A.SERIOUS_CONCERN},
        (),
        RiskLevel.LOW,
        Rating.HIGH,
    ),
    ("no policy", {"policy": A.NO}, (), RiskLevel.LOW, Rating.MEDIUM),
    ("no policy where inherent risk is high", {"policy": A.NO}, (), RiskLevel.HIGH, Rating.HIGH),
    ("policy only partly", {"policy": A.PARTLY}, (), RiskLevel.LOW, Rating.LOW),
    ("no goals", {"goals_and_progress": A.NO}, (), RiskLevel.LOW, Rating.MEDIUM),
    (
        "goals without reported progress",
        {"goals_and_progress": A.PARTLY},
        (),
        RiskLevel.LOW,
        Rating.LOW,
    ),
    (
        "an unknown answer keeps it from low",
        {"people_other_crimes": A.UNKNOWN},
        (),
        RiskLevel.LOW,
        Rating.MEDIUM,
    ),
    (
        "unknown development value does not",
        {"development_value": A.UNKNOWN},
        (),
        RiskLevel.LOW,
        Rating.LOW,
    ),
    (
        "no development value never changes the rating",
        {"development_value": A.NO_VALUE},
        (),
        RiskLevel.LOW,
        Rating.LOW,
    ),
    (
        "the most severe floor wins",
        {"policy": A.NO, "company_trafficking": A.SERIOUS_CONCERN, "goals_and_progress": A.UNKNOWN},
        (),
        RiskLevel.VERY_HIGH,
        Rating.UNACCEPTABLE,
    ),
]


@pytest.mark.parametrize(
    ("case", "changes", "remediated", "inherent", "rating"), CASES, ids=[c[0] for c in CASES]
)
def test_dd_checklist_v1_case_table(
    case: str,
    changes: dict[str, Answer],
    remediated: tuple[str, ...],
    inherent: RiskLevel | None,
    rating: Rating,
) -> None:
    verdict = rate_checklist(_answers(remediated, **changes), inherent)
    assert verdict.rating is rating
    assert verdict.rule == RULE_NAME


def test_the_reasons_open_with_the_rating_and_name_the_deciding_answer() -> None:
    verdict = rate_checklist(
        _answers(company_trafficking=A.SERIOUS_CONCERN, policy=A.NO), RiskLevel.LOW
    )
    assert verdict.reasons[0] == "Rating unacceptable (dd-checklist-v1)."
    assert verdict.reasons[1] == (
        "Lawsuits or findings against the company on trafficking or forced labour: "
        "serious concern, not remediated."
    )
    assert "A human-rights policy or modern slavery statement: none." in verdict.reasons


def test_an_unanswered_checklist_is_not_rated_and_says_what_is_missing() -> None:
    answers = _answers()
    del answers["policy"]
    answers["goals_and_progress"] = GivenAnswer(None)
    verdict = rate_checklist(answers, RiskLevel.LOW)
    assert verdict.rating is None and not verdict.complete
    assert verdict.unanswered == ("policy", "goals_and_progress")
    assert verdict.reasons[0].startswith("Not rated (dd-checklist-v1): 2 questions unanswered")


def test_answers_without_evidence_are_listed_but_unknown_needs_none() -> None:
    answers = _answers()
    answers["policy"] = GivenAnswer(A.YES, has_evidence=False)
    answers["goals_and_progress"] = GivenAnswer(A.UNKNOWN, has_evidence=False)
    assert rate_checklist(answers, None).without_evidence == ("policy",)


def test_each_question_offers_unknown() -> None:
    assert all(A.UNKNOWN in SCALE_ANSWERS[q.scale] for q in QUESTIONS)
    assert len({q.key for q in QUESTIONS}) == len(QUESTIONS) == 8


COMPLETE = rate_checklist(_answers(), RiskLevel.LOW)


@pytest.mark.parametrize(
    ("signer", "answered_by", "last_editor", "allowed"),
    [
        (3, [1, 2], 2, True),
        (1, [1, 2], 2, False),  # answered a question
        (2, [1, 1], 2, False),  # last editor
        (3, [None, 1], 1, True),  # an answer whose reviewer left the programme
    ],
)
def test_sign_off_needs_a_second_person(
    signer: int, answered_by: list[int | None], last_editor: int, allowed: bool
) -> None:
    problems = sign_off_problems(COMPLETE, signer, answered_by, last_editor)
    assert (problems == []) is allowed
    if not allowed:
        assert problems == [
            "A second person must sign off: you answered questions on this checklist."
        ]


def test_sign_off_needs_every_answer_evidence_and_copied_answers_reviewed() -> None:
    answers = _answers()
    answers["policy"] = GivenAnswer(A.YES, has_evidence=False)
    del answers["development_value"]
    problems = sign_off_problems(rate_checklist(answers, None), 9, [1], 1, ["goals_and_progress"])
    assert problems == [
        "1 question is unanswered.",
        "Review the answers copied from the previous checklist: measurable goals and reported "
        "progress.",
        "Give evidence (a note, a web address or a document) for: a human-rights policy or modern "
        "slavery statement.",
    ]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 1), 12, date(2027, 3, 1)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2026, 11, 15), 3, date(2027, 2, 15)),
        (date(2026, 5, 10), 24, date(2028, 5, 10)),
    ],
)
def test_expiry_is_the_same_day_months_later(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("signed", "expires", "superseded", "today", "status"),
    [
        (None, None, False, date(2026, 3, 1), Status.IN_PROGRESS),
        (date(2026, 1, 1), date(2027, 1, 1), False, date(2026, 3, 1), Status.SIGNED_OFF),
        (date(2026, 1, 1), date(2027, 1, 1), False, date(2027, 1, 1), Status.EXPIRED),
        (date(2026, 1, 1), date(2027, 1, 1), True, date(2027, 6, 1), Status.SUPERSEDED),
    ],
)
def test_status(
    signed: date | None, expires: date | None, superseded: bool, today: date, status: Status
) -> None:
    assert status_of(signed, expires, superseded, today) is status
