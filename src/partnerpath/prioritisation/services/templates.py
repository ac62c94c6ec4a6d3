"""Score-card template versions of a programme: the default card, stored when the programme is
created (reading pages store nothing), and tailored versions (never an edit of a stored
version). Tailoring drops or adds factors and whole groups, relabels and re-anchors factors,
turns a benefit into a cost or back, and re-weights; the core's `tailor()` assembles and checks
the new card, and the core's `refill()` keeps the proportions of the weights left."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import because
from partnerpath.core.scorecard.template import (
    Direction,
    Factor,
    Group,
    Template,
    refill,
    tailor,
)
from partnerpath.core.scorecard.template_files import default_template, template_to_data
from partnerpath.prioritisation.models import ScorecardTemplateVersion

SUM_TOLERANCE = 1e-6


def template_versions(programme: Programme) -> QuerySet[ScorecardTemplateVersion]:
    """The programme's stored template versions; reading them stores nothing."""
    return ScorecardTemplateVersion.objects.filter(programme=programme).order_by("name", "version")


def versions_shown(programme: Programme) -> list[ScorecardTemplateVersion]:
    """The stored versions, with the packaged default card (unsaved, without an id) first when
    the programme has not stored it: reading stores nothing."""
    stored = list(template_versions(programme))
    default = default_template()
    if any((v.name, v.version) == (default.name, default.version) for v in stored):
        return stored
    return [packaged_default(programme), *stored]


def default_version_shown(programme: Programme) -> ScorecardTemplateVersion:
    """The programme's stored default card, else the packaged one unsaved (reading stores
    nothing; a form posted with it stores it through default_template_version)."""
    return stored_default(programme) or packaged_default(programme)


def stored_default(programme: Programme) -> ScorecardTemplateVersion | None:
    """The programme's stored default card (scorecard-default-v1), or None."""
    template = default_template()
    return ScorecardTemplateVersion.objects.filter(
        programme=programme, name=template.name, version=template.version
    ).first()


def packaged_default(programme: Programme) -> ScorecardTemplateVersion:
    """The default card from the core's packaged file as the programme's version, not saved."""
    template = default_template()
    return ScorecardTemplateVersion(
        programme=programme,
        name=template.name,
        version=template.version,
        title=template.title,
        document=_json_ready(template_to_data(template)),
    )


def default_template_version(programme: Programme) -> ScorecardTemplateVersion:
    """The default card (scorecard-default-v1) of the programme; stored from the core's
    packaged file when missing (a programme gets it when it is created, see
    store_default_card)."""
    found = stored_default(programme)
    if found is not None:
        return found
    unsaved = packaged_default(programme)
    try:
        with transaction.atomic():
            unsaved.save()
            return unsaved
    except IntegrityError:  # another request stored it first
        return ScorecardTemplateVersion.objects.get(
            programme=programme, name=unsaved.name, version=unsaved.version
        )


def store_default_card(
    sender: Any, instance: Programme, created: bool = False, raw: bool = False, **kwargs: Any
) -> None:
    """A new programme starts with the default card stored (post_save of Programme, connected
    in PrioritisationConfig.ready), so pages that only read never store it."""
    if created and not raw:
        with because("The default score card of the new programme"):
            default_template_version(instance)


def _json_ready(data: dict[str, Any]) -> dict[str, Any]:
    """Anchor points as text keys, as JSON stores them (the core reads both)."""
    for group in data["groups"]:
        for factor in group["factors"]:
            factor["anchors"] = {str(k): v for k, v in factor["anchors"].items()}
    return data


class TailoringError(ValueError):
    """The tailored card is not valid, or changes nothing; the message says what to fix."""


@dataclass(frozen=True)
class NewFactor:
    """A factor added by tailoring. `group` is the key of an existing group (empty inside a
    NewGroup); `key` is derived from the label when empty."""

    label: str
    weight: float  # percent of its group
    anchors: Sequence[str]  # one written anchor per point, lowest first
    direction: str = Direction.HIGHER.value  # "lower": a cost, a higher score lowers the total
    group: str = ""
    key: str = ""


