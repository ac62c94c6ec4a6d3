"""Exports of filtered lists: CSV and XLSX that import again, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerpath.registry import imports
from partnerpath.registry.models import Contact, Organisation
from tests import factories
from tests.registry.spreadsheets import read_csv, read_xlsx

pytestmark = pytest.mark.django_db

ORG_FIELDS = [c.key for c in imports.columns_for("organisations")]
CONTACT_FIELDS = [
    "name",
    "title",
    "department",
    "email",
    "phone",
    "is_champion",
    "can_commit_resources",
    "is_active",
    "notes",
]


def rich_organisations(programme: Any) -> list[Organisation]:
    siam = factories.organisation(
        programme,
        "Siam Seafood Co., Ltd.",
        other_names=["บริษัท สยามซีฟู้ด จำกัด", "Siam Frozen Foods", "暹罗海产有限公司"],
        kind="company",
        hq_country="TH",
        countries_of_operation=["TH", "MM"],
        countries_of_sourcing=["KH"],
        sectors=["fisheries", "apparel"],
        size="large",
        employees=1200,
        history="Founded 1988.\nListed 2004.",
        values="Integrity",
        registration_number="0105531",
        registration_jurisdiction="TH",
        lei="5493001KJTIIGC8Y1R12",
        website="https://siam.example",
        checkin_every_days=45,
        notes='=HYPERLINK("http://evil.example")',
        is_active=False,
    )
    union = factories.organisation(
        programme, "Mekong Fishers' Union", kind="union", hq_country="KH"
    )
    plain = factories.organisation(programme, "Andaman Hotels", kind="company")
    return [siam, union, plain]


def export(client: Any, path: str, fmt: str) -> Any:
    response = client.get(path, {"export": fmt})
    assert response.status_code == 200, response.content
    return response


def reimport(cast: Any, data: bytes, kind: str, name: str) -> None:
    plan = imports.plan_import(cast.other_programme, kind, name, data)
    assert plan.problems == []
    imports.commit_plan(plan, cast.other_programme, default="create")


def snapshot(qs: Any, fields: list[str]) -> list[dict[str, object]]:
    return [{f: getattr(o, f) for f in fields} for o in qs.order_by("name")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_organisations_export_and_import_again_unchanged(
    cast: Any, client_for: Any, fmt: str
) -> None:
    rich_organisations(cast.programme)
    response = export(client_for(cast.viewer), "/p/mekong/organisations/", fmt)
    assert response["Content-Disposition"].startswith('attachment; filename="mekong-organisations-')
    reimport(cast, response.content, "organisations", f"export.{fmt}")
    mine = Organisation.objects.filter(programme=cast.programme)
    theirs = Organisation.objects.filter(programme=cast.other_programme)
    assert snapshot(theirs, ORG_FIELDS) == snapshot(mine, ORG_FIELDS)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_contacts_export_and_import_again_unchanged(cast: Any, client_for: Any, fmt: str) -> None:
    siam, union, _ = rich_organisations(cast.programme)
    factories.contact(
        siam,
        "Anong S.",
        title="CSR manager",
        department="sustainability",
        email="anong@siam.example",
        phone="+66 2 123 4567",
        is_champion=True,
    )
    factories.contact(union, "Sok D.", can_commit_resources=True, is_active=False, notes="Met 2024")
    client = client_for(cast.member)
    reimport(cast, export(client, "/p/mekong/organisations/", fmt).content, "organisations", "o")
    reimport(cast, export(client, "/p/mekong/contacts/", fmt).content, "contacts", f"c.{fmt}")
    theirs = Contact.objects.filter(programme=cast.other_programme)
    assert snapshot(theirs, CONTACT_FIELDS) == snapshot(
        Contact.objects.filter(programme=cast.programme), CONTACT_FIELDS
    )
    assert {c.organisation.programme_id for c in theirs} == {cast.other_programme.pk}


def test_exports_keep_the_list_filter(cast: Any, client_for: Any) -> None:
    rich_organisations(cast.programme)
    response = client_for(cast.member).get(
        "/p/mekong/organisations/", {"kind": "union", "export": "csv"}
    )
    assert [row[0] for row in read_csv(response.content)] == ["Name", "Mekong Fishers' Union"]


def test_formula_like_text_never_runs_as_a_formula(cast: Any, client_for: Any) -> None:
    rich_organisations(cast.programme)
    client = client_for(cast.member)
    rows = read_csv(export(client, "/p/mekong/organisations/", "csv").content)
    notes = rows[0].index("Notes")
    assert rows[3][notes] == '\'=HYPERLINK("http://evil.example")'
    workbook = read_xlsx(export(client, "/p/mekong/organisations/", "xlsx").content)
    assert workbook["Organisations"][3][notes] == '=HYPERLINK("http://evil.example")'
    xlsx = zipfile.ZipFile(io.BytesIO(export(client, "/p/mekong/organisations/", "xlsx").content))
    assert b"<f>" not in xlsx.read("xl/worksheets/sheet1.xml")


def test_the_engagement_log_exports_with_follow_ups(cast: Any, client_for: Any) -> None:
    siam, union, _ = rich_organisations(cast.programme)
    item = factories.interaction(
        cast.programme, [siam, union], dt.date(2026, 3, 2), "Kick-off", summary="Agreed next steps"
    )
    item.team.add(cast.member)
    factories.follow_up(item, "Send the brief", owner=cast.member, due_on=dt.date(2026, 3, 9))
    sheet = read_xlsx(export(client_for(cast.viewer), "/p/mekong/interactions/", "xlsx").content)
    assert sheet["Interactions"][1] == [
        "2026-03-02",
        "Call",
        "Kick-off",
        "Mekong Fishers' Union; Siam Seafood Co., Ltd.",
        None,
        "member",
        "Agreed next steps",
        "Send the brief (owner member, due 2026-03-09, open)",
    ]


@pytest.mark.parametrize("path", ["organisations", "contacts", "interactions"])
def test_an_unknown_format_is_a_400_that_says_so(cast: Any, client_for: Any, path: str) -> None:
    response = client_for(cast.member).get(f"/p/mekong/{path}/", {"export": "pdf"})
    assert response.status_code == 400
    assert response.content.decode() == 'Unknown export format "pdf": use csv or xlsx.'


def fill(programme: Any, n: int) -> None:
    for i in range(n):
        org = factories.organisation(programme, f"Organisation {i:03}", sectors=["fisheries"])
        person = factories.contact(org, f"Person {i:03}")
        item = factories.interaction(programme, [org], dt.date(2026, 1, 1), f"Call {i}")
        item.contacts.add(person)
        factories.follow_up(item, "Follow up", owner=None)


def queries_for(client: Any, path: str, fmt: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        export(client, path, fmt)
    return len(queries)


@pytest.mark.parametrize("path", ["organisations", "contacts", "interactions"])
def test_exports_take_the_same_number_of_queries_for_10_and_200_rows(
    cast: Any, client_for: Any, path: str
) -> None:
    client = client_for(cast.member)
    fill(cast.programme, 10)
    small = {fmt: queries_for(client, f"/p/mekong/{path}/", fmt) for fmt in ("csv", "xlsx")}
    fill(cast.other_programme, 5)  # other programmes' rows change nothing
    fill(cast.programme, 190)
    assert {fmt: queries_for(client, f"/p/mekong/{path}/", fmt) for fmt in ("csv", "xlsx")} == small
