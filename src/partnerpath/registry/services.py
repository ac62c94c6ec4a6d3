"""Use-cases of the registry: listing and filtering organisations, duplicates, links and merging."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import CharField, Q, QuerySet, TextField

from partnerpath.accounts.models import Programme
from partnerpath.audit.context import because
from partnerpath.core.countries import is_country_code
from partnerpath.core.names import normalise_org_name
from partnerpath.registry.choices import LinkKind, OrganisationKind, Sector
from partnerpath.registry.models import Contact, Organisation, OrganisationLink
from partnerpath.registry.validators import MAX_OTHER_NAMES, tidy_names


@dataclass(frozen=True)
class OrganisationFilter:
    """What a person can filter the organisation list by (web, API and export alike)."""

    search: str = ""
    kind: str = ""
    sector: str = ""
    country: str = ""
    active: str = ""  # "", "yes" or "no"

    @classmethod
    def from_params(cls, params: Any) -> OrganisationFilter:
        """Read the filter from query parameters."""
        return cls(
            search=str(params.get("search", "") or "").strip(),
            kind=str(params.get("kind", "") or "").strip(),
            sector=str(params.get("sector", "") or "").strip(),
            country=str(params.get("country", "") or "").strip().upper(),
            active=str(params.get("active", "") or "").strip(),
        )

    def as_params(self) -> dict[str, str]:
        """The non-empty parts, for links that keep the filter."""
        return {k: v for k, v in vars(self).items() if v}

    def problems(self) -> dict[str, str]:
        """What is wrong with each part of the filter (an unknown kind, sector or country), by
        name: a filter that can match nothing because of a typo is an error, not an empty list."""
        found: dict[str, str] = {}
        for name, choices in (("kind", OrganisationKind), ("sector", Sector)):
            value = getattr(self, name)
            if value and value not in choices.values:
                found[name] = (
                    f"“{value}” is not a valid choice; choose one of {', '.join(choices.values)}."
                )
        if self.country and not is_country_code(self.country):
            found["country"] = (
                f"“{self.country}” is not an ISO 3166-1 country code (for example TH, VN, MM)."
            )
        if self.active and self.active not in ("yes", "no"):
            found["active"] = f"“{self.active}” is not a valid choice; choose yes or no."
        return found


def organisations_of(programme: Programme) -> QuerySet[Organisation]:
    """All organisations of a programme."""
    return Organisation.objects.filter(programme=programme)


def filter_organisations(
    qs: QuerySet[Organisation], flt: OrganisationFilter
) -> QuerySet[Organisation]:
    """Apply a filter: search in names and identifiers; kind; sector; any country role."""
    if flt.search:
        qs = qs.filter(
            Q(name__icontains=flt.search)
            | Q(normalised_name__contains=normalise_org_name(flt.search))
            | Q(registration_number__iexact=flt.search)
            | Q(lei__iexact=flt.search)
        )
    if flt.kind:
        qs = qs.filter(kind=flt.kind)
    if flt.sector:
        qs = qs.filter(sectors__has=flt.sector)
    if flt.country:
        qs = qs.filter(
            Q(hq_country=flt.country)
            | Q(countries_of_operation__has=flt.country)
            | Q(countries_of_sourcing__has=flt.country)
        )
    if flt.active == "yes":
        qs = qs.filter(is_active=True)
    elif flt.active == "no":
        qs = qs.filter(is_active=False)
    return qs


def possible_duplicates(
    programme: Programme, name: str, hq_country: str, exclude_id: int | None = None
) -> QuerySet[Organisation]:
    """Existing organisations with the same normalised name and headquarters country."""
    qs = Organisation.objects.filter(
        programme=programme, normalised_name=normalise_org_name(name), hq_country=hq_country
    )
    return qs.exclude(pk=exclude_id) if exclude_id else qs


def parents_of(organisation: Organisation) -> set[int]:
    """Ids of every organisation above this one in the ownership chain."""
    seen: set[int] = set()
    frontier = {organisation.pk}
    while frontier:
        ids = set(
            OrganisationLink.objects.filter(
                kind=LinkKind.PARENT_OF, to_organisation_id__in=frontier
            ).values_list("from_organisation_id", flat=True)
        )
        frontier = ids - seen
        seen |= ids
    return seen


class LinkError(Exception):
    """The link would be invalid (another programme, itself, or an ownership loop)."""


def link_organisations(
    source: Organisation, kind: str, target: Organisation, note: str = ""
) -> OrganisationLink:
    """Record that ``source`` is parent of / affiliate of / member of / supplier of ``target``."""
    if source.programme_id != target.programme_id:
        raise LinkError("Both organisations must belong to the same programme.")
    if source.pk == target.pk:
        raise LinkError("An organisation cannot be linked to itself.")
    if kind == LinkKind.PARENT_OF and target.pk in parents_of(source) | {source.pk}:
        raise LinkError(f"{target} already owns {source}; ownership cannot go round in a loop.")
    link, _ = OrganisationLink.objects.get_or_create(
        programme_id=source.programme_id,
        from_organisation=source,
        kind=kind,
        to_organisation=target,
        defaults={"note": note},
    )
    return link


_MERGEABLE_FIELDS = [
    f.name
    for f in Organisation._meta.concrete_fields
    if f.name
    not in {"id", "programme", "name", "normalised_name", "created_at", "updated_at", "kind"}
]


@transaction.atomic
def merge_organisations(keep: Organisation, duplicate: Organisation, reason: str) -> Organisation:
    """Fold ``duplicate`` into ``keep``: fill ``keep``'s empty fields, move every related record,
    then delete the duplicate. The history records both sides and the reason."""
    if keep.programme_id != duplicate.programme_id or keep.pk == duplicate.pk:
        raise LinkError("Only two different organisations of the same programme can be merged.")
    with because(reason or f"Merged duplicate {duplicate.name} into {keep.name}"):
        changed = []
        for name in _MERGEABLE_FIELDS:
            mine, theirs = getattr(keep, name), getattr(duplicate, name)
            if name == "other_names":
                # The duplicate's name is one the organisation goes by: screen it too.
                merged = tidy_names([*mine, duplicate.name, *theirs], exclude=keep.name)
                if merged[:MAX_OTHER_NAMES] != mine:
                    keep.other_names = merged[:MAX_OTHER_NAMES]
                    changed.append(name)
            elif isinstance(mine, list):
                merged = sorted(set(mine) | set(theirs))
                if merged != sorted(mine):
                    setattr(keep, name, merged)
                    changed.append(name)
            elif mine in (None, "") and theirs not in (None, ""):
                setattr(keep, name, theirs)
                changed.append(name)
        if changed:
            keep.save()
        _move_links(keep, duplicate)
        _move_related_records(keep, duplicate)
        duplicate.delete()
    return keep


@dataclass(frozen=True)
class ContactFilter:
    """What the contact list can be filtered by."""

    search: str = ""
    department: str = ""
    champion: str = ""  # "yes" for champions only
    organisation: str = ""

    @classmethod
    def from_params(cls, params: Any) -> ContactFilter:
        """Read the filter from query parameters."""
        return cls(
            **{
                k: str(params.get(k, "") or "").strip()
                for k in ("search", "department", "champion", "organisation")
            }
        )

    def as_params(self) -> dict[str, str]:
        """The non-empty parts, for links that keep the filter."""
        return {k: v for k, v in vars(self).items() if v}


def filter_contacts(qs: QuerySet[Contact], flt: ContactFilter) -> QuerySet[Contact]:
    """Apply a contact filter."""
    if flt.search:
        qs = qs.filter(
            Q(name__icontains=flt.search)
            | Q(email__icontains=flt.search)
            | Q(title__icontains=flt.search)
            | Q(organisation__name__icontains=flt.search)
        )
    if flt.department:
        qs = qs.filter(department=flt.department)
    if flt.champion == "yes":
        qs = qs.filter(is_champion=True)
    if flt.organisation.isdigit():
        qs = qs.filter(organisation_id=int(flt.organisation))
    return qs


def _move_links(keep: Organisation, duplicate: Organisation) -> None:
    """Re-point the duplicate's links to ``keep``, dropping links that would point to itself."""
    links = OrganisationLink.objects.filter(
        Q(from_organisation=duplicate) | Q(to_organisation=duplicate)
    ).select_related("from_organisation", "to_organisation")
    for link in links:
        src = keep if link.from_organisation_id == duplicate.pk else link.from_organisation
        dst = keep if link.to_organisation_id == duplicate.pk else link.to_organisation
        link.delete()
        if src.pk != dst.pk:
            OrganisationLink.objects.get_or_create(
                programme_id=keep.programme_id,
                from_organisation=src,
                kind=link.kind,
                to_organisation=dst,
                defaults={"note": link.note},
            )


