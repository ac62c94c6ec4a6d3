"""Endpoints of assessments: the packaged rubrics (any signed-in user reads), and assessments
with answers, result and explanation, and the work on them (answer, attach evidence, review,
finalise). Same rules as the pages: outsiders see nothing (404), read-only roles get 403 on
writes; lists run a fixed number of queries. The programme's own rubric versions and the
self-assessment links have their own modules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import in_my_programmes, require_edit_role
from partnerpath.api.fields import id_field
from partnerpath.api.viewsets import ProgrammeQuery, ProgrammeReadViewSet
from partnerpath.assessments import rubrics, selfassess, services
from partnerpath.assessments.api.serializers import (
    AssessmentAnswerInputSerializer,
    AssessmentDetailsSerializer,
    AssessmentSerializer,
    AssessmentStartSerializer,
    DiscardSerializer,
    EvidenceDocumentSerializer,
    ReviewInputSerializer,
    RubricSerializer,
)
from partnerpath.assessments.api.views_invites import InviteViewSet
from partnerpath.assessments.api.views_rubrics import ProgrammeRubricViewSet
from partnerpath.assessments.choices import Kind, Status
from partnerpath.assessments.models import AnswerRecord, Assessment, ProgrammeRubric
from partnerpath.audit.context import acting_as
from partnerpath.core.rubric import packaged_keys
from partnerpath.downloads import attachment_response

__all__ = ["AssessmentViewSet", "InviteViewSet", "ProgrammeRubricViewSet", "RubricViewSet"]


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


INDICATOR = OpenApiParameter(
    "indicator", str, OpenApiParameter.PATH, description="The indicator's id in the rubric."
)


class AssessmentQuery(ProgrammeQuery):
    """Filters of the assessment list."""

    organisation = id_field(required=False, help_text="Assessments of this organisation.")
    kind = serializers.ChoiceField(choices=Kind.choices, required=False)
    status = serializers.ChoiceField(choices=Status.choices, required=False)


@extend_schema_view(list=extend_schema(parameters=[AssessmentQuery]))
class AssessmentViewSet(mixins.CreateModelMixin, ProgrammeReadViewSet):
    """Assessments with answers, result and explanation, and the work on them."""

    serializer_class = AssessmentSerializer
    query_serializer_class = AssessmentQuery
    queryset = Assessment.objects.select_related(
        "programme", "created_by", "discarded_by", "organisation", "invite__contact"
    ).prefetch_related(
        Prefetch(
            "answers", queryset=AnswerRecord.objects.select_related("recorded_by", "reviewed_by")
        )
    )
    http_method_names = ["get", "post", "patch", "head", "options"]

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        for name in ("kind", "status"):
            if params.get(name):
                queryset = queryset.filter(**{name: params[name]})
        if params.get("organisation"):
            queryset = queryset.filter(organisation_id=params["organisation"])
        return queryset.order_by("-assessed_on", "-id")

    def _fresh(self, assessment: Assessment) -> dict[str, Any]:
        return dict(self.get_serializer(self.get_queryset().get(pk=assessment.pk)).data)

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
        return Response(self._fresh(assessment), status=status.HTTP_201_CREATED)

    @extend_schema(request=AssessmentDetailsSerializer, responses=AssessmentSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change a draft's date (``assessed_on``)."""
        assessment: Assessment = self.get_object()
        try:
            services.ensure_draft(assessment)
        except ValueError as exc:
            raise _refused(exc, "status") from None
        form = AssessmentDetailsSerializer(assessment, data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        with transaction.atomic(), acting_as(request.user):
            form.save()
        return Response(self._fresh(assessment))

    @extend_schema(
        request=AssessmentAnswerInputSerializer(many=True), responses=AssessmentSerializer
    )
    @action(detail=True, methods=["post"])
    def answers(self, request: Request, pk: str | None = None) -> Response:
        """Record answers (a list); the result is computed again. Final assessments refuse."""
        assessment: Assessment = self.get_object()
        _answerable(assessment)
        given = AssessmentAnswerInputSerializer(
            data=request.data, many=True, context={"assessment": assessment}
        )
        given.is_valid(raise_exception=True)
        changed = {row.pop("indicator"): row for row in given.validated_data}
        try:
            services.save_answers(assessment, changed, request.user)
        except ValueError as exc:
            raise _refused(exc, "status") from None
        return Response(self._fresh(assessment))

    @extend_schema(
        methods=["POST"],
        parameters=[INDICATOR],
        request={"multipart/form-data": EvidenceDocumentSerializer},
        responses=AssessmentSerializer,
    )
    @extend_schema(
        methods=["GET"],
        parameters=[INDICATOR],
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="No such answer, or it has no document."),
        },
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path=r"answers/(?P<indicator>[a-z0-9_-]+)/document",
        parser_classes=[MultiPartParser, FormParser],
    )
    def document(
        self, request: Request, pk: str | None = None, indicator: str = ""
    ) -> Response | FileResponse:
        """GET downloads an answer's evidence document; POST attaches (replaces) one."""
        if request.method == "GET":
            return _download(self.get_object(), indicator)
        assessment: Assessment = self.get_object()
        _answerable(assessment)
        answer = assessment.answers.filter(indicator_id=indicator).first()
        if answer is None:
            raise ValidationError({"indicator": [f"Answer {indicator!r} first, then attach."]})
        upload = EvidenceDocumentSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        change = {"value": answer.value, "evidence_document": upload.validated_data["document"]}
        try:
            services.save_answers(assessment, {indicator: change}, request.user)
        except ValueError as exc:
            raise _refused(exc, "status") from None
        return Response(self._fresh(assessment))

    @extend_schema(request=ReviewInputSerializer(many=True), responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Accept (the company's value) or adjust (another) each company answer, both kept; an
        indicator the company left blank gets the programme's answer. 400 before the company
        submits."""
        assessment: Assessment = self.get_object()
        given = ReviewInputSerializer(
            data=request.data, many=True, context={"assessment": assessment}
        )
        given.is_valid(raise_exception=True)
        decisions = {row["indicator"]: row["value"] for row in given.validated_data}
        try:
            selfassess.review(assessment, decisions, request.user)
        except ValueError as exc:
            raise _refused(exc, "assessment") from None
        return Response(self._fresh(assessment))

    @extend_schema(request=None, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request: Request, pk: str | None = None) -> Response:
        """Make the assessment final (400 with the reason when it cannot be)."""
        assessment = self.get_object()
        try:
            services.finalise(assessment, request.user)
        except ValueError as exc:
            raise ValidationError({"status": [str(exc)]}) from None
        return Response(self._fresh(assessment))

    @extend_schema(request=DiscardSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def discard(self, request: Request, pk: str | None = None) -> Response:
        """Set aside a self-assessment the company never submitted, its link revoked or expired
        (``reason`` required; 400 with the reason when it cannot be)."""
        assessment = self.get_object()
        given = DiscardSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            selfassess.discard(assessment, request.user, given.validated_data["reason"])
        except ValueError as exc:
            raise ValidationError({"status": [str(exc)]}) from None
        return Response(self._fresh(assessment))

    @extend_schema(request=None, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        """Make a final assessment a draft again (400 on a draft)."""
        assessment = self.get_object()
        try:
            services.reopen(assessment, request.user)
        except ValueError as exc:
            raise ValidationError({"status": [str(exc)]}) from None
        return Response(self._fresh(assessment))


def _refused(exc: ValueError, field: str) -> ValidationError:
    """A service's refusal as a 400 on ``field``; a final or discarded assessment's, or one the
    company is still answering, always on ``status``."""
    locked = (
        services.AssessmentIsFinal,
        services.AssessmentIsDiscarded,
        services.CompanyStillAnswering,
    )
    key = "status" if isinstance(exc, locked) else field
    return ValidationError({key: [str(exc)]})


def _answerable(assessment: Assessment) -> None:
    """400 on ``status`` before anything else when the assessment takes no answers now."""
    try:
        services.ensure_answerable(assessment)
    except ValueError as exc:
        raise _refused(exc, "status") from None


def _download(assessment: Assessment, indicator: str) -> FileResponse:
    answer = assessment.answers.filter(indicator_id=indicator).first()
    document = answer.evidence_document if answer is not None else None
    return attachment_response(document, "This answer has no document.")
