"""`partnerpath import ...` and `partnerpath export ...`: organisations and contacts from and to
CSV or XLSX files, and the engagement log to a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from partnerpath.cli import CommandError
from partnerpath.core.wording import plural

_IMPORT_KINDS = {
    "organisations": "organisations (an XLSX workbook may add a Contacts sheet)",
    "contacts": "contacts, each naming an organisation already in the programme",
}
_EXPORT_KINDS = {
    "organisations": "organisations, with every column the importer reads",
    "contacts": "contacts, with their organisation's name and HQ country",
    "interactions": "the engagement log, with follow-ups",
}
_DUPLICATES = ("merge", "create", "skip")


def _programme(slug: str) -> Any:
    from partnerpath.accounts.models import Programme

    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        known = ", ".join(Programme.objects.values_list("slug", flat=True)[:20]) or "none yet"
        raise CommandError(f"no programme {slug!r} (programmes: {known}).")
    return programme


def _member(username: str, programme: Any) -> Any:
    from partnerpath.accounts.models import Membership

    membership = (
        Membership.objects.select_related("user")
        .filter(programme=programme, user__username=username)
        .first()
    )
    if membership is None:
        raise CommandError(f"{username!r} is not a member of programme {programme.slug!r}.")
    if not membership.can_edit:
        raise CommandError(f"{username!r} may read but not change programme {programme.slug!r}.")
    return membership.user


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror or exc}.") from None


def _import(args: argparse.Namespace) -> int:
    from partnerpath.registry import imports

    programme = _programme(args.programme)
    user = _member(args.as_user, programme) if args.as_user else None
    data = _read(args.file)
    try:
        plan, outcome = imports.import_file(
            programme,
            args.import_kind,
            args.file.name,
            data,
            default=args.on_duplicate,
            user=user,
            label=None if user else "command line",
            dry_run=args.dry_run,
        )
    except imports.ImportFileError as exc:
        raise CommandError(f"{args.file}: {exc} Nothing was imported.") from None
    except imports.ImportRejected as exc:
        for problem in exc.problems:
            print(f"{args.file.name}: {problem}", file=sys.stderr)
        raise CommandError(
            f"{plural(len(exc.problems), 'problem')} in {args.file}; nothing was imported."
        ) from None
    for note in plan.notes:
        print(f"note: {note}")
    for row in plan.duplicates:
        names = ", ".join(f"{name} (#{pk})" for pk, name in row.matches)
        print(f"{row.sheet} row {row.parsed.number}: {row.name} may duplicate {names}")
    if outcome is None:
        if args.on_duplicate == "merge":
            for merge in imports.merge_preview(plan).values():
                for item in merge["fields"]:
                    print(
                        f"{merge['sheet']} row {merge['row']} would merge into {merge['target']}: "
                        f"{item['sentence']}"
                    )
        print(
            f"Dry run: {plural(len(plan.rows), 'row')} without problems, "
            f"{plural(len(plan.duplicates), 'possible duplicate')} (would {args.on_duplicate}). "
            "Nothing was written."
        )
        return 0
    for sheet, counts in outcome.counts.items():
        print(
            f"{sheet}: {counts['created']} created, {counts['merged']} merged, "
            f"{counts['skipped']} skipped."
        )
    for merge in outcome.merges:
        for item in merge["fields"]:
            where = f"{merge['sheet']} row {merge['row']} merged into {merge['target']}"
            print(f"{where}: {item['sentence']}")
    return 0


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.file == "-":
        return "csv"  # standard output: CSV unless --format says otherwise
    suffix = Path(args.file).suffix.lower().lstrip(".")
    if suffix not in ("csv", "xlsx"):
        raise CommandError(f"cannot tell the format from {args.file!r}; add --format csv or xlsx.")
    return suffix


def _export(args: argparse.Namespace) -> int:
    from partnerpath.engagement.services import interactions_of
    from partnerpath.registry import exports, services
    from partnerpath.registry.models import Contact

    fmt = _format(args)
    programme = _programme(args.programme)
    if args.export_kind == "organisations":
        flt = services.OrganisationFilter(
            search=args.search, kind=args.kind, sector=args.sector, country=args.country.upper()
        )
        wrong = flt.problems()
        if wrong:
            raise CommandError(
                " ".join(f"--{name}: {problem}" for name, problem in wrong.items())
                + " Nothing was written."
            )
        qs = services.filter_organisations(services.organisations_of(programme), flt)
        table = exports.organisation_table(qs)
    elif args.export_kind == "contacts":
        table = exports.contact_table(Contact.objects.filter(programme=programme))
    else:
        table = exports.interaction_table(interactions_of(programme))
    data = exports.render(fmt, [table])
    if args.file == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        try:
            Path(args.file).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"cannot write {args.file}: {exc.strerror or exc}.") from None
    print(f"Wrote {len(table.rows)} {args.export_kind} to {args.file}.", file=sys.stderr)
    return 0


def _add_import(sub: Any) -> None:
    parser = sub.add_parser(
        "import",
        help="import organisations or contacts from a CSV or XLSX file",
        description="Import organisations or contacts from a CSV (UTF-8) or XLSX file. Every row "
        "is checked first; when any row has a problem, each is printed and nothing is written "
        "(exit code 2). Otherwise all rows are written in one transaction. "
        "See docs/import-export.md.",
    )
    kinds = parser.add_subparsers(dest="import_kind", metavar="WHAT")
    kinds.required = True
    for kind, what in _IMPORT_KINDS.items():
        cmd = kinds.add_parser(kind, help=f"import {what}", description=f"Import {what}.")
        cmd.add_argument("file", metavar="FILE", type=Path, help="a .csv or .xlsx file")
        cmd.add_argument(
            "--programme", required=True, metavar="SLUG", help="programme to import into"
        )
        cmd.add_argument(
            "--dry-run", action="store_true", help="check the file and report, write nothing"
        )
        cmd.add_argument(
            "--on-duplicate",
            choices=_DUPLICATES,
            default="skip",
            help="what to do with rows that may duplicate an existing record: merge into it (fill "
            "its empty fields), create a new one anyway, or skip the row (default: skip)",
        )
        cmd.add_argument(
            "--as",
            dest="as_user",
            metavar="USERNAME",
            help="member to record in history as having made the changes (default: 'command line')",
        )
        cmd.set_defaults(handler=_import, needs_django=True)


def _add_export(sub: Any) -> None:
    parser = sub.add_parser(
        "export",
        help="export organisations, contacts or interactions to a CSV or XLSX file",
        description="Export a programme's organisations, contacts or engagement log. Organisation "
        "and contact files use the importer's columns, so they can be imported again.",
    )
    kinds = parser.add_subparsers(dest="export_kind", metavar="WHAT")
    kinds.required = True
    for kind, what in _EXPORT_KINDS.items():
        cmd = kinds.add_parser(kind, help=f"export {what}", description=f"Export {what}.")
        cmd.add_argument(
            "file",
            metavar="FILE",
            help="file to write (.csv or .xlsx); - for standard output (CSV unless --format)",
        )
        cmd.add_argument("--programme", required=True, metavar="SLUG", help="programme to export")
        cmd.add_argument(
            "--format",
            choices=("csv", "xlsx"),
            help="file format (default: from FILE's extension; CSV for -)",
        )
        if kind == "organisations":
            cmd.add_argument("--search", default="", help="only names/identifiers containing this")
            cmd.add_argument("--kind", default="", help="only this kind (e.g. company, ngo)")
            cmd.add_argument("--sector", default="", help="only this sector (e.g. fisheries)")
            cmd.add_argument(
                "--country", default="", help="only organisations in this country (TH)"
            )
        cmd.set_defaults(handler=_export, needs_django=True)


def register(sub: Any) -> None:
    """Add `import` and `export` to the command tree."""
    _add_import(sub)
    _add_export(sub)
