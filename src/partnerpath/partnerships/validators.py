"""Field validators of the partnerships app: a signed document must be what its name says (a PDF
starts like a PDF), so a web page saved as ``agreement.pdf`` is refused with a clear error."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError

PDF = (b"%PDF-",)
ZIP = (b"PK\x03\x04",)  # .docx and .odt are zip packages
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc (Word 97-2003)
PNG = (b"\x89PNG\r\n\x1a\n",)
JPEG = (b"\xff\xd8\xff",)
# What the first bytes of each accepted type of signed document look like.
SIGNATURES: Mapping[str, tuple[bytes, ...]] = {
    "pdf": PDF,
    "docx": ZIP,
    "odt": ZIP,
    "doc": OLE,
    "png": PNG,
    "jpg": JPEG,
    "jpeg": JPEG,
}
KIND_NAMES: Mapping[str, str] = {
    "pdf": "PDF",
    "docx": "Word (.docx)",
    "odt": "OpenDocument text (.odt)",
    "doc": "Word 97-2003 (.doc)",
    "png": "PNG image",
    "jpg": "JPEG image",
    "jpeg": "JPEG image",
}


def _head(file: Any, size: int = 16) -> bytes:
    """The first bytes of an uploaded file, leaving it where it was."""
    handle = getattr(file, "file", file)
    position = handle.tell() if hasattr(handle, "tell") else 0
    handle.seek(0)
    head = handle.read(size)
    handle.seek(position)
    return head if isinstance(head, bytes) else head.encode()


def validate_document_type(file: Any) -> None:
    """A newly uploaded signed document starts with the signature of the type its name gives
    (stored files are not read again)."""
    if file is None or getattr(file, "_committed", True):
        return
    name = str(getattr(file, "name", "") or "")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    expected = SIGNATURES.get(extension)
    if expected is None:
        return  # the extension validator names the accepted types
    if not _head(file).startswith(expected):
        kind = KIND_NAMES[extension]
        raise ValidationError(
            f"This file is named .{extension} but is not a {kind} file: its content does not "
            f"start like one. Attach the signed agreement itself (PDF, Word, OpenDocument, PNG "
            f"or JPEG), e.g. a scan, not a web page or a renamed file."
        )
