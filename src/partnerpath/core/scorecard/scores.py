"""Raters' scores in long format (one row per round, opportunity, rater and factor), checked
against a template and gathered into arrays. `NA` means insufficient information: the rater
abstains on that factor, which is not a zero and does not pull the mean down."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from partnerpath.core.scorecard.template import Template, name_key

ABSTAIN_WORDS = frozenset({"na", "n/a", "insufficient information", "insufficient info"})
REQUIRED_COLUMNS = ("opportunity", "rater", "factor", "score")
OPTIONAL_COLUMNS = {"round": "round", "rationale": "rationale", "comment": "rationale"}
MAX_PROBLEMS = 50


class ScoresError(ValueError):
    """Scores that cannot be used; each problem names its row."""

    def __init__(self, problems: Sequence[str], more: int = 0) -> None:
        self.problems = list(problems)
        tail = f"; ... and {more} more problem(s)" if more else ""
        super().__init__("; ".join(self.problems) + tail)


class ScoreRecord(NamedTuple):
    """One rater's score (as written) for one factor of one opportunity in one round. A named
    tuple rather than a dataclass: a file holds hundreds of thousands of them."""

    line: int  # where the row sits in its file, for messages
    opportunity: str
    rater: str
    factor: str
    score: str
    round: str = ""
    rationale: str = ""


# A record as a plain tuple in ScoreRecord's field order: what records_from_table returns,
# because building 150,000 named tuples costs more than checking them.
RawRecord = tuple[int, str, str, str, str, str, str]


@dataclass(frozen=True)
class RoundScores:
    """A round's scores as arrays over (opportunity, rater, factor); NaN where a rater gave no
    score, `abstained` True where the rater explicitly wrote NA."""

    name: str
    opportunities: tuple[str, ...]
    raters: tuple[str, ...]
    factors: tuple[str, ...]  # template factor keys in card order
    scores: np.ndarray  # float (O, R, F)
    abstained: np.ndarray  # bool (O, R, F)
    rationales: Mapping[tuple[int, int, int], str]


def score_value(text: str, low: int, high: int) -> float | None:
    """A score cell as a number; None for an abstention; ValueError when it is neither."""
    cell = text.strip()
    if cell.casefold() in ABSTAIN_WORDS:
        return None
    if not cell:
        raise ValueError(f"empty score; write {low}-{high}, or NA for insufficient information")
    try:
        number = float(cell)
    except ValueError:
        raise ValueError(
            f"score {cell!r} is not a number; write {low}-{high}, or NA for insufficient "
            "information"
        ) from None
    if not math.isfinite(number) or not number.is_integer():
        raise ValueError(f"score {cell!r} must be a whole number from {low} to {high}")
    if not low <= number <= high:
        raise ValueError(f"score {cell} is out of range {low}-{high}")
    return number


def records_from_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], first_line: int = 2
) -> list[RawRecord]:
    """Score records (in ScoreRecord's field order) from a table with columns opportunity,
    rater, factor, score (round and rationale optional, any order and case)."""
    names = [h.strip().casefold() for h in header]
    missing = [c for c in REQUIRED_COLUMNS if c not in names]
    if missing:
        raise ScoresError(
            [f"missing column(s) {', '.join(missing)}; expected {','.join(REQUIRED_COLUMNS)}"
             " (round, rationale optional)"]
        )  # fmt: skip
    at = {c: names.index(c) for c in REQUIRED_COLUMNS}
    extra = {OPTIONAL_COLUMNS[n]: i for i, n in enumerate(names) if n in OPTIONAL_COLUMNS}
    o, r, f, s = at["opportunity"], at["rater"], at["factor"], at["score"]
    rnd, why = extra.get("round"), extra.get("rationale")
    width = len(names)
    records: list[RawRecord] = []
    for line, row in enumerate(rows, start=first_line):
        if len(row) < width:
            row = [*row, *([""] * (width - len(row)))]
        if not (row[o] or row[r] or row[f] or row[s].strip()):
            continue  # a blank line, or one with empty cells only
        records.append(
            (
                line,
                row[o].strip(),
                row[r].strip(),
                row[f].strip(),
                row[s],
                row[rnd].strip() if rnd is not None else "",
                row[why].strip() if why is not None else "",
            )
        )
    return records


def gather_scores(
    records: Iterable[ScoreRecord | RawRecord], template: Template
) -> list[RoundScores]:
    """Check every record and gather the rounds in the order they first appear. Unknown factors,
    scores out of range and repeated (round, opportunity, rater, factor) rows are reported
    together, each with its row, and nothing is returned when anything is wrong."""
    low, high = template.scale
    factor_index = {f.key: i for i, f in enumerate(template.factors)}
    resolved: dict[str, int | None] = {}
    values: dict[str, float | str] = {}  # str: why the cell is not a score
    problems: list[tuple[int, str]] = []
    rounds: dict[str, _Round] = {}
    current_name, current = None, _Round()
    for line, opportunity, rater, factor, score, name, rationale in records:
        fi = resolved.get(factor, -1)
        if fi == -1:
            key = template.resolve(factor)
            fi = resolved[factor] = None if key is None else factor_index[key]
        value = values.get(score)
        if value is None:
            try:
                value = values[score] = _number(score, low, high)
            except ValueError as exc:
                value = values[score] = str(exc)
        if not opportunity or not rater:
            problems.append((line, f"row {line}: opportunity and rater must not be empty"))
        elif fi is None and not factor:
            problems.append(
                (line, f"row {line}: the factor is empty; write a factor's key or label")
            )
        elif fi is None:
            hint = _suggest(factor, template)
            problems.append((line, f"row {line}: unknown factor {factor!r}{hint}"))
        elif isinstance(value, str):
            problems.append((line, f"row {line}: {value}"))
        else:
            if name != current_name:
                current_name, current = name, rounds.setdefault(name, _Round())
            oi = current.opportunities.get(opportunity)
            if oi is None:
                oi = current.opportunities[opportunity] = len(current.opportunities)
            ri = current.raters.get(rater)
            if ri is None:
                ri = current.raters[rater] = len(current.raters)
            current.cells.append((oi, ri, fi, value, line))
            if rationale:
                current.rationales[(oi, ri, fi)] = rationale
    result = [_arrays(name, r, template, problems) for name, r in rounds.items()]
    if problems:
        problems.sort()
        shown = [text for _, text in problems[:MAX_PROBLEMS]]
        raise ScoresError(shown, max(len(problems) - MAX_PROBLEMS, 0))
    if not result:
        raise ScoresError(["no scores: the file has a header but no rows"])
    return result


def with_opportunities(scores: RoundScores, opportunities: Iterable[str]) -> RoundScores:
    """The round with every opportunity in scope: those without a single row are added with no
    scores, so results show them as not ranked instead of leaving them out silently."""
    known = set(scores.opportunities)
    extra = tuple(dict.fromkeys(o for o in opportunities if o not in known))
    if not extra:
        return scores
    shape = (len(extra), len(scores.raters), len(scores.factors))
    return replace(
        scores,
        opportunities=scores.opportunities + extra,
        scores=np.concatenate([scores.scores, np.full(shape, np.nan)]),
        abstained=np.concatenate([scores.abstained, np.zeros(shape, dtype=bool)]),
    )


def _number(cell: str, low: int, high: int) -> float:
    value = score_value(cell, low, high)
    return math.nan if value is None else value


@dataclass
class _Round:
    opportunities: dict[str, int] = field(default_factory=dict)
    raters: dict[str, int] = field(default_factory=dict)
    cells: list[tuple[int, int, int, float, int]] = field(default_factory=list)
    rationales: dict[tuple[int, int, int], str] = field(default_factory=dict)


def _arrays(
    name: str, gathered: _Round, template: Template, problems: list[tuple[int, str]]
) -> RoundScores:
    """One round's cells as arrays; repeated cells are added to `problems` with both rows."""
    table = np.array(gathered.cells, dtype=float).reshape(-1, 5)
    idx = table[:, :3].astype(np.intp)
    shape = (len(gathered.opportunities), len(gathered.raters), len(template.factors))
    flat = np.ravel_multi_index((idx[:, 0], idx[:, 1], idx[:, 2]), shape)
    order = np.argsort(flat, kind="stable")
    repeated = np.flatnonzero(flat[order][1:] == flat[order][:-1])
    if repeated.size:
        opportunities, raters = list(gathered.opportunities), list(gathered.raters)
        label = f"round {name!r}, " if name else ""
        for at in repeated:
            first, again = table[order[at], 4], table[order[at + 1], 4]
            o, r, f = idx[order[at + 1]]
            problems.append(
                (
                    int(again),
                    f"row {int(again)}: repeats row {int(first)} ({label}opportunity "
                    f"{opportunities[o]!r}, rater {raters[r]!r}, factor "
                    f"{template.factors[f].key!r})",
                )
            )
    scores = np.full(shape, np.nan)
    abstained = np.zeros(shape, dtype=bool)
    scores.flat[flat] = table[:, 3]
    abstained.flat[flat] = np.isnan(table[:, 3])
    return RoundScores(
        name,
        tuple(gathered.opportunities),
        tuple(gathered.raters),
        tuple(f.key for f in template.factors),
        scores,
        abstained,
        gathered.rationales,
    )


def _suggest(name: str, template: Template) -> str:
    """A hint listing the factor keys, with the closest one first when a near miss is likely."""
    wanted = name_key(name)
    close = [f.key for f in template.factors if wanted and (wanted in name_key(f.label))]
    hint = f"; did you mean {close[0]!r}?" if len(close) == 1 else ""
    return f"{hint} (known: {', '.join(f.key for f in template.factors)})"
