"""Explainable screening features. Each is a small pure function; its docstring is the explanation.

A feature returns a :class:`Feature`: its value, the factor it applies to the name score (1.0 = no
effect), and a reason in plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from partnerpath.core.matching.countries import country_in_token
from partnerpath.core.matching.entities import Entity, Schema
from partnerpath.core.matching.honorifics import ALL_TITLES
from partnerpath.core.matching.legal_forms import (
    COMPANY,
    FAMILY_TEXT,
    SOFT_FAMILIES,
    families_conflict,
)
from partnerpath.core.matching.name_rules import RULES_V4, NameRules
from partnerpath.core.matching.normalise import NameForm, normalise_name
from partnerpath.core.matching.similarity import NameComparison, compare_names
from partnerpath.core.matching.vocab import PERSON_PARTICLES, PERSON_TITLES

LEGAL_FORM_CONFLICT_FACTOR = 0.65
OTHER_JURISDICTION_FACTOR = 0.75
COUNTRY_MISMATCH_FACTOR_ORG = 0.6
COUNTRY_MISMATCH_FACTOR_PERSON = 0.95
BIRTH_DATE_CONFLICT_FACTOR = 0.7
BIRTH_YEAR_NEAR_FACTOR = 0.7
BIRTH_GENERATION_YEARS = 20  # birth years this far apart are another generation (Jr./Sr.)
IDENTIFIER_CONFLICT_FACTOR = 0.9
SINGLE_WORD_FACTOR = 0.85  # one exact word of two (0.77) falls to 0.65, under the threshold 0.7
SINGLE_WORD_CEILING = 0.65  # and no one-word person name alone scores more
_PARTICLES = frozenset(PERSON_PARTICLES.values())


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


def treat_as_person(query: Entity, candidate: Entity, edition: int = 2) -> bool:
    """Whether person-name rules apply (a LegalEntity pairs with a Person as a person)."""
    schemas = {query.schema, candidate.schema}
    if Schema.PERSON in schemas:
        return True
    if schemas == {Schema.LEGAL_ENTITY}:
        forms = [
            normalise_name(n, Schema.LEGAL_ENTITY, edition)
            for n in (*query.names, *candidate.names)
        ]
        return all(
            not f.legal_forms and "class" not in f.kinds and len(f.tokens) >= 2 for f in forms
        )
    return False


def best_name_pair(
    query: Entity, candidate: Entity, person: bool, rules: NameRules = RULES_V4
) -> NameComparison | None:
    """The most similar pair of names (including aliases) between the two entities."""
    schema_q = Schema.PERSON if person else query.schema
    schema_c = Schema.PERSON if person else candidate.schema
    edition = rules.normalisation
    countries = (query.countries, candidate.countries)
    best: NameComparison | None = None
    for name_q in query.names:
        form_q = normalise_name(name_q, schema_q, edition)
        for name_c in candidate.names:
            form_c = normalise_name(name_c, schema_c, edition)
            result = compare_names(form_q, form_c, person, rules, countries)
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


def legal_form_compatibility(left: NameForm, right: NameForm, edition: int = 2) -> Feature:
    """Legal forms of different kinds (GmbH vs AG, Co., Ltd. vs PCL) mean other legal persons."""
    if not left.legal_forms or not right.legal_forms:
        shown = "/".join(left.legal_forms or right.legal_forms) or "none"
        return _feature(
            legal_form_compatibility, 0.5, 1.0, f"legal form on one side only ({shown})"
        )
    text = f"{'/'.join(left.legal_forms)} vs {'/'.join(right.legal_forms)}"
    if families_conflict(left.families, right.families, edition):
        if edition >= 2:
            text = f"{'/'.join(left.legal_forms)}{_kinds(left)} vs "
            text += f"{'/'.join(right.legal_forms)}{_kinds(right)}"
        return _feature(
            legal_form_compatibility,
            0.0,
            LEGAL_FORM_CONFLICT_FACTOR,
            f"{text}: different kinds of company",
        )
    return _feature(legal_form_compatibility, 1.0, 1.0, f"{text}: compatible")


def _kinds(name: NameForm) -> str:
    """The kinds of company a name's legal forms say, for the explanation."""
    families = name.families - SOFT_FAMILIES
    families = families - {COMPANY} or families
    kinds = sorted(FAMILY_TEXT.get(f, f) for f in families)
    return f" ({'; '.join(kinds)})" if kinds else ""


