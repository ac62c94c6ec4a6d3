"""The `partnerpath compare` and `partnerpath screen` commands (watch-list screening)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from partnerpath.core.matching.entities import Entity, make_entity, parse_birth_date
from partnerpath.core.matching.index import DISPLAY_CUTOFF, ScreeningIndex
from partnerpath.core.matching.scoring import DEFAULT_THRESHOLD, compare
from partnerpath.core.matching.sources import LoadedList, SourceError, load_source
from partnerpath.core.wording import noun

EXIT_BAD_INPUT = 2


class InputError(Exception):
    """Bad input the user can fix; reported in one line with exit code 2."""


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `compare` and `screen` subcommands to the main CLI."""
    cmp_parser = subparsers.add_parser(
        "compare",
        help="score pairs of names (CSV with schema,name1,name2)",
        description="Score pairs of names. Input columns: schema,name1,name2 (optional country1, "
        "country2; other columns pass through). Adds score (0-1, 4 decimals), match (true when "
        "score >= threshold) and explanation. With --output, the file appears only when every "
        "pair was scored.",
    )
    cmp_parser.add_argument("pairs", type=Path, help="CSV file of name pairs")
    cmp_parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    cmp_parser.add_argument("--output", type=Path, help="write here instead of standard output")
    cmp_parser.set_defaults(func=run_compare, handler=run_compare, needs_django=False)

    screen = subparsers.add_parser(
        "screen",
        help="screen names against watch lists",
        description="Screen queries (CSV id,name,schema; optional country, aliases ';'-separated, "
        "birth_date (YYYY-MM-DD, YYYY-MM, YYYY or DD/MM/YYYY), registration_number) against one "
        "or more lists: an OFAC legacy "
        "CSV folder, a UN consolidated XML, an OpenSanctions FtM JSON-lines or "
        "targets.simple.csv file, or a generic CSV (id,name,schema,country,aliases). Writes "
        "one row per list entry scoring at least 0.5 (or the threshold, if lower): query_id, "
        "list, list_date, list_date_source (published, or file_modified for lists without a "
        "date), entity_id, matched_name, score, match (score >= threshold), explanation. See "
        "docs/cli.md.",
    )
    screen.add_argument("queries", type=Path, help="CSV file of names to screen")
    screen.add_argument(
        "--list",
        dest="lists",
        action="append",
        required=True,
        type=Path,
        metavar="SOURCE",
        help="list source (repeat for several)",
    )
    screen.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    screen.add_argument("--format", choices=("csv", "json"), default="csv")
    screen.add_argument("--output", type=Path, help="write here instead of standard output")
    screen.set_defaults(func=run_screen, handler=run_screen, needs_django=False)


def _check_threshold(value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise InputError(f"--threshold must be between 0 and 1, got {value}")


def _read_csv(path: Path, required: tuple[str, ...]) -> tuple[list[str], list[dict[str, str]]]:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip() for f in reader.fieldnames or []]
    missing = [c for c in required if c not in [f.lower() for f in fields]]
    if missing:
        raise InputError(
            f"{path}: missing {noun(len(missing), 'column')} {', '.join(missing)}; "
            f"expected {','.join(required)}"
        )
    reader.fieldnames = fields
    rows = [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in reader]
    return fields, rows


