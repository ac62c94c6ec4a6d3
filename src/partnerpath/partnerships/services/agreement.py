"""The agreement and its governance: starting it, editing it in place until it is signed, whether
the current version is signed (its own signed document, or an earlier one an amendment said still
covers it), resource contributions and success indicators, which change only by an amendment once
the agreement is signed (amendments.py). Every change writes a timeline entry."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.dateformat import format as format_date

from partnerpath.core.lifecycle.agreement import (
    INGREDIENT_BY_KEY,
    AgreementSummary,
    InPlace,
    summarise,
)
from partnerpath.core.wording import money
from partnerpath.partnerships.choices import Cadence, ContributionKind, EventKind
from partnerpath.partnerships.models import (
    Agreement,
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
    """The agreement is signed: it, its contributions and its success indicators change only by
    an amendment with a reason."""


SIGNED_ROWS = (
    "The agreement is signed, so its resource contributions and success indicators change only "
    "by an amendment (Amend the agreement), which keeps the signed version as it was."
)


def label_of(name: str) -> str:
    """A field's name in the users' words ('checklist' is the agreement checklist)."""
    if name == "checklist":
        return "agreement checklist"
    if name == "signed_on":
        return "signed date"
    if name == "signed_document":
        return "signed document"
    return str(getattr(Agreement._meta.get_field(name), "verbose_name", name))


def agreement_of(partnership: Partnership) -> Agreement | None:
    """The partnership's agreement, or None before one is started."""
    return Agreement.objects.filter(partnership=partnership).first()


def file_name(name: str | None) -> str:
    """A stored file's name without its folders."""
    return name.rsplit("/", 1)[-1] if name else ""


def _changes(changed: Iterable[str]) -> str:
    return ", ".join(label_of(c) for c in changed if c != "signed_document")


def _day(value: Any) -> str:
    return format_date(value, "j M Y") if value else ""


def signature_of(agreement: Agreement | None) -> str:
    """Whether the current version is signed, in words: by its own signed document, or by an
    earlier version's that an amendment said still covers it (and why)."""
    if agreement is None:
        return "No agreement yet"
    version = agreement.version
    on = f" on {_day(agreement.signed_on)}" if agreement.signed_on else ""
    if not agreement.signed_document:
        return f"Not signed (version {version}): attach its signed document"
    if not agreement.is_covered:
        return f"Yes, signed{on} (version {version})"
    earlier = agreement.signed_for
    if not agreement.is_signed:
        return (
            f"Not signed (version {version}): the signed document is version {earlier}'s; "
            f"attach the signed amendment"
        )
    return (
        f"Yes, by the signed document of version {earlier}{on}, which still covers version "
        f"{version}: {agreement.coverage_reason.strip()}"
    )


def record_document(agreement: Agreement) -> None:
    """A signed document attached, on the timeline."""
    signed = f", signed on {agreement.signed_on:%d %b %Y}" if agreement.signed_on else ""
    timeline.record(
        agreement.partnership,
        EventKind.AGREEMENT,
        "Signed agreement attached",
        detail=f"{file_name(agreement.signed_document.name)} (version {agreement.version}{signed})",
    )


def sign_for_this_version(agreement: Agreement) -> None:
    """A signed document just attached signs the version it is attached to."""
    agreement.document_version = agreement.version
    agreement.coverage_reason = ""


@transaction.atomic
def save_agreement(agreement: Agreement, changed: Sequence[str]) -> Agreement:
    """Start the agreement, or edit it in place while it is not signed; once the stored version
    is signed, raise AgreementSigned (amend it instead)."""
    new = agreement.pk is None
    if not new:
        stored = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if stored.is_signed:
            raise AgreementSigned("The agreement is signed: amend it, with the reason.")
        agreement.version = stored.version
    if "signed_document" in changed and agreement.signed_document:
        sign_for_this_version(agreement)
    agreement.save()
    named = _changes(changed)
    if new:
        filled = f": {named}" if named else ""
        timeline.record(agreement.partnership, EventKind.AGREEMENT, f"Agreement started{filled}.")
    elif named:
        timeline.record(agreement.partnership, EventKind.AGREEMENT, f"Agreement edited: {named}.")
    if "signed_document" in changed and agreement.is_signed:
        record_document(agreement)
    return agreement


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


def describe_contribution(c: Contribution) -> str:
    """A contribution in words: partner, kind, what and its value."""
    value = f" ({money(c.value, c.currency)})" if c.value is not None else ""
    return f"{c.partner.organisation}: {c.get_kind_display()}, {c.description}{value}"


def refuse_if_signed(partnership: Partnership) -> None:
    """AgreementSigned when the partnership's agreement is signed (its row locked meanwhile, so
    that signing and changing a contribution at once cannot both pass)."""
    found = Agreement.objects.select_for_update().filter(partnership=partnership).first()
    if found is not None and found.is_signed:
        raise AgreementSigned(SIGNED_ROWS)


def rows_locked(partnership: Partnership) -> bool:
    """Whether contributions and success indicators change only by an amendment now."""
    found = agreement_of(partnership)
    return bool(found and found.is_signed)


@transaction.atomic
def add_contribution(contribution: Contribution) -> Contribution:
    """Record what one partner brings (AgreementSigned once the agreement is signed)."""
    refuse_if_signed(contribution.partnership)
    contribution.save()
    timeline.record(
        contribution.partnership,
        EventKind.AGREEMENT,
        f"Contribution added: {describe_contribution(contribution)}",
    )
    return contribution


@transaction.atomic
def remove_contribution(contribution: Contribution) -> None:
    """Remove a contribution the partners no longer count on (AgreementSigned once the agreement
    is signed)."""
    refuse_if_signed(contribution.partnership)
    partnership, text = contribution.partnership, describe_contribution(contribution)
    contribution.delete()
    timeline.record(partnership, EventKind.AGREEMENT, f"Contribution removed: {text}")


@transaction.atomic
def add_indicator(indicator: SuccessIndicator) -> SuccessIndicator:
    """Record how the partners will know the partnership succeeds (AgreementSigned once the
    agreement is signed)."""
    refuse_if_signed(indicator.partnership)
    indicator.save()
    timeline.record(
        indicator.partnership, EventKind.AGREEMENT, f"Success indicator added: {indicator.name}"
    )
    return indicator


@transaction.atomic
def remove_indicator(indicator: SuccessIndicator) -> None:
    """Remove a success indicator (AgreementSigned once the agreement is signed)."""
    refuse_if_signed(indicator.partnership)
    partnership, name = indicator.partnership, indicator.name
    indicator.delete()
    timeline.record(partnership, EventKind.AGREEMENT, f"Success indicator removed: {name}")
