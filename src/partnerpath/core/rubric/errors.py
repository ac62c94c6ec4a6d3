"""A problem in a rubric file, located, and the error that carries all of them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from partnerpath.core.wording import plural

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """``("levels", 2, "weight")`` -> ``levels[2].weight``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(document)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a rubric file, where it is, and what to do about it."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.path}: {self.message}"


class RubricError(ValueError):
    """The rubric is invalid; ``problems`` lists every problem found, each located."""

    def __init__(self, problems: Sequence[Problem], source: str = "rubric") -> None:
        self.problems = tuple(problems)
        self.source = source
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{source}: {plural(len(self.problems), 'problem')}\n{lines}")


class AnswerError(ValueError):
    """Answers that do not fit the rubric (a value its scale does not have)."""