def other_jurisdiction(
    comparison: NameComparison,
    query: Entity | None = None,
    candidate: Entity | None = None,
    rules: NameRules = RULES_V4,
) -> Feature:
    """The same name qualified by another country ("Bank of China (Hong Kong)" vs "(Macau)")."""
    if rules.own_country_words and query is not None and candidate is not None:
        return _other_jurisdiction_v4(comparison, query, candidate)
    left = {c for t in comparison.extra_left if (c := country_in_token(t))}
    right = {c for t in comparison.extra_right if (c := country_in_token(t))}
    if left and right and not (left & right):
        reason = f"country words differ: {', '.join(sorted(left))} vs {', '.join(sorted(right))}"
        return _feature(other_jurisdiction, 0.0, OTHER_JURISDICTION_FACTOR, reason)
    if left or right:
        reason = f"country word on one side: {', '.join(sorted(left | right))}"
        return _feature(other_jurisdiction, 0.5, 1.0, reason)
    return _feature(other_jurisdiction, 1.0, 1.0, "no country words in the names")


def _places(name: NameForm, extra: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """The countries and the Chinese places named by a name's unpaired words."""
    codes = dict(zip(name.tokens, name.countries or ("",) * len(name.tokens), strict=True))
    countries = {c for t in extra if (c := codes.get(t) or "") and c != "@"}
    places = {t for t in extra if codes.get(t) == "@"}
    return countries, places


def _other_jurisdiction_v4(comparison: NameComparison, query: Entity, candidate: Entity) -> Feature:
    """screening-v4: country words spanning several words ("Hong Kong"), Chinese provinces and
    cities of registration, and a country word against the other entity's known country."""
    left, left_places = _places(comparison.left, comparison.extra_left)
    right, right_places = _places(comparison.right, comparison.extra_right)
    if left and right and not (left & right):
        reason = f"country words differ: {', '.join(sorted(left))} vs {', '.join(sorted(right))}"
        return _feature(other_jurisdiction, 0.0, OTHER_JURISDICTION_FACTOR, reason)
    if left_places and right_places:
        shown = f"{', '.join(sorted(left_places))} vs {', '.join(sorted(right_places))}"
        reason = f"registered in different Chinese provinces or cities: {shown}"
        return _feature(other_jurisdiction, 0.0, OTHER_JURISDICTION_FACTOR, reason)
    for words, side, other in ((left, query, candidate), (right, candidate, query)):
        if words and other.countries and not (words & other.countries):
            reason = (
                f"the name says {', '.join(sorted(words))}; the other is registered in "
                f"{', '.join(sorted(other.countries))}"
            )
            return _feature(other_jurisdiction, 0.0, OTHER_JURISDICTION_FACTOR, reason)
        own = words & side.countries
        if own and not (other.countries and not own & other.countries):
            reason = (
                f"country word names its own country ({', '.join(sorted(own))}): "
                "a qualifier, weighed like a class word"
            )
            return _feature(other_jurisdiction, 0.75, 1.0, reason)
    if left or right or left_places or right_places:
        shown = ", ".join(sorted(left | right | left_places | right_places))
        return _feature(other_jurisdiction, 0.5, 1.0, f"country or place word on one side: {shown}")
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
    generation_factor: float | None = None,
) -> Feature:
    """For persons, another year of birth means another person; the same date supports a match."""
    if not query.birth_dates or not candidate.birth_dates:
        return _feature(birth_date, 0.5, 1.0, "birth date not known on both sides")
    if query.birth_dates & candidate.birth_dates:
        return _feature(birth_date, 1.0, 1.0, "same birth date")
    years_q = {y for d in query.birth_dates if (y := birth_year(d))}
    years_c = {y for d in candidate.birth_dates if (y := birth_year(d))}
    if not years_q or not years_c:
        return _feature(birth_date, 0.5, 1.0, "a birth date is not readable: not compared")
    if years_q & years_c:
        return _feature(birth_date, 0.75, 1.0, "same birth year")
    shown = f"{', '.join(sorted(years_q))} vs {', '.join(sorted(years_c))}"
    if _years_apart(years_q, years_c) <= 1:
        reason = f"birth years one apart ({shown}): lists often give an approximate year"
        return _feature(birth_date, 0.25, near_factor, reason)
    gap = _years_apart(years_q, years_c)
    if generation_factor is not None and BIRTH_GENERATION_YEARS <= gap < 9999:
        reason = f"birth years a generation apart ({shown}): a parent and child share names"
        return _feature(birth_date, 0.0, generation_factor, reason)
    return _feature(birth_date, 0.0, conflict_factor, f"birth years differ: {shown}")


