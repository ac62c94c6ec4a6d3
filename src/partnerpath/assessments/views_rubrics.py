"""The programme's rubrics: the list (packaged and own, with versions), clone and adapt, and
edit an own rubric's YAML document (saved only when valid; every problem shown with its
location). Any member reads; only the programme's admins clone and edit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from partnerpath.accounts.access import programme_access
from partnerpath.assessments import rubrics
from partnerpath.assessments.models import ProgrammeRubric
from partnerpath.assessments.views import _render
from partnerpath.core.rubric import Problem, RubricError

NAME_HELP = "Lower-case letters, digits and hyphens, e.g. maturity-mekong."


class CloneForm(forms.Form):
    """Which rubric to clone, and the new name and version."""

    base = forms.ChoiceField(label="Based on")
    name = forms.SlugField(max_length=60, help_text=NAME_HELP)
    # 60 + len("-v999") stays within the 80 characters a rubric key may have (as in the API).
    version = forms.IntegerField(min_value=1, max_value=999, initial=1)

    def __init__(self, *args: object, choices: list[rubrics.Choice], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["base"].choices = [  # type: ignore[attr-defined]
            (c.key, f"{c.key} · {c.title}" + (" (programme)" if c.own else "")) for c in choices
        ]


class DocumentForm(forms.Form):
    """The rubric document as YAML."""

    document = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "spellcheck": "false"}),
        strip=False,
    )


def _own(programme: object, pk: int) -> ProgrammeRubric:
    return get_object_or_404(ProgrammeRubric, pk=pk, programme=programme)


@login_required
def rubric_list(request: HttpRequest, programme: str) -> HttpResponse:
    """Packaged rubrics and the programme's own, with their versions."""
    access = programme_access(request, programme)
    return _render(
        request,
        "assessments/rubric_list.html",
        access,
        packaged=[c for c in rubrics.available(access.programme) if not c.own],
        own=rubrics.own_rubrics(access.programme),
    )


@login_required
def rubric_clone(request: HttpRequest, programme: str) -> HttpResponse:
    """Clone a packaged or programme rubric under a new name/version (admins only)."""
    access = programme_access(request, programme, "manage")
    choices = rubrics.available(access.programme)
    form = CloneForm(request.POST or None, choices=choices)
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = rubrics.clone_rubric(
                access.programme, request.user, data["base"], data["name"], data["version"]
            )
        except RubricError as exc:
            problems = list(exc.problems)
        else:
            messages.success(request, f"{record.key} created from {record.base_key}; adapt it.")
            return redirect("assessments:rubric_edit", programme, record.pk)
    return _render(request, "assessments/rubric_clone.html", access, form=form, problems=problems)


@login_required
def rubric_detail(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """An own rubric's document and whether assessments use it."""
    access = programme_access(request, programme)
    record = _own(access.programme, pk)
    return _render(
        request,
        "assessments/rubric_detail.html",
        access,
        record=record,
        in_use=rubrics.in_use(record),
    )


@login_required
def rubric_edit(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Edit an own rubric's YAML; saved only when the core validates it (admins only)."""
    access = programme_access(request, programme, "manage")
    record = _own(access.programme, pk)
    in_use = rubrics.in_use(record)
    form = DocumentForm(request.POST or None, initial={"document": record.document})
    problems: list[Problem] = []
    if request.method == "POST" and form.is_valid():
        try:
            rubrics.save_document(record, form.cleaned_data["document"], request.user)
        except RubricError as exc:
            problems = list(exc.problems)
        else:
            messages.success(request, f"{record.key} saved.")
            return redirect("assessments:rubric_detail", programme, record.pk)
    return _render(
        request,
        "assessments/rubric_edit.html",
        access,
        record=record,
        form=form,
        problems=problems,
        in_use=in_use,
    )
