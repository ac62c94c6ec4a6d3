"""`partnerpath import ...` and `partnerpath export ...` (filled in by the import/export work)."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    """Add `import` and `export` to the command tree."""
