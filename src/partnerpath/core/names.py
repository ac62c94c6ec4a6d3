"""Name normalisation for finding duplicate organisations in the registry."""

from __future__ import annotations

import re
import unicodedata

# Legal-form words that do not distinguish two organisations of the same name and country.
_LEGAL_FORMS = {
    "co",
    "company",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "llc",
    "plc",
    "pcl",
    "public",
    "pte",
    "pvt",
    "private",
    "sdn",
    "bhd",
    "berhad",
    "sendirian",
    "pt",
    "tbk",
    "persero",
    "jsc",
    "gmbh",
    "ag",
    "sa",
    "srl",
    "bv",
    "nv",
    "kk",
    "the",
}
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def normalise_org_name(name: str) -> str:
    """Lower-case, accent-free, punctuation-free name without legal forms, for duplicate checks."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _PUNCT.sub(" ", text.replace("&", " and "))
    words = [w for w in text.split() if w not in _LEGAL_FORMS]
    return " ".join(words) or " ".join(text.split())