def _move_related_records(keep: Organisation, duplicate: Organisation) -> None:
    """Move every record of every app that points at the duplicate (contacts, checklists, hits,
    incident notes...) to ``keep``, one audited save at a time, so nothing is lost to the delete."""
    for rel in Organisation._meta.related_objects:
        model = rel.related_model
        if model is OrganisationLink:
            continue
        name = rel.field.name
        if rel.many_to_many:
            for row in model._default_manager.filter(**{name: duplicate}):
                getattr(row, name).add(keep)
        elif rel.one_to_one:
            _merge_one_to_one(model, name, keep, duplicate)
        else:
            for row in model._default_manager.filter(**{name: duplicate}):
                setattr(row, name, keep)
                row.save()


def _merge_one_to_one(model: type[Any], name: str, keep: Organisation, dup: Organisation) -> None:
    """One record per organisation (e.g. its goods): move it, or fold its text into keep's."""
    theirs = model._default_manager.filter(**{name: dup}).first()
    if theirs is None:
        return
    mine = model._default_manager.filter(**{name: keep}).first()
    if mine is None:
        setattr(theirs, name, keep)
        theirs.save()
        return
    for field in model._meta.concrete_fields:
        if not isinstance(field, (TextField, CharField)) or field.name in ("id",):
            continue
        a, b = getattr(mine, field.name), getattr(theirs, field.name)
        if b and not a:
            setattr(mine, field.name, b)
        elif b and a and b != a and isinstance(field, TextField):
            setattr(mine, field.name, f"{a}\n{b}")
    mine.save()
