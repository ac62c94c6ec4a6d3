"""Screening runs: queue one, run it (organisations and their key individuals against the current
list versions, progress recorded as it goes), record the hits with the decisions that still apply,
and re-screen every programme when a list version is imported."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import acting_as
from partnerpath.core.matching.entities import Entity, Schema, make_entity
from partnerpath.core.matching.index import ScreeningIndex
from partnerpath.core.matching.scoring import ALGORITHM_ID, DEFAULT_THRESHOLD, MatchResult
from partnerpath.registry.choices import OrganisationKind
from partnerpath.registry.models import KeyIndividual, Organisation
from partnerpath.screening.choices import ScreeningScope, ScreeningStatus, ScreeningTrigger
from partnerpath.screening.lists import current_versions, entry_key, index_for
from partnerpath.screening.models import Adjudication, Hit, ListEntry, Screening, subject_key

_COMPANY_KINDS = (OrganisationKind.COMPANY, OrganisationKind.RECRUITMENT)


class ScreeningRequestError(ValueError):
    """A screening that cannot be started as asked."""


def start_screening(
    programme: Programme,
    *,
    organisation: Organisation | None = None,
    user: Any = None,
    trigger: str = ScreeningTrigger.REQUESTED,
) -> Screening:
    """Queue a screening of one organisation (or, without one, of all active organisations) and
    hand it to the background worker. Call it outside a transaction: the worker must see it."""
    if organisation is not None and organisation.programme_id != programme.pk:
        raise ScreeningRequestError("That organisation belongs to another programme.")
    with acting_as(user, None if user else "screening"):
        screening = Screening.objects.create(
            programme=programme,
            scope=ScreeningScope.ORGANISATION if organisation else ScreeningScope.ALL_ACTIVE,
            organisation=organisation,
            trigger=trigger,
            algorithm=ALGORITHM_ID,
            threshold=DEFAULT_THRESHOLD,
            requested_by=user,
        )
    from partnerpath.screening import tasks

    result = tasks.run_screening.enqueue(screening.pk)
    Screening.objects.filter(pk=screening.pk).update(task_id=str(result.id))
    screening.refresh_from_db()
    return screening


def rescreen_after_list_update(version: Any) -> list[Screening]:
    """After a list version is imported: queue a screening of every programme that has active
    organisations; hits not yet decided on (or whose list entry changed) show as new."""
    active = Organisation.objects.filter(is_active=True).values("programme_id")
    return [
        start_screening(programme, trigger=ScreeningTrigger.LIST_UPDATE)
        for programme in Programme.objects.filter(pk__in=active).order_by("pk")
    ]


def organisation_query(org: Organisation) -> Entity:
    """The organisation as screening compares it: its name and other names (former, trading,
    local-script), registration number, LEI and countries."""
    return make_entity(
        id=subject_key(org.pk),
        schema=Schema.COMPANY if org.kind in _COMPANY_KINDS else Schema.ORGANIZATION,
        names=[org.name, *org.other_names],
        countries=[c for c in (org.hq_country, org.registration_jurisdiction) if c],
        identifiers=[i for i in (org.registration_number, org.lei) if i],
    )


def person_query(person: KeyIndividual) -> Entity:
    """A key individual as screening compares them: name and other names, nationality and date
    of birth."""
    return make_entity(
        id=subject_key(person.organisation_id, person.pk),
        schema=Schema.PERSON,
        names=[person.name, *person.other_names],
        countries=[person.nationality] if person.nationality else [],
        birth_dates=[person.date_of_birth.isoformat()] if person.date_of_birth else [],
    )


def _queries(org: Organisation) -> Iterator[tuple[KeyIndividual | None, Entity]]:
    yield None, organisation_query(org)
    for person in org.key_individuals.all():
        yield person, person_query(person)


@dataclass
class _Decisions:
    """The programme's decisions on the organisations being screened, by hit key."""

    by_key: dict[tuple[str, int, str, str], Adjudication] = field(default_factory=dict)
    latest: dict[tuple[str, int, str], list[Adjudication]] = field(default_factory=dict)

    @classmethod
    def load(cls, programme_id: int, orgs: list[Organisation]) -> _Decisions:
        found = cls()
        subjects = [subject_key(o.pk) for o in orgs]
        subjects += [subject_key(o.pk, p.pk) for o in orgs for p in o.key_individuals.all()]
        rows = Adjudication.objects.filter(
            programme_id=programme_id, subject__in=subjects
        ).order_by("-updated_at", "-id")
        for adj in rows:
            found.by_key[(adj.subject, adj.watch_list_id, adj.entity_id, adj.entry_hash)] = adj
            found.latest.setdefault((adj.subject, adj.watch_list_id, adj.entity_id), []).append(adj)
        return found

    def current(
        self, subject: str, list_id: int, entity_id: str, digest: str
    ) -> Adjudication | None:
        """The decision on exactly this content of the list entry."""
        return self.by_key.get((subject, list_id, entity_id, digest))

    def earlier(
        self, subject: str, list_id: int, entity_id: str, digest: str
    ) -> Adjudication | None:
        """The latest decision on an earlier content of the same list entry."""
        for adj in self.latest.get((subject, list_id, entity_id), []):
            if adj.entry_hash != digest and adj.decision:
                return adj
        return None


