"""Khmer to Latin, close to the spellings Cambodian names take in Latin letters.

ICU has no Khmer-Latin transform (its Any-Latin leaves Khmer as it is, and the name became empty
after folding). This reads syllables: the initial consonant and its subscripts (coeng), the
vowel, whose value depends on the consonant's series (changed by the musikatoan ៉ and triisap
៊), and a final consonant, following UNGEGN values where they agree with common name spellings
("ហ៊ុន សែន" -> "hun sen", "សម រង្ស៊ី" -> "sam rongsi").
"""

from __future__ import annotations

import re

from partnerpath.core.matching.scripts.tables import pairs

_CONSONANTS = pairs(
    """
    ក=k ខ=kh គ=k ឃ=kh ង=ng ច=ch ឆ=chh ជ=ch ឈ=chh ញ=nh ដ=d ឋ=th ឌ=d ឍ=th ណ=n ត=t ថ=th ទ=t
    ធ=th ន=n ប=b ផ=ph ព=p ភ=ph ម=m យ=y រ=r ល=l វ=v ឝ=s ឞ=s ស=s ហ=h ឡ=l អ=
    """
)
_O_SERIES = frozenset("គឃងជឈញឌឍទធនពភមយរលវ")
_FINAL = {c: v for c, v in _CONSONANTS.items()}
_FINAL.update({"ខ": "k", "គ": "k", "ឃ": "k", "ឆ": "ch", "ជ": "ch", "ដ": "t", "ទ": "t"})
_FINAL.update({"ព": "p", "ប": "p", "ផ": "p", "ភ": "p", "វ": "v", "អ": ""})
_INDEPENDENT = pairs(
    "ឣ=a ឤ=a ឥ=e ឦ=ei ឧ=o ឩ=u ឪ=au ឫ=rue ឬ=rueu ឭ=lue ឮ=lueu ឯ=e ឰ=ai ឱ=ao ឲ=ao ឳ=au"
)
# Vowel signs: (first series, second series).
_VOWELS = {
    "": ("a", "o"),
    "ា": ("a", "ea"),
    "ិ": ("e", "i"),
    "ី": ("ei", "i"),
    "ឹ": ("oe", "eu"),
    "ឺ": ("oeu", "eu"),
    "ុ": ("o", "u"),
    "ូ": ("o", "u"),
    "ួ": ("uo", "uo"),
    "ើ": ("aeu", "eu"),
    "ឿ": ("oeu", "oeu"),
    "ៀ": ("ie", "ie"),
    "េ": ("e", "e"),
    "ែ": ("e", "e"),
    "ៃ": ("ai", "ey"),
    "ោ": ("ao", "o"),
    "ៅ": ("au", "ov"),
    "ំ": ("am", "um"),
    "ាំ": ("am", "oam"),
    "ុំ": ("om", "um"),
    "ះ": ("ah", "eah"),
}
_VOWEL_SIGNS = frozenset("ាិីឹឺុូួើឿៀេែៃោៅំះៈ")
_TO_FIRST, _TO_SECOND = "៉", "៊"
_SIGNS = frozenset("់៌៍៎៏័៑")
_COENG = "្"
_SILENCER = "៍"
_KHMER_WORD = re.compile(r"[\u1780-\u17dd]+")
_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


def _starts_syllable(word: str, j: int) -> bool:
    """Whether the consonant at j takes a vowel sign (or series sign) of its own."""
    k = j + 1
    while k + 1 < len(word) and word[k] == _COENG:
        k += 2
    return k < len(word) and (word[k] in _VOWEL_SIGNS or word[k] in (_TO_FIRST, _TO_SECOND))


def _closes(word: str, j: int) -> bool:
    """Whether the consonant at j is the final of the syllable before it."""
    if _starts_syllable(word, j):
        return False
    k = j + 1
    while k < len(word) and word[k] in _SIGNS:
        k += 1
    if k >= len(word) or word[k] == _COENG or word[k] not in _CONSONANTS:
        return True
    return _starts_syllable(word, k) or (k + 1 < len(word) and word[k + 1] == _COENG)


def _word(word: str) -> str:
    out: list[str] = []
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        if ch in _INDEPENDENT:
            out.append(_INDEPENDENT[ch])
            i += 1
            continue
        if ch not in _CONSONANTS:
            i += 1
            continue
        onset = _CONSONANTS[ch]
        second = ch in _O_SERIES
        i += 1
        while i + 1 < n and word[i] == _COENG and word[i + 1] in _CONSONANTS:
            onset += _CONSONANTS[word[i + 1]]
            i += 2
        vowel = ""
        while i < n and (word[i] in _VOWEL_SIGNS or word[i] in _SIGNS or word[i] in "៉៊"):
            if word[i] == _TO_FIRST:
                second = False
            elif word[i] == _TO_SECOND:
                second = True
            elif word[i] in _VOWEL_SIGNS:
                vowel += word[i]
            i += 1
        final = ""
        closed = vowel.endswith(("ំ", "ះ"))
        if not closed and i < n and word[i] in _CONSONANTS and _closes(word, i):
            silenced = i + 1 < n and word[i + 1] == _SILENCER
            final = "" if silenced else _FINAL[word[i]]
            i += 1
            while i < n and word[i] in _SIGNS:
                i += 1
            if i < n and word[i] == _COENG:
                i += 1  # the subscript under a final consonant starts the next syllable
        pair = _VOWELS.get(vowel) or (
            "".join(_VOWELS.get(v, ("", ""))[0] for v in vowel),
            "".join(_VOWELS.get(v, ("", ""))[1] for v in vowel),
        )
        out.append(onset + pair[second] + final)
    return "".join(out)


def romanise_khmer(text: str) -> str:
    """Khmer text in Latin letters, word by word; other characters are kept."""
    return _KHMER_WORD.sub(lambda m: " " + _word(m.group(0)) + " ", text.translate(_DIGITS))