@dataclass(frozen=True)
class NewGroup:
    """A group added by tailoring, with its weight (percent of the total) and its factors."""

    label: str
    weight: float
    factors: Sequence[NewFactor] = ()
    key: str = ""


@dataclass(frozen=True)
class Tailoring:
    """What an admin changes in a card. Dropping a factor (or a group) shares its weight among
    the others of its group (or the other groups) in proportion to their weights; an added one
    keeps the weight given and the others fill the rest, keeping their proportions."""

    drop: Sequence[str] = ()
    drop_groups: Sequence[str] = ()
    add: Sequence[NewFactor] = ()
    add_groups: Sequence[NewGroup] = ()
    labels: Mapping[str, str] = field(default_factory=dict)
    anchors: Mapping[str, Sequence[str]] = field(default_factory=dict)
    directions: Mapping[str, str] = field(default_factory=dict)
    group_weights: Mapping[str, float] = field(default_factory=dict)
    factor_weights: Mapping[str, float] = field(default_factory=dict)


def new_key(label: str, taken: Collection[str]) -> str:
    """A key for an added factor or group from its label (`Worker voice` -> `worker_voice`),
    made unique among the keys `taken` with a number (`worker_voice_2`)."""
    plain = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")[:40].strip("_") or "factor"
    if base[0].isdigit():
        base = f"f_{base}"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    return key


def _shown(values: Mapping[str, float], labels: Mapping[str, str]) -> str:
    return ", ".join(f"{labels.get(k, k)} {v:g}" for k, v in values.items())


def tailored(template: Template, changes: Tailoring) -> Template:
    """The tailored card (next version of the name, based on `template`), not stored yet;
    TailoringError in words when it is not valid."""
    groups = {g.key: g for g in template.groups}
    factors = {f.key: f for f in template.factors}
    unknown = sorted(
        {*changes.drop, *changes.labels, *changes.anchors, *changes.directions}
        - set(factors)
        - {f.key for f in changes.add}
    ) + sorted({*changes.drop_groups, *changes.group_weights} - set(groups))
    if unknown:
        raise TailoringError(f"unknown factor or group key(s): {', '.join(unknown)}")
    wrong = sorted(
        d
        for d in {*changes.directions.values(), *(f.direction for f in _added(changes))}
        if d not in {x.value for x in Direction}
    )
    if wrong:
        raise TailoringError(f"a direction is 'higher' or 'lower', not {', '.join(wrong)}")
    dropped = set(changes.drop)
    adding = {f.group for f in changes.add}
    gone = set(changes.drop_groups) | {
        g.key
        for g in template.groups
        if all(f.key in dropped for f in g.factors) and g.key not in adding
    }
    orphans = [f.label for f in changes.add if f.group not in groups or f.group in gone]
    if orphans:
        raise TailoringError(f"added factor(s) {', '.join(orphans)} need a group the card keeps")
    taken = {*groups, *factors}
    new_groups: list[Group] = []
    for new_group in changes.add_groups:
        key = _key(new_group.key.strip(), new_group.label, taken)
        if not new_group.factors:
            raise TailoringError(f"the new group {new_group.label} needs at least one factor")
        inner = tuple(_factor(f, key, taken) for f in new_group.factors)
        new_groups.append(Group(key, new_group.label.strip(), new_group.weight, inner))
    added = [_factor(spec, spec.group, taken) for spec in changes.add]
    kept = [g for g in template.groups if g.key not in gone]
    if not kept and not new_groups:
        raise TailoringError("a card needs at least one group")
    group_weights = {g.key: float(changes.group_weights.get(g.key, g.weight)) for g in kept}
    if gone or new_groups:
        group_weights = refill(group_weights, {g.key: g.weight for g in new_groups})
    factor_weights: dict[str, float] = {}
    for group in kept:
        own = {
            f.key: float(changes.factor_weights.get(f.key, f.weight))
            for f in group.factors
            if f.key not in dropped
        }
        extra = {f.key: f.weight for f in added if f.group == group.key}
        if len(own) < len(group.factors) or extra:
            own = refill(own, extra)
        factor_weights |= own
    for new in new_groups:
        factor_weights |= {f.key: f.weight for f in new.factors}
    _check_sums(kept, new_groups, added, group_weights, factor_weights, changes.labels)
    # The core tailors a card whose groups are already the ones kept and added, with directions.
    start = replace(
        template,
        groups=tuple(
            replace(
                g,
                factors=tuple(
                    replace(f, direction=Direction(changes.directions.get(f.key, f.direction)))
                    for f in g.factors
                ),
            )
            for g in kept
        )
        + tuple(new_groups),
    )
    live = {f.key for f in start.factors}
    try:
        result = tailor(
            start,
            drop=[k for k in dropped if k in live],
            add=added,
            labels={k: v.strip() for k, v in changes.labels.items() if k in live},
            anchors={k: [a.strip() for a in v] for k, v in changes.anchors.items() if k in live},
            group_weights=group_weights,
            factor_weights=factor_weights,
        )
    except ValueError as exc:
        raise TailoringError(str(exc)) from None
    return result


