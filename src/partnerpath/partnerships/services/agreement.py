"""The agreement and its governance: starting it, editing it in place until it is signed,
amending it (the version it replaces kept whole, with the reason), resource contributions and
success indicators. Every change writes a timeline entry."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from partnerpath.audit.context import because
from partnerpath.core.lifecycle.agreement import (
    IN_PLACE_LABELS,
    INGREDIENT_BY_KEY,
    INGREDIENTS,
    AgreementSummary,
    InPlace,
    summarise,
)
from partnerpath.partnerships.choices import Cadence, ContributionKind, EventKind
from partnerpath.partnerships.models import (
    Agreement,
    AgreementVersion,
    Contribution,
    Partnership,
    SuccessIndicator,
)
from partnerpath.partnerships.services import timeline

# The agreement's own fields, in the order the pages show them (the checklist comes apart).
FIELDS = (
    "activities",
    "roles",
    "contributions_agreed",
    "steering_body",
    "cadence",
    "decision_rule",
    "risk_protocol",
    "do_no_harm",
    "review_on",
    "signed_on",
    "signed_document",
)
DATES = ("review_on", "signed_on")
CADENCES = dict(Cadence.choices)
KINDS = dict(ContributionKind.choices)
IN_PLACE_VALUES = {v.value: v for v in InPlace}


class AgreementSigned(Exception):
    """The agreement is signed: it changes only by an amendment with a reason."""


def label_of(name: str) -> str:
    """A field's name in the users' words ('checklist' is the agreement checklist)."""
    if name == "checklist":
        return "agreement checklist"
    if name == "signed_on":
        return "signed date"
    if name == "signed_document":
        return "signed document"
    return str(getattr(Agreement._meta.get_field(name), "verbose_name", name))


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def agreement_of(partnership: Partnership) -> Agreement | None:
    """The partnership's agreement, or None before one is started."""
    return Agreement.objects.filter(partnership=partnership).first()


def file_name(name: str | None) -> str:
    """A stored file's name without its folders."""
    return name.rsplit("/", 1)[-1] if name else ""


def _changes(changed: Iterable[str]) -> str:
    return ", ".join(label_of(c) for c in changed if c != "signed_document")


def _record_document(agreement: Agreement) -> None:
    signed = f", signed on {agreement.signed_on:%d %b %Y}" if agreement.signed_on else ""
    timeline.record(
        agreement.partnership,
        EventKind.AGREEMENT,
        "Signed agreement attached",
        detail=f"{file_name(agreement.signed_document.name)} (version {agreement.version}{signed})",
    )


@transaction.atomic
def save_agreement(agreement: Agreement, changed: Sequence[str]) -> Agreement:
    """Start the agreement, or edit it in place while it is not signed; once the stored version
    has its signed document, raise AgreementSigned (amend it instead)."""
    new = agreement.pk is None
    if not new:
        stored = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if stored.is_signed:
            raise AgreementSigned("The agreement is signed: amend it, with the reason.")
        agreement.version = stored.version
    agreement.save()
    named = _changes(changed)
    if new:
        filled = f": {named}" if named else ""
        timeline.record(agreement.partnership, EventKind.AGREEMENT, f"Agreement started{filled}.")
    elif named:
        timeline.record(agreement.partnership, EventKind.AGREEMENT, f"Agreement edited: {named}.")
    if "signed_document" in changed and agreement.is_signed:
        _record_document(agreement)
    return agreement


@transaction.atomic
def amend_agreement(
    agreement: Agreement, changed: Sequence[str], reason: str, user: Any = None
) -> AgreementVersion:
    """Keep the stored version (every field, contributions, indicators and its document) as an
    AgreementVersion, then save ``agreement``'s edited fields as the next version."""
    reason = reason.strip()
    if not reason:
        raise ValueError("An amendment needs its reason.")
    stored = Agreement.objects.select_for_update().get(pk=agreement.pk)
    kept = AgreementVersion.objects.create(
        programme_id=stored.programme_id,
        agreement=stored,
        version=stored.version,
        snapshot=snapshot_of(stored),
        signed_document=stored.signed_document.name,
        replaced_by=user if user is not None and user.is_authenticated else None,
        amendment_reason=reason,
    )
    agreement.version = stored.version + 1
    with because(reason):
        agreement.save()
    named = _changes(changed)
    timeline.record(
        agreement.partnership,
        EventKind.AGREEMENT,
        f"Agreement amended to version {agreement.version}: {reason}",
        detail=f"Changed: {named}." if named else "",
    )
    if "signed_document" in changed and agreement.is_signed:
        _record_document(agreement)
    return kept


def _contribution_row(c: Contribution) -> dict[str, Any]:
    return {
        "partner": str(c.partner.organisation),
        "kind": c.kind,
        "description": c.description,
        "value": None if c.value is None else str(c.value),
        "currency": c.currency,
    }


def snapshot_of(agreement: Agreement) -> dict[str, Any]:
    """Every field of the agreement as it stands, with the checklist, the contributions and
    success indicators as lists, and the signed document's file name (JSON-ready)."""
    found: dict[str, Any] = {"version": agreement.version}
    for name in FIELDS:
        value = getattr(agreement, name)
        if name in DATES:
            value = value.isoformat() if value else None
        elif name == "signed_document":
            value = value.name or ""
        found[name] = value
    found["checklist"] = dict(agreement.checklist or {})
    found["checklist_name"] = agreement.checklist_name
    contributions = Contribution.objects.filter(partnership_id=agreement.partnership_id)
    found["contributions"] = [
        _contribution_row(c) for c in contributions.select_related("partner__organisation")
    ]
    indicators = SuccessIndicator.objects.filter(partnership_id=agreement.partnership_id)
    found["success_indicators"] = [
        {"name": i.name, "target": i.target, "means_of_verification": i.means_of_verification}
        for i in indicators
    ]
    return found


