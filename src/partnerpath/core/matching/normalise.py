"""Name normalisation: script folding, transliteration, honorifics, legal forms, name parts.

Every name is turned once into a :class:`NameForm`: lower-case ASCII tokens, each with a weight
saying how much it tells about identity (a particle such as "al" or a class word such as "company"
tells little), the legal forms taken off the name, and the scripts it was written in. Scoring only
compares NameForms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from normality import ascii_text
from rapidfuzz.distance import Levenshtein
from rigour._core import text_scripts
from rigour.names import remove_person_prefixes
from rigour.text.translit import maybe_ascii

from partnerpath.core.matching.entities import Schema
from partnerpath.core.matching.legal_forms import (
    EDGE_ONLY,
    LEGAL_FORMS,
    MAX_FORM_TOKENS,
    rigour_family,
)
from partnerpath.core.matching.vocab import (
    NUMBER_WORDS,
    ORG_CLASS_WORDS,
    ORG_STOPWORDS,
    ORG_SYNONYMS,
    PERSON_PARTICLES,
    PERSON_TITLES,
    ROMAN_NUMERALS,
    VESSEL_PREFIXES,
)

# Scripts whose characters are syllables or morphemes: one character is one name part.
_SYLLABIC = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
_NATIVE_SPLIT = re.compile(r"[\W_]+", re.UNICODE)
# Scripts written without short vowels: their transliterations need consonant comparison.
_ABJAD = re.compile(
    r"[\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff]"
)
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u02bb`\u00b4\u02b9\u02be\u02bf]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_DOTTED_INITIALS = re.compile(r"\b(?:[a-z]\s*\.\s*){2,}")
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")

PARTICLE_WEIGHT = 0.25
CLASS_WEIGHT = 0.3
INITIAL_WEIGHT = 0.4


@dataclass(frozen=True, slots=True)
class NameForm:
    """One name, normalised for comparison."""

    original: str
    tokens: tuple[str, ...]
    weights: tuple[float, ...]
    kinds: tuple[
        str, ...
    ]  # per token: "name", "particle", "class", "initial", "number", "syllable", "acronym"
    legal_forms: tuple[str, ...]  # display forms, e.g. ("Co., Ltd.",)
    families: frozenset[str]
    abjad: bool  # written in Arabic/Hebrew script: vowels were not written
    non_latin: bool
    native: tuple[str, ...]  # words in their own (non-Latin) script, characters for Han/Hangul
    script: str  # main non-Latin script of the original, "" for Latin

    @property
    def compact(self) -> str:
        """The name's letters without spaces, for joined/split word comparison."""
        return "".join(self.tokens)


def _translit(text: str) -> str:
    """Transliterate any script to ASCII, syllabic scripts one character per word."""
    text = _SYLLABIC.sub(r" \1 ", text)
    out = maybe_ascii(text)
    if not out.isascii():
        out = ascii_text(out)
    return out


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Fold a string to lower-case ASCII words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = _APOSTROPHES.sub("", text)
    if not text.isascii():
        text = _translit(text)
    text = text.lower().replace("&", " and ").replace("%", " percent ")
    text = _DOTTED_INITIALS.sub(
        lambda m: " " + m.group(0).replace(".", "").replace(" ", "") + " ", text
    )
    return _NON_WORD.sub(" ", text).strip()


_FORM_WORDS = sorted({w for seq in LEGAL_FORMS for w in seq if len(w) >= 5})


def _fix_form_typo(token: str) -> str:
    """A misspelt legal-form word ("aktiengeselschaft", "compan") in its right spelling."""
    if len(token) < 5 or (token,) in LEGAL_FORMS:
        return token
    limit = 1 if len(token) < 8 else 2
    for word in _FORM_WORDS:
        if (
            abs(len(word) - len(token)) <= limit
            and Levenshtein.distance(token, word, score_cutoff=limit) <= limit
        ):
            return word
    return token


def _strip_legal_forms(tokens: list[str]) -> tuple[list[str], list[str], set[str]]:
    """Remove legal forms from the ends (and unambiguous ones from the middle) of a token list."""
    displays: list[str] = []
    families: set[str] = set()
    for position in range(max(1, len(tokens) - 3), len(tokens)):
        tokens[position] = _fix_form_typo(tokens[position])
    changed = True
    while changed and tokens:
        changed = False
        for size in range(min(MAX_FORM_TOKENS, len(tokens)), 0, -1):
            tail = tuple(tokens[-size:])
            if tail in LEGAL_FORMS and len(tokens) > size:
                display, family = LEGAL_FORMS[tail]
                displays.append(display)
                families.add(family)
                del tokens[-size:]
                changed = True
                break
            head = tuple(tokens[:size])
            if head in LEGAL_FORMS and len(tokens) > size:
                display, family = LEGAL_FORMS[head]
                displays.append(display)
                families.add(family)
                del tokens[:size]
                changed = True
                break
    # Unambiguous forms inside the name, e.g. "Deutsche Bank AG (Schweiz)".
    i = 0
    while i < len(tokens):
        for size in range(min(MAX_FORM_TOKENS, len(tokens) - i), 0, -1):
            seq = tuple(tokens[i : i + size])
            if seq in LEGAL_FORMS and seq not in EDGE_ONLY and size < len(tokens):
                display, family = LEGAL_FORMS[seq]
                displays.append(display)
                families.add(family)
                del tokens[i : i + size]
                break
        else:
            i += 1
    if not displays and tokens:
        fallback = rigour_family(" ".join(tokens))
        if fallback is not None:
            families.add(fallback)
    return tokens, displays, families