def _added(changes: Tailoring) -> list[NewFactor]:
    return [*changes.add, *(f for g in changes.add_groups for f in g.factors)]


def _key(given: str, label: str, taken: set[str]) -> str:
    """The key asked for (in key form), else one made from the label; a key asked for that is
    already used is refused rather than renamed."""
    key = new_key(given or label, set() if given else taken)
    if given and key in taken:
        raise TailoringError(f"the key {key} is already used: choose another or leave it empty")
    taken.add(key)
    return key


def _factor(spec: NewFactor, group: str, taken: set[str]) -> Factor:
    key = _key(spec.key.strip(), spec.label, taken)
    return Factor(
        key=key,
        label=spec.label.strip(),
        group=group,
        weight=float(spec.weight),
        anchors=tuple(a.strip() for a in spec.anchors),
        direction=Direction(spec.direction),
    )


def _check_sums(
    kept: Sequence[Group],
    new_groups: Sequence[Group],
    added: Sequence[Factor],
    group_weights: Mapping[str, float],
    factor_weights: Mapping[str, float],
    labels: Mapping[str, str],
) -> None:
    """The weight sums, with the labels people see (the core names keys)."""
    every = (*kept, *new_groups)
    names = {g.key: g.label for g in every} | {f.key: f.label for g in every for f in g.factors}
    names |= {f.key: f.label for f in added} | dict(labels)
    member = {f.key: g.key for g in every for f in g.factors} | {f.key: f.group for f in added}
    problems = []
    total = sum(group_weights.values())
    if abs(total - 100) > SUM_TOLERANCE:
        problems.append(
            f"group weights must sum to 100, got {total:g} ({_shown(group_weights, names)})"
        )
    for group in every:
        shares = {k: v for k, v in factor_weights.items() if member.get(k) == group.key}
        subtotal = sum(shares.values())
        if shares and abs(subtotal - 100) > SUM_TOLERANCE:
            problems.append(
                f"the factor weights of {group.label} must sum to 100, got {subtotal:g} "
                f"({_shown(shares, names)})"
            )
    if problems:
        raise TailoringError("; ".join(problems))


def _g(value: float) -> str:
    return f"{value:.4g}"


