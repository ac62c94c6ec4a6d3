"""The programme's own rubric versions through the API: list and read them, clone a packaged or
programme rubric under a new name and version (adapting its document in the same request), and
change the document of a version no assessment uses yet. Every document goes through the core
rubric validator; a refused one answers 400 with every problem and its location, and nothing is
saved. Any member reads; only the programme's admins write (403); outsiders get 404."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import ProgrammeAdminRole, require_role
from partnerpath.api.viewsets import ProgrammeQuery, ProgrammeReadViewSet
from partnerpath.assessments import rubrics
from partnerpath.assessments.api.serializers import (
    ProgrammeRubricSerializer,
    RubricCloneSerializer,
    RubricProblemsSerializer,
)
from partnerpath.assessments.choices import Kind
from partnerpath.assessments.models import ProgrammeRubric
from partnerpath.core.rubric import RubricError
from partnerpath.core.wording import plural


def problems_response(exc: RubricError) -> Response:
    """400 with every problem of a refused rubric and where it is."""
    problems = [{"location": p.path, "line": p.line, "message": p.message} for p in exc.problems]
    detail = f"{exc.source}: {plural(len(problems), 'problem')}; nothing was saved."
    return Response({"detail": detail, "problems": problems}, status=status.HTTP_400_BAD_REQUEST)


class ProgrammeRubricQuery(ProgrammeQuery):
    """Filters of the programme rubric list."""

    kind = serializers.ChoiceField(choices=Kind.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[ProgrammeRubricQuery]))
class ProgrammeRubricViewSet(mixins.CreateModelMixin, ProgrammeReadViewSet):
    """The programme's own rubric versions: POST clones (and adapts), PUT/PATCH adapts."""

    serializer_class = ProgrammeRubricSerializer
    query_serializer_class = ProgrammeRubricQuery
    permission_classes = [IsAuthenticated, ProgrammeAdminRole]
    queryset = rubrics.with_in_use(
        ProgrammeRubric.objects.select_related("programme", "created_by")
    )
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        return queryset.order_by("programme_id", "key")

    def _fresh(self, record: ProgrammeRubric) -> dict[str, Any]:
        return dict(self.get_serializer(self.get_queryset().get(pk=record.pk)).data)

    @extend_schema(
        request=RubricCloneSerializer,
        responses={201: ProgrammeRubricSerializer, 400: RubricProblemsSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Clone ``base`` as ``name-v<version>``; with ``document``, adapt it in one step."""
        data = request.data if isinstance(request.data, Mapping) else {}
        require_role(request, data.get("programme"), "manage")
        form = RubricCloneSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        given = form.validated_data
        try:
            record = rubrics.clone_rubric(
                given["programme"],
                request.user,
                given["base"],
                given["name"],
                given["version"],
                document=given.get("document"),
            )
        except RubricError as exc:
            return problems_response(exc)
        return Response(self._fresh(record), status=status.HTTP_201_CREATED)

    @extend_schema(
        request=ProgrammeRubricSerializer,
        responses={200: ProgrammeRubricSerializer, 400: RubricProblemsSerializer},
    )
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Replace the document (validated; keeps its key and kind; refused once in use)."""
        record: ProgrammeRubric = self.get_object()
        form = ProgrammeRubricSerializer(
            record, data=request.data, partial=kwargs.get("partial", False)
        )
        form.is_valid(raise_exception=True)
        if "document" in form.validated_data:
            try:
                rubrics.save_document(record, form.validated_data["document"], request.user)
            except RubricError as exc:
                return problems_response(exc)
        return Response(self._fresh(record))

    @extend_schema(
        request=ProgrammeRubricSerializer,
        responses={200: ProgrammeRubricSerializer, 400: RubricProblemsSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """The same as PUT; only ``document`` changes."""
        return self.update(request, *args, partial=True, **kwargs)
