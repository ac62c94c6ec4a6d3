"""Candidate generation: a blocking index over list names, separate from pairwise scoring.

Each list name is cut into cheap keys: its distinctive words, and the first and second halves of
longer words (one typo spoils only one half, so a misspelt word still shares a key with its
original; joined or split words still meet on a prefix key). A query works in two stages:

1. it collects the names sharing its rarest keys, rarest first, until a budget of postings is
   spent (a key shared by half the list says little and costs much);
2. it ranks that pool by a cheap letter-level similarity of the whole name, words sorted
   (rapidfuzz's ``ratio``, in C), so that the many names sharing one rare word are told apart by
   their other words, and keeps the best few for the slower, explainable pairwise scoring.
"""

from __future__ import annotations

import gc
import re
import unicodedata
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter

from rapidfuzz.fuzz import ratio
from rapidfuzz.process import extract

from partnerpath.core.matching.entities import Entity, Schema, schemas_compatible
from partnerpath.core.matching.legal_forms import LEGAL_FORMS_V2
from partnerpath.core.matching.native_forms import strip_native_forms
from partnerpath.core.matching.normalise import fold
from partnerpath.core.matching.scoring import (
    ALGORITHM_ID,
    DEFAULT_THRESHOLD,
    MatchResult,
    get_algorithm,
    score_pair,
)
from partnerpath.core.matching.vocab import ORG_CLASS_WORDS, ORG_STOPWORDS, PERSON_PARTICLES

_SKIP = frozenset(
    ORG_CLASS_WORDS
    | ORG_STOPWORDS
    | set(PERSON_PARTICLES)
    | {seq[0] for seq in LEGAL_FORMS_V2 if len(seq) == 1}
)
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
DEFAULT_CANDIDATES = 12
DEFAULT_POSTINGS_BUDGET = 4_000
_SCHEMA_NUMBERS = {schema: number for number, schema in enumerate(Schema)}
_COMPATIBLE = {
    left: frozenset(_SCHEMA_NUMBERS[right] for right in Schema if schemas_compatible(left, right))
    for left in Schema
}
DISPLAY_CUTOFF = 0.5


def _word_keys(word: str) -> list[str]:
    """A word, its first half and its second half (three letters each for short words).

    One typo can only spoil one half, so a word with a typo still shares a key with its original.
    """
    length = len(word)
    if length >= 6:
        half = length // 2
        return [word, "<" + word[:half], word[half:] + ">"]
    if length >= 4:
        return [word, "<" + word[:3], word[-3:] + ">"]
    return [word]


def _kept_words(folded: str) -> list[str]:
    words = folded.split()
    return [w for w in words if w not in _SKIP] or words


def _keys(folded: str, unspaced: bool = False) -> set[str]:
    kept = _kept_words(folded)
    keys: set[str] = set()
    for word in kept:
        keys.update(_word_keys(word))
        if unspaced and len(word) >= 6:
            keys.add("<" + word[:3])  # "thaiyunian" also starts "Thai Union"
    if len(kept) > 1:
        keys.add("<" + "".join(kept)[:3])
    return keys


def _index_text(name: str) -> str:
    """The name as indexed: legal forms written in Asian scripts are left out (since v4)."""
    if name.isascii():
        return fold(name)
    return fold(strip_native_forms(unicodedata.normalize("NFKC", name))[0])


def name_keys(name: str) -> set[str]:
    """The blocking keys of one name: its words and the halves of its longer words; for names
    written without spaces between words (Thai, Lao, Khmer, Burmese) also each word's start."""
    return _keys(_index_text(name), bool(_UNSPACED.search(name)))


