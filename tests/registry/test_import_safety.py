"""Imports never lose data silently: a CSV quote left open is refused with the line it opens on
(web and command line) instead of swallowing the rows after it, and merging a possible duplicate
says, field by field, where the file differs and which value is kept (preview, result page and
command line). Exports refuse filters that can match nothing because of a typo."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from partnerpath.cli import main
from partnerpath.registry import imports
from partnerpath.registry.models import ImportBatch, Organisation
from tests import factories
from tests.registry.spreadsheets import csv_bytes

pytestmark = pytest.mark.django_db
BASE = "/p/mekong/import/"
UNCLOSED = b'name,kind,hq_country\n"unterminated,company,TH\nB,company,TH\n'


def run(*args: object) -> int:
    return main([str(a) for a in args])


def test_an_unclosed_quote_is_refused_naming_its_line(cast: Any) -> None:
    with pytest.raises(imports.ImportFileError) as info:
        imports.start_batch(cast.programme, "organisations", "orgs.csv", UNCLOSED, cast.member)
    assert "Line 2 opens a quoted value" in str(info.value)
    assert ImportBatch.objects.count() == 0 and Organisation.objects.count() == 0


def test_a_quote_closed_lines_later_is_refused_naming_where_it_opened(cast: Any) -> None:
    data = b'name,kind,hq_country\n"unterminated,company,TH\nB,"company",TH\n'
    with pytest.raises(imports.ImportFileError, match="opened on line 2 only closes on line 3"):
        imports.plan_import(cast.programme, "organisations", "orgs.csv", data)


def test_quoted_values_over_several_lines_still_import(cast: Any) -> None:
    data = b'name,kind,notes\nA,company,"first line\nsecond line"\nB,company,x\n'
    plan = imports.plan_import(cast.programme, "organisations", "orgs.csv", data)
    assert [r.name for r in plan.organisations] == ["A", "B"]


def test_the_upload_page_explains_an_unclosed_quote(cast: Any, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(cast.member).post(
        BASE, {"kind": "organisations", "file": SimpleUploadedFile("orgs.csv", UNCLOSED)}
    )
    assert response.status_code == 200
    assert "Line 2 opens a quoted value" in response.content.decode()
    assert ImportBatch.objects.count() == 0


def test_the_command_line_refuses_an_unclosed_quote(cast: Any, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "orgs.csv"
    path.write_bytes(UNCLOSED)
    assert run("import", "organisations", path, "--programme", "mekong") == 2
    assert "Line 2 opens a quoted value" in capsys.readouterr().err
    assert Organisation.objects.count() == 0


ROWS = [
    ["Name", "Kind", "HQ country", "Website", "Sectors", "Notes"],
    ["Siam Seafood Co., Ltd.", "company", "TH", "siam-new.example", "fisheries", "From the fair"],
]


def _existing(cast: Any) -> Any:
    return factories.organisation(
        cast.programme,
        "Siam Seafood Company Limited",
        hq_country="TH",
        website="https://siam.example",
        sectors=["manufacturing"],
    )


def _sentences(fields: list[dict[str, Any]]) -> list[str]:
    return [f["sentence"] for f in fields]


def test_the_preview_says_which_value_a_merge_keeps(cast: Any, client_for: Any) -> None:
    _existing(cast)
    client = client_for(cast.member)
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        BASE, {"kind": "organisations", "file": SimpleUploadedFile("orgs.csv", csv_bytes(ROWS))}
    )
    batch = ImportBatch.objects.get()
    (duplicate,) = batch.summary["duplicates"]
    merge = {f["column"]: f["outcome"] for f in duplicate["merge"]}
    assert merge == {"Name": "kept", "Website": "kept", "Sectors": "added", "Notes": "filled"}
    page = client.get(f"{BASE}{batch.pk}/").content.decode()
    assert "Website: kept “https://siam.example”; the file&#x27;s “https://siam-new.example”" in (
        page
    )


def test_the_result_page_says_what_the_merge_kept(cast: Any, client_for: Any) -> None:
    existing = _existing(cast)
    client = client_for(cast.member)
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        BASE, {"kind": "organisations", "file": SimpleUploadedFile("orgs.csv", csv_bytes(ROWS))}
    )
    batch = ImportBatch.objects.get()
    client.post(f"{BASE}{batch.pk}/commit/", {"on_duplicate": "merge"})
    existing.refresh_from_db()
    assert existing.website == "https://siam.example"  # never overwritten
    assert existing.sectors == ["manufacturing", "fisheries"] and existing.notes == "From the fair"
    page = client.get(f"{BASE}{batch.pk}/result/").content.decode()
    assert "Merged rows" in page and "Website: kept “https://siam.example”" in page
    assert "Notes: was empty, filled with “From the fair”" in page


def test_the_command_line_prints_what_a_merge_keeps(cast: Any, tmp_path: Path, capsys: Any) -> None:
    _existing(cast)
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes(ROWS))
    assert (
        run("import", "organisations", path, "--programme", "mekong", "--on-duplicate", "merge")
        == 0
    )
    out = capsys.readouterr().out
    assert "row 2 merged into Siam Seafood Company Limited: Website: kept" in out


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--kind", "bogus"], "--kind: “bogus” is not a valid choice"),
        (["--sector", "fishing"], "--sector: “fishing” is not a valid choice"),
        (["--country", "zz"], "--country: “ZZ” is not an ISO 3166-1 country code"),
    ],
)
def test_an_export_filter_that_cannot_match_is_an_error(
    cast: Any, tmp_path: Path, capsys: Any, option: list[str], message: str
) -> None:
    factories.organisation(cast.programme)
    path = tmp_path / "out.csv"
    assert run("export", "organisations", path, "--programme", "mekong", *option) == 2
    assert message in capsys.readouterr().err
    assert not path.exists()


def test_export_to_standard_output_is_csv_without_format(cast: Any, capsys: Any) -> None:
    factories.organisation(cast.programme, "Siam Seafood Co., Ltd.")
    assert run("export", "organisations", "-", "--programme", "mekong") == 0
    captured = capsys.readouterr()
    assert captured.out.lstrip("\ufeff").startswith("Name,Other names,Kind,")
    assert "Siam Seafood Co., Ltd." in captured.out
    assert "Wrote 1 organisations to -." in captured.err


def test_a_dry_run_with_merge_says_what_would_be_kept_and_writes_nothing(
    cast: Any, tmp_path: Path, capsys: Any
) -> None:
    existing = _existing(cast)
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes(ROWS))
    args = ("import", "organisations", path, "--programme", "mekong", "--on-duplicate", "merge")
    assert run(*args, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "row 2 would merge into Siam Seafood Company Limited: Notes: was empty" in out
    existing.refresh_from_db()
    assert existing.notes == ""
