"""The `compare` and `screen` commands, called through a fresh argparse parser."""

from __future__ import annotations

import argparse
import csv
import io
import json
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