def query_keys(name: str) -> set[str]:
    """The keys a query looks up: its own, and the halves its words would have with one letter
    more or less (a dropped or doubled letter moves the middle of a word)."""
    folded = _index_text(name)
    keys = _keys(folded)
    for word in _kept_words(folded):
        length = len(word)
        for original in (length - 1, length + 1):
            if original >= 6:
                half = original // 2
                if half <= length:
                    keys.add("<" + word[:half])
                if original - half <= length:
                    keys.add(word[half - original :] + ">")
            elif original >= 4 and length >= 3:
                keys.add("<" + word[:3])
                keys.add(word[-3:] + ">")
    return keys


def sorted_words(name: str) -> str:
    """The folded name with its words in alphabetical order, for the cheap first ranking."""
    return " ".join(sorted(_index_text(name).split()))


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
        self._name_schema = bytearray()
        self._names: list[str] = []
        self._sorted: list[str] = []
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
        schema_no = _SCHEMA_NUMBERS[entity.schema]
        for name in entity.names:
            name_no = len(self._names)
            folded = _index_text(name)
            self._names.append(name)
            self._sorted.append(" ".join(sorted(folded.split())))
            self._name_entity.append(entity_no)
            self._name_schema.append(schema_no)
            for key in _keys(folded, not name.isascii() and bool(_UNSPACED.search(name))):
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

    def entity_for(self, name_no: int) -> Entity:
        """The list entity a name number (as :meth:`candidates` returns them) belongs to."""
        return self.entities[self._name_entity[name_no]]

    def candidates(
        self,
        names: Iterable[str],
        limit: int = DEFAULT_CANDIDATES,
        budget: int = DEFAULT_POSTINGS_BUDGET,
        schema: Schema | None = None,
    ) -> list[int]:
        """Numbers of the list names most likely to match any of the query names, best first.

        Two stages: the names sharing the query's rarest keys (within `budget` postings), then
        those ranked by a cheap similarity of the whole name (words sorted). With `schema`, only
        names of entities that schema can match are returned.
        """
        names = list(names)
        keys: set[str] = set()
        for name in names:
            keys |= query_keys(name)
        found = sorted((len(b), k, b) for k in keys if (b := self._postings.get(k)))
        pool: set[int] = set()
        spent = 0
        for position, (size, _key, bucket) in enumerate(found):
            if spent + size > budget and position >= 1:
                break
            spent += size
            pool.update(bucket)
        if not pool:
            return []
        numbers = list(pool)
        rows = self._sorted
        choices = [rows[numbers[0]]] if len(numbers) == 1 else itemgetter(*numbers)(rows)
        wide = limit * 3 if schema is None else limit * 6
        best: dict[int, float] = {}
        for name in names:
            ranked = extract(sorted_words(name), choices, scorer=ratio, limit=wide)
            for _, cheap, position in ranked:
                number = numbers[position]
                if cheap > best.get(number, -1.0):
                    best[number] = cheap
        order = sorted(best, key=lambda n: -best[n])
        if schema is not None:
            allowed = _COMPATIBLE[schema]
            kinds = self._name_schema
            order = [n for n in order if kinds[n] in allowed]
        return order[: limit * 3]

    def screen(
        self,
        query: Entity,
        threshold: float = DEFAULT_THRESHOLD,
        cutoff: float = DISPLAY_CUTOFF,
        limit: int = DEFAULT_CANDIDATES,
        scorer: Callable[[Entity, Entity, float], MatchResult] | None = None,
        algorithm: str = ALGORITHM_ID,
    ) -> list[Hit]:
        """Score the query against its best candidates; return those at or above the cut-off.

        `algorithm` names the scoring version ("screening-v1" scores as the first version did);
        `scorer` replaces the scoring altogether (benchmarks compare other matchers with it).
        """
        if scorer is None:
            version = get_algorithm(algorithm)

            def scorer(query: Entity, candidate: Entity, threshold: float) -> MatchResult:
                return score_pair(query, candidate, threshold, version)

        by_entity: dict[int, list[str]] = {}
        for name_no in self.candidates(query.names, limit, schema=query.schema):
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


__all__ = ["DISPLAY_CUTOFF", "Hit", "Schema", "ScreeningIndex", "name_keys"]
