"""Health checks (health-check-v1): each partner's point-person rates aspects of the partnership
green, amber or red; a check's result per aspect (the worst rating, or the majority), its overall
light and score, and the trend from one check to the next."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from partnerpath.core.wording import sentence_end

HEALTH = "health-check-v1"


class Aspect(StrEnum):
    """What the partners rate."""

    TRUST = "trust"
    COMMUNICATION = "communication"
    MUTUAL_BENEFIT = "mutual_benefit"
    PROGRESS = "progress"
    RESOURCES = "resources"
    SHARED_VISION = "shared_vision"


class Light(StrEnum):
    """A rating, from best to worst."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


SEVERITY: tuple[Light, ...] = (Light.GREEN, Light.AMBER, Light.RED)
# The health score of one rating, 0 to 100.
SCORE: Mapping[Light, int] = {Light.GREEN: 100, Light.AMBER: 50, Light.RED: 0}


class Method(StrEnum):
    """How the partners' ratings of one aspect combine."""

    WORST = "worst"
    MAJORITY = "majority"


class Direction(StrEnum):
    """How an aspect or the partnership moved since the previous check."""

    FIRST = "first check"
    IMPROVING = "improving"
    STEADY = "steady"
    WORSENING = "worsening"


@dataclass(frozen=True)
class AspectRating:
    """One partner's rating of one aspect, with its comment."""

    partner: str
    aspect: Aspect
    light: Light
    comment: str = ""


@dataclass(frozen=True)
class HealthCheck:
    """The ratings given in one check."""

    held_on: date
    ratings: tuple[AspectRating, ...]


@dataclass(frozen=True)
class AspectResult:
    """One aspect's combined light (None: nobody rated it) and why."""

    aspect: Aspect
    light: Light | None
    reason: str


@dataclass(frozen=True)
class CheckResult:
    """A check's result: the light per aspect and overall, the score (mean of every rating,
    green 100, amber 50, red 0), the partners who have not rated every aspect, and why."""

    rule: str
    method: Method
    held_on: date
    aspects: Mapping[Aspect, AspectResult]
    overall: Light | None
    score: float | None
    not_rated: tuple[str, ...]
    reason: str


def _worse(a: Light, b: Light) -> Light:
    return max(a, b, key=SEVERITY.index)


def combine(lights: Mapping[str, Light], method: Method) -> tuple[Light | None, str]:
    """Worst: one red is enough to make it red, so a single partner's alarm is never averaged
    away. Majority: the light most partners gave; on a tie, the worse of the tied lights."""
    if not lights:
        return None, "Not rated."
    if method is Method.WORST:
        light = max(lights.values(), key=SEVERITY.index)
        who = ", ".join(n for n, v in lights.items() if v is light)
        return light, f"{light.value.capitalize()}: the worst rating counts ({who})."
    counts = Counter(lights.values())
    most = max(counts.values())
    tied = [v for v in SEVERITY if counts[v] == most]
    light = tied[-1]
    if len(tied) > 1:
        names = " and ".join(v.value for v in tied)
        return light, f"{light.value.capitalize()}: {names} tie; the worse counts."
    return light, f"{light.value.capitalize()}: {most} of {len(lights)} rated it {light.value}."


def assess(
    check: HealthCheck, partners: Sequence[str], method: Method = Method.WORST
) -> CheckResult:
    """Combine each aspect's ratings by ``method``, then the aspects into the overall light by
    the same method. A partner in ``partners`` who left an aspect unrated is listed. Rating the
    same aspect twice in one check is an error (ValueError)."""
    seen: set[tuple[str, Aspect]] = set()
    for r in check.ratings:
        if (r.partner, r.aspect) in seen:
            raise ValueError(f"{r.partner} rated {r.aspect.value} twice in one check.")
        seen.add((r.partner, r.aspect))
    aspects: dict[Aspect, AspectResult] = {}
    for aspect in Aspect:
        given = {r.partner: r.light for r in check.ratings if r.aspect is aspect}
        light, reason = combine(given, method)
        aspects[aspect] = AspectResult(aspect, light, reason)
    not_rated = tuple(p for p in partners if any((p, a) not in seen for a in Aspect))
    rated = {a.value: v.light for a, v in aspects.items() if v.light is not None}
    overall, why = combine(rated, method)
    scores = [SCORE[r.light] for r in check.ratings]
    score = sum(scores) / len(scores) if scores else None
    reason = f"Overall {why}" if overall else "Nobody has rated this check yet."
    if not_rated:
        reason += " " + sentence_end(f"Still to rate every aspect: {', '.join(not_rated)}")
    return CheckResult(HEALTH, method, check.held_on, aspects, overall, score, not_rated, reason)


@dataclass(frozen=True)
class Trend:
    """The direction since the previous check, per aspect and overall, with reasons, and the
    score series (check date, score) for the chart."""

    overall: Direction
    aspects: Mapping[Aspect, Direction]
    reasons: tuple[str, ...]
    series: tuple[tuple[date, float | None], ...]


def _direction(before: Light | None, after: Light | None) -> Direction:
    if before is None or after is None:
        return Direction.FIRST
    change = SEVERITY.index(after) - SEVERITY.index(before)
    if change < 0:
        return Direction.IMPROVING
    return Direction.WORSENING if change > 0 else Direction.STEADY


def trend(results: Sequence[CheckResult]) -> Trend:
    """Compare the latest check with the one before: an aspect improves or worsens when its light
    changes; the partnership when its score changes. One check: first check. Checks are ordered
    by date, and checks of the same date in the order given, so callers pass them in the order
    they were recorded (held_on, then id) and every page reads the same trend."""
    ordered = sorted(results, key=lambda r: r.held_on)  # stable: same-date checks keep their order
    series = tuple((r.held_on, r.score) for r in ordered)
    if len(ordered) < 2:
        first = {a: Direction.FIRST for a in Aspect}
        return Trend(Direction.FIRST, first, ("Only one check so far.",), series)
    before, after = ordered[-2], ordered[-1]
    aspects: dict[Aspect, Direction] = {}
    reasons: list[str] = []
    for a in Aspect:
        was, now = before.aspects[a].light, after.aspects[a].light
        aspects[a] = _direction(was, now)
        if aspects[a] in (Direction.IMPROVING, Direction.WORSENING) and was and now:
            name = a.value.replace("_", " ").capitalize()
            reasons.append(f"{name} went from {was.value} to {now.value}.")
    if before.score is None or after.score is None:
        overall = Direction.FIRST
    elif after.score > before.score:
        overall = Direction.IMPROVING
    elif after.score < before.score:
        overall = Direction.WORSENING
    else:
        overall = Direction.STEADY
    if before.score is not None and after.score is not None:
        reasons.insert(0, f"Score {before.score:.0f} -> {after.score:.0f}: {overall.value}.")
    return Trend(overall, aspects, tuple(reasons), series)
