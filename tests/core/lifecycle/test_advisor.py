"""The type advisor (type-advisor-v1): a case table of answers to the brief's questions against
the suggested type and scores, each with its reasons."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.core.lifecycle.advisor import (
    ADVISOR,
    BusinessLink,
    Impact,
    Resources,
    Role,
    Timeframe,
    TypeAnswers,
    advise,
)
from partnerpath.core.lifecycle.partnership_types import PartnershipType

T = PartnershipType
ACME = "Acme Seafood"

# (case, answers, suggestion, {type: score})
CASES: list[tuple[str, dict[str, Any], T | None, dict[T, int]]] = [
    (
        "the brief's worker-voice pilot at sea",
        {
            "impact": Impact.LASTING_CHANGE,
            "timeframe": Timeframe.LONG,
            "programme_role": Role.CO_CREATES,
            "partner_roles": {ACME: Role.CO_CREATES},
            "resources": Resources.SHARED,
            "business_link": BusinessLink.CORE,
        },
        T.SHARED_VALUE,
        {T.SHARED_VALUE: 12, T.SUPPORTER: 1, T.CSR: 0, T.ONE_OFF: 0},
    ),
    (
        "awareness training for a company's staff",
        {
            "impact": Impact.COMPANY_OPERATIONS,
            "timeframe": Timeframe.SHORT,
            "programme_role": Role.GIVES_GUIDANCE,
            "partner_roles": {ACME: Role.RECEIVES_GUIDANCE},
            "resources": Resources.EXPERTISE,
            "business_link": BusinessLink.CORE,
        },
        T.SUPPORTER,
        {T.SUPPORTER: 9, T.SHARED_VALUE: 3, T.CSR: 1, T.ONE_OFF: 0},
    ),
    (
        "computers for a survivors' shelter",
        {
            "impact": Impact.BENEFICIARIES,
            "timeframe": Timeframe.SHORT,
            "programme_role": Role.BROKERS,
            "partner_roles": {ACME: Role.GIVES_MONEY_OR_GOODS},
            "resources": Resources.COMPANY_GIVES,
            "business_link": BusinessLink.NOMINAL,
        },
        T.CSR,
        {T.CSR: 11, T.SUPPORTER: 1, T.ONE_OFF: 1, T.SHARED_VALUE: 0},
    ),
    (
        "a campaign for a near-term law change",
        {
            "impact": Impact.NEAR_TERM_POLICY,
            "timeframe": Timeframe.ONE_OFF,
            "programme_role": Role.BROKERS,
            "partner_roles": {ACME: Role.TAKES_PART},
            "resources": Resources.LIGHT,
        },
        T.ONE_OFF,
        {T.ONE_OFF: 9, T.CSR: 1, T.SUPPORTER: 0, T.SHARED_VALUE: 0},
    ),
    (
        "co-creation by only some partners is a weak signal",
        {
            "programme_role": Role.CO_CREATES,
            "partner_roles": {ACME: Role.CO_CREATES, "Port authority": Role.RECEIVES_GUIDANCE},
        },
        None,
        {T.SHARED_VALUE: 1, T.SUPPORTER: 1, T.CSR: 0, T.ONE_OFF: 0},
    ),
    (
        "a role held by two partners counts once",
        {"partner_roles": {ACME: Role.GIVES_MONEY_OR_GOODS, "Bank": Role.GIVES_MONEY_OR_GOODS}},
        T.CSR,
        {T.CSR: 2, T.SUPPORTER: 0, T.ONE_OFF: 0, T.SHARED_VALUE: 0},
    ),
    (
        "lasting change by giving money: a tie, no suggestion",
        {
            "impact": Impact.LASTING_CHANGE,
            "resources": Resources.COMPANY_GIVES,
            "timeframe": Timeframe.SHORT,
        },
        None,
        {T.SHARED_VALUE: 3, T.CSR: 3, T.SUPPORTER: 1, T.ONE_OFF: 0},
    ),
    ("nothing answered", {}, None, {T.SHARED_VALUE: 0, T.CSR: 0, T.SUPPORTER: 0, T.ONE_OFF: 0}),
]


@pytest.mark.parametrize(
    ("answers", "suggestion", "scores"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_it_suggests_a_type_from_the_answers(
    answers: dict[str, Any], suggestion: T | None, scores: dict[T, int]
) -> None:
    advice = advise(TypeAnswers(**answers))
    assert advice.suggestion is suggestion
    assert dict(advice.scores) == scores
    assert advice.advisor == ADVISOR
    for kind, score in scores.items():
        assert sum(int(r.split(":")[0]) for r in advice.reasons_for(kind)) == score


def test_a_tie_names_the_leading_types_and_asks_the_partners_to_talk() -> None:
    advice = advise(
        TypeAnswers(
            impact=Impact.LASTING_CHANGE,
            resources=Resources.COMPANY_GIVES,
            timeframe=Timeframe.SHORT,
        )
    )
    assert advice.suggestion is None
    assert advice.leading == (T.CSR, T.SHARED_VALUE)
    assert (
        advice.summary
        == "CSR / philanthropy and Shared value score the same (3); talk it through with the "
        "partners."
    )


def test_partial_co_creation_names_who_does_not_co_create() -> None:
    advice = advise(
        TypeAnswers(programme_role=Role.CO_CREATES, partner_roles={ACME: Role.GIVES_MONEY_OR_GOODS})
    )
    assert "+1: Only some partners co-create; not Acme Seafood." in advice.reasons_for(
        T.SHARED_VALUE
    )


def test_it_lists_the_questions_not_yet_answered() -> None:
    advice = advise(TypeAnswers(impact=Impact.AWARENESS))
    assert advice.unanswered == (
        "timeframe",
        "programme_role",
        "partner_roles",
        "resources",
        "business_link",
    )
    assert advise(TypeAnswers()).summary == "Answer the questions to get a suggestion."


def test_the_suggestion_gives_its_points_and_reasons() -> None:
    advice = advise(TypeAnswers(impact=Impact.NEAR_TERM_POLICY))
    assert advice.summary == "Suggested: One-off engagement (3 points)."
    assert advice.reasons_for(T.ONE_OFF) == (
        "+3: A near-term policy or law change is usually won by a one-off engagement.",
    )
