"""Use-cases of scoring rounds: create one with its raters and scope, save a rater's scores,
submit (lock) a sheet so that exactly one of two simultaneous submits wins (a team member may
submit for an offline rater), and close a round (its lead, admins and PSE leads)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from partnerpath.accounts.choices import EDIT_ROLES, Role
from partnerpath.accounts.models import Membership, Programme
from partnerpath.audit.context import because
from partnerpath.prioritisation.choices import OpportunityStatus, RoundStatus
from partnerpath.prioritisation.models import (
    Opportunity,
    RaterSheet,
    Round,
    Score,
    ScorecardTemplateVersion,
    WeightDecision,
)

# Viewers only read: every other role can be asked to score (reviewers in the donor round).
RATER_ROLES = (Role.ADMIN, Role.PSE_LEAD, Role.MEMBER, Role.REVIEWER)
# Besides the round's lead (the team member who opened it), these roles close any round.
CLOSING_ROLES = (Role.ADMIN, Role.PSE_LEAD)
ABSTAIN = "na"
NOT_LEAD = "Only the round's lead (who opened it), programme admins and PSE leads close a round."
OWN_SHEET_ONLY = (
    "While this round is open and your own sheet is not submitted, you see and import only your "
    "own sheet (no anchoring). Submit yours first, or ask a team member who does not rate it."
)


class ScoringError(ValueError):
    """Scores that cannot be saved or submitted now; the message says why."""


class NotAllowed(ScoringError):
    """The user's role or part in the round does not allow this (a 403, not a 400)."""


@dataclass(frozen=True)
class Cell:
    """One factor of one opportunity as a rater enters it: a point, `na`, or empty."""

    value: str | None  # None keeps the score (or abstention) saved before
    rationale: str | None = ""  # None keeps the rationale saved before


def rounds_of(programme: Programme) -> QuerySet[Round]:
    """The programme's rounds with their template, weights and how many sheets are in."""
    return (
        Round.objects.filter(programme=programme)
        .select_related("template_version", "weight_decision")
        .annotate(
            sheet_count=Count("sheets", distinct=True),
            submitted_count=Count(
                "sheets", filter=Q(sheets__submitted_at__isnull=False), distinct=True
            ),
        )
    )


def possible_raters(programme: Programme) -> QuerySet[Membership]:
    """Members who may be asked to score."""
    return (
        Membership.objects.filter(programme=programme, role__in=RATER_ROLES)
        .select_related("user")
        .order_by("user__username")
    )


@transaction.atomic
def create_round(
    programme: Programme,
    name: str,
    version: ScorecardTemplateVersion,
    decision: WeightDecision | None,
    raters: Iterable[Any],
    opportunities: Iterable[Opportunity],
    user: Any,
    top_k: int = 3,
) -> Round:
    """A new open round; every rater gets an empty sheet and ideas in scope move to scoring."""
    if version.programme_id != programme.pk:
        raise ScoringError("The template version belongs to another programme.")
    if decision is not None and decision.template_version_id != version.pk:
        raise ScoringError("The weights were agreed for another template version.")
    # A rater or opportunity named twice counts once: one sheet per rater, in the order given.
    scope = _distinct(opportunities)
    people = _distinct(raters)
    if not scope or not people:
        raise ScoringError("A round needs at least one rater and one opportunity.")
    allowed = set(
        possible_raters(programme)
        .filter(user__in=[p.pk for p in people])
        .values_list("user_id", flat=True)
    )
    refused = [str(p) for p in people if p.pk not in allowed]
    if refused:
        raise ScoringError(
            f"Only admins, PSE leads, team members and reviewers of the programme can rate "
            f"(viewers only read): not {', '.join(refused)}."
        )
    outside = [str(o) for o in scope if o.programme_id != programme.pk]
    dropped = [str(o) for o in scope if o.status == OpportunityStatus.DROPPED]
    if outside or dropped:
        shown = ", ".join(f"“{t}”" for t in outside + dropped)
        raise ScoringError(f"Only the programme's opportunities that are not dropped: {shown}.")
    found = Round.objects.create(
        programme=programme,
        name=name,
        template_version=version,
        weight_decision=decision,
        created_by=user,
        top_k=top_k,
    )
    found.raters.set(people)
    found.opportunities.set(scope)
    for person in people:
        RaterSheet.objects.create(programme=programme, round=found, rater=person)
    for opportunity in scope:
        if opportunity.status == OpportunityStatus.IDEA:
            opportunity.status = OpportunityStatus.SCORING
            opportunity.save(update_fields=["status", "updated_at"])
    return found


def _distinct(records: Iterable[Any]) -> list[Any]:
    """The records without repeats (by id), first occurrence first."""
    return list({record.pk: record for record in records}.values())


def sheet_of(round_: Round, user: Any) -> RaterSheet | None:
    """The user's sheet in the round, if they are a rater."""
    return RaterSheet.objects.filter(round=round_, rater=user).first()


def _role(round_: Round, user: Any) -> str | None:
    return (
        Membership.objects.filter(programme_id=round_.programme_id, user_id=user.pk)
        .values_list("role", flat=True)
        .first()
    )


def _others_sheets_refusal(round_: Round, user: Any) -> str:
    """Why the user may not handle other raters' sheets of the round ('' when they may)."""
    if _role(round_, user) not in EDIT_ROLES:
        return "Only team members handle other raters' sheets."
    waiting = RaterSheet.objects.filter(round=round_, rater_id=user.pk, submitted_at__isnull=True)
    if round_.is_open and waiting.exists():
        return OWN_SHEET_ONLY
    return ""


def may_handle_others_sheets(round_: Round, user: Any) -> bool:
    """Team members (not reviewers or viewers) export, import and submit an offline rater's
    sheet, but not while their own sheet in the open round is unsubmitted (no anchoring)."""
    return not _others_sheets_refusal(round_, user)


