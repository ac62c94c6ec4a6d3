"""Set-up shared by the benchmarks that use Django: a throwaway database with bench-only settings,
a fresh schema, and the median time and SQL queries of one page."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.test import Client

ROOT = Path(__file__).resolve().parents[1]


def setup() -> Path:
    """Set Django up on a throwaway database and bench-only settings; returns the temp folder."""
    # SQLite in a new temporary folder, or the PostgreSQL database named by BENCH_DATABASE_URL.
    tmp = Path(tempfile.mkdtemp(prefix="partnerpath-bench-"))
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}"
    )
    os.environ.setdefault(
        "SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    )
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ["DJANGO_SETTINGS_MODULE"] = "partnerpath.config.test_settings"
    os.environ["PARTNERPATH_VAR_DIR"] = str(tmp)
    sys.path.insert(0, str(ROOT / "src"))  # runs from a checkout without an installed package
    warnings.filterwarnings("ignore", message="No directory at")  # static files are not served

    import django

    django.setup()
    return tmp


def prepare_database() -> None:
    """Create the schema: on PostgreSQL the database is dropped and created afresh first."""
    from django.core.management import call_command
    from django.db import connections

    if os.environ["DATABASE_URL"].startswith("postgres"):
        name = connections["default"].settings_dict["NAME"]
        with connections["default"]._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
    call_command("migrate", verbosity=0, interactive=False)


def time_page(client: Client, url: str, repeat: int, **headers: Any) -> tuple[float, int]:
    """The median time in ms of `repeat` requests of a page after a warm-up, and its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, **headers)  # warm caches and connections
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url, **headers)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url, **headers)
    return statistics.median(times) * 1000, len(ctx.captured_queries)
