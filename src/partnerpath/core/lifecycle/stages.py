"""The stages of a partnership and the moves between them: forward (through the gates of every
stage entered), back (always allowed: the process is not linear), terminal (sustained / scaled,
or closed with a reason) and reopening a closed partnership (no further than the stage it closed
from, through every gate up to it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """Where a partnership stands on its journey."""

    IDENTIFIED = "identified"
    CULTIVATING = "cultivating"
    CO_CREATION = "co_creation"
    AGREEMENT = "agreement"
    IMPLEMENTATION = "implementation"
    REVIEW = "review_and_learning"
    SUSTAINED = "sustained_scaled"
    CLOSED = "closed"


STAGE_LABELS: Mapping[Stage, str] = {
    Stage.IDENTIFIED: "Identified",
    Stage.CULTIVATING: "Cultivating",
    Stage.CO_CREATION: "Co-creation",
    Stage.AGREEMENT: "Agreement",
    Stage.IMPLEMENTATION: "Implementation",
    Stage.REVIEW: "Review and learning",
    Stage.SUSTAINED: "Sustained / scaled",
    Stage.CLOSED: "Closed",
}

# The journey in order; closed stands outside it (a partnership may close from any stage).
PATH: tuple[Stage, ...] = (
    Stage.IDENTIFIED,
    Stage.CULTIVATING,
    Stage.CO_CREATION,
    Stage.AGREEMENT,
    Stage.IMPLEMENTATION,
    Stage.REVIEW,
    Stage.SUSTAINED,
)
TERMINAL: frozenset[Stage] = frozenset({Stage.SUSTAINED, Stage.CLOSED})
# Sustained / scaled follows a partnership that has run: it is reached from these stages only.
SUSTAINED_FROM: frozenset[Stage] = frozenset({Stage.IMPLEMENTATION, Stage.REVIEW})


class MoveKind(StrEnum):
    """What sort of move a stage change is."""

    FORWARD = "forward"
    BACK = "back"
    TERMINAL = "terminal"
    REOPEN = "reopen"
    NONE = "none"


@dataclass(frozen=True)
class Move:
    """A planned stage change: whether it is allowed, its kind, the stages whose gates must pass
    (in order), whether a written reason is required, and why, in words."""

    current: Stage
    target: Stage
    kind: MoveKind
    allowed: bool
    gates: tuple[Stage, ...]
    needs_reason: bool
    explanation: str


def label(stage: Stage) -> str:
    """The stage's name as users read it."""
    return STAGE_LABELS[stage]


def _reopen(current: Stage, target: Stage, closed_from: Stage | None) -> Move:
    """A reopening: back to the stage the partnership closed from or an earlier one, through the
    gate of every stage up to it, as if the journey were walked again from the start."""
    tgt = label(target)
    there = PATH.index(target)
    if closed_from is not None and closed_from in PATH and there > PATH.index(closed_from):
        why = (
            f"A closed partnership reopens into the stage it closed from ({label(closed_from)}) "
            f"or an earlier one, not {tgt}; from there it moves forward through the gates."
        )
        return Move(current, target, MoveKind.REOPEN, False, (), True, why)
    entered = PATH[1 : there + 1]
    names = ", ".join(label(s) for s in entered) or "none"
    why = (
        f"Reopening a closed partnership into {tgt} needs a reason and passes the gate of every "
        f"stage up to it: {names}."
    )
    return Move(current, target, MoveKind.REOPEN, True, entered, True, why)


def plan_move(current: Stage, target: Stage, closed_from: Stage | None = None) -> Move:
    """Moving forward enters every stage between the current one and the target, so the gates of
    each of them apply (skipping a stage skips none of its requirements). Moving back is always
    allowed and needs no gate: partners often return to co-creation when something changes.
    Sustained / scaled is reached from implementation or review and learning. Closing is allowed
    from any stage and needs a written reason. A closed partnership reopens, with a reason, into
    the stage it closed from (``closed_from``) or an earlier one, and passes the gate of every
    stage up to it: closing and reopening never skip a gate."""
    cur, tgt = label(current), label(target)
    if current is target:
        return Move(current, target, MoveKind.NONE, False, (), False, f"Already in {cur}.")
    if target is Stage.CLOSED:
        why = f"Closing from {cur} ends the partnership; say why it closes."
        return Move(current, target, MoveKind.TERMINAL, True, (), True, why)
    if current is Stage.CLOSED:
        return _reopen(current, target, closed_from)
    here, there = PATH.index(current), PATH.index(target)
    if there < here:
        why = f"Moving back from {cur} to {tgt} is allowed; the process is not linear."
        return Move(current, target, MoveKind.BACK, True, (), False, why)
    if target is Stage.SUSTAINED and current not in SUSTAINED_FROM:
        why = f"{tgt} follows implementation or review and learning, not {cur}."
        return Move(current, target, MoveKind.TERMINAL, False, (), False, why)
    entered = PATH[here + 1 : there + 1]
    if target is Stage.SUSTAINED:
        why = f"Moving from {cur} to {tgt} marks the partnership as lasting beyond its first cycle."
        return Move(current, target, MoveKind.TERMINAL, True, entered, False, why)
    names = ", ".join(label(s) for s in entered)
    why = f"Moving forward from {cur} to {tgt} passes the gate of: {names}."
    return Move(current, target, MoveKind.FORWARD, True, entered, False, why)
