"""Importing watch-list versions: official fixtures stored with date, checksum and entries; the
same file twice stores nothing; malformed files store nothing and leave the versions untouched;
the screening index is built once per set of current versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from partnerpath.core.matching.sources import MalformedXML, SourceError, WrongColumns
from partnerpath.screening import services
from partnerpath.screening.models import ListEntry, ListVersion, WatchList
from tests.screening.conftest import GENERIC, OFAC, UN_MALFORMED, UN_XML, WRONG_COLUMNS

pytestmark = pytest.mark.django_db


def test_an_ofac_folder_is_stored_with_its_entries_aliases_and_checksum() -> None:
    outcome = services.import_list(OFAC, "OFAC SDN", rescreen=False)
    version = outcome.version
    assert outcome.created
    assert version.is_current and version.entity_count == 5
    assert version.source_format == "ofac-legacy-csv"
    assert version.checksum.startswith("sha256:") and len(version.checksum) == 71
    # OFAC's legacy CSV has no date: the import date stands in, and says so.
    assert version.date_is_import_date and version.publication_date == timezone.localdate()
    person = ListEntry.objects.get(version=version, entity_id="ofac-6365")
    assert person.schema == "Person"
    assert "Usama BIN LADEN" in person.names and person.countries == ["af", "sa"]
    assert person.birth_dates == ["1957-07-30", "1958"]
    assert person.dataset == "SDGT" and len(person.content_hash) == 64
    assert "stored 5 entries" in outcome.message


def test_a_un_xml_keeps_the_publication_date_of_the_file() -> None:
    version = services.import_list(UN_XML, "UN consolidated", rescreen=False).version
    assert version.publication_date == dt.date(2026, 2, 27)
    assert not version.date_is_import_date
    assert set(version.entries.values_list("entity_id", flat=True)) == {"un-CDi.001", "un-KPe.001"}


def test_a_date_given_at_import_is_the_publication_date() -> None:
    version = services.import_list(
        OFAC, "OFAC SDN", published=dt.date(2021, 7, 7), rescreen=False
    ).version
    assert version.publication_date == dt.date(2021, 7, 7) and not version.date_is_import_date


def test_the_same_file_twice_stores_no_second_version() -> None:
    first = services.import_list(GENERIC, "Generic", rescreen=False)
    again = services.import_list(GENERIC, "Generic", rescreen=False)
    assert not again.created and again.version.pk == first.version.pk
    assert "current version already" in again.message
    assert ListVersion.objects.count() == 1 and ListEntry.objects.count() == 4


def test_a_changed_file_becomes_the_current_version_and_the_old_one_stays(write_list: Any) -> None:
    old = services.import_list(GENERIC, "Generic", rescreen=False).version
    new = services.import_list(
        write_list(("G1", "Thai Union Frozen Products PCL", "Company", "th", "")),
        "Generic",
        rescreen=False,
    ).version
    old.refresh_from_db()
    assert new.is_current and not old.is_current
    assert old.entries.count() == 4 and new.entries.count() == 1
    assert [v.pk for v in services.current_versions()] == [new.pk]


@pytest.mark.parametrize(
    ("path", "error"),
    [(UN_MALFORMED, MalformedXML), (WRONG_COLUMNS, WrongColumns)],
    ids=["bad-xml", "wrong-columns"],
)
def test_a_malformed_file_is_refused_and_stored_versions_stay_untouched(
    path: Any, error: type[Exception]
) -> None:
    current = services.import_list(GENERIC, "Generic", rescreen=False).version
    with pytest.raises(error):
        services.import_list(path, "Generic", rescreen=False)
    with pytest.raises(SourceError):
        services.import_list(path, "A new list", rescreen=False)
    current.refresh_from_db()
    assert current.is_current and ListVersion.objects.count() == 1
    assert ListEntry.objects.count() == 4
    assert list(WatchList.objects.values_list("name", flat=True)) == ["Generic"]


def test_a_file_in_the_wrong_encoding_is_refused(tmp_path: Any) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(
        "id,name,schema,country,aliases\n1,Société Générale,Company,fr,\n".encode("latin-1")
    )
    with pytest.raises(SourceError, match="not UTF-8"):
        services.import_list(path, "Latin", rescreen=False)
    assert not ListVersion.objects.exists()


def test_an_empty_list_name_is_refused() -> None:
    with pytest.raises(services.ListNameError):
        services.import_list(GENERIC, "   ", rescreen=False)


def test_repeated_ids_on_an_official_list_are_kept_apart(tmp_path: Any) -> None:
    # OFAC's files do repeat an entry number now and then: both entries are kept.
    (tmp_path / "sdn.csv").write_text(
        '36,"ALPHA TRADING",-0- ,"CUBA"' + ",-0- " * 8 + "\n"
        '36,"BETA TRADING",-0- ,"CUBA"' + ",-0- " * 8 + "\n",
        encoding="utf-8",
    )
    version = services.import_list(tmp_path, "Repeats", rescreen=False).version
    assert sorted(version.entries.values_list("entity_id", flat=True)) == ["ofac-36", "ofac-36#2"]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [("X1", "Alpha Trading", "Company", "th"), ("X1", "Beta Trading", "Company")],
            "row 3: the id 'X1' is already used by row 2",
        ),
        ([("X1", "Alpha Trading", "Company"), ("X2", "", "Company", "th")], "row 3: the name is"),
        ([("X1", "Alpha Trading", "Company", "Atlantis")], "row 2: unknown country 'Atlantis'"),
    ],
    ids=["repeated-id", "blank-name", "unknown-country"],
)
def test_a_generic_list_with_a_bad_row_is_refused_and_stores_nothing(
    write_list: Any, rows: list[tuple[str, ...]], message: str
) -> None:
    current = services.import_list(GENERIC, "Generic", rescreen=False).version
    with pytest.raises(SourceError, match=message):
        services.import_list(write_list(*rows), "Generic", rescreen=False)
    current.refresh_from_db()
    assert current.is_current and ListVersion.objects.count() == 1


def test_the_index_is_built_once_per_set_of_current_versions(write_list: Any) -> None:
    services.import_list(GENERIC, "Generic", rescreen=False)
    versions = services.current_versions()
    first = services.index_for(versions)
    assert services.index_for(services.current_versions()) is first
    assert len(first) == 6  # four names and two aliases
    services.import_list(write_list(("N1", "Nuevo Trading SA", "Company")), "Other", rescreen=False)
    assert services.index_for(services.current_versions()) is not first


def test_every_list_and_version_is_listed_in_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any, write_list: Any
) -> None:
    services.import_list(GENERIC, "Generic", rescreen=False)
    services.import_list(
        write_list(("N1", "Nuevo Trading SA", "Company")), "Generic", rescreen=False
    )
    services.import_list(UN_XML, "UN", rescreen=False)
    with django_assert_max_num_queries(3):
        lists = services.lists_with_versions()
        assert [(w.name, len(w.versions.all())) for w in lists] == [("Generic", 2), ("UN", 1)]
        assert all(v.imported_by is None for w in lists for v in w.versions.all())


def test_an_empty_list_file_is_refused_unless_forced(write_list: Any) -> None:
    first = services.import_list(write_list(("1", "Acme Trading", "Company")), "Generic")
    empty = write_list()
    with pytest.raises(services.ListImportRefused, match="holds no entries"):
        services.import_list(empty, "Generic", rescreen=False)
    assert ListVersion.objects.get(is_current=True).pk == first.version.pk
    forced = services.import_list(empty, "Generic", rescreen=False, force=True)
    assert forced.created and forced.version.entity_count == 0


def test_a_file_older_than_the_version_in_force_is_a_roll_back_only_when_forced(
    write_list: Any,
) -> None:
    services.import_list(UN_XML, "UN consolidated", rescreen=False)  # published 2026-02-27
    older = write_list(("1", "Acme Trading", "Company"))
    with pytest.raises(services.ListImportRefused, match="older than the version in force"):
        services.import_list(older, "UN consolidated", published=dt.date(2020, 1, 1))
    assert ListVersion.objects.filter(watch_list__name="UN consolidated").count() == 1
    rolled = services.import_list(
        older, "UN consolidated", published=dt.date(2020, 1, 1), rescreen=False, force=True
    )
    assert rolled.version.is_current


def test_a_publication_date_in_the_future_is_refused_even_when_forced(write_list: Any) -> None:
    later = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(services.ListImportRefused, match="in the future"):
        services.import_list(
            write_list(("1", "Acme", "Company")), "Generic", published=later, force=True
        )
    assert not ListVersion.objects.exists()
