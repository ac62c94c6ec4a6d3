"""Stored documents served as downloads, the same way on every page and endpoint: a record
without a document, or one whose file is gone from storage, is a 404 (never a 500)."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def attachment_response(
    document: FieldFile | None, missing: str = "This record has no document."
) -> FileResponse:
    """The stored file as an attachment under its own name; Http404 when there is none."""
    if not document:
        raise Http404(missing)
    try:
        handle = document.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The document's file is missing from the server.") from exc
    name = (document.name or "").rsplit("/", 1)[-1] or "document"
    return FileResponse(handle, as_attachment=True, filename=name)
