"""Health checks: recording each partner's ratings of the partnership's aspects (one check per
date: ratings entered for a date that has a check join it), combining them with the core's
health-check-v1, when the next check is due, and the trend from check to check. Checks are
ordered by date, then by the order they were recorded, on every page. Pages read everything in
a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.safestring import SafeString

from partnerpath.core.lifecycle import health as core
from partnerpath.core.lifecycle.cadence import NextCheck
from partnerpath.core.wording import day
from partnerpath.partnerships import charts
from partnerpath.partnerships.choices import Aspect, EventKind
from partnerpath.partnerships.models import HealthCheck, HealthRating, Partner, Partnership
from partnerpath.partnerships.services import timeline
from partnerpath.partnerships.services.agreement import agreement_of
from partnerpath.partnerships.services.facts import partners_of
from partnerpath.partnerships.services.flags import next_check_of

METHOD = core.Method.WORST  # one partner's red is never averaged away
# The one order of checks: by date, then as recorded (the trend compares the last two).
OLDEST_FIRST = ("held_on", "id")
LATEST_FIRST = ("-held_on", "-id")
ASPECTS: tuple[tuple[str, str], ...] = tuple((a.value, str(a.label)) for a in Aspect)


@dataclass(frozen=True)
class NewRating:
    """One partner's rating of one aspect, as entered."""

    partner: Partner
    aspect: str
    light: str
    comment: str = ""


# One rating as plain values: partner id, aspect, light, comment.
Rated = tuple[int, str, str, str]


def _cadence_of(partnership: Partnership) -> str:
    agreement = agreement_of(partnership)
    return agreement.cadence if agreement else ""


def names_by_partnership(partners: Iterable[Partner]) -> dict[int, dict[int, str]]:
    """Per partnership, each partner's name by id (the id added where two names are the same)."""
    found: dict[int, dict[int, str]] = {}
    for p in partners:
        found.setdefault(p.partnership_id, {})[p.pk] = str(p.organisation)
    for names in found.values():
        twice = {n for n, count in Counter(names.values()).items() if count > 1}
        names.update({pk: f"{n} (#{pk})" for pk, n in names.items() if n in twice})
    return found


def result_of(
    held_on: date, ratings: Iterable[Rated], names: Mapping[int, str]
) -> core.CheckResult:
    """health-check-v1 (METHOD) on plain ratings; ``names`` are the partnership's partners by id,
    who word the reasons and are listed if they left an aspect unrated (empty: nobody listed)."""
    given = tuple(
        core.AspectRating(names.get(pk, str(pk)), core.Aspect(aspect), core.Light(light), comment)
        for pk, aspect, light, comment in ratings
    )
    return core.assess(core.HealthCheck(held_on, given), list(names.values()), METHOD)


def results_of(
    checks: Sequence[HealthCheck], partners: Iterable[Partner]
) -> list[core.CheckResult]:
    """Each check's result, in order (ratings prefetched); ``partners`` may span partnerships."""
    names = names_by_partnership(partners)
    return [
        result_of(
            check.held_on,
            [(r.partner_id, r.aspect, r.light, r.comment) for r in check.ratings.all()],
            names.get(check.partnership_id, {}),
        )
        for check in checks
    ]


def describe(result: core.CheckResult) -> str:
    """The overall light and score in words."""
    if result.overall is None:
        return "not rated"
    score = f" (score {result.score:.0f})" if result.score is not None else ""
    return f"overall {result.overall.value}{score}"


def at_that_point(result: core.CheckResult) -> str:
    """The check's overall light and score when a timeline entry is written, from every
    partner's ratings so far: a partner who answers later changes both, so an older entry of
    the same check may show another score."""
    if result.overall is None:
        return "nobody has rated it yet"
    score = f" (score {result.score:.0f} at that point)" if result.score is not None else ""
    return f"with everyone's ratings so far, the check is {result.overall.value} overall{score}"


def new_check(
    partnership: Partnership, held_on: date, notes: str = "", user: Any = None
) -> HealthCheck:
    """An empty check held on ``held_on``, with the due date the cadence gave for it (ratings
    follow at once: a check is never left without them)."""
    before = partnership.health_checks.filter(held_on__lte=held_on).aggregate(Max("held_on"))
    due = next_check_of(partnership, before["held_on__max"], _cadence_of(partnership), held_on)
    return HealthCheck.objects.create(
        programme_id=partnership.programme_id,
        partnership=partnership,
        held_on=held_on,
        due_on=due.due_on if due else None,
        notes=notes,
        recorded_by=user if user is not None and user.is_authenticated else None,
    )


