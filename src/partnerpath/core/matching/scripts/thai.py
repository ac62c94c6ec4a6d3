"""Thai (and Lao, through the same letters) to Latin, close to the Royal Thai General System.

ICU's Thai-Latin is ISO 11940: a letter-by-letter transliteration that keeps silent letters and
writes no implied vowels ("ประยุทธ์" -> "prayuthṭh̒"), far from how Thai names are spelt in
Latin letters ("Prayut"). This reads the syllables instead: leading vowels, initial consonant
clusters, implied vowels ("o" in a closed syllable, "a" in an open one), final consonant values
(ด, ต, ส ... -> "t"; น, ร, ล ... -> "n") and letters silenced by the thanthakhat (์). A lone
consonant closing a word after a closed syllable is kept with its initial value, because
popular spellings of Pali and Sanskrit names write it ("ชินวัตร" -> "chinwatr", "Shinawatra").
"""

from __future__ import annotations

import re

from partnerpath.core.matching.scripts.tables import pairs

_INITIAL = pairs(
    """
    ก=k ข=kh ฃ=kh ค=kh ฅ=kh ฆ=kh ง=ng จ=ch ฉ=ch ช=ch ซ=s ฌ=ch ญ=y ฎ=d ฏ=t ฐ=th ฑ=th ฒ=th ณ=n
    ด=d ต=t ถ=th ท=th ธ=th น=n บ=b ป=p ผ=ph ฝ=f พ=ph ฟ=f ภ=ph ม=m ย=y ร=r ล=l ว=w ศ=s ษ=s
    ส=s ห=h ฬ=l อ= ฮ=h
    """
)
_FINAL = {c: "k" for c in "กขฃคฅฆ"}
_FINAL.update({c: "t" for c in "จฉชซฌฎฏฐฑฒดตถทธศษส"})
_FINAL.update({c: "n" for c in "ญณนรลฬ"})
_FINAL.update({c: "p" for c in "บปพฟภ"})
_FINAL.update({"ง": "ng", "ม": "m", "ย": "i", "ว": "o", "ห": "", "อ": "", "ฮ": ""})
_CONSONANTS = frozenset(_INITIAL)
_LEAD = frozenset("เแโใไ")
_ABOVE_BELOW = frozenset("ัิีึืุู็")
_FOLLOW = frozenset("ะาำๅ")
_TONES = frozenset("่้๊๋")
_KARAN = "์"
# Initial clusters: which first consonants take ร, ล or ว as a second one ("ปร", "กล", "กว").
_CLUSTERS = {"ร": frozenset("กขคตปผพบดทศส"), "ล": frozenset("กขคปผพบ"), "ว": frozenset("กขค")}
_SILENT_LEAD = {"ห": frozenset("งญนมยรลว"), "อ": frozenset("ย")}
_VOWELS = {
    "": "a",
    "ะ": "a",
    "ั": "a",
    "า": "a",
    "ำ": "am",
    "ิ": "i",
    "ี": "i",
    "ึ": "ue",
    "ื": "ue",
    "ือ": "ue",
    "ุ": "u",
    "ู": "u",
    "อ": "o",
    "็อ": "o",
    "ัว": "ua",
    "ว": "ua",
    "ัวะ": "ua",
    "เ": "e",
    "เะ": "e",
    "เ็": "e",
    "แ": "ae",
    "แะ": "ae",
    "แ็": "ae",
    "โ": "o",
    "โะ": "o",
    "ใ": "ai",
    "ไ": "ai",
    "เา": "ao",
    "เาะ": "o",
    "เีย": "ia",
    "เียะ": "ia",
    "เือ": "uea",
    "เือะ": "uea",
    "เอ": "oe",
    "เอะ": "oe",
    "เิ": "oe",
}
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Lao letters written as the Thai letters they share an origin with.
_LAO = str.maketrans(
    "ກຂຄງຈສຊຍດຕຖທນບປຜຝພຟມຢຣລວຫອຮະັາຳິີຶືຸູົເແໂໃໄ່້໊໋໌ໍ",
    "กขคงจสซญดตถทนบปผฝพฟมยรลวหอฮะัาำิีึืุูัเแโใไ่้๊๋์ํ",
)


def _is_onset(word: str, j: int) -> bool:
    """Whether the consonant at j starts a syllable (a vowel sign or tone follows it)."""
    nxt = word[j + 1] if j + 1 < len(word) else ""
    if nxt in _ABOVE_BELOW or nxt in _FOLLOW or nxt in _TONES or word[j + 1 : j + 3] == "รร":
        return True
    if nxt == "อ" or (nxt == "ว" and j + 2 < len(word) and word[j + 2] in _CONSONANTS):
        return j + 2 >= len(word) or word[j + 2] not in _ABOVE_BELOW | _FOLLOW | _TONES
    return False


