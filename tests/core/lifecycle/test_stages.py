"""Moves between stages: forward through the gates of every stage entered, back freely,
sustained only after implementation, closing and reopening with a reason (reopening no further
than the stage it closed from, through every gate up to it)."""

from __future__ import annotations

import pytest

from partnerpath.core.lifecycle.stages import MoveKind, Stage, plan_move

S = Stage

# (case, current, target, kind, allowed, gates checked, needs a reason)
CASES: list[tuple[str, Stage, Stage, MoveKind, bool, tuple[Stage, ...], bool]] = [
    (
        "one step forward",
        S.IDENTIFIED,
        S.CULTIVATING,
        MoveKind.FORWARD,
        True,
        (S.CULTIVATING,),
        False,
    ),
    (
        "into co-creation",
        S.CULTIVATING,
        S.CO_CREATION,
        MoveKind.FORWARD,
        True,
        (S.CO_CREATION,),
        False,
    ),
    (
        "skipping stages passes every gate on the way",
        S.CULTIVATING,
        S.IMPLEMENTATION,
        MoveKind.FORWARD,
        True,
        (S.CO_CREATION, S.AGREEMENT, S.IMPLEMENTATION),
        False,
    ),
    (
        "back from agreement to co-creation",
        S.AGREEMENT,
        S.CO_CREATION,
        MoveKind.BACK,
        True,
        (),
        False,
    ),
    (
        "back from implementation to identified",
        S.IMPLEMENTATION,
        S.IDENTIFIED,
        MoveKind.BACK,
        True,
        (),
        False,
    ),
    ("back from sustained to review", S.SUSTAINED, S.REVIEW, MoveKind.BACK, True, (), False),
    (
        "sustained after review",
        S.REVIEW,
        S.SUSTAINED,
        MoveKind.TERMINAL,
        True,
        (S.SUSTAINED,),
        False,
    ),
    (
        "sustained straight from implementation passes review's gate too",
        S.IMPLEMENTATION,
        S.SUSTAINED,
        MoveKind.TERMINAL,
        True,
        (S.REVIEW, S.SUSTAINED),
        False,
    ),
    (
        "sustained before anything ran",
        S.AGREEMENT,
        S.SUSTAINED,
        MoveKind.TERMINAL,
        False,
        (),
        False,
    ),
    ("closing from identified", S.IDENTIFIED, S.CLOSED, MoveKind.TERMINAL, True, (), True),
    ("closing from implementation", S.IMPLEMENTATION, S.CLOSED, MoveKind.TERMINAL, True, (), True),
    ("closing a sustained partnership", S.SUSTAINED, S.CLOSED, MoveKind.TERMINAL, True, (), True),
    (
        "reopening into cultivating",
        S.CLOSED,
        S.CULTIVATING,
        MoveKind.REOPEN,
        True,
        (S.CULTIVATING,),
        True,
    ),
    (
        "reopening into agreement passes every gate up to it",
        S.CLOSED,
        S.AGREEMENT,
        MoveKind.REOPEN,
        True,
        (S.CULTIVATING, S.CO_CREATION, S.AGREEMENT),
        True,
    ),
    (
        "reopening into sustained passes every gate",
        S.CLOSED,
        S.SUSTAINED,
        MoveKind.REOPEN,
        True,
        (S.CULTIVATING, S.CO_CREATION, S.AGREEMENT, S.IMPLEMENTATION, S.REVIEW, S.SUSTAINED),
        True,
    ),
    ("reopening into identified", S.CLOSED, S.IDENTIFIED, MoveKind.REOPEN, True, (), True),
    ("staying put", S.AGREEMENT, S.AGREEMENT, MoveKind.NONE, False, (), False),
    ("closed to closed", S.CLOSED, S.CLOSED, MoveKind.NONE, False, (), False),
]


@pytest.mark.parametrize(
    ("current", "target", "kind", "allowed", "gates", "needs_reason"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_it_plans_each_move(
    current: Stage,
    target: Stage,
    kind: MoveKind,
    allowed: bool,
    gates: tuple[Stage, ...],
    needs_reason: bool,
) -> None:
    move = plan_move(current, target)
    assert (move.kind, move.allowed, move.gates, move.needs_reason) == (
        kind,
        allowed,
        gates,
        needs_reason,
    )
    assert move.explanation


def test_every_pair_of_stages_has_a_plan_and_moving_back_is_always_allowed() -> None:
    for current in Stage:
        for target in Stage:
            move = plan_move(current, target)
            if target is not current and current is not Stage.CLOSED and target is not Stage.CLOSED:
                back = list(Stage).index(target) < list(Stage).index(current)
                assert move.allowed or not back


def test_the_explanation_names_both_stages_in_words() -> None:
    move = plan_move(Stage.AGREEMENT, Stage.CO_CREATION)
    assert "Agreement" in move.explanation and "Co-creation" in move.explanation


# (case, closed from, reopened into, allowed, gates checked)
REOPENINGS: list[tuple[str, Stage, Stage, bool, tuple[Stage, ...]]] = [
    (
        "back into the stage it closed from",
        S.AGREEMENT,
        S.AGREEMENT,
        True,
        (S.CULTIVATING, S.CO_CREATION, S.AGREEMENT),
    ),
    ("into an earlier stage", S.IMPLEMENTATION, S.CULTIVATING, True, (S.CULTIVATING,)),
    ("into the first stage", S.CO_CREATION, S.IDENTIFIED, True, ()),
    ("past the stage it closed from", S.CO_CREATION, S.REVIEW, False, ()),
    ("closed early, reopened as sustained", S.IDENTIFIED, S.SUSTAINED, False, ()),
    (
        "a sustained partnership reopened as sustained",
        S.SUSTAINED,
        S.SUSTAINED,
        True,
        (S.CULTIVATING, S.CO_CREATION, S.AGREEMENT, S.IMPLEMENTATION, S.REVIEW, S.SUSTAINED),
    ),
]


@pytest.mark.parametrize(
    ("closed_from", "target", "allowed", "gates"),
    [c[1:] for c in REOPENINGS],
    ids=[c[0] for c in REOPENINGS],
)
def test_a_closed_partnership_reopens_no_further_than_it_closed_from(
    closed_from: Stage, target: Stage, allowed: bool, gates: tuple[Stage, ...]
) -> None:
    move = plan_move(Stage.CLOSED, target, closed_from)
    assert (move.kind, move.allowed, move.gates, move.needs_reason) == (
        MoveKind.REOPEN,
        allowed,
        gates,
        True,
    )
    if not allowed:
        assert "or an earlier one" in move.explanation
