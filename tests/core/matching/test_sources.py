"""Importers read each official format from small fixtures and reject malformed files clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnerpath.core.matching.entities import Schema
from partnerpath.core.matching.sources import (
    BadRows,
    MalformedXML,
    UnknownFormat,
    WrongColumns,
    WrongEncoding,
    detect_format,
    load_source,
)

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("ofac", "ofac"),
        ("un_consolidated.xml", "un"),
        ("opensanctions.ijson", "ftm"),
        ("targets.simple.csv", "targets-simple"),
        ("generic_list.csv", "generic"),
    ],
)
def test_it_detects_each_list_format(path: str, fmt: str) -> None:
    assert detect_format(FIXTURES / path) == fmt


def test_it_reads_an_ofac_folder_with_aliases_countries_and_birth_dates() -> None:
    loaded = load_source(FIXTURES / "ofac")
    by_id = {e.id: e for e in loaded.entities}
    assert loaded.meta.entity_count == 5 and loaded.meta.checksum.startswith("sha256:")
    assert loaded.meta.publication_date is None  # the legacy CSV carries no date
    osama = by_id["ofac-6365"]
    assert osama.schema is Schema.PERSON
    assert "Usama bin Muhammad bin Awad BIN LADIN" in osama.names
    assert "Osama BIN LADEN" in osama.names
    assert {"af", "sa"} <= osama.countries
    assert {"1957-07-30", "1958"} == osama.birth_dates
    assert "A1234567" in osama.identifiers
    assert by_id["ofac-9999"].schema is Schema.VESSEL
    assert by_id["ofac-173"].countries == {"gb"}


def test_it_reads_the_un_list_with_its_publication_date() -> None:
    loaded = load_source(FIXTURES / "un_consolidated.xml")
    assert loaded.meta.publication_date == "2026-02-27"
    person, entity = loaded.entities
    assert person.names == ("ERIC BADEGE", "Eric Badégé") and person.birth_dates == {"1971"}
    assert person.countries == {"cd", "rw"} and "OB0123456" in person.identifiers
    assert entity.schema is Schema.ORGANIZATION and "KOMID" in entity.names


def test_it_reads_followthemoney_json_lines_and_skips_other_schemas() -> None:
    loaded = load_source(FIXTURES / "opensanctions.ijson")
    assert [e.id for e in loaded.entities] == ["NK-abc", "NK-def"]
    assert loaded.meta.publication_date == "2025-04-02"
    assert loaded.entities[0].countries == {"th"}
    assert "Виктор Бут" in loaded.entities[1].names


def test_it_reads_targets_simple_csv() -> None:
    loaded = load_source(FIXTURES / "targets.simple.csv")
    company = loaded.entities[0]
    assert company.names == ("PT Sumber Laut Perkasa", "Sumber Laut Perkasa", "PT. Sumber Laut")
    assert loaded.meta.publication_date == "2025-05-01"


def test_it_reads_a_generic_csv() -> None:
    loaded = load_source(FIXTURES / "generic_list.csv")
    assert len(loaded.entities) == 4 and loaded.entities[3].schema is Schema.PERSON


@pytest.mark.parametrize(
    ("path", "error"),
    [
        ("un_malformed.xml", MalformedXML),
        ("wrong_columns.csv", WrongColumns),
        ("latin1_list.csv", WrongEncoding),
        ("no_such_file.xml", UnknownFormat),
    ],
)
def test_it_rejects_malformed_files_with_a_typed_error(path: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        load_source(FIXTURES / path)


def test_it_rejects_an_ofac_file_with_missing_columns(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_text('36,"AEROCARIBBEAN AIRLINES",-0-\n', encoding="utf-8")
    with pytest.raises(WrongColumns, match="columns"):
        load_source(tmp_path)


def _generic(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "list.csv"
    path.write_text(
        "id,name,schema,country,aliases\n" + "".join(r + "\n" for r in rows), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("rows", "problems"),
    [
        (
            ["X1,Alpha Trading,Company,th,", "X2,Beta Trading,Company,,", "X1,Gamma,Company,,"],
            ["row 4: the id 'X1' is already used by row 2"],
        ),
        (["X1,,Company,th,Alpha"], ["row 2: the name is empty"]),
        (
            ["X1,Alpha Trading,Company,Atlantis,"],
            [
                "row 2: unknown country 'Atlantis' (give an ISO code such as TH or THA, or the "
                "country's English name)"
            ],
        ),
        (
            ["X1,,Company,th;Atlantis,", "X1,Alpha,Company,,"],
            [
                "row 2: the name is empty",
                "row 2: unknown country 'Atlantis' (give an ISO code such as TH or THA, or the "
                "country's English name)",
                "row 3: the id 'X1' is already used by row 2",
            ],
        ),
        (
            ["X1,Alpha,Spaceship,,"],
            [
                "row 2: unknown schema 'Spaceship'; expected one of Person, Company, "
                "Organization, LegalEntity, Vessel"
            ],
        ),
    ],
    ids=["repeated-id", "blank-name", "unknown-country", "every-problem", "unknown-schema"],
)
def test_a_generic_csv_with_bad_rows_is_refused_naming_each_row(
    tmp_path: Path, rows: list[str], problems: list[str]
) -> None:
    with pytest.raises(BadRows) as refused:
        load_source(_generic(tmp_path, *rows))
    assert refused.value.problems == problems
    assert str(refused.value).startswith(f"list.csv: {len(problems)} problem")


@pytest.mark.parametrize("country", ["TH", "tha", "Thailand", "Viet Nam", "Burma", "Kosovo"])
def test_a_generic_csv_accepts_iso_codes_and_country_names(tmp_path: Path, country: str) -> None:
    loaded = load_source(_generic(tmp_path, f"X1,Alpha Trading,Company,{country},"))
    assert len(loaded.entities[0].countries) == 1


def test_a_generic_csv_skips_rows_that_are_entirely_blank(tmp_path: Path) -> None:
    loaded = load_source(_generic(tmp_path, "X1,Alpha Trading,Company,th,", ",,,,", "  , ,,,"))
    assert [e.id for e in loaded.entities] == ["X1"]
