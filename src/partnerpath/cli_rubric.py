"""The `partnerpath rubric` commands: list, validate and show assessment rubrics (no database)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from partnerpath.cli import CommandError
from partnerpath.core.rubric import (
    Rubric,
    RubricError,
    load_file,
    packaged_rubrics,
    resolve,
    to_document,
)
from partnerpath.core.rubric.model import Indicator, Level, RuleKind
from partnerpath.core.wording import plural


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `rubric list`, `rubric validate FILE` and `rubric show NAME|FILE` to the main CLI."""
    rubric = subparsers.add_parser(
        "rubric",
        help="list, validate and show assessment rubrics",
        description="Assessment rubrics (maturity-v1, pse-readiness-v1, and your own files). "
        "See docs/rubrics.md for the file format.",
    )
    actions = rubric.add_subparsers(dest="rubric_command", metavar="ACTION")
    actions.required = True
    listing = actions.add_parser("list", help="list the rubrics shipped with PartnerPath")
    listing.set_defaults(handler=run_list, needs_django=False)
    validate = actions.add_parser(
        "validate",
        help="check a rubric file and report every problem with its location",
        description="Check a rubric file (YAML, or JSON by its .json suffix). Prints each problem "
        "as FILE:LINE: LOCATION: MESSAGE and exits with 2 when there is any; prints a summary "
        "and exits with 0 when the file is valid.",
    )
    validate.add_argument("file", type=Path, help="rubric file (.yaml, .yml or .json)")
    validate.set_defaults(handler=run_validate, needs_django=False)
    show = actions.add_parser(
        "show",
        help="show a rubric: its levels or sections, indicators, weights and offers",
        description="Show a packaged rubric by key (maturity-v1) or name (newest version), or a "
        "rubric file.",
    )
    show.add_argument("rubric", metavar="NAME|FILE")
    show.add_argument("--format", choices=("text", "yaml", "json"), default="text")
    show.set_defaults(handler=run_show, needs_django=False)


def run_list(args: argparse.Namespace) -> int:
    """One line per packaged rubric: key, rule, indicator count, title."""
    for rubric in packaged_rubrics():
        count = sum(1 for _ in rubric.indicators())
        print(f"{rubric.key:<22} {rubric.rule.kind:<18} {count:>3} indicators  {rubric.title}")
    return 0


def run_validate(args: argparse.Namespace) -> int:
    """Check one file; each problem on its own line (stderr), then exit 2; else a summary."""
    path: Path = args.file
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    try:
        rubric = load_file(path)
    except RubricError as exc:
        for problem in exc.problems:
            line = f":{problem.line}" if problem.line else ""
            print(f"{path}{line}: {problem.path}: {problem.message}", file=sys.stderr)
        raise CommandError(
            f"{path}: invalid rubric, {plural(len(exc.problems), 'problem')}; it will not load"
        ) from None
    print(f"{path}: valid rubric {rubric.key} ({summary(rubric)})")
    return 0


def summary(rubric: Rubric) -> str:
    """`ladder, 4 levels above level 0, 24 indicators, threshold 75%, ...`."""
    count = sum(1 for _ in rubric.indicators())
    scales = ", ".join(rubric.scales)
    if rubric.rule.kind is RuleKind.LADDER:
        base = rubric.base_level.level if rubric.base_level else 0
        return (
            f"ladder, {len(rubric.levels)} levels above level {base}, {count} indicators, "
            f"threshold {rubric.rule.threshold:g}%, min answered {rubric.rule.min_answered:g}%, "
            f"scales: {scales}"
        )
    return (
        f"weighted_sections, {len(rubric.sections)} sections, {count} indicators, "
        f"weak below {rubric.rule.weak_below:g}, scales: {scales}"
    )


def run_show(args: argparse.Namespace) -> int:
    """Print the rubric as readable text, or as its YAML/JSON document."""
    try:
        rubric = resolve(args.rubric)
    except RubricError as exc:
        raise CommandError(
            f"{exc.source}: invalid rubric ({plural(len(exc.problems), 'problem')}); "
            "run `partnerpath rubric validate` on it"
        ) from None
    except KeyError as exc:
        raise CommandError(str(exc.args[0])) from None
    if args.format == "yaml":
        print(yaml.safe_dump(to_document(rubric), sort_keys=False, allow_unicode=True), end="")
    elif args.format == "json":
        print(json.dumps(to_document(rubric), indent=2, ensure_ascii=False))
    else:
        print("\n".join(render(rubric)))
    return 0


def _indicator_lines(ind: Indicator) -> list[str]:
    proof = ", evidence required" if ind.evidence_required else ""
    return [f"  - [{ind.id}] ({ind.weight:g}{proof}) {ind.question}", f"      {ind.guidance}"]


def _level_lines(level: Level, threshold: float | None) -> list[str]:
    head = f"Level {level.level}: {level.label}"
    if threshold is not None:
        head += f" (reached at {threshold:g}%)"
    lines = ["", head, f"  {level.description}"]
    for ind in level.indicators:
        lines += _indicator_lines(ind)
    lines += [f"  offer: {o}" for o in level.offers]
    lines += [f"  fits {f.label}: {f.reason}" for f in level.partnerships]
    return lines


def render(rubric: Rubric) -> list[str]:
    """The rubric as text an assessor can read from top to bottom."""
    lines = [f"{rubric.title} [{rubric.key}]", summary(rubric)]
    if rubric.derived_from:
        lines.append(f"derived from {rubric.derived_from}")
    if rubric.description:
        lines.append(rubric.description)
    for scale in rubric.scales.values():
        lines.append(f"Scale '{scale.name}':")
        for o in scale.options:
            points = "no points: unknown" if o.points is None else f"points {o.points:g}"
            lines.append(f"  {o.value} = {o.label} ({points}){': ' + o.anchor if o.anchor else ''}")
    if rubric.base_level is not None:
        lines += _level_lines(rubric.base_level, None)
    for level in rubric.levels:
        lines += _level_lines(level, level.threshold or rubric.rule.threshold)
    for section in rubric.sections:
        lines += ["", section.title]
        if section.description:
            lines.append(f"  {section.description}")
        for ind in section.indicators:
            lines += _indicator_lines(ind)
        lines += [f"  next step if weak: {s}" for s in section.next_steps]
    return lines
