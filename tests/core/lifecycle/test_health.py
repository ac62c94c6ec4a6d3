"""Health checks (health-check-v1): combining the partners' lights per aspect (worst or
majority), the overall light and score, who has not rated, and the trend between checks."""

from __future__ import annotations

from datetime import date

import pytest

from partnerpath.core.lifecycle.health import (
    HEALTH,
    Aspect,
    AspectRating,
    Direction,
    HealthCheck,
    Light,
    Method,
    assess,
    combine,
    trend,
)

G, A, R = Light.GREEN, Light.AMBER, Light.RED
W, M = Method.WORST, Method.MAJORITY
PARTNERS = ("Programme", "Acme")

# (case, partner -> light, method, combined light, reason)
COMBINE: list[tuple[str, dict[str, Light], Method, Light | None, str]] = [
    ("all green", {"P": G, "Acme": G}, W, G, "Green: the worst rating counts (P, Acme)."),
    (
        "one red is enough",
        {"P": G, "Acme": R, "Port": G},
        W,
        R,
        "Red: the worst rating counts (Acme).",
    ),
    ("amber and green", {"P": A, "Acme": G}, W, A, "Amber: the worst rating counts (P)."),
    (
        "majority green outvotes one red",
        {"P": G, "Acme": R, "Port": G},
        M,
        G,
        "Green: 2 of 3 rated it green.",
    ),
    ("majority red", {"P": R, "Acme": R, "Port": A}, M, R, "Red: 2 of 3 rated it red."),
    (
        "a tie takes the worse light",
        {"P": G, "Acme": A},
        M,
        A,
        "Amber: green and amber tie; the worse counts.",
    ),
    (
        "a three-way tie takes red",
        {"P": G, "Acme": A, "Port": R},
        M,
        R,
        "Red: green and amber and red tie; the worse counts.",
    ),
    ("nobody rated, worst", {}, W, None, "Not rated."),
    ("nobody rated, majority", {}, M, None, "Not rated."),
]


@pytest.mark.parametrize(
    ("lights", "method", "light", "reason"), [c[1:] for c in COMBINE], ids=[c[0] for c in COMBINE]
)
def test_it_combines_the_partners_lights(
    lights: dict[str, Light], method: Method, light: Light | None, reason: str
) -> None:
    assert combine(lights, method) == (light, reason)


def _check(day: date, *lights: tuple[str, Aspect, Light]) -> HealthCheck:
    return HealthCheck(day, tuple(AspectRating(p, a, v) for p, a, v in lights))


def _full(day: date, programme: Light, acme: Light, **acme_aspects: Light) -> HealthCheck:
    ratings = [("Programme", a, programme) for a in Aspect]
    ratings += [("Acme", a, acme_aspects.get(a.value, acme)) for a in Aspect]
    return _check(day, *ratings)


DAY1, DAY2 = date(2026, 1, 15), date(2026, 3, 15)


def test_a_check_gives_a_light_per_aspect_the_overall_light_and_a_score() -> None:
    result = assess(_full(DAY1, G, G, trust=R), PARTNERS)
    assert result.rule == HEALTH
    assert result.aspects[Aspect.TRUST].light is R
    assert result.aspects[Aspect.COMMUNICATION].light is G
    assert result.overall is R
    assert result.score == pytest.approx(1100 / 12)
    assert result.reason == "Overall Red: the worst rating counts (trust)."
    assert result.not_rated == ()


def test_by_majority_one_red_aspect_does_not_make_the_partnership_red() -> None:
    result = assess(_full(DAY1, G, G, trust=R), PARTNERS, Method.MAJORITY)
    assert result.aspects[Aspect.TRUST].light is R  # a tie between the two raters: the worse
    assert result.overall is G


def test_it_lists_partners_who_have_not_rated_every_aspect() -> None:
    check = _check(DAY1, ("Programme", Aspect.TRUST, G), ("Programme", Aspect.PROGRESS, A))
    result = assess(check, PARTNERS)
    assert result.not_rated == PARTNERS
    assert result.aspects[Aspect.SHARED_VISION].light is None
    assert result.overall is A
    assert "Still to rate every aspect: Programme, Acme." in result.reason


def test_an_empty_check_has_no_light_and_no_score() -> None:
    result = assess(HealthCheck(DAY1, ()), PARTNERS)
    assert (result.overall, result.score) == (None, None)
    assert result.reason.startswith("Nobody has rated this check yet.")


def test_rating_an_aspect_twice_in_one_check_is_an_error() -> None:
    check = _check(DAY1, ("Acme", Aspect.TRUST, G), ("Acme", Aspect.TRUST, R))
    with pytest.raises(ValueError, match="Acme rated trust twice"):
        assess(check, PARTNERS)


# (case, first check, second check, overall direction, trust direction)
TRENDS: list[tuple[str, HealthCheck, HealthCheck | None, Direction, Direction]] = [
    ("only one check", _full(DAY1, G, G), None, Direction.FIRST, Direction.FIRST),
    ("nothing changed", _full(DAY1, G, A), _full(DAY2, G, A), Direction.STEADY, Direction.STEADY),
    (
        "trust recovered",
        _full(DAY1, G, G, trust=R),
        _full(DAY2, G, G),
        Direction.IMPROVING,
        Direction.IMPROVING,
    ),
    (
        "trust broke down",
        _full(DAY1, G, G),
        _full(DAY2, G, G, trust=R),
        Direction.WORSENING,
        Direction.WORSENING,
    ),
    (
        "progress slipped, trust held",
        _full(DAY1, G, G),
        _full(DAY2, G, G, progress=A),
        Direction.WORSENING,
        Direction.STEADY,
    ),
    (
        "trust not rated before",
        _check(DAY1, ("Acme", Aspect.PROGRESS, G)),
        _full(DAY2, G, G),
        Direction.STEADY,
        Direction.FIRST,
    ),
]


@pytest.mark.parametrize(
    ("first", "second", "overall", "trust"), [c[1:] for c in TRENDS], ids=[c[0] for c in TRENDS]
)
def test_it_finds_the_trend_between_the_last_two_checks(
    first: HealthCheck, second: HealthCheck | None, overall: Direction, trust: Direction
) -> None:
    checks = [first] if second is None else [second, first]  # given out of order on purpose
    result = trend([assess(c, PARTNERS) for c in checks])
    assert result.overall is overall
    assert result.aspects[Aspect.TRUST] is trust
    assert [d for d, _ in result.series] == sorted(c.held_on for c in checks)


def test_the_trend_explains_what_changed() -> None:
    before = assess(_full(DAY1, G, G), PARTNERS)
    after = assess(_full(DAY2, G, G, trust=R, mutual_benefit=A), PARTNERS)
    assert trend([before, after]).reasons == (
        "Score 100 -> 88: worsening.",
        "Trust went from green to red.",
        "Mutual benefit went from green to amber.",
    )


def test_two_checks_of_the_same_date_count_in_the_order_they_were_recorded() -> None:
    first = assess(_full(DAY1, G, G), PARTNERS)
    second = assess(_full(DAY1, G, G, trust=A), PARTNERS)
    assert trend([first, second]).overall is Direction.WORSENING
    assert trend([second, first]).overall is Direction.IMPROVING
