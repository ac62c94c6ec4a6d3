"""A programme's gate configuration: defaults, a round trip through a plain mapping, and every
problem named when a stored configuration cannot be read."""

from __future__ import annotations

from typing import Any

import pytest

from partnerpath.core.lifecycle.facts import PartnerRole
from partnerpath.core.lifecycle.gate_config import (
    DEFAULT_RULES,
    GateConfig,
    GateConfigError,
    config_changes,
    config_from_mapping,
    weakened_protections,
)
from partnerpath.core.lifecycle.stages import Stage
from partnerpath.core.risk.checklist import Rating


def test_the_defaults_are_the_issue_s_gates() -> None:
    config = GateConfig()
    assert config.rules_for(Stage.CO_CREATION) == ("point_persons", "due_diligence")
    assert config.rules_for(Stage.AGREEMENT) == (
        "no_open_deal_breakers",
        "contributions",
        "governance",
        "risk_protocol",
        "success_indicators",
    )
    assert config.rules_for(Stage.IMPLEMENTATION) == ("signed_agreement",)
    assert config.rules_for(Stage.CULTIVATING) == ()
    assert not config.require_due_diligence
    assert config.blocking_ratings == {Rating.UNACCEPTABLE}


def test_a_config_survives_a_round_trip_through_a_mapping() -> None:
    config = GateConfig(
        rules={Stage.AGREEMENT: ("do_no_harm", "risk_protocol")},
        require_due_diligence=True,
        due_diligence_roles=frozenset({PartnerRole.COMPANY, PartnerRole.BROKER}),
        blocking_ratings=frozenset({Rating.HIGH, Rating.UNACCEPTABLE}),
        min_success_indicators=3,
        every_partner_contributes=True,
        override_roles=frozenset({"admin"}),
        min_reason_length=20,
        not_overridable=frozenset({"due_diligence_blocking"}),
    )
    assert config_from_mapping(config.to_mapping()) == config


def test_left_out_keys_keep_their_defaults() -> None:
    assert config_from_mapping({}) == GateConfig()
    assert config_from_mapping({"min_success_indicators": 2}).rules == DEFAULT_RULES


# (case, stored mapping, a problem that must be named)
BAD: list[tuple[str, dict[str, Any], str]] = [
    ("unknown ruleset", {"ruleset": "gates-v9"}, "Unknown ruleset 'gates-v9'; known: gates-v1."),
    ("unknown setting", {"min_indicators": 1}, "Unknown setting 'min_indicators'."),
    ("unknown stage", {"rules": {"signing": []}}, "Unknown stage 'signing'."),
    (
        "unknown rule",
        {"rules": {"agreement": ["risk_protocol", "vibes"]}},
        "Unknown rule for agreement: vibes.",
    ),
    ("negative threshold", {"min_success_indicators": -1}, "min_success_indicators must be"),
    ("threshold as text", {"min_reason_length": "10"}, "min_reason_length must be"),
    (
        "unknown rating",
        {"blocking_ratings": ["awful"]},
        "blocking_ratings: unknown value awful.",
    ),
    ("unknown role", {"due_diligence_roles": ["cousin"]}, "due_diligence_roles: unknown value"),
    ("rules as a list", {"rules": ["risk_protocol"]}, "rules must map stages to lists"),
    ("roles as one string", {"override_roles": "admin"}, "override_roles must be a list of names."),
    ("rules as one string", {"rules": {"agreement": "risk_protocol"}}, "agreement must be a list"),
]


@pytest.mark.parametrize(("data", "problem"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_it_names_what_is_wrong_with_a_stored_config(data: dict[str, Any], problem: str) -> None:
    with pytest.raises(GateConfigError) as raised:
        config_from_mapping(data)
    assert any(p.startswith(problem) for p in raised.value.problems)


def test_it_names_every_problem_at_once() -> None:
    with pytest.raises(GateConfigError) as raised:
        config_from_mapping({"rules": {"signing": []}, "min_success_indicators": -2, "x": 1})
    assert len(raised.value.problems) == 3


STORED = config_from_mapping({"not_overridable": ["due_diligence_blocking"]})
NOTHING_TICKED = {
    "rules": {},
    "blocking_ratings": [],
    "not_overridable": [],
    "override_roles": [],
    "due_diligence_roles": [],
}

# (case, new configuration, protections turned off)
WEAKENED: list[tuple[str, dict[str, Any], int]] = [
    ("no change", {"not_overridable": ["due_diligence_blocking"]}, 0),
    ("a stricter rating", {"blocking_ratings": ["high", "unacceptable"]}, 1),
    (
        "the rule moved to the agreement's gate",
        {
            "rules": {"agreement": ["due_diligence"]},
            "not_overridable": ["due_diligence_blocking"],
        },
        0,
    ),
    ("nothing ticked", NOTHING_TICKED, 3),
    (
        "unacceptable no longer blocks",
        {"blocking_ratings": ["high"], "not_overridable": ["due_diligence_blocking"]},
        1,
    ),
]


@pytest.mark.parametrize(("new", "count"), [c[1:] for c in WEAKENED], ids=[c[0] for c in WEAKENED])
def test_it_names_each_due_diligence_protection_a_change_turns_off(
    new: dict[str, Any], count: int
) -> None:
    assert len(weakened_protections(STORED, config_from_mapping(new))) == count


def test_the_changes_are_listed_in_words() -> None:
    changed = config_changes(STORED, config_from_mapping(NOTHING_TICKED))
    assert "Entering co_creation: removed point_persons, due_diligence." in changed
    assert "not_overridable: due_diligence_blocking → none." in changed
    assert config_changes(STORED, STORED) == []
