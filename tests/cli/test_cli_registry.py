"""`partnerpath import ...` and `partnerpath export ...`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from partnerpath.audit.models import Change
from partnerpath.cli import main
from partnerpath.registry.choices import ImportStatus
from partnerpath.registry.models import Contact, ImportBatch, Organisation
from tests import factories
from tests.registry.spreadsheets import csv_bytes, read_csv, read_xlsx, xlsx_bytes

ROWS = [
    ["Name", "Kind", "HQ country", "Sectors", "Website"],
    ["Siam Seafood Co., Ltd.", "Company", "TH", "fisheries", ""],
    ["Mekong Builders", "", "Viet Nam", "construction", "mekong.example"],
]


@pytest.fixture
def orgs_csv(tmp_path: Path) -> Path:
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes(ROWS))
    return path


def run(*args: object) -> int:
    return main([str(a) for a in args])


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["import"],
        ["import", "organisations"],
        ["import", "contacts"],
        ["export"],
        ["export", "organisations"],
        ["export", "contacts"],
        ["export", "interactions"],
    ],
)
def test_every_command_has_help(command: list[str], capsys: Any) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    assert "usage: partnerpath" in capsys.readouterr().out


def test_it_imports_organisations_and_records_why(cast: Any, orgs_csv: Path, capsys: Any) -> None:
    assert run("import", "organisations", orgs_csv, "--programme", "mekong") == 0
    assert "organisations: 2 created, 0 merged, 0 skipped." in capsys.readouterr().out
    builders = Organisation.objects.get(name="Mekong Builders")
    assert (builders.hq_country, builders.website) == ("VN", "https://mekong.example")
    change = Change.objects.get(object_id=str(builders.pk), content_type__model="organisation")
    assert (change.actor_label, change.reason) == ("command line", "Imported from orgs.csv")
    assert ImportBatch.objects.get().status == ImportStatus.COMMITTED


def test_it_prints_every_row_problem_and_writes_nothing(
    cast: Any, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx_bytes({"Organisations": [*ROWS, ["", "Spaceship", "TH", "", ""]]}))
    assert run("import", "organisations", path, "--programme", "mekong") == 2
    err = capsys.readouterr().err
    assert 'bad.xlsx: Row 4, column "Name": is empty; every row needs one.' in err
    assert 'bad.xlsx: Row 4, column "Kind": "Spaceship" is not one of' in err
    assert "2 problems in" in err and "nothing was imported" in err
    assert Organisation.objects.count() == 0 and ImportBatch.objects.count() == 0


def test_a_file_it_cannot_read_exits_2_with_the_reason(
    cast: Any, tmp_path: Path, capsys: Any
) -> None:
    path = tmp_path / "orgs.csv"
    path.write_bytes(csv_bytes(ROWS, encoding="utf-16-le"))
    assert run("import", "organisations", path, "--programme", "mekong") == 2
    assert "UTF-16 text without a byte-order mark" in capsys.readouterr().err
    assert run("import", "organisations", tmp_path / "missing.csv", "--programme", "mekong") == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_dry_run_reports_and_writes_nothing(cast: Any, orgs_csv: Path, capsys: Any) -> None:
    factories.organisation(cast.programme, "Siam Seafood", hq_country="TH")
    assert run("import", "organisations", orgs_csv, "--programme", "mekong", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "row 2: Siam Seafood Co., Ltd. may duplicate Siam Seafood (#" in out
    assert "Dry run: 2 rows without problems, 1 possible duplicate (would skip)." in out
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("choice", "count", "website"),
    [
        ("skip", 2, ""),
        ("merge", 2, "https://siam.example"),
        ("create", 3, ""),
    ],
)
def test_on_duplicate_merges_creates_or_skips(
    cast: Any, tmp_path: Path, choice: str, count: int, website: str
) -> None:
    siam = factories.organisation(cast.programme, "Siam Seafood", hq_country="TH")
    path = tmp_path / "o.csv"
    path.write_bytes(csv_bytes([ROWS[0], [*ROWS[1][:4], "siam.example"], ROWS[2]]))
    assert (
        run("import", "organisations", path, "--programme", "mekong", "--on-duplicate", choice) == 0
    )
    siam.refresh_from_db()
    assert (Organisation.objects.count(), siam.website) == (count, website)


def test_as_names_a_member_who_may_edit(cast: Any, orgs_csv: Path, capsys: Any) -> None:
    assert run("import", "organisations", orgs_csv, "--programme", "mekong", "--as", "viewer") == 2
    assert "'viewer' may read but not change" in capsys.readouterr().err
    assert (
        run("import", "organisations", orgs_csv, "--programme", "mekong", "--as", "outsider") == 2
    )
    assert "'outsider' is not a member of programme 'mekong'" in capsys.readouterr().err
    assert run("import", "organisations", orgs_csv, "--programme", "mekong", "--as", "member") == 0
    assert {c.actor for c in Change.objects.filter(content_type__model="organisation")} == {
        cast.member
    }


def test_an_unknown_programme_is_named(cast: Any, orgs_csv: Path, capsys: Any) -> None:
    assert run("import", "organisations", orgs_csv, "--programme", "nope") == 2
    assert "no programme 'nope' (programmes: mekong, other)" in capsys.readouterr().err


def test_it_imports_contacts_of_existing_organisations(cast: Any, tmp_path: Path) -> None:
    siam = factories.organisation(cast.programme, "Siam Seafood Co., Ltd.", hq_country="TH")
    path = tmp_path / "people.csv"
    path.write_bytes(
        csv_bytes([["Name", "Organisation", "Champion"], ["Anong S.", "Siam Seafood", "yes"]])
    )
    assert run("import", "contacts", path, "--programme", "mekong") == 0
    assert Contact.objects.get().organisation == siam and Contact.objects.get().is_champion


def test_it_exports_what_it_imports(cast: Any, orgs_csv: Path, tmp_path: Path, capsys: Any) -> None:
    run("import", "organisations", orgs_csv, "--programme", "mekong")
    out = tmp_path / "export.csv"
    assert run("export", "organisations", out, "--programme", "mekong", "--kind", "company") == 0
    assert "Wrote 2 organisations to" in capsys.readouterr().err
    rows = read_csv(out.read_bytes())
    assert [r[0] for r in rows] == ["Name", "Mekong Builders", "Siam Seafood Co., Ltd."]
    assert run("import", "organisations", out, "--programme", "other") == 0
    assert Organisation.objects.filter(programme=cast.other_programme).count() == 2


def test_export_format_comes_from_the_extension_or_the_option(
    cast: Any, tmp_path: Path, capsys: Any
) -> None:
    factories.contact(factories.organisation(cast.programme), "Anong S.")
    assert run("export", "contacts", tmp_path / "c.xlsx", "--programme", "mekong") == 0
    assert read_xlsx((tmp_path / "c.xlsx").read_bytes())["Contacts"][1][0] == "Anong S."
    assert run("export", "interactions", tmp_path / "log.dat", "--programme", "mekong") == 2
    assert "add --format csv or xlsx" in capsys.readouterr().err
    assert (
        run(
            "export",
            "interactions",
            tmp_path / "log.dat",
            "--programme",
            "mekong",
            "--format",
            "xlsx",
        )
        == 0
    )
    assert list(read_xlsx((tmp_path / "log.dat").read_bytes())) == ["Interactions"]
