"""The `compare` and `screen` commands, called through a fresh argparse parser."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from partnerpath import cli_matching

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "matching" / "fixtures"


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="partnerpath")
    cli_matching.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    code: int = args.func(args)
    return code


def test_compare_adds_score_match_and_explanation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "schema,name1,name2,note\n"
        "company,Thai Union Group PCL,Thai Union Frozen Products PCL,sibling\n"
        "PERSON,Putin Vladimir,Владимир Путин,script\n",
        encoding="utf-8",
    )
    assert run(["compare", str(pairs)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["match"] for r in rows] == ["false", "true"]
    assert rows[0]["note"] == "sibling" and "screening-v4" in rows[0]["explanation"]
    assert 0.0 <= float(rows[0]["score"]) <= 1.0


def test_compare_writes_to_an_output_file_and_honours_the_threshold(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "schema,name1,name2,country1,country2\nCompany,Acme Co Ltd,Acme Company Limited,th,th\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert run(["compare", str(pairs), "--threshold", "1", "--output", str(out)]) == 0
    assert next(iter(csv.DictReader(out.open(encoding="utf-8"))))["match"] == "true"


@pytest.mark.parametrize(
    ("content", "message"),
    [("name,other\nx,y\n", "missing column"), ("schema,name1,name2\nBoat,a,b\n", "unknown schema")],
)
def test_compare_rejects_bad_input_with_exit_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, message: str
) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(content, encoding="utf-8")
    assert run(["compare", str(pairs)]) == 2
    assert message in capsys.readouterr().err


def _queries(tmp_path: Path) -> Path:
    path = tmp_path / "queries.csv"
    path.write_text(
        "id,name,schema,country,aliases,birth_date,registration_number\n"
        "q1,Osama bin Laden,Person,,Usama bin Ladin,1957-07-30,\n"
        "q2,Thai Union Frozen Products Public Company Limited,Company,th,,,\n"
        "q3,Blue Lagoon Textiles,Company,,,,\n",
        encoding="utf-8",
    )
    return path


def test_screen_writes_one_row_per_hit_with_list_and_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(
        [
            "screen",
            str(_queries(tmp_path)),
            "--list",
            str(FIXTURES / "ofac"),
            "--list",
            str(FIXTURES / "un_consolidated.xml"),
            "--list",
            str(FIXTURES / "generic_list.csv"),
        ]
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    hits = {(r["query_id"], r["entity_id"]): r for r in rows}
    assert hits[("q1", "ofac-6365")]["match"] == "true"
    assert hits[("q2", "G1")]["list"] == "generic_list"
    assert not [r for r in rows if r["query_id"] == "q3"]


def test_screen_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "hits.json"
    code = run(
        [
            "screen",
            str(_queries(tmp_path)),
            "--list",
            str(FIXTURES / "un_consolidated.xml"),
            "--list",
            str(FIXTURES / "opensanctions.ijson"),
            "--format",
            "json",
            "--output",
            str(out),
        ]
    )
    assert code == 0
    assert isinstance(json.loads(out.read_text(encoding="utf-8")), list)


@pytest.mark.parametrize(
    "bad_list", ["un_malformed.xml", "wrong_columns.csv", "latin1_list.csv", "missing.xml"]
)
def test_screen_reports_a_bad_list_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bad_list: str
) -> None:
    code = run(["screen", str(_queries(tmp_path)), "--list", str(FIXTURES / bad_list)])
    err = capsys.readouterr().err
    assert code == 2 and "error:" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("birth_date", "reason"),
    [
        ("30/07/1957", "birth_date=1: same birth date"),
        ("1957", "birth_date=0.75: same birth year"),
        ("1957-07-30", "birth_date=1: same birth date"),
    ],
)
def test_screen_reads_birth_dates_in_day_month_year_form(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], birth_date: str, reason: str
) -> None:
    queries = tmp_path / "queries.csv"
    queries.write_text(
        f"id,name,schema,birth_date\nq1,Osama bin Laden,Person,{birth_date}\n", encoding="utf-8"
    )
    assert run(["screen", str(queries), "--list", str(FIXTURES / "ofac")]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    hit = next(r for r in rows if r["entity_id"] == "ofac-6365")
    assert reason in hit["explanation"]


@pytest.mark.parametrize("birth_date", ["02/0", "31/02/1971", "someday"])
def test_screen_refuses_a_birth_date_it_cannot_read_with_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], birth_date: str
) -> None:
    queries = tmp_path / "queries.csv"
    queries.write_text(
        f"id,name,schema,birth_date\nq1,Ann Lee,Person,1970\nq2,Bo Li,Person,{birth_date}\n",
        encoding="utf-8",
    )
    assert run(["screen", str(queries), "--list", str(FIXTURES / "ofac")]) == 2
    err = capsys.readouterr().err
    assert "line 3: birth_date" in err and birth_date in err and "Traceback" not in err


def _ofac_copy(tmp_path: Path, modified: dt.datetime) -> Path:
    folder = tmp_path / "ofac"
    shutil.copytree(FIXTURES / "ofac", folder)
    stamp = modified.timestamp()
    os.utime(folder / "sdn.csv", (stamp, stamp))
    return folder


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_screen_dates_a_list_without_a_date_by_its_file_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    ofac = _ofac_copy(tmp_path, dt.datetime(2021, 7, 7, 12, 0))
    queries = tmp_path / "queries.csv"
    queries.write_text(
        "id,name,schema\nq1,Osama bin Laden,Person\nq2,Eric Badege,Person\n", encoding="utf-8"
    )
    argv = ["screen", str(queries), "--list", str(ofac), "--format", fmt]
    assert run([*argv, "--list", str(FIXTURES / "un_consolidated.xml")]) == 0
    out = capsys.readouterr().out
    rows = json.loads(out) if fmt == "json" else list(csv.DictReader(io.StringIO(out)))
    dates = {(r["list"], r["list_date"], r["list_date_source"]) for r in rows}
    assert ("ofac", "2021-07-07", "file_modified") in dates
    assert ("un_consolidated", "2026-02-27", "published") in dates
    if fmt == "csv":
        assert list(rows[0]) == list(cli_matching.SCREEN_COLUMNS)
    else:
        assert set(cli_matching.SCREEN_COLUMNS) | {"result"} == set(rows[0])
        assert rows[0]["match"] is True and isinstance(rows[0]["score"], float)


def test_compare_failing_partway_leaves_no_output_and_an_earlier_output_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = tmp_path / "pairs.csv"
    good = "Company,Acme Co Ltd,Acme Company Limited\n" * 50
    pairs.write_text(f"schema,name1,name2\n{good}Boat,a,b\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert run(["compare", str(pairs), "--output", str(out)]) == 2
    assert "line 52" in capsys.readouterr().err
    assert not out.exists() and list(tmp_path.iterdir()) == [pairs]
    out.write_text("earlier results\n", encoding="utf-8")
    assert run(["compare", str(pairs), "--output", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "earlier results\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv", "scores.csv"]


def test_compare_replaces_an_earlier_output_once_every_pair_is_scored(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("schema,name1,name2\nCompany,Acme Co Ltd,Acme Corp\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    out.write_text("earlier results\n", encoding="utf-8")
    assert run(["compare", str(pairs), "--output", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("schema,name1,name2,score,match")
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv", "scores.csv"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_screen_failing_while_writing_leaves_no_output_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(cli_matching.json, "dump", broken)
    monkeypatch.setattr(cli_matching.csv.DictWriter, "writerow", broken)
    out = tmp_path / "hits.out"
    argv = ["screen", str(_queries(tmp_path)), "--list", str(FIXTURES / "ofac")]
    with pytest.raises(OSError, match="disk full"):
        run([*argv, "--format", fmt, "--output", str(out)])
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["queries.csv"]


def test_screen_that_fails_keeps_an_earlier_output_file(tmp_path: Path) -> None:
    queries = tmp_path / "queries.csv"
    queries.write_text("id,name,schema,birth_date\nq1,Bo Li,Person,someday\n", encoding="utf-8")
    out = tmp_path / "hits.csv"
    out.write_text("earlier hits\n", encoding="utf-8")
    argv = ["screen", str(queries), "--list", str(FIXTURES / "ofac"), "--output", str(out)]
    assert run(argv) == 2
    assert out.read_text(encoding="utf-8") == "earlier hits\n"


def test_an_output_in_a_missing_folder_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = tmp_path / "pairs.csv"
    pairs.write_text("schema,name1,name2\nCompany,Acme,Acme\n", encoding="utf-8")
    assert run(["compare", str(pairs), "--output", str(tmp_path / "no" / "out.csv")]) == 2
    assert "cannot write" in capsys.readouterr().err
