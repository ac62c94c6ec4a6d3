"""Small word lists used by normalisation: particles, titles, class words, number words.

Kept short and general on purpose: every entry is a fact about how names are written, not about any
particular name.
"""

from __future__ import annotations

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth"]

NUMBER_WORDS: dict[str, str] = {w: str(i) for i, w in enumerate(_UNITS)}
NUMBER_WORDS.update({w: str(n) for w, n in _TENS.items()})
NUMBER_WORDS.update({w: str(i + 1) for i, w in enumerate(_ORDINALS)})

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
          "xv", "xvi", "xvii", "xviii", "xix", "xx"]
ROMAN_NUMERALS: dict[str, str] = {r: str(i + 1) for i, r in enumerate(_ROMAN)}

# Words that say what kind of organisation it is, not which one.
ORG_CLASS_WORDS = frozenset({
    "company", "corporation", "group", "holding", "holdings", "limited", "incorporated",
    "gruppe", "groupe", "grupo", "gruppo", "companies", "firm", "compania", "societe", "sociedad",
    "obshchestvo", "kompaniya", "kongsi", "gongsi", "jituan", "youxian", "incorporation",
})

ORG_STOPWORDS = frozenset({
    "of", "the", "and", "for", "de", "del", "des", "du", "la", "le", "les", "et", "und", "y", "e",
    "da", "do", "dos", "das", "van", "von", "in", "at", "on", "a", "an", "di", "della", "der",
})

# Abbreviations and spelling variants inside organisation names, to one form.
ORG_SYNONYMS: dict[str, str] = {
    "co": "company", "cos": "companies", "intl": "international", "int": "international",
    "natl": "national", "mfg": "manufacturing", "bros": "brothers", "assn": "association",
    "assoc": "association", "dept": "department", "govt": "government", "univ": "university",
    "inst": "institute", "tech": "technology", "ind": "industries", "inds": "industries",
    "svcs": "services", "svc": "services", "mgmt": "management", "dev": "development",
    "organisation": "organization", "labour": "labor", "centre": "center", "programme": "program",
    "defence": "defense", "saint": "st", "ste": "st", "mount": "mt", "corp": "corporation",
    "incorporated": "incorporated", "hldgs": "holdings", "grp": "group", "ltd": "limited",
    "usa": "us", "uk": "gb",
}

# Person-name particles, to one spelling. They carry little identity on their own.
PERSON_PARTICLES: dict[str, str] = {
    "al": "al", "el": "al", "ul": "al",
    "bin": "bin", "ibn": "bin", "ben": "bin", "bn": "bin", "ibnu": "bin", "ould": "bin",
    "bint": "bint", "binti": "bint", "binte": "bint",
    "abu": "abu", "abou": "abu", "abo": "abu", "umm": "umm", "um": "umm",
    "de": "de", "da": "da", "di": "di", "du": "du", "van": "van", "von": "von", "der": "der",
    "den": "den", "le": "le", "la": "la", "dos": "dos", "das": "das", "do": "do", "del": "del",
    "na": "na", "y": "y", "e": "e", "mac": "mac", "ter": "ter", "ten": "ten",
}

# Honorifics and titles rigour's list misses, mostly from the regions screening lists cover.
PERSON_TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "president", "prasident", "praesident", "presidente",
    "sheikh", "shaikh", "shaykh", "sheik", "haji", "hajji", "alhaji", "mullah", "mulla", "maulvi",
    "mawlawi", "maulana", "moulana", "qari", "sir", "dame", "general", "gen", "colonel", "col",
    "captain", "capt", "lieutenant", "lt", "admiral", "imam", "emir", "prince", "princess", "king",
    "queen", "datuk", "dato", "datin", "tun", "tunku", "tengku", "khun", "phra", "monsieur",
    "madame", "herr", "frau", "senor", "senora",
})

VESSEL_PREFIXES = frozenset({"mv", "mt", "ms", "ss", "fv", "mfv", "mts", "mys", "hms", "lng",
                             "lpg", "tanker", "vessel"})
