"""The partnership-type advisor (type-advisor-v1): the brief's questions (learning 3: intended
impact, timeframe, each partner's role, resources, and how close the work is to the business)
give points to the types of Table 2; the type with the most points is suggested, with every
reason. It advises; the partners decide together."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from partnerpath.core.lifecycle.partnership_types import TYPE_LABELS, PartnershipType
from partnerpath.core.wording import sentence_end

ADVISOR = "type-advisor-v1"
T = PartnershipType
K = TypeVar("K")


class Impact(StrEnum):
    """What the partnership is meant to change."""

    LASTING_CHANGE = "lasting_change"
    COMPANY_OPERATIONS = "company_operations"
    BENEFICIARIES = "beneficiaries"
    NEAR_TERM_POLICY = "near_term_policy"
    AWARENESS = "awareness"


class Timeframe(StrEnum):
    """How long the collaboration is meant to run."""

    ONE_OFF = "one_off"
    SHORT = "short"
    LONG = "long"


class Role(StrEnum):
    """What one partner does in the collaboration."""

    GIVES_GUIDANCE = "gives_guidance"
    RECEIVES_GUIDANCE = "receives_guidance"
    GIVES_MONEY_OR_GOODS = "gives_money_or_goods"
    CO_CREATES = "co_creates"
    BROKERS = "brokers"
    TAKES_PART = "takes_part"


class Resources(StrEnum):
    """Who brings what."""

    SHARED = "shared"
    COMPANY_GIVES = "company_gives"
    EXPERTISE = "expertise"
    LIGHT = "light"


class BusinessLink(StrEnum):
    """How close the work is to the company's business."""

    CORE = "core"
    NOMINAL = "nominal"


@dataclass(frozen=True)
class TypeAnswers:
    """The answers given so far (None: not answered). ``partner_roles`` maps each other partner's
    name to its role; the programme's own role is ``programme_role``."""

    impact: Impact | None = None
    timeframe: Timeframe | None = None
    programme_role: Role | None = None
    partner_roles: Mapping[str, Role] = field(default_factory=dict)
    resources: Resources | None = None
    business_link: BusinessLink | None = None


@dataclass(frozen=True)
class Points:
    """Points one answer gives one type, and why."""

    question: str
    type: PartnershipType
    points: int
    reason: str


# (points per type, reason) for each single-choice answer: the case table reviewers read.
IMPACT: Mapping[Impact, tuple[Mapping[T, int], str]] = {
    Impact.LASTING_CHANGE: (
        {T.SHARED_VALUE: 3},
        "A lasting solution or industry change needs the depth of shared value.",
    ),
    Impact.COMPANY_OPERATIONS: (
        {T.SUPPORTER: 2, T.SHARED_VALUE: 1},
        "Preventing trafficking in the company's own operations is what a supporter role does.",
    ),
    Impact.BENEFICIARIES: (
        {T.CSR: 3},
        "Support for survivors or people at risk is typical CSR or philanthropy.",
    ),
    Impact.NEAR_TERM_POLICY: (
        {T.ONE_OFF: 3},
        "A near-term policy or law change is usually won by a one-off engagement.",
    ),
    Impact.AWARENESS: (
        {T.ONE_OFF: 2, T.SUPPORTER: 1},
        "Awareness is raised by an event or campaign, or by training a company's staff.",
    ),
}
TIMEFRAME: Mapping[Timeframe, tuple[Mapping[T, int], str]] = {
    Timeframe.LONG: (
        {T.SHARED_VALUE: 2},
        "Work meant to last benefits from partners who keep it going for their own reasons.",
    ),
    Timeframe.SHORT: (
        {T.SUPPORTER: 1, T.CSR: 1},
        "A short collaboration suits giving knowledge or connecting CSR giving to beneficiaries.",
    ),
    Timeframe.ONE_OFF: (
        {T.ONE_OFF: 2},
        "A single event or campaign is a one-off engagement.",
    ),
}
RESOURCES: Mapping[Resources, tuple[Mapping[T, int], str]] = {
    Resources.SHARED: (
        {T.SHARED_VALUE: 2},
        "Shared costs, risks and rewards are the mark of shared value.",
    ),
    Resources.COMPANY_GIVES: (
        {T.CSR: 2},
        "Money, goods or services given by the company are CSR or philanthropy.",
    ),
    Resources.EXPERTISE: (
        {T.SUPPORTER: 2},
        "Mainly the programme's expertise and staff time: a supporter role.",
    ),
    Resources.LIGHT: (
        {T.ONE_OFF: 2},
        "Little beyond an event's costs: a one-off engagement.",
    ),
}
BUSINESS_LINK: Mapping[BusinessLink, tuple[Mapping[T, int], str]] = {
    BusinessLink.CORE: (
        {T.SHARED_VALUE: 2, T.SUPPORTER: 1},
        "A core business priority (brand risk, compliance, operations) gives the company a stake.",
    ),
    BusinessLink.NOMINAL: (
        {T.CSR: 2},
        "Work unrelated or only nominally related to the business is CSR or philanthropy.",
    ),
}
# Points for a role held by the programme ("programme") or by any other partner ("partner").
ROLE: Mapping[tuple[str, Role], tuple[Mapping[T, int], str]] = {
    ("programme", Role.GIVES_GUIDANCE): (
        {T.SUPPORTER: 2},
        "The programme gives guidance and expertise: a supporter role.",
    ),
    ("programme", Role.BROKERS): (
        {T.CSR: 1, T.ONE_OFF: 1},
        "A programme that only brokers connects companies to beneficiaries or runs a quick win.",
    ),
    ("partner", Role.RECEIVES_GUIDANCE): (
        {T.SUPPORTER: 1},
        "A partner receives guidance or training: a supporter role.",
    ),
    ("partner", Role.GIVES_MONEY_OR_GOODS): (
        {T.CSR: 2},
        "A partner gives money or goods: CSR or philanthropy.",
    ),
    ("partner", Role.TAKES_PART): (
        {T.ONE_OFF: 1},
        "A partner takes part in an event or campaign: a one-off engagement.",
    ),
}


