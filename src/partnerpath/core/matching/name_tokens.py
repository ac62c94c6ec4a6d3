"""From folded text to the words of a name: legal forms, titles, numbers, country words.

Edition 1 is screening-v1 to -v3; edition 2 (screening-v4) strips the Asian legal forms of
``legal_forms_asia`` (and only from Latin-script names: a Han, Hangul, Thai, Khmer or Burmese
name has its forms recognised in its own script, see ``native_forms``), takes off the titles of
``honorifics``, joins the words of multi-word country names and marks Chinese place words.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein
from rigour.names import remove_person_prefixes

from partnerpath.core.matching.countries import PLACE_WORDS, merge_country_words
from partnerpath.core.matching.entities import Schema
from partnerpath.core.matching.honorifics import drop_titles
from partnerpath.core.matching.legal_forms import (
    EDGE_ONLY,
    EDGE_ONLY_V2,
    LEGAL_FORMS,
    LEGAL_FORMS_V2,
    MAX_FORM_TOKENS,
    rigour_family,
)
from partnerpath.core.matching.vocab import (
    NUMBER_WORDS,
    ORG_SYNONYMS,
    PERSON_PARTICLES,
    PERSON_TITLES,
    ROMAN_NUMERALS,
    VESSEL_PREFIXES,
)

_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
# Typos are only corrected towards edition 1's form words: Asian forms contain name words
# ("thanh" in "mot thanh vien") that a one-letter typo would wrongly reach ("Thang").
_FORM_WORDS = sorted({w for seq in LEGAL_FORMS for w in seq if len(w) >= 5})
# Abbreviations of Muhammad in Malay and South Asian names.
_PERSON_SYNONYMS = {"mohd": "muhammad", "muhd": "muhammad", "mhd": "muhammad"}
_ORG_BIGRAMS = {("tap", "doan"): "group"}  # Vietnamese "tập đoàn"


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


def strip_legal_forms(tokens: list[str], edition: int = 1) -> tuple[list[str], list[str], set[str]]:
    """Remove legal forms from the ends (and unambiguous ones from the middle) of a token list."""
    forms = LEGAL_FORMS_V2 if edition >= 2 else LEGAL_FORMS
    edge_only = EDGE_ONLY_V2 if edition >= 2 else EDGE_ONLY
    displays: list[str] = []
    families: set[str] = set()
    for position in range(max(1, len(tokens) - 3), len(tokens)):
        tokens[position] = _fix_form_typo(tokens[position])
    changed = True
    while changed and tokens:
        changed = False
        for size in range(min(MAX_FORM_TOKENS, len(tokens)), 0, -1):
            tail = tuple(tokens[-size:])
            if tail in forms and len(tokens) > size:
                display, family = forms[tail]
                displays.append(display)
                families.add(family)
                del tokens[-size:]
                changed = True
                break
            head = tuple(tokens[:size])
            if head in forms and len(tokens) > size:
                display, family = forms[head]
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
            if seq in forms and seq not in edge_only and size < len(tokens):
                display, family = forms[seq]
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


def _bigrams(tokens: list[str]) -> list[str]:
    out: list[str] = []
    for tok in tokens:
        if out and (out[-1], tok) in _ORG_BIGRAMS:
            out[-1] = _ORG_BIGRAMS[(out[-1], tok)]
        else:
            out.append(tok)
    return out


def org_tokens(
    text: str, schema: Schema, acronyms: set[str], edition: int = 1, latin_forms: bool = True
) -> tuple[list[str], list[str], set[str], dict[str, str]]:
    """The words of an organisation or vessel name, its legal forms and families, and (edition
    2) which words name a country ({token: country code}) or a Chinese place ({token: "@"})."""
    tokens = text.split()
    if tokens and tokens[0] in ("the", "le", "la", "les", "el", "il", "der", "die", "das"):
        tokens = tokens[1:] or tokens
    if schema is Schema.VESSEL and len(tokens) > 1 and tokens[0] in VESSEL_PREFIXES:
        tokens = tokens[1:]
    tokens = _join_split_letters(tokens, acronyms)
    displays: list[str] = []
    families: set[str] = set()
    if latin_forms:
        tokens, displays, families = strip_legal_forms(tokens, edition)
        tokens = [ORG_SYNONYMS.get(t, t) for t in (_bigrams(tokens) if edition >= 2 else tokens)]
    numbers = [_number(t, roman=i > 0) for i, t in enumerate(tokens)]
    tokens = [n if n is not None else t for t, n in zip(tokens, numbers, strict=True)]
    tokens = _merge_number_words(tokens)
    places: dict[str, str] = {}
    if edition >= 2 and schema is not Schema.VESSEL:
        tokens, places = merge_country_words(tokens)
        if len(tokens) > 1:
            places.update({t: "@" for t in tokens if t in PLACE_WORDS})
    return tokens, displays, families, places


def person_tokens(text: str, edition: int = 1) -> tuple[list[str], int]:
    """The words of a person's name without titles, and (edition 2) how many words at its
    start are ambiguous titles kept as light words ("Ko", "Ma", "U")."""
    stripped = remove_person_prefixes(text)
    tokens = (stripped or text).split()
    light = 0
    if edition >= 2:
        tokens, light = drop_titles(tokens)
    else:
        while len(tokens) > 1 and tokens[0] in PERSON_TITLES:
            tokens = tokens[1:]
    # Legal-form debris on a person's name ("Nicolas Maduro SA") says nothing about the person.
    while len(tokens) > 2 and (tokens[-1],) in LEGAL_FORMS:
        tokens = tokens[:-1]
    tokens = [PERSON_PARTICLES.get(t, t) for t in tokens]
    if edition >= 2:
        tokens = [_PERSON_SYNONYMS.get(t, t) for t in tokens]
    return tokens, light


__all__ = ["org_tokens", "person_tokens", "strip_legal_forms"]
