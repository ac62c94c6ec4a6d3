"""The import service: files it refuses, row problems, duplicates, contacts, atomic commits."""

from __future__ import annotations

import codecs
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from partnerpath.audit.models import Change
from partnerpath.core.cells import CellKind
from partnerpath.registry import imports
from partnerpath.registry.choices import ImportStatus
from partnerpath.registry.models import Contact, ImportBatch, Organisation
from partnerpath.registry.services import possible_duplicates
from tests import factories
from tests.registry.spreadsheets import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

ORG_HEADERS = ["Name", "Kind", "HQ country", "Sectors", "Website", "Employees"]
GOOD_ORGS = [
    ORG_HEADERS,
    ["Siam Seafood Co., Ltd.", "Company", "Thailand", "fisheries", "siam.example", "1,200"],
    ["Mekong Builders", "company", "VN", "Construction", "", "50"],
]


def plan(cast: Any, data: bytes, kind: str = "organisations", name: str = "orgs.csv") -> Any:
    return imports.plan_import(cast.programme, kind, name, data)


def refused(cast: Any, data: bytes, name: str = "orgs.csv", kind: str = "organisations") -> str:
    with pytest.raises(imports.ImportFileError) as info:
        imports.start_batch(cast.programme, kind, name, data, cast.member)
    assert ImportBatch.objects.count() == 0 and Organisation.objects.count() == 0
    return str(info.value)


@pytest.mark.parametrize("bom", [False, True], ids=["plain", "with-bom"])
def test_it_reads_utf8_csv_with_or_without_a_byte_order_mark(cast: Any, bom: bool) -> None:
    result = plan(cast, csv_bytes(GOOD_ORGS, bom=bom))
    assert [r.name for r in result.organisations] == ["Siam Seafood Co., Ltd.", "Mekong Builders"]
    assert result.problems == []


def test_it_reads_semicolon_separated_and_utf16_files(cast: Any) -> None:
    assert len(plan(cast, csv_bytes(GOOD_ORGS, delimiter=";")).organisations) == 2
    utf16 = codecs.BOM_UTF16_LE + csv_bytes(GOOD_ORGS, delimiter="\t").decode().encode("utf-16-le")
    assert len(plan(cast, utf16).organisations) == 2


def test_it_refuses_other_encodings_saying_how_to_save_as_utf8(cast: Any) -> None:
    data = csv_bytes([["Name", "HQ country"], ["Café São Paulo", "BR"]], encoding="latin-1")
    message = refused(cast, data)
    assert "not UTF-8" in message and "line 2" in message and "CSV UTF-8" in message


def test_it_lists_the_missing_required_headers(cast: Any) -> None:
    message = refused(cast, csv_bytes([["Company size", "Country"], ["Big", "TH"]]))
    assert "lacks the required column: Name" in message
    assert "Company size, Country" in message
    contacts = refused(cast, csv_bytes([["E-mail"], ["a@b.example"]]), kind="contacts")
    assert "Name, Organisation" in contacts


@pytest.mark.parametrize(
    "data",
    [b"", b"\n\r\n  \n", "\ufeff".encode(), b"Name,HQ country\n"],
    ids=["empty", "blank-lines", "only-bom", "headers-only"],
)
def test_it_refuses_empty_files(cast: Any, data: bytes) -> None:
    assert "empty" in refused(cast, data) or "no data rows" in refused(cast, data)


def test_it_refuses_files_over_the_size_limit(cast: Any, settings: Any) -> None:
    settings.IMPORT_MAX_BYTES = 2048
    rows = [ORG_HEADERS] + [[f"Organisation {i}", "", "TH", "", "", ""] for i in range(200)]
    message = refused(cast, csv_bytes(rows))
    assert "the limit is" in message and "IMPORT_MAX_BYTES" in message


