"""Check a rubric document field by field and build the :class:`Rubric`, or say every problem.

The checker does not stop at the first problem: it walks the whole document and collects each
one with its location (``levels[2].indicators[3].weight``, indices counted from 0, plus the file's
line when the loader knows it). Only a document with no problem becomes a :class:`Rubric`; anything
else raises :class:`RubricError` carrying all the problems, so an invalid file is never loaded.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from partnerpath.core.rubric.checker import Checker, kind_name, show, too_long
from partnerpath.core.rubric.errors import Path, Problem, RubricError, format_path
from partnerpath.core.rubric.model import (
    PARTNERSHIP_TYPES,
    WEIGHT_TOLERANCE,
    WEIGHT_TOTAL,
    Indicator,
    Level,
    PartnershipFit,
    Rubric,
    Rule,
    RuleKind,
    Scale,
    ScaleOption,
    Section,
)

# The longest value each database column a rubric value lands in keeps (the assessments app's
# models; a test compares them): a longer one would pass here and then fail on save.
MAX_KEY = 80  # Assessment.rubric_key, ProgrammeRubric.key and base_key: "<name>-v<version>"
MAX_INDICATOR_ID = 80  # AnswerRecord.indicator_id
MAX_ANSWER_VALUE = 20  # AnswerRecord.value and claimed_value: a value of a scale
MAX_TITLE = 300  # ProgrammeRubric.title
MAX_LEVEL = 32767  # Assessment.level (a small integer)

TOP_FIELDS = {"name", "version", "title", "rule", "scales", "default_scale"}
TOP_OPTIONAL = {"description", "levels", "base_level", "sections", "derived_from", "notes"}
RULE_FIELDS: Mapping[RuleKind, set[str]] = {
    RuleKind.LADDER: {"kind", "threshold", "min_answered"},
    RuleKind.WEIGHTED_SECTIONS: {"kind", "weak_below"},
}
OPTION_FIELDS = ({"value", "label", "points"}, {"anchor"})
INDICATOR_FIELDS = ({"id", "question", "guidance", "weight"}, {"evidence_required", "scale"})
LEVEL_FIELDS = (
    {"level", "label", "description", "indicators", "offers"},
    {"partnerships", "threshold"},
)
BASE_FIELDS = ({"level", "label", "description", "offers"}, {"partnerships"})
SECTION_FIELDS = ({"id", "title", "indicators", "next_steps"}, {"description"})
FIT_FIELDS = ({"type", "reason"}, set[str]())


def _scales(c: Checker, raw: object) -> dict[str, Scale]:
    if not isinstance(raw, dict) or not raw:
        c.add(("scales",), f"must map scale names to lists of options, got {kind_name(raw)}")
        return {}
    scales: dict[str, Scale] = {}
    for name, options in raw.items():
        path: Path = ("scales", str(name))
        if not isinstance(options, list) or not options:
            c.add(path, "must be a non-empty list of options (value, label, points)")
            continue
        seen: set[str] = set()
        built: list[ScaleOption] = []
        for i, raw_opt in enumerate(options):
            opt = c.fields(raw_opt, (*path, i), OPTION_FIELDS)
            if opt is None:
                continue
            value = opt.get("value")
            if isinstance(value, bool) or not isinstance(value, str | int):
                what = kind_name(value)
                c.add((*path, i, "value"), f"must be text or a whole number, got {what}")
            elif str(value) in seen:
                c.add(
                    (*path, i, "value"), f"duplicate answer value {show(str(value))} in this scale"
                )
            elif len(str(value)) > MAX_ANSWER_VALUE:
                c.add((*path, i, "value"), too_long(str(value), MAX_ANSWER_VALUE))
            seen.add(str(value))
            points = opt.get("points")
            if points is not None and (
                isinstance(points, bool) or not isinstance(points, int | float) or points < 0
            ):
                c.add((*path, i, "points"), f"must be a number >= 0 or null, got {show(points)}")
                points = None
            label = c.text(opt, "label", (*path, i))
            anchor = opt.get("anchor", "")
            if not isinstance(anchor, str):
                c.add((*path, i, "anchor"), "must be text")
                anchor = ""
            built.append(ScaleOption(str(value), label, points, anchor.strip()))
        if built and not any(o.points for o in built):
            c.add(path, "needs at least one option with points above 0 (the best answer)")
        scales[str(name)] = Scale(str(name), tuple(built))
    return scales


def _indicators(
    c: Checker, group: Mapping[str, Any], path: Path, scales: Mapping[str, Scale], default: str
) -> tuple[Indicator, ...]:
    built: list[Indicator] = []
    for p, raw in c.items(group, "indicators", path):
        ind = c.fields(raw, p, INDICATOR_FIELDS)
        if ind is None:
            continue
        scale = ind.get("scale", default)
        if "scale" in ind and (not isinstance(scale, str) or scale not in scales):
            c.add((*p, "scale"), f"unknown scale {show(scale)}; defined: {sorted(scales)}")
        evidence = ind.get("evidence_required", False)
        if not isinstance(evidence, bool):
            c.add((*p, "evidence_required"), f"must be true or false, got {show(evidence)}")
        weight = c.number(ind, "weight", p, 0.0, 0.0, WEIGHT_TOTAL)
        if type(ind.get("weight")) in (int, float) and weight == 0:
            c.add((*p, "weight"), "must be above 0 (drop the indicator instead)")
        indicator_id = c.text(ind, "id", p, slug=True)
        if len(indicator_id) > MAX_INDICATOR_ID:
            c.add((*p, "id"), too_long(indicator_id, MAX_INDICATOR_ID))
        if indicator_id in c.indicator_ids:
            first = c.indicator_ids[indicator_id]
            c.add((*p, "id"), f"duplicate indicator id '{indicator_id}' (first used at {first})")
        elif indicator_id:
            c.indicator_ids[indicator_id] = format_path(p)
        built.append(
            Indicator(
                id=indicator_id,
                question=c.text(ind, "question", p),
                guidance=c.text(ind, "guidance", p),
                weight=weight,
                scale=str(scale),
                evidence_required=evidence is True,
            )
        )
    total = sum(i.weight for i in built)
    if built and abs(total - WEIGHT_TOTAL) > WEIGHT_TOLERANCE:
        c.add(
            (*path, "indicators"),
            f"weights add up to {total:g}; the weights of one group must add up to "
            f"{WEIGHT_TOTAL:g}",
        )
    return tuple(built)


def _fits(c: Checker, m: Mapping[str, Any], path: Path) -> tuple[PartnershipFit, ...]:
    fits: list[PartnershipFit] = []
    for p, raw in c.items(m, "partnerships", path, non_empty=False):
        fit = c.fields(raw, p, FIT_FIELDS)
        if fit is None:
            continue
        kind = c.text(fit, "type", p)
        if kind and kind not in PARTNERSHIP_TYPES:
            c.add(
                (*p, "type"),
                f"unknown partnership type {show(kind)}; use {list(PARTNERSHIP_TYPES)}",
            )
        fits.append(PartnershipFit(kind, c.text(fit, "reason", p)))
    return tuple(fits)


def _level_number(c: Checker, m: Mapping[str, Any], path: Path) -> int:
    value = m.get("level", -1)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_LEVEL:
        if "level" in m:
            c.add(
                (*path, "level"),
                f"must be a whole number from 0 to {MAX_LEVEL}, got {show(value)}",
            )
        return -1
    return value


def _ladder(
    c: Checker, doc: Mapping[str, Any], scales: Mapping[str, Scale], default: str
) -> tuple[Level | None, tuple[Level, ...]]:
    base: Level | None = None
    if "base_level" not in doc:
        c.add(("base_level",), "a ladder needs a base level (where a company sits below level 1)")
    elif (raw := doc["base_level"]) is not None and isinstance(raw, dict) and "indicators" in raw:
        c.add(("base_level", "indicators"), "the base level has no indicators: it is the floor")
    else:
        b = c.fields(raw, ("base_level",), BASE_FIELDS)
        if b is not None:
            p: Path = ("base_level",)
            base = Level(
                _level_number(c, b, p),
                c.text(b, "label", p),
                c.text(b, "description", p),
                offers=c.texts(b, "offers", p),
                partnerships=_fits(c, b, p),
            )
    if "levels" not in doc:
        c.add(("levels",), "a ladder rubric needs levels")
    levels: list[Level] = []
    for p, raw_level in c.items(doc, "levels", ()):
        lv = c.fields(raw_level, p, LEVEL_FIELDS)
        if lv is None:
            continue
        number = _level_number(c, lv, p)
        below = levels[-1].level if levels else (base.level if base else 0)
        if number >= 0 and below >= 0 and number != below + 1:  # -1: reported already
            c.add((*p, "level"), f"levels must count up by one: expected {below + 1}, got {number}")
        threshold = c.number(lv, "threshold", p, 0.0, 1.0, 100.0) if "threshold" in lv else None
        levels.append(
            Level(
                number,
                c.text(lv, "label", p),
                c.text(lv, "description", p),
                indicators=_indicators(c, lv, p, scales, default),
                offers=c.texts(lv, "offers", p),
                partnerships=_fits(c, lv, p),
                threshold=threshold,
            )
        )
    return base, tuple(levels)


def _sections(
    c: Checker, doc: Mapping[str, Any], scales: Mapping[str, Scale], default: str
) -> tuple[Section, ...]:
    if "sections" not in doc:
        c.add(("sections",), "a weighted_sections rubric needs sections")
    sections: list[Section] = []
    for p, raw in c.items(doc, "sections", ()):
        s = c.fields(raw, p, SECTION_FIELDS)
        if s is None:
            continue
        section_id = c.text(s, "id", p, slug=True)
        if section_id and section_id in {x.id for x in sections}:
            c.add((*p, "id"), f"duplicate section id '{section_id}'")
        sections.append(
            Section(
                section_id,
                c.text(s, "title", p),
                c.text(s, "description", p) if "description" in s else "",
                _indicators(c, s, p, scales, default),
                c.texts(s, "next_steps", p),
            )
        )
    return tuple(sections)


def _rule(c: Checker, raw: object) -> Rule | None:
    kind_value = raw.get("kind") if isinstance(raw, dict) else None
    if kind_value not in {k.value for k in RuleKind}:
        kinds = [k.value for k in RuleKind]
        c.add(("rule", "kind"), f"must be one of {kinds}, got {show(kind_value)}")
        return None
    kind = RuleKind(kind_value)
    m = c.fields(raw, ("rule",), ({"kind"}, RULE_FIELDS[kind] - {"kind"}))
    if m is None:
        return None
    p: Path = ("rule",)
    return Rule(
        kind,
        threshold=c.number(m, "threshold", p, Rule.threshold, 1.0, 100.0),
        min_answered=c.number(m, "min_answered", p, Rule.min_answered, 0.0, 100.0),
        weak_below=c.number(m, "weak_below", p, Rule.weak_below, 0.0, 100.0),
    )


def build_rubric(
    doc: object, lines: Mapping[Path, int] | None = None, source: str = "rubric"
) -> Rubric:
    """The rubric this parsed document describes; RubricError listing every problem otherwise.

    ``lines`` maps a location to its line in the file, so each problem can say where it is.
    """
    c = Checker()
    m = c.fields(doc, (), (TOP_FIELDS, TOP_OPTIONAL))
    if m is None:
        raise RubricError(_located(c.problems, lines), source)
    name = c.text(m, "name", (), slug=True)
    version = m.get("version", 0)
    if "version" in m and (
        isinstance(version, bool) or not isinstance(version, int) or version < 1
    ):
        c.add(("version",), f"must be a whole number >= 1, got {show(version)}")
        version = 0
    if name and version and len(key := f"{name}-v{version}") > MAX_KEY:
        c.add(
            ("name",),
            f"the rubric's key (name-v<version>) {too_long(key, MAX_KEY)}: "
            "shorten the name or lower the version",
        )
    scales = _scales(c, m.get("scales")) if "scales" in m else {}
    default = c.text(m, "default_scale", ())
    if default and scales and default not in scales:
        c.add(("default_scale",), f"unknown scale '{default}'; defined: {sorted(scales)}")
    rule = _rule(c, m.get("rule")) if "rule" in m else None
    base: Level | None = None
    levels: tuple[Level, ...] = ()
    sections: tuple[Section, ...] = ()
    if rule is not None and rule.kind is RuleKind.LADDER:
        base, levels = _ladder(c, m, scales, default)
        if "sections" in m:
            c.add(("sections",), "a ladder rubric has levels, not sections")
    elif rule is not None:
        sections = _sections(c, m, scales, default)
        for key in ("levels", "base_level"):
            if key in m:
                c.add((key,), "a weighted_sections rubric has sections, not levels")
    title = c.text(m, "title", ())
    if len(title) > MAX_TITLE:
        c.add(("title",), too_long(title, MAX_TITLE))
    description = c.text(m, "description", ()) if "description" in m else ""
    derived = c.text(m, "derived_from", ()) if "derived_from" in m else None
    if derived and len(derived) > MAX_KEY:
        c.add(("derived_from",), too_long(derived, MAX_KEY))
    notes = c.texts(m, "notes", ()) if "notes" in m else ()
    if c.problems or rule is None:
        raise RubricError(_located(c.problems, lines), source)
    return Rubric(
        name=name,
        version=int(version),
        title=title,
        description=description,
        rule=rule,
        scales=scales,
        levels=levels,
        base_level=base,
        sections=sections,
        derived_from=derived,
        notes=notes,
    )


def _located(
    problems: Sequence[tuple[Path, str]], lines: Mapping[Path, int] | None
) -> list[Problem]:
    """Attach the nearest known line (the field's own, else its closest parent's)."""
    out = []
    for path, message in problems:
        line = None
        if lines:
            for cut in range(len(path), -1, -1):
                if path[:cut] in lines:
                    line = lines[path[:cut]]
                    break
        out.append(Problem(format_path(path), message, line))
    return sorted(out, key=lambda p: p.line or 0)
