"""Reading and writing score-card template files (YAML or JSON), with every problem placed by the
group and factor labels a programme admin sees, keys in brackets:
`my-card.yaml: factor "Risk" [risk] in group "Risk and transaction costs": anchors: ...`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from partnerpath.core.scorecard.template import (
    Direction,
    Factor,
    Group,
    Template,
    place,
    template_problems,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_TEMPLATE_ID = "scorecard-default-v1"


class TemplateError(ValueError):
    """A template file that cannot be used; the message lists each problem with its place."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source, self.problems = source, problems
        shown = problems[:20] + (
            [f"... and {len(problems) - 20} more"] if len(problems) > 20 else []
        )
        super().__init__(f"{source}: " + "; ".join(shown))


def read_structured(path: Path) -> Any:
    """A YAML or JSON file as Python data; ValueError with the line of a syntax error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValueError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read ({exc})") from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: line {exc.lineno}: {exc.msg}") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ValueError(f"{path}: {where}{problem}") from None


def _text(data: dict[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}{key}: required text")
        return ""
    return value.strip()


def _number(data: dict[str, Any], key: str, where: str, problems: list[str]) -> float:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(f"{where}{key}: required number, got {value!r}")
        return 0.0
    return float(value)


def _aliases(data: dict[str, Any], where: str, problems: list[str]) -> tuple[str, ...]:
    value = data.get("aliases", [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where}aliases: must be a list of texts")
        return ()
    return tuple(v.strip() for v in value)


def _anchors(data: dict[str, Any], scale: tuple[int, int], where: str, problems: list[str]) -> Any:
    value = data.get("anchors")
    low, high = scale
    if isinstance(value, dict):
        # JSON keys are text: "1" and 1 are the same point.
        value = {
            int(k) if isinstance(k, str) and k.strip().isdigit() else k: v for k, v in value.items()
        }
        extra = sorted(str(k) for k in value if k not in range(low, high + 1))
        if extra:
            problems.append(f"{where}anchors: points {', '.join(extra)} are outside {low}-{high}")
        return tuple(str(value.get(p, "") or "") for p in range(low, high + 1))
    if isinstance(value, list):
        return tuple(str(v or "") for v in value)
    problems.append(f"{where}anchors: required, one text per point {low}-{high}")
    return ()


def _raw_place(kind: str, data: Any, index: int) -> str:
    """Where a not-yet-checked group or factor sits, by its label and key when it has them."""
    if not isinstance(data, dict):
        return f"{kind} {index + 1}"
    label, key = data.get("label"), data.get("key")
    return place(
        kind,
        label if isinstance(label, str) else "",
        key if isinstance(key, str) else "",
        index,
    )


def _factor(data: Any, group: str, scale: tuple[int, int], where: str, out: list[str]) -> Factor:
    if not isinstance(data, dict):
        out.append(f"{where}: must be a mapping with key, label, weight and anchors")
        return Factor("", "", group, 0.0, ())
    direction = data.get("direction", "higher")
    if direction not in {d.value for d in Direction}:
        out.append(f"{where}: direction: must be 'higher' or 'lower', got {direction!r}")
        direction = "higher"
    return Factor(
        key=_text(data, "key", f"{where}: ", out),
        label=_text(data, "label", f"{where}: ", out),
        group=group,
        weight=_number(data, "weight", f"{where}: ", out),
        anchors=_anchors(data, scale, f"{where}: ", out),
        direction=Direction(direction),
        aliases=_aliases(data, f"{where}: ", out),
    )


def template_from_data(data: Any, source: str = "template") -> Template:
    """Build and validate a template from parsed YAML/JSON; TemplateError lists all problems."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise TemplateError(source, ["the file must hold a mapping (name, version, groups)"])
    scale_raw = data.get("scale", [1, 5])
    scale = (1, 5)
    if (
        isinstance(scale_raw, list)
        and len(scale_raw) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in scale_raw)
    ):
        scale = (scale_raw[0], scale_raw[1])
    else:
        problems.append(f"scale: must be [lowest, highest] whole numbers, got {scale_raw!r}")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        problems.append(f"version: required whole number, got {version!r}")
        version = 1
    groups: list[Group] = []
    raw_groups = data.get("groups")
    if not isinstance(raw_groups, list):
        problems.append("groups: required list of groups")
        raw_groups = []
    for gi, raw in enumerate(raw_groups):
        where = _raw_place("group", raw, gi)
        if not isinstance(raw, dict):
            problems.append(f"{where}: must be a mapping with key, label, weight and factors")
            continue
        key = _text(raw, "key", f"{where}: ", problems)
        raw_factors = raw.get("factors")
        if not isinstance(raw_factors, list):
            problems.append(f"{where}: factors: required list of factors")
            raw_factors = []
        factors = tuple(
            _factor(f, key, scale, f"{_raw_place('factor', f, fi)} in {where}", problems)
            for fi, f in enumerate(raw_factors)
        )
        groups.append(
            Group(
                key=key,
                label=_text(raw, "label", f"{where}: ", problems),
                weight=_number(raw, "weight", f"{where}: ", problems),
                factors=factors,
                aliases=_aliases(raw, f"{where}: ", problems),
            )
        )
    if problems:
        raise TemplateError(source, problems)
    template = Template(
        name=_text(data, "name", "", problems),
        version=version,
        title=str(data.get("title") or data.get("name") or ""),
        groups=tuple(groups),
        scale=scale,
        description=str(data.get("description") or "").strip(),
        based_on=str(data.get("based_on") or ""),
    )
    problems += template_problems(template)
    if problems:
        raise TemplateError(source, problems)
    return template


def load_template(path: Path) -> Template:
    """Read a template file (.yaml, .yml or .json); TemplateError names the file and places."""
    try:
        data = read_structured(path)
    except ValueError as exc:
        raise TemplateError(str(path), [str(exc).removeprefix(f"{path}: ")]) from None
    return template_from_data(data, str(path))


@cache
def builtin_template(template_id: str = DEFAULT_TEMPLATE_ID) -> Template:
    """A template shipped with PartnerPath by id; old versions stay loadable."""
    path = TEMPLATES / f"{template_id}.yaml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in TEMPLATES.glob("*.yaml")))
        raise KeyError(f"no built-in template {template_id!r}; known: {known}")
    return load_template(path)


def default_template() -> Template:
    """The brief's Table 3 card: 4 groups, 15 factors, risk and costs lowering the total."""
    return builtin_template(DEFAULT_TEMPLATE_ID)


def template_to_data(template: Template) -> dict[str, Any]:
    """A template as plain data in the file format, for storage, the API and exports."""
    low = template.scale[0]
    return {
        "name": template.name,
        "version": template.version,
        "id": template.id,
        "title": template.title,
        "description": template.description,
        "based_on": template.based_on,
        "scale": list(template.scale),
        "groups": [
            {
                "key": g.key,
                "label": g.label,
                "aliases": list(g.aliases),
                "weight": g.weight,
                "factors": [
                    {
                        "key": f.key,
                        "label": f.label,
                        "aliases": list(f.aliases),
                        "direction": f.direction.value,
                        "weight": f.weight,
                        "anchors": {low + i: a for i, a in enumerate(f.anchors)},
                    }
                    for f in g.factors
                ],
            }
            for g in template.groups
        ],
    }
