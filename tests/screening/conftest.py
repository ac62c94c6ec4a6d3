"""Fixtures of the screening tests: list files (the core's small fixtures and generic CSVs
written on the fly), imported lists, and an organisation with a listed company name and a listed
key individual."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache

from tests import factories

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "matching" / "fixtures"
OFAC = FIXTURES / "ofac"
UN_XML = FIXTURES / "un_consolidated.xml"
UN_MALFORMED = FIXTURES / "un_malformed.xml"
GENERIC = FIXTURES / "generic_list.csv"
WRONG_COLUMNS = FIXTURES / "wrong_columns.csv"


@pytest.fixture(autouse=True)
def _fresh_throttles() -> Iterator[None]:
    """API rate-limit counters live in the cache; every test starts from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def write_list(tmp_path: Path) -> Callable[..., Path]:
    """Write a generic CSV list (id,name,schema,country,aliases,birth_date); return its path."""
    counter = iter(range(1, 1000))

    def write(*rows: tuple[str, ...], name: str | None = None) -> Path:
        path = tmp_path / (name or f"list-{next(counter)}.csv")
        lines = ["id,name,schema,country,aliases,birth_date"]
        lines += [",".join(f'"{v}"' for v in (*row, *[""] * (6 - len(row)))) for row in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def imported_lists(db: Any) -> list[Any]:
    """The OFAC and UN fixture lists, imported without re-screening."""
    from partnerpath.screening import services

    return [
        services.import_list(OFAC, "OFAC SDN", rescreen=False).version,
        services.import_list(UN_XML, "UN consolidated", rescreen=False).version,
    ]


@dataclass
class Listed:
    """An organisation whose name is on the OFAC fixture and whose director is listed too."""

    org: Any
    director: Any
    clean: Any


@pytest.fixture
def listed(cast: Any) -> Listed:
    """An organisation named like a listed company with a listed key individual; a clean one."""
    from partnerpath.registry.models import KeyIndividual

    org = factories.organisation(cast.programme, "Anglo Caribbean Company Limited", hq_country="GB")
    director = KeyIndividual.objects.create(
        programme=cast.programme,
        organisation=org,
        name="Usama bin Laden",
        role="Director",
        nationality="SA",
        date_of_birth=dt.date(1957, 7, 30),
    )
    KeyIndividual.objects.create(
        programme=cast.programme, organisation=org, name="Malee Srisuk", role="CFO"
    )
    clean = factories.organisation(cast.programme, "Lanna Rice Mills Co., Ltd.", hq_country="TH")
    return Listed(org, director, clean)


@pytest.fixture
def screen(cast: Any) -> Callable[..., Any]:
    """Run a screening of one organisation (or all active ones) as the team member."""
    from partnerpath.screening import services

    def run(org: Any = None, user: Any = None) -> Any:
        return services.start_screening(cast.programme, organisation=org, user=user or cast.member)

    return run


def hit_on(screening: Any, entity_id: str) -> Any:
    """The hit of a screening on the list entry with this id."""
    return screening.hits.select_related("adjudication", "previous_adjudication").get(
        entity_id=entity_id
    )


def many_hits(programme: Any, org: Any, count: int, screening: Any = None) -> Any:
    """A done screening with `count` hits on the organisation (every third one decided), made
    directly for query-count tests."""
    from partnerpath.screening.models import Adjudication, Hit, ListEntry, Screening

    entry = ListEntry.objects.select_related("version").filter(version__is_current=True).first()
    assert entry is not None, "import a list first"
    if screening is None:
        screening = Screening.objects.create(
            programme=programme,
            scope="all_active",
            status="done",
            algorithm="screening-v1",
            threshold=0.7,
            total_count=1,
            done_count=1,
        )
    hits = []
    start = Hit.objects.count()
    for number in range(start, start + count):
        adjudication = None
        if number % 3 == 0:
            adjudication = Adjudication.objects.create(
                programme=programme,
                organisation=org,
                subject=f"organisation:{org.pk}",
                watch_list_id=entry.version.watch_list_id,
                entity_id=f"{entry.entity_id}-{number}",
                entry_hash=entry.content_hash,
                decision="false_positive",
                reason="Other firm",
            )
        hits.append(
            Hit(
                programme=programme,
                screening=screening,
                organisation=org,
                subject=f"organisation:{org.pk}",
                list_entry=entry,
                watch_list_id=entry.version.watch_list_id,
                entity_id=entry.entity_id,
                entry_hash=entry.content_hash,
                score=0.9,
                query_name=org.name,
                matched_name=entry.caption,
                algorithm="screening-v1",
                threshold=0.7,
                explanation=[
                    {
                        "feature": "name_similarity",
                        "value": 0.9,
                        "factor": 1.0,
                        "reason": "alike",
                        "explanation": "How alike",
                    }
                ],
                adjudication=adjudication,
            )
        )
    Hit.objects.bulk_create(hits)
    return screening
