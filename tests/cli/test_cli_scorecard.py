"""`partnerpath scorecard rank`, called through a fresh argparse parser."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from partnerpath import cli_scorecard
from partnerpath.cli import CommandError

SCORES = """round,opportunity,rater,factor,score,rationale
internal,Seafood worker voice,ana,Alignment to program objectives,5,core to our plan
internal,Seafood worker voice,ben,alignment,2,not our target group
internal,Seafood worker voice,ana,Systematic change,4,
internal,Seafood worker voice,ben,CSR/Reputation,NA,no data yet
internal,Seafood worker voice,ana,risk,2,
internal,Garment audits,ana,alignment,4,
internal,Garment audits,ben,alignment,4,
internal,Garment audits,ana,risk,4,
donor,Seafood worker voice,cy,alignment,4,
donor,Garment audits,cy,alignment,5,
donor,Garment audits,cy,risk,1,
donor,Recruitment fees,cy,alignment,3,
"""


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="partnerpath")
    cli_scorecard.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    assert args.needs_django is False
    code: int = args.handler(args)
    return code


@pytest.fixture
def scores(tmp_path: Path) -> Path:
    path = tmp_path / "scores.csv"
    path.write_text(SCORES, encoding="utf-8")
    return path


def test_the_table_shows_ranks_groups_stability_disagreements_and_rounds(
    scores: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["scorecard", "rank", str(scores), "--top", "1", "--samples", "500"]) == 0
    out = capsys.readouterr().out
    assert "scorecard-default-v1" in out and "round 'donor'" in out
    lines = [line.split() for line in out.splitlines()]
    assert lines[2][:3] == ["1", "Garment", "audits"]
    assert "P(top" in out and "concentration 100" in out
    assert "Rounds compared" in out and "▲1" in out
    assert "alters the top 1" in out


def test_json_has_every_round_the_comparison_and_the_sensitivity_method(
    scores: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["scorecard", "rank", str(scores), "--format", "json", "--samples", "200"]
    assert run([*argv, "--concentration", "50", "--seed", "4", "--top", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    internal, donor = data["rounds"]
    flagged = internal["disagreements"][0]
    assert (flagged["opportunity"], flagged["factor"]) == ("Seafood worker voice", "alignment")
    assert [s["rationale"] for s in flagged["scores"]] == [
        "core to our plan",
        "not our target group",
    ]
    assert internal["ranking"][0]["factors"]["csr_reputation"]["abstentions"] in {0, 1}
    assert data["sensitivity"]["concentration"] == 50 and data["sensitivity"]["seed"] == 4
    assert set(data["sensitivity"]["stability"]) == {r["opportunity"] for r in donor["ranking"]}


def test_csv_has_one_row_per_round_and_opportunity(
    scores: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["scorecard", "rank", str(scores), "--format", "csv", "--samples", "0"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["round"], r["rank"]) for r in rows][:2] == [("internal", "1"), ("internal", "2")]
    assert len(rows) == 5 and "risk_costs_points" in rows[0]


def test_weights_from_a_file_change_the_ranking(
    scores: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    weights = tmp_path / "weights.yaml"
    weights.write_text(
        "groups: {development: 10, business: 10, government: 10, risk_costs: 70}\n",
        encoding="utf-8",
    )
    assert run(["scorecard", "rank", str(scores), "--weights", str(weights), "--format", "json",
                "--samples", "0"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["rounds"][-1]["weights"]["groups"]["risk_costs"] == 70


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ("groups: {development: 50, business: 10, government: 10, risk_costs: 20}", "sum to 100"),
        (
            "ahp:\n  groups:\n"
            "    - [development, business, 9]\n    - [business, government, 9]\n"
            "    - [government, risk_costs, 9]\n    - [risk_costs, development, 9]\n"
            "    - [development, government, 1]\n    - [business, risk_costs, 1]\n",
            r"consistency ratio \d\.\d+ is above 0.10",
        ),
        ("groups: [", "line"),
    ],
)
def test_bad_weights_are_a_clear_error(
    scores: Path, tmp_path: Path, weights: str, message: str
) -> None:
    path = tmp_path / "weights.yaml"
    path.write_text(weights, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(["scorecard", "rank", str(scores), "--weights", str(path)])


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        ("opportunity,rater,factor,score\nA,a,Team morale,3\n", [], "row 2: unknown factor"),
        ("opportunity,rater,factor,score\nA,a,risk,8\n", [], "row 2: score 8 is out of range"),
        ("opportunity,rater,score\nA,a,3\n", [], "missing column"),
        ("", [], "the file is empty"),
        ("opportunity,rater,factor,score\nA,a,risk,3\n", ["--top", "0"], "--top must be 1"),
        ("opportunity,rater,factor,score\nA,a,risk,3\n", ["--samples", "-1"], "--samples"),
        ("opportunity,rater,factor,score\nA,a,risk,3\n", ["--concentration", "0"], "above 0"),
    ],
)
def test_bad_input_is_a_command_error_naming_the_problem(
    tmp_path: Path, content: str, extra: list[str], message: str
) -> None:
    path = tmp_path / "scores.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(["scorecard", "rank", str(path), *extra])


def test_a_missing_file_or_a_broken_template_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        run(["scorecard", "rank", str(tmp_path / "nope.csv")])
    scores = tmp_path / "s.csv"
    scores.write_text("opportunity,rater,factor,score\nA,a,risk,3\n", encoding="utf-8")
    template = tmp_path / "card.yaml"
    template.write_text("name: mine\nversion: 1\ngroups: []\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"card\.yaml: groups: a template needs at least one"):
        run(["scorecard", "rank", str(scores), "--template", str(template)])


def test_a_file_that_is_not_utf8_is_a_command_error(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("opportunity,rater,factor,score\nPêche,a,risk,3\n".encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        run(["scorecard", "rank", str(path)])
