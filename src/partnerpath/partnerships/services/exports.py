"""The timeline as rows (for its page and its CSV / XLSX download) and the programme's
partnerships as a workbook; both read in a fixed number of queries, whatever their length."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Max, Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify

from partnerpath.accounts.models import Programme
from partnerpath.core.lifecycle import health as core
from partnerpath.partnerships.choices import (
    Aspect,
    ConcernCategory,
    ConcernStatus,
    ContributionKind,
    EventKind,
    Light,
    PartnerRole,
    Severity,
    Stage,
    Type,
)
from partnerpath.partnerships.models import (
    Concern,
    Contribution,
    HealthCheck,
    HealthRating,
    Partner,
    Partnership,
)
from partnerpath.partnerships.services.board import days_in_stage
from partnerpath.partnerships.services.flags import next_check_of
from partnerpath.partnerships.services.health import results_of
from partnerpath.partnerships.services.timeline import timeline_of
from partnerpath.registry.exports import Cell, Table, download

TIMELINE_HEADERS = ["at", "kind", "summary", "detail", "by", "entered at"]
KIND_LABELS = dict(EventKind.choices)

# One timeline entry: when it happened, kind, kind label, summary, detail, who entered it,
# flagged, and when it was entered (None when in the same minute as it happened).
Row = tuple[datetime, str, str, str, str, str, bool, datetime | None]


def _when(at: datetime) -> str:
    return timezone.localtime(at).strftime("%Y-%m-%d %H:%M")


def timeline_rows(
    partnership: Partnership, kinds: list[str] | None = None, flagged: bool = False
) -> list[Row]:
    """The partnership's timeline, newest first, as plain rows (one query)."""
    events = timeline_of(partnership, kinds)
    if flagged:
        events = events.filter(flagged=True)
    found = events.values_list(
        "at", "kind", "summary", "detail", "actor_label", "flagged", "recorded_at"
    )
    rows: list[Row] = []
    for at, kind, summary, detail, actor, is_flagged, entered in found:
        # Most entries are entered as they happen: the same minute is shown once.
        later = None if _minute(entered) == _minute(at) else entered
        label = KIND_LABELS.get(kind, kind)
        rows.append((at, kind, label, summary, detail, actor, is_flagged, later))
    return rows


def _minute(at: datetime) -> datetime:
    return at.replace(second=0, microsecond=0)


def timeline_table(rows: Iterable[Row]) -> Table:
    """The rows with the export's columns: at, kind, summary, detail, by, entered at."""
    table = Table("Timeline", list(TIMELINE_HEADERS))
    for at, _, label, summary, detail, actor, _, entered in rows:
        table.rows.append([_when(at), label, summary, detail, actor, _when(entered or at)])
    return table


def file_stem(partnership: Partnership, what: str, today: date) -> str:
    """A download's name: the partnership's title as a slug, what it holds and the day."""
    return f"{slugify(partnership.title) or 'partnership'}-{what}-{today.isoformat()}"


def timeline_response(
    partnership: Partnership, rows: Iterable[Row], fmt: str, today: date
) -> HttpResponse:
    """The (filtered) timeline as a CSV or XLSX download (400 for another format)."""
    return download(fmt, [timeline_table(rows)], file_stem(partnership, "timeline", today))


# The programme's partnerships as a workbook.

ROLE = dict(PartnerRole.choices)
TYPE = dict(Type.choices)
STAGE = dict(Stage.choices)
CATEGORY = dict(ConcernCategory.choices)
SEVERITY = dict(Severity.choices)
STATUS = dict(ConcernStatus.choices)
CONTRIBUTION = dict(ContributionKind.choices)
LIGHT = dict(Light.choices)
ASPECTS = list(Aspect)


@dataclass(frozen=True)
class CheckRow:
    """A health check with its combined lights."""

    check: HealthCheck
    result: core.CheckResult


def _number(value: Decimal | None) -> Any:
    """A value as a number, so a spreadsheet sums it (empty when there is none)."""
    return value  # openpyxl writes a Decimal as a number; the CSV writes its digits


def _yes(value: bool) -> str:
    return "yes" if value else "no"


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _light(light: core.Light | None) -> str:
    return LIGHT.get(light.value, "") if light else ""


def _partnership_rows(rows: Sequence[Any], latest: dict[int, CheckRow], today: date) -> Table:
    table = Table(
        "Partnerships",
        [
            "Title",
            "Stage",
            "Days in stage",
            "Type",
            "Partners",
            "Point-persons",
            "Open deal-breakers",
            "Agreement signed",
            "Review date",
            "Last health light",
            "Next check due",
        ],
    )
    now = timezone.now()
    for row in rows:
        partners = list(row.partners.all())
        agreement = getattr(row, "agreement", None)
        cadence = agreement.cadence if agreement else ""
        check = next_check_of(row, row.last_check, cadence, today)
        last = latest.get(row.pk)
        people = [f"{p.organisation.name}: {p.point_person}" for p in partners if p.point_person]
        if row.programme_point_person:
            people.insert(0, f"Programme: {row.programme_point_person}")
        signed = bool(agreement and agreement.is_signed)
        table.rows.append(
            [
                row.title,
                STAGE.get(row.stage, row.stage),
                days_in_stage(row.stage_since, now),
                TYPE.get(row.partnership_type, ""),
                "; ".join(f"{p.organisation.name} ({ROLE.get(p.role, p.role)})" for p in partners),
                "; ".join(people),
                "; ".join(c.title for c in row.open_deal_breakers),
                _yes(signed),
                _day(agreement.review_on if agreement else None),
                _light(last.result.overall) if last else "",
                f"{check.due_on.isoformat()} ({check.status.value})" if check else "",
            ]
        )
    return table


