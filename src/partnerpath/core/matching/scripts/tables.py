"""Helpers for the letter tables of the script readers."""

from __future__ import annotations


def pairs(text: str) -> dict[str, str]:
    """A table written as "letter=latin" items separated by spaces ("อ=" maps to "")."""
    return dict(item.split("=", 1) for item in text.split())