_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2})(?!\d)")


def birth_year(value: str) -> str:
    """The four-digit year in a stored birth date ("1971-03-02", "1971"), or "" when none."""
    match = _YEAR.search(value)
    return match.group(1) if match else ""


def _years_apart(left: set[str], right: set[str]) -> int:
    """The smallest gap in years between two sets of years (a large number when unreadable)."""
    gaps = [abs(int(a) - int(b)) for a in left for b in right if a.isdigit() and b.isdigit()]
    return min(gaps, default=9999)


def single_word_name(
    comparison: NameComparison,
    query: Entity,
    candidate: Entity,
    factor: float = SINGLE_WORD_FACTOR,
) -> Feature:
    """For persons, one name word against a longer name is weak evidence unless more agrees."""
    short, long, extra = _one_word_against_more(comparison)
    if short is None or long is None:
        return _feature(single_word_name, 1.0, 1.0, "not a one-word name against a longer one")
    text = f"one-word name “{short.original}” against “{long.original}”"
    support = _supporting_evidence(query, candidate)
    if support:
        return _feature(single_word_name, 0.5, 1.0, f"{text}, but {support} agrees")
    reason = (
        f"{text} (unpaired: {', '.join(extra)}): one word alone is weak evidence for a person "
        "and nothing else agrees (identifier, full birth date, or birth year with a country); "
        f"at most {SINGLE_WORD_CEILING:g}"
    )
    return _feature(single_word_name, 0.0, factor, reason)


def _one_word_against_more(
    comparison: NameComparison,
) -> tuple[NameForm | None, NameForm | None, tuple[str, ...]]:
    """The one-word name, the longer name and its unpaired words; (None, None, ()) otherwise.

    Particles ("bin", "al") and titles ("Haji", "Dr", kept when they do not lead the name) are
    not words here; initials are, on the longer side ("Maria T."). Names compared letter by
    letter across scripts leave no unpaired words and never count.
    """
    if not comparison.pairs or (comparison.extra_left and comparison.extra_right):
        return None, None, ()
    for short, long, extra in (
        (comparison.left, comparison.right, comparison.extra_right),
        (comparison.right, comparison.left, comparison.extra_left),
    ):
        if _word_kinds(short) != ["name"]:
            continue
        unpaired = tuple(t for t in extra if t not in _PARTICLES and t not in ALL_TITLES)
        words = [k for k in _word_kinds(long) if k in ("name", "initial")]
        if unpaired and len(words) >= 2:
            return short, long, unpaired
    return None, None, ()


def _word_kinds(name: NameForm) -> list[str]:
    """The kinds of the name's words, particles and titles left out."""
    return [
        k
        for t, k in zip(name.tokens, name.kinds, strict=True)
        if k not in ("particle", "title") and t not in PERSON_TITLES
    ]


def _supporting_evidence(query: Entity, candidate: Entity) -> str:
    """What else agrees between two persons: a shared identifier, the same full birth date, or
    the same birth year together with a shared country; "" when nothing does."""
    if query.identifiers & candidate.identifiers:
        return "an identifier"
    dates = query.birth_dates & candidate.birth_dates
    if any(len(d) >= 10 for d in dates):
        return "the birth date"
    years = {birth_year(d) for d in query.birth_dates} & {
        birth_year(d) for d in candidate.birth_dates
    }
    years.discard("")
    if years and query.countries & candidate.countries:
        return "the birth year with a country"
    return ""
