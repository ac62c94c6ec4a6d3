"""Pages and files of partnerships to read, print and take away: the timeline (with its CSV /
XLSX download), the printable one-page summary, and the programme's partnerships as a workbook.
Any member reads them; outsiders get 404."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from partnerpath.accounts.access import programme_access
from partnerpath.partnerships.access import partnership_access, render_partnership
from partnerpath.partnerships.choices import EventKind
from partnerpath.partnerships.services import exports
from partnerpath.partnerships.services.summary import summary_of


def _filters(request: HttpRequest) -> tuple[list[str], bool]:
    """The kinds of entry asked for (unknown ones ignored) and whether only flagged ones."""
    kinds = [k for k in request.GET.getlist("kind") if k in EventKind.values]
    return list(dict.fromkeys(kinds)), request.GET.get("flagged") == "1"


def _shown(rows: list[Any]) -> list[tuple[Any, ...]]:
    """The rows with their dates formatted once here, in local time: (ISO, day, time, kind,
    label, summary, detail, by, flagged, entered). Formatting 2,000 dates in the template took
    longer than the rest of the page."""
    shown = []
    for at, kind, label, summary, detail, actor, is_flagged, entered in rows:
        local = timezone.localtime(at)
        later = f"{timezone.localtime(entered):%-d %b %Y %H:%M}" if entered else ""
        day, hm = f"{local:%-d %b %Y}", f"{local:%H:%M}"
        shown.append(
            (local.isoformat(), day, hm, kind, label, summary, detail, actor, is_flagged, later)
        )
    return shown


@login_required
def timeline(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Everything that happened to the partnership, newest first, filtered by kind."""
    found = partnership_access(request, programme, pk)
    kinds, flagged = _filters(request)
    return render_partnership(
        request,
        "partnerships/timeline.html",
        found,
        "timeline",
        rows=_shown(exports.timeline_rows(found.partnership, kinds, flagged)),
        kinds=EventKind.choices,
        chosen=kinds,
        flagged=flagged,
        query=request.GET.urlencode(),
    )


@login_required
def timeline_export(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The (filtered) timeline as CSV (the default) or XLSX (``?format=xlsx``)."""
    found = partnership_access(request, programme, pk)
    kinds, flagged = _filters(request)
    rows = exports.timeline_rows(found.partnership, kinds, flagged)
    fmt = request.GET.get("format", "csv")
    return exports.timeline_response(found.partnership, rows, fmt, timezone.localdate())


@login_required
def summary(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """A one-page summary of the partnership to print or save as PDF."""
    found = partnership_access(request, programme, pk)
    return render_partnership(
        request,
        "partnerships/summary.html",
        found,
        "summary",
        summary=summary_of(found.partnership),
        printed_on=timezone.localdate(),
    )


@login_required
def partnerships_export(request: HttpRequest, programme: str) -> HttpResponse:
    """The programme's partnerships, partners, concerns, contributions and health checks as
    an XLSX workbook."""
    access = programme_access(request, programme)
    return exports.programme_response(access.programme, timezone.localdate())
