"""Overriding a gate: a person whose role has that right moves the partnership on despite unmet
requirements, with a written reason. The record keeps what was overridden, under which ruleset
and configuration, by whom and why, for the partnership's timeline."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from partnerpath.core.lifecycle.gates import GateResult, Unmet
from partnerpath.core.lifecycle.stages import Stage, label


@dataclass(frozen=True)
class OverrideRecord:
    """What to store for an accepted override."""

    current: Stage
    target: Stage
    ruleset: str
    overridden: tuple[Unmet, ...]
    role: str
    by: str
    reason: str
    at: datetime
    role_label: str = ""

    @property
    def summary(self) -> str:
        """One line for the timeline, naming the role as users read it."""
        codes = ", ".join(u.code for u in self.overridden)
        return (
            f"{self.by} ({self.role_label or self.role}) overrode the gate to "
            f"{label(self.target)} ({self.ruleset}; unmet: {codes}): {self.reason}"
        )


@dataclass(frozen=True)
class OverrideDecision:
    """Whether the override may be recorded, every reason it may not, and the record."""

    allowed: bool
    problems: tuple[str, ...]
    record: OverrideRecord | None


def validate_override(
    result: GateResult,
    role: str,
    by: str,
    reason: str,
    at: datetime,
    role_labels: Mapping[str, str] | None = None,
) -> OverrideDecision:
    """An override needs a blocked gate to override, a move that is allowed at all (a move that
    is not, or a missing closing reason, cannot be overridden), a role the programme lets
    override, a written reason of the programme's minimum length, and no requirement the
    programme marked as never overridable. ``role_labels`` name the roles in the users' words
    (the codes when absent)."""
    names = role_labels or {}
    config = result.config
    problems: list[str] = []
    if result.passed:
        problems.append("Nothing to override: every requirement is met.")
    moves = [u.message for u in result.unmet if u.rule == "stages"]
    problems += [f"This cannot be overridden: {m}" for m in moves]
    if role not in config.override_roles:
        roles = ", ".join(names.get(r, r) for r in sorted(config.override_roles)) or "none"
        problems.append(
            f"Your role ({names.get(role, role)}) may not override a gate; roles that may: {roles}."
        )
    text = reason.strip()
    if not text:
        problems.append("Write the reason for the override.")
    elif len(text) < config.min_reason_length:
        need = config.min_reason_length
        problems.append(f"Write a fuller reason: at least {need} characters ({len(text)} now).")
    locked = [u.message for u in result.unmet if u.code in config.not_overridable]
    problems += [f"This programme never overrides: {m}" for m in locked]
    if problems:
        return OverrideDecision(False, tuple(problems), None)
    move = result.move
    record = OverrideRecord(
        move.current,
        move.target,
        config.ruleset,
        result.unmet,
        role,
        by,
        text,
        at,
        names.get(role, role),
    )
    return OverrideDecision(True, (), record)
