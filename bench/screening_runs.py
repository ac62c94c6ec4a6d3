"""Screening figures for docs/screening.md: importing the real OFAC SDN (2021, with aliases) and
UN consolidated lists through the `partnerpath lists import` command, building the index, and
screening 100 organisations with 2 key individuals each against both.

Runs against a fresh throwaway database: SQLite in a temporary folder by default, or PostgreSQL
when BENCH_DATABASE_URL is set (that database is dropped and created afresh). Needs
../shared/data.

    .venv/bin/python bench/screening_runs.py [--organisations 100] [--people 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from _django import prepare_database, setup

setup()

from django.db import connections  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "watchlists"
LISTS = [
    ("OFAC SDN", DATA / "ofac_sdn_2021", ["--published", "2021-07-07"]),
    ("UN consolidated", DATA / "un_consolidated_2026" / "UN_consolidated.xml", []),
]
PREFIXES = [
    "Siam",
    "Mekong",
    "Golden",
    "Pacific",
    "Asia",
    "Ocean",
    "Green",
    "Royal",
    "United",
    "Lanna",
    "Delta",
    "Star",
    "Sunrise",
    "Andaman",
    "Java",
]
TRADES = [
    "Seafood",
    "Garment",
    "Rice",
    "Timber",
    "Shipping",
    "Poultry",
    "Rubber",
    "Sugar",
    "Textile",
    "Fishing",
    "Logistics",
    "Palm Oil",
    "Electronics",
    "Manpower",
    "Builders",
]
FORMS = ["Co., Ltd.", "Public Company Limited", "Sdn Bhd", "JSC", "Pte Ltd", "Group", "Tbk"]
FIRST = [
    "Somchai",
    "Nguyen Van",
    "Siti",
    "Aung",
    "Maria",
    "Budi",
    "Ahmad",
    "Linh",
    "Sokha",
    "Rizal",
    "Mei",
    "Arjun",
    "Thida",
    "Hoang",
    "Nurul",
]
LAST = [
    "Srisuk",
    "Tran",
    "Rahman",
    "Kyaw",
    "Santos",
    "Wijaya",
    "Ismail",
    "Pham",
    "Chan",
    "Reyes",
    "Lim",
    "Sharma",
    "Win",
    "Le",
    "Hassan",
]
COUNTRIES = ["TH", "VN", "MY", "MM", "PH", "ID", "KH", "SG"]
# A few names from the lists themselves, so the run records hits as a real one would.
LISTED_ORGS = ["Aerocaribbean Airlines", "Korea Mining Development Trading Corporation"]
LISTED_PEOPLE = [("Usama bin Laden", "SA"), ("Eric Badege", "CD")]


def _import_with_the_command() -> None:
    """Each list through `partnerpath lists import`, in its own process, timed end to end."""
    env = {**os.environ, "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}
    for name, path, extra in LISTS:
        command = [
            sys.executable,
            "-m",
            "partnerpath",
            "lists",
            "import",
            str(path),
            "--name",
            name,
            "--no-rescreen",
            *extra,
        ]
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(done.stderr)
        print(f"import {name:18} {elapsed:6.2f} s  ({done.stdout.splitlines()[0]})")


def _seed(organisations: int, people: int) -> object:
    from partnerpath.accounts.models import User
    from partnerpath.accounts.services import create_programme
    from partnerpath.registry.models import KeyIndividual, Organisation

    user = User.objects.create_user("bench", password="bench-pass-123")
    programme = create_programme("Bench Programme", "bench", user)
    for i in range(organisations):
        listed = i < len(LISTED_ORGS)
        name = (
            LISTED_ORGS[i]
            if listed
            else (
                f"{PREFIXES[i % 15]} {TRADES[(i * 7) % 15]} {FORMS[i % 7]}"
                + (f" {i // 105 + 1}" if i >= 105 else "")
            )
        )
        org = Organisation.objects.create(
            programme=programme,
            name=name,
            kind="company",
            hq_country="" if listed else COUNTRIES[i % 8],
        )
        for j in range(people):
            n = i * people + j
            person, nationality = (
                LISTED_PEOPLE[n]
                if n < len(LISTED_PEOPLE)
                else (f"{FIRST[n % 15]} {LAST[(n * 4) % 15]}", COUNTRIES[n % 8])
            )
            KeyIndividual.objects.create(
                programme=programme, organisation=org, name=person, nationality=nationality
            )
    return programme


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--organisations", type=int, default=100)
    parser.add_argument("--people", type=int, default=2, help="key individuals per organisation")
    args = parser.parse_args()
    if not DATA.is_dir():
        raise SystemExit(f"{DATA} is absent: this benchmark needs ../shared/data")
    prepare_database()
    print(f"database: {connections['default'].vendor}; cpus: {os.cpu_count()}")
    _import_with_the_command()

    from partnerpath.screening import lists, services

    programme = _seed(args.organisations, args.people)
    versions = services.current_versions()
    start = time.perf_counter()
    index = services.index_for(versions)
    print(
        f"index of {len(index)} names from {sum(v.entity_count for v in versions)} entries: "
        f"{time.perf_counter() - start:.2f} s (once per process and list versions)"
    )
    for label in ("first run", "second run"):
        if label == "first run":
            lists._index_cache.clear()  # the first screening of a process builds the index
        start = time.perf_counter()
        screening = services.start_screening(programme)  # type: ignore[arg-type]
        elapsed = time.perf_counter() - start
        subjects = screening.total_count * (1 + args.people)
        print(
            f"screen {screening.total_count} organisations + {screening.total_count * args.people}"
            f" key individuals, {label}: {elapsed:.2f} s ({subjects / elapsed:.0f} names/s), "
            f"{screening.hit_count} hits, status {screening.status}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
