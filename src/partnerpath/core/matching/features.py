"""Explainable screening features. Each is a small pure function; its docstring is the explanation.

A feature returns a :class:`Feature`: its value, the factor it applies to the name score (1.0 = no
effect), and a reason in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerpath.core.matching.countries import country_in_token
from partnerpath.core.matching.entities import Entity, Schema
from partnerpath.core.matching.legal_forms import families_conflict
from partnerpath.core.matching.name_rules import RULES_V2, NameRules
from partnerpath.core.matching.normalise import NameForm, normalise_name
from partnerpath.core.matching.similarity import NameComparison, compare_names

LEGAL_FORM_CONFLICT_FACTOR = 0.65
OTHER_JURISDICTION_FACTOR = 0.75
COUNTRY_MISMATCH_FACTOR_ORG = 0.6
COUNTRY_MISMATCH_FACTOR_PERSON = 0.95
BIRTH_DATE_CONFLICT_FACTOR = 0.7
BIRTH_YEAR_NEAR_FACTOR = 0.7
IDENTIFIER_CONFLICT_FACTOR = 0.9


@dataclass(frozen=True, slots=True)
class Feature:
    """One feature's outcome: value, effect on the score and the reason."""

    name: str
    value: float
    factor: float
    reason: str
    explanation: str

    def as_dict(self) -> dict[str, object]:
        """Plain-data form for storage and JSON output."""
        return {
            "feature": self.name,
            "value": self.value,
            "factor": self.factor,
            "reason": self.reason,
        }


def _feature(func: object, value: float, factor: float, reason: str) -> Feature:
    doc = (getattr(func, "__doc__", "") or "").strip().splitlines()[0]
    return Feature(getattr(func, "__name__", "feature"), round(value, 4), factor, reason, doc)


def treat_as_person(query: Entity, candidate: Entity) -> bool:
    """Whether person-name rules apply (a LegalEntity pairs with a Person as a person)."""
    schemas = {query.schema, candidate.schema}
    if Schema.PERSON in schemas:
        return True
    if schemas == {Schema.LEGAL_ENTITY}:
        forms = [normalise_name(n, Schema.LEGAL_ENTITY) for n in (*query.names, *candidate.names)]
        return all(
            not f.legal_forms and "class" not in f.kinds and len(f.tokens) >= 2 for f in forms
        )
    return False


def best_name_pair(
    query: Entity, candidate: Entity, person: bool, rules: NameRules = RULES_V2
) -> NameComparison | None:
    """The most similar pair of names (including aliases) between the two entities."""
    schema_q = Schema.PERSON if person else query.schema
    schema_c = Schema.PERSON if person else candidate.schema
    best: NameComparison | None = None
    for name_q in query.names:
        form_q = normalise_name(name_q, schema_q)
        for name_c in candidate.names:
            result = compare_names(form_q, normalise_name(name_c, schema_c), person, rules)
            if best is None or result.score > best.score:
                best = result
                if result.score >= 1.0:
                    return best
    return best


def name_similarity(comparison: NameComparison) -> Feature:
    """How alike the closest pair of names is, word by word, after normalisation."""
    reason = (
        f"“{comparison.left.original}” vs “{comparison.right.original}”: {comparison.describe()}"
    )
    return _feature(name_similarity, comparison.score, 1.0, reason)


def legal_form_compatibility(left: NameForm, right: NameForm) -> Feature:
    """Legal forms of different kinds (GmbH vs AG, Co., Ltd. vs PCL) mean other legal persons."""
    if not left.legal_forms or not right.legal_forms:
        shown = "/".join(left.legal_forms or right.legal_forms) or "none"
        return _feature(
            legal_form_compatibility, 0.5, 1.0, f"legal form on one side only ({shown})"
        )
    text = f"{'/'.join(left.legal_forms)} vs {'/'.join(right.legal_forms)}"
    if families_conflict(left.families, right.families):
        return _feature(
            legal_form_compatibility,
            0.0,
            LEGAL_FORM_CONFLICT_FACTOR,
            f"{text}: different kinds of company",
        )
    return _feature(legal_form_compatibility, 1.0, 1.0, f"{text}: compatible")