@dataclass(frozen=True)
class _Found:
    person: KeyIndividual | None
    query: Entity
    entity: Entity
    result: MatchResult


def _screen(index: ScreeningIndex, org: Organisation, threshold: float) -> list[_Found]:
    found: list[_Found] = []
    for person, query in _queries(org):
        for hit in index.screen(query, threshold):
            if hit.result.match:
                found.append(_Found(person, query, hit.entity, hit.result))
    return found


def _entries(found: list[_Found]) -> dict[tuple[int, str], ListEntry]:
    keys = {entry_key(f.entity) for f in found}
    if not keys:
        return {}
    condition = Q()
    for version_id, entity_id in keys:
        condition |= Q(version_id=version_id, entity_id=entity_id)
    rows = ListEntry.objects.filter(condition).select_related("version")
    return {(e.version_id, e.entity_id): e for e in rows}


def _explanation(result: MatchResult) -> list[dict[str, object]]:
    """Every feature with its value, effect on the score, reason and what it checks."""
    return [{**f.as_dict(), "explanation": f.explanation} for f in result.features]


def _record(
    screening: Screening, org: Organisation, found: list[_Found], decisions: _Decisions
) -> list[Hit]:
    """Save the hits of one organisation; the decision on the same entry content carries over."""
    entries = _entries(found)
    hits: list[Hit] = []
    for item in found:
        entry = entries[entry_key(item.entity)]
        subject = subject_key(org.pk, item.person.pk if item.person else None)
        list_id = entry.version.watch_list_id
        current = decisions.current(subject, list_id, entry.entity_id, entry.content_hash)
        earlier = None
        if current is None:
            earlier = decisions.earlier(subject, list_id, entry.entity_id, entry.content_hash)
        hit = Hit(
            programme_id=screening.programme_id,
            screening=screening,
            organisation=org,
            key_individual=item.person,
            subject=subject,
            list_entry=entry,
            watch_list_id=list_id,
            entity_id=entry.entity_id,
            entry_hash=entry.content_hash,
            score=item.result.score,
            query_name=item.result.query_name[:500],
            matched_name=item.result.matched_name[:500],
            explanation=_explanation(item.result),
            algorithm=item.result.algorithm,
            threshold=item.result.threshold,
            is_new=current is None,
            adjudication=current,
            previous_adjudication=earlier,
        )
        hit.save()
        hits.append(hit)
    return hits


def _organisations(screening: Screening) -> list[Organisation]:
    orgs = Organisation.objects.filter(programme_id=screening.programme_id)
    if screening.scope == ScreeningScope.ORGANISATION:
        orgs = orgs.filter(pk=screening.organisation_id or 0)
    else:
        orgs = orgs.filter(is_active=True)
    return list(orgs.order_by("name", "id").prefetch_related("key_individuals"))


def _finish(screening: Screening, status: str, error: str = "") -> None:
    screening.status = status
    screening.error = error[:2000]
    screening.finished_at = timezone.now()
    screening.save(update_fields=["status", "error", "finished_at", "updated_at"])


def run_screening(screening_id: int) -> Screening:
    """Run a queued screening: each organisation and its key individuals against the current
    version of every list, recording hits at or above the threshold and progress as it goes."""
    screening = Screening.objects.select_related("organisation", "requested_by").get(
        pk=screening_id
    )
    if screening.status != ScreeningStatus.QUEUED:
        return screening  # run already (a retried task must not screen twice)
    user = screening.requested_by
    with acting_as(user, None if user else "screening"):
        try:
            _run(screening)
        except Exception as exc:
            _finish(screening, ScreeningStatus.FAILED, f"{type(exc).__name__}: {exc}")
            raise
    return screening


def _run(screening: Screening) -> None:
    orgs = _organisations(screening)
    versions = current_versions()
    screening.status = ScreeningStatus.RUNNING
    screening.started_at = timezone.now()
    screening.total_count = len(orgs)
    screening.save(update_fields=["status", "started_at", "total_count", "updated_at"])
    screening.list_versions.set(versions)
    screening.organisations.set(orgs)
    index = index_for(versions)
    decisions = _Decisions.load(screening.programme_id, orgs)
    hit_count = new_count = 0
    for done, org in enumerate(orgs, start=1):
        found = _screen(index, org, screening.threshold)
        with transaction.atomic():
            hits = _record(screening, org, found, decisions)
            Hit.objects.filter(organisation=org, is_latest=True).exclude(
                screening=screening
            ).update(is_latest=False)
        hit_count += len(hits)
        new_count += sum(1 for h in hits if h.is_new)
        Screening.objects.filter(pk=screening.pk).update(
            done_count=done, hit_count=hit_count, new_hit_count=new_count
        )
    screening.done_count = len(orgs)
    screening.hit_count, screening.new_hit_count = hit_count, new_count
    _finish(screening, ScreeningStatus.DONE)
