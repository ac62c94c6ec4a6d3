"""The `rubric list|validate|show` commands, called through a fresh argparse parser."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import yaml

from partnerpath import cli_rubric
from partnerpath.cli import CommandError
from partnerpath.core.rubric import load_packaged, to_document

PACKAGED = Path(cli_rubric.__file__).parent / "core" / "rubric" / "rubrics"


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="partnerpath")
    cli_rubric.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    assert args.needs_django is False
    code: int = args.handler(args)
    return code


@pytest.mark.parametrize("key", ["maturity-v1", "pse-readiness-v1"])
def test_validate_accepts_each_packaged_rubric_with_a_summary(key, capsys):
    assert run(["rubric", "validate", str(PACKAGED / f"{key}.yaml")]) == 0
    out = capsys.readouterr().out
    assert f"valid rubric {key}" in out
    assert ("24 indicators" if key == "maturity-v1" else "16 indicators") in out


def test_validate_reports_each_problem_with_file_line_and_location(tmp_path: Path, capsys):
    doc = to_document(load_packaged("maturity-v1"))
    doc["levels"][2]["indicators"][3]["weight"] = "heavy"
    doc["levels"][0]["indicators"][1]["id"] = doc["levels"][0]["indicators"][0]["id"]
    doc["levels"][1]["colour"] = "red"
    path = tmp_path / "mine.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    with pytest.raises(CommandError, match="invalid rubric, 4 problem"):
        run(["rubric", "validate", str(path)])
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 4
    assert all(line.startswith(f"{path}:") for line in lines)
    assert any(
        "levels[2].indicators[3].weight: must be a number, got str 'heavy'" in x for x in lines
    )
    assert any("levels[0].indicators[1].id: duplicate indicator id" in x for x in lines)
    assert any("levels[1].colour: unknown field" in x for x in lines)
    line_numbers = [int(x[len(str(path)) + 1 :].split(":")[0]) for x in lines]
    assert line_numbers == sorted(line_numbers) and line_numbers[0] > 1


def test_validate_exits_with_2_through_main(tmp_path: Path, monkeypatch, capsys):
    from partnerpath import cli

    real = cli.build_parser

    def with_rubric() -> argparse.ArgumentParser:
        parser = real()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        if "rubric" not in sub.choices:
            cli_rubric.register(sub)
        return parser

    monkeypatch.setattr(cli, "build_parser", with_rubric)
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\n", encoding="utf-8")
    assert cli.main(["rubric", "validate", str(bad)]) == 2
    assert "partnerpath: error:" in capsys.readouterr().err
    assert cli.main(["rubric", "validate", str(PACKAGED / "maturity-v1.yaml")]) == 0


def test_validate_a_missing_file(tmp_path: Path):
    with pytest.raises(CommandError, match="no such file"):
        run(["rubric", "validate", str(tmp_path / "nope.yaml")])


def test_list_names_both_packaged_rubrics(capsys):
    assert run(["rubric", "list"]) == 0
    out = capsys.readouterr().out
    assert "maturity-v1" in out and "pse-readiness-v1" in out


def test_show_prints_levels_indicators_and_offers(capsys):
    assert run(["rubric", "show", "maturity"]) == 0
    out = capsys.readouterr().out
    assert "Level 0: Not yet engaged" in out and "Level 4: Innovator (reached at 75%)" in out
    assert "[innovator-employer-pays] (20, evidence required)" in out
    assert "fits Shared value:" in out


def test_show_prints_sections_with_next_steps(capsys):
    assert run(["rubric", "show", "pse-readiness-v1"]) == 0
    out = capsys.readouterr().out
    assert "2. Building trust is critical" in out and "next step if weak:" in out


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_show_dumps_a_document_that_validates_again(fmt, tmp_path: Path, capsys):
    assert run(["rubric", "show", "maturity-v1", "--format", fmt]) == 0
    text = capsys.readouterr().out
    data = yaml.safe_load(text) if fmt == "yaml" else json.loads(text)
    path = tmp_path / f"copy.{fmt}"
    path.write_text(text, encoding="utf-8")
    assert data["name"] == "maturity"
    assert run(["rubric", "validate", str(path)]) == 0


def test_show_a_file_and_refuse_unknown_names_and_invalid_files(tmp_path: Path):
    with pytest.raises(CommandError, match="no packaged rubric named 'nope'"):
        run(["rubric", "show", "nope"])
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="invalid rubric"):
        run(["rubric", "show", str(bad)])


# 8 levels of 10 aliases: 10^8 values once expanded (it kept the validator busy for minutes).
BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 8)
)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("deep.yaml", "name: " + "[" * 3000 + "]" * 3000, ":1: (document): nested more than 20"),
        ("deep.json", '{"name": ' + "[" * 3000 + "]" * 3000 + "}", ":1: (document): nested more"),
        ("bomb.yaml", BOMB, ":6: (document): expands to more than 200,000 values"),
    ],
)
def test_validate_refuses_hostile_files_with_a_located_problem(
    name, text, expected, tmp_path: Path, capsys
):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="invalid rubric, 1 problem"):
        run(["rubric", "validate", str(path)])
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{path}{expected}")


def test_validate_gives_json_files_real_line_numbers(tmp_path: Path, capsys):
    doc = to_document(load_packaged("maturity-v1"))
    doc["levels"][2]["indicators"][3]["weight"] = "heavy"
    path = tmp_path / "mine.json"
    text = json.dumps(doc, indent=2)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="invalid rubric"):
        run(["rubric", "validate", str(path)])
    lines = capsys.readouterr().err.splitlines()
    weight = next(x for x in lines if "levels[2].indicators[3].weight" in x)
    number = int(weight[len(str(path)) + 1 :].split(":")[0])
    assert '"weight": "heavy"' in text.splitlines()[number - 1]
