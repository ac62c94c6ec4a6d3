"""Candidate generation: a blocking index over list names, separate from pairwise scoring.

Each list name is cut into cheap keys: its distinctive words, and the first and last three letters
of longer words (so one typo still leaves a shared key, and joined or split words still meet). A
query collects the names sharing its rarest keys, weighted by how rare each key is, and only the
best few names go on to the (slower, explainable) pairwise scoring.
"""

from __future__ import annotations

import gc
import heapq
import math
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter

from partnerpath.core.matching.entities import Entity, Schema, schemas_compatible
from partnerpath.core.matching.legal_forms import LEGAL_FORMS
from partnerpath.core.matching.normalise import fold
from partnerpath.core.matching.scoring import DEFAULT_THRESHOLD, MatchResult, score_pair
from partnerpath.core.matching.vocab import ORG_CLASS_WORDS, ORG_STOPWORDS, PERSON_PARTICLES

_SKIP = frozenset(
    ORG_CLASS_WORDS
    | ORG_STOPWORDS
    | set(PERSON_PARTICLES)
    | {seq[0] for seq in LEGAL_FORMS if len(seq) == 1}
)
DEFAULT_CANDIDATES = 12
DEFAULT_POSTINGS_BUDGET = 8_000
DISPLAY_CUTOFF = 0.5


def name_keys(name: str) -> set[str]:
    """The blocking keys of one name: words and the three-letter heads and tails of long words."""
    words = fold(name).split()
    kept = [w for w in words if w not in _SKIP] or words
    keys: set[str] = set()
    for word in kept:
        keys.add(word)
        if len(word) >= 4:
            keys.add("<" + word[:3])
            keys.add(word[-3:] + ">")
    if len(kept) > 1:
        keys.add("<" + "".join(kept)[:3])
    return keys


@dataclass(frozen=True, slots=True)
class Hit:
    """A list entry that scored at or above the display cut-off for a query."""

    entity: Entity
    result: MatchResult


class ScreeningIndex:
    """An in-memory blocking index over the names of list entities."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self._name_entity = array("I")
        self._names: list[str] = []
        self._postings: dict[str, list[int] | array[int]] = {}
        self._frozen = False

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> ScreeningIndex:
        """Index all names (main names and aliases) of the given entities."""
        index = cls()
        for entity in entities:
            index.add(entity)
        index.freeze()
        return index

    def add(self, entity: Entity) -> None:
        """Add one entity's names to the index."""
        entity_no = len(self.entities)
        self.entities.append(entity)
        postings = self._postings
        for name in entity.names:
            name_no = len(self._names)
            self._names.append(name)
            self._name_entity.append(entity_no)
            for key in name_keys(name):
                bucket = postings.get(key)
                if bucket is None:
                    postings[key] = [name_no]
                else:
                    bucket.append(name_no)
        self._frozen = False

    def freeze(self) -> None:
        """Compact posting lists into arrays (saves memory on large lists)."""
        for key, bucket in self._postings.items():
            if isinstance(bucket, list):
                self._postings[key] = array("I", bucket)
        self._frozen = True
        if len(self._names) > 100_000:
            # Millions of long-lived objects make every cyclic garbage collection walk the index;
            # moving them out of the collector's view keeps queries fast on large lists.
            gc.collect()
            gc.freeze()

    def __len__(self) -> int:
        return len(self._names)

    def candidates(
        self,
        names: Iterable[str],
        limit: int = DEFAULT_CANDIDATES,
        budget: int = DEFAULT_POSTINGS_BUDGET,
    ) -> list[int]:
        """Numbers of the list names most likely to match any of the query names, best first."""
        total = max(len(self._names), 1)
        keys: set[str] = set()
        for name in names:
            keys |= name_keys(name)
        found = [(len(b), k, b) for k in keys if (b := self._postings.get(k))]
        found.sort(key=lambda item: item[0])
        scores: dict[int, float] = {}
        spent = 0
        for position, (size, key, bucket) in enumerate(found):
            if spent + size > budget and position >= 1:
                break
            spent += size
            weight = math.log(1 + total / size) * (1.0 if key[0] != "<" and key[-1] != ">" else 0.5)
            get = scores.get
            for name_no in bucket:
                scores[name_no] = get(name_no, 0.0) + weight
        best = heapq.nlargest(limit * 3, scores.items(), key=itemgetter(1))
        return [name_no for name_no, _ in best]

    def screen(
        self,
        query: Entity,
        threshold: float = DEFAULT_THRESHOLD,
        cutoff: float = DISPLAY_CUTOFF,
        limit: int = DEFAULT_CANDIDATES,
        scorer: Callable[[Entity, Entity, float], MatchResult] | None = None,
    ) -> list[Hit]:
        """Score the query against its best candidates; return those at or above the cut-off."""
        scorer = scorer or _score_names
        by_entity: dict[int, list[str]] = {}
        for name_no in self.candidates(query.names, limit):
            entity_no = self._name_entity[name_no]
            if len(by_entity) >= limit and entity_no not in by_entity:
                continue
            by_entity.setdefault(entity_no, []).append(self._names[name_no])
        hits: list[Hit] = []
        for entity_no, names in by_entity.items():
            entity = self.entities[entity_no]
            if not schemas_compatible(query.schema, entity.schema):
                continue
            result = scorer(query, _with_names(entity, names), threshold)
            if result.score >= cutoff:
                hits.append(Hit(entity, result))
        hits.sort(key=lambda hit: -hit.result.score)
        return hits


def _with_names(entity: Entity, names: list[str]) -> Entity:
    """The entity restricted to the names the index retrieved (scoring compares only those)."""
    if len(names) == len(entity.names):
        return entity
    return Entity(
        entity.id,
        entity.schema,
        tuple(names),
        entity.countries,
        entity.identifiers,
        entity.birth_dates,
        entity.dataset,
        entity.extra,
    )


def _score_names(query: Entity, candidate: Entity, threshold: float) -> MatchResult:
    return score_pair(query, candidate, threshold)


__all__ = ["DISPLAY_CUTOFF", "Hit", "Schema", "ScreeningIndex", "name_keys"]
