"""The checker that reads typed values out of a parsed rubric document, collecting a problem
(with its location) for each value that is missing, of the wrong type or out of range instead of
stopping at the first. :mod:`.validate` uses it field by field."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from typing import Any

from partnerpath.core.rubric.errors import Path

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def kind_name(value: object) -> str:
    """What kind of value this is, in words for a message."""
    return "nothing" if value is None else type(value).__name__


def show(value: object, limit: int = 60) -> str:
    """The value as written, cut short: a message must stay readable whatever it quotes."""
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


def too_long(text: str, limit: int) -> str:
    """The message for a text longer than the column it is stored in."""
    return f"{show(text)} is {len(text)} characters long; at most {limit} fit"


class Checker:
    """Collects problems while reading typed values out of a parsed document."""

    def __init__(self) -> None:
        self.problems: list[tuple[Path, str]] = []
        self.indicator_ids: dict[str, str] = {}  # id -> where it was first used

    def add(self, path: Path, message: str) -> None:
        self.problems.append((path, message))

    def fields(
        self, obj: object, path: Path, spec: tuple[set[str], set[str]]
    ) -> Mapping[str, Any] | None:
        """The mapping, after reporting its unknown and missing fields."""
        required, optional = spec
        if not isinstance(obj, dict):
            self.add(path, f"must be a mapping of fields, got {kind_name(obj)}")
            return None
        allowed = sorted(required | optional)
        for key in obj:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), allowed, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {allowed}"
                self.add((*path, str(key)[:80]), f"unknown field{hint}")
        for key in sorted(required - obj.keys()):
            self.add((*path, key), "missing required field")
        return obj

    def text(self, m: Mapping[str, Any], key: str, path: Path, slug: bool = False) -> str:
        value = m.get(key)
        if key not in m:
            return ""
        if not isinstance(value, str) or not value.strip():
            self.add((*path, key), f"must be non-empty text, got {kind_name(value)}")
            return ""
        if slug and not SLUG.match(value):
            self.add((*path, key), f"{show(value)} must be lower-case letters, digits, '-' or '_'")
        return value.strip()

    def number(
        self, m: Mapping[str, Any], key: str, path: Path, default: float, low: float, high: float
    ) -> float:
        """A number between ``low`` and ``high``; ``default`` when absent or not a number."""
        if key not in m:
            return default
        value = m[key]
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add((*path, key), f"must be a number, got {kind_name(value)} {show(value)}")
            return default
        try:
            number = float(value)
        except OverflowError:  # a whole number of hundreds of digits
            number = math.inf if value > 0 else -math.inf
        if not low <= number <= high:
            self.add((*path, key), f"must be between {low:g} and {high:g}, got {number:g}")
        return number

    def texts(self, m: Mapping[str, Any], key: str, path: Path) -> tuple[str, ...]:
        """A list of non-empty texts (required fields were reported as missing already)."""
        out: list[str] = []
        for p, item in self.items(m, key, path):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.add(p, f"must be non-empty text, got {kind_name(item)}")
        return tuple(out)

    def items(
        self, m: Mapping[str, Any], key: str, path: Path, non_empty: bool = True
    ) -> list[tuple[Path, object]]:
        if key not in m:
            return []
        value = m[key]
        if not isinstance(value, list):
            self.add((*path, key), f"must be a list, got {kind_name(value)}")
            return []
        if non_empty and not value:
            self.add((*path, key), "must not be empty")
        return [((*path, key, i), item) for i, item in enumerate(value)]
