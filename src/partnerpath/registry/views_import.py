"""Import pages (filled in by the import/export work)."""

from django.http import HttpRequest, HttpResponse


def import_upload(request: HttpRequest, programme: str) -> HttpResponse:
    return HttpResponse("import")
