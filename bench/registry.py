"""Registry figures for docs/performance.md.

Prints the median time of the organisation list page and of the API list with 5,000 organisations,
and the SQL queries each runs (bench/import_5000.py measures the 5,000-row import).
Runs against a fresh throwaway database: SQLite in a temporary folder by default, or
PostgreSQL when BENCH_DATABASE_URL is set
(e.g. postgres://postgres@127.0.0.1:5432/partnerpath_bench; the database is created and dropped).

    .venv/bin/python bench/registry.py [--organisations 5000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import sys

from _django import prepare_database, setup, time_page

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

SECTORS = [
    "fisheries",
    "construction",
    "hospitality",
    "technology",
    "agriculture",
    "apparel",
    "recruitment",
]
COUNTRIES = ["TH", "VN", "KH", "LA", "MM", "MY", "ID", "PH"]
KINDS = ["company"] * 6 + ["association", "ngo", "recruitment"]


def _seed(n: int) -> tuple[object, object]:
    """n organisations with a contact and an interaction each, bulk-inserted (not measured)."""
    import datetime as dt

    from partnerpath.accounts.models import User
    from partnerpath.accounts.services import create_programme
    from partnerpath.core.names import normalise_org_name
    from partnerpath.engagement.models import Interaction
    from partnerpath.registry.models import Contact, Organisation

    user = User.objects.create_user("bench", password="bench-pass-123")
    programme = create_programme("Bench Programme", "bench", user)
    orgs = [
        Organisation(
            programme=programme,
            name=f"Bench Company {i:05} Co., Ltd.",
            normalised_name=normalise_org_name(f"Bench Company {i:05}"),
            kind=KINDS[i % len(KINDS)],
            hq_country=COUNTRIES[i % len(COUNTRIES)],
            countries_of_operation=[
                COUNTRIES[(i + 1) % len(COUNTRIES)],
                COUNTRIES[(i + 3) % len(COUNTRIES)],
            ],
            sectors=[SECTORS[i % len(SECTORS)], SECTORS[(i * 7 + 2) % len(SECTORS)]],
            reputation="Seeded for the benchmark",
        )
        for i in range(n)
    ]
    Organisation.objects.bulk_create(orgs, batch_size=500)
    orgs = list(Organisation.objects.filter(programme=programme).order_by("pk"))
    Contact.objects.bulk_create(
        [Contact(programme=programme, organisation=o, name=f"Contact {o.pk}") for o in orgs],
        batch_size=500,
    )
    today = dt.date.today()
    items = Interaction.objects.bulk_create(
        [
            Interaction(
                programme=programme,
                occurred_on=today - dt.timedelta(days=i % 500),
                title=f"Call {i}",
                kind="call",
            )
            for i in range(n)
        ],
        batch_size=500,
    )
    through = Interaction.organisations.through
    through.objects.bulk_create(
        [through(interaction_id=it.pk, organisation_id=orgs[i].pk) for i, it in enumerate(items)],
        batch_size=500,
    )
    return user, programme


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    prepare_database()
    print(
        f"database: {connection.vendor}; organisations: {args.organisations}; "
        f"repeats: {args.repeat}"
    )
    user, _programme = _seed(args.organisations)
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=user)  # type: ignore[misc]
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    rows = [
        ("organisation list page", "/p/bench/organisations/", {}),
        (
            "organisation list page, filtered",
            "/p/bench/organisations/?sector=fisheries&country=VN",
            {},
        ),
        ("organisation list page, last page", "/p/bench/organisations/?page=100", {}),
        ("API organisation list", "/api/v1/organisations/", auth),
        (
            "API organisation list, filtered",
            "/api/v1/organisations/?sector=fisheries&country=VN",
            auth,
        ),
    ]
    print(f"{'what':40} {'median ms':>10} {'queries':>8}")
    for label, url, headers in rows:
        median, queries = time_page(client, url, args.repeat, **headers)
        print(f"{label:40} {median:10.1f} {queries:8d}")
    print("(the 5,000-row import is measured by bench/import_5000.py)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
