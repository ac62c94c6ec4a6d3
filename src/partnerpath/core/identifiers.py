"""Checks of organisation identifiers."""

from __future__ import annotations

import re

_LEI = re.compile(r"^[0-9A-Z]{18}[0-9]{2}$")


def lei_problem(value: str) -> str | None:
    """Why ``value`` is not a valid LEI (ISO 17442, ISO 7064 mod 97-10), or None when it is."""
    lei = value.strip().upper()
    if not _LEI.match(lei):
        return "An LEI has 20 characters: 18 letters or digits, then 2 check digits."
    digits = "".join(str(int(ch, 36)) for ch in lei)
    if int(digits) % 97 != 1:
        return "The LEI's check digits do not match; check for a typing mistake."
    return None
