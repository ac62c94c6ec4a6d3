"""The reference-data importers in one place: read a file of a kind (DOL List of Goods, TIP tier
placements, prevalence estimates) into plain rows, or raise ReferenceFileError naming every row
that cannot be read, so that a bad file imports nothing."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from partnerpath.core.risk import dol, prevalence, tip
from partnerpath.core.risk.dol import read_dol_goods
from partnerpath.core.risk.parsing import ParsedReference
from partnerpath.core.risk.prevalence import read_prevalence
from partnerpath.core.risk.reference import ReferenceKind
from partnerpath.core.risk.tables import ReferenceFileError
from partnerpath.core.risk.tip import parse_tier, read_tip_tiers

__all__ = [
    "DEFAULT_SOURCE_NAMES",
    "READERS",
    "ParsedReference",
    "ReferenceFileError",
    "parse_tier",
    "read_dol_goods",
    "read_prevalence",
    "read_tip_tiers",
    "suggest_edition",
]

READERS: dict[ReferenceKind, Callable[[bytes], ParsedReference[Any]]] = {
    ReferenceKind.DOL_GOODS: read_dol_goods,
    ReferenceKind.TIP_TIERS: read_tip_tiers,
    ReferenceKind.PREVALENCE: read_prevalence,
}
DEFAULT_SOURCE_NAMES: dict[ReferenceKind, str] = {
    ReferenceKind.DOL_GOODS: dol.SOURCE_NAME,
    ReferenceKind.TIP_TIERS: tip.SOURCE_NAME,
    ReferenceKind.PREVALENCE: prevalence.GSI_SOURCE_NAME,
}


def suggest_edition(file_name: str, years: Sequence[int]) -> str:
    """An edition label when the user gives none: the years the data covers, else a year in the
    file's name; empty when neither says."""
    if years:
        low, high = min(years), max(years)
        return str(low) if low == high else f"{low}-{high}"
    found = re.findall(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)", file_name)
    return found[0] if found else ""
