"""Stage gates (gates-v1): a case table of facts and programme configuration against the unmet
requirement codes for each stage entered (messages and the 409 body: test_gates_in_words.py)."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.core.lifecycle.cadence import Cadence
from partnerpath.core.lifecycle.facts import ConcernStatus, Governance, Partner, PartnerRole
from partnerpath.core.lifecycle.gate_config import RULESET, GateConfig
from partnerpath.core.lifecycle.gates import check_move
from partnerpath.core.lifecycle.stages import Stage
from partnerpath.core.risk.checklist import Rating
from tests.core.lifecycle.helpers import LABOUR, deal_breaker, facts

S = Stage
NO_POINT_PERSON = Partner("acme", "Acme Seafood", PartnerRole.COMPANY, None)

# (case, changed facts, config changes, current, target, expected unmet codes in order)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], Stage, Stage, list[str]]] = [
    # entering co-creation
    ("ready for co-creation", {}, {}, S.CULTIVATING, S.CO_CREATION, []),
    (
        "a partner without a point-person",
        {"partners": (NO_POINT_PERSON, LABOUR)},
        {},
        S.CULTIVATING,
        S.CO_CREATION,
        ["point_person_missing"],
    ),
    (
        "no point-person for the programme",
        {"programme_point_person": None},
        {},
        S.CULTIVATING,
        S.CO_CREATION,
        ["point_person_missing"],
    ),
    (
        "no partners at all",
        {"partners": (), "due_diligence": {}},
        {},
        S.CULTIVATING,
        S.CO_CREATION,
        ["partners_missing"],
    ),
    (
        "due diligence unacceptable",
        {"due_diligence": {"acme": Rating.UNACCEPTABLE}},
        {},
        S.CULTIVATING,
        S.CO_CREATION,
        ["due_diligence_blocking"],
    ),
    (
        "due diligence high does not block by default",
        {"due_diligence": {"acme": Rating.HIGH}},
        {},
        S.CULTIVATING,
        S.CO_CREATION,
        [],
    ),
    (
        "due diligence high blocks where the programme says so",
        {"due_diligence": {"acme": Rating.HIGH}},
        {"blocking_ratings": frozenset({Rating.HIGH, Rating.UNACCEPTABLE})},
        S.CULTIVATING,
        S.CO_CREATION,
        ["due_diligence_blocking"],
    ),
    (
        "no due diligence record is not a block",
        {"due_diligence": {}},
        {},
        S.CULTIVATING,
        S.CO_CREATION,
        [],
    ),
    (
        "an unrated checklist is not a block",
        {"due_diligence": {"acme": None}},
        {},
        S.CULTIVATING,
        S.CO_CREATION,
        [],
    ),
    (
        "no due diligence record when the programme requires it",
        {"due_diligence": {}},
        {"require_due_diligence": True},
        S.CULTIVATING,
        S.CO_CREATION,
        ["due_diligence_missing"],
    ),
    (
        "an unrated checklist when the programme requires it",
        {"due_diligence": {"acme": None}},
        {"require_due_diligence": True},
        S.CULTIVATING,
        S.CO_CREATION,
        ["due_diligence_unrated"],
    ),
    (
        "required due diligence covers company partners only by default",
        {},
        {"require_due_diligence": True},
        S.CULTIVATING,
        S.CO_CREATION,
        [],
    ),
    # entering agreement
    ("ready for the agreement", {}, {}, S.CO_CREATION, S.AGREEMENT, []),
    (
        "an open deal-breaker",
        {"concerns": (deal_breaker(),)},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        ["open_deal_breaker"],
    ),
    (
        "a deal-breaker being resolved still blocks",
        {"concerns": (deal_breaker(status=ConcernStatus.BEING_RESOLVED),)},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        ["open_deal_breaker"],
    ),
    (
        "a resolved deal-breaker",
        {"concerns": (deal_breaker(status=ConcernStatus.RESOLVED),)},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        [],
    ),
    (
        "an accepted deal-breaker",
        {"concerns": (deal_breaker(status=ConcernStatus.ACCEPTED),)},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        [],
    ),
    (
        "an open concern that is no deal-breaker",
        {"concerns": (deal_breaker(is_deal_breaker=False),)},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        [],
    ),
    (
        "two open deal-breakers are two requirements",
        {"concerns": (deal_breaker("A"), deal_breaker("B"))},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        ["open_deal_breaker", "open_deal_breaker"],
    ),
    (
        "contributions not agreed",
        {"contributions_agreed": False},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        ["contributions_not_agreed"],
    ),
    (
        "a partner contributing nothing, where every partner must",
        {"contributions": {"acme": 1}},
        {"every_partner_contributes": True},
        S.CO_CREATION,
        S.AGREEMENT,
        ["contribution_missing"],
    ),
    (
        "a partner contributing nothing, by default",
        {"contributions": {"acme": 1}},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        [],
    ),
    (
        "no governance",
        {"governance": Governance()},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        ["governance_missing"],
    ),
    (
        "governance without a decision rule",
        {"governance": Governance(True, Cadence.MONTHLY, False)},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        ["governance_missing"],
    ),
    (
        "no risk protocol",
        {"risk_protocol": False},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        ["risk_protocol_missing"],
    ),
    (
        "no success indicator",
        {"success_indicators": 0},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        ["success_indicators_too_few"],
    ),
    (
        "two indicators where three are asked",
        {},
        {"min_success_indicators": 3},
        S.CO_CREATION,
        S.AGREEMENT,
        ["success_indicators_too_few"],
    ),
    (
        "no Do No Harm commitments, not a default rule",
        {"do_no_harm": False},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        [],
    ),
    (
        "no Do No Harm commitments where the programme adds the rule",
        {"do_no_harm": False},
        {"rules": {S.AGREEMENT: ("do_no_harm",)}},
        S.CO_CREATION,
        S.AGREEMENT,
        ["do_no_harm_missing"],
    ),
    (
        "nothing agreed yet lists every requirement",
        {
            "concerns": (deal_breaker(),),
            "contributions_agreed": False,
            "governance": Governance(),
            "risk_protocol": False,
            "success_indicators": 0,
        },
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        [
            "open_deal_breaker",
            "contributions_not_agreed",
            "governance_missing",
            "risk_protocol_missing",
            "success_indicators_too_few",
        ],
    ),
    # entering implementation and beyond
    ("ready for implementation", {}, {}, S.AGREEMENT, S.IMPLEMENTATION, []),
    (
        "no signed document",
        {"signed_document": False},
        {},
        S.AGREEMENT,
        S.IMPLEMENTATION,
        ["signed_agreement_missing"],
    ),
    (
        "skipping to implementation checks the earlier gates too",
        {"signed_document": False, "concerns": (deal_breaker(),), "programme_point_person": None},
        {},
        S.CULTIVATING,
        S.IMPLEMENTATION,
        ["point_person_missing", "open_deal_breaker", "signed_agreement_missing"],
    ),
    (
        "an open deal-breaker does not block implementation by default",
        {"concerns": (deal_breaker(),)},
        {},
        S.AGREEMENT,
        S.IMPLEMENTATION,
        [],
    ),
    (
        "moving back ignores every gate",
        {"signed_document": False, "concerns": (deal_breaker(),)},
        {},
        S.IMPLEMENTATION,
        S.CO_CREATION,
        [],
    ),
    ("an empty gate: cultivating", {"partners": ()}, {}, S.IDENTIFIED, S.CULTIVATING, []),
    (
        "reopening into agreement checks every gate up to it",
        {"risk_protocol": False, "due_diligence": {"acme": Rating.UNACCEPTABLE}},
        {},
        S.CLOSED,
        S.AGREEMENT,
        ["reason_missing", "due_diligence_blocking", "risk_protocol_missing"],
    ),
    (
        "reopening into sustained with no partners at all",
        {"partners": (), "due_diligence": {}},
        {},
        S.CLOSED,
        S.SUSTAINED,
        ["reason_missing", "partners_missing"],
    ),
    ("closing needs a reason", {}, {}, S.AGREEMENT, S.CLOSED, ["reason_missing"]),
    ("a move that is not allowed", {}, {}, S.AGREEMENT, S.SUSTAINED, ["move_not_allowed"]),
    (
        "a programme with no gates",
        {"partners": (), "signed_document": False},
        {"rules": {}},
        S.IDENTIFIED,
        S.IMPLEMENTATION,
        [],
    ),
]


@pytest.mark.parametrize(
    ("changes", "config_changes", "current", "target", "codes"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_the_gate_lists_what_is_missing(
    changes: dict[str, Any],
    config_changes: dict[str, Any],
    current: Stage,
    target: Stage,
    codes: list[str],
) -> None:
    result = check_move(facts(**changes), current, target, GateConfig(**config_changes))
    assert [u.code for u in result.unmet] == codes
    assert result.passed is (codes == [])
    assert all(u.message and u.version == RULESET for u in result.unmet)


def test_reopening_past_the_stage_it_closed_from_is_refused_even_with_a_reason() -> None:
    result = check_move(
        facts(), S.CLOSED, S.REVIEW, GateConfig(), "Back on track", closed_from=S.CO_CREATION
    )
    assert [u.code for u in result.unmet] == ["move_not_allowed"]
    assert not result.overridable
    again = check_move(
        facts(), S.CLOSED, S.CO_CREATION, GateConfig(), "Back on track", closed_from=S.CO_CREATION
    )
    assert again.passed
