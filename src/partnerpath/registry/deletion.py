"""Deleting an organisation: what would go with it, what stays but loses its link to it, and
what forbids the delete (a partnership that names it, incident notes). The confirmation page,
the web delete and the API delete all use this, so the page says before the click what the
click would do."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import DEFAULT_DB_ALIAS, models, transaction
from django.db.models import Count
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

from partnerpath.accounts.models import Membership
from partnerpath.registry.models import Organisation


@dataclass(frozen=True)
class Consequence:
    """Records of one kind that a delete removes or changes, counted."""

    label: str
    count: int


@dataclass
class DeletionPlan:
    """What deleting one organisation would do, and what forbids it."""

    removed: list[Consequence] = field(default_factory=list)
    kept: list[Consequence] = field(default_factory=list)
    blockers: list[str] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        """Nothing forbids the delete."""
        return not self.blockers


class DeletionRefused(Exception):
    """The organisation may not be deleted now; the message names what holds it."""


class _Collector(Collector):
    """Django's delete collector, loading every record (so they can be counted) and keeping
    what protects the organisation instead of raising."""

    def __init__(self) -> None:
        super().__init__(using=DEFAULT_DB_ALIAS)
        self.protected: set[models.Model] = set()

    def can_fast_delete(self, *args: Any, **kwargs: Any) -> bool:
        return False

    def collect(self, objs: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().collect(objs, *args, **kwargs)
        except ProtectedError as exc:
            self.protected.update(exc.protected_objects)
        except RestrictedError as exc:
            self.protected.update(exc.restricted_objects)
        return None


def _rows(batch: Any) -> list[Any]:
    """The records of one batch of field updates (a queryset, a list or one record)."""
    return list(batch) if hasattr(batch, "__iter__") else [batch]


# Names that say more than a model's own on this page.
_NAMES = {
    "screening.hit": "screening hits",
    "screening.adjudication": "screening decisions",
    "diligence.checklist": "due-diligence checklists",
    "diligence.organisationgoods": "goods named for its risk profile",
    "assessments.assessment": "maturity assessments",
    "assessments.answerrecord": "answers of those assessments",
    "assessments.selfassessmentinvite": "self-assessment links",
    "prioritisation.opportunityorganisation": "its roles in opportunities (the opportunities stay)",
}


def _plural(model: type[models.Model]) -> str:
    return _NAMES.get(model._meta.label_lower, str(model._meta.verbose_name_plural))


def _m2m_of(through: type[models.Model]) -> tuple[type[models.Model], Any] | None:
    """The model and many-to-many field an automatic link table belongs to."""
    owner = through._meta.auto_created
    if not isinstance(owner, type):
        return None
    for m2m in owner._meta.many_to_many:
        if m2m.remote_field.through is through:
            return owner, m2m
    return None


def _links(collector: _Collector) -> dict[tuple[type[models.Model], Any], dict[Any, list[Any]]]:
    """Rows of link tables that the delete would remove: (model, field) -> {owner id: [ids]}."""
    found: dict[tuple[type[models.Model], Any], dict[Any, list[Any]]] = {}
    for model, rows in collector.data.items():
        m2m = _m2m_of(model) if model._meta.auto_created else None
        if m2m is None:
            continue
        owner_key, target_key = m2m[1].m2m_field_name(), m2m[1].m2m_reverse_field_name()
        by_owner: dict[Any, list[Any]] = defaultdict(list)
        for row in rows:
            by_owner[getattr(row, f"{owner_key}_id")].append(getattr(row, f"{target_key}_id"))
        found[m2m] = dict(by_owner)
    return found


def _blockers(org: Organisation, membership: Membership, collector: _Collector) -> list[str]:
    from partnerpath.diligence.services import may_read_incidents

    blockers = []
    partners = list(org.partnership_roles.select_related("partnership").order_by("id"))
    for partner in partners:
        blockers.append(
            f"It is a partner in partnership “{partner.partnership}”. A partner stays as part "
            "of the partnership's record: remove it from the partnership if nothing is "
            "recorded against it, or mark the organisation inactive instead of deleting it."
        )
    notes = org.incident_notes.count()
    if notes and may_read_incidents(membership):
        blockers.append(
            f"It has {notes} incident note{'s' if notes != 1 else ''}, which are never deleted "
            "with an organisation. Move each to the organisation it concerns, or delete it, on "
            "the Incident notes page first."
        )
    elif notes:
        blockers.append(
            "It has incident notes, which your role cannot read and which are never deleted "
            "with an organisation. Ask a programme admin or someone with the incident-notes "
            "right to move them to another organisation or delete them first."
        )
    reported = {type(p) for p in partners} | {org.incident_notes.model}
    for obj in sorted(collector.protected, key=lambda o: (type(o).__name__, o.pk)):
        if type(obj) not in reported:
            blockers.append(f"{str(obj._meta.verbose_name).capitalize()} “{obj}” depends on it.")
    return blockers


def deletion_plan(org: Organisation, membership: Membership) -> DeletionPlan:
    """Everything deleting ``org`` would remove (counted by kind), what would stay but lose its
    link to it, and what forbids the delete, as ``membership`` may be told."""
    collector = _Collector()
    collector.collect([org])
    plan = DeletionPlan(blockers=_blockers(org, membership, collector))
    incident_notes = org.incident_notes.model
    for model, rows in sorted(collector.data.items(), key=lambda item: _plural(item[0])):
        if model is Organisation:
            rows = {row for row in rows if row.pk != org.pk}
        if not rows or model._meta.auto_created or model is incident_notes:
            continue
        plan.removed.append(Consequence(_plural(model).capitalize(), len(rows)))
    for (model, m2m), by_owner in _links(collector).items():
        if m2m.related_model is Organisation:
            what, them = "it", "it"
        else:
            what, them = f"its {_plural(m2m.related_model)}", "them"
        plan.kept.append(
            Consequence(
                f"{_plural(model).capitalize()} that list {what}: they stay, without {them}",
                len(by_owner),
            )
        )
    for (fk, _value), batches in collector.field_updates.items():
        deleted = {row.pk for row in collector.data.get(fk.model, ())}
        count = len({row.pk for batch in batches for row in _rows(batch)} - deleted)
        if count:
            plan.kept.append(
                Consequence(
                    f"{_plural(fk.model).capitalize()}: they stay, with “{fk.verbose_name}” "
                    "emptied",
                    count,
                )
            )
    interactions = org.interactions.model._default_manager.filter(
        pk__in=org.interactions.values("pk")
    )
    alone = interactions.annotate(named=Count("organisations")).filter(named=1).count()
    if alone:
        plan.kept.append(
            Consequence("Interactions with no other organisation: they stay, with none", alone)
        )
    return plan


@transaction.atomic
def delete_organisation(org: Organisation, membership: Membership) -> None:
    """Delete an organisation with everything attached to it, each deletion in the history.
    Raises DeletionRefused, deleting nothing, when anything forbids it."""
    collector = _Collector()
    collector.collect([org])
    blockers = _blockers(org, membership, collector)
    if blockers:
        raise DeletionRefused(f"{org.name} was not deleted. " + " ".join(blockers))
    # Take it (and its contacts) off the records that list them first, so each of those records
    # shows the removal in its own history; a delete would drop those links silently.
    for (model, m2m), by_owner in _links(collector).items():
        for owner in model._default_manager.filter(pk__in=list(by_owner)):
            getattr(owner, m2m.name).remove(*by_owner[owner.pk])
    try:
        with transaction.atomic():
            org.delete()
    except (ProtectedError, RestrictedError) as exc:  # something was attached meanwhile
        raise DeletionRefused(
            f"{org.name} was not deleted: a record that depends on it was added meanwhile. "
            "Reload the page to see what it is."
        ) from exc
