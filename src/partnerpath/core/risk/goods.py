"""Which goods on the DOL List concern an organisation: the goods its sectors usually deal in (a
small table of our own) and the goods people name for it, matched to the List's names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# Our sector codes (registry Sector) -> words for goods on the DOL List that the sector usually
# produces, processes or buys. Matching is by words, so "fish" also finds "Dried Fish" and
# "Tilapia (fish)". Sectors too broad to guess (manufacturing, retail, logistics, finance, ...)
# have no entry: name the goods on the organisation's risk page instead.
SECTOR_GOODS: Mapping[str, tuple[str, ...]] = {
    "fisheries": ("fish", "shrimp", "shellfish", "lobsters"),
    "apparel": (
        "garments",
        "cotton",
        "textiles",
        "thread/yarn",
        "footwear",
        "leather",
        "silk fabric",
    ),
    "construction": ("bricks", "cement", "sand", "gravel", "stones", "granite", "timber"),
    "electronics": (
        "electronics",
        "tin",
        "tantalum ore",
        "tungsten ore",
        "cobalt ore",
        "mica",
        "lithium-ion batteries",
    ),
    "agriculture": (
        "palm fruit",
        "sugarcane",
        "rubber",
        "cocoa",
        "coffee",
        "tea",
        "rice",
        "cotton",
        "tobacco",
        "cattle",
    ),
    "food_processing": (
        "shrimp",
        "fish",
        "palm oil",
        "sugarcane",
        "cocoa",
        "cashews",
        "tomato products",
    ),
    "mining": ("gold", "coal", "diamonds", "cobalt ore", "mica", "tin", "copper", "gems"),
    "energy": ("coal", "charcoal", "polysilicon", "photovoltaic", "solar"),
    "health": ("surgical instruments", "gloves"),
}


@dataclass(frozen=True)
class GoodsInterest:
    """A word for goods the profile looks for, and why (a sector, or named by a person)."""

    term: str
    because: str  # "sector Fisheries and seafood" or "named on the risk page"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def _singular(word: str) -> str:
    """A crude singular, applied the same way to both sides ("tomatoes" ~ "tomato")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("oes"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> frozenset[str]:
    """The words of a goods name, lower case, accents off, singular ("Tilapia (fish)" ->
    {"tilapia", "fish"})."""
    return frozenset(_singular(w) for w in re.findall(r"[a-z0-9]+", _fold(text)))


def matches(term: str, good: str) -> bool:
    """Whether a List good is one the term means: every word of the term is a word of the good."""
    wanted = words(term)
    return bool(wanted) and wanted <= words(good)


def goods_of_interest(
    sectors: Sequence[str], named: Sequence[str], sector_labels: Mapping[str, str] | None = None
) -> tuple[GoodsInterest, ...]:
    """The goods terms to look for: those named by people first, then those of the sectors."""
    labels = sector_labels or {}
    found: dict[frozenset[str], GoodsInterest] = {}
    for term in named:
        if words(term):
            found.setdefault(words(term), GoodsInterest(term.strip(), "named on the risk page"))
    for sector in sectors:
        for term in SECTOR_GOODS.get(sector, ()):
            found.setdefault(
                words(term), GoodsInterest(term, f"sector {labels.get(sector, sector)}")
            )
    return tuple(found.values())


def split_goods(text: str) -> list[str]:
    """Goods typed by a person, one per line or separated by commas or semicolons."""
    items = (part.strip() for part in re.split(r"[\n;,]+", text))
    return list(dict.fromkeys(item for item in items if item))


def goods_matching(interests: Iterable[GoodsInterest], good: str) -> list[GoodsInterest]:
    """The interests that a List good answers."""
    return [i for i in interests if matches(i.term, good)]
