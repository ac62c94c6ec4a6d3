"""Stage gates (gates-v1), in words: the messages of unmet requirements, the 409 body, the
verdicts kept for the audit trail, and the rules' explanations."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.core.lifecycle.facts import Governance, Partner, PartnerRole
from partnerpath.core.lifecycle.gate_config import KNOWN_RULES, RULESET, GateConfig
from partnerpath.core.lifecycle.gates import RULESETS, check_move, explain
from partnerpath.core.lifecycle.stages import Stage
from partnerpath.core.risk.checklist import Rating
from tests.core.lifecycle.helpers import deal_breaker, facts

S = Stage
NO_POINT_PERSON = Partner("acme", "Acme Seafood", PartnerRole.COMPANY, None)

# (case, changed facts, current, target, a message that must be listed)
MESSAGES: list[tuple[str, dict[str, Any], Stage, Stage, str]] = [
    (
        "names the partner lacking a point-person",
        {"partners": (NO_POINT_PERSON,)},
        S.CULTIVATING,
        S.CO_CREATION,
        "Name a point-person for Acme Seafood.",
    ),
    (
        "names the deal-breaker and who raised it",
        {"concerns": (deal_breaker(),)},
        S.CO_CREATION,
        S.AGREEMENT,
        'Settle the deal-breaker "No public naming of suppliers" raised by Acme Seafood (open).',
    ),
    (
        "lists the governance parts missing",
        {"governance": Governance(True, None, False)},
        S.CO_CREATION,
        S.AGREEMENT,
        "Agree the governance: a meeting cadence, a decision rule.",
    ),
    (
        "gives the rating that blocks",
        {"due_diligence": {"acme": Rating.UNACCEPTABLE}},
        S.CULTIVATING,
        S.CO_CREATION,
        "Due diligence on Acme Seafood is rated unacceptable; the programme does not go on with "
        "a partner rated unacceptable. Remediate and re-rate, or close.",
    ),
    (
        "counts the indicators",
        {"success_indicators": 0},
        S.CO_CREATION,
        S.AGREEMENT,
        "Agree at least 1 success indicator; 0 so far.",
    ),
    (
        "asks for the signed agreement",
        {"signed_document": False},
        S.AGREEMENT,
        S.IMPLEMENTATION,
        "Attach the signed partnership agreement.",
    ),
]


@pytest.mark.parametrize(
    ("changes", "current", "target", "message"),
    [c[1:] for c in MESSAGES],
    ids=[c[0] for c in MESSAGES],
)
def test_each_unmet_requirement_says_what_to_do_in_plain_words(
    changes: dict[str, Any], current: Stage, target: Stage, message: str
) -> None:
    result = check_move(facts(**changes), current, target)
    assert message in [u.message for u in result.unmet]


def test_the_message_names_every_blocking_rating_in_order() -> None:
    config = GateConfig(blocking_ratings=frozenset({Rating.UNACCEPTABLE, Rating.HIGH}))
    blocked = facts(due_diligence={"acme": Rating.HIGH})
    [unmet] = check_move(blocked, S.CULTIVATING, S.CO_CREATION, config).unmet
    assert "with a partner rated high or unacceptable." in unmet.message


def test_the_409_body_lists_every_unmet_requirement_with_its_rule_and_version() -> None:
    blocked = facts(concerns=(deal_breaker(),), success_indicators=0)
    body = check_move(blocked, S.CO_CREATION, S.AGREEMENT).problem()
    assert body == {
        "detail": "Agreement cannot be entered yet: 2 requirements unmet.",
        "current": "co_creation",
        "target": "agreement",
        "ruleset": "gates-v1",
        "overridable": True,
        "unmet": [
            {
                "code": "open_deal_breaker",
                "message": 'Settle the deal-breaker "No public naming of suppliers" raised by '
                "Acme Seafood (open).",
                "rule": "no_open_deal_breakers",
                "version": "gates-v1",
                "stage": "agreement",
            },
            {
                "code": "success_indicators_too_few",
                "message": "Agree at least 1 success indicator; 0 so far.",
                "rule": "success_indicators",
                "version": "gates-v1",
                "stage": "agreement",
            },
        ],
    }


def test_it_keeps_every_rules_verdict_and_the_config_for_the_audit_trail() -> None:
    config = GateConfig(min_success_indicators=2)
    result = check_move(facts(), S.CO_CREATION, S.AGREEMENT, config)
    assert result.passed and result.config is config
    assert [v.rule for v in result.verdicts] == list(config.rules_for(S.AGREEMENT))
    assert all(v.met and v.reason and v.version == RULESET for v in result.verdicts)


def test_a_verdict_reads_as_the_json_a_stage_change_keeps() -> None:
    config = GateConfig(rules={S.AGREEMENT: ("no_open_deal_breakers", "success_indicators")})
    result = check_move(facts(concerns=(deal_breaker(),)), S.CO_CREATION, S.AGREEMENT, config)
    assert [v.as_dict() for v in result.verdicts] == [
        {
            "stage": "agreement",
            "rule": "no_open_deal_breakers",
            "met": False,
            "reason": 'Settle the deal-breaker "No public naming of suppliers" raised by '
            "Acme Seafood (open).",
        },
        {
            "stage": "agreement",
            "rule": "success_indicators",
            "met": True,
            "reason": "2 success indicators agreed.",
        },
    ]


def test_a_rule_applied_to_two_entered_stages_lists_its_requirement_once() -> None:
    config = GateConfig(
        rules={
            S.AGREEMENT: ("no_open_deal_breakers",),
            S.IMPLEMENTATION: ("no_open_deal_breakers",),
        }
    )
    result = check_move(facts(concerns=(deal_breaker(),)), S.CO_CREATION, S.IMPLEMENTATION, config)
    assert [u.code for u in result.unmet] == ["open_deal_breaker"]
    assert len(result.verdicts) == 2


def test_a_closing_reason_of_spaces_is_no_reason_and_a_real_one_passes() -> None:
    assert not check_move(facts(), S.AGREEMENT, S.CLOSED, reason="   ").passed
    assert check_move(facts(), S.AGREEMENT, S.CLOSED, reason="The company was sold.").passed


def test_every_rule_is_implemented_and_explains_itself() -> None:
    assert set(RULESETS) == set(KNOWN_RULES)
    for ruleset, rules in RULESETS.items():
        assert set(rules) == KNOWN_RULES[ruleset]
        for name in rules:
            assert len(explain(name, ruleset)) > 40