def other_jurisdiction(comparison: NameComparison) -> Feature:
    """The same name qualified by another country ("Bank of China (Hong Kong)" vs "(Macau)")."""
    left = {c for t in comparison.extra_left if (c := country_in_token(t))}
    right = {c for t in comparison.extra_right if (c := country_in_token(t))}
    if left and right and not (left & right):
        reason = f"country words differ: {', '.join(sorted(left))} vs {', '.join(sorted(right))}"
        return _feature(other_jurisdiction, 0.0, OTHER_JURISDICTION_FACTOR, reason)
    if left or right:
        reason = f"country word on one side: {', '.join(sorted(left | right))}"
        return _feature(other_jurisdiction, 0.5, 1.0, reason)
    return _feature(other_jurisdiction, 1.0, 1.0, "no country words in the names")


def country_agreement(query: Entity, candidate: Entity, person: bool) -> Feature:
    """Whether the known countries overlap; companies registered in different countries differ."""
    if not query.countries or not candidate.countries:
        return _feature(country_agreement, 0.5, 1.0, "country not known on both sides")
    shared = query.countries & candidate.countries
    if shared:
        return _feature(country_agreement, 1.0, 1.0, f"shared country: {', '.join(sorted(shared))}")
    factor = COUNTRY_MISMATCH_FACTOR_PERSON if person else COUNTRY_MISMATCH_FACTOR_ORG
    reason = (
        f"different countries: {', '.join(sorted(query.countries))} vs "
        f"{', '.join(sorted(candidate.countries))}"
    )
    return _feature(country_agreement, 0.0, factor, reason)


def identifier_agreement(query: Entity, candidate: Entity) -> Feature:
    """A shared registration or document number is strong evidence; differing ones weigh against."""
    if not query.identifiers or not candidate.identifiers:
        return _feature(identifier_agreement, 0.5, 1.0, "no identifiers on both sides")
    shared = query.identifiers & candidate.identifiers
    if shared:
        return _feature(identifier_agreement, 1.0, 1.0, f"same identifier: {sorted(shared)[0]}")
    return _feature(identifier_agreement, 0.0, IDENTIFIER_CONFLICT_FACTOR, "identifiers differ")


def birth_date(
    query: Entity,
    candidate: Entity,
    conflict_factor: float = BIRTH_DATE_CONFLICT_FACTOR,
    near_factor: float = BIRTH_YEAR_NEAR_FACTOR,
) -> Feature:
    """For persons, another year of birth means another person; the same date supports a match."""
    if not query.birth_dates or not candidate.birth_dates:
        return _feature(birth_date, 0.5, 1.0, "birth date not known on both sides")
    if query.birth_dates & candidate.birth_dates:
        return _feature(birth_date, 1.0, 1.0, "same birth date")
    years_q = {d[:4] for d in query.birth_dates}
    years_c = {d[:4] for d in candidate.birth_dates}
    if years_q & years_c:
        return _feature(birth_date, 0.75, 1.0, "same birth year")
    shown = f"{', '.join(sorted(years_q))} vs {', '.join(sorted(years_c))}"
    if _years_apart(years_q, years_c) <= 1:
        reason = f"birth years one apart ({shown}): lists often give an approximate year"
        return _feature(birth_date, 0.25, near_factor, reason)
    return _feature(birth_date, 0.0, conflict_factor, f"birth years differ: {shown}")


def _years_apart(left: set[str], right: set[str]) -> int:
    """The smallest gap in years between two sets of years (a large number when unreadable)."""
    gaps = [abs(int(a) - int(b)) for a in left for b in right if a.isdigit() and b.isdigit()]
    return min(gaps, default=9999)
