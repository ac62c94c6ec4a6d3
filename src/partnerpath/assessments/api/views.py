"""Endpoints of assessments: the packaged rubrics (any signed-in user reads), and assessments
with answers, result and explanation. Same rules as the pages: outsiders see nothing (404),
read-only roles get 403 on writes; lists run a fixed number of queries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import in_my_programmes, require_edit_role
from partnerpath.api.fields import id_field
from partnerpath.api.viewsets import ProgrammeQuery, ProgrammeReadViewSet
from partnerpath.assessments import rubrics, services
from partnerpath.assessments.api.serializers import (
    AssessmentAnswerInputSerializer,
    AssessmentSerializer,
    AssessmentStartSerializer,
    RubricSerializer,
)
from partnerpath.assessments.choices import Kind, Status
from partnerpath.assessments.models import AnswerRecord, Assessment, ProgrammeRubric
from partnerpath.core.rubric import packaged_keys


class RubricViewSet(viewsets.ViewSet):
    """Packaged rubrics, old versions included, then the own rubrics of the programmes the user
    belongs to (``programme`` says whose), each with its full definition."""

    permission_classes = [IsAuthenticated]
    lookup_value_regex = "[a-z0-9-]+"
    serializer_class = RubricSerializer

    def _own(self, request: Request) -> list[dict[str, Any]]:
        found = in_my_programmes(ProgrammeRubric.objects.all(), request.user).select_related(
            "programme"
        )
        slug = request.query_params.get("programme")
        if slug:
            found = found.filter(programme__slug=slug)
        return [
            {
                **RubricSerializer(rubrics.parse_document(r.document, r.key)).data,
                "programme": r.programme.slug,
            }
            for r in found.order_by("programme__slug", "key")
        ]

    def list(self, request: Request) -> Response:
        packaged = [services.rubric(key) for key in packaged_keys()]
        found = RubricSerializer(packaged, many=True)  # type: ignore[arg-type]
        return Response([*found.data, *self._own(request)])

    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        if pk in packaged_keys():
            return Response(RubricSerializer(services.rubric(pk)).data)
        own = [r for r in self._own(request) if r["key"] == pk]
        if not own:
            raise Http404("No such rubric.")
        return Response(own[0])


class AssessmentQuery(ProgrammeQuery):
    """Filters of the assessment list."""

    organisation = id_field(required=False, help_text="Assessments of this organisation.")
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[AssessmentQuery]))
class AssessmentViewSet(mixins.CreateModelMixin, ProgrammeReadViewSet):
    """Assessments with answers, the computed result and its explanation; start one; answer."""

    serializer_class = AssessmentSerializer
    query_serializer_class = AssessmentQuery
    queryset = Assessment.objects.select_related("programme", "created_by").prefetch_related(
        Prefetch("answers", queryset=AnswerRecord.objects.select_related("recorded_by"))
    )

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        for name in ("kind", "status"):
            if params.get(name):
                queryset = queryset.filter(**{name: params[name]})
        if params.get("organisation"):
            queryset = queryset.filter(organisation_id=params["organisation"])
        return queryset.order_by("-assessed_on", "-id")

    @extend_schema(request=AssessmentStartSerializer, responses={201: AssessmentSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a draft assessment on the newest rubric of its kind."""
        data = request.data if isinstance(request.data, Mapping) else {}
        require_edit_role(request, data.get("programme"))
        start = AssessmentStartSerializer(data=request.data, context=self.get_serializer_context())
        start.is_valid(raise_exception=True)
        try:
            assessment = services.start_assessment(
                start.validated_data["programme"],
                request.user,
                start.validated_data.get("organisation"),
                start.validated_data.get("rubric") or None,
            )
        except ValueError as exc:
            raise ValidationError({"rubric": [str(exc)]}) from None
        assessment = self.get_queryset().get(pk=assessment.pk)
        return Response(self.get_serializer(assessment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=AssessmentAnswerInputSerializer(many=True), responses=AssessmentSerializer
    )
    @action(detail=True, methods=["post"])
    def answers(self, request: Request, pk: str | None = None) -> Response:
        """Record answers (a list); the result is computed again. Final assessments refuse."""
        assessment = self.get_object()
        if assessment.is_final:
            raise ValidationError({"status": ["A final assessment no longer changes."]})
        given = AssessmentAnswerInputSerializer(
            data=request.data, many=True, context={"assessment": assessment}
        )
        given.is_valid(raise_exception=True)
        changed = {row.pop("indicator"): row for row in given.validated_data}
        services.save_answers(assessment, changed, request.user)
        assessment = self.get_queryset().get(pk=assessment.pk)
        return Response(self.get_serializer(assessment).data)
