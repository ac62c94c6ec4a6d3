"""Assessment figures for docs/performance.md: the portfolio pyramid page, unfiltered, listing a
level, and filtered by every sector and every country, and the company's self-assessment result
page with its anonymous benchmark for each of its sectors.

Seeds organisations with two sectors each (one for every 21st), a headquarters and two
countries of operation, an older and a latest final maturity assessment and, for every third, a
draft (drafts and older ones must not count), then counts the SQL queries of every page at 10,
200 and the full number of assessed organisations (they must not grow) and times each page at the
full number through Django's test client (the full request: middleware, session, access check,
queries, template). The `orgs` column is how many organisations the page counts (for the company
page: the size of each sector's group).
bench/rubric.py times the core: 10,000 maturity results from stored answers.

Runs against a fresh throwaway database: SQLite in a temporary folder by default, or PostgreSQL
when BENCH_DATABASE_URL is set (that database is dropped and created afresh).

    .venv/bin/python bench/assessments.py [--organisations 2000] [--repeat 10]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from typing import Any

from _django import prepare_database, setup

setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from partnerpath.registry.choices import Sector  # noqa: E402

SECTORS = [s.value for s in Sector]
COUNTRIES = ["TH", "VN", "KH", "LA", "MM", "MY", "ID", "PH"]
# Latest final level of organisation i: most companies sit low on the spectrum.
LEVELS = [0] * 3 + [1] * 7 + [2] * 6 + [3] * 3 + [4]
PYRAMID = "/p/bench/assessments/pyramid/"


def _two_sectors(i: int) -> list[str]:
    """Two sectors spread evenly over every sector (5 and 21 share no factor)."""
    n = len(SECTORS)
    return list(dict.fromkeys([SECTORS[i % n], SECTORS[(i * 5 + 2) % n]]))


def _grow(programme: Any, start: int, stop: int) -> None:
    """Organisations start..stop-1 with their assessments (bulk-inserted, not measured)."""
    from partnerpath.assessments.models import Assessment
    from partnerpath.registry.models import Organisation

    n = len(COUNTRIES)
    orgs = Organisation.objects.bulk_create(
        [
            Organisation(
                programme=programme,
                name=f"Bench Company {i:05}",
                kind="company",
                hq_country=COUNTRIES[i % n],
                countries_of_operation=[COUNTRIES[(i + 1) % n], COUNTRIES[(i + 3) % n]],
                sectors=_two_sectors(i),
            )
            for i in range(start, stop)
        ],
        batch_size=500,
    )
    today = dt.date.today()
    rows = []
    for i, org in zip(range(start, stop), orgs, strict=True):
        level = LEVELS[i % len(LEVELS)]

        def row(lv: int, on: dt.date, status: str = "final", org: Any = org) -> Any:
            return Assessment(
                programme=programme,
                organisation=org,
                rubric_key="maturity-v1",
                status=status,
                level=lv,
                confidence=60.0,
                assessed_on=on,
                result={"level": lv},
            )

        rows.append(row(max(level - 1, 0), today - dt.timedelta(days=400)))
        rows.append(row(level, today - dt.timedelta(days=i % 300)))
        if i % 3 == 0:
            rows.append(row(min(level + 1, 4), today, "draft"))
    Assessment.objects.bulk_create(rows, batch_size=500)


def _company_link(programme: Any, user: Any) -> str:
    """A submitted self-assessment of an organisation of two sectors; its result page's path."""
    from partnerpath.assessments import selfassess
    from partnerpath.core.rubric import load_packaged
    from partnerpath.registry.models import Organisation

    org = Organisation.objects.create(
        programme=programme, name="Self-assessing Co.", sectors=["fisheries", "apparel"]
    )
    link = selfassess.invite(org, user)
    given = {i.id: {"value": "met"} for i in load_packaged("maturity-v1").level(1).indicators}
    selfassess.submit(link, given)
    return f"/self-assessment/{link.token}/result/"


def _pages(result_page: str) -> list[tuple[str, str, str]]:
    """(group, label, path) of every measured page."""
    pages = [
        ("pyramid", "unfiltered", PYRAMID),
        ("pyramid", "listing level 1", PYRAMID + "?level=1"),
        (
            "pyramid",
            "fisheries, TH, listing level 2",
            PYRAMID + "?sector=fisheries&country=TH&level=2",
        ),
    ]
    pages += [("by sector", s, f"{PYRAMID}?sector={s}") for s in SECTORS]
    pages += [("by country", c, f"{PYRAMID}?country={c}") for c in COUNTRIES]
    pages.append(("company result", "benchmark for 2 sectors", result_page))
    return pages


def _queries(client: Client, path: str) -> tuple[int, str]:
    """The SQL queries of one request, and how many organisations the page counts."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    context = response.context or {}
    if "found" in context:
        shown = str(context["found"].total)
    else:
        shown = "+".join(str(b.group_size) for b in context.get("benchmarks", []))
    return len(ctx.captured_queries), shown


def _median_ms(client: Client, path: str, repeat: int) -> float:
    client.get(path)  # warm caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    setup_test_environment()
    prepare_database()
    from partnerpath.accounts.models import User
    from partnerpath.accounts.services import create_programme

    user = User.objects.create_user("bench", password="bench-pass-123")
    programme = create_programme("Bench Programme", "bench", user)
    member, company = Client(), Client()
    member.force_login(user)
    pages = _pages(_company_link(programme, user))
    clients = {p: company if g == "company result" else member for g, _, p in pages}

    sizes = sorted({10, 200, args.organisations})
    counts: dict[str, list[int]] = {p: [] for _, _, p in pages}
    shown: dict[str, str] = {}
    seeded = 0
    for size in sizes:
        _grow(programme, seeded, size)
        seeded = size
        for _, _, path in pages:
            queries, shown[path] = _queries(clients[path], path)
            counts[path].append(queries)

    print(
        f"database: {connection.vendor}; assessed organisations: {', '.join(map(str, sizes))}; "
        f"{len(SECTORS)} sectors, {len(COUNTRIES)} countries; repeats: {args.repeat}"
    )
    print(f"{'page':44} {'orgs':>9} {'median ms':>10}  queries at {' / '.join(map(str, sizes))}")
    constant = True
    by_group: dict[str, list[float]] = {}
    for group, label, path in pages:
        median = _median_ms(clients[path], path, args.repeat)
        by_group.setdefault(group, []).append(median)
        same = len(set(counts[path])) == 1
        constant &= same
        row = " / ".join(map(str, counts[path]))
        grows = "" if same else "  GROWS"
        print(f"{group + ': ' + label:44} {shown[path]:>9} {median:10.1f}  {row}{grows}")
    for group in ("by sector", "by country"):
        found = by_group[group]
        print(
            f"{group}: {len(found)} pages, median {statistics.median(found):.1f} ms, "
            f"slowest {max(found):.1f} ms"
        )
    print("queries constant as the portfolio grows: " + ("yes" if constant else "NO"))
    right = _check_counts(programme, seeded)
    return 0 if constant and right else 1


def _check_counts(programme: Any, seeded: int) -> bool:
    """The pyramid counts each organisation once, at its latest final level."""
    from collections import Counter

    from partnerpath.assessments.portfolio import PortfolioFilter, portfolio

    found = portfolio(programme, PortfolioFilter()).counts
    expected = Counter(LEVELS[i % len(LEVELS)] for i in range(seeded))
    ok = found == dict(expected)
    print(
        f"pyramid counts per level {dict(sorted(found.items()))}: " + ("right" if ok else "WRONG")
    )
    return ok


if __name__ == "__main__":
    sys.exit(main())
