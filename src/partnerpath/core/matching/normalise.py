"""Name normalisation: script folding, transliteration, honorifics, legal forms, name parts.

Every name is turned once into a :class:`NameForm`: lower-case ASCII tokens, each with a weight
saying how much it tells about identity (a particle such as "al" or a class word such as "company"
tells little), the legal forms taken off the name, and the scripts it was written in. Scoring only
compares NameForms.

Two editions: 1 for screening-v1 to -v3, 2 for screening-v4 (native-script legal forms and
titles, Thai/Lao/Khmer/Burmese readers, Asian legal forms, country and place words).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rigour._core import text_scripts

from partnerpath.core.matching.countries import ADJECTIVES
from partnerpath.core.matching.entities import Schema
from partnerpath.core.matching.folding import APOSTROPHES, DOTTED_INITIALS, SYLLABIC, fold, skeleton
from partnerpath.core.matching.honorifics import strip_native_titles
from partnerpath.core.matching.name_tokens import org_tokens, person_tokens
from partnerpath.core.matching.native_forms import strip_native_forms
from partnerpath.core.matching.scripts import SOUTHEAST_ASIAN, native_words
from partnerpath.core.matching.vocab import ORG_CLASS_WORDS, ORG_STOPWORDS, PERSON_PARTICLES

_NATIVE_SPLIT = re.compile(r"[\W_]+", re.UNICODE)
# Scripts written without short vowels: their transliterations need consonant comparison.
_ABJAD = re.compile(
    r"[\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff]"
)
# Scripts whose forms are recognised as written and not again in their transliteration.
_NATIVE_FORM_SCRIPTS = SOUTHEAST_ASIAN | {"Han", "Hangul", "Hiragana", "Katakana"}
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")

PARTICLE_WEIGHT = 0.25
CLASS_WEIGHT = 0.3
INITIAL_WEIGHT = 0.4
TITLE_WEIGHT = 0.25


@dataclass(frozen=True, slots=True)
class NameForm:
    """One name, normalised for comparison."""

    original: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    # per token: "name", "particle", "class", "initial", "number", "syllable", "acronym", and
    # since edition 2 "title", "country", "place"
    kinds: tuple[str, ...]
    legal_forms: tuple[str, ...]  # display forms, e.g. ("Co., Ltd.",)
    families: frozenset[str]
    abjad: bool  # written in Arabic/Hebrew script: vowels were not written
    non_latin: bool
    native: tuple[str, ...]  # words in their own (non-Latin) script, characters for Han/Hangul
    script: str  # main non-Latin script of the original, "" for Latin
    # edition 2: per token, the country it names ("" none, "@" a Chinese place), and whether
    # the name was read from Thai, Lao, Khmer or Burmese (romanisations differ in vowels)
    countries: tuple[str, ...] = ()
    loose: bool = False

    @property
    def compact(self) -> str:
        """The name's letters without spaces, for joined/split word comparison."""
        return "".join(self.tokens)


@lru_cache(maxsize=500_000)
def normalise_name(name: str, schema: Schema, edition: int = 2) -> NameForm:
    """Normalise one name of an entity of the given schema (edition 1: screening-v1 to -v3)."""
    if edition < 2:
        return _normalise_v1(name, schema)
    return _normalise_v2(name, schema)


def _normalise_v1(name: str, schema: Schema) -> NameForm:
    abjad = bool(_ABJAD.search(name))
    non_latin = _non_latin(name)
    if "," in name and schema is Schema.PERSON and name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    text = fold(name, 1)
    # Words written as initials ("A.B.C.", "A B C"): they must agree letter for letter.
    acronyms = _acronyms(name)
    syllabic = bool(SYLLABIC.search(name))
    displays: list[str] = []
    families: set[str] = set()
    if schema is Schema.PERSON:
        tokens, _ = person_tokens(text, 1)
    else:
        tokens, displays, families, _ = org_tokens(text, schema, acronyms, 1)
    if not tokens:
        tokens = text.split() or [text]
    kinds, weights = _kinds(tokens, schema, acronyms, syllabic, 0, {})
    scripts = text_scripts(name) - {"Latin", "Common", "Inherited"}
    script = sorted(scripts)[0] if scripts else ""
    native: tuple[str, ...] = ()
    if script:
        spaced = SYLLABIC.sub(r" \1 ", unicodedata.normalize("NFC", name).casefold())
        native = tuple(t for t in _NATIVE_SPLIT.split(APOSTROPHES.sub("", spaced)) if t)
    return NameForm(
        name, tuple(tokens), weights, kinds, tuple(displays), frozenset(families), abjad,
        non_latin, native, script,
    )  # fmt: skip


