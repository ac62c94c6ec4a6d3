"""Folding text to plain lower-case ASCII words, and sound keys for comparing transliterations.

Edition 1 (screening-v1 to -v3) transliterates every script with rigour and ICU ``Any-Latin``;
edition 2 (screening-v4) first reads Thai, Lao, Khmer and Burmese with our own readers and Han
with ICU's ``Han-Latin/Names`` (see ``scripts``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from normality import ascii_text
from rigour.text.translit import maybe_ascii

from partnerpath.core.matching.scripts import romanise_han, romanise_southeast_asian

# Scripts whose characters are syllables or morphemes: one character is one name part.
SYLLABIC = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u02bb`\u00b4\u02b9\u02be\u02bf]")
DOTTED_INITIALS = re.compile(r"\b(?:[a-z]\s*\.\s*){2,}")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def _translit(text: str, edition: int) -> str:
    """Transliterate any script to ASCII, syllabic scripts one character per word."""
    if edition >= 2:
        text = romanise_southeast_asian(text)
    text = SYLLABIC.sub(r" \1 ", text)
    if edition >= 2:
        text = romanise_han(text)
    out = maybe_ascii(text)
    if not out.isascii():
        out = ascii_text(out)
    return out


@lru_cache(maxsize=200_000)
def fold(text: str, edition: int = 2) -> str:
    """Fold a string to lower-case ASCII words separated by single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = APOSTROPHES.sub("", text)
    if not text.isascii():
        text = _translit(text, edition)
    text = text.lower().replace("&", " and ").replace("%", " percent ")
    text = DOTTED_INITIALS.sub(
        lambda m: " " + m.group(0).replace(".", "").replace(" ", "") + " ", text
    )
    return _NON_WORD.sub(" ", text).strip()


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


_SEA_KEY = (
    ("chh", "ch"),
    ("sh", "ch"),
    ("j", "ch"),
    ("ph", "p"),
    ("th", "t"),
    ("kh", "k"),
    ("hs", "s"),
    ("ht", "t"),
    ("hl", "l"),
    ("hm", "m"),
    ("hn", "n"),
    ("v", "w"),
    ("q", "k"),
    ("ck", "k"),
    ("ee", "i"),
    ("oo", "u"),
    ("ou", "u"),
    ("uu", "u"),
    ("ue", "u"),
    ("eu", "u"),
    ("oe", "e"),
    ("ae", "e"),
    ("ay", "e"),
)
_R_BEFORE_CONSONANT = re.compile(r"(?<=[aeiou])r(?=[^aeiou]|$)")


@lru_cache(maxsize=100_000)
def sea_key(letters: str) -> str:
    """Romanised Thai, Lao, Khmer or Burmese letters with the differences between romanisation
    habits merged: aspiration ("Prayuth"/"Prayut", "Phitha"/"Pita"), "sh"/"ch"/"j", "v"/"w",
    long-vowel spellings and an "r" that is written but not spoken ("Charn"/"Chan")."""
    s = _R_BEFORE_CONSONANT.sub("", letters)
    for old, new in _SEA_KEY:
        s = s.replace(old, new)
    return _REPEATS.sub(r"\1", s)
