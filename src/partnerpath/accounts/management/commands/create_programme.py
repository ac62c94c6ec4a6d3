"""`partnerpath manage create_programme NAME SLUG --admin USERNAME`: a programme and its admin."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from partnerpath.accounts.models import User
from partnerpath.accounts.services import create_programme
from partnerpath.audit.context import acting_as


class Command(BaseCommand):
    help = "Create a programme (workspace) and make an existing user its admin."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "name", help="the programme's name, e.g. 'Mekong Region CTIP Programme'"
        )
        parser.add_argument("slug", help="short name used in web addresses, e.g. mekong")
        parser.add_argument(
            "--admin", required=True, help="username of the programme's first admin"
        )
        parser.add_argument("--description", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["admin"]).first()
        if user is None:
            raise CommandError(
                f"No user {options['admin']!r}. "
                "Create one first: partnerpath manage createsuperuser"
            )
        try:
            with acting_as(None, label="create_programme command"):
                programme = create_programme(
                    options["name"], options["slug"], user, options["description"]
                )
        except IntegrityError:
            raise CommandError(
                f"A programme with the slug {options['slug']!r} exists already."
            ) from None
        self.stdout.write(f"Created {programme.name} (/p/{programme.slug}/) with {user} as admin.")