def test_it_refuses_more_rows_than_the_limit(cast: Any, settings: Any) -> None:
    settings.IMPORT_MAX_ROWS = 3
    rows = [ORG_HEADERS] + [[f"Organisation {i}", "", "TH", "", "", ""] for i in range(4)]
    assert "more than 3 rows" in refused(cast, csv_bytes(rows))
    assert "more than 3 rows" in refused(cast, xlsx_bytes({"Organisations": rows}), "o.xlsx")


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("orgs.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
        ("orgs.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        ("orgs.csv", bytes(range(256)) * 4, "binary data"),
        ("orgs.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old-style Office file"),
        ("orgs.xlsx", b"Name,HQ country\nSiam,TH\n", "named like an Excel workbook"),
        ("orgs.xlsx", b"PK\x03\x04" + b"\x00" * 100, "not an Excel workbook"),
    ],
    ids=["pdf", "png", "binary", "xls", "text-named-xlsx", "broken-zip"],
)
def test_it_refuses_files_that_are_not_spreadsheets(
    cast: Any, name: str, data: bytes, expected: str
) -> None:
    assert expected in refused(cast, data, name)


def test_row_problems_name_the_row_and_column(cast: Any) -> None:
    data = csv_bytes(
        [
            ["Name", "HQ country", "Website", "E-mail"],
            ["Siam Seafood", "Atlantis", "not a url", "x"],
            ["", "TH", "", ""],
        ]
    )
    result = plan(cast, data)
    assert result.notes == ["Columns not imported: E-mail."]
    assert result.problems == [
        'Row 2, column "HQ country": "Atlantis" is not a country code or name (for example TH or '
        "Thailand).",
        'Row 2, column "Website": "not a url" is not a web address (for example https://example.org).',
        'Row 3, column "Name": is empty; every row needs one.',
    ]


def test_nothing_is_written_when_one_row_is_bad(cast: Any) -> None:
    rows = [*GOOD_ORGS, ["Bad Row", "Spaceship", "TH", "", "", ""]]
    with pytest.raises(imports.ImportRejected) as info:
        imports.commit_plan(plan(cast, csv_bytes(rows)), cast.programme)
    assert info.value.problems == [
        'Row 4, column "Kind": "Spaceship" is not one of: Company; Industry association; '
        "NGO / CSO; Government agency; International organisation; Trade union; Recruitment agency."
    ]
    assert (
        Organisation.objects.count() == 0
        and Change.objects.filter(reason__startswith="Imp").count() == 0
    )


