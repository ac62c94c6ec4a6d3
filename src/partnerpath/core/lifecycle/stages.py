"""The stages of a partnership and the moves between them: forward (through the gates of every
stage entered), back (always allowed: the process is not linear), terminal (sustained / scaled,
or closed with a reason) and reopening a closed partnership."""

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


def plan_move(current: Stage, target: Stage) -> Move:
    """Moving forward enters every stage between the current one and the target, so the gates of
    each of them apply (skipping a stage skips none of its requirements). Moving back is always
    allowed and needs no gate: partners often return to co-creation when something changes.
    Sustained / scaled is reached from implementation or review and learning. Closing is allowed
    from any stage and needs a written reason; a closed partnership may be reopened into any
    stage of the journey, with a reason, through the gate of that stage."""
    cur, tgt = label(current), label(target)
    if current is target:
        return Move(current, target, MoveKind.NONE, False, (), False, f"Already in {cur}.")
    if target is Stage.CLOSED:
        why = f"Closing from {cur} ends the partnership; say why it closes."
        return Move(current, target, MoveKind.TERMINAL, True, (), True, why)
    if current is Stage.CLOSED:
        why = f"Reopening a closed partnership into {tgt} needs a reason and the {tgt} gate."
        return Move(current, target, MoveKind.REOPEN, True, (target,), True, why)
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
