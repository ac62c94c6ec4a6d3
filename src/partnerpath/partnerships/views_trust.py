"""Pages of the trust work: concerns, fears and deal-breakers; internal buy-in at company
partners; meetings and co-creation workshops with their decisions and action items. Any member
reads; team members change (403 for the others, 404 for outsiders)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET

from partnerpath.audit.services import history_of
from partnerpath.core.wording import plural
from partnerpath.engagement.models import FollowUp
from partnerpath.engagement.services import today
from partnerpath.partnerships.access import (
    PartnershipAccess,
    need_for,
    partnership_access,
    render_page,
    render_partnership,
)
from partnerpath.partnerships.forms_trust import (
    ActionItemFormSet,
    BuyInForm,
    ConcernFilterForm,
    ConcernForm,
    ConcernUpdateForm,
    DecisionsForm,
    MeetingForm,
    action_items,
)
from partnerpath.partnerships.models import Concern, Meeting
from partnerpath.partnerships.services import trust


@login_required
def concerns(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The partnership's concerns, fears and deal-breakers, unsettled and deal-breakers first,
    filtered by status; team members raise a new one here."""
    found = partnership_access(request, programme, pk, need_for(request))
    partnership = found.partnership
    form = None
    if found.access.can_edit:
        form = ConcernForm(request.POST or None, partnership=partnership)
    if request.method == "POST" and form is not None and form.is_valid():
        concern = trust.raise_concern(partnership, form.save(commit=False))
        messages.success(request, f"{concern} recorded.")
        return redirect("partnerships:concerns", programme, pk)
    filter_form = ConcernFilterForm(request.GET)
    rows = list(trust.concerns_of(partnership, filter_form.status_value()))
    return render_partnership(
        request,
        "partnerships/concerns.html",
        found,
        "concerns",
        form=form,
        filter_form=filter_form,
        unsettled=[c for c in rows if c.is_open],
        settled=[c for c in rows if not c.is_open],
    )


@login_required
def concern_edit(request: HttpRequest, programme: str, pk: int, concern: int) -> HttpResponse:
    """Change a concern: its status and resolution above all, with the reason on record."""
    found = partnership_access(request, programme, pk, "edit")
    item = get_object_or_404(
        Concern.objects.select_related("raised_by__organisation"),
        pk=concern,
        partnership=found.partnership,
    )
    form = ConcernUpdateForm(request.POST or None, instance=item, partnership=found.partnership)
    if request.method == "POST" and form.is_valid():
        trust.update_concern(form.save(commit=False), form.cleaned_data["reason"])
        messages.success(request, f"{item} saved.")
        return redirect("partnerships:concerns", programme, pk)
    return render_partnership(
        request,
        "partnerships/concern_form.html",
        found,
        "concerns",
        form=form,
        concern=item,
        changes=history_of(item)[:30],
    )