def _partner_rows(rows: Sequence[Partnership]) -> Table:
    table = Table(
        "Partners",
        ["Partnership", "Organisation", "Role", "Point-person", "Preferred type", "Objectives"],
    )
    for row in rows:
        for p in row.partners.all():
            table.rows.append(
                [
                    row.title,
                    p.organisation.name,
                    ROLE.get(p.role, p.role),
                    str(p.point_person or ""),
                    TYPE.get(p.preferred_type, ""),
                    p.objectives,
                ]
            )
    return table


def _concern_rows(programme: Programme) -> Table:
    table = Table(
        "Concerns",
        [
            "Partnership",
            "Title",
            "Raised by",
            "Category",
            "Severity",
            "Deal-breaker",
            "Status",
            "Raised on",
            "Resolution",
            "Resolved on",
        ],
    )
    found = Concern.objects.filter(programme=programme).select_related(
        "partnership", "raised_by__organisation"
    )
    for c in found.order_by("partnership__title", "partnership_id", "raised_on", "id"):
        table.rows.append(
            [
                c.partnership.title,
                c.title,
                c.raised_by.organisation.name if c.raised_by else "Programme team",
                CATEGORY.get(c.category, c.category),
                SEVERITY.get(c.severity, c.severity),
                _yes(c.is_deal_breaker),
                STATUS.get(c.status, c.status),
                _day(c.raised_on),
                c.resolution,
                _day(c.resolved_on),
            ]
        )
    return table


def _contribution_rows(programme: Programme) -> Table:
    table = Table(
        "Contributions", ["Partnership", "Partner", "Kind", "Description", "Value", "Currency"]
    )
    found = Contribution.objects.filter(programme=programme).select_related(
        "partnership", "partner__organisation"
    )
    for c in found.order_by("partnership__title", "partnership_id", "partner_id", "id"):
        table.rows.append(
            [
                c.partnership.title,
                c.partner.organisation.name,
                CONTRIBUTION.get(c.kind, c.kind),
                c.description,
                _number(c.value),
                c.currency,
            ]
        )
    return table


def _check_rows(checks: list[CheckRow], titles: dict[int, str]) -> Table:
    headers = ["Partnership", "Held on", "Due on", "Overall", "Score"]
    headers += [a.label for a in Aspect] + ["Not rated by", "Notes"]
    table = Table("Health checks", headers)
    for row in checks:
        result = row.result
        cells: list[Cell] = [
            titles.get(row.check.partnership_id, ""),
            _day(row.check.held_on),
            _day(row.check.due_on),
            _light(result.overall),
            round(result.score) if result.score is not None else None,
        ]
        cells += [_light(result.aspects[core.Aspect(a.value)].light) for a in ASPECTS]
        cells += ["; ".join(result.not_rated), row.check.notes]
        table.rows.append(cells)
    return table


def programme_tables(programme: Programme, today: date) -> list[Table]:
    """Sheets Partnerships, Partners, Concerns, Contributions and Health checks of the
    programme's partnerships (a fixed number of queries)."""
    open_deal_breakers = Concern.objects.open_deal_breakers()
    partnerships = list(
        Partnership.objects.filter(programme=programme)
        .select_related("agreement", "programme_point_person")
        .annotate(last_check=Max("health_checks__held_on"))
        .prefetch_related(
            Prefetch(
                "partners",
                queryset=Partner.objects.select_related("organisation", "point_person").order_by(
                    "id"
                ),
            ),
            Prefetch("concerns", queryset=open_deal_breakers, to_attr="open_deal_breakers"),
        )
        .order_by("title", "id")
    )
    held = list(
        HealthCheck.objects.filter(programme=programme)
        .prefetch_related(Prefetch("ratings", queryset=HealthRating.objects.order_by("id")))
        .order_by("partnership_id", "held_on", "id")
    )
    partners = [p for row in partnerships for p in row.partners.all()]
    checks = [CheckRow(c, r) for c, r in zip(held, results_of(held, partners), strict=True)]
    latest = {row.check.partnership_id: row for row in checks}  # ordered by date: last wins
    titles = {row.pk: row.title for row in partnerships}
    checks.sort(key=lambda r: (titles.get(r.check.partnership_id, ""), r.check.held_on))
    return [
        _partnership_rows(partnerships, latest, today),
        _partner_rows(partnerships),
        _concern_rows(programme),
        _contribution_rows(programme),
        _check_rows(checks, titles),
    ]


def programme_response(programme: Programme, today: date) -> HttpResponse:
    """The programme's partnerships as an XLSX download."""
    tables = programme_tables(programme, today)
    return download("xlsx", tables, f"{programme.slug}-partnerships-{today.isoformat()}")
