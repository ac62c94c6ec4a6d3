"""Endpoints of partnerships: the record (its stage moves only through `advance/`, past the
programme's gates), its timeline, the gate check without moving, its agreement, contributions,
indicators, buy-in, health checks and health-check links (actions_*.py), partners, concerns and
health checks. Same rules as the pages: outsiders see nothing (404), reviewers and viewers read
(403 on writes). Lists run a fixed number of queries whatever their length."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import memberships_of
from partnerpath.api.fields import id_field
from partnerpath.api.viewsets import (
    ProgrammeQuery,
    ProgrammeReadViewSet,
    ProgrammeRecordViewSet,
    yes_no_field,
)
from partnerpath.audit.context import acting_as
from partnerpath.partnerships.api.actions_agreement import AgreementActions
from partnerpath.partnerships.api.actions_trust import TrustActions
from partnerpath.partnerships.api.serializers import (
    AdvancedSerializer,
    AdvanceSerializer,
    ConcernSerializer,
    GateCheckSerializer,
    GateProblemSerializer,
    GateQuery,
    HealthCheckSerializer,
    OverrideRefusedSerializer,
    PartnerSerializer,
    PartnershipSerializer,
    StageChangeSerializer,
    TimelineEventSerializer,
)
from partnerpath.partnerships.choices import ConcernStatus, EventKind, Stage
from partnerpath.partnerships.models import Concern, HealthCheck, HealthRating, Partner, Partnership
from partnerpath.partnerships.services import partners, stages
from partnerpath.partnerships.services.timeline import timeline_of


class PartnershipQuery(ProgrammeQuery):
    """Filters of the partnership list."""

    stage = serializers.ChoiceField(choices=Stage.choices, required=False)


class RecordQuery(ProgrammeQuery):
    """Filters of lists of records of partnerships."""

    partnership = id_field(required=False, help_text="Only records of this partnership (its id).")


class PartnerQuery(RecordQuery):
    """Filters of the partner list."""

    organisation = id_field(required=False, help_text="Partnerships of this organisation (its id).")


class ConcernQuery(RecordQuery):
    """Filters of the concern list."""

    status = serializers.ChoiceField(choices=ConcernStatus.choices, required=False)
    deal_breaker = yes_no_field("yes: deal-breakers only; no: other concerns only.")


class TimelineQuery(serializers.Serializer[Any]):
    """Filters of a partnership's timeline."""

    kind = serializers.ListField(
        child=serializers.ChoiceField(choices=EventKind.choices),
        required=False,
        help_text="Only entries of these kinds (repeat the parameter for several).",
    )


def _membership(request: Request, partnership: Partnership) -> Any:
    return memberships_of(request)[partnership.programme_id]