def test_a_database_failure_midway_rolls_every_row_back(cast: Any, monkeypatch: Any) -> None:
    real_save = Organisation.save
    calls = {"n": 0}

    def failing_save(self: Organisation, *args: Any, **kwargs: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise IntegrityError("disk full")
        real_save(self, *args, **kwargs)

    monkeypatch.setattr(Organisation, "save", failing_save)
    with pytest.raises(imports.ImportRejected) as info:
        imports.commit_plan(plan(cast, csv_bytes(GOOD_ORGS)), cast.programme)
    assert info.value.problems == [
        "The database refused the import (disk full); nothing was written."
    ]
    assert (
        Organisation.objects.count() == 0
        and not Change.objects.filter(object_repr="Siam Seafood Co., Ltd.").exists()
    )


def test_rows_repeating_an_earlier_row_are_problems(cast: Any) -> None:
    rows = [*GOOD_ORGS, ["SIAM SEAFOOD COMPANY LIMITED", "", "TH", "", "", ""]]
    assert plan(cast, csv_bytes(rows)).problems == [
        "Row 4: repeats row 2 (same name and HQ country)."
    ]


def existing_siam(cast: Any) -> Organisation:
    return factories.organisation(
        cast.programme,
        "Siam Seafood Company Limited",
        hq_country="TH",
        sectors=["manufacturing"],
        employees=900,
    )


def test_possible_duplicates_follow_the_registry_rule(cast: Any) -> None:
    siam = existing_siam(cast)
    factories.organisation(cast.programme, "Mekong Builders", hq_country="TH")  # other country
    factories.organisation(
        cast.other_programme, "Mekong Builders", hq_country="VN"
    )  # other programme
    result = plan(cast, csv_bytes(GOOD_ORGS))
    assert [(r.name, r.matches) for r in result.duplicates] == [
        ("Siam Seafood Co., Ltd.", [(siam.pk, siam.name)])
    ]
    for row in result.organisations:
        expected = possible_duplicates(cast.programme, row.name, row.parsed.values["hq_country"])
        assert [pk for pk, _ in row.matches] == [o.pk for o in expected]


@pytest.mark.parametrize(
    ("choice", "organisations", "siam"),
    [
        (
            "merge",
            2,
            {
                "website": "https://siam.example",
                "sectors": ["manufacturing", "fisheries"],
                "employees": 900,
                "name": "Siam Seafood Company Limited",
            },
        ),
        ("create", 3, {"website": "", "sectors": ["manufacturing"], "employees": 900}),
        ("skip", 2, {"website": "", "sectors": ["manufacturing"], "employees": 900}),
    ],
)
def test_a_possible_duplicate_is_merged_created_or_skipped_as_chosen(
    cast: Any, choice: str, organisations: int, siam: dict[str, object]
) -> None:
    existing = existing_siam(cast)
    outcome = imports.commit_plan(plan(cast, csv_bytes(GOOD_ORGS)), cast.programme, default=choice)
    existing.refresh_from_db()
    assert Organisation.objects.filter(programme=cast.programme).count() == organisations
    assert {k: getattr(existing, k) for k in siam} == siam
    assert (
        outcome.counts["organisations"][
            {"create": "created", "merge": "merged", "skip": "skipped"}[choice]
        ]
        >= 1
    )


def test_a_choice_for_one_row_overrides_the_default(cast: Any) -> None:
    existing_siam(cast)
    result = plan(cast, csv_bytes(GOOD_ORGS))
    imports.commit_plan(
        result, cast.programme, default="skip", decisions={"organisations-2": "create"}
    )
    assert Organisation.objects.filter(normalised_name="siam seafood").count() == 2


CONTACT_HEADERS = [
    "Name",
    "Organisation",
    "Organisation country",
    "E-mail",
    "Department",
    "Champion",
]


def test_contacts_name_an_organisation_of_the_programme(cast: Any) -> None:
    siam = existing_siam(cast)
    factories.organisation(cast.other_programme, "Outside Ltd", hq_country="TH")
    data = csv_bytes(
        [
            CONTACT_HEADERS,
            [
                "Anong S.",
                "Siam Seafood Co Ltd",
                "",
                "anong@siam.example",
                "Sustainability / CSR",
                "yes",
            ],
            ["Niran K.", "Outside Ltd", "TH", "", "", ""],
        ]
    )
    result = plan(cast, data, "contacts")
    assert result.problems == [
        'Row 3, column "Organisation": no organisation "Outside Ltd" with HQ country TH in this '
        "programme."
    ]
    assert result.contacts[0].organisation == ("db", siam.pk)


def test_a_name_shared_by_organisations_in_two_countries_needs_the_country(cast: Any) -> None:
    existing_siam(cast)
    vietnam = factories.organisation(cast.programme, "Siam Seafood", hq_country="VN")
    rows = [CONTACT_HEADERS, ["Anong S.", "Siam Seafood", "", "", "", ""]]
    assert (
        "add the Organisation country column" in plan(cast, csv_bytes(rows), "contacts").problems[0]
    )
    rows[1][2] = "Viet Nam"
    result = plan(cast, csv_bytes(rows), "contacts")
    assert result.problems == [] and result.contacts[0].organisation == ("db", vietnam.pk)


def test_a_workbook_imports_organisations_with_contacts_naming_them(cast: Any) -> None:
    data = xlsx_bytes(
        {
            "Organisations": GOOD_ORGS,
            "Contacts": [CONTACT_HEADERS, ["Anong S.", "Mekong Builders", "VN", "", "", "yes"]],
            "Help": [["this sheet is ignored"]],
        }
    )
    outcome = imports.commit_plan(plan(cast, data, name="orgs.xlsx"), cast.programme)
    assert outcome.counts == {
        "organisations": {"created": 2, "merged": 0, "skipped": 0},
        "contacts": {"created": 1, "merged": 0, "skipped": 0},
    }
    anong = Contact.objects.get(name="Anong S.")
    assert anong.organisation.name == "Mekong Builders" and anong.is_champion


def test_contacts_already_in_the_programme_are_possible_duplicates(cast: Any) -> None:
    siam = existing_siam(cast)
    anong = factories.contact(siam, "Anong  S.", title="")
    data = csv_bytes(
        [
            ["Name", "Organisation", "Job title", "E-mail"],
            ["anong s.", "Siam Seafood", "CSR manager", "anong@siam.example"],
            ["Niran K.", "Siam Seafood", "", "anong@siam.example"],
        ]
    )
    result = plan(cast, data, "contacts")
    assert result.problems == ["Row 3: repeats row 2 (same e-mail address)."]
    data = csv_bytes(
        [["Name", "Organisation", "Job title"], ["anong s.", "Siam Seafood", "CSR manager"]]
    )
    result = plan(cast, data, "contacts")
    assert [r.matches for r in result.duplicates] == [[(anong.pk, "Anong  S.")]]
    imports.commit_plan(result, cast.programme, default="merge")
    anong.refresh_from_db()
    assert anong.title == "CSR manager" and Contact.objects.count() == 1


def test_history_records_who_imported_and_from_which_file(cast: Any) -> None:
    imports.commit_plan(
        plan(cast, csv_bytes(GOOD_ORGS), name="mekong.csv"), cast.programme, user=cast.member
    )
    changes = Change.objects.filter(action="create", content_type__model="organisation")
    assert changes.count() == 2
    assert {(c.actor_id, c.actor_label, c.reason) for c in changes} == {
        (cast.member.pk, "member", "Imported from mekong.csv")
    }


def test_a_batch_is_previewed_then_committed_once(cast: Any) -> None:
    batch = imports.start_batch(
        cast.programme, "organisations", "orgs.csv", csv_bytes(GOOD_ORGS), cast.member
    )
    assert (batch.status, batch.row_count, batch.error_count) == (ImportStatus.PREVIEWED, 2, 0)
    assert Organisation.objects.count() == 0
    imports.commit_batch(batch, {}, "skip", cast.member)
    batch.refresh_from_db()
    assert (batch.status, batch.created_count) == (ImportStatus.COMMITTED, 2)
    assert (
        batch.committed_at is not None and batch.summary["outcome"]["organisations"]["created"] == 2
    )
    with pytest.raises(imports.ImportRejected, match="1 problem"):
        imports.commit_batch(batch, {}, "skip", cast.member)
    assert Organisation.objects.count() == 2


def test_a_batch_that_went_bad_since_the_preview_fails_without_writing(cast: Any) -> None:
    rows = [ORG_HEADERS, ["Siam", "", "TH", "", "", ""]]
    batch = imports.start_batch(
        cast.programme, "organisations", "o.csv", csv_bytes(rows), cast.member
    )
    factories.organisation(cast.programme, "Other")
    batch.stored_file.save("o.csv", ContentFile(b"Colour\nred\n"), save=True)
    with pytest.raises(imports.ImportRejected):
        imports.commit_batch(batch, {}, "skip", cast.member)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.FAILED and Organisation.objects.count() == 1


def test_checking_a_file_takes_a_constant_number_of_queries(cast: Any) -> None:
    existing_siam(cast)
    rows = [ORG_HEADERS] + [[f"Organisation {i}", "", "TH", "", "", ""] for i in range(300)]
    with CaptureQueriesContext(connection) as queries:
        plan(cast, csv_bytes(rows))
    assert len(queries) <= 2


def test_a_second_commit_of_the_same_batch_imports_nothing_twice(cast: Any) -> None:
    data = csv_bytes(GOOD_ORGS)
    batch = imports.start_batch(cast.programme, "organisations", "o.csv", data, cast.member)
    stale = ImportBatch.objects.get(pk=batch.pk)  # another request holding the same preview
    imports.commit_batch(batch, {}, "skip", cast.member)
    with pytest.raises(imports.ImportRejected, match="1 problem"):
        imports.commit_batch(stale, {}, "skip", cast.member)
    stale.refresh_from_db()
    assert stale.status == ImportStatus.COMMITTED and Organisation.objects.count() == 2


FREE_TEXT = {CellKind.TEXT, CellKind.EMAIL, CellKind.URL, CellKind.LEI}


@pytest.mark.parametrize(
    ("kind", "model"), [("organisations", Organisation), ("contacts", Contact)]
)
def test_every_column_fits_its_model_field(kind: str, model: Any) -> None:
    for column in imports.columns_for(kind):
        if column.key in {"organisation", "organisation_country"}:
            continue
        field = model._meta.get_field(column.key)
        limit = getattr(field, "max_length", None)
        if column.kind in FREE_TEXT and limit:
            assert column.max_length is not None and column.max_length <= limit, column.key
        if column.kind is CellKind.CHOICE:
            assert set(column.options) == {value for value, _ in field.choices}, column.key
