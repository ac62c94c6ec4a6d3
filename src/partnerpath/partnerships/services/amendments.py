"""Amending the agreement: the version it replaces is kept whole (every field, the checklist, the
contributions and success indicators as they were, and its signed document) with the reason;
the amendment may change the fields, the contributions and the indicators, and says whether the
amended version is signed: by its own signed document, by the earlier one with a reason why it
still covers the amendment, or not yet. Stored versions read in words and side by side."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from partnerpath.audit.context import because
from partnerpath.core.lifecycle.agreement import IN_PLACE_LABELS, INGREDIENTS
from partnerpath.core.wording import money
from partnerpath.partnerships.choices import EventKind
from partnerpath.partnerships.models import (
    Agreement,
    AgreementVersion,
    Contribution,
    SuccessIndicator,
)
from partnerpath.partnerships.services import timeline
from partnerpath.partnerships.services.agreement import (
    CADENCES,
    DATES,
    FIELDS,
    IN_PLACE_VALUES,
    KINDS,
    describe_contribution,
    file_name,
    label_of,
    record_document,
    sign_for_this_version,
)


@dataclass(frozen=True)
class RowChanges:
    """The contributions and success indicators an amendment adds or changes (unsaved rows) and
    removes."""

    contributions: Sequence[Contribution] = ()
    contributions_removed: Sequence[Contribution] = ()
    indicators: Sequence[SuccessIndicator] = ()
    indicators_removed: Sequence[SuccessIndicator] = ()

    def __bool__(self) -> bool:
        return any(
            (
                self.contributions,
                self.contributions_removed,
                self.indicators,
                self.indicators_removed,
            )
        )


def _apply_rows(agreement: Agreement, rows: RowChanges) -> list[str]:
    """Save the amendment's contributions and indicators; what changed, in words."""
    done = []
    for c in rows.contributions_removed:
        done.append(f"Contribution removed: {describe_contribution(c)}")
        c.delete()
    for i in rows.indicators_removed:
        done.append(f"Success indicator removed: {i.name}")
        i.delete()
    for c in rows.contributions:
        verb = "added" if c.pk is None else "changed"
        c.partnership_id, c.programme_id = agreement.partnership_id, agreement.programme_id
        c.save()
        done.append(f"Contribution {verb}: {describe_contribution(c)}")
    for i in rows.indicators:
        verb = "added" if i.pk is None else "changed"
        i.partnership_id, i.programme_id = agreement.partnership_id, agreement.programme_id
        i.save()
        done.append(f"Success indicator {verb}: {i.name}")
    return done


def _signature(agreement: Agreement, stored: Agreement, changed: Sequence[str], covers: str) -> str:
    """Settle whether the amended version is signed, and say so."""
    if "signed_document" in changed and agreement.signed_document:
        sign_for_this_version(agreement)
        return "Signed: the signed amendment is attached."
    if covers and stored.is_signed:
        agreement.signed_document = stored.signed_document.name
        agreement.signed_on = stored.signed_on
        agreement.document_version = stored.signed_for
        agreement.coverage_reason = covers
        return f"Signed: version {stored.signed_for}'s signed document still covers it: {covers}"
    agreement.signed_document = ""
    agreement.signed_on = None
    agreement.document_version = None
    agreement.coverage_reason = ""
    if stored.is_signed:
        return "Not signed yet: attach the signed amendment (the agreement counts as unsigned)."
    return ""


@transaction.atomic
def amend_agreement(
    agreement: Agreement,
    changed: Sequence[str],
    reason: str,
    user: Any = None,
    rows: RowChanges | None = None,
    still_covered: str = "",
) -> AgreementVersion:
    """Keep the stored version (every field, contributions, indicators and its document) as an
    AgreementVersion, then save ``agreement``'s edited fields and ``rows`` as the next version.
    The amended version is signed by a new signed document in ``changed``, or by the earlier
    one when ``still_covered`` says why it still covers the amendment; otherwise it is not
    signed until its signed document is attached. ValueError without a reason or a change."""
    reason, covers = reason.strip(), still_covered.strip()
    rows = rows or RowChanges()
    if not reason:
        raise ValueError("An amendment needs its reason.")
    if not changed and not rows:
        raise ValueError("Nothing was changed: change what the amendment changes.")
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
    signature = _signature(agreement, stored, changed, covers)
    with because(reason):
        agreement.save()
        done = _apply_rows(agreement, rows)
    named = ", ".join(label_of(c) for c in changed if c != "signed_document")
    detail = [f"Changed: {named}."] if named else []
    detail += done
    if signature:
        detail.append(signature)
    timeline.record(
        agreement.partnership,
        EventKind.AGREEMENT,
        f"Agreement amended to version {agreement.version}: {reason}",
        detail="\n".join(detail),
    )
    if "signed_document" in changed and agreement.is_signed:
        record_document(agreement)
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
    success indicators as lists, the signed document's file name and which version it signed
    (JSON-ready)."""
    found: dict[str, Any] = {"version": agreement.version}
    for name in FIELDS:
        value = getattr(agreement, name)
        if name in DATES:
            value = value.isoformat() if value else None
        elif name == "signed_document":
            value = value.name or ""
        found[name] = value
    found["document_version"] = agreement.signed_for
    found["coverage_reason"] = agreement.coverage_reason
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


def _contribution_text(row: Mapping[str, Any]) -> str:
    kind = KINDS.get(row.get("kind", ""), row.get("kind", ""))
    currency = row.get("currency", "")
    value = ""
    if row.get("value"):
        value = f" ({money(row['value'], currency)})"
    return f"{row.get('partner', '')}: {kind}, {row.get('description', '')}{value}"


def _indicator_text(row: Mapping[str, Any]) -> str:
    parts = [row.get("name", "")]
    if row.get("target"):
        parts.append(f"target {row['target']}")
    if row.get("means_of_verification"):
        parts.append(f"verified by {row['means_of_verification']}")
    return "; ".join(parts)


def _signature_text(snapshot: Mapping[str, Any]) -> str:
    if not snapshot.get("signed_document"):
        return "Not signed"
    version, signed_for = snapshot.get("version"), snapshot.get("document_version")
    if signed_for and signed_for != version:
        why = snapshot.get("coverage_reason") or "no reason recorded"
        return f"Covered by the signed document of version {signed_for}: {why}"
    return f"Signed for version {version}"


@dataclass(frozen=True)
class Line:
    """One field of a version in words."""

    key: str
    label: str
    text: str


def lines_of(snapshot: Mapping[str, Any]) -> list[Line]:
    """A version's fields in words, in page order: the fields, whether it was signed, each
    checklist ingredient, the contributions and the success indicators."""
    found = [
        Line(name, label_of(name)[:1].upper() + label_of(name)[1:], _text(name, snapshot.get(name)))
        for name in FIELDS
    ]
    found.append(Line("signature", "Signature", _signature_text(snapshot)))
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
