"""Score-card templates: groups of factors, each scored on a 1-5 scale with a written anchor for
every point, and default weights. A template has a stable name and version
(`scorecard-default-v1`); tailoring it for a programme produces a new version, never an edit."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Direction(StrEnum):
    """Whether a higher score on a factor raises the total (a value) or lowers it (a cost)."""

    HIGHER = "higher"
    LOWER = "lower"


@dataclass(frozen=True)
class Factor:
    """A line of the card: what raters score, what each point means, its weight in its group."""

    key: str
    label: str
    group: str
    weight: float  # percent of its group's weight; a group's factors sum to 100
    anchors: tuple[str, ...]  # anchors[0] describes the lowest point of the scale
    direction: Direction = Direction.HIGHER
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """A block of the card with its own aggregated value, e.g. Development value."""

    key: str
    label: str
    weight: float  # percent of the total; the groups sum to 100
    factors: tuple[Factor, ...]
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    """A versioned score card. `id` is what results store, e.g. `scorecard-default-v1`."""

    name: str
    version: int
    title: str
    groups: tuple[Group, ...]
    scale: tuple[int, int] = (1, 5)
    description: str = ""
    based_on: str = ""  # id of the template this one was tailored from
    _lookup: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        lookup: dict[str, str] = {}
        for factor in self.factors:
            for name in (factor.key, factor.label, *factor.aliases):
                key = name_key(name)
                if key:  # a name without letters or digits names nothing
                    lookup.setdefault(key, factor.key)
        object.__setattr__(self, "_lookup", lookup)

    @property
    def id(self) -> str:
        """Stable identifier stored with every result: name and version."""
        return f"{self.name}-v{self.version}"

    @property
    def factors(self) -> tuple[Factor, ...]:
        """All factors in card order."""
        return tuple(f for g in self.groups for f in g.factors)

    @property
    def points(self) -> tuple[int, ...]:
        """The points of the scale, e.g. (1, 2, 3, 4, 5)."""
        return tuple(range(self.scale[0], self.scale[1] + 1))

    def factor(self, key: str) -> Factor:
        """The factor with this key (KeyError when absent)."""
        for factor in self.factors:
            if factor.key == key:
                return factor
        raise KeyError(key)

    def group(self, key: str) -> Group:
        """The group with this key (KeyError when absent)."""
        for group in self.groups:
            if group.key == key:
                return group
        raise KeyError(key)

    def resolve(self, name: str) -> str | None:
        """The factor key a rater's column refers to: by key, label or alias, in any case and
        ignoring spaces and punctuation, so `Systematic change` and `CSR/Reputation` resolve. None
        for an unknown name and for one without any letter or digit (`???`, ``)."""
        key = name_key(name)
        return self._lookup.get(key) if key else None

    def anchor(self, factor_key: str, point: int) -> str:
        """The written meaning of one point of a factor's scale."""
        return self.factor(factor_key).anchors[point - self.scale[0]]


