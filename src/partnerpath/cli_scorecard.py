"""The `partnerpath scorecard rank` command: rank opportunities from a long-format scores file on
the Prioritisation Score Card, with round comparison and sensitivity to the weights."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from partnerpath.cli import CommandError
from partnerpath.core.scorecard.analysis import DEFAULT_TOP_K, Analysis, analyse, analysis_data
from partnerpath.core.scorecard.results import NOT_RANKED, RoundResult
from partnerpath.core.scorecard.scores import ScoresError, gather_scores, records_from_table
from partnerpath.core.scorecard.sensitivity import (
    DEFAULT_CONCENTRATION,
    DEFAULT_SAMPLES,
    DEFAULT_SWING,
)
from partnerpath.core.scorecard.template import Template
from partnerpath.core.scorecard.template_files import (
    TemplateError,
    default_template,
    load_template,
    read_structured,
)
from partnerpath.core.scorecard.weights import (
    Weights,
    WeightsError,
    template_weights,
    weights_from_data,
)
from partnerpath.core.wording import plural

TABLE_DISAGREEMENTS = 20
TABLE_NOTES = 20


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `scorecard rank` to the main CLI."""
    scorecard = subparsers.add_parser(
        "scorecard",
        help="rank partnership opportunities on the Prioritisation Score Card",
        description="Work with Prioritisation Score Card scores outside the web app.",
    )
    commands = scorecard.add_subparsers(dest="scorecard_command", metavar="COMMAND")
    commands.required = True
    rank = commands.add_parser(
        "rank",
        help="rank opportunities from a scores CSV",
        description="Rank opportunities from a long-format CSV with columns opportunity, rater, "
        "factor, score (round and rationale optional). A score is 1-5, or NA for insufficient "
        "information (an abstention, not a zero). A factor is named by its key, its label or "
        "the brief's own label, in any case. Prints totals, group values, ranks, the share of "
        "the weight scored (flagged when low), disagreement flags, round comparison and how "
        "stable the ranking is when the weights vary. An opportunity with no usable score is "
        "not ranked.",
    )
    rank.add_argument("scores", type=Path, help="scores CSV file")
    rank.add_argument("--template", type=Path, help="template file (default: scorecard-default-v1)")
    rank.add_argument("--weights", type=Path, help="weights file: direct percentages or AHP")
    rank.add_argument(
        "--samples",
        type=int,
        default=DEFAULT_SAMPLES,
        help=f"random weight samples for the stability figures (default {DEFAULT_SAMPLES}; 0 "
        "skips them)",
    )
    rank.add_argument(
        "--top", type=int, default=DEFAULT_TOP_K, help=f"k of the top k (default {DEFAULT_TOP_K})"
    )
    rank.add_argument(
        "--concentration",
        type=float,
        default=DEFAULT_CONCENTRATION,
        help="Dirichlet concentration of the weight samples: higher stays closer to the agreed "
        f"weights (default {DEFAULT_CONCENTRATION:g})",
    )
    rank.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    rank.add_argument(
        "--swing",
        type=float,
        default=DEFAULT_SWING * 100,
        help=f"tornado: percent each weight moves up and down (default {DEFAULT_SWING * 100:g})",
    )
    rank.add_argument("--format", choices=("table", "json", "csv"), default="table")
    rank.set_defaults(handler=run_rank, func=run_rank, needs_django=False)