def _join_split_letters(tokens: list[str], acronyms: set[str]) -> list[str]:
    """Join runs of single letters ("a b c" from "A B C Company") into one organisation token."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        if len(tok) == 1 and tok.isalpha():
            run.append(tok)
            continue
        if len(run) > 1:
            out.append("".join(run))
            acronyms.add(out[-1])
        else:
            out.extend(run)
        run = []
        if tok:
            out.append(tok)
    return out


def _number(token: str, roman: bool) -> str | None:
    """The digits a token stands for (44, forty, iv, 1st), or None."""
    if token.isdigit():
        return str(int(token))
    m = _ORDINAL.match(token)
    if m:
        return str(int(m.group(1)))
    if token in NUMBER_WORDS:
        return NUMBER_WORDS[token]
    if roman and token in ROMAN_NUMERALS:
        return ROMAN_NUMERALS[token]
    return None


def _merge_number_words(tokens: list[str]) -> list[str]:
    """Turn spelled numbers into digits: "forty four" -> "44", "forty 4" -> "44"."""
    out: list[str] = []
    for tok in tokens:
        tens = bool(out) and out[-1].isdigit() and len(out[-1]) == 2 and out[-1].endswith("0")
        if tens and tok.isdigit() and len(tok) == 1:
            out[-1] = str(int(out[-1]) + int(tok))
            continue
        out.append(tok)
    return out


def _org_tokens(
    text: str, schema: Schema, acronyms: set[str]
) -> tuple[list[str], list[str], set[str]]:
    tokens = text.split()
    if tokens and tokens[0] in ("the", "le", "la", "les", "el", "il", "der", "die", "das"):
        tokens = tokens[1:] or tokens
    if schema is Schema.VESSEL and len(tokens) > 1 and tokens[0] in VESSEL_PREFIXES:
        tokens = tokens[1:]
    tokens = _join_split_letters(tokens, acronyms)
    tokens, displays, families = _strip_legal_forms(tokens)
    tokens = [ORG_SYNONYMS.get(t, t) for t in tokens]
    numbers = [_number(t, roman=i > 0) for i, t in enumerate(tokens)]
    tokens = [n if n is not None else t for t, n in zip(tokens, numbers, strict=True)]
    tokens = _merge_number_words(tokens)
    return tokens, displays, families


def _person_tokens(text: str) -> list[str]:
    stripped = remove_person_prefixes(text)
    tokens = (stripped or text).split()
    while len(tokens) > 1 and tokens[0] in PERSON_TITLES:
        tokens = tokens[1:]
    # Legal-form debris on a person's name ("Nicolas Maduro SA") says nothing about the person.
    while len(tokens) > 2 and (tokens[-1],) in LEGAL_FORMS:
        tokens = tokens[:-1]
    return [PERSON_PARTICLES.get(t, t) for t in tokens]


@lru_cache(maxsize=500_000)
def normalise_name(name: str, schema: Schema) -> NameForm:
    """Normalise one name of an entity of the given schema."""
    abjad = bool(_ABJAD.search(name))
    non_latin = not name.isascii() and any(
        ch.isalpha() and not unicodedata.name(ch, "LATIN").startswith("LATIN") for ch in name
    )
    if "," in name and schema is Schema.PERSON and name.count(",") == 1:
        last, first = name.split(",")
        name = f"{first} {last}"
    text = fold(name)
    # Words written as initials ("A.B.C.", "A B C"): they must agree letter for letter.
    acronyms = {
        m.group(0).replace(".", "").replace(" ", "")
        for m in _DOTTED_INITIALS.finditer(name.lower())
    }
    syllabic = bool(_SYLLABIC.search(name))
    displays: list[str] = []
    families: set[str] = set()
    if schema is Schema.PERSON:
        tokens = _person_tokens(text)
    else:
        tokens, displays, families = _org_tokens(text, schema, acronyms)
    if not tokens:
        tokens = text.split() or [text]
    weights: list[float] = []
    kinds: list[str] = []
    person = schema is Schema.PERSON
    for tok in tokens:
        if syllabic:
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
        elif len(tok) == 1:
            kind, weight = "initial", INITIAL_WEIGHT
        else:
            kind, weight = "name", 1.0
        weights.append(weight)
        kinds.append(kind)
    scripts = text_scripts(name) - {"Latin", "Common", "Inherited"}
    script = sorted(scripts)[0] if scripts else ""
    native: tuple[str, ...] = ()
    if script:
        spaced = _SYLLABIC.sub(r" \1 ", unicodedata.normalize("NFC", name).casefold())
        native = tuple(t for t in _NATIVE_SPLIT.split(_APOSTROPHES.sub("", spaced)) if t)
    return NameForm(
        original=name,
        tokens=tuple(tokens),
        weights=tuple(weights),
        kinds=tuple(kinds),
        legal_forms=tuple(displays),
        families=frozenset(families),
        abjad=abjad,
        non_latin=non_latin,
        native=native,
        script=script,
    )


_SKELETON_RULES = (
    ("sch", "s"),
    ("tsh", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("zh", "j"),
    ("dj", "j"),
    ("dzh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ck", "k"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("z", "s"),
    ("c", "k"),
    ("ou", "u"),
    ("ee", "i"),
)
_VOWELS = re.compile(r"(?<!^)[aeiouyh]|^[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonant skeleton of a word, so transliterations (Usama/Osama, Husayn/Hussein) agree."""
    s = token
    for old, new in _SKELETON_RULES:
        s = s.replace(old, new)
    s = _VOWELS.sub("", s)
    return _REPEATS.sub(r"\1", s)
