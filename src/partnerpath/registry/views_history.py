"""The History page: every change of the programme's records, newest first, deleted records
included, filterable by kind of record, person, action and dates, or narrowed to one record."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from partnerpath.accounts.access import programme_access
from partnerpath.audit import services as audit
from partnerpath.audit.models import Change, attach_labels
from partnerpath.registry import history
from partnerpath.registry.forms import HistoryFilterForm

PAGE_SIZE = 50
FILTER_KEYS = ("kind", "record", "actor", "action", "date_from", "date_to")
# Pages that show a live record, by kind; other records are reached from their organisation.
_PAGES = {
    "registry.organisation": "registry:organisation_detail",
    "registry.contact": "registry:contact_detail",
    "engagement.interaction": "engagement:interaction_detail",
}


def _live_pages(slug: str, changes: list[Change]) -> dict[tuple[str, str], str]:
    """Links to the pages of the records on this page that still exist (one query per kind)."""
    wanted: dict[str, set[str]] = {}
    for change in changes:
        key = f"{change.content_type.app_label}.{change.content_type.model}"
        if key in _PAGES:
            wanted.setdefault(key, set()).add(change.object_id)
    pages: dict[tuple[str, str], str] = {}
    for key, ids in wanted.items():
        model = audit.audited_kind(key)
        if model is None:
            continue
        numbers = [int(i) for i in ids if i.isdigit()]
        for pk in model._default_manager.filter(pk__in=numbers).values_list("pk", flat=True):
            pages[(key, str(pk))] = reverse(_PAGES[key], args=[slug, pk])
    return pages


@login_required
def history_page(request: HttpRequest, programme: str) -> HttpResponse:
    """All changes of the programme, newest first, paginated and filterable; every member reads
    it, without the kinds of record their role may not see."""
    access = programme_access(request, programme)
    form = HistoryFilterForm(
        request.GET,
        kinds=history.kind_choices(access.membership),
        actors=audit.actors_of(access.programme.pk),
    )
    form.is_valid()  # errors are shown; only the valid parts filter
    flt = form.to_filter()
    changes = history.changes_for(access.membership, flt)
    page = Paginator(changes, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = attach_labels(page.object_list)
    live = _live_pages(programme, entries)
    rows = []
    for change in entries:
        key = f"{change.content_type.app_label}.{change.content_type.model}"
        rows.append(
            {
                "change": change,
                "page": live.get((key, change.object_id), ""),
                "record_query": urlencode({"kind": key, "record": change.object_id}),
            }
        )
    params = {k: v for k, v in request.GET.items() if k in FILTER_KEYS and v}
    return TemplateResponse(
        request,
        "registry/history.html",
        {
            "programme": access.programme,
            "access": access,
            "nav": "history",
            "form": form,
            "page_obj": page,
            "changes": entries,
            "rows": rows,
            "query": urlencode(params),
            "filtered": bool(params),
            "record_name": (
                history.record_name(flt.kind, flt.record, access.programme.pk) if flt.record else ""
            ),
        },
    )
