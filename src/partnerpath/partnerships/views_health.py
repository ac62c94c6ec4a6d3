"""Pages of health checks: when the next check is due, every check with its lights and the
trend chart, recording a check (each partner rates each aspect), and one check's ratings and
comments. Any member reads; team members record checks and ask partners to rate through private
links. The link page itself is public: its token is the only key."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from partnerpath.core.wording import day, plural
from partnerpath.partnerships.access import partnership_access
from partnerpath.partnerships.access import render_partnership as render
from partnerpath.partnerships.forms_health import AskPartnersForm, HealthCheckForm
from partnerpath.partnerships.models import HealthCheck, HealthCheckLink
from partnerpath.partnerships.services import health as service
from partnerpath.partnerships.services import health_links
from partnerpath.partnerships.services.facts import partners_of
from partnerpath.partnerships.services.flags import RUNNING


@login_required
def health(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The next check's due date and status, every check, and the trend chart."""
    found = partnership_access(request, programme, pk)
    overview = service.health_overview(found.partnership, timezone.localdate())
    now = timezone.now()
    can_edit = found.access.can_edit
    links = [
        (link, link.state(now), health_links.private_url(request, link, now) if can_edit else "")
        for link in health_links.links_of(found.partnership)
    ]
    partners = partners_of(found.partnership)
    return render(
        request,
        "partnerships/health.html",
        found,
        "health",
        overview=overview,
        aspects=service.ASPECTS,
        chart=service.trend_chart(overview),
        running_stages=", ".join(str(s.label).lower() for s in RUNNING),
        links=links,
        ask_form=AskPartnersForm(partners=partners) if can_edit else None,
        unnamed=[p for p in partners if not p.point_person_id],
    )


@login_required
def health_check_create(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Record a health check: each partner's light and comment per aspect."""
    found = partnership_access(request, programme, pk, "edit")
    partners = partners_of(found.partnership)
    form = HealthCheckForm(request.POST or None, partners=partners, partnership=found.partnership)
    if request.method == "POST" and form.is_valid():
        held_on = form.cleaned_data["held_on"]
        try:
            check, joined = service.save_check(
                found.partnership,
                held_on,
                form.ratings(),
                form.cleaned_data["notes"],
                request.user,
            )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            held = day(check.held_on)
            if joined:
                text = f"Your ratings were added to the health check of {held}, held already."
            else:
                text = f"Health check of {held} recorded."
            messages.success(request, text)
            return redirect(
                "partnerships:health_check_detail", programme, found.partnership.pk, check.pk
            )
    return render(
        request, "partnerships/health_form.html", found, "health", form=form, partners=partners
    )


@login_required
def health_check_detail(request: HttpRequest, programme: str, pk: int, check: int) -> HttpResponse:
    """One check: each partner's ratings and comments, and what they combine to."""
    found = partnership_access(request, programme, pk)
    row = get_object_or_404(
        HealthCheck.objects.select_related("recorded_by").prefetch_related("ratings"),
        pk=check,
        partnership=found.partnership,
    )
    detail = service.check_detail(found.partnership, row)
    return render(
        request,
        "partnerships/health_check_detail.html",
        found,
        "health",
        detail=detail,
        overall=service.describe(detail.result),
    )


@login_required
@require_POST
def health_ask(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Send each chosen partner's point-person a private link to rate today's check."""
    found = partnership_access(request, programme, pk, "edit")
    form = AskPartnersForm(request.POST, partners=partners_of(found.partnership))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        try:
            links = health_links.ask_partners(
                found.partnership,
                list(form.cleaned_data["partners"]),
                request.user,
                form.cleaned_data.get("days"),
            )
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                f"{plural(len(links), 'private link')} created: copy each from the list below and"
                " send it to the point-person.",
            )
    return redirect("partnerships:health", programme, found.partnership.pk)


@login_required
@require_POST
def health_link_revoke(request: HttpRequest, programme: str, pk: int, link: int) -> HttpResponse:
    """Make a partner's health-check link stop working."""
    found = partnership_access(request, programme, pk, "edit")
    row = get_object_or_404(HealthCheckLink, pk=link, partnership=found.partnership)
    try:
        health_links.revoke(row, request.user)
    except ValueError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "The link no longer works.")
    return redirect("partnerships:health", programme, found.partnership.pk)


def _gone(request: HttpRequest, state: str) -> TemplateResponse:
    return TemplateResponse(
        request, "partnerships/partner_health_gone.html", {"state": state}, status=410
    )


@never_cache
def partner_health_check(request: HttpRequest, token: str) -> HttpResponse:
    """Public (the token is the only key): the partner's point-person rates each aspect, then
    sees the ratings they gave, and nothing else of the partnership."""
    try:
        link = health_links.open_link(token)
    except HealthCheckLink.DoesNotExist:
        raise Http404("No such link.") from None
    except health_links.LinkGone as gone:
        return _gone(request, gone.state)
    form = HealthCheckForm(
        request.POST if request.method == "POST" and not link.submitted_at else None,
        partners=[link.partner],
        dated=False,
    )
    if form.is_bound and form.is_valid():
        try:
            health_links.submit(link, form.ratings())
        except health_links.LinkGone as gone:
            if gone.state != "submitted":
                return _gone(request, gone.state)
        return redirect("partner_health_check", token)
    context = {
        "link": link,
        "form": form,
        "given": health_links.ratings_given(link),
        "aspects": dict(service.ASPECTS),
    }
    return TemplateResponse(request, "partnerships/partner_health_check.html", context)
