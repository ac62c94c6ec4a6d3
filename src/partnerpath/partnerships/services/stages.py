"""Creating partnerships and moving them between stages through the programme's gates: a move
the gates block is refused with every unmet requirement, unless a person whose role may override
gives a written reason; both end up on the timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from partnerpath.accounts.choices import Role
from partnerpath.accounts.models import Membership, Programme
from partnerpath.audit.context import because
from partnerpath.core.lifecycle.gates import GateResult, check_move
from partnerpath.core.lifecycle.overrides import validate_override
from partnerpath.core.lifecycle.stages import Stage as CoreStage
from partnerpath.core.lifecycle.stages import label
from partnerpath.core.wording import plural
from partnerpath.partnerships.choices import EventKind, Stage
from partnerpath.partnerships.models import Partnership, StageChange
from partnerpath.partnerships.services import timeline
from partnerpath.partnerships.services.facts import facts_of, gate_config_of


class GateBlocked(Exception):
    """The move is refused; ``result`` holds every unmet requirement."""

    def __init__(self, result: GateResult) -> None:
        super().__init__(result.problem()["detail"])
        self.result = result


class OverrideRefused(Exception):
    """An override that may not be recorded; ``problems`` says why, in words."""

    def __init__(self, result: GateResult, problems: tuple[str, ...]) -> None:
        super().__init__("; ".join(problems))
        self.result = result
        self.problems = problems


@transaction.atomic
def create_partnership(
    programme: Programme, title: str, user: Any = None, **fields: Any
) -> Partnership:
    """A new partnership in the first stage, with its first timeline entries."""
    partnership = Partnership.objects.create(programme=programme, title=title, **fields)
    StageChange.objects.create(
        programme=programme,
        partnership=partnership,
        from_stage="",
        to_stage=partnership.stage,
        kind="created",
        at=partnership.stage_since,
        by=user if user is not None and user.is_authenticated else None,
    )
    source = f" from the opportunity “{partnership.opportunity}”" if partnership.opportunity else ""
    timeline.record(
        partnership,
        EventKind.CREATED,
        f"Partnership created in {partnership.get_stage_display()}{source}.",
        at=partnership.stage_since,
    )
    return partnership


ROLE_LABELS = {value: str(text) for value, text in Role.choices}


def closed_from_of(partnership: Partnership) -> CoreStage | None:
    """The stage a closed partnership closed from (None when it is not closed, or when no move
    into closed is on record)."""
    if partnership.stage != Stage.CLOSED:
        return None
    found = (
        partnership.stage_changes.filter(to_stage=Stage.CLOSED)
        .exclude(from_stage="")
        .order_by("-at", "-id")
        .values_list("from_stage", flat=True)
        .first()
    )
    return CoreStage(found) if found and found != Stage.CLOSED else None


def check_advance(partnership: Partnership, target: str, reason: str = "") -> GateResult:
    """What the programme's gates say about moving ``partnership`` to ``target`` now (a closed
    one reopens no further than the stage it closed from)."""
    return check_move(
        facts_of(partnership),
        CoreStage(partnership.stage),
        CoreStage(target),
        gate_config_of(partnership.programme),
        reason,
        closed_from_of(partnership),
    )


def changes_of(partnership: Partnership) -> list[StageChange]:
    """The partnership's stage changes, latest first, with who made them."""
    return list(partnership.stage_changes.select_related("by").order_by("-at", "-id"))


def _lock(partnership: Partnership) -> Partnership:
    """The row locked for the move, so two people moving it at once do not both pass."""
    return Partnership.objects.select_for_update().get(pk=partnership.pk)


@dataclass(frozen=True)
class Advanced:
    """A move that happened: the stage change and the gate result that allowed it."""

    change: StageChange
    result: GateResult


@transaction.atomic
def advance(
    partnership: Partnership,
    target: str,
    membership: Membership,
    reason: str = "",
    override: bool = False,
    now: datetime | None = None,
) -> Advanced:
    """Move the partnership to ``target``. Raises GateBlocked when the gates block and no
    override is asked, OverrideRefused when an override may not be recorded."""
    locked = _lock(partnership)
    result = check_advance(locked, target, reason)
    now = now or timezone.now()
    overridden: list[dict[str, str]] = []
    if not result.passed:
        if not override:
            raise GateBlocked(result)
        user = membership.user
        decision = validate_override(
            result, membership.role, user.get_username(), reason, now, ROLE_LABELS
        )
        if not decision.allowed or decision.record is None:
            raise OverrideRefused(result, decision.problems)
        overridden = [u.as_dict() for u in decision.record.overridden]
    move = result.move
    with because(reason):
        change = StageChange.objects.create(
            programme_id=locked.programme_id,
            partnership=locked,
            from_stage=locked.stage,
            to_stage=target,
            kind=move.kind.value,
            at=now,
            by=membership.user,
            reason=reason.strip(),
            ruleset=result.config.ruleset,
            gate_config=result.config.to_mapping(),
            verdicts=[v.as_dict() for v in result.verdicts],
            overridden=overridden,
            override_role=membership.role if overridden else "",
        )
        locked.stage = target
        locked.stage_since = now
        locked.closed_reason = reason.strip() if target == Stage.CLOSED else ""
        if target == Stage.IMPLEMENTATION and locked.started_on is None:
            locked.started_on = timezone.localdate(now)
        locked.save()
    _record_move(locked, change, result, reason, membership.user.get_username())
    partnership.refresh_from_db()
    return Advanced(change, result)


def unmet_in_words(unmet: list[dict[str, str]]) -> str:
    """The unmet requirements an override passed, one per line."""
    return "\n".join(f"- {u['message']}" for u in unmet)


def _record_move(
    partnership: Partnership, change: StageChange, result: GateResult, reason: str, mover: str
) -> None:
    """The move on the timeline, attributed to the person who made it (as the list of moves
    names them), whoever ran the code."""
    start, end = label(CoreStage(change.from_stage)), label(CoreStage(change.to_stage))
    why = f" Reason: {reason.strip()}" if reason.strip() else ""
    if change.overridden:
        timeline.record(
            partnership,
            EventKind.OVERRIDE,
            f"Gate overridden: {start} → {end} by {mover} ({change.override_role_label}) "
            f"despite {plural(len(change.overridden), 'unmet requirement')}.{why}",
            detail=f"Unmet ({result.config.ruleset}):\n{unmet_in_words(change.overridden)}",
            flagged=True,
            at=change.at,
            actor=mover,
        )
        return
    timeline.record(
        partnership,
        EventKind.STAGE_MOVE,
        f"Moved from {start} to {end} ({result.move.kind.value}).{why}",
        at=change.at,
        actor=mover,
    )
