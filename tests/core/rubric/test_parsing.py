"""Reading rubric text safely: hostile documents are refused fast with a located problem, never a
crash; JSON files get real line numbers like YAML ones."""

from __future__ import annotations

import json
import time

import pytest
import yaml

from partnerpath.core.rubric import RubricError, parse_text
from partnerpath.core.rubric.parsing import MAX_DEPTH, MAX_DOCUMENT_CHARS

from .docs import ladder_doc

# An alias bomb: 8 levels of 10 aliases each expand into 10^8 values.
BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]\n" for n in range(1, 8)
)

# Each anchor holds the one before it: 40 lines, nested 40 deep once the aliases are expanded.
CHAIN = "a0: &a0 [x]\n" + "".join(f"a{n}: &a{n} [*a{n - 1}]\n" for n in range(1, 40))


@pytest.mark.parametrize(
    ("text", "fmt", "line", "message"),
    [
        ("name: " + "[" * 3000 + "]" * 3000, "yaml", 1, f"nested more than {MAX_DEPTH} levels"),
        ("name:\n  " + "{a: " * 3000 + "1" + "}" * 3000, "yaml", 2, "nested more than"),
        ('{"name":\n' + "[" * 3000 + "]" * 3000 + "}", "json", 2, "nested more than"),
        (BOMB, "yaml", 6, "expands to more than 200,000 values (alias *a4 repeats 111,111)"),
        ("a: &a [x, *a]\n", "yaml", 1, "alias *a is inside its own anchor"),
        (CHAIN, "yaml", 19, f"nested more than {MAX_DEPTH} levels"),  # deep only once expanded
        ("a: *nowhere\n", "yaml", 1, "not valid YAML: found undefined alias"),
        ("name: x\n" + "#" * MAX_DOCUMENT_CHARS, "yaml", 1, "too long"),
        ('{"name": "' + "x" * MAX_DOCUMENT_CHARS + '"}', "json", 1, "too long"),
        ("version: " + "9" * 5000, "yaml", None, "cannot be read: Exceeds the limit"),
        ('{"version": ' + "9" * 5000 + "}", "json", None, "cannot be read: Exceeds the limit"),
        ("a: 1\n---\nb: 2\n", "yaml", 2, "not valid YAML"),
        ("name: \x00", "yaml", None, "not valid YAML: unacceptable character"),
    ],
)  # fmt: skip
def test_a_hostile_document_is_refused_quickly_with_a_located_problem(text, fmt, line, message):
    started = time.perf_counter()
    with pytest.raises(RubricError) as info:
        parse_text(text, "hostile", fmt)
    assert time.perf_counter() - started < 2
    (problem,) = info.value.problems
    assert problem.path == "(document)" and problem.line == line
    assert message in problem.message
    assert "sys.set_int_max_str_digits" not in problem.message


def test_a_list_written_twice_by_safe_dump_loads_through_its_anchor():
    doc = ladder_doc()
    doc["levels"][1]["offers"] = doc["levels"][0]["offers"]  # the same list: &id001 / *id001
    text = yaml.safe_dump(doc)
    assert "&id001" in text and "*id001" in text
    rubric = parse_text(text, "shared.yaml")
    assert rubric.levels[1].offers == rubric.levels[0].offers


def test_nesting_a_rubric_needs_is_well_within_the_limit():
    assert parse_text(yaml.safe_dump(ladder_doc()), "tiny.yaml").key == "tiny-v1"
    assert parse_text(json.dumps(ladder_doc(), indent=2), "tiny.json", "json").key == "tiny-v1"


@pytest.mark.parametrize("indent", [2, None])
def test_json_problems_carry_the_line_of_their_field(indent):
    doc = ladder_doc()
    doc["levels"][1]["indicators"][2]["weight"] = "heavy"
    doc["levels"][2]["colour"] = "red"
    text = json.dumps(doc, indent=indent)
    with pytest.raises(RubricError) as info:
        parse_text(text, "mine.json", "json")
    lines = text.splitlines()
    found = {p.path: p.line for p in info.value.problems}
    weight, colour = found["levels[1].indicators[2].weight"], found["levels[2].colour"]
    assert weight is not None and colour is not None
    assert '"weight": "heavy"' in lines[weight - 1]
    assert '"colour": "red"' in lines[colour - 1]
    if indent is None:  # all on one line: line 1 is right
        assert weight == colour == 1


def test_a_json_field_given_twice_is_a_problem_like_in_yaml():
    text = json.dumps(ladder_doc(), indent=2)
    text = text.replace('"title": "Tiny ladder",', '"title": "Tiny ladder",\n  "title": "Again",')
    with pytest.raises(RubricError) as info:
        parse_text(text, "twice.json", "json")
    (problem,) = info.value.problems
    assert (problem.path, problem.message) == ("title", "field given twice")
    assert '"title": "Again"' in text.splitlines()[problem.line - 1]  # type: ignore[operator]


def test_json_strings_with_brackets_and_escapes_do_not_confuse_the_lines():
    doc = ladder_doc()
    doc["title"] = 'Tricky "[{" ]} title \\ with, colons: too'
    doc["levels"][0]["label"] = 7  # a problem on a later line
    text = json.dumps(doc, indent=1)
    with pytest.raises(RubricError) as info:
        parse_text(text, "tricky.json", "json")
    (problem,) = info.value.problems
    assert problem.path == "levels[0].label"
    assert '"label": 7' in text.splitlines()[problem.line - 1]  # type: ignore[operator]
