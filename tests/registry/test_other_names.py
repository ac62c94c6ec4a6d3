"""Other names of organisations and key individuals (former, trading, local-script names): the
forms, the organisation page, history, merging, and spreadsheet import and export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from partnerpath.audit.models import Change
from partnerpath.registry import imports, services
from partnerpath.registry.models import KeyIndividual, Organisation
from tests import factories
from tests.registry.spreadsheets import csv_bytes, read_csv, read_xlsx, xlsx_bytes

pytestmark = pytest.mark.django_db
ORGS = "/p/mekong/organisations"
BASE = {"kind": "company", "is_active": "on", "name": "Siam Seafood Co., Ltd."}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "import-export.md"


def changes_of(record: Any, action: str) -> Any:
    """The history entries of one record."""
    kind = ContentType.objects.get_for_model(type(record))
    return Change.objects.filter(content_type=kind, object_id=str(record.pk), action=action)


def test_a_member_adds_other_names_one_per_line_and_the_page_shows_them(
    cast: Any, client_for: Any
) -> None:
    text = "บริษัท สยามซีฟู้ด จำกัด\n\n  Siam  Frozen Foods \nsiam frozen foods\nSiam Seafood Co., Ltd."
    client = client_for(cast.member)
    response = client.post(f"{ORGS}/new/", {**BASE, "other_names": text})
    assert response.status_code == 302
    org = Organisation.objects.get()
    assert org.other_names == ["บริษัท สยามซีฟู้ด จำกัด", "Siam Frozen Foods"]
    html = client.get(f"{ORGS}/{org.pk}/").content.decode()
    assert "บริษัท สยามซีฟู้ด จำกัด<br>Siam Frozen Foods" in html
    edit = client.get(f"{ORGS}/{org.pk}/edit/").content.decode()
    assert "Other names (one per line)" in edit
    assert "บริษัท สยามซีฟู้ด จำกัด\nSiam Frozen Foods</textarea>" in edit
    created = changes_of(org, "create").get()
    assert created.changes["other_names"]["new"] == org.other_names


def test_changing_other_names_is_recorded_in_the_history(cast: Any, client_for: Any) -> None:
    org = factories.organisation(cast.programme, BASE["name"], other_names=["Siam Frozen Foods"])
    data = {**BASE, "other_names": "Siam Frozen Foods\n暹罗海产有限公司"}
    assert client_for(cast.member).post(f"{ORGS}/{org.pk}/edit/", data).status_code == 302
    change = changes_of(org, "update").get()
    assert change.changes["other_names"] == {
        "old": ["Siam Frozen Foods"],
        "new": ["Siam Frozen Foods", "暹罗海产有限公司"],
    }
    assert change.actor == cast.member


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Siam Frozen Foods\n" + "x" * 301, "Line 2 is 301 characters long; the limit is 300."),
        ("\n".join(f"Name {n}" for n in range(21)), "21 other names given; at most 20"),
        ("Siam Frozen; Siam Foods", "Line 1 contains “;”"),
    ],
    ids=["too-long", "too-many", "separator"],
)
def test_the_form_says_what_is_wrong_with_other_names(
    cast: Any, client_for: Any, text: str, message: str
) -> None:
    response = client_for(cast.member).post(f"{ORGS}/new/", {**BASE, "other_names": text})
    assert response.status_code == 200 and message in response.content.decode()
    assert not Organisation.objects.exists()


def test_twenty_names_and_repeats_beyond_them_are_accepted(cast: Any, client_for: Any) -> None:
    text = "\n".join([*(f"Name {n}" for n in range(20)), "NAME 3", ""])
    assert (
        client_for(cast.member).post(f"{ORGS}/new/", {**BASE, "other_names": text}).status_code
        == 302
    )
    assert len(Organisation.objects.get().other_names) == 20


def test_a_key_individual_gets_other_names_shown_on_the_organisation_page(
    cast: Any, client_for: Any
) -> None:
    org = factories.organisation(cast.programme, BASE["name"])
    client = client_for(cast.member)
    data = {"name": "Somchai Prasert", "other_names": "สมชาย ประเสริฐ\nSomchai P."}
    response = client.post(f"{ORGS}/{org.pk}/key-individuals/new/", data)
    assert response.status_code == 302
    person = KeyIndividual.objects.get()
    assert person.other_names == ["สมชาย ประเสริฐ", "Somchai P."]
    assert "also: สมชาย ประเสริฐ; Somchai P." in client.get(f"{ORGS}/{org.pk}/").content.decode()
    form = client.get(f"{ORGS}/{org.pk}/key-individuals/{person.pk}/").content.decode()
    assert "Other names (one per line)" in form
    assert changes_of(person, "create").get().changes["other_names"]["new"] == [
        "สมชาย ประเสริฐ",
        "Somchai P.",
    ]
    bad = {"name": "Somchai Prasert", "other_names": "y" * 301}
    response = client.post(f"{ORGS}/{org.pk}/key-individuals/{person.pk}/", bad)
    assert (
        response.status_code == 200 and "Line 1 is 301 characters long" in response.content.decode()
    )


def test_the_outsider_never_sees_other_names(cast: Any, client_for: Any) -> None:
    org = factories.organisation(cast.programme, BASE["name"], other_names=["Secret Trading"])
    response = client_for(cast.outsider).get(f"{ORGS}/{org.pk}/")
    assert response.status_code == 404 and b"Secret Trading" not in response.content


def test_merging_keeps_both_organisations_names_as_other_names(cast: Any) -> None:
    keep = factories.organisation(cast.programme, "Siam Seafood", other_names=["Siam Frozen"])
    duplicate = factories.organisation(
        cast.programme, "Siam Sea Food Co", other_names=["siam frozen", "สยามซีฟู้ด"]
    )
    services.merge_organisations(keep, duplicate, "Same company")
    keep.refresh_from_db()
    assert keep.other_names == ["Siam Frozen", "Siam Sea Food Co", "สยามซีฟู้ด"]


# Spreadsheets


def _plan(cast: Any, data: bytes, name: str = "orgs.csv") -> Any:
    return imports.plan_import(cast.programme, "organisations", name, data)


def test_the_import_reads_other_names_separated_by_semicolons(cast: Any) -> None:
    rows = [
        ["Name", "HQ country", "Also known as"],
        ["Siam Seafood", "TH", "บริษัท สยามซีฟู้ด จำกัด; Siam Frozen ;; siam frozen; Siam Seafood"],
        ["Mekong Builders", "VN", ""],
    ]
    plan = _plan(cast, csv_bytes(rows))
    assert plan.problems == []
    imports.commit_plan(plan, cast.programme, user=cast.member)
    siam, mekong = Organisation.objects.order_by("-name")
    assert siam.other_names == ["บริษัท สยามซีฟู้ด จำกัด", "Siam Frozen"]
    assert mekong.other_names == []
    change = changes_of(siam, "create").get()
    assert change.changes["other_names"]["new"] == siam.other_names and change.actor == cast.member


def test_a_workbook_cell_may_put_other_names_on_separate_lines(cast: Any) -> None:
    data = xlsx_bytes({"Organisations": [["Name", "Other names"], ["Siam", "Siam A\nSiam B"]]})
    plan = _plan(cast, data, "orgs.xlsx")
    assert plan.organisations[0].parsed.values["other_names"] == ["Siam A", "Siam B"]


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("Siam A; " + "x" * 301, "name 2 is 301 characters long; the limit is 300."),
        (
            "; ".join(f"Name {n}" for n in range(21)),
            "21 other names given; at most 20 are allowed.",
        ),
    ],
)
def test_the_import_refuses_a_name_too_long_or_too_many_names(
    cast: Any, cell: str, message: str
) -> None:
    plan = _plan(cast, csv_bytes([["Name", "Other names"], ["Siam", cell]]))
    assert plan.problems == [f'Row 2, column "Other names": {message}']
    with pytest.raises(imports.ImportRejected):
        imports.commit_plan(plan, cast.programme)
    assert not Organisation.objects.exists()


def test_merging_an_imported_row_adds_its_other_names_up_to_twenty(cast: Any) -> None:
    org = factories.organisation(
        cast.programme, "Siam", hq_country="TH", other_names=[f"Old {n}" for n in range(18)]
    )
    rows = [["Name", "HQ country", "Other names"], ["Siam", "TH", "old 1; New A; New B; New C"]]
    plan = _plan(cast, csv_bytes(rows))
    preview = imports.merge_preview(plan)["organisations-2"]["fields"]
    assert [(f["outcome"], f["in_file"]) for f in preview] == [
        ("added", "New A; New B"),
        ("kept", "New C"),
    ]
    imports.commit_plan(plan, cast.programme, default="merge")
    org.refresh_from_db()
    assert org.other_names == [*(f"Old {n}" for n in range(18)), "New A", "New B"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_export_writes_other_names_separated_by_semicolons(
    cast: Any, client_for: Any, fmt: str
) -> None:
    factories.organisation(cast.programme, "Siam", other_names=["สยาม", "Siam Frozen"])
    response = client_for(cast.viewer).get(f"{ORGS}/", {"export": fmt})
    rows = (
        read_csv(response.content) if fmt == "csv" else read_xlsx(response.content)["Organisations"]
    )
    assert rows[0][:2] == ["Name", "Other names"] and rows[1][:2] == ["Siam", "สยาม; Siam Frozen"]


def test_the_template_and_its_help_sheet_have_the_other_names_column(
    cast: Any, client_for: Any
) -> None:
    client = client_for(cast.member)
    csv_template = client.get("/p/mekong/import/template/organisations.csv").content
    assert read_csv(csv_template)[0][:2] == ["Name", "Other names"]
    workbook = read_xlsx(client.get("/p/mekong/import/template/organisations.xlsx").content)
    help_rows = {row[1]: row for row in workbook["Help"] if row[0] == "Organisations"}
    assert "separated by ;" in help_rows["Other names"][5]


def test_the_documentation_lists_the_other_names_column() -> None:
    text = DOCS.read_text(encoding="utf-8")
    headers = [c.header for c in imports.columns_for("organisations")]
    assert [h for h in headers if f"| {h} |" not in text] == []