class Progress:
    """A progress bar on standard error, only on a terminal and only for long runs."""

    def __init__(self, label: str, enabled: bool) -> None:
        self.label, self.enabled = label, enabled and sys.stderr.isatty()
        self.start, self.shown = time.monotonic(), -1

    def __call__(self, done: int, total: int) -> None:
        percent = done * 100 // max(total, 1)
        if self.enabled and percent != self.shown:
            self.shown = percent
            print(
                f"\r{self.label} [{'#' * (percent // 4):<25}] {percent:3d}% {done}/{total}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        """End the bar's line with the elapsed time."""
        if self.enabled and self.shown >= 0:
            print(f" {time.monotonic() - self.start:.1f}s", file=sys.stderr)


def _template(path: Path | None) -> Template:
    if path is None:
        return default_template()
    try:
        return load_template(path)
    except TemplateError as exc:
        raise CommandError(f"template {exc}") from None


def _weights(path: Path | None, template: Template) -> Weights:
    if path is None:
        return template_weights(template)
    try:
        return weights_from_data(template, read_structured(path))
    except WeightsError as exc:
        raise CommandError(f"weights {path}: {exc}") from None
    except ValueError as exc:
        raise CommandError(f"weights {exc}") from None


def _read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise CommandError(
            f"{path}: the file is empty; expected columns opportunity,rater,factor,score"
        )
    return rows[0], rows[1:]


def _check(args: argparse.Namespace) -> None:
    if args.samples < 0:
        raise CommandError(f"--samples must be 0 or more, got {args.samples}")
    if args.top < 1:
        raise CommandError(f"--top must be 1 or more, got {args.top}")
    if args.concentration <= 0:
        raise CommandError(f"--concentration must be above 0, got {args.concentration:g}")
    if not 0 < args.swing < 100:
        raise CommandError(f"--swing must be a percentage between 0 and 100, got {args.swing:g}")


def run_rank(args: argparse.Namespace) -> int:
    """Read, check and rank a scores file; print the results in the chosen format."""
    _check(args)
    template = _template(args.template)
    weights = _weights(args.weights, template)
    header, rows = _read_rows(args.scores)
    try:
        rounds = gather_scores(records_from_table(header, rows), template)
    except ScoresError as exc:
        raise CommandError(f"{args.scores}: {exc}") from None
    long_run = args.samples * len(rounds[-1].opportunities) >= 1_000_000
    progress = Progress("sensitivity", long_run)
    analysis = analyse(
        template,
        rounds,
        weights,
        top_k=args.top,
        samples=args.samples,
        concentration=args.concentration,
        seed=args.seed,
        swing=args.swing / 100,
        progress=progress,
    )
    progress.close()
    out = sys.stdout
    if args.format == "json":
        # dumps, not dump: one C-encoded string instead of thousands of small writes
        out.write(json.dumps(analysis_data(analysis), ensure_ascii=False) + "\n")
    elif args.format == "csv":
        write_csv(analysis, out)
    else:
        write_table(analysis, out)
    return 0


def write_csv(analysis: Analysis, out: TextIO) -> None:
    """One row per round and opportunity; stability figures on the latest round's rows. An
    unranked opportunity has empty rank and total, and says why in its notes."""
    groups = analysis.template.groups
    columns = ["round", "rank", "tied", "opportunity", "total", "coverage", "low_coverage"]
    columns += [f"{g.key}_{part}" for g in groups for part in ("value", "points")]
    columns += ["p_top_k", "p_first", "disagreements", "notes"]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for result in analysis.rounds:
        flags: dict[str, int] = {}
        for d in result.disagreements:
            flags[d.opportunity] = flags.get(d.opportunity, 0) + 1
        latest = result is analysis.latest
        for r in result.ranking:
            stable = analysis.stability.get(r.opportunity) if latest else None
            row: list[Any] = [
                result.round,
                "" if r.rank is None else r.rank,
                str(r.tied).lower(),
                r.opportunity,
                "" if r.total is None else r.total,
                round(100 * r.coverage, 1),
                str(r.low_coverage).lower(),
            ]
            for g in r.groups:
                points = "" if r.total is None else round(g.points, 2)
                row += ["" if g.value is None else round(g.value, 2), points]
            row += [
                "" if stable is None else round(stable.p_top_k, 4),
                "" if stable is None else round(stable.p_first, 4),
                flags.get(r.opportunity, 0),
                " ".join(r.notes),
            ]
            writer.writerow(row)


def write_table(analysis: Analysis, out: TextIO) -> None:
    """A plain-text report a programme team can read in a terminal."""
    latest, k = analysis.latest, analysis.top_k
    template = analysis.template
    label = f" round {latest.round!r}" if latest.round else ""
    out.write(f"{template.title} ({template.id}){label}, weights: {latest.weights.method}\n")
    flags: dict[str, int] = {}
    for d in latest.disagreements:
        flags[d.opportunity] = flags.get(d.opportunity, 0) + 1
    heads = [g.label.split()[0][:11] for g in template.groups]
    name_width = max([11, *(len(r.opportunity) for r in latest.ranking)])
    name_width = min(name_width, 40)
    sampled = bool(analysis.stability)
    header = f"{'rank':>5}  {'opportunity':<{name_width}} {'total':>6} {'scored':>6} "
    header += " ".join(f"{h:>11}" for h in heads)
    header += f" {'P(top ' + str(k) + ')':>9} {'P(1st)':>7}" if sampled else ""
    out.write(header + "  flags\n")
    for r in latest.ranking:
        total = "-" if r.total is None else f"{r.total:.2f}"
        rank = "-" if r.rank is None else r.rank_label
        line = f"{rank:>5}  {r.opportunity[:name_width]:<{name_width}} {total:>6} "
        line += f"{r.coverage:6.0%} "
        line += " ".join(
            f"{'-' if g.value is None else f'{g.value:.2f}':>5} "
            + (f"{'-':>5}" if r.total is None else f"{g.points:5.1f}")
            for g in r.groups
        )
        stable = analysis.stability.get(r.opportunity)
        if stable is not None:
            line += f" {stable.p_top_k:9.1%} {stable.p_first:7.1%}"
        elif sampled:
            line += f" {'-':>9} {'-':>7}"
        marks = []
        if not r.ranked:
            marks.append(NOT_RANKED)
        if r.low_coverage:
            marks.append(f"LOW COVERAGE: {r.coverage:.0%} of the weight scored")
        if flags.get(r.opportunity):
            marks.append(plural(flags[r.opportunity], "disagreement"))
        if r.notes and r.ranked and not r.low_coverage:
            marks.append("some factors without a score, see notes")
        out.write(line + ("  " + "; ".join(marks) if marks else "") + "\n")
    out.write(
        "(scored: share of the weight on factors with at least one score; group columns: "
        "aggregated value on the 1-5 scale, then points of the total)\n"
    )
    _write_coverage_warning(latest, out)
    if sampled:
        out.write(
            f"Stability: {analysis.samples} weight samples from a Dirichlet centred on the agreed "
            f"weights, concentration {analysis.concentration:g}, seed {analysis.seed}"
            f"{'; unranked opportunities left out' if latest.unranked else ''}.\n"
        )
    change = analysis.top_change
    ranked = len(latest.ranked)
    if change is not None:
        moves = ", ".join(f"{f} {v:+.2f}" for f, v in change.changes)
        out.write(
            f"Smallest weight change that alters the top {k}: {change.moved:.2f} percentage "
            f"points moved ({moves}) lets {change.entering!r} reach {change.leaving!r}"
            f"{'' if change.exact else ' (approximate: some factors are missing)'}.\n"
        )
    elif 0 < k < ranked:
        out.write(f"No change of weights alters the top {k}: its members lead on every factor.\n")
    elif ranked:
        out.write(
            f"Every ranked opportunity ({ranked}) is in the top {k}, so no change of weights can "
            "alter it.\n"
        )
    if latest.ranked:
        first = latest.ranked[0].opportunity
        bars = analysis.tornado.get(first, ())[:3]
        if bars:
            shown = "; ".join(
                f"{b.item} ({b.kind}) total {b.total_low:.2f}-{b.total_high:.2f}, rank "
                f"{b.rank_low}-{b.rank_high}"
                for b in bars
            )
            out.write(
                f"Weights that move {first!r} most (each -/+{analysis.swing:.0%}): {shown}.\n"
            )
    _write_notes(latest, out)
    _write_disagreements(latest.disagreements, out)
    _write_comparison(analysis, out)


def _write_coverage_warning(result: RoundResult, out: TextIO) -> None:
    """A loud line for opportunities ranked on little of the weight, and for the unranked."""
    low = result.low_coverage
    if low:
        names = ", ".join(f"{r.opportunity!r} {r.coverage:.0%}" for r in low[:10])
        more = f" and {len(low) - 10} more" if len(low) > 10 else ""
        out.write(
            f"WARNING: LOW COVERAGE: {_count(len(low), 'opportunity is', 'opportunities are')} "
            f"ranked on less than {result.min_coverage:.0%} of the weight: {names}{more}. "
            f"{'Its total rests' if len(low) == 1 else 'Their totals rest'} on few factors; score "
            "the missing ones before relying on the ranking.\n"
        )
    if result.unranked:
        names = ", ".join(repr(r.opportunity) for r in result.unranked[:10])
        more = f" and {len(result.unranked) - 10} more" if len(result.unranked) > 10 else ""
        out.write(
            f"Not ranked, {NOT_RANKED} (no factor has a score): {names}{more}; left out of the "
            "sensitivity figures.\n"
        )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _write_notes(result: RoundResult, out: TextIO) -> None:
    noted = [r for r in result.ranking if r.notes]
    if not noted:
        return
    out.write(f"\nNotes (factors without a score and what happens to their weight): {len(noted)}\n")
    for r in noted[:TABLE_NOTES]:
        out.write(f"  {r.opportunity}: {' '.join(r.notes)}\n")
    if len(noted) > TABLE_NOTES:
        out.write(f"  ... {len(noted) - TABLE_NOTES} more (--format json or csv)\n")


def _write_disagreements(disagreements: tuple[Any, ...], out: TextIO) -> None:
    if not disagreements:
        return
    out.write(f"\nDisagreements (raters 2+ points apart): {len(disagreements)}\n")
    for d in disagreements[:TABLE_DISAGREEMENTS]:
        scores = ", ".join(
            f"{s.rater} {'NA' if s.score is None else f'{s.score:g}'}"
            + (f" ({s.rationale})" if s.rationale else "")
            for s in d.scores
        )
        out.write(f"  {d.opportunity} / {d.factor}: {scores}\n")
    if len(disagreements) > TABLE_DISAGREEMENTS:
        out.write(f"  ... {len(disagreements) - TABLE_DISAGREEMENTS} more (--format json)\n")


def _write_comparison(analysis: Analysis, out: TextIO) -> None:
    if len(analysis.rounds) < 2:
        return
    out.write(
        "\nRounds compared (rank, total, movement since the previous round that ranked it; "
        "- not scored):\n"
    )
    out.write(f"  {'opportunity':<30} " + " ".join(f"{r.round[:18]:>18}" for r in analysis.rounds))
    out.write("\n")
    for row in analysis.comparison:
        cells = []
        for p in row.places:
            if p.rank is None:
                cells.append(f"{'not ranked' if p.scored else '-':>18}")
                continue
            move = "" if not p.movement else f" {'▲' if p.movement > 0 else '▼'}{abs(p.movement)}"
            cells.append(f"{f'{p.rank} {p.total:.2f}{move}':>18}")
        out.write(f"  {row.opportunity[:30]:<30} " + " ".join(cells) + "\n")