def store_ratings(check: HealthCheck, ratings: Sequence[NewRating], by_partner: bool) -> None:
    """Add the ratings to ``check``."""
    for r in ratings:
        HealthRating.objects.create(
            programme_id=check.programme_id,
            health_check=check,
            partner=r.partner,
            aspect=r.aspect,
            light=r.light,
            comment=r.comment,
            by_partner=by_partner,
        )


def check_result(check: HealthCheck) -> core.CheckResult:
    """What a stored check's ratings combine to now."""
    (result,) = results_of([check], partners_of(check.partnership))
    return result


def _check_ratings(partnership: Partnership, ratings: Sequence[NewRating]) -> None:
    if not ratings:
        raise ValueError("A health check needs at least one rating.")
    if any(r.partner.partnership_id != partnership.pk for r in ratings):
        raise ValueError("Every rating must come from a partner of this partnership.")


def first_day(partnership: Partnership) -> date:
    """The day the partnership was created (its first stage change): no check is held before."""
    created = (
        partnership.stage_changes.order_by("at", "id").values_list("at", flat=True).first()
        or partnership.created_at
        or timezone.now()
    )
    return timezone.localdate(created)


def held_on_problem(partnership: Partnership, held_on: date, today: date | None = None) -> str:
    """Why a check cannot be dated ``held_on`` ('' when it can): not in the future, not before
    the partnership was created."""
    today = today or timezone.localdate()
    if held_on > today:
        return "A health check is recorded after it is held: not a future date."
    start = first_day(partnership)
    if held_on < start:
        return (
            f"The partnership was created on {start:%d %b %Y}: a check cannot be held before that."
        )
    return ""


def check_on(partnership: Partnership, held_on: date) -> HealthCheck | None:
    """The check of that date, if there is one (the first recorded, should there be two)."""
    return partnership.health_checks.filter(held_on=held_on).order_by(*OLDEST_FIRST).first()


def _replace_staff_ratings(check: HealthCheck, ratings: Sequence[NewRating]) -> None:
    """Make room in ``check`` for staff ratings: a partner's own rating is never replaced
    (ValueError naming it); earlier staff ratings of the same aspects are, one by one, so that
    the history keeps each."""
    given = {(r.partner.pk, r.aspect) for r in ratings}
    stored = HealthRating.objects.filter(health_check=check).select_related("partner__organisation")
    own = [r for r in stored if r.by_partner and (r.partner_id, r.aspect) in given]
    if own:
        names = ", ".join(f"{r.partner.organisation} ({r.get_aspect_display()})" for r in own)
        raise ValueError(
            f"These partners rated the check of {check.held_on:%d %b %Y} themselves, and their "
            f"own ratings are not replaced: {names}. Leave those aspects unrated."
        )
    for old in stored:
        if (old.partner_id, old.aspect) in given:
            old.delete()


def record_check(
    partnership: Partnership,
    held_on: date,
    ratings: Sequence[NewRating],
    notes: str = "",
    user: Any = None,
) -> HealthCheck:
    """The check that :func:`save_check` stored the staff's ratings in."""
    return save_check(partnership, held_on, ratings, notes, user)[0]


@transaction.atomic
def save_check(
    partnership: Partnership,
    held_on: date,
    ratings: Sequence[NewRating],
    notes: str = "",
    user: Any = None,
) -> tuple[HealthCheck, bool]:
    """Store the staff's ratings in the check of ``held_on``: a new check with the due date the
    cadence gave, or the check of that date when there is one (its earlier staff ratings of the
    same aspects replaced, a partner's own never). Its overall light goes on the timeline at the
    check's date; also whether the check was there already (decided under the partnership's
    lock). ValueError without ratings, for another partnership's partner, for a date in the
    future or before the partnership was created, or over a partner's own ratings."""
    _check_ratings(partnership, ratings)
    problem = held_on_problem(partnership, held_on)
    if problem:
        raise ValueError(problem)
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    check = check_on(partnership, held_on)
    joined = check is not None
    if check is None:
        check = new_check(partnership, held_on, notes, user)
    else:
        _replace_staff_ratings(check, ratings)
        if notes.strip():
            check.notes = f"{check.notes}\n\n{notes.strip()}".strip()
            check.save(update_fields=["notes", "updated_at"])
    store_ratings(check, ratings, by_partner=False)
    result = check_result(check)
    what = "Ratings added to the health check" if joined else "Health check"
    timeline.record(
        partnership,
        EventKind.HEALTH_CHECK,
        f"{what} of {day(held_on)}: {at_that_point(result)}.",
        detail=result.reason,
        at=timeline.moment(held_on),
    )
    return check, joined


