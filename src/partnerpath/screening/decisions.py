"""People's decisions on hits: true match, false positive or needs escalation, always with a
reason. A decision holds for its hit key, so it survives re-screening until the list entry
changes. Moving a hit away from a true match needs a second person to confirm it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from partnerpath.audit.context import acting_as, because
from partnerpath.screening.choices import Decision
from partnerpath.screening.models import Adjudication, Hit


class DecisionError(ValueError):
    """A decision that cannot be taken as asked; the message says why."""


class SamePersonError(DecisionError):
    """The person who asked to clear a true match tried to confirm it themselves."""


@dataclass(frozen=True)
class DecisionOutcome:
    """The decision now on record, and whether it waits for a second person."""

    adjudication: Adjudication
    awaiting_second_person: bool

    @property
    def message(self) -> str:
        """One line for the person who decided."""
        if self.awaiting_second_person:
            wanted = self.adjudication.get_proposed_decision_display()
            return (
                f"Recorded. Changing a true match to “{wanted}” needs a second person: it stays "
                "a true match until another team member confirms."
            )
        return f"Decision recorded: {self.adjudication.get_decision_display()}."


def hit_key(hit: Hit) -> dict[str, Any]:
    """The fields a decision is kept under: programme, subject, list, entry id, entry content."""
    return {
        "programme_id": hit.programme_id,
        "subject": hit.subject,
        "watch_list_id": hit.watch_list_id,
        "entity_id": hit.entity_id,
        "entry_hash": hit.entry_hash,
    }


def _clears_true_match(adj: Adjudication | None, hit: Hit, decision: str) -> bool:
    """Whether the decision moves a hit off a true match (on this entry or its earlier content)."""
    if decision == Decision.TRUE_MATCH:
        return False
    if adj is not None and adj.decision:
        return adj.decision == Decision.TRUE_MATCH
    earlier = hit.previous_adjudication
    return earlier is not None and earlier.decision == Decision.TRUE_MATCH


def _link_hits(adj: Adjudication, hit: Hit) -> None:
    """Every hit with this key, from any screening, shows the decision."""
    Hit.objects.filter(**hit_key(hit)).update(adjudication=adj)
    hit.adjudication = adj


def decide(hit: Hit, decision: str, reason: str, user: Any) -> DecisionOutcome:
    """Record a person's decision on a hit. Away from a true match it is only proposed: it takes
    effect when a second person confirms it (confirm_clearance)."""
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError("Give the reason for the decision.")
    if decision not in Decision.values:
        raise DecisionError(f"Unknown decision {decision!r}.")
    now = timezone.now()
    with transaction.atomic(), acting_as(user), because(reason):
        adj = Adjudication.objects.select_for_update().filter(**hit_key(hit)).first()
        guarded = _clears_true_match(adj, hit, decision)
        if adj is None:
            adj = Adjudication(
                organisation_id=hit.organisation_id,
                key_individual_id=hit.key_individual_id,
                **hit_key(hit),
            )
        if guarded:
            adj.proposed_decision, adj.proposed_reason = decision, reason
            adj.proposed_by, adj.proposed_at = user, now
        else:
            adj.decision, adj.reason, adj.decided_by, adj.decided_at = decision, reason, user, now
            adj.proposed_decision, adj.proposed_reason = "", ""
            adj.proposed_by = adj.proposed_at = adj.confirmed_by = adj.confirmed_at = None
        adj.save()
        _link_hits(adj, hit)
    return DecisionOutcome(adj, guarded)


def confirm_clearance(hit: Hit, user: Any) -> DecisionOutcome:
    """A second person confirms moving a hit off a true match; the person who asked cannot."""
    with transaction.atomic():
        adj = Adjudication.objects.select_for_update().filter(**hit_key(hit)).first()
        if adj is None or not adj.awaiting_second_person:
            raise DecisionError("Nothing on this hit is waiting for a second person.")
        if adj.proposed_by_id is not None and adj.proposed_by_id == user.pk:
            raise SamePersonError(
                "You asked for this change; a second person must confirm clearing a true match."
            )
        with acting_as(user), because(f"Second person confirmed: {adj.proposed_reason}"):
            adj.decision, adj.reason = adj.proposed_decision, adj.proposed_reason
            adj.decided_by, adj.decided_at = adj.proposed_by, adj.proposed_at
            adj.confirmed_by, adj.confirmed_at = user, timezone.now()
            adj.proposed_decision, adj.proposed_reason = "", ""
            adj.proposed_by = adj.proposed_at = None
            adj.save()
        _link_hits(adj, hit)
    return DecisionOutcome(adj, False)


def can_confirm(hit: Hit, user: Any) -> bool:
    """Whether this user may confirm the clearing waiting on the hit (not the one who asked)."""
    adj = hit.adjudication
    return bool(
        adj is not None
        and adj.awaiting_second_person
        and (adj.proposed_by_id is None or adj.proposed_by_id != user.pk)
    )
