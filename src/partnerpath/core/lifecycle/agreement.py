"""The agreement checklist (agreement-checklist-v1): the ingredients of a partnership agreement,
after The Partnering Initiative's agreement scorecard, each rated not relevant / not in place /
partially in place / fully in place, and a summary of what is in place and what is missing."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from partnerpath.core.wording import noun

CHECKLIST = "agreement-checklist-v1"


class InPlace(StrEnum):
    """How far one ingredient is in place."""

    NOT_RELEVANT = "not_relevant"
    NOT_IN_PLACE = "not_in_place"
    PARTIALLY = "partially_in_place"
    FULLY = "fully_in_place"


IN_PLACE_LABELS: Mapping[InPlace, str] = {
    InPlace.NOT_RELEVANT: "Not relevant",
    InPlace.NOT_IN_PLACE: "Not in place",
    InPlace.PARTIALLY: "Partially in place",
    InPlace.FULLY: "Fully in place",
}
# Share of an ingredient that counts as in place.
CREDIT: Mapping[InPlace, float] = {
    InPlace.NOT_IN_PLACE: 0.0,
    InPlace.PARTIALLY: 0.5,
    InPlace.FULLY: 1.0,
}


@dataclass(frozen=True)
class Ingredient:
    """One ingredient of the agreement and what it asks for."""

    key: str
    label: str
    help: str


INGREDIENTS: tuple[Ingredient, ...] = (
    Ingredient("partners", "Partners", "Who the partners are, named as organisations."),
    Ingredient(
        "representatives",
        "Representatives",
        "A named point-person for every partner who can decide on its behalf.",
    ),
    Ingredient("vision", "Shared vision", "What success looks like, agreed by all partners."),
    Ingredient(
        "objectives", "Objectives of each partner", "What each partner wants to get out of it."
    ),
    Ingredient("activities", "Activities", "What the partnership does in its first year."),
    Ingredient("work_plan", "Work plan", "Who does what by when, with milestones."),
    Ingredient(
        "resources",
        "Resource commitments",
        "What each partner brings: cash, in kind, expertise, with values.",
    ),
    Ingredient("roles", "Roles and responsibilities", "Each partner's part, written down."),
    Ingredient(
        "indicators",
        "Indicators",
        "How success is measured, with targets and who monitors them.",
    ),
    Ingredient(
        "governance",
        "Governance",
        "A steering body, a meeting cadence and how decisions are made.",
    ),
    Ingredient(
        "sustainability",
        "Sustainability",
        "How the work continues once the first funding or the first year ends.",
    ),
    Ingredient(
        "risk_protocol",
        "Risk protocol and Do No Harm",
        "What happens if a trafficking case is found; commitments that nothing the partnership "
        "does endangers workers, survivors or staff.",
    ),
)
INGREDIENT_BY_KEY: Mapping[str, Ingredient] = {i.key: i for i in INGREDIENTS}


@dataclass(frozen=True)
class AgreementSummary:
    """How complete the agreement is: counts, the share in place (partially counts half), the
    share fully in place, the missing ingredients (not in place or not rated) and those only
    partly in place, with a one-line summary."""

    checklist: str
    relevant: int
    fully: int
    partially: int
    share_in_place: float
    share_fully: float
    missing: tuple[str, ...]
    partial: tuple[str, ...]
    unrated: tuple[str, ...]
    summary: str

    @property
    def complete(self) -> bool:
        """Every relevant ingredient fully in place and every ingredient rated."""
        return not self.missing and not self.partial


def summarise(ratings: Mapping[str, InPlace | None]) -> AgreementSummary:
    """agreement-checklist-v1: not-relevant ingredients are left out; of the rest, fully in place
    counts 1, partially 0.5, not in place 0. An ingredient not rated yet counts as not in place
    and is listed as missing. Raises ValueError for an ingredient the checklist does not have."""
    unknown = sorted(set(ratings) - set(INGREDIENT_BY_KEY))
    if unknown:
        what = noun(len(unknown), "ingredient")
        raise ValueError(f"Unknown agreement {what}: {', '.join(unknown)}.")
    relevant = [i for i in INGREDIENTS if ratings.get(i.key) is not InPlace.NOT_RELEVANT]
    given = {i.key: ratings.get(i.key) for i in relevant}
    unrated = tuple(k for k, v in given.items() if v is None)
    missing = tuple(k for k, v in given.items() if v in (None, InPlace.NOT_IN_PLACE))
    partial = tuple(k for k, v in given.items() if v is InPlace.PARTIALLY)
    fully = sum(1 for v in given.values() if v is InPlace.FULLY)
    credit = sum(CREDIT[v] for v in given.values() if v is not None)
    share = credit / len(relevant) if relevant else 1.0
    share_fully = fully / len(relevant) if relevant else 1.0
    head = f"{round(share * 100)}% in place ({fully} of {len(relevant)} relevant fully)."
    parts = [head]
    if missing:
        names = ", ".join(INGREDIENT_BY_KEY[k].label.lower() for k in missing)
        parts.append(f"Missing: {names}.")
    if partial:
        names = ", ".join(INGREDIENT_BY_KEY[k].label.lower() for k in partial)
        parts.append(f"Partly in place: {names}.")
    return AgreementSummary(
        CHECKLIST,
        len(relevant),
        fully,
        len(partial),
        share,
        share_fully,
        missing,
        partial,
        unrated,
        " ".join(parts),
    )
