# ruff: noqa: RUF001  (Burmese letters that look like Latin ones are intended)
"""Burmese (Myanmar script) to Latin, syllable by syllable, in the spellings names take.

ICU's Burmese-Latin is a scholarly transliteration that glues a name into one word
("မင်းအောင်လှိုင်" -> "mainnaaunglhaine"). Burmese names are runs of syllables, each written in
Latin letters as one word ("Min Aung Hlaing"), so this cuts the text into syllables (a
consonant that carries no asat ် or virama ္ starts one) and writes each with the popular values
of its initial, medials (ျ ြ -> "y", ွ -> "w", ှ -> "h"), vowel and final ("ောင်" -> "aung",
"ိုင်" -> "aing", "ိန်" -> "ein").
"""

from __future__ import annotations

import re

from partnerpath.core.matching.scripts.tables import pairs

_INITIAL = pairs(
    """
    က=k ခ=kh ဂ=g ဃ=g င=ng စ=s ဆ=s ဇ=z ဈ=z ည=ny ဋ=t ဌ=ht ဍ=d ဎ=d ဏ=n တ=t ထ=ht ဒ=d ဓ=d န=n
    ပ=p ဖ=ph ဗ=b ဘ=b မ=m ယ=y ရ=y လ=l ဝ=w သ=th ဟ=h ဠ=l အ= ဿ=th
    """
)
_CONSONANTS = frozenset(_INITIAL)
_INDEPENDENT = {"ဣ": "i", "ဤ": "i", "ဥ": "u", "ဦ": "oo", "ဧ": "e", "ဩ": "aw", "ဪ": "aw"}
_ASAT, _VIRAMA = "်", "္"
_MEDIAL_Y = frozenset("ျြ")
_MEDIAL_W, _MEDIAL_H = "ွ", "ှ"
_VOWEL_SIGNS = frozenset("ါာိီုူေဲံ")
_TONES = frozenset("့း")
# With medial y (ျ ြ) some initials take another sound: ကျ -> ky, ချ -> ch, ဂျ -> gy.
_WITH_Y = {"က": "ky", "ခ": "ch", "ဂ": "gy", "ပ": "py", "ဖ": "phy", "ဗ": "by", "ဘ": "by", "မ": "my"}
_WITH_H = {"လ": "hl", "မ": "hm", "န": "hn", "ည": "hny", "င": "hng", "ဝ": "hw", "ယ": "sh", "ရ": "sh"}
# (vowel signs, final consonant) -> rhyme; the vowel signs in a fixed order: ေ ိ ု ာ ဲ ံ.
_RHYMES = {
    ("", ""): "a",
    ("ာ", ""): "a",
    ("ိ", ""): "i",
    ("ီ", ""): "i",
    ("ု", ""): "u",
    ("ူ", ""): "u",
    ("ေ", ""): "e",
    ("ဲ", ""): "e",
    ("ော", ""): "aw",
    ("ို", ""): "o",
    ("ံ", ""): "an",
    ("ုံ", ""): "on",
    ("ိံ", ""): "ein",
    ("", "က"): "et",
    ("ော", "က"): "auk",
    ("ို", "က"): "aik",
    ("", "င"): "in",
    ("ော", "င"): "aung",
    ("ို", "င"): "aing",
    ("", "စ"): "it",
    ("", "ည"): "i",
    ("", "ဉ"): "in",
    ("", "တ"): "at",
    ("ိ", "တ"): "eik",
    ("ု", "တ"): "ok",
    ("", "န"): "an",
    ("ိ", "န"): "ein",
    ("ု", "န"): "on",
    ("", "ပ"): "at",
    ("ိ", "ပ"): "eik",
    ("ု", "ပ"): "ok",
    ("", "မ"): "an",
    ("ိ", "မ"): "ein",
    ("ု", "မ"): "on",
    ("", "ယ"): "e",
}
_WA_RHYMES = {"န": "un", "မ": "un", "ံ": "un", "တ": "ut", "ပ": "ut"}
_ORDER = "ေိုာဲံ"
_MYANMAR = re.compile(r"[\u1000-\u109f]+")
_DIGITS = str.maketrans("၀၁၂၃၄၅၆၇၈၉", "0123456789")


def _killed(text: str, i: int) -> bool:
    """Whether the consonant at i carries an asat or virama (a dot below may come first)."""
    j = i + 1
    while j < len(text) and text[j] in _TONES:
        j += 1
    return j < len(text) and text[j] in (_ASAT, _VIRAMA)


def syllables(text: str) -> list[str]:
    """Cut a run of Myanmar script into syllables (a consonant without asat starts one)."""
    out: list[str] = []
    for i, ch in enumerate(text):
        starts = (ch in _CONSONANTS or ch in _INDEPENDENT) and not _killed(text, i)
        if starts or not out:
            out.append(ch)
        else:
            out[-1] += ch
    return out


def romanise_syllable(syllable: str) -> str:
    """One Burmese syllable in Latin letters."""
    head = syllable[0]
    if head in _INDEPENDENT:
        return _INDEPENDENT[head]
    if head not in _CONSONANTS:
        return ""
    rest = syllable[1:]
    medial_y = any(c in _MEDIAL_Y for c in rest)
    medial_w = _MEDIAL_W in rest
    medial_h = _MEDIAL_H in rest
    onset = _INITIAL[head]
    if medial_h and head in _WITH_H:
        onset = _WITH_H[head]
    elif medial_h:
        onset = "h" + onset
    if medial_y:
        onset = "sh" if medial_h and head in "လသ" else _WITH_Y.get(head, onset + "y")
    final = ""
    for i, ch in enumerate(rest):
        if ch in _CONSONANTS and _killed(rest, i):
            final = ch
            break
    signs = "".join(
        c for c in _ORDER if c in rest.replace("ါ", "ာ").replace("ီ", "ိ").replace("ူ", "ု")
    )
    if not final and "ံ" in signs and signs != "ံ":
        signs, final = signs.replace("ံ", ""), "ံ"
    if medial_w and final in _WA_RHYMES:
        return onset + _WA_RHYMES[final]
    if medial_w:
        onset += "w"
    rhyme = _RHYMES.get((signs, final if final != "ံ" else ""))
    if final == "ံ":
        rhyme = _RHYMES.get((signs + "ံ", ""), "an")
    if rhyme is None:
        rhyme = _RHYMES.get((signs, ""), "a") + _INITIAL.get(final, "")
    return onset + rhyme


def romanise_myanmar(text: str) -> str:
    """Myanmar-script text in Latin letters, one word per syllable; other characters are kept."""
    return _MYANMAR.sub(
        lambda m: " " + " ".join(romanise_syllable(s) for s in syllables(m.group(0))) + " ",
        text.translate(_DIGITS),
    )