def _get(row: dict[str, str], name: str) -> str:
    for key, value in row.items():
        if key.lower() == name:
            return value
    return ""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a temporary file in the output's folder that takes the output's name
    only once everything is written: a run that fails leaves no output file, and an existing one
    as it was."""
    if path is None:
        yield sys.stdout
        return
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from exc
    temp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            os.chmod(temp, 0o666 & ~_umask())  # the mode a plain open() would give
            yield handle
        try:
            os.replace(temp, path)
        except OSError as exc:
            raise InputError(f"{path}: cannot write ({exc.strerror})") from exc
    finally:
        temp.unlink(missing_ok=True)


def run_compare(args: argparse.Namespace) -> int:
    """Score each pair of names in a CSV file."""
    try:
        _check_threshold(args.threshold)
        fields, rows = _read_csv(args.pairs, ("schema", "name1", "name2"))
        out_fields = [*fields, *(f for f in ("score", "match", "explanation") if f not in fields)]
        with _output(args.output) as out:
            writer = csv.DictWriter(out, fieldnames=out_fields, lineterminator="\n")
            writer.writeheader()
            for number, row in enumerate(rows, start=2):
                try:
                    result = compare(
                        _get(row, "schema"),
                        _get(row, "name1"),
                        _get(row, "name2"),
                        _get(row, "country1"),
                        _get(row, "country2"),
                        args.threshold,
                    )
                except ValueError as exc:
                    raise InputError(f"{args.pairs} line {number}: {exc}") from exc
                writer.writerow(
                    {
                        **row,
                        "score": f"{result.score:.4f}",
                        "match": str(result.match).lower(),
                        "explanation": result.explanation(),
                    }
                )
    except InputError as exc:
        print(f"partnerpath compare: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def _queries(path: Path) -> list[Entity]:
    _, rows = _read_csv(path, ("id", "name", "schema"))
    queries = []
    for number, row in enumerate(rows, start=2):
        if not _get(row, "name"):
            continue
        aliases = [a for a in _get(row, "aliases").split(";") if a.strip()]
        try:
            births = [parse_birth_date(d) for d in _get(row, "birth_date").split(";") if d.strip()]
        except ValueError as exc:
            raise InputError(f"{path} line {number}: birth_date {exc}") from exc
        try:
            queries.append(
                make_entity(
                    id=_get(row, "id") or f"row-{number}",
                    schema=_get(row, "schema") or "LegalEntity",
                    names=[_get(row, "name"), *aliases],
                    countries=[c for c in _get(row, "country").split(";") if c.strip()],
                    identifiers=[_get(row, "registration_number")]
                    if _get(row, "registration_number")
                    else [],
                    birth_dates=births,
                )
            )
        except ValueError as exc:
            raise InputError(f"{path} line {number}: {exc}") from exc
    return queries


class Progress:
    """A plain progress bar on standard error, shown only for long runs on a terminal."""

    def __init__(self, total: int, label: str) -> None:
        self.total, self.label = total, label
        self.start = time.monotonic()
        self.enabled = total >= 200 and sys.stderr.isatty()
        self.shown = -1

    def update(self, done: int) -> None:
        """Redraw the bar when the percentage changes."""
        if not self.enabled:
            return
        percent = done * 100 // max(self.total, 1)
        if percent != self.shown:
            self.shown = percent
            bar = "#" * (percent // 4)
            print(
                f"\r{self.label} [{bar:<25}] {percent:3d}% {done}/{self.total}",
                end="",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        """Finish the bar with the elapsed time."""
        if self.enabled:
            print(f" {time.monotonic() - self.start:.1f}s", file=sys.stderr)


PUBLISHED, FILE_MODIFIED = "published", "file_modified"
SCREEN_COLUMNS = (
    "query_id",
    "list",
    "list_date",
    "list_date_source",
    "entity_id",
    "matched_name",
    "score",
    "match",
    "explanation",
)


def list_date(loaded: LoadedList) -> tuple[str, str]:
    """The date of a list and where it comes from: the publication date the file carries, or,
    for files without one (OFAC's legacy CSV, a generic CSV), the file's modification date (of
    sdn.csv for an OFAC folder)."""
    if loaded.meta.publication_date:
        return loaded.meta.publication_date[:10], PUBLISHED
    path = Path(loaded.meta.path)
    if path.is_dir():
        path = path / "sdn.csv"
    try:
        modified = dt.date.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return "", ""
    return modified.isoformat(), FILE_MODIFIED


def run_screen(args: argparse.Namespace) -> int:
    """Screen each query against the given lists and write one row per candidate hit."""
    try:
        _check_threshold(args.threshold)
        queries = _queries(args.queries)
        loaded: list[LoadedList] = []
        for source in args.lists:
            try:
                loaded.append(load_source(source))
            except SourceError as exc:
                raise InputError(f"list {source}: {exc}") from exc
        indexes = [(lst, list_date(lst), ScreeningIndex.build(lst.entities)) for lst in loaded]
        records: list[dict[str, object]] = []
        progress = Progress(len(queries), "screening")
        for done, query in enumerate(queries, start=1):
            for lst, (date, date_source), index in indexes:
                cutoff = min(DISPLAY_CUTOFF, args.threshold)
                for hit in index.screen(query, threshold=args.threshold, cutoff=cutoff):
                    records.append(
                        {
                            "query_id": query.id,
                            "list": lst.meta.name,
                            "list_date": date,
                            "list_date_source": date_source,
                            "entity_id": hit.entity.id,
                            "matched_name": hit.result.matched_name,
                            "score": round(hit.result.score, 4),
                            "match": hit.result.match,
                            "explanation": hit.result.explanation(),
                            "result": hit.result.as_dict(),
                        }
                    )
            progress.update(done)
        progress.close()
        with _output(args.output) as out:
            if args.format == "json":
                json.dump(records, out, ensure_ascii=False, indent=2)
                out.write("\n")
            else:
                writer = csv.DictWriter(
                    out, fieldnames=SCREEN_COLUMNS, extrasaction="ignore", lineterminator="\n"
                )
                writer.writeheader()
                for record in records:
                    writer.writerow({**record, "match": str(record["match"]).lower()})
    except InputError as exc:
        print(f"partnerpath screen: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point (the main `partnerpath` CLI calls register instead)."""
    parser = argparse.ArgumentParser(prog="partnerpath")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