def _text(name: str, value: Any) -> str:
    if name == "contributions_agreed":
        return "Yes" if value else "No"
    if name == "cadence":
        return str(CADENCES.get(value, value)) if value else ""
    if name == "signed_document":
        return file_name(value or "")
    return str(value or "")


def _money(value: Any, currency: str) -> str:
    return f" ({value} {currency})" if currency else f" ({value})"


def _contribution_text(row: Mapping[str, Any]) -> str:
    kind = KINDS.get(row.get("kind", ""), row.get("kind", ""))
    value = _money(row["value"], row.get("currency", "")) if row.get("value") else ""
    return f"{row.get('partner', '')}: {kind}, {row.get('description', '')}{value}"


def _indicator_text(row: Mapping[str, Any]) -> str:
    parts = [row.get("name", "")]
    if row.get("target"):
        parts.append(f"target {row['target']}")
    if row.get("means_of_verification"):
        parts.append(f"verified by {row['means_of_verification']}")
    return "; ".join(parts)


@dataclass(frozen=True)
class Line:
    """One field of a version in words."""

    key: str
    label: str
    text: str


def lines_of(snapshot: Mapping[str, Any]) -> list[Line]:
    """A version's fields in words, in page order: the fields, each checklist ingredient, the
    contributions and the success indicators."""
    found = [
        Line(name, _first_upper(label_of(name)), _text(name, snapshot.get(name))) for name in FIELDS
    ]
    checklist = snapshot.get("checklist") or {}
    for ingredient in INGREDIENTS:
        rated = IN_PLACE_VALUES.get(checklist.get(ingredient.key, ""))
        text = IN_PLACE_LABELS[rated] if rated else "Not rated"
        found.append(Line(f"checklist.{ingredient.key}", f"Checklist: {ingredient.label}", text))
    contributions = "\n".join(_contribution_text(r) for r in snapshot.get("contributions", []))
    found.append(Line("contributions", "Resource contributions", contributions))
    indicators = "\n".join(_indicator_text(r) for r in snapshot.get("success_indicators", []))
    found.append(Line("success_indicators", "Success indicators", indicators))
    return found


@dataclass(frozen=True)
class Difference:
    """One field that differs between a stored version and the current agreement."""

    label: str
    before: str
    after: str


def differences(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Difference]:
    """Field by field, what differs between two snapshots."""
    after = {line.key: line.text for line in lines_of(new)}
    return [
        Difference(line.label, line.text, after[line.key])
        for line in lines_of(old)
        if line.text != after[line.key]
    ]


def checklist_ratings(agreement: Agreement | None) -> dict[str, InPlace]:
    """The stored checklist as the core reads it (unknown keys and values left out)."""
    stored = agreement.checklist if agreement is not None else {}
    return {
        key: IN_PLACE_VALUES[value]
        for key, value in (stored or {}).items()
        if key in INGREDIENT_BY_KEY and value in IN_PLACE_VALUES
    }


def checklist_summary(agreement: Agreement | None) -> AgreementSummary:
    """agreement-checklist-v1 on the stored checklist: the share in place and what is missing."""
    return summarise(checklist_ratings(agreement))


def contributions_of(partnership: Partnership) -> list[Contribution]:
    """The partnership's contributions with their partners, in one query."""
    return list(
        Contribution.objects.filter(partnership=partnership).select_related("partner__organisation")
    )


def totals_by_currency(contributions: Iterable[Contribution]) -> list[tuple[str, Decimal]]:
    """The sum of the contributions' values per currency (those without a value left out)."""
    totals: dict[str, Decimal] = {}
    for c in contributions:
        if c.value is not None:
            totals[c.currency] = totals.get(c.currency, Decimal(0)) + c.value
    return sorted(totals.items())


def _describe(c: Contribution) -> str:
    value = _money(c.value, c.currency) if c.value is not None else ""
    return f"{c.partner.organisation}: {c.get_kind_display()}, {c.description}{value}"


@transaction.atomic
def add_contribution(contribution: Contribution) -> Contribution:
    """Record what one partner brings."""
    contribution.save()
    timeline.record(
        contribution.partnership,
        EventKind.AGREEMENT,
        f"Contribution added: {_describe(contribution)}",
    )
    return contribution


@transaction.atomic
def remove_contribution(contribution: Contribution) -> None:
    """Remove a contribution the partners no longer count on."""
    partnership, text = contribution.partnership, _describe(contribution)
    contribution.delete()
    timeline.record(partnership, EventKind.AGREEMENT, f"Contribution removed: {text}")


@transaction.atomic
def add_indicator(indicator: SuccessIndicator) -> SuccessIndicator:
    """Record how the partners will know the partnership succeeds."""
    indicator.save()
    timeline.record(
        indicator.partnership, EventKind.AGREEMENT, f"Success indicator added: {indicator.name}"
    )
    return indicator


@transaction.atomic
def remove_indicator(indicator: SuccessIndicator) -> None:
    """Remove a success indicator."""
    partnership, name = indicator.partnership, indicator.name
    indicator.delete()
    timeline.record(partnership, EventKind.AGREEMENT, f"Success indicator removed: {name}")
