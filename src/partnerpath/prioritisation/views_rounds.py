"""Pages of scoring rounds: create a round, a rater's sheet (one opportunity at a time, anchors
shown), submitting it (or, for a team member, an offline rater's), closing the round (its lead),
its results and the rounds side by side."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import ProgrammeAccess, programme_access
from partnerpath.prioritisation.forms import RoundForm, ScoreForm
from partnerpath.prioritisation.models import RaterSheet, Round, Score
from partnerpath.prioritisation.services import results, rounds, templates
from partnerpath.prioritisation.views import render


def round_of(access: ProgrammeAccess, pk: int) -> Round:
    """A round of this programme, or 404."""
    return get_object_or_404(
        Round.objects.select_related("template_version", "weight_decision__agreed_by"),
        pk=pk,
        programme=access.programme,
    )


def own_sheet(access: ProgrammeAccess, round_: Round, user: object) -> RaterSheet:
    """The user's own sheet: 403 for members who are not raters of this round."""
    sheet = rounds.sheet_of(round_, user)
    if sheet is None:
        raise PermissionDenied("You are not a rater of this round.")
    return sheet


def target_sheet(request: HttpRequest, access: ProgrammeAccess, round_: Round) -> RaterSheet:
    """The requester's own sheet, or with ?rater= an offline rater's sheet: only for team
    members who have no unsubmitted sheet of their own in the open round (no anchoring)."""
    rater = request.GET.get("rater", "")
    if not rater or rater == str(request.user.pk):
        return own_sheet(access, round_, request.user)
    try:
        rounds.check_others_sheets(round_, request.user)
    except rounds.NotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    found = RaterSheet.objects.select_related("rater", "round").filter(
        round=round_, rater_id=int(rater) if rater.isdigit() else 0
    )
    sheet = found.first()
    if sheet is None:
        raise Http404("No such rater in this round.")
    return sheet