def _syllable(word: str, i: int) -> tuple[str, int, bool]:
    """Romanise the syllable starting at i; returns (text, next index, closed)."""
    n = len(word)
    lead = ""
    if word[i] in _LEAD:
        lead, i = word[i], i + 1
    if i >= n or word[i] not in _CONSONANTS:
        return ("", i, False) if not lead else (_VOWELS.get(lead, ""), i, False)
    # A consonant silenced by the thanthakhat, alone or with the consonant before it.
    if i + 1 < n and word[i + 1] == _KARAN:
        return "", i + 2, False
    if i + 2 < n and word[i + 1] in _CONSONANTS and word[i + 2] == _KARAN and not lead:
        return "", i + 3, False
    onset = _INITIAL[word[i]]
    first = word[i]
    i += 1
    if i < n and first in _SILENT_LEAD and word[i] in _SILENT_LEAD[first] and _is_onset(word, i):
        onset, i = _INITIAL[word[i]], i + 1
    elif (i < n and first in _CLUSTERS.get(word[i], ()) and _is_onset(word, i)) and not (
        word[i] == "ว" and i + 1 < n and word[i + 1] in _CONSONANTS
    ):
        second = word[i]
        if first in "ทศส" and second == "ร":
            onset = "s" if first == "ท" else "sr"
        else:
            onset += _INITIAL[second]
        i += 1
    if word[i : i + 2] == "รร":  # "ro han": "วรรณ" wan, "ธรรม" tham, "บรรจง" banchong
        i += 2
        closing = i < n and word[i] in _CONSONANTS and not _is_onset(word, i)
        if closing and (i + 1 == n or word[i + 1] in _LEAD or _is_onset(word, i + 1)):
            return onset + "a" + _FINAL.get(word[i], ""), i + 1, True
        return onset + "an", i, True
    marks = ""
    while i < n and (word[i] in _ABOVE_BELOW or word[i] in _TONES or word[i] == _KARAN):
        if word[i] == _KARAN:
            return "", i + 1, False  # a syllable whose vowel carries the thanthakhat is silent
        if word[i] not in _TONES:
            marks += word[i]
        i += 1
    key = lead + marks
    if i < n and word[i] in _FOLLOW:
        key += word[i]
        i += 1
        if i < n and word[i] == "ะ":
            key += "ะ"
            i += 1
    elif (
        i < n
        and word[i] in "อวย"
        and (lead + marks + word[i]) in _VOWELS
        and not (word[i] == "ว" and not marks and not lead and not _ua_medial(word, i))
    ):
        key += word[i]
        i += 1
    vowel = _VOWELS.get(key)
    if vowel is None:
        vowel = _VOWELS.get(lead, "") + "".join(_VOWELS.get(m, "") for m in marks)
    final = ""
    closed = False
    # A consonant before a silenced one ("จันทร์", "ยุทธ์") closes the syllable; the silenced
    # one is skipped when the next syllable starts.
    silenced = i + 1 < n and word[i + 1] == _KARAN
    if i < n and word[i] in _CONSONANTS and not _is_onset(word, i) and not silenced:
        final = _FINAL.get(word[i], "")
        closed = True
        i += 1
    if key == "" and not closed:
        vowel = "a"
    elif key == "" and closed:
        vowel = "o"
    if final == "i" and vowel.endswith("i"):
        final = ""
    if final == "o" and vowel.endswith(("o", "u")):
        final = ""
    return onset + vowel + final, i, closed


def _ua_medial(word: str, i: int) -> bool:
    """Whether ว after a bare consonant is the vowel "ua" ("สวน" suan), not a final."""
    return i + 1 < len(word) and word[i + 1] in _CONSONANTS and not _is_onset(word, i + 1)


def _word(word: str) -> str:
    out: list[str] = []
    i = 0
    previous_closed = False
    while i < len(word):
        ch = word[i]
        if ch == "ๆ" and out:
            out.append(out[-1])
            i += 1
            continue
        if ch in "ฤฦ":
            out.append("rue" if ch == "ฤ" else "lue")
            i += 1 + (i + 1 < len(word) and word[i + 1] == "ๅ")
            continue
        if ch not in _CONSONANTS and ch not in _LEAD:
            i += 1
            continue
        lone = (
            ch in _CONSONANTS
            and previous_closed
            and (i + 1 == len(word) or word[i + 1] in _CONSONANTS)
            and not (i + 1 < len(word) and word[i + 1] == _KARAN)
        )
        if lone and i + 1 == len(word):
            out.append(_INITIAL[ch])  # "ชินวัตร" -> "chinwatr"
            i += 1
            continue
        text, i, previous_closed = _syllable(word, i)
        out.append(text)
    return "".join(out)


_THAI_WORD = re.compile(r"[\u0e01-\u0e4e]+")


def romanise_thai(text: str) -> str:
    """Thai (or Lao) text in Latin letters, word by word; other characters are kept."""
    text = text.translate(_LAO).replace("\u0ecd\u0eb2", "ำ").replace("ํา", "ำ")
    text = text.translate(_THAI_DIGITS)
    return _THAI_WORD.sub(lambda m: " " + _word(m.group(0)) + " ", text)
