"""Partnership figures for docs/performance.md.

Prints the median time and the SQL queries of the partnerships board with 500 partnerships and of
the timeline of one partnership with 2,000 events (page, CSV export and API), plus the overview
page of that partnership. Runs against a fresh throwaway database: SQLite in a temporary folder by
default, or PostgreSQL when BENCH_DATABASE_URL is set
(e.g. postgres://postgres@127.0.0.1:5432/partnerpath_bench; the database is created and dropped).

    .venv/bin/python bench/partnerships.py [--partnerships 500] [--events 2000] [--repeat 30]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from _django import prepare_database, setup, time_page

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

STAGES = [
    "identified",
    "cultivating",
    "co_creation",
    "agreement",
    "implementation",
    "review_and_learning",
    "sustained_scaled",
]
KINDS = ["stage_move", "concern", "meeting", "decision", "action", "health_check", "agreement"]


def _seed(n: int, events: int) -> tuple[object, int]:
    """n partnerships with two partners, their stage history, concerns, agreements and health
    checks, and one partnership with ``events`` timeline entries (bulk-inserted, not measured)."""
    from partnerpath.accounts.models import User
    from partnerpath.accounts.services import create_programme
    from partnerpath.partnerships import models as m
    from partnerpath.registry.models import Contact, Organisation

    user = User.objects.create_user("bench", password="bench-pass-123")
    programme = create_programme("Bench Programme", "bench", user)
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                programme=programme,
                name=f"Bench Org {i:05}",
                normalised_name=f"bench org {i:05}",
                kind="company" if i % 2 == 0 else "ngo",
            )
            for i in range(2 * n)
        ],
        batch_size=500,
    )
    contacts = Contact.objects.bulk_create(
        [Contact(programme=programme, organisation=o, name=f"Contact {o.pk}") for o in orgs],
        batch_size=500,
    )
    now = timezone.now()
    partnerships = m.Partnership.objects.bulk_create(
        [
            m.Partnership(
                programme=programme,
                title=f"Bench partnership {i:04}",
                stage=STAGES[i % len(STAGES)],
                stage_since=now - dt.timedelta(days=i % 90),
                partnership_type=["supporter", "csr_philanthropy", "shared_value"][i % 3],
                programme_point_person=user,
                started_on=(now - dt.timedelta(days=200)).date() if i % 7 >= 4 else None,
            )
            for i in range(n)
        ],
        batch_size=500,
    )
    partners = m.Partner.objects.bulk_create(
        [
            m.Partner(
                programme=programme,
                partnership=p,
                organisation=orgs[2 * i + k],
                role="company_partner" if k == 0 else "ngo",
                point_person=contacts[2 * i + k],
                preferred_type="shared_value" if (i + k) % 5 else "supporter",
            )
            for i, p in enumerate(partnerships)
            for k in (0, 1)
        ],
        batch_size=500,
    )
    changes = []
    for i, p in enumerate(partnerships):
        for step in range(i % len(STAGES) + 1):
            changes.append(
                m.StageChange(
                    programme=programme,
                    partnership=p,
                    from_stage=STAGES[step - 1] if step else "",
                    to_stage=STAGES[step],
                    kind="forward" if step else "created",
                    at=now - dt.timedelta(days=400 - 30 * step),
                    by=user,
                )
            )
    m.StageChange.objects.bulk_create(changes, batch_size=1000)
    m.Concern.objects.bulk_create(
        [
            m.Concern(
                programme=programme,
                partnership=p,
                raised_by=partners[2 * i],
                title=f"Concern {i}",
                category="reputation",
                is_deal_breaker=i % 4 == 0,
                status="open" if i % 3 else "resolved",
                resolution="" if i % 3 else "Settled in the workshop",
            )
            for i, p in enumerate(partnerships)
        ],
        batch_size=500,
    )
    m.Agreement.objects.bulk_create(
        [
            m.Agreement(programme=programme, partnership=p, cadence="quarterly")
            for i, p in enumerate(partnerships)
            if i % 7 >= 3
        ],
        batch_size=500,
    )
    checks = m.HealthCheck.objects.bulk_create(
        [
            m.HealthCheck(
                programme=programme, partnership=p, held_on=(now - dt.timedelta(days=100)).date()
            )
            for i, p in enumerate(partnerships)
            if i % 7 >= 4
        ],
        batch_size=500,
    )
    by_partnership = {p.pk: i for i, p in enumerate(partnerships)}
    m.HealthRating.objects.bulk_create(
        [
            m.HealthRating(
                programme=programme,
                health_check=c,
                partner=partners[2 * by_partnership[c.partnership_id]],
                aspect=aspect,
                light=["green", "amber", "red"][j % 3],
            )
            for c in checks
            for j, aspect in enumerate(["trust", "communication", "progress"])
        ],
        batch_size=1000,
    )
    busy = partnerships[4]
    m.TimelineEvent.objects.bulk_create(
        [
            m.TimelineEvent(
                programme=programme,
                partnership=busy,
                at=now - dt.timedelta(minutes=30 * j),
                kind=KINDS[j % len(KINDS)],
                summary=f"Event {j}: what happened, in a sentence of ordinary length.",
                detail="Detail of the event." if j % 2 else "",
                actor_label="bench",
                flagged=j % 50 == 0,
                recorded_at=now - dt.timedelta(minutes=30 * j),
            )
            for j in range(events)
        ],
        batch_size=1000,
    )
    return user, busy.pk


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--partnerships", type=int, default=500)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    prepare_database()
    print(
        f"database: {connection.vendor}; partnerships: {args.partnerships}; "
        f"timeline events: {args.events}; repeats: {args.repeat}"
    )
    user, busy = _seed(args.partnerships, args.events)
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=user)  # type: ignore[misc]
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    base = f"/p/bench/partnerships/{busy}"
    rows = [
        ("board (all partnerships)", "/p/bench/partnerships/", {}),
        ("timeline page (all events)", f"{base}/timeline/", {}),
        ("timeline CSV export", f"{base}/timeline/export/", {}),
        ("partnership overview", f"{base}/", {}),
        ("API timeline (first page)", f"/api/v1/partnerships/{busy}/timeline/", auth),
        ("API partnership list", "/api/v1/partnerships/", auth),
    ]
    print(f"{'what':32} {'median ms':>10} {'queries':>8}")
    for label, url, headers in rows:
        median, queries = time_page(client, url, args.repeat, **headers)
        print(f"{label:32} {median:10.1f} {queries:8d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
