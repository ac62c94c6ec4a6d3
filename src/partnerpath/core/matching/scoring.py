"""Pairwise scoring: combine the features into one score with its explanation.

The algorithm has a stable name and version. The score is the name similarity of the best pair of
names, multiplied by each feature's factor; a shared identifier lifts it. A score at or above the
threshold is a match: a lead for a person to judge, never a verdict.

Versions (every one stays loadable by name, so a stored result can be scored again as it was):

* ``screening-v1``: the first rules.
* ``screening-v2``: a swap of two neighbouring letters is one typo; an initial does not
  stand for a surname when its own name keeps another word; one given name in front of a whole
  other name (a child in patronymic naming) weighs against; a short person-name word with two
  typos and another first letter is another word, and "sounds alike" needs half the letters in
  common; initials-words of organisations ("A.B.C.") must agree exactly; a number only one
  organisation name carries (a fund or vessel in a series) counts as a different word; Hangul is
  compared through a key merging Korean romanisations; birth years one apart weigh less than
  years far apart. The rules are switches in ``similarity.NameRules``.
* ``screening-v3``: a person's one-word name against a longer name ("Maria" vs "Maria
  Tran") is weak evidence and weighs against (feature ``single_word_name``) unless a shared
  identifier, the same full birth date, or the same birth year with a shared country agrees
  (score x0.85 and at most 0.65 otherwise); birth years 20 or more apart (a parent and child
  sharing a name) rule out even an exact name (x0.5). Organisations need no one-word rule: their
  extra distinctive words already weigh as much as paired ones ("ALFA" vs "Alfa Seafood Co.,
  Ltd." scores 0.5), and a name that differs only by legal form or class word is the same name.
* ``screening-v4`` (default): Asian names and companies. Legal forms written in Chinese,
  Japanese, Korean, Thai, Lao, Khmer and Burmese script are recognised as written; Thai, Lao,
  Khmer and Burmese names are read syllable by syllable and compared through a key merging
  romanisation habits; many more Asian legal forms, with the jurisdiction deciding the kind
  ("Pvt Ltd"/"Pte Ltd" vs a bare "Ltd" are private vs public companies; 株式会社 / 주식회사 are
  compatible with "Co., Ltd.", "Corporation", "Inc."); honorifics and titles (Tan Sri, Dato'
  Sri, Haji, U, Daw, Khun, Samdech ...); an extra distinctive word of an organisation weighs
  twice (siblings), as do "Group"/"Holdings" between two full legal names; short words that
  differ by a letter are other words unless a vowel differs (persons) or they sound alike
  (organisations); a country word naming the entity's own country is a qualifier, and country
  words against the other entity's known country weigh against. Switches in
  ``name_rules.NameRules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from partnerpath.core.matching.entities import Entity, Schema, make_entity, schemas_compatible
from partnerpath.core.matching.features import (
    SINGLE_WORD_CEILING,
    SINGLE_WORD_FACTOR,
    Feature,
    best_name_pair,
    birth_date,
    country_agreement,
    identifier_agreement,
    legal_form_compatibility,
    name_similarity,
    other_jurisdiction,
    single_word_name,
    treat_as_person,
)
from partnerpath.core.matching.name_rules import RULES_V1, RULES_V2, RULES_V4, NameRules

ALGORITHM = "screening"
VERSION = 4
ALGORITHM_ID = f"{ALGORITHM}-v{VERSION}"
DEFAULT_THRESHOLD = 0.7
SHARED_IDENTIFIER_FLOOR = 0.95


@dataclass(frozen=True, slots=True)
class Algorithm:
    """One version of the scoring: its name rules and the weights of its features."""

    id: str
    rules: NameRules
    birth_year_conflict_factor: float  # birth years more than one apart
    birth_year_near_factor: float  # birth years one apart
    single_word_factor: float = 1.0  # a person's one-word name against a longer one; 1.0 = off
    birth_generation_factor: float | None = None  # birth years 20+ apart; None = as conflict


ALGORITHMS: dict[str, Algorithm] = {
    algorithm.id: algorithm
    for algorithm in (
        Algorithm("screening-v1", RULES_V1, 0.7, 0.7),
        Algorithm("screening-v2", RULES_V2, 0.7, 0.9),
        Algorithm("screening-v3", RULES_V2, 0.7, 0.9, SINGLE_WORD_FACTOR, 0.5),
        Algorithm("screening-v4", RULES_V4, 0.7, 0.9, SINGLE_WORD_FACTOR, 0.5),
    )
}


def get_algorithm(algorithm: str | Algorithm) -> Algorithm:
    """The algorithm of that name ("screening-v1" to "-v4"); unknown names are an error."""
    if isinstance(algorithm, Algorithm):
        return algorithm
    try:
        return ALGORITHMS[algorithm]
    except KeyError:
        known = ", ".join(ALGORITHMS)
        raise ValueError(f"unknown algorithm {algorithm!r}; expected one of {known}") from None


@dataclass(frozen=True, slots=True)
class MatchResult:
    """The score of one query against one list entry, with everything needed to explain it."""

    score: float
    match: bool
    threshold: float
    algorithm: str
    features: tuple[Feature, ...] = field(default=())
    query_name: str = ""
    matched_name: str = ""

    def explanation(self) -> str:
        """The per-feature reasons in one line, for CSV output and tables."""
        parts = [
            f"{f.name}={f.value:g}"
            + (f" (x{f.factor:g})" if f.factor != 1.0 else "")
            + f": {f.reason}"
            for f in self.features
        ]
        return (
            f"{self.algorithm} score {self.score:.2f} (threshold {self.threshold:g}); "
            + "; ".join(parts)
        )

    def as_dict(self) -> dict[str, object]:
        """Plain-data form for storage and JSON output."""
        return {
            "score": self.score,
            "match": self.match,
            "threshold": self.threshold,
            "algorithm": self.algorithm,
            "query_name": self.query_name,
            "matched_name": self.matched_name,
            "features": [f.as_dict() for f in self.features],
        }


def score_pair(
    query: Entity,
    candidate: Entity,
    threshold: float = DEFAULT_THRESHOLD,
    algorithm: str | Algorithm = ALGORITHM_ID,
) -> MatchResult:
    """Score how likely a list entry is the queried person, company or vessel."""
    version = get_algorithm(algorithm)
    if not schemas_compatible(query.schema, candidate.schema):
        return MatchResult(0.0, False, threshold, version.id, (), query.caption, candidate.caption)
    person = treat_as_person(query, candidate, version.rules.normalisation)
    comparison = best_name_pair(query, candidate, person, version.rules)
    if comparison is None:
        return MatchResult(0.0, False, threshold, version.id, (), query.caption, candidate.caption)
    features: list[Feature] = [name_similarity(comparison)]
    single = None
    if not person:
        edition = version.rules.normalisation
        features.append(legal_form_compatibility(comparison.left, comparison.right, edition))
        features.append(other_jurisdiction(comparison, query, candidate, version.rules))
    features.append(country_agreement(query, candidate, person))
    ids = identifier_agreement(query, candidate)
    features.append(ids)
    if person and version.single_word_factor != 1.0:
        single = single_word_name(comparison, query, candidate, version.single_word_factor)
        features.append(single)
    if person:
        features.append(
            birth_date(
                query,
                candidate,
                version.birth_year_conflict_factor,
                version.birth_year_near_factor,
                version.birth_generation_factor,
            )
        )
    score = comparison.score
    for feature in features[1:]:
        score *= feature.factor
    if single is not None and single.factor != 1.0:
        score = min(score, SINGLE_WORD_CEILING)
    if ids.value == 1.0 and comparison.score >= 0.5:
        score = max(score, SHARED_IDENTIFIER_FLOOR)
    score = round(min(1.0, max(0.0, score)), 4)
    return MatchResult(
        score=score,
        match=score >= threshold,
        threshold=threshold,
        algorithm=version.id,
        features=tuple(features),
        query_name=comparison.left.original,
        matched_name=comparison.right.original,
    )


def compare(
    schema: Schema | str,
    name1: str,
    name2: str,
    country1: str = "",
    country2: str = "",
    threshold: float = DEFAULT_THRESHOLD,
    algorithm: str | Algorithm = ALGORITHM_ID,
) -> MatchResult:
    """Compare two names of the given schema, optionally with their countries."""
    left = make_entity("left", schema, [name1], [country1] if country1 else [])
    right = make_entity("right", schema, [name2], [country2] if country2 else [])
    return score_pair(left, right, threshold, algorithm)
