"""Read rubric files (YAML or JSON), locate every problem by line, and list the packaged rubrics.

Packaged rubrics live in ``rubrics/<name>-v<version>.yaml`` inside this package and ship with it.
Every version stays: a new version is a new file, so assessments made with an old one still load
their exact rubric by key.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path as FilePath

import yaml

from partnerpath.core.rubric.errors import Problem, RubricError
from partnerpath.core.rubric.model import Rubric
from partnerpath.core.rubric.parsing import (
    MAX_DOCUMENT_CHARS,
    Document,
    Refused,
    read_json,
    read_yaml,
)
from partnerpath.core.rubric.validate import build_rubric

PACKAGE = "partnerpath.core.rubric"
FOLDER = "rubrics"


def _read(text: str, fmt: str) -> Document:
    """The parsed document; RubricError with the located problem when the text is unreadable."""
    try:
        return read_json(text) if fmt == "json" else read_yaml(text)
    except Refused as exc:
        raise RubricError(exc.problems) from None
    except json.JSONDecodeError as exc:
        raise RubricError(
            [Problem("(document)", f"not valid JSON: {exc.msg}", exc.lineno)]
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        what = getattr(exc, "problem", None) or str(exc)
        raise RubricError(
            [Problem("(document)", f"not valid {fmt.upper()}: {what}", line)]
        ) from None
    except ValueError as exc:  # a date that does not exist, a number of over 4,300 digits
        what = str(exc).split("; use sys.", 1)[0]  # Python's advice is not for rubric authors
        raise RubricError([Problem("(document)", f"cannot be read: {what}")]) from None
    except RecursionError:  # the depth limit should stop it first; never a crash
        raise RubricError([Problem("(document)", "nested too deeply to be read")]) from None


def parse_text(text: str, source: str = "rubric", fmt: str = "yaml") -> Rubric:
    """The rubric in this YAML (or JSON) text; RubricError with every located problem otherwise.

    Text over :data:`~.parsing.MAX_DOCUMENT_CHARS` characters, nesting deeper than
    :data:`~.parsing.MAX_DEPTH` and YAML aliases expanding past :data:`~.parsing.MAX_VALUES`
    values are refused (see :mod:`.parsing`)."""
    try:
        doc = _read(text, fmt)
    except RubricError as exc:
        raise RubricError(exc.problems, source) from None
    try:
        rubric = build_rubric(doc.data, doc.lines, source)
    except RubricError as exc:
        problems = sorted([*doc.duplicates, *exc.problems], key=lambda p: p.line or 0)
        raise RubricError(problems, source) from None
    if doc.duplicates:
        raise RubricError(doc.duplicates, source)
    return rubric


def load_file(path: FilePath | str) -> Rubric:
    """The rubric in this file (``.json`` is read as JSON, anything else as YAML)."""
    path = FilePath(path)
    try:
        with path.open(encoding="utf-8") as file:
            text = file.read(MAX_DOCUMENT_CHARS + 1)  # one more tells a too-long file apart
    except (OSError, UnicodeDecodeError) as exc:
        raise RubricError([Problem("(file)", f"cannot read it: {exc}")], str(path)) from None
    return parse_text(text, str(path), "json" if path.suffix.lower() == ".json" else "yaml")


def packaged_keys() -> list[str]:
    """Keys of every rubric shipped with PartnerPath, old versions included, sorted."""
    folder = resources.files(PACKAGE).joinpath(FOLDER)
    return sorted(f.name.rsplit(".", 1)[0] for f in folder.iterdir() if f.name.endswith(".yaml"))


@lru_cache(maxsize=64)
def load_packaged(key: str) -> Rubric:
    """A shipped rubric by key (``maturity-v1``); KeyError when there is none by that key."""
    if key not in packaged_keys():
        raise KeyError(f"no packaged rubric '{key}'; packaged: {', '.join(packaged_keys())}")
    text = resources.files(PACKAGE).joinpath(FOLDER, f"{key}.yaml").read_text(encoding="utf-8")
    rubric = parse_text(text, f"{key}.yaml")
    if rubric.key != key:
        problem = Problem("name", f"file {key}.yaml holds rubric '{rubric.key}'; rename one", 1)
        raise RubricError([problem], f"{key}.yaml")
    return rubric


def packaged_rubrics() -> list[Rubric]:
    """Every shipped rubric, loaded and validated."""
    return [load_packaged(key) for key in packaged_keys()]


def latest(name: str) -> Rubric:
    """The newest shipped version of a rubric (``maturity`` -> ``maturity-v1``)."""
    versions = [r for r in packaged_rubrics() if r.name == name]
    if not versions:
        raise KeyError(f"no packaged rubric named '{name}'")
    return max(versions, key=lambda r: r.version)


def resolve(name_or_file: str) -> Rubric:
    """A rubric from a file path, a packaged key (``maturity-v1``) or a name (newest version)."""
    path = FilePath(name_or_file)
    if path.suffix.lower() in {".yaml", ".yml", ".json"} or path.exists():
        return load_file(path)
    if name_or_file in packaged_keys():
        return load_packaged(name_or_file)
    return latest(name_or_file)