def _normalise_v2(name: str, schema: Schema) -> NameForm:
    person = schema is Schema.PERSON
    abjad = bool(_ABJAD.search(name))
    non_latin = _non_latin(name)
    text = unicodedata.normalize("NFKC", name)
    displays: list[str] = []
    families: set[str] = set()
    if person:
        text = strip_native_titles(text)
    else:
        text, displays, families = strip_native_forms(text)
    if "," in text and person and text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first} {last}"
    scripts = text_scripts(text) - {"Latin", "Common", "Inherited"}
    script = sorted(scripts)[0] if scripts else ""
    folded = fold(text, 2)
    acronyms = _acronyms(text)
    syllabic = bool(SYLLABIC.search(text))
    light = 0
    places: dict[str, str] = {}
    if person:
        tokens, light = person_tokens(folded, 2)
    else:
        latin_forms = not (scripts & _NATIVE_FORM_SCRIPTS) or bool(_LATIN.search(text))
        tokens, more, more_families, places = org_tokens(folded, schema, acronyms, 2, latin_forms)
        displays += more
        families |= more_families
    if not tokens:
        tokens = folded.split() or [folded]
    kinds, weights = _kinds(tokens, schema, acronyms, syllabic, light, places)
    native: tuple[str, ...] = ()
    if script:
        spaced = SYLLABIC.sub(r" \1 ", unicodedata.normalize("NFC", text).casefold())
        native = native_words(APOSTROPHES.sub("", spaced), script)
    return NameForm(
        name, tuple(tokens), weights, kinds, tuple(displays), frozenset(families), abjad,
        non_latin, native, script, tuple(places.get(t, "") for t in tokens),
        bool(scripts & SOUTHEAST_ASIAN),
    )  # fmt: skip


def _non_latin(name: str) -> bool:
    return not name.isascii() and any(
        ch.isalpha() and not unicodedata.name(ch, "LATIN").startswith("LATIN") for ch in name
    )


def _acronyms(name: str) -> set[str]:
    """Words written as initials ("A.B.C."): they must agree letter for letter."""
    return {
        m.group(0).replace(".", "").replace(" ", "") for m in DOTTED_INITIALS.finditer(name.lower())
    }


def _kinds(
    tokens: list[str],
    schema: Schema,
    acronyms: set[str],
    syllabic: bool,
    light: int,
    places: dict[str, str],
) -> tuple[tuple[str, ...], tuple[float, ...]]:
    """Each word's kind and weight (how much it tells about identity)."""
    weights: list[float] = []
    kinds: list[str] = []
    person = schema is Schema.PERSON
    for position, tok in enumerate(tokens):
        if person and position < light:
            kind, weight = "title", TITLE_WEIGHT
        elif syllabic:
            kind, weight = "syllable", 1.0
        elif tok.isdigit():
            kind, weight = "number", 1.0
        elif person and tok in PERSON_PARTICLES.values():
            kind, weight = "particle", PARTICLE_WEIGHT
        elif not person and tok in ORG_STOPWORDS:
            kind, weight = "particle", PARTICLE_WEIGHT / 2
        elif not person and tok in ORG_CLASS_WORDS:
            kind, weight = "class", CLASS_WEIGHT
        elif not person and tok in acronyms:
            kind, weight = "acronym", 1.0
        elif places.get(tok) == "@":
            kind, weight = "place", CLASS_WEIGHT
        elif places.get(tok) and tok not in ADJECTIVES:
            kind, weight = "country", 1.0
        elif len(tok) == 1:
            kind, weight = "initial", INITIAL_WEIGHT
        else:
            kind, weight = "name", 1.0
        weights.append(weight)
        kinds.append(kind)
    return tuple(kinds), tuple(weights)


__all__ = ["NameForm", "fold", "normalise_name", "skeleton"]
