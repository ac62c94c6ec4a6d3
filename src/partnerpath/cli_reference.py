"""`partnerpath reference import KIND FILE` and `partnerpath reference list`: the reference data
behind the inherent-risk profile (DOL List of Goods, TIP tier placements, prevalence estimates),
shared by every programme and kept as dated, checksummed versions."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from partnerpath.cli import CommandError
from partnerpath.core.wording import plural

_KINDS = {
    "dol-goods": "the DOL ILAB List of Goods (CSV/XLSX with good, country, child labor, forced "
    "labor ... columns, or DOL's goods XML)",
    "tip-tiers": "TIP Report tier placements (CSV/XLSX: country or iso, year, tier)",
    "prevalence": "prevalence per 1,000 population (the Global Slavery Index 2023 CSV, or "
    "country, prevalence per 1,000, year, source)",
}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _import(args: argparse.Namespace) -> int:
    from partnerpath.diligence import services

    path: Path = args.file
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}.") from None
    try:
        dataset = services.import_reference(
            args.reference_kind,
            path.name,
            data,
            edition=args.edition or "",
            source_name=args.source or "",
            published_on=args.published,
            label="command line",
        )
    except services.AlreadyImported as exc:
        print(f"{path.name}: {exc} Nothing was stored.")
        return 0
    except services.ReferenceFileError as exc:
        raise CommandError(f"{path}: {exc}") from None
    except services.ReferenceImportError as exc:
        raise CommandError(f"{path}: {exc} Nothing was imported.") from None
    for note in dataset.notes:
        print(f"note: {note}")
    print(
        f"Imported {plural(dataset.row_count, 'row')} as version {dataset.pk}: "
        f"{dataset.source_name}, "
        f"edition {dataset.edition} (sha256 {dataset.checksum[:12]}...)."
    )
    return 0


def _list(args: argparse.Namespace) -> int:
    from partnerpath.diligence import services

    rows = list(services.datasets())
    if not rows:
        print("No reference data imported yet. Use: partnerpath reference import KIND FILE")
        return 0
    in_force = services.in_force_ids()
    print("* = in force (used by the risk profiles now)")
    print(f"{'version':>8}  {'kind':<10}  {'edition':<10}  {'rows':>6}  {'imported':<10}  source")
    for d in rows:
        published = f" (published {d.published_on:%Y-%m-%d})" if d.published_on else ""
        mark = "*" if d.pk in in_force else " "
        print(
            f"{mark}{d.pk:>7}  {d.kind:<10}  {d.edition:<10}  {d.row_count:>6}  "
            f"{d.imported_at:%Y-%m-%d}  {d.source_name}{published}  [{d.file_name}, "
            f"sha256 {d.checksum[:12]}]"
        )
    return 0


def register(sub: Any) -> None:
    """Add `reference import` and `reference list` to the command tree."""
    parser = sub.add_parser(
        "reference",
        help="import and list country x goods risk reference data",
        description="Reference data shared by all programmes: the DOL List of Goods, TIP Report "
        "tiers and prevalence figures. Each import is stored as a new version with its edition, "
        "dates and checksum; a malformed file imports nothing. See docs/due-diligence.md.",
    )
    actions = parser.add_subparsers(dest="reference_action", metavar="ACTION")
    actions.required = True
    add = actions.add_parser("import", help="import a reference file as a new version")
    kinds = add.add_subparsers(dest="reference_kind", metavar="KIND")
    kinds.required = True
    for kind, what in _KINDS.items():
        cmd = kinds.add_parser(kind, help=f"import {what}", description=f"Import {what}.")
        cmd.add_argument("file", metavar="FILE", type=Path, help="the file to import")
        cmd.add_argument(
            "--edition",
            help="edition or year, e.g. 2024 (default: the years in the data or the file name)",
        )
        cmd.add_argument("--source", help="the source's name (default: the official name)")
        cmd.add_argument("--published", type=_date, help="publication date, YYYY-MM-DD")
        cmd.set_defaults(handler=_import, needs_django=True)
    listing = actions.add_parser("list", help="list the imported versions, newest first")
    listing.set_defaults(handler=_list, needs_django=True)