@extend_schema_view(
    list=extend_schema(parameters=[PartnershipQuery]), destroy=extend_schema(exclude=True)
)
class PartnershipViewSet(AgreementActions, TrustActions, ProgrammeRecordViewSet):
    """Partnerships with their partners. The `stage` is read-only: POST `advance/` moves it.
    A partnership is never deleted (close it); DELETE removes a contribution or an indicator."""

    serializer_class = PartnershipSerializer
    query_serializer_class = PartnershipQuery
    queryset = Partnership.objects.select_related("programme").prefetch_related(
        Prefetch("partners", queryset=Partner.objects.select_related("organisation").order_by("id"))
    )
    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Partnerships are closed with a reason, never deleted: 405."""
        raise MethodNotAllowed("DELETE", "A partnership is not deleted: close it with a reason.")

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("stage"):
            queryset = queryset.filter(stage=params["stage"])
        return queryset

    @extend_schema(
        request=AdvanceSerializer,
        responses={
            200: AdvancedSerializer,
            400: OpenApiResponse(description="An unknown stage or a malformed body."),
            403: OverrideRefusedSerializer,
            409: GateProblemSerializer,
        },
    )
    @action(detail=True, methods=["post"])
    def advance(self, request: Request, pk: str | None = None) -> Response:
        """Move the partnership to `target`: 409 with every unmet requirement when a gate
        blocks; with `override` and a `reason`, an admin or PSE lead moves it anyway (403 with
        the reasons when the override is refused)."""
        partnership = self.get_object()
        form = AdvanceSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            with transaction.atomic(), acting_as(request.user):
                done = stages.advance(
                    partnership,
                    data["target"],
                    _membership(request, partnership),
                    data["reason"],
                    data["override"],
                )
        except stages.GateBlocked as blocked:
            return Response(blocked.result.problem(), status=status.HTTP_409_CONFLICT)
        except stages.OverrideRefused as refused:
            body = refused.result.problem()
            body["detail"] = "The override was refused: " + " ".join(refused.problems)
            body["problems"] = list(refused.problems)
            return Response(body, status=status.HTTP_403_FORBIDDEN)
        return Response(
            {
                "stage": partnership.stage,
                "stage_since": partnership.stage_since,
                "change": StageChangeSerializer(done.change).data,
            }
        )

    @extend_schema(parameters=[GateQuery], responses={200: GateCheckSerializer})
    @action(detail=True, methods=["get"])
    def gate(self, request: Request, pk: str | None = None) -> Response:
        """What the gates say about moving to `target` now, without moving."""
        partnership = self.get_object()
        query = GateQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        result = stages.check_advance(
            partnership, query.validated_data["target"], query.validated_data["reason"]
        )
        problem = result.problem()
        return Response(
            {
                "passed": result.passed,
                "current": problem["current"],
                "target": problem["target"],
                "move": result.move.kind.value,
                "ruleset": problem["ruleset"],
                "overridable": problem["overridable"],
                "unmet": problem["unmet"],
                "verdicts": [v.as_dict() for v in result.verdicts],
            }
        )

    @extend_schema(parameters=[TimelineQuery], responses={200: TimelineEventSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def timeline(self, request: Request, pk: str | None = None) -> Response:
        """The partnership's timeline, newest first; overrides and deal-breakers `flagged`."""
        partnership = self.get_object()
        query = TimelineQuery(data={"kind": request.query_params.getlist("kind")})
        query.is_valid(raise_exception=True)
        events = timeline_of(partnership, query.validated_data.get("kind") or None)
        page = self.paginate_queryset(events)
        rows = TimelineEventSerializer(page if page is not None else events, many=True).data
        return self.get_paginated_response(rows) if page is not None else Response(rows)


@extend_schema_view(list=extend_schema(parameters=[PartnerQuery]))
class PartnerViewSet(ProgrammeRecordViewSet):
    """Organisations in partnerships, with role, point-person, objectives and preferred type;
    a partner with concerns, contributions, ratings or buy-in on record is not removed (409)."""

    serializer_class = PartnerSerializer
    query_serializer_class = PartnerQuery
    queryset = Partner.objects.select_related("programme", "organisation").order_by(
        "partnership_id", "id"
    )

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("partnership"):
            queryset = queryset.filter(partnership_id=params["partnership"])
        if params.get("organisation"):
            queryset = queryset.filter(organisation_id=params["organisation"])
        return queryset

    @extend_schema(responses={204: None, 409: OpenApiResponse(description="Records attached.")})
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partner = self.get_object()
        try:
            with transaction.atomic(), acting_as(request.user):
                partners.remove_partner(partner)
        except partners.RemovalRefused as refused:
            body = {"detail": " ".join(refused.problems), "problems": refused.problems}
            return Response(body, status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(list=extend_schema(parameters=[ConcernQuery]))
class ConcernViewSet(ProgrammeRecordViewSet):
    """Concerns, fears and deal-breakers; raising one and changing its status go on the
    partnership's timeline."""

    serializer_class = ConcernSerializer
    query_serializer_class = ConcernQuery
    queryset = Concern.objects.select_related("programme").order_by("partnership_id", "id")
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("partnership"):
            queryset = queryset.filter(partnership_id=params["partnership"])
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        if params.get("deal_breaker"):
            queryset = queryset.filter(is_deal_breaker=params["deal_breaker"] == "yes")
        return queryset


@extend_schema_view(list=extend_schema(parameters=[RecordQuery]))
class HealthCheckViewSet(ProgrammeReadViewSet):
    """Health checks with every partner's ratings, the overall light and the score (read-only:
    checks are held on the web pages)."""

    serializer_class = HealthCheckSerializer
    query_serializer_class = RecordQuery
    queryset = (
        HealthCheck.objects.select_related("programme")
        .prefetch_related(
            Prefetch(
                "ratings",
                queryset=HealthRating.objects.select_related("partner__organisation").order_by(
                    "partner_id", "aspect"
                ),
            )
        )
        .order_by("partnership_id", "-held_on", "-id")
    )

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("partnership"):
            queryset = queryset.filter(partnership_id=params["partnership"])
        return queryset
