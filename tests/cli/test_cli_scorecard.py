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


FULL = "\n".join(
    f"Full,ana,{key},{score}"
    for key, score in [
        ("alignment", 4), ("scalable_regionally", 4), ("innovative_approach", 3),
        ("sustainability", 3), ("systemic_change", 3), ("business_goals", 3),
        ("partner_champion", 4), ("csr_reputation", 3), ("local_priorities", 3),
        ("law_enforcement", 3), ("difficulty", 2), ("risk", 2), ("staff_intensity", 2),
        ("additional_resources", 2), ("time_horizon", 2),
    ]
)  # fmt: skip
# Thin: 2 of 15 factors (22% of the weight), all 5s. Blank: nothing but NA.
GAPS = (
    "opportunity,rater,factor,score\n" + FULL + "\nThin,ana,alignment,5\nThin,ana,business_goals,5"
    "\nBlank,ana,alignment,NA\nBlank,ana,risk,NA\n"
)


@pytest.fixture
def gaps(tmp_path: Path) -> Path:
    path = tmp_path / "gaps.csv"
    path.write_text(GAPS, encoding="utf-8")
    return path


def test_the_table_leaves_the_unscored_unranked_and_warns_loudly_of_low_coverage(
    gaps: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["scorecard", "rank", str(gaps), "--top", "1", "--samples", "200"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines()[2:5]]
    assert [row[:4] for row in rows] == [
        ["1", "Thin", "100.00", "22%"],
        ["2", "Full", "61.37", "100%"],
        ["-", "Blank", "-", "0%"],
    ]
    assert "LOW COVERAGE: 22% of the weight scored" in out.splitlines()[2]
    assert out.splitlines()[4].endswith("not enough scores to rank")
    assert "WARNING: LOW COVERAGE: 1 opportunity is ranked on less than 60% of the weight" in out
    assert "Not ranked, not enough scores to rank (no factor has a score): 'Blank'" in out
    # Missing rows are not called insufficient information; the NAs are.
    assert "Thin: Low coverage" in out and "(no rater gave a score row)" in out
    assert "Blank: No score on any factor: NA for insufficient information on 2 factors" in out


@pytest.mark.parametrize(
    ("opportunity", "rank", "total", "coverage", "low", "p_top_k", "note"),
    [
        ("Thin", "1", "100.0", "22.0", "true", "1.0", "Low coverage: only 22% of the weight"),
        ("Full", "2", "61.37", "100.0", "false", "0.0", ""),
        ("Blank", "", "", "0.0", "false", "", "Not enough scores to rank"),
    ],
)
def test_csv_has_coverage_and_leaves_rank_and_total_empty_when_unranked(
    gaps: Path,
    capsys: pytest.CaptureFixture[str],
    opportunity: str,
    rank: str,
    total: str,
    coverage: str,
    low: str,
    p_top_k: str,
    note: str,
) -> None:
    assert run(["scorecard", "rank", str(gaps), "--format", "csv", "--top", "1",
                "--samples", "100"]) == 0  # fmt: skip
    rows = {r["opportunity"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    row = rows[opportunity]
    assert (row["rank"], row["total"], row["coverage"], row["low_coverage"]) == (
        rank,
        total,
        coverage,
        low,
    )
    assert row["p_top_k"] == p_top_k and note in row["notes"]
    assert "insufficient information" not in row["notes"] or opportunity == "Blank"


def test_json_gives_unranked_opportunities_no_rank_total_or_probabilities(
    gaps: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["scorecard", "rank", str(gaps), "--format", "json", "--samples", "100"]) == 0
    data = json.loads(capsys.readouterr().out)
    (result,) = data["rounds"]
    ranking = {r["opportunity"]: r for r in result["ranking"]}
    assert [r["opportunity"] for r in result["ranking"]] == ["Thin", "Full", "Blank"]
    assert (ranking["Blank"]["ranked"], ranking["Blank"]["rank"], ranking["Blank"]["total"]) == (
        False,
        None,
        None,
    )
    assert ranking["Thin"]["coverage"] == 22.0 and ranking["Thin"]["low_coverage"] is True
    assert result["min_coverage"] == 60
    assert set(data["sensitivity"]["stability"]) == {"Thin", "Full"}
    blank_alignment = ranking["Blank"]["factors"]["alignment"]
    blank_systemic = ranking["Blank"]["factors"]["systemic_change"]
    assert (blank_alignment["abstentions"], blank_alignment["no_row"]) == (1, 0)
    assert (blank_systemic["abstentions"], blank_systemic["no_row"]) == (0, 1)


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        (
            "groups: {development: .nan, business: 30, government: 10, risk_costs: 20}",
            "group 'development': weight must be a finite percentage, got nan",
        ),
        (
            "groups: {development: .inf, business: 30, government: 10, risk_costs: 20}",
            "group 'development': weight must be a finite percentage, got inf",
        ),
        (
            "groups: {development: 80, business: -10, government: 10, risk_costs: 20}",
            "group 'business': weight must not be negative, got -10",
        ),
    ],
)
def test_weights_that_are_not_finite_or_are_negative_are_refused(
    scores: Path, tmp_path: Path, weights: str, message: str
) -> None:
    path = tmp_path / "weights.yaml"
    path.write_text(weights, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run(["scorecard", "rank", str(scores), "--weights", str(path)])
