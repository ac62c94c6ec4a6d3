"""A programme's own rubrics: clone a packaged (or programme) rubric under a new name/version,
adapt its YAML document (saved only when the core validates it), and resolve the exact rubric an
assessment was made with: the programme's own rubrics first, then the packaged ones.

A programme rubric never takes the name of a packaged rubric family (``maturity``,
``pse-readiness``), so it can never shadow a packaged version, present or future. Once an
assessment uses a programme rubric it no longer changes; adapting it further makes a new version.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet

from partnerpath.accounts.models import Programme
from partnerpath.assessments.choices import Kind
from partnerpath.assessments.models import Assessment, ProgrammeRubric
from partnerpath.audit.context import acting_as
from partnerpath.core.rubric import (
    Problem,
    Rubric,
    RubricError,
    clone,
    load_packaged,
    packaged_keys,
    packaged_rubrics,
    parse_text,
    to_document,
)
from partnerpath.core.rubric.model import RuleKind

KIND_RULES = {Kind.MATURITY: RuleKind.LADDER, Kind.PSE: RuleKind.WEIGHTED_SECTIONS}


@lru_cache(maxsize=128)
def parse_document(text: str, source: str) -> Rubric:
    """A stored (already validated) document as a rubric, parsed once per process."""
    return parse_text(text, source)


def kind_of(rub: Rubric) -> Kind:
    """Maturity for a ladder rubric, PSE readiness for weighted sections."""
    return Kind.MATURITY if rub.rule.kind is RuleKind.LADDER else Kind.PSE


def rubric_for(programme_id: int, key: str) -> Rubric:
    """The rubric with this exact key for a programme: its own rubrics first, then packaged ones.

    KeyError when neither has it.
    """
    document = (
        ProgrammeRubric.objects.filter(programme_id=programme_id, key=key)
        .values_list("document", flat=True)
        .first()
    )
    if document is not None:
        return parse_document(document, key)
    return load_packaged(key)


def rubrics_for(programme_id: int, keys: Iterable[str]) -> dict[str, Rubric]:
    """The rubrics with these keys for a programme (as rubric_for), in at most one query
    whatever their number; a key the programme and the package both lack is left out."""
    wanted = set(keys)
    # A programme rubric never takes a packaged family's name, so packaged keys need no query.
    packaged = wanted & set(packaged_keys())
    found = {key: load_packaged(key) for key in packaged}
    if own := wanted - packaged:
        rows = ProgrammeRubric.objects.filter(programme_id=programme_id, key__in=own)
        for key, document in rows.values_list("key", "document"):
            found[key] = parse_document(document, key)
    return found


def labels_of(rub: Rubric) -> dict[int, str]:
    """Level number -> label of a ladder rubric, base level included, lowest first."""
    labels = {lv.level: lv.label for lv in rub.levels}
    if rub.base_level is not None:
        labels[rub.base_level.level] = rub.base_level.label
    return dict(sorted(labels.items()))


def merged_labels(programme_id: int, used: Sequence[str]) -> dict[int, str]:
    """The levels of every rubric used (keys oldest first), merged by number: each level is
    labelled as in the last rubric that has it, so a programme's renamed or added levels show."""
    found = rubrics_for(programme_id, used)
    labels: dict[int, str] = {}
    for key in reversed(dict.fromkeys(reversed(used))):  # each key at its last use
        if key in found and found[key].rule.kind is RuleKind.LADDER:
            labels |= labels_of(found[key])
    return dict(sorted(labels.items()))


def _made_with(programme_id: Any, key: Any) -> QuerySet[Assessment]:
    return Assessment.objects.filter(programme_id=programme_id, rubric_key=key)


def in_use(record: ProgrammeRubric) -> bool:
    """Whether an assessment was made with this programme rubric (it is then immutable)."""
    return _made_with(record.programme_id, record.key).exists()


def with_in_use(queryset: QuerySet[ProgrammeRubric]) -> QuerySet[ProgrammeRubric]:
    """The rubrics, each annotated with ``in_use`` (as in_use(), in the same query)."""
    return queryset.annotate(in_use=Exists(_made_with(OuterRef("programme_id"), OuterRef("key"))))