def _table(
    question: str, table: Mapping[K, tuple[Mapping[T, int], str]], answer: K | None
) -> list[Points]:
    if answer is None or answer not in table:
        return []
    points, reason = table[answer]
    return [Points(question, t, p, reason) for t, p in points.items()]


def role_points(answers: TypeAnswers) -> list[Points]:
    """Each role gives points once, whoever holds it. Shared value is co-designed, co-funded
    and co-implemented by all: 3 points when the programme and every partner co-create, 1 when
    only some do (and the reason names who does not)."""
    found: list[Points] = []
    sides = [("programme", answers.programme_role)]
    sides += [("partner", r) for r in dict.fromkeys(answers.partner_roles.values())]
    for side, role in sides:
        if role is not None:
            found += _table("roles", ROLE, (side, role))
    everyone = {"the programme": answers.programme_role, **answers.partner_roles}
    co = [name for name, role in everyone.items() if role is Role.CO_CREATES]
    others = [name for name, role in everyone.items() if role is not Role.CO_CREATES]
    if co and not others and answers.partner_roles:
        found.append(Points("roles", T.SHARED_VALUE, 3, "Every partner co-creates."))
    elif co:
        why = sentence_end(f"Only some partners co-create; not {', '.join(others)}")
        found.append(Points("roles", T.SHARED_VALUE, 1, why))
    return found


@dataclass(frozen=True)
class TypeAdvice:
    """The advisor's scores per type, the suggestion (None on a tie or without answers), every
    reason, and the questions not yet answered."""

    advisor: str
    scores: Mapping[PartnershipType, int]
    suggestion: PartnershipType | None
    leading: tuple[PartnershipType, ...]
    points: tuple[Points, ...]
    unanswered: tuple[str, ...]
    summary: str

    def reasons_for(self, kind: PartnershipType) -> tuple[str, ...]:
        """Why ``kind`` scored what it did."""
        return tuple(f"+{p.points}: {p.reason}" for p in self.points if p.type is kind)


def advise(answers: TypeAnswers) -> TypeAdvice:
    """type-advisor-v1: add up the points each answer gives each type; the highest total is the
    suggestion. Equal leaders give no suggestion: the partners should talk it through."""
    points = [
        *_table("impact", IMPACT, answers.impact),
        *_table("timeframe", TIMEFRAME, answers.timeframe),
        *role_points(answers),
        *_table("resources", RESOURCES, answers.resources),
        *_table("business_link", BUSINESS_LINK, answers.business_link),
    ]
    asked = {
        "impact": answers.impact,
        "timeframe": answers.timeframe,
        "programme_role": answers.programme_role,
        "partner_roles": answers.partner_roles or None,
        "resources": answers.resources,
        "business_link": answers.business_link,
    }
    unanswered = tuple(k for k, v in asked.items() if v is None)
    scores = {t: sum(p.points for p in points if p.type is t) for t in PartnershipType}
    top = max(scores.values())
    leading = tuple(t for t in PartnershipType if scores[t] == top) if top else ()
    suggestion = leading[0] if len(leading) == 1 else None
    if not leading:
        summary = "Answer the questions to get a suggestion."
    elif suggestion is None:
        names = " and ".join(TYPE_LABELS[t] for t in leading)
        summary = f"{names} score the same ({top}); talk it through with the partners."
    else:
        summary = f"Suggested: {TYPE_LABELS[suggestion]} ({top} points)."
    return TypeAdvice(ADVISOR, scores, suggestion, leading, tuple(points), unanswered, summary)