@login_required
def round_create(request: HttpRequest, programme: str) -> HttpResponse:
    """Start a round: template version, agreed weights, raters and opportunities."""
    access = programme_access(request, programme, "edit")
    # Showing the form stores nothing; a programme without its default card (created before
    # programmes got it) stores it when a round is posted, so the card can be chosen.
    if request.method == "POST":
        templates.default_template_version(access.programme)
    default = templates.stored_default(access.programme)
    form = RoundForm(
        request.POST or None, programme=access.programme, initial={"template_version": default}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            found = rounds.create_round(
                access.programme,
                data["name"],
                data["template_version"],
                data["weight_decision"],
                data["raters"],
                data["opportunities"],
                request.user,
                data["top_k"],
            )
        except rounds.ScoringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Round “{found.name}” opened.")
            return redirect("prioritisation:round_detail", programme, found.pk)
    return render(request, "prioritisation/round_form.html", access, form=form)


@login_required
def round_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """A round: its template, weights, scope and which raters have submitted."""
    access = programme_access(request, programme)
    round_ = round_of(access, pk)
    sheets = list(RaterSheet.objects.filter(round=round_).select_related("rater", "submitted_by"))
    mine = next((s for s in sheets if s.rater_id == request.user.pk), None)
    return render(
        request,
        "prioritisation/round_detail.html",
        access,
        round=round_,
        sheets=sheets,
        mine=mine,
        scope=list(round_.opportunities.all()),
        # Links to other raters' sheets only for those who may open them (no anchoring).
        handles_others=round_.is_open and rounds.may_handle_others_sheets(round_, request.user),
        may_close=round_.is_open and rounds.may_close(round_, request.user),
    )


@login_required
@require_POST
def round_close(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """The lead (who opened the round), an admin or a PSE lead closes the round; sheets not
    submitted stay out of the results."""
    access = programme_access(request, programme, "edit")
    round_ = round_of(access, pk)
    try:
        rounds.close_round(round_, request.user)
        messages.success(request, "Round closed.")
    except rounds.NotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    except rounds.ScoringError as exc:
        messages.error(request, str(exc))
    return redirect("prioritisation:round_detail", programme, pk)


@login_required
def sheet(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """A rater's sheet: each opportunity in scope with how many factors are scored."""
    access = programme_access(request, programme)
    round_ = round_of(access, pk)
    mine = own_sheet(access, round_, request.user)
    factors = len(round_.template_version.template.factors)
    answered: dict[int, int] = {}
    for score in Score.objects.filter(sheet=mine):
        if score.is_answered:
            answered[score.opportunity_id] = answered.get(score.opportunity_id, 0) + 1
    scope = [(o, answered.get(o.pk, 0)) for o in round_.opportunities.all()]
    return render(
        request,
        "prioritisation/sheet.html",
        access,
        round=round_,
        sheet=mine,
        scope=scope,
        factors=factors,
        missing=rounds.missing_cells(mine),
    )


@login_required
def sheet_opportunity(
    request: HttpRequest, programme: str, pk: int, opportunity: int
) -> HttpResponse:
    """Score every factor of one opportunity, with the anchors of each point shown."""
    access = programme_access(request, programme)
    round_ = round_of(access, pk)
    mine = own_sheet(access, round_, request.user)
    item = get_object_or_404(round_.opportunities.all(), pk=opportunity)
    template = round_.template_version.template
    saved = {s.factor: s.as_cell() for s in Score.objects.filter(sheet=mine, opportunity=item)}
    initial = {}
    for key, cell in saved.items():
        initial[f"score_{key}"], initial[f"rationale_{key}"] = cell["value"], cell["rationale"]
    form = ScoreForm(request.POST or None, template=template, initial=initial)
    editable = round_.is_open and not mine.is_locked
    if request.method == "POST" and form.is_valid():
        cells = {
            f.key: rounds.Cell(
                form.cleaned_data[f"score_{f.key}"], form.cleaned_data[f"rationale_{f.key}"]
            )
            for f in template.factors
        }
        try:
            rounds.save_scores(mine, item, cells)
        except rounds.ScoringError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"Scores of “{item.title}” saved.")
        return redirect("prioritisation:sheet", programme, pk)
    return render(
        request,
        "prioritisation/sheet_opportunity.html",
        access,
        round=round_,
        sheet=mine,
        opportunity=item,
        form=form,
        editable=editable,
    )


@login_required
@require_POST
def sheet_submit(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Submit the rater's sheet: it is locked, and the others' scores become visible. With
    ?rater= a team member submits an offline rater's sheet (recorded as submitted by them)."""
    access = programme_access(request, programme)
    round_ = round_of(access, pk)
    found = target_sheet(request, access, round_)
    for_someone_else = found.rater_id != request.user.pk
    back = "prioritisation:round_detail" if for_someone_else else "prioritisation:sheet"
    try:
        rounds.submit_sheet(found, request.user)
    except rounds.NotAllowed as exc:
        raise PermissionDenied(str(exc)) from None
    except rounds.ScoringError as exc:
        messages.error(request, str(exc))
        return redirect(back, programme, pk)
    if for_someone_else:
        messages.success(request, f"Sheet of {found.rater} submitted for them and locked.")
        return redirect(back, programme, pk)
    messages.success(request, "Sheet submitted and locked. The round's results are open to you.")
    return redirect("prioritisation:round_results", programme, pk)


@login_required
def round_results(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Ranking, group values, disagreements and sensitivity of one round."""
    access = programme_access(request, programme)
    round_ = round_of(access, pk)
    visible = results.may_see_results(round_, request.user)
    res = results.round_results(round_) if visible else None
    chosen = res.chosen(request.GET.get("opportunity")) if res else None
    return render(
        request,
        "prioritisation/round_results.html",
        access,
        round=round_,
        visible=visible,
        res=res,
        chosen=chosen,
        tornado=res.tornado_chart(chosen) if res and chosen else None,
    )


@login_required
def round_compare(request: HttpRequest, programme: str) -> HttpResponse:
    """Rank and total per round side by side, with movements highlighted."""
    access = programme_access(request, programme)
    found = list(rounds.rounds_of(access.programme))
    return render(
        request,
        "prioritisation/compare.html",
        access,
        comparison=results.compare(found, request.user),
    )
