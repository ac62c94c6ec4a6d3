"""Overriding a gate: the role must have the right, the reason must be written, and only gate
rules (never a disallowed move or a programme's locked requirement) can be overridden."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from partnerpath.core.lifecycle.gate_config import GateConfig
from partnerpath.core.lifecycle.gates import check_move
from partnerpath.core.lifecycle.overrides import validate_override
from partnerpath.core.lifecycle.stages import Stage
from partnerpath.core.risk.checklist import Rating
from tests.core.lifecycle.helpers import deal_breaker, facts

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
S = Stage
BLOCKED = {"concerns": (deal_breaker(),)}
REASON = "The donor asked us to sign now; the partners settle the naming clause in month 1."

# (case, changed facts, config changes, current, target, role, reason, allowed, problem start)
CASES: list[tuple[str, dict[str, Any], dict[str, Any], Stage, Stage, str, str, bool, str]] = [
    (
        "PSE lead with a reason",
        BLOCKED,
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        "pse_lead",
        REASON,
        True,
        "",
    ),
    ("admin with a reason", BLOCKED, {}, S.CO_CREATION, S.AGREEMENT, "admin", REASON, True, ""),
    (
        "team member",
        BLOCKED,
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        "member",
        REASON,
        False,
        "Your role (member) may not override a gate; roles that may: admin, pse_lead.",
    ),
    (
        "reviewer",
        BLOCKED,
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        "reviewer",
        REASON,
        False,
        "Your role (reviewer)",
    ),
    (
        "a programme letting members override",
        BLOCKED,
        {"override_roles": frozenset({"member"})},
        S.CO_CREATION,
        S.AGREEMENT,
        "member",
        REASON,
        True,
        "",
    ),
    (
        "a programme letting nobody override",
        BLOCKED,
        {"override_roles": frozenset()},
        S.CO_CREATION,
        S.AGREEMENT,
        "admin",
        REASON,
        False,
        "Your role (admin) may not override a gate; roles that may: none.",
    ),
    (
        "no reason",
        BLOCKED,
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        "pse_lead",
        "",
        False,
        "Write the reason for the override.",
    ),
    (
        "a reason of spaces",
        BLOCKED,
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        "pse_lead",
        "  \n ",
        False,
        "Write the reason for the override.",
    ),
    (
        "a reason too short for the programme",
        BLOCKED,
        {"min_reason_length": 30},
        S.CO_CREATION,
        S.AGREEMENT,
        "pse_lead",
        "Donor says so.",
        False,
        "Write a fuller reason: at least 30 characters (14 now).",
    ),
    (
        "nothing to override",
        {},
        {},
        S.CO_CREATION,
        S.AGREEMENT,
        "pse_lead",
        REASON,
        False,
        "Nothing to override: every requirement is met.",
    ),
    (
        "a move that is not allowed",
        {},
        {},
        S.AGREEMENT,
        S.SUSTAINED,
        "admin",
        REASON,
        False,
        "This cannot be overridden: Sustained / scaled follows",
    ),
    (
        "closing without its reason",
        {},
        {},
        S.AGREEMENT,
        S.CLOSED,
        "admin",
        REASON,
        False,
        "This cannot be overridden: Write the reason for moving to Closed.",
    ),
    (
        "a requirement the programme locked",
        {"due_diligence": {"acme": Rating.UNACCEPTABLE}},
        {"not_overridable": frozenset({"due_diligence_blocking"})},
        S.CULTIVATING,
        S.CO_CREATION,
        "admin",
        REASON,
        False,
        "This programme never overrides: Due diligence on Acme Seafood",
    ),
]


@pytest.mark.parametrize(
    ("changes", "config_changes", "current", "target", "role", "reason", "allowed", "problem"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_it_validates_an_override(
    changes: dict[str, Any],
    config_changes: dict[str, Any],
    current: Stage,
    target: Stage,
    role: str,
    reason: str,
    allowed: bool,
    problem: str,
) -> None:
    result = check_move(facts(**changes), current, target, GateConfig(**config_changes))
    decision = validate_override(result, role, "Mai", reason, NOW)
    assert decision.allowed is allowed
    assert (decision.record is not None) is allowed
    if problem:
        assert any(p.startswith(problem) for p in decision.problems), decision.problems
    else:
        assert decision.problems == ()


def test_the_record_keeps_what_was_overridden_by_whom_and_why() -> None:
    result = check_move(facts(**BLOCKED), S.CO_CREATION, S.AGREEMENT)
    record = validate_override(result, "pse_lead", "Mai", f"  {REASON}  ", NOW).record
    assert record is not None
    assert (record.current, record.target, record.ruleset, record.role, record.by, record.at) == (
        S.CO_CREATION,
        S.AGREEMENT,
        "gates-v1",
        "pse_lead",
        "Mai",
        NOW,
    )
    assert record.reason == REASON
    assert [u.code for u in record.overridden] == ["open_deal_breaker"]
    assert record.summary == (
        "Mai (pse_lead) overrode the gate to Agreement (gates-v1; unmet: open_deal_breaker): "
        + REASON
    )


# (case, changed facts, config changes, current, target, overridable)
OVERRIDABLE: list[tuple[str, dict[str, Any], dict[str, Any], Stage, Stage, bool]] = [
    ("blocked by a gate rule", BLOCKED, {}, S.CO_CREATION, S.AGREEMENT, True),
    ("nothing blocks", {}, {}, S.CO_CREATION, S.AGREEMENT, False),
    ("the move is not allowed", {}, {}, S.AGREEMENT, S.SUSTAINED, False),
    ("closing without a reason", {}, {}, S.AGREEMENT, S.CLOSED, False),
    (
        "a locked requirement",
        BLOCKED,
        {"not_overridable": frozenset({"open_deal_breaker"})},
        S.CO_CREATION,
        S.AGREEMENT,
        False,
    ),
]


@pytest.mark.parametrize(
    ("changes", "config_changes", "current", "target", "overridable"),
    [c[1:] for c in OVERRIDABLE],
    ids=[c[0] for c in OVERRIDABLE],
)
def test_the_gate_result_says_whether_an_override_is_possible(
    changes: dict[str, Any],
    config_changes: dict[str, Any],
    current: Stage,
    target: Stage,
    overridable: bool,
) -> None:
    result = check_move(facts(**changes), current, target, GateConfig(**config_changes))
    assert result.overridable is overridable
    assert result.problem()["overridable"] is overridable


def test_the_record_and_the_problems_name_roles_in_the_users_words() -> None:
    labels = {"pse_lead": "PSE lead", "admin": "Programme admin", "member": "Team member"}
    result = check_move(facts(**BLOCKED), S.CO_CREATION, S.AGREEMENT)
    record = validate_override(result, "pse_lead", "Mai", REASON, NOW, labels).record
    assert record is not None and record.role == "pse_lead"
    assert record.summary.startswith("Mai (PSE lead) overrode the gate to Agreement")
    refused = validate_override(result, "member", "Tom", REASON, NOW, labels)
    assert refused.problems == (
        "Your role (Team member) may not override a gate; roles that may: Programme admin, "
        "PSE lead.",
    )
