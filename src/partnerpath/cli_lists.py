"""`partnerpath lists` (the stored watch lists and their versions) and `partnerpath lists import
SOURCE --name NAME` (store a new version from an official list file)."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path
from typing import Any

from partnerpath.cli import CommandError
from partnerpath.core.wording import plural

_SOURCES = (
    "an OFAC legacy CSV folder (sdn.csv with alt.csv and add.csv), a UN Security Council "
    "consolidated list XML, an OpenSanctions FollowTheMoney JSON-lines or targets.simple.csv "
    "file, or a generic CSV with columns id,name,schema,country,aliases"
)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {value!r}") from None


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `lists` and `lists import` to the main command."""
    lists = subparsers.add_parser(
        "lists",
        help="show the stored watch lists and their versions; import a new version",
        description="Without a subcommand: every stored watch list with its versions (date of "
        "the list, entries, import time, checksum; * marks the current version). "
        "`partnerpath lists import SOURCE --name NAME` stores a new version.",
    )
    lists.set_defaults(handler=_show, needs_django=True)
    sub = lists.add_subparsers(dest="lists_command", metavar="SUBCOMMAND")
    imp = sub.add_parser(
        "import",
        help="store a new version of a watch list from an official file",
        description=f"Store a new version of a watch list. SOURCE is {_SOURCES}. The version "
        "keeps the list's publication date and the file's SHA-256 checksum; a file identical to "
        "the current version stores nothing. A malformed file (bad XML, wrong columns, wrong "
        "encoding) is refused with the reason and the stored versions stay as they were. After "
        "a new version, every programme's active organisations are queued for re-screening.",
    )
    imp.add_argument("source", type=Path, metavar="SOURCE", help="the list file or folder")
    imp.add_argument(
        "--name",
        required=True,
        help='the list\'s name, e.g. "OFAC SDN" or "UN consolidated"; importing under the same '
        "name again adds a new version of that list",
    )
    imp.add_argument(
        "--published",
        type=_date,
        metavar="YYYY-MM-DD",
        help="the list's publication date when the file carries none (OFAC's legacy CSV does "
        "not); default: the date in the file, else today's date, marked as the import date",
    )
    imp.add_argument(
        "--as",
        dest="as_user",
        metavar="USERNAME",
        help="user to record as having imported it (default: 'list import')",
    )
    imp.add_argument(
        "--force",
        action="store_true",
        help="store the file even when it holds no entries or is older than the version in "
        "force (a deliberate roll-back)",
    )
    imp.add_argument(
        "--no-rescreen",
        action="store_true",
        help="do not queue the re-screening of the programmes' active organisations",
    )
    imp.set_defaults(handler=_import, needs_django=True)


def _user(username: str | None) -> Any:
    if not username:
        return None
    from partnerpath.accounts.models import User

    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"no user {username!r}.")
    return user


def _import(args: argparse.Namespace) -> int:
    from partnerpath.core.matching.sources import SourceError
    from partnerpath.screening import services

    started = time.perf_counter()
    try:
        outcome = services.import_list(
            args.source,
            args.name,
            _user(args.as_user),
            published=args.published,
            rescreen=not args.no_rescreen,
            force=args.force,
        )
    except SourceError as exc:
        raise CommandError(
            f"{exc}. Nothing was stored; the versions of {args.name!r} already stored are "
            "untouched."
        ) from None
    except (services.ListNameError, services.ListImportRefused) as exc:
        raise CommandError(str(exc)) from None
    print(outcome.message)
    if outcome.created:
        print(f"{outcome.version.entity_count} entities in {time.perf_counter() - started:.1f} s.")
    if outcome.rescreenings:
        print(
            f"Re-screening queued for {plural(len(outcome.rescreenings), 'programme')}; the "
            "background "
            "worker (partnerpath manage db_worker) runs it."
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from partnerpath.screening import services

    lists = services.lists_with_versions()
    if not lists:
        print(
            "No watch lists stored yet. Add one with: partnerpath lists import SOURCE --name NAME"
        )
        return 0
    header = ("LIST", "LIST DATE", "ENTRIES", "IMPORTED", "FORMAT", "CHECKSUM")
    rows: list[tuple[str, ...]] = []
    for watch_list in lists:
        for v in watch_list.versions.all():
            rows.append(
                (
                    ("* " if v.is_current else "  ") + watch_list.name,
                    v.publication_date.isoformat()
                    + (" (imported)" if v.date_is_import_date else ""),
                    str(v.entity_count),
                    f"{timezone.localtime(v.imported_at):%Y-%m-%d %H:%M}",
                    v.source_format,
                    v.checksum,
                )
            )
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    print("* current version; (imported): the file carries no date, the import date stands in.")
    return 0