@login_required
def buy_in(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Internal buy-in at each company partner: every department's stance and champion; team
    members save one partner's grid at a time."""
    found = partnership_access(request, programme, pk, need_for(request))
    partners = trust.buy_in_partners(found.partnership)
    grids = {p.pk: trust.grid_of(p) for p in partners}
    forms: dict[int, BuyInForm] = {}
    if found.access.can_edit:
        forms = {
            p.pk: BuyInForm(partner=p, grid=grids[p.pk], contacts=trust.contacts_at(p))
            for p in partners
        }
    if request.method == "POST":
        target = next((p for p in partners if str(p.pk) == request.POST.get("partner")), None)
        if target is None:
            messages.error(request, "Choose a company partner of this partnership.")
            return redirect("partnerships:buy_in", programme, pk)
        form = BuyInForm(
            request.POST,
            partner=target,
            grid=grids[target.pk],
            contacts=trust.contacts_at(target),
        )
        forms[target.pk] = form
        if form.is_valid():
            changed = trust.save_buy_in(target, form.buy_in_rows())
            done = f"{plural(len(changed), 'department')} changed" if changed else "nothing changed"
            messages.success(request, f"Buy-in at {target.organisation} saved: {done}.")
            return redirect("partnerships:buy_in", programme, pk)
    cards = [
        {
            "partner": p,
            "rows": list(grids[p.pk].values()),
            "summary": trust.buy_in_summary(grids[p.pk].values()),
            "form": forms.get(p.pk),
        }
        for p in partners
    ]
    return render_partnership(request, "partnerships/buy_in.html", found, "buy_in", cards=cards)


@login_required
@require_GET
def meetings(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The partnership's meetings and workshops, latest first, with decisions and open actions."""
    found = partnership_access(request, programme, pk)
    return render_partnership(
        request,
        "partnerships/meetings.html",
        found,
        "meetings",
        meetings=trust.meetings_of(found.partnership),
    )


@login_required
def meeting_create(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Log a meeting or co-creation workshop in the engagement log, with its decisions and
    action items."""
    found = partnership_access(request, programme, pk, "edit")
    partnership, programme_obj = found.partnership, found.access.programme
    initial = {
        "occurred_on": today(),
        "organisations": list(
            partnership.partners.values_list("organisation_id", flat=True).order_by("id")
        ),
        "team": [request.user.pk],
    }
    form = MeetingForm(
        request.POST or None, initial=initial, partnership=partnership, programme=programme_obj
    )
    actions = ActionItemFormSet(
        request.POST or None, prefix="actions", form_kwargs={"programme": programme_obj}
    )
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        meeting = trust.record_meeting(
            partnership,
            **form.meeting_fields(),
            actions=action_items(actions),
            user=found.access.membership.user,
        )
        messages.success(request, f"{meeting.interaction.title} logged.")
        return redirect("partnerships:meeting_detail", programme, pk, meeting.pk)
    return render_partnership(
        request, "partnerships/meeting_form.html", found, "meetings", form=form, actions=actions
    )


def _meeting(found: PartnershipAccess, pk: int) -> Meeting:
    """The meeting ``pk`` of the partnership in the URL, with who took part."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("interaction__created_by").prefetch_related(
            "interaction__organisations", "interaction__contacts__organisation", "interaction__team"
        ),
        pk=pk,
        partnership=found.partnership,
    )
    meeting.partnership = found.partnership
    return meeting


def _mark_done(
    request: HttpRequest, found: PartnershipAccess, meeting: Meeting
) -> HttpResponse | None:
    """Tick or untick one action item; htmx gets the row back, others the page."""
    ident = request.POST.get("follow_up", "")
    follow_up = get_object_or_404(
        FollowUp.objects.select_related("owner"),
        pk=int(ident) if ident.isdigit() else 0,
        interaction=meeting.interaction,
    )
    trust.set_action_done(meeting, follow_up, request.POST.get("done") == "1")
    if request.headers.get("HX-Request"):
        return render_page(
            request,
            "partnerships/meeting_detail.html#action-row",
            found.access,
            partnership=found.partnership,
            meeting=meeting,
            f=follow_up,
            today=today(),
        )
    messages.success(request, "Action item updated.")
    return None


@login_required
def meeting_detail(request: HttpRequest, programme: str, pk: int, meeting: int) -> HttpResponse:
    """One meeting with who took part, its decisions and action items; team members add
    decisions and action items later and tick actions off."""
    found = partnership_access(request, programme, pk, need_for(request))
    item = _meeting(found, meeting)
    decisions_form = DecisionsForm(prefix="decisions")
    actions = ActionItemFormSet(prefix="actions", form_kwargs={"programme": found.access.programme})
    op = request.POST.get("op") if request.method == "POST" else None
    if op == "done":
        return _mark_done(request, found, item) or redirect(
            "partnerships:meeting_detail", programme, pk, meeting
        )
    if op == "decisions":
        decisions_form = DecisionsForm(request.POST, prefix="decisions")
        if decisions_form.is_valid():
            user = found.access.membership.user
            added = trust.add_decisions(item, decisions_form.texts(), user)
            messages.success(request, f"{plural(len(added), 'decision')} added.")
            return redirect("partnerships:meeting_detail", programme, pk, meeting)
    elif op == "actions":
        actions = ActionItemFormSet(
            request.POST, prefix="actions", form_kwargs={"programme": found.access.programme}
        )
        if actions.is_valid():
            added_items = trust.add_action_items(item, action_items(actions))
            messages.success(request, f"{plural(len(added_items), 'action item')} added.")
            return redirect("partnerships:meeting_detail", programme, pk, meeting)
    elif request.method == "POST":
        return redirect("partnerships:meeting_detail", programme, pk, meeting)
    decisions = list(item.decisions.select_related("recorded_by"))
    follow_ups = list(item.interaction.follow_ups.select_related("owner"))
    return render_partnership(
        request,
        "partnerships/meeting_detail.html",
        found,
        "meetings",
        meeting=item,
        interaction=item.interaction,
        decisions=decisions,
        follow_ups=follow_ups,
        decisions_form=decisions_form,
        actions=actions,
        today=today(),
        changes=history_of(item, item.interaction, *decisions, *follow_ups)[:30],
    )
