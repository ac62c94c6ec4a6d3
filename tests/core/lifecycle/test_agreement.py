"""The agreement checklist (agreement-checklist-v1): ratings per ingredient against the share
in place and the missing ingredients."""

from __future__ import annotations

import pytest

from partnerpath.core.lifecycle.agreement import CHECKLIST, INGREDIENTS, InPlace, summarise

P = InPlace
ALL_FULLY: dict[str, InPlace | None] = {i.key: P.FULLY for i in INGREDIENTS}

# (case, ratings, share in place, share fully, missing, partial)
CASES: list[
    tuple[str, dict[str, InPlace | None], float, float, tuple[str, ...], tuple[str, ...]]
] = [
    ("everything fully in place", ALL_FULLY, 1.0, 1.0, (), ()),
    ("nothing rated yet", {}, 0.0, 0.0, tuple(i.key for i in INGREDIENTS), ()),
    (
        "one ingredient partly in place",
        {**ALL_FULLY, "work_plan": P.PARTIALLY},
        11.5 / 12,
        11 / 12,
        (),
        ("work_plan",),
    ),
    (
        "one not in place",
        {**ALL_FULLY, "risk_protocol": P.NOT_IN_PLACE},
        11 / 12,
        11 / 12,
        ("risk_protocol",),
        (),
    ),
    (
        "one not relevant is left out",
        {**ALL_FULLY, "sustainability": P.NOT_RELEVANT},
        1.0,
        1.0,
        (),
        (),
    ),
    (
        "not relevant, partial, missing and unrated together",
        {
            **ALL_FULLY,
            "sustainability": P.NOT_RELEVANT,
            "governance": P.PARTIALLY,
            "indicators": P.NOT_IN_PLACE,
            "vision": None,
        },
        8.5 / 11,
        8 / 11,
        ("vision", "indicators"),
        ("governance",),
    ),
    (
        "every ingredient not relevant",
        {i.key: P.NOT_RELEVANT for i in INGREDIENTS},
        1.0,
        1.0,
        (),
        (),
    ),
]


@pytest.mark.parametrize(
    ("ratings", "share", "share_fully", "missing", "partial"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_it_summarises_the_agreement(
    ratings: dict[str, InPlace | None],
    share: float,
    share_fully: float,
    missing: tuple[str, ...],
    partial: tuple[str, ...],
) -> None:
    summary = summarise(ratings)
    assert summary.share_in_place == pytest.approx(share)
    assert summary.share_fully == pytest.approx(share_fully)
    assert (summary.missing, summary.partial) == (missing, partial)
    assert summary.complete is (not missing and not partial)
    assert summary.checklist == CHECKLIST


def test_the_summary_names_what_is_missing_in_words() -> None:
    summary = summarise({**ALL_FULLY, "risk_protocol": P.NOT_IN_PLACE, "roles": P.PARTIALLY})
    assert summary.summary == (
        "88% in place (10 of 12 relevant fully). Missing: risk protocol and do no harm. "
        "Partly in place: roles and responsibilities."
    )


def test_the_checklist_has_the_partnering_initiative_ingredients_and_do_no_harm() -> None:
    assert [i.key for i in INGREDIENTS] == [
        "partners",
        "representatives",
        "vision",
        "objectives",
        "activities",
        "work_plan",
        "resources",
        "roles",
        "indicators",
        "governance",
        "sustainability",
        "risk_protocol",
    ]


def test_it_refuses_an_ingredient_it_does_not_have() -> None:
    with pytest.raises(ValueError, match="Unknown agreement ingredient"):
        summarise({"glitter": P.FULLY})
