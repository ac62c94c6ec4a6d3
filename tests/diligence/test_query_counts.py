"""Lists run the same number of SQL queries for 10 rows as for 100 (no N+1): every API list of
due diligence, the overview page and the incident list."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _grow(cast: Any, start: int, stop: int) -> None:
    """Add organisations start..stop-1, each with goods, a rated checklist with answers, an
    incident note, and a referral contact and step on the protocol (and one more dataset)."""
    from partnerpath.diligence.models import (
        Checklist,
        ChecklistAnswer,
        IncidentNote,
        OrganisationGoods,
        ProtocolStep,
        ReferralContact,
        RiskProtocol,
    )
    from partnerpath.registry.models import Organisation

    p = cast.programme
    orgs = Organisation.objects.bulk_create(
        Organisation(programme=p, name=f"Org {i:03}", hq_country="TH", sectors=["fisheries"])
        for i in range(start, stop)
    )
    OrganisationGoods.objects.bulk_create(
        OrganisationGoods(programme=p, organisation=o, goods="shrimp") for o in orgs
    )
    checklists = Checklist.objects.bulk_create(
        Checklist(
            programme=p,
            organisation=o,
            rating="medium",
            created_by=cast.member,
            last_edited_by=cast.member,
        )
        for o in orgs
    )
    ChecklistAnswer.objects.bulk_create(
        ChecklistAnswer(
            programme=p, checklist=c, question="policy", answer="yes", reviewed_by=cast.member
        )
        for c in checklists
    )
    IncidentNote.objects.bulk_create(
        IncidentNote(programme=p, organisation=o, title="Case", recorded_by=cast.owner)
        for o in orgs
    )
    protocol, _ = RiskProtocol.objects.get_or_create(programme=p, scope="programme")
    ReferralContact.objects.bulk_create(
        ReferralContact(programme=p, protocol=protocol, name=f"C {i}") for i in range(start, stop)
    )
    ProtocolStep.objects.bulk_create(
        ProtocolStep(programme=p, protocol=protocol, order=i, action="Act")
        for i in range(start, stop)
    )


def _count(client: Any, url: str) -> int:
    client.get(url)  # warm the reference-data cache, as any earlier page would
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/checklists/?page_size=200",
        "/api/v1/risk-profiles/?page_size=200",
        "/api/v1/incidents/?page_size=200",
        "/api/v1/risk-protocols/?page_size=200",
    ],
)
def test_api_lists_run_the_same_number_of_queries_for_10_and_100_rows(
    cast, reference, api_for, url
):
    client = api_for(cast.owner)
    _grow(cast, 0, 10)
    few = _count(client, url)
    _grow(cast, 10, 100)
    assert _count(client, url) == few


def test_reference_datasets_run_the_same_number_of_queries_for_3_and_20_versions(
    cast, reference, api_for
):
    from partnerpath.diligence.services import import_reference

    client = api_for(cast.viewer)
    few = _count(client, "/api/v1/reference-datasets/")
    for i in range(17):
        import_reference(
            "prevalence",
            "p.csv",
            f"country,prevalence\nTH,{i}\n".encode(),
            edition=str(i),
            source_name="S",
        )
    assert _count(client, "/api/v1/reference-datasets/") == few


@pytest.mark.parametrize(
    "url",
    ["/p/mekong/diligence/", "/p/mekong/diligence/incidents/", "/p/mekong/diligence/protocol/"],
)
def test_pages_run_the_same_number_of_queries_for_10_and_50_rows(cast, reference, client_for, url):
    client = client_for(cast.owner)
    _grow(cast, 0, 10)
    few = _count(client, url)
    _grow(cast, 10, 50)
    assert _count(client, url) == few