def what_changed(old: Template, new: Template) -> list[str]:
    """The differences between two cards in words, e.g. `drops the group Government value`;
    empty when they are the same."""
    lines: list[str] = []
    old_groups = {g.key: g for g in old.groups}
    new_groups = {g.key: g for g in new.groups}
    for group in old.groups:
        if group.key not in new_groups:
            lines.append(f"drops the group {group.label} (its {_g(group.weight)}% shared out)")
    for group in new.groups:
        before = old_groups.get(group.key)
        if before is None:
            lines.append(f"adds the group {group.label} ({_g(group.weight)}% of the total)")
        elif abs(before.weight - group.weight) > SUM_TOLERANCE:
            lines.append(f"{group.label}: {_g(before.weight)}% → {_g(group.weight)}% of the total")
    old_factors = {f.key: f for f in old.factors}
    new_factors = {f.key: f for f in new.factors}
    for factor in old.factors:
        if factor.key not in new_factors and factor.group in new_groups:
            lines.append(f"drops {factor.label} from {new_groups[factor.group].label}")
    for factor in new.factors:
        within = new_groups[factor.group].label
        was = old_factors.get(factor.key)
        kind = "a cost: lowers the total" if factor.direction == Direction.LOWER else "a benefit"
        if was is None:
            lines.append(f"adds {factor.label} to {within} ({_g(factor.weight)}% of it, {kind})")
            continue
        if was.label != factor.label:
            lines.append(f"{was.label} is now called {factor.label}")
        if was.direction != factor.direction:
            lines.append(f"{factor.label} is now {kind}")
        if abs(was.weight - factor.weight) > SUM_TOLERANCE:
            lines.append(f"{factor.label}: {_g(was.weight)}% → {_g(factor.weight)}% of {within}")
        pairs = zip(new.points, was.anchors, factor.anchors, strict=False)
        points = [str(p) for p, a, b in pairs if a != b]
        if points:
            lines.append(f"{factor.label}: new anchor for {', '.join(points)}")
    if old.title != new.title:
        lines.append(f"the title is now {new.title}")
    return lines


def _content(template: Template) -> tuple[Any, ...]:
    """What a card says, without its name, version and origin: equal cards score alike."""
    return (
        template.title,
        template.scale,
        tuple(
            (
                g.key,
                g.label,
                round(g.weight, 6),
                g.aliases,
                *(
                    (f.key, f.label, round(f.weight, 6), f.anchors, f.direction, f.aliases)
                    for f in g.factors
                ),
            )
            for g in template.groups
        ),
    )


@dataclass(frozen=True)
class Preview:
    """The tailored card before it is saved, and what changes from the base version."""

    template: Template
    changes: list[str]


def preview(base: ScorecardTemplateVersion, changes: Tailoring) -> Preview:
    """What saving would store; TailoringError when it is not valid."""
    template = tailored(base.template, changes)
    return Preview(template, what_changed(base.template, template))


def tailor_version(
    base: ScorecardTemplateVersion,
    user: Any,
    changes: Tailoring | None = None,
    *,
    reason: str = "",
    **given: Any,
) -> ScorecardTemplateVersion:
    """Store the programme's tailored version of a template as the next version of its name;
    refused (TailoringError) when it changes nothing or repeats a stored version. `changes` is
    a Tailoring, or its fields are given as keywords (`drop=["time_horizon"]`)."""
    template = tailored(base.template, changes or Tailoring(**given))
    changed = what_changed(base.template, template)
    if not changed:
        raise TailoringError(f"nothing changed: the card is the same as {base.template_id}")
    why = f"{reason.strip() or 'Tailored'} ({base.template_id}: {'; '.join(changed)})"
    try:
        with transaction.atomic(), because(why):
            # Locking the programme's versions makes two saves at once queue; the second then
            # reads them again (a new snapshot), sees the first's version and is refused.
            versions = ScorecardTemplateVersion.objects.filter(programme=base.programme)
            list(versions.select_for_update().values_list("pk", flat=True))
            stored = list(versions.all())
            same = next((v for v in stored if _content(v.template) == _content(template)), None)
            if same is not None:
                raise TailoringError(f"nothing changed: this card is already {same.template_id}")
            latest = max((v.version for v in stored if v.name == template.name), default=0)
            version = max(template.version, latest + 1)
            data = _json_ready(template_to_data(template))
            data["version"] = version
            data["id"] = f"{template.name}-v{version}"
            return ScorecardTemplateVersion.objects.create(
                programme=base.programme,
                name=template.name,
                version=version,
                title=template.title,
                document=data,
                based_on=base.template_id,
                created_by=user,
            )
    except IntegrityError:  # a version with that number was stored meanwhile
        raise TailoringError("another version was saved at the same moment; try again") from None
