"""Honorifics and titles in front of person names, in Latin letters and in Asian scripts.

Since screening-v4. A title says nothing about who the person is, so it is taken off before names
are compared ("Tan Sri Muhyiddin Yassin" is "Muhyiddin Yassin"). Three kinds:

* titles that are never a name: dropped when they lead the name (and, for Malay names, after
  "bin"/"binti": "Najib bin Tun Abdul Razak");
* phrases of several words ("Tan Sri", "Dato' Sri", "Senior General"): dropped as a whole, so the
  surname Tan in "Tan Kim Hock" stays;
* titles that are also names or name parts elsewhere (Burmese "U", "Ko", "Ma"; Shan "Sai",
  "Nang"; Korean surname "Pak"): kept, but as a title word that weighs little, so "Ma Ying-jeou"
  still differs from "Ko Ying-jeou" while "Ko Aung Myint" is "Aung Myint".

Native-script titles (Thai นาย, นาง, นางสาว, พลเอก; Khmer សម្តេច, ឯកឧត្តម, លោក; Burmese ဦး,
ဒေါ်; Vietnamese Ông, Bà) are taken off the name as written, before transliteration: Thai writes
them joined to the given name ("นายอนุทิน").
"""

from __future__ import annotations

import re

from partnerpath.core.matching.vocab import PERSON_TITLES

# Never a name: dropped when leading a person's name (with at least one word left).
TITLES = frozenset(
    {
        # Malaysia, Brunei, Indonesia
        "tun",
        "toh",
        "tunku",
        "tengku",
        "datuk",
        "dato",
        "datin",
        "datukseri",
        "haji",
        "hajjah",
        "hajah",
        "hj",
        "hjh",
        "alhaji",
        "alhaj",
        "ustaz",
        "ustazah",
        "encik",
        "puan",
        "tuan",
        "bapak",
        "ibu",
        "ir",
        "drs",
        "dra",
        "kyai",
        # Thailand, Cambodia, Myanmar
        "khun",
        "khunying",
        "nai",
        "nangsao",
        "samdech",
        "samdach",
        "oknha",
        "okhna",
        "daw",
        "thakin",
        # South Asia
        "shri",
        "shree",
        "smt",
        "shrimati",
        "srimati",
        "thiru",
        "thirumathi",
        "janab",
        # Philippines and common
        "atty",
        "engr",
        "hon",
        "honorable",
        "honourable",
        "rev",
        "reverend",
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sheikh",
        "shaikh",
        "shaykh",
        "sheikha",
        "shaikha",
        "excellency",
    }
)

ALL_TITLES = TITLES | PERSON_TITLES

# Phrases dropped as a whole (folded words), longest first when matching.
TITLE_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(p.split())
    for p in sorted(
        {
            "tan sri",
            "puan sri",
            "dato sri",
            "dato seri",
            "datuk sri",
            "datuk seri",
            "datin sri",
            "datin seri",
            "dato paduka",
            "datuk patinggi",
            "toh puan",
            "yang berhormat",
            "yang amat berhormat",
            "yang mulia",
            "yang berbahagia",
            "his excellency",
            "her excellency",
            "his majesty",
            "her majesty",
            "his royal highness",
            "her royal highness",
            "the honourable",
            "the honorable",
            "the hon",
            "rt hon",
            "right honourable",
            "lok chumteav",
            "samdech techo",
            "samdech akka moha sena padei techo",
            "nang sao",
            "mom rajawongse",
            "mom luang",
            "mom chao",
            "senior general",
            "vice senior general",
            "police general",
            "pol gen",
            "air chief marshal",
            "kyai haji",
        },
        key=lambda p: -len(p.split()),
    )
)

# Titles that are also names elsewhere: kept as light title words when they lead the name.
AMBIGUOUS_TITLES = frozenset(
    {"u", "ko", "ma", "maung", "saw", "naw", "sai", "nang", "mahn", "pak", "bu", "lok", "sri"}
)

_LINEAGE = frozenset({"bin", "binti", "bte", "bt", "binte", "bint"})

# Titles written before the name in its own script (and H.E., whose folded form is a surname).
_NATIVE_TITLES = (
    # Thai (often joined to the given name)
    "นางสาว",
    "น.ส.",
    "นาย",
    "นาง",
    "ด.ช.",
    "ด.ญ.",
    "คุณหญิง",
    "ท่านผู้หญิง",
    "ดร.",
    "พลเอก",
    "พล.อ.",
    "พลตำรวจเอก",
    "พล.ต.อ.",
    "พลเรือเอก",
    "พล.ร.อ.",
    "พลอากาศเอก",
    "พล.อ.อ.",
    "หม่อมราชวงศ์",
    "ม.ร.ว.",
    "หม่อมหลวง",
    "ม.ล.",
    # Khmer
    "សម្តេចអគ្គមហាសេនាបតីតេជោ",
    "សម្ដេចអគ្គមហាសេនាបតីតេជោ",
    "សម្តេចតេជោ",
    "សម្ដេចតេជោ",
    "សម្តេច",
    "សម្ដេច",
    "ឯកឧត្តម",
    "លោកជំទាវ",
    "លោកស្រី",
    "អ្នកស្រី",
    "អ្នកឧកញ៉ា",
    "ឧកញ៉ា",
    "លោក",
    "កញ្ញា",
    "បណ្ឌិត",
    # Burmese
    "ဒုတိယဗိုလ်ချုပ်မှူးကြီး",
    "ဗိုလ်ချုပ်မှူးကြီး",
    "ဗိုလ်ချုပ်",
    "ဒေါက်တာ",
    "ဦး",
    "ဒေါ်",
    "H. E.",
)
# Written apart from the name only: joined, they begin names ("คุณากร", "Ôngbà").
_SPACED_TITLES = ("คุณ", "Ông", "ông", "ÔNG", "Bà", "bà", "BÀ", "H.E.", "S.E.", "H.R.H.", "H.H.")
_NATIVE_TITLE = re.compile(
    r"^\s*(?:"
    + "|".join(re.escape(t) for t in _NATIVE_TITLES if t not in _SPACED_TITLES)
    + r"|(?:"
    + "|".join(re.escape(t) for t in _SPACED_TITLES)
    + r")(?=\s))\s*"
)


def strip_native_titles(name: str) -> str:
    """The name without the titles written before it in its own script (as long as a name stays)."""
    while True:
        match = _NATIVE_TITLE.match(name)
        if not match or not name[match.end() :].strip():
            return name
        name = name[match.end() :]


def drop_titles(tokens: list[str]) -> tuple[list[str], int]:
    """Leading titles and title phrases dropped (Malay titles after bin/binti too); returns the
    words left and how many of them, at the start, are light (ambiguous) title words."""
    tokens = _drop_leading(tokens)
    i = 1
    while i < len(tokens) - 1:
        if tokens[i - 1] in _LINEAGE:
            tokens = tokens[:i] + _drop_leading(tokens[i:])
        i += 1
    light = 0
    while light < len(tokens) - 1 and tokens[light] in AMBIGUOUS_TITLES:
        if not any(len(t) > 1 for t in tokens[light + 1 :]):
            break
        light += 1
    return tokens, light


def _drop_leading(tokens: list[str]) -> list[str]:
    changed = True
    while changed and len(tokens) > 1:
        changed = False
        for phrase in TITLE_PHRASES:
            size = len(phrase)
            if len(tokens) > size and tuple(tokens[:size]) == phrase:
                tokens = tokens[size:]
                changed = True
                break
        if not changed and tokens[0] in ALL_TITLES:
            tokens = tokens[1:]
            changed = True
    return tokens
