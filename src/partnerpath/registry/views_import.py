"""Import pages: upload a spreadsheet, preview every row's problems and possible duplicates, commit
all rows or none, see the result. Templates to fill in are downloads of the importer's columns."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from partnerpath.accounts.access import ProgrammeAccess, programme_access
from partnerpath.registry import exports, imports
from partnerpath.registry.choices import ImportKind, ImportStatus
from partnerpath.registry.models import ImportBatch

RECENT_BATCHES = 10


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


class ImportForm(forms.Form):
    """What the spreadsheet holds, and the file itself."""

    kind = forms.ChoiceField(
        label="The file holds",
        choices=ImportKind.choices,
        initial=ImportKind.ORGANISATIONS,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(label="Spreadsheet (CSV or XLSX)")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (
            f"Up to {_megabytes(settings.IMPORT_MAX_BYTES)} and {settings.IMPORT_MAX_ROWS:,} rows. "
            "CSV files in UTF-8 (Excel: “CSV UTF-8”). Nothing is saved before you confirm."
        )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        if (upload.size or 0) > settings.IMPORT_MAX_BYTES:
            raise ValidationError(
                f"The file is {(upload.size or 0) / (1024 * 1024):.1f} MB; the limit is "
                f"{_megabytes(settings.IMPORT_MAX_BYTES)}. Split it into smaller files."
            )
        return upload


def _render(
    request: HttpRequest, template: str, access: ProgrammeAccess, **context: Any
) -> HttpResponse:
    context.update(programme=access.programme, access=access, nav="organisations")
    return TemplateResponse(request, template, context)


def _batch(access: ProgrammeAccess, pk: int) -> ImportBatch:
    """An import of this programme, or 404."""
    return get_object_or_404(ImportBatch, pk=pk, programme=access.programme)


def _column_guide() -> list[dict[str, Any]]:
    return [
        {"kind": kind, "label": label, "columns": imports.columns_for(kind)}
        for kind, label in ImportKind.choices
    ]


@login_required
def import_upload(request: HttpRequest, programme: str) -> HttpResponse:
    """Upload a spreadsheet of organisations or contacts; it is checked, then previewed."""
    access = programme_access(request, programme, "edit")
    initial = (
        {"kind": request.GET.get("kind")} if request.GET.get("kind") in ImportKind.values else None
    )
    form = ImportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        upload: UploadedFile[bytes] = form.cleaned_data["file"]
        try:
            batch = imports.start_batch(
                access.programme,
                form.cleaned_data["kind"],
                upload.name or "upload",
                upload.read(),
                request.user,
            )
        except imports.ImportFileError as exc:
            form.add_error("file", str(exc))
        else:
            return redirect("registry:import_preview", programme, batch.pk)
    recent = ImportBatch.objects.filter(programme=access.programme).select_related("created_by")
    return _render(
        request,
        "registry/import_upload.html",
        access,
        form=form,
        guide=_column_guide(),
        recent=recent[:RECENT_BATCHES],
        max_size=_megabytes(settings.IMPORT_MAX_BYTES),
        max_rows=settings.IMPORT_MAX_ROWS,
    )


@login_required
def import_template(request: HttpRequest, programme: str, kind: str, fmt: str) -> HttpResponse:
    """An empty spreadsheet with the importer's columns (the XLSX one explains each column)."""
    programme_access(request, programme)
    if kind not in ImportKind.values:
        raise Http404("No such kind of import.")
    tables = exports.template_tables(kind, with_help=fmt == "xlsx")
    return exports.download(fmt, tables, f"partnerpath-{kind}-template")


@login_required
def import_preview(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Every row's problems and possible duplicates, before anything is written."""
    access = programme_access(request, programme, "edit")
    batch = _batch(access, pk)
    if batch.status == ImportStatus.COMMITTED:
        return redirect("registry:import_result", programme, batch.pk)
    summary = batch.summary
    return _render(
        request,
        "registry/import_preview.html",
        access,
        batch=batch,
        summary=summary,
        choices=imports.DUPLICATE_CHOICES,
        default_choice=imports.DEFAULT_DUPLICATE_CHOICE,
        can_commit=summary.get("problem_count", 0) == 0 and batch.status == ImportStatus.PREVIEWED,
        more_problems=summary.get("problem_count", 0) - len(summary.get("problems", [])),
        more_duplicates=summary.get("duplicate_count", 0) - len(summary.get("duplicates", [])),
    )


@login_required
@require_POST
def import_commit(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """Write every row of a previewed import, or none when anything is wrong."""
    access = programme_access(request, programme, "edit")
    batch = _batch(access, pk)
    decisions = {
        key.removeprefix("dup-"): value
        for key, value in request.POST.items()
        if key.startswith("dup-") and value in imports.DUPLICATE_CHOICES
    }
    default = request.POST.get("on_duplicate", imports.DEFAULT_DUPLICATE_CHOICE)
    if default not in imports.DUPLICATE_CHOICES:
        default = imports.DEFAULT_DUPLICATE_CHOICE
    try:
        imports.commit_batch(batch, decisions, default, request.user)
    except imports.ImportRejected as exc:
        shown = "; ".join(exc.problems[:5]) + (" …" if len(exc.problems) > 5 else "")
        messages.error(request, f"Nothing was imported: {shown}")
        return redirect("registry:import_preview", programme, batch.pk)
    messages.success(request, f"Imported {batch.original_name}.")
    return redirect("registry:import_result", programme, batch.pk)


@login_required
def import_result(request: HttpRequest, programme: str, pk: int) -> HttpResponse:
    """What a committed import created, merged and skipped."""
    access = programme_access(request, programme)
    batch = _batch(access, pk)
    if batch.status != ImportStatus.COMMITTED:
        return redirect("registry:import_preview", programme, batch.pk)
    outcome = batch.summary.get("outcome", {})
    merges = batch.summary.get("merges", [])
    return _render(
        request,
        "registry/import_result.html",
        access,
        batch=batch,
        outcome=outcome,
        merges=merges,
        kept_count=sum(m.get("kept", 0) for m in merges),
    )