def name_key(name: str) -> str:
    """Comparison key for factor and group names, in any script: NFKC-normalised and case-folded,
    keeping letters, digits and the combining marks that belong to them (Thai vowels and tone
    marks, Devanagari vowel signs), dropping spaces and punctuation. "" when nothing is left."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return "".join(ch for ch in folded if ch.isalnum() or unicodedata.category(ch)[0] == "M")


def group_place(group: Group, index: int) -> str:
    """A group as a programme admin knows it: `group "Business value" [business]`."""
    return place("group", group.label, group.key, index)


def factor_place(factor: Factor, index: int, group: Group, group_index: int) -> str:
    """A factor as a programme admin knows it: `factor "Risk" [risk] in group "Risk and ..."`."""
    own = place("factor", factor.label, factor.key, index)
    return f"{own} in {group_place(group, group_index)}"


def place(kind: str, label: str, key: str, index: int) -> str:
    """`kind "Label" [key]`, falling back to its position (1-based) when the label is empty."""
    named = f'{kind} "{label}"' if label.strip() else f"{kind} {index + 1}"
    return f"{named} [{key}]" if key.strip() else named


def _weight_problem(weight: float) -> str:
    """Why a weight is unusable ("" when it is fine): not a finite number, or negative."""
    if not math.isfinite(weight):
        return f"weight must be a finite number, got {weight:g}"
    if weight < 0:
        return f"weight must not be negative, got {weight:g}"
    return ""


def template_problems(template: Template) -> list[str]:
    """Everything wrong with a template, each placed by group and factor labels with the key in
    brackets (`factor "Risk" [risk] in group "Risk and transaction costs": ...`)."""
    problems: list[str] = []
    low, high = template.scale
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", template.name):
        problems.append(f"name: {template.name!r} must be lower-case letters, digits, - or _")
    if template.version < 1:
        problems.append(f"version: must be 1 or more, got {template.version}")
    if high <= low:
        problems.append(f"scale: the highest point must be above the lowest, got {low}-{high}")
    if not template.groups:
        problems.append("groups: a template needs at least one group")
    keys: dict[str, str] = {}
    names: dict[str, str] = {}
    total = 0.0
    for gi, group in enumerate(template.groups):
        where = group_place(group, gi)
        total += group.weight
        if group.key in keys:
            problems.append(f"{where}: key {group.key!r} is already used by {keys[group.key]}")
        keys[group.key] = where
        if _weight_problem(group.weight):
            problems.append(f"{where}: {_weight_problem(group.weight)}")
        if not group.factors:
            problems.append(f"{where}: a group needs at least one factor")
        subtotal = 0.0
        for fi, factor in enumerate(group.factors):
            at = factor_place(factor, fi, group, gi)
            subtotal += factor.weight
            if factor.key in keys:
                problems.append(f"{at}: key {factor.key!r} is already used by {keys[factor.key]}")
            keys[factor.key] = at
            if not name_key(factor.key):
                problems.append(f"{at}: the key must contain a letter or a digit")
            if _weight_problem(factor.weight):
                problems.append(f"{at}: {_weight_problem(factor.weight)}")
            if factor.group != group.key:
                problems.append(f"{at}: belongs to group {factor.group!r}, not {group.key!r}")
            if len(factor.anchors) != high - low + 1 or not all(a.strip() for a in factor.anchors):
                problems.append(
                    f"{at}: needs a written anchor for every point {low}-{high}, "
                    f"got {sum(1 for a in factor.anchors if a.strip())}"
                )
            for name in (factor.key, factor.label, *factor.aliases):
                key = name_key(name)
                other = names.setdefault(key, at) if key else at
                if other != at:
                    problems.append(f"{at}: the name {name!r} is also used by {other}")
        if group.factors and not abs(subtotal - 100) <= 1e-6:
            problems.append(f"{where}: factor weights must sum to 100, got {subtotal:g}")
    if template.groups and not abs(total - 100) <= 1e-6:
        problems.append(f"groups: group weights must sum to 100, got {total:g}")
    return problems


def effective_weights(template: Template) -> dict[str, float]:
    """Each factor's share of the total (0-1): its group's weight times its share of the group."""
    return {f.key: g.weight / 100 * f.weight / 100 for g in template.groups for f in g.factors}


def refill(
    weights: Mapping[str, float], fixed: Mapping[str, float] | None = None, total: float = 100
) -> dict[str, float]:
    """The `weights` scaled, keeping their proportions, so that with the `fixed` ones (an added
    factor or group keeps the weight it was given) they sum to `total` again: dropping Government
    value's 15 from 40 / 25 / 15 / 20 gives 47.06 / 29.41 / 23.53. Left as they are when that is
    impossible (they sum to 0, or the fixed ones alone exceed the total): the sum checks then
    say so."""
    fixed = dict(fixed or {})
    room, current = total - sum(fixed.values()), sum(weights.values())
    if current <= 0 or room < 0 or abs(current - room) <= 1e-9:
        return {**weights, **fixed}
    return {key: value * room / current for key, value in weights.items()} | fixed


def tailor(
    template: Template,
    *,
    name: str | None = None,
    title: str | None = None,
    drop: Iterable[str] = (),
    add: Sequence[Factor] = (),
    labels: Mapping[str, str] | None = None,
    anchors: Mapping[str, Sequence[str]] | None = None,
    group_weights: Mapping[str, float] | None = None,
    factor_weights: Mapping[str, float] | None = None,
) -> Template:
    """A programme's own version of a template: drop or add factors, relabel, re-anchor and
    re-weight. The result has the next version number (or version 1 under a new name), records
    the template it came from and must itself be valid (ValueError listing the problems)."""
    dropped = set(drop)
    unknown = sorted(k for k in dropped if k not in {f.key for f in template.factors})
    changes = {**(labels or {}), **(anchors or {}), **(factor_weights or {})}
    unknown += sorted(
        k for k in changes if k not in {f.key for f in (*template.factors, *add)} | dropped
    )
    unknown += sorted(k for k in group_weights or {} if k not in {g.key for g in template.groups})
    if unknown:
        raise ValueError(f"unknown factor or group key(s): {', '.join(unknown)}")
    groups = []
    for group in template.groups:
        factors = [f for f in group.factors if f.key not in dropped]
        factors += [f for f in add if f.group == group.key]
        new_factors = tuple(
            replace(
                f,
                label=(labels or {}).get(f.key, f.label),
                anchors=tuple((anchors or {}).get(f.key, f.anchors)),
                weight=(factor_weights or {}).get(f.key, f.weight),
            )
            for f in factors
        )
        if not any(f.key in (factor_weights or {}) for f in new_factors):
            # Dropping a factor keeps the others' proportions unless new weights are given.
            refilled = refill({f.key: f.weight for f in new_factors})
            new_factors = tuple(replace(f, weight=refilled[f.key]) for f in new_factors)
        weight = (group_weights or {}).get(group.key, group.weight)
        groups.append(replace(group, factors=new_factors, weight=weight))
    orphans = [f.key for f in add if f.group not in {g.key for g in template.groups}]
    if orphans:
        raise ValueError(f"added factor(s) {', '.join(orphans)} name a group the template lacks")
    new_name = name or template.name
    result = Template(
        name=new_name,
        version=template.version + 1 if new_name == template.name else 1,
        title=title or template.title,
        groups=tuple(groups),
        scale=template.scale,
        description=template.description,
        based_on=template.id,
    )
    problems = template_problems(result)
    if problems:
        raise ValueError("the tailored template is not valid: " + "; ".join(problems))
    return result
