"""The `partnerpath` command: serve the app, load the demo, import and export, screen names,
and reach Django's management commands."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "partnerpath.config.settings")
    import django

    django.setup()


def _manage(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["partnerpath manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The full command tree."""
    from partnerpath import (
        __version__,
        cli_lists,
        cli_matching,
        cli_reference,
        cli_registry,
        cli_rubric,
        cli_scorecard,
        cli_serve,
    )

    parser = argparse.ArgumentParser(
        prog="partnerpath",
        description="PartnerPath: find, vet, prioritise, build and monitor private-sector "
        "partnerships against forced labour and human trafficking.",
    )
    parser.add_argument("--version", action="version", version=f"partnerpath {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    cli_serve.register(sub)
    cli_registry.register(sub)
    cli_matching.register(sub)
    cli_rubric.register(sub)
    cli_scorecard.register(sub)
    cli_reference.register(sub)
    cli_lists.register(sub)
    manage = sub.add_parser(
        "manage",
        help="run a Django management command (e.g. migrate, createsuperuser, db_worker)",
        description="Run any Django management command: partnerpath manage migrate, "
        "partnerpath manage createsuperuser, partnerpath manage help.",
        add_help=False,
    )
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(handler=_manage, needs_django=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `partnerpath` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "needs_django", False):
        _setup_django()
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except CommandError as exc:
        print(f"partnerpath: error: {exc}", file=sys.stderr)
        return 2


class CommandError(Exception):
    """A problem the user can fix; printed without a traceback (exit code 2)."""
