"""Running service calls at the same moment in threads, each with its own database connection,
for the PostgreSQL concurrency tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from django.db import connections


def race(*calls: Callable[[], Any], stagger: float = 0.0) -> list[tuple[str, Any]]:
    """Run the calls at once in threads (each with its own connection); each call's outcome is
    ("ok", value) or ("error", exception). Call i starts i x `stagger` seconds after the first."""
    start = threading.Barrier(len(calls))
    outcomes: list[tuple[str, Any]] = [("missing", None)] * len(calls)

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            start.wait()
            time.sleep(i * stagger)
            outcomes[i] = ("ok", call())
        except Exception as exc:  # the outcome is what the test checks
            outcomes[i] = ("error", exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes
