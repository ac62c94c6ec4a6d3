"""`partnerpath lists` and `partnerpath lists import SOURCE --name NAME`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from partnerpath.cli import main
from partnerpath.screening.models import ListVersion, Screening
from tests import factories
from tests.screening.conftest import OFAC, UN_MALFORMED, UN_XML, WRONG_COLUMNS


def run(*args: object) -> int:
    return main([str(a) for a in args])


@pytest.mark.parametrize("command", [["lists"], ["lists", "import"]])
def test_every_lists_command_has_help(command: list[str], capsys: Any) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "usage: partnerpath lists" in out
    if command[-1] == "import":
        assert "--name" in out and "--published" in out and "OFAC legacy CSV folder" in out


@pytest.mark.django_db
def test_importing_a_list_stores_a_version_and_prints_its_entity_count(capsys: Any) -> None:
    assert run("lists", "import", OFAC, "--name", "OFAC SDN", "--published", "2021-07-07") == 0
    out = capsys.readouterr().out
    assert "OFAC SDN: stored 5 entries, published 2021-07-07, checksum sha256:" in out
    assert "5 entities in" in out
    version = ListVersion.objects.get()
    assert version.publication_date == dt.date(2021, 7, 7) and version.entity_count == 5


@pytest.mark.django_db
def test_the_same_file_again_stores_nothing(capsys: Any) -> None:
    run("lists", "import", UN_XML, "--name", "UN consolidated")
    capsys.readouterr()
    assert run("lists", "import", UN_XML, "--name", "UN consolidated") == 0
    assert "is the current version already" in capsys.readouterr().out
    assert ListVersion.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("source", "says"),
    [(UN_MALFORMED, "not well-formed XML"), (WRONG_COLUMNS, "missing columns")],
    ids=["bad-xml", "wrong-columns"],
)
def test_a_malformed_file_gives_a_clear_error_and_leaves_versions_untouched(
    source: Any, says: str, capsys: Any
) -> None:
    run("lists", "import", UN_XML, "--name", "UN consolidated")
    before = list(ListVersion.objects.values_list("pk", "checksum", "is_current"))
    capsys.readouterr()
    assert run("lists", "import", source, "--name", "UN consolidated") == 2
    err = capsys.readouterr().err
    assert says in err and "Nothing was stored" in err and "untouched" in err
    assert "Traceback" not in err
    assert list(ListVersion.objects.values_list("pk", "checksum", "is_current")) == before


@pytest.mark.django_db
def test_a_missing_source_and_an_unknown_user_are_reported(capsys: Any, tmp_path: Any) -> None:
    assert run("lists", "import", tmp_path / "nothing.xml", "--name", "UN") == 2
    assert "no such file" in capsys.readouterr().err
    assert run("lists", "import", UN_XML, "--name", "UN", "--as", "nobody") == 2
    assert "no user 'nobody'" in capsys.readouterr().err
    assert not ListVersion.objects.exists()


def test_a_bad_publication_date_is_refused(capsys: Any) -> None:
    with pytest.raises(SystemExit):
        run("lists", "import", OFAC, "--name", "OFAC", "--published", "7 July 2021")
    assert "YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.django_db
def test_lists_shows_every_version_with_date_count_and_checksum(capsys: Any, tmp_path: Any) -> None:
    newer = tmp_path / "newer.csv"
    newer.write_text("id,name,schema,country,aliases\nX1,Alpha Trading,Company,,\n", "utf-8")
    assert run("lists") == 0
    assert "No watch lists stored yet" in capsys.readouterr().out
    run("lists", "import", UN_XML, "--name", "UN consolidated")
    run("lists", "import", OFAC, "--name", "OFAC SDN")
    run("lists", "import", newer, "--name", "OFAC SDN")
    capsys.readouterr()
    assert run("lists") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["LIST", "LIST", "DATE", "ENTRIES", "IMPORTED", "FORMAT", "CHECKSUM"]
    rows = out[1:-1]
    assert len(rows) == 3
    un = next(r for r in rows if "UN consolidated" in r)
    assert un.startswith("* ") and "2026-02-27" in un and " 2 " in un and "sha256:" in un
    ofac = [r for r in rows if "OFAC SDN" in r]
    assert [r.startswith("* ") for r in ofac] == [True, False]  # newest (current) first
    assert "(imported)" in ofac[1] and " 5 " in ofac[1]


@pytest.mark.django_db
def test_an_import_queues_re_screening_of_programmes_with_active_organisations(
    cast: Any, capsys: Any
) -> None:
    factories.organisation(cast.programme, "Anglo Caribbean Company Limited", hq_country="GB")
    assert run("lists", "import", OFAC, "--name", "OFAC SDN") == 0
    assert "Re-screening queued for 1 programme" in capsys.readouterr().out
    assert Screening.objects.get().trigger == "list_update"
    run("lists", "import", UN_XML, "--name", "UN", "--no-rescreen")
    assert Screening.objects.count() == 1


@pytest.mark.django_db
def test_an_empty_or_older_file_is_refused_and_force_rolls_back(capsys: Any, tmp_path: Any) -> None:
    run("lists", "import", UN_XML, "--name", "UN consolidated")
    empty = tmp_path / "empty.csv"
    empty.write_text("id,name,schema,country,aliases\n", encoding="utf-8")
    capsys.readouterr()
    assert run("lists", "import", empty, "--name", "UN consolidated") == 2
    assert "holds no entries" in capsys.readouterr().err
    older = tmp_path / "older.csv"
    older.write_text("id,name,schema,country,aliases\n1,Acme,Company,,\n", encoding="utf-8")
    args = ("lists", "import", older, "--name", "UN consolidated", "--published", "2020-01-01")
    assert run(*args) == 2
    assert "--force to roll back" in capsys.readouterr().err
    assert ListVersion.objects.count() == 1
    assert run(*args, "--force", "--no-rescreen") == 0
    assert ListVersion.objects.get(is_current=True).publication_date == dt.date(2020, 1, 1)


@pytest.mark.django_db
def test_a_generic_list_with_bad_rows_names_each_row_and_stores_nothing(
    capsys: Any, tmp_path: Any
) -> None:
    path = tmp_path / "entity-list.csv"
    path.write_text(
        "id,name,schema,country,aliases\n"
        "E1,Alpha Fishing Co Ltd,Company,TH,\n"
        "E2,,Company,TH,\n"
        "E1,Beta Fishing Co Ltd,Company,THA,\n"
        "E3,Gamma Fishing Co Ltd,Company,Atlantis,\n"
        ",,,,\n",
        encoding="utf-8",
    )
    assert run("lists", "import", path, "--name", "Entity list", "--no-rescreen") == 2
    err = capsys.readouterr().err
    assert "3 problems" in err and "row 3: the name is empty" in err
    assert "row 4: the id 'E1' is already used by row 2" in err
    assert "row 5: unknown country 'Atlantis'" in err
    assert "Nothing was stored" in err and "Traceback" not in err
    assert not ListVersion.objects.exists()
