"""Transliteration per script (since screening-v4).

* Thai and Lao, Khmer, Burmese: our own readers (``thai``, ``khmer``, ``myanmar``), because ICU
  has no Khmer transform and its Thai and Burmese ones are letter-by-letter transliterations far
  from how these names are spelt in Latin letters. Words stay as written (Thai and Khmer names
  separate the given name from the family name with a space); Burmese is cut into syllables,
  each a name word. ICU's dictionary word-break was tried and left out: it cuts names it does not
  know into dictionary words ("ไทยยูเนี่ยนกรุ๊ป" -> ไทย|ยู|เนี่ย|นก|รุ๊ป).
* Han: ICU's ``Han-Latin/Names``, which reads a leading character as a surname (单 -> Shan).
* Everything else: rigour's spellings for the scripts it admits, ICU ``Any-Latin`` (through
  ``normality``) for the rest, as in edition 1.
"""

from __future__ import annotations

import re
from functools import lru_cache

from partnerpath.core.matching.scripts.khmer import romanise_khmer
from partnerpath.core.matching.scripts.myanmar import romanise_myanmar, syllables
from partnerpath.core.matching.scripts.thai import romanise_thai

# Scripts whose romanisations differ mostly in vowels and aspiration ("Prayut"/"Prayuth").
SOUTHEAST_ASIAN = frozenset({"Thai", "Lao", "Khmer", "Myanmar"})
_THAI_LAO = re.compile(r"[\u0e00-\u0eff]")
_KHMER = re.compile(r"[\u1780-\u17ff\u19e0-\u19ff]")
_MYANMAR = re.compile(r"[\u1000-\u109f]")
# Spaces and punctuation (not \W: vowel signs of Brahmic scripts are marks, not word letters).
_SEPARATORS = re.compile(r"[\s\-_.,;:/()\[\]'\"\u2018\u2019\u201c\u201d\u00b7\u3001\u3002]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def romanise_southeast_asian(text: str) -> str:
    """Thai, Lao, Khmer and Burmese in Latin letters; other text unchanged."""
    if _THAI_LAO.search(text):
        text = romanise_thai(text)
    if _KHMER.search(text):
        text = romanise_khmer(text)
    if _MYANMAR.search(text):
        text = romanise_myanmar(text)
    return text


@lru_cache(maxsize=1)
def _han_names() -> object:
    import icu

    return icu.Transliterator.createInstance("Han-Latin/Names; Latin-ASCII")


def romanise_han(text: str) -> str:
    """Han characters in pinyin without tones, reading a leading character as a surname."""
    if not _HAN.search(text):
        return text
    transliterator = _han_names()
    return str(transliterator.transliterate(text))  # type: ignore[attr-defined]


def native_words(text: str, script: str) -> tuple[str, ...]:
    """The words of a name in its own script: syllables for Burmese."""
    words = [w for w in _SEPARATORS.split(text) if w]
    if script == "Myanmar":
        return tuple(s for w in words for s in syllables(w))
    return tuple(words)


__all__ = ["SOUTHEAST_ASIAN", "native_words", "romanise_han", "romanise_southeast_asian"]