def own_rubrics(programme: Programme, kind: str | None = None) -> list[ProgrammeRubric]:
    """The programme's own rubrics (of one kind when given), by key."""
    found = ProgrammeRubric.objects.filter(programme=programme).select_related("created_by")
    if kind:
        found = found.filter(kind=kind)
    return list(found.order_by("key"))


@dataclass(frozen=True)
class Choice:
    """A rubric a programme may use: its key, title, and whether it is the programme's own."""

    key: str
    title: str
    kind: str
    own: bool
    base: str = ""


def available(programme: Programme, kind: str | None = None) -> list[Choice]:
    """Packaged rubrics, then the programme's own (of one kind when given)."""
    found = [
        Choice(r.key, r.title, kind_of(r), own=False, base=r.derived_from or "")
        for r in packaged_rubrics()
    ]
    found += [
        Choice(p.key, p.title, p.kind, own=True, base=p.base_key) for p in own_rubrics(programme)
    ]
    return [c for c in found if kind is None or c.kind == kind]


def _dump(rub: Rubric) -> str:
    return yaml.safe_dump(to_document(rub), sort_keys=False, allow_unicode=True, width=100)


def _check_name(name: str, key: str, programme: Programme) -> list[Problem]:
    problems = []
    families = {k.rsplit("-v", 1)[0] for k in packaged_keys()}
    if name in families:
        problems.append(
            Problem("name", f"'{name}' is a packaged rubric's name; choose the programme's own")
        )
    if ProgrammeRubric.objects.filter(programme=programme, key=key).exists():
        problems.append(Problem("name", f"the programme already has a rubric {key}"))
    return problems


def clone_rubric(
    programme: Programme,
    user: Any,
    base_key: str,
    name: str,
    version: int,
    document: str | None = None,
) -> ProgrammeRubric:
    """Clone a packaged or programme rubric into the programme under a new name/version and,
    with ``document``, adapt it in the same transaction (a refused document undoes the clone).

    RubricError (every problem located) when the base is unknown or the clone or the document is
    invalid; nothing is saved then.
    """
    try:
        base = rubric_for(programme.pk, base_key)
    except KeyError:
        raise RubricError([Problem("base", f"no rubric '{base_key}'")], base_key) from None
    key = f"{name}-v{version}"
    problems = _check_name(name, key, programme)
    try:
        cloned = clone(base, name, version)
    except RubricError as exc:
        problems += exc.problems
    if problems:
        raise RubricError(problems, key)
    try:
        with transaction.atomic():
            with acting_as(user):
                record = ProgrammeRubric.objects.create(
                    programme=programme,
                    key=cloned.key,
                    base_key=base.key,
                    kind=kind_of(cloned),
                    title=cloned.title,
                    document=_dump(cloned),
                    created_by=user,
                )
            if document is not None:
                save_document(record, document, user)
            return record
    except IntegrityError:  # created at the same moment by someone else
        raise RubricError(
            [Problem("name", f"the programme already has a rubric {key}")], key
        ) from None


def save_document(record: ProgrammeRubric, text: str, user: Any) -> ProgrammeRubric:
    """Save an adapted document, only when the core validates it and it keeps its key and kind.

    RubricError with every located problem otherwise; nothing is saved then.
    """
    if in_use(record):
        problem = Problem("(document)", "an assessment uses this version; clone a new version")
        raise RubricError([problem], record.key)
    rub = parse_text(text, record.key)
    problems = []
    if rub.key != record.key:
        problems.append(
            Problem("name", f"the key must stay {record.key} (not {rub.key}); clone a new version")
        )
    if kind_of(rub) != record.kind:
        problems.append(Problem("rule.kind", f"the rule must stay {KIND_RULES[Kind(record.kind)]}"))
    if problems:
        raise RubricError(problems, record.key)
    with transaction.atomic(), acting_as(user):
        record.document = text
        record.title = rub.title
        record.save(update_fields=["document", "title", "updated_at"])
    return record


def for_new_assessment(programme: Programme, kind: str, key: str) -> Rubric:
    """The chosen rubric for a new assessment of ``kind``; ValueError if unknown or another kind."""
    try:
        rub = rubric_for(programme.pk, key)
    except KeyError:
        raise ValueError(f"No rubric '{key}' in this programme.") from None
    if kind_of(rub) != kind:
        raise ValueError(f"{key} is not a {Kind(kind).label} rubric.")
    return rub
