"""Benchmark the spreadsheet import: a 5,000-row organisations CSV with every profile column filled.

Run from the repository root (uses a throwaway SQLite database unless BENCH_DATABASE_URL is set;
that database is dropped and created afresh):

    .venv/bin/python bench/import_5000.py [--rows 5000]

It prints the time to check the file (the preview) and to import it (check + one transaction
that writes every organisation and its history entry), the way `partnerpath import` does, then the
same file again into the now-full programme with every row a possible duplicate (merge).
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import time

from _django import prepare_database, setup

SECTORS = ["fisheries", "Construction", "Hospitality and tourism", "technology", "agriculture"]
COUNTRIES = ["TH", "Viet Nam", "KH", "Myanmar", "LA", "MY", "ID", "PH"]


def make_csv(rows: int) -> bytes:
    """An organisations CSV with every column the importer reads."""
    from partnerpath.registry.imports import columns_for

    headers = [c.header for c in columns_for("organisations")]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers)
    for i in range(rows):
        values = {
            "Name": f"Benchmark Seafood {i:05} Co., Ltd.",
            "Kind": "Company",
            "Active": "yes",
            "HQ country": COUNTRIES[i % len(COUNTRIES)],
            "Countries of operation": "; ".join(COUNTRIES[i % 3 : i % 3 + 3]),
            "Countries of sourcing": "KH, MM",
            "Sectors": f"{SECTORS[i % 5]}; {SECTORS[(i + 1) % 5]}",
            "Size": "Large (250-4,999)",
            "Employees": f"{(i * 37) % 5000 + 1:,}",
            "Registration number": f"0105{i:07}",
            "Registration jurisdiction": "Thailand",
            "Website": f"www.bench{i}.example",
            "Check in every (days)": "60",
        }
        row = [values.get(h, f"{h} of organisation {i}: desk research notes.") for h in headers]
        row[headers.index("LEI")] = ""
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()

    setup()
    prepare_database()
    from partnerpath.accounts.models import User
    from partnerpath.accounts.services import create_programme
    from partnerpath.registry import imports
    from partnerpath.registry.models import Organisation

    user = User.objects.create_user("bench", password="bench-password-1")
    programme = create_programme("Benchmark", "bench", user)
    data = make_csv(args.rows)
    engine = os.environ["DATABASE_URL"].split(":")[0]
    print(f"file: {args.rows:,} rows, {len(data) / 1024 / 1024:.1f} MB, database {engine}")

    start = time.perf_counter()
    plan = imports.plan_import(programme, "organisations", "bench.csv", data)
    checked = time.perf_counter() - start
    assert not plan.problems, plan.problems[:5]
    print(f"check (preview) of {len(plan.rows):,} rows: {checked:.2f} s")

    start = time.perf_counter()
    _, outcome = imports.import_file(programme, "organisations", "bench.csv", data, user=user)
    imported = time.perf_counter() - start
    assert outcome is not None
    print(
        f"import (check + write, one transaction): {imported:.2f} s, "
        f"{outcome.total('created'):,} created, "
        f"{Organisation.objects.filter(programme=programme).count():,} in the programme"
    )

    start = time.perf_counter()
    _, outcome = imports.import_file(
        programme, "organisations", "bench.csv", data, user=user, default="merge"
    )
    again = time.perf_counter() - start
    assert outcome is not None
    print(
        f"same file again, every row a possible duplicate (merge): {again:.2f} s, "
        f"{outcome.total('merged'):,} merged"
    )


if __name__ == "__main__":
    main()
