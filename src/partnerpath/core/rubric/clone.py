"""Turn a rubric back into its document, and clone it under a new name/version with adaptations.

A programme adapts a packaged rubric by cloning it: the original stays as it is (assessments made
with it keep computing the same way), the clone gets its own key and records ``derived_from``, and
it goes through the same validation as any file, so a clone with broken weights never exists.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from partnerpath.core.rubric.errors import Problem, RubricError
from partnerpath.core.rubric.model import Indicator, Level, Rubric, RuleKind
from partnerpath.core.rubric.validate import build_rubric

CHANGE_KEYS = {
    "title",
    "description",
    "notes",
    "rule",
    "groups",
    "indicators",
    "remove_indicators",
    "add_indicators",
}


def _num(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _indicator(ind: Indicator) -> dict[str, Any]:
    return {
        "id": ind.id,
        "question": ind.question,
        "guidance": ind.guidance,
        "weight": _num(ind.weight),
        "scale": ind.scale,
        "evidence_required": ind.evidence_required,
    }


def _level(level: Level, base: bool) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "level": level.level,
        "label": level.label,
        "description": level.description,
    }
    if not base:
        doc["indicators"] = [_indicator(i) for i in level.indicators]
    doc["offers"] = list(level.offers)
    doc["partnerships"] = [{"type": f.type, "reason": f.reason} for f in level.partnerships]
    if level.threshold is not None:
        doc["threshold"] = _num(level.threshold)
    return doc


def to_document(rubric: Rubric) -> dict[str, Any]:
    """The plain document (YAML/JSON-ready) that loads back into an equal rubric."""
    rule: dict[str, Any] = {"kind": rubric.rule.kind.value}
    if rubric.rule.kind is RuleKind.LADDER:
        rule |= {"threshold": _num(rubric.rule.threshold)}
        rule |= {"min_answered": _num(rubric.rule.min_answered)}
    else:
        rule["weak_below"] = _num(rubric.rule.weak_below)
    doc: dict[str, Any] = {
        "name": rubric.name,
        "version": rubric.version,
        "title": rubric.title,
        "description": rubric.description,
        "rule": rule,
        "default_scale": next(iter(rubric.scales)),
        "scales": {
            name: [
                {"value": o.value, "label": o.label, "points": o.points, "anchor": o.anchor}
                for o in scale.options
            ]
            for name, scale in rubric.scales.items()
        },
    }
    if rubric.derived_from:
        doc["derived_from"] = rubric.derived_from
    if rubric.notes:
        doc["notes"] = list(rubric.notes)
    if rubric.base_level is not None:
        doc["base_level"] = _level(rubric.base_level, base=True)
    if rubric.levels:
        doc["levels"] = [_level(lv, base=False) for lv in rubric.levels]
    if rubric.sections:
        doc["sections"] = [
            {
                "id": s.id,
                "title": s.title,
                "description": s.description,
                "indicators": [_indicator(i) for i in s.indicators],
                "next_steps": list(s.next_steps),
            }
            for s in rubric.sections
        ]
    return doc


def _groups(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Groups by the key a change names them with: the level number or the section id."""
    if "levels" in doc:
        return {str(g["level"]): g for g in doc["levels"]}
    return {str(g["id"]): g for g in doc["sections"]}


def _apply(doc: dict[str, Any], changes: Mapping[str, Any]) -> list[Problem]:
    problems = [Problem(f"changes.{k}", "unknown change") for k in changes if k not in CHANGE_KEYS]
    for key in ("title", "description", "notes"):
        if key in changes:
            doc[key] = changes[key]
    doc["rule"] |= dict(changes.get("rule", {}))
    groups = _groups(doc)
    for group_key, fields in dict(changes.get("groups", {})).items():
        if str(group_key) not in groups:
            problems.append(Problem(f"changes.groups.{group_key}", "no such level or section"))
        else:
            groups[str(group_key)] |= dict(fields)
    by_id = {i["id"]: (g, i) for g in groups.values() for i in g["indicators"]}
    for ind_id, fields in dict(changes.get("indicators", {})).items():
        if ind_id not in by_id:
            problems.append(Problem(f"changes.indicators.{ind_id}", "no such indicator"))
        else:
            by_id[ind_id][1].update(fields)
    for ind_id in changes.get("remove_indicators", ()):
        if ind_id not in by_id:
            problems.append(Problem(f"changes.remove_indicators.{ind_id}", "no such indicator"))
        else:
            group, ind = by_id[ind_id]
            group["indicators"] = [i for i in group["indicators"] if i is not ind]
    for group_key, new in dict(changes.get("add_indicators", {})).items():
        if str(group_key) not in groups:
            problems.append(Problem(f"changes.add_indicators.{group_key}", "no such group"))
        else:
            groups[str(group_key)]["indicators"] += [dict(i) for i in new]
    return problems


def clone(
    rubric: Rubric, name: str, version: int, changes: Mapping[str, Any] | None = None
) -> Rubric:
    """A new, validated rubric derived from ``rubric``; the original is left untouched.

    ``changes`` may set ``title``/``description``/``notes``, merge into ``rule`` (e.g.
    ``{"threshold": 80}``), merge fields into ``groups`` (by level number or section id, e.g.
    ``{2: {"threshold": 60}}``), patch ``indicators`` by id, ``remove_indicators`` (ids) and
    ``add_indicators`` (by group). Weights must still add up afterwards.
    """
    doc = copy.deepcopy(to_document(rubric))
    doc |= {"name": name, "version": version, "derived_from": rubric.key}
    source = f"{name}-v{version}"
    problems = _apply(doc, changes or {})
    if (name, version) == (rubric.name, rubric.version):
        problems.append(Problem("name", f"a clone needs a new name or version, not {rubric.key}"))
    try:
        cloned = build_rubric(doc, source=source)
    except RubricError as exc:
        raise RubricError([*problems, *exc.problems], source) from None
    if problems:
        raise RubricError(problems, source)
    return cloned