def check_others_sheets(round_: Round, user: Any) -> None:
    """Raise NotAllowed with the reason unless the user may handle other raters' sheets."""
    refusal = _others_sheets_refusal(round_, user)
    if refusal:
        raise NotAllowed(refusal)


def may_close(round_: Round, user: Any) -> bool:
    """The round's lead (who opened it, while still a team member), admins and PSE leads."""
    role = _role(round_, user)
    return role in CLOSING_ROLES or (role in EDIT_ROLES and round_.created_by_id == user.pk)


def save_scores(sheet: RaterSheet, opportunity: Opportunity, cells: Mapping[str, Cell]) -> None:
    """Save a rater's scores of one opportunity (factor key -> cell); refused on a locked
    sheet, a closed round, an opportunity outside the round or an unknown factor."""
    with transaction.atomic():
        locked = _lock(sheet)
        _check_open(locked)
        if not locked.round.opportunities.filter(pk=opportunity.pk).exists():
            raise ScoringError(f"{opportunity} is not scored in this round.")
        _write_cells(locked, opportunity, cells)


def _lock(sheet: RaterSheet) -> RaterSheet:
    """Lock the sheet's round, then the sheet, and return the sheet as committed now."""
    # Always in this order, so saves, submits and closes of one round queue instead of
    # deadlocking; holding the round makes the last two raters' submits see each other, so the
    # round closes.
    round_ = (
        Round.objects.select_for_update(of=("self",))
        .select_related("template_version")
        .get(pk=sheet.round_id)
    )
    locked = RaterSheet.objects.select_for_update().get(pk=sheet.pk)
    locked.round = round_
    return locked


def _check_open(sheet: RaterSheet) -> None:
    if sheet.is_locked:
        when = timezone.localtime(sheet.submitted_at).strftime("%d %b %Y at %H:%M")
        raise ScoringError(
            f"This sheet was already submitted on {when} and is locked; its scores were kept "
            "as submitted."
        )
    if not sheet.round.is_open:
        raise ScoringError("This round is closed; it takes no more scores.")


def _write_cells(sheet: RaterSheet, opportunity: Opportunity, cells: Mapping[str, Cell]) -> None:
    template = sheet.round.template_version.template
    low, high = template.scale
    known = {f.key for f in template.factors}
    existing = {s.factor: s for s in Score.objects.filter(sheet=sheet, opportunity=opportunity)}
    for factor, cell in cells.items():
        if factor not in known:
            raise ScoringError(f"Unknown factor {factor!r}.")
        value = None if cell.value is None else cell.value.strip().lower()
        point = value is not None and value.isdigit() and low <= int(value) <= high
        if value not in {None, "", ABSTAIN} and not point:
            raise ScoringError(f"{factor}: a score is {low}-{high} or insufficient information.")
        score = existing.get(factor) or Score(
            programme_id=sheet.programme_id, sheet=sheet, opportunity=opportunity, factor=factor
        )
        # What is not given (None) stays as saved: the score or abstention, the rationale.
        rationale = score.rationale if cell.rationale is None else cell.rationale.strip()
        if value is None:
            new = (score.score, score.insufficient_information, rationale)
        else:
            new = (int(value) if value.isdigit() else None, value == ABSTAIN, rationale)
        if score.pk and (score.score, score.insufficient_information, score.rationale) == new:
            continue
        score.score, score.insufficient_information, score.rationale = new
        score.save()


def missing_cells(sheet: RaterSheet) -> int:
    """How many factor scores of the round's opportunities the sheet still lacks."""
    factors = len(sheet.round.template_version.template.factors)
    expected = factors * sheet.round.opportunities.count()
    answered = Score.objects.filter(
        Q(score__isnull=False) | Q(insufficient_information=True),
        sheet=sheet,
        opportunity__in=sheet.round.opportunities.all(),
    ).count()
    return expected - answered


def submit_sheet(sheet: RaterSheet, user: Any) -> RaterSheet:
    """Lock a complete sheet, recording who submitted it (the rater, or a team member for an
    offline rater); the round closes when every rater has submitted."""
    # The rows are locked first (SELECT ... FOR UPDATE): of two submits of one sheet at once,
    # exactly one wins and the other gets a clear message; no score is written after it.
    with transaction.atomic():
        locked = _lock(sheet)
        for_someone_else = locked.rater_id != user.pk
        if for_someone_else:
            check_others_sheets(locked.round, user)
        _check_open(locked)
        missing = missing_cells(locked)
        if missing:
            raise ScoringError(
                f"{missing} factor score(s) are still empty: score every factor or mark it "
                "insufficient information, then submit."
            )
        locked.submitted_at = timezone.now()
        locked.submitted_by = user
        reason = f"Submitted by {user} for {locked.rater} (offline)." if for_someone_else else ""
        with because(reason):
            locked.save(update_fields=["submitted_at", "submitted_by", "updated_at"])
        if not RaterSheet.objects.filter(round=locked.round, submitted_at__isnull=True).exists():
            _close(locked.round, None)
    return locked


def close_round(round_: Round, user: Any) -> None:
    """The lead (or an admin or PSE lead) closes a round; sheets not submitted stay out of the
    results."""
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        if not may_close(locked, user):
            raise NotAllowed(NOT_LEAD)
        if not locked.is_open:
            raise ScoringError("This round is already closed.")
        _close(locked, user)


def _close(round_: Round, user: Any) -> None:
    round_.status = RoundStatus.CLOSED
    round_.closed_by = user
    round_.closed_at = timezone.now()
    round_.save(update_fields=["status", "closed_by", "closed_at", "updated_at"])
