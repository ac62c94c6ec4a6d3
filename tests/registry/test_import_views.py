"""Import pages: upload, preview, commit and result; templates; who may do what."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnerpath.audit.models import Change
from partnerpath.registry import imports
from partnerpath.registry.choices import ImportStatus
from partnerpath.registry.models import ImportBatch, Organisation
from tests import factories
from tests.registry.spreadsheets import csv_bytes, read_csv, read_xlsx, xlsx_bytes

pytestmark = pytest.mark.django_db

BASE = "/p/mekong/import/"
ROWS = [
    ["Name", "Kind", "HQ country", "Sectors"],
    ["Siam Seafood Co., Ltd.", "Company", "TH", "fisheries"],
    ["Mekong Builders", "", "VN", "construction"],
]


def upload(client: Any, data: bytes, name: str = "orgs.csv", kind: str = "organisations") -> Any:
    return client.post(BASE, {"kind": kind, "file": SimpleUploadedFile(name, data)})


def test_the_upload_page_documents_columns_and_offers_templates(cast: Any, client_for: Any) -> None:
    page = client_for(cast.member).get(BASE).content.decode()
    for text in (
        "Countries of operation",
        "Organisation country",
        "Can commit resources",
        f"{BASE}template/organisations.csv",
        f"{BASE}template/contacts.xlsx",
        "5 MB",
    ):
        assert text in page


def test_a_member_uploads_previews_and_commits(cast: Any, client_for: Any) -> None:
    client = client_for(cast.member)
    response = upload(client, csv_bytes(ROWS))
    batch = ImportBatch.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{BASE}{batch.pk}/"
    assert Organisation.objects.count() == 0
    preview = client.get(f"{BASE}{batch.pk}/").content.decode()
    assert (
        "No problems found" in preview
        and "Mekong Builders" in preview
        and "Import 2 rows" in preview
    )
    response = client.post(f"{BASE}{batch.pk}/commit/")
    assert response["Location"] == f"{BASE}{batch.pk}/result/"
    result = client.get(response["Location"]).content.decode()
    assert '<span class="stat">2</span> created' in result
    assert Organisation.objects.filter(programme=cast.programme).count() == 2
    change = Change.objects.filter(content_type__model="organisation").first()
    assert (
        change is not None
        and change.actor == cast.member
        and change.reason == "Imported from orgs.csv"
    )
    assert client.get(f"{BASE}{batch.pk}/").status_code == 302  # committed: the preview moves on


def test_the_preview_lists_every_row_problem_and_offers_no_commit(
    cast: Any, client_for: Any
) -> None:
    client = client_for(cast.member)
    rows = [*ROWS, ["", "", "Atlantis", ""], ["Mekong Builders", "", "VN", ""]]
    upload(client, xlsx_bytes({"Organisations": rows}), "orgs.xlsx")
    batch = ImportBatch.objects.get()
    page = client.get(f"{BASE}{batch.pk}/").content.decode()
    assert "3 problems" in page
    assert "Row 4, column &quot;Name&quot;: is empty" in page
    assert "Row 4, column &quot;HQ country&quot;: &quot;Atlantis&quot;" in page
    assert "Row 5: repeats row 3" in page
    assert "/commit/" not in page
    client.post(f"{BASE}{batch.pk}/commit/")
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and Organisation.objects.count() == 0


def test_possible_duplicates_get_a_choice_each(cast: Any, client_for: Any) -> None:
    siam = factories.organisation(cast.programme, "Siam Seafood", hq_country="TH")
    client = client_for(cast.member)
    upload(client, csv_bytes(ROWS))
    batch = ImportBatch.objects.get()
    page = client.get(f"{BASE}{batch.pk}/").content.decode()
    assert 'name="dup-organisations-2"' in page and f"/organisations/{siam.pk}/" in page
    client.post(
        f"{BASE}{batch.pk}/commit/", {"on_duplicate": "skip", "dup-organisations-2": "merge"}
    )
    siam.refresh_from_db()
    assert siam.sectors == ["fisheries"] and Organisation.objects.count() == 2


def test_a_file_that_cannot_be_imported_is_explained_and_not_kept(
    cast: Any, client_for: Any
) -> None:
    response = upload(client_for(cast.member), b"%PDF-1.4 not a spreadsheet", "orgs.csv")
    assert response.status_code == 200
    assert "This file is a PDF document, not a spreadsheet" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_uploads_over_the_size_limit_are_refused(cast: Any, client_for: Any, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 1024
    data = csv_bytes([ROWS[0]] + [[f"Organisation {i}", "", "TH", ""] for i in range(100)])
    response = upload(client_for(cast.member), data)
    assert response.status_code == 200
    assert "the limit is 0.000976562 MB. Split it into smaller files." in response.content.decode()
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize("who", ["viewer", "reviewer"])
def test_read_only_roles_may_not_upload_or_commit(cast: Any, client_for: Any, who: str) -> None:
    batch = imports.start_batch(
        cast.programme, "organisations", "o.csv", csv_bytes(ROWS), cast.member
    )
    client = client_for(getattr(cast, who))
    assert client.get(BASE).status_code == 403
    assert upload(client, csv_bytes(ROWS)).status_code == 403
    assert client.get(f"{BASE}{batch.pk}/").status_code == 403
    assert client.post(f"{BASE}{batch.pk}/commit/").status_code == 403
    assert client.get(f"{BASE}template/organisations.csv").status_code == 200
    assert Organisation.objects.count() == 0


def test_outsiders_get_404_on_every_import_and_export_url(cast: Any, client_for: Any) -> None:
    batch = imports.start_batch(
        cast.programme, "organisations", "o.csv", csv_bytes(ROWS), cast.member
    )
    client = client_for(cast.outsider)
    urls = [
        BASE,
        f"{BASE}template/organisations.csv",
        f"{BASE}template/contacts.xlsx",
        f"{BASE}{batch.pk}/",
        f"{BASE}{batch.pk}/result/",
        "/p/mekong/organisations/?export=csv",
        "/p/mekong/organisations/?export=xlsx",
        "/p/mekong/contacts/?export=csv",
        "/p/mekong/interactions/?export=xlsx",
    ]
    assert {url: client.get(url).status_code for url in urls} == {url: 404 for url in urls}
    assert client.post(f"{BASE}{batch.pk}/commit/").status_code == 404
    assert upload(client, csv_bytes(ROWS)).status_code == 404
    assert Organisation.objects.count() == 0


def test_another_programmes_import_is_not_found_here(cast: Any, client_for: Any) -> None:
    theirs = imports.start_batch(
        cast.other_programme, "organisations", "o.csv", csv_bytes(ROWS), cast.outsider
    )
    client = client_for(cast.member)
    assert client.get(f"{BASE}{theirs.pk}/").status_code == 404
    assert client.post(f"{BASE}{theirs.pk}/commit/").status_code == 404
    assert Organisation.objects.count() == 0


def test_templates_carry_the_importer_columns(cast: Any, client_for: Any) -> None:
    client = client_for(cast.viewer)
    response = client.get(f"{BASE}template/contacts.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert read_csv(response.content)[0] == [c.header for c in imports.columns_for("contacts")]
    workbook = read_xlsx(client.get(f"{BASE}template/organisations.xlsx").content)
    assert list(workbook) == ["Organisations", "Contacts", "Help"]
    assert workbook["Organisations"][0][0] == "Name"
    assert client.get(f"{BASE}template/organisations.pdf").status_code == 400
    assert client.get(f"{BASE}template/people.csv").status_code == 404


def test_a_filled_in_template_imports(cast: Any, client_for: Any) -> None:
    client = client_for(cast.member)
    template = read_xlsx(client.get(f"{BASE}template/organisations.xlsx").content)
    headers = template["Organisations"][0]
    row = {"Name": "Andaman Hotels", "HQ country": "TH", "Sectors": "Hospitality and tourism"}
    sheets = {
        "Organisations": [headers, [row.get(str(h), "") for h in headers]],
        "Contacts": [template["Contacts"][0], ["Mali P.", "Andaman Hotels"]],
        "Help": template["Help"],
    }
    upload(client, xlsx_bytes(sheets), "filled.xlsx")
    batch = ImportBatch.objects.get()
    assert batch.summary["problem_count"] == 0, batch.summary["problems"]
    client.post(f"{BASE}{batch.pk}/commit/")
    org = Organisation.objects.get(name="Andaman Hotels")
    assert org.sectors == ["hospitality"] and org.contacts.get().name == "Mali P."