@transaction.atomic
def rate_as_partner(
    partnership: Partnership, held_on: date, partner: Partner, ratings: Sequence[NewRating]
) -> HealthCheck:
    """One partner's own ratings for the check of ``held_on``: they join the check of that date
    (created when it is the first answer) and replace whatever staff entered for that partner
    there. The partnership row is locked so that two partners answering at once share one check."""
    _check_ratings(partnership, ratings)
    if any(r.partner.pk != partner.pk for r in ratings):
        raise ValueError("Every rating must come from the partner who answers.")
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    check = check_on(partnership, held_on)
    if check is None:
        check = new_check(partnership, held_on)
    else:
        for old in HealthRating.objects.filter(health_check=check, partner=partner):
            old.delete()  # one by one, so that the history keeps each replaced rating
    store_ratings(check, ratings, by_partner=True)
    result = check_result(check)
    own = Counter(r.light for r in ratings)
    given = ", ".join(f"{own[light]} {light}" for light in ("green", "amber", "red") if own[light])
    timeline.record(
        partnership,
        EventKind.HEALTH_CHECK,
        f"{partner.organisation} rated the health check of {day(held_on)} itself ({given}):"
        f" {at_that_point(result)}.",
        detail=result.reason,
        at=timeline.moment(held_on),
    )
    return check


@dataclass(frozen=True)
class CheckRow:
    """One check with its result and its light per aspect, in the order of ASPECTS."""

    check: HealthCheck
    result: core.CheckResult
    lights: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class HealthOverview:
    """The health page: whether checks fall due yet, the next one, every check newest first,
    and the trend."""

    running: bool
    next_check: NextCheck | None
    cadence_agreed: bool
    rows: tuple[CheckRow, ...]
    trend: core.Trend | None


def _rows(checks: Sequence[HealthCheck], partners: Sequence[Partner]) -> list[CheckRow]:
    found = []
    for check, result in zip(checks, results_of(checks, partners), strict=True):
        lights = tuple(
            (label, light.value if (light := result.aspects[core.Aspect(key)].light) else None)
            for key, label in ASPECTS
        )
        found.append(CheckRow(check, result, lights))
    return found


def health_overview(partnership: Partnership, today: date) -> HealthOverview:
    """Everything the health page shows, in a fixed number of queries."""
    partners = partners_of(partnership)
    checks = list(
        partnership.health_checks.order_by(*LATEST_FIRST).prefetch_related(
            Prefetch("ratings", queryset=HealthRating.objects.order_by("partner_id", "aspect"))
        )
    )
    cadence = _cadence_of(partnership)
    last = checks[0].held_on if checks else None
    rows = _rows(checks, partners)
    due = next_check_of(partnership, last, cadence, today)
    return HealthOverview(
        running=due is not None,
        next_check=due,
        cadence_agreed=bool(cadence),
        rows=tuple(rows),
        trend=core.trend([r.result for r in reversed(rows)]) if rows else None,
    )


def trend_chart(overview: HealthOverview) -> SafeString:
    """The trend chart of the overview's checks: each aspect's light, the overall and score."""
    columns = [
        charts.TrendColumn(
            row.check.held_on,
            {a.value: r.light.value if r.light else None for a, r in row.result.aspects.items()},
            row.result.overall.value if row.result.overall else None,
            row.result.score,
        )
        for row in reversed(overview.rows)  # oldest first: same-date checks as recorded
    ]
    return charts.health_trend_svg(ASPECTS, columns)


@dataclass(frozen=True)
class PartnerRatings:
    """One partner's ratings in a check: (aspect label, light or None, comment) per aspect."""

    partner: Partner
    ratings: tuple[tuple[str, str | None, str], ...]
    by_partner: bool = False  # given by the partner itself through its private link

    @property
    def rated(self) -> bool:
        """The partner rated at least one aspect."""
        return any(light for _, light, _ in self.ratings)


@dataclass(frozen=True)
class CheckDetail:
    """One check: each partner's ratings and the combined result per aspect."""

    check: HealthCheck
    partners: tuple[PartnerRatings, ...]
    result: core.CheckResult
    aspects: tuple[tuple[str, core.AspectResult], ...]


def check_detail(partnership: Partnership, check: HealthCheck) -> CheckDetail:
    """Each partner's ratings and comments in ``check``, and what they combine to."""
    partners = partners_of(partnership)
    given = {(r.partner_id, r.aspect): r for r in check.ratings.all()}
    per_partner = []
    for p in partners:
        rows = []
        own = False
        for key, label in ASPECTS:
            rating = given.get((p.pk, key))
            rows.append((label, rating.light if rating else None, rating.comment if rating else ""))
            own = own or bool(rating and rating.by_partner)
        per_partner.append(PartnerRatings(p, tuple(rows), own))
    (result,) = results_of([check], partners)
    aspects = tuple((label, result.aspects[core.Aspect(key)]) for key, label in ASPECTS)
    return CheckDetail(check, tuple(per_partner), result, aspects)
