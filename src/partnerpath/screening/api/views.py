"""Endpoints of watch-list screening: lists and their versions (shared data, any signed-in user
reads), screenings (start one: 202), hits with their explanation, and decisions on hits. Same
rules as the pages: outsiders see nothing (404), read-only roles get 403 on every action; each
list runs a fixed number of queries whatever its length."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import (
    require_edit_role,
)
from partnerpath.api.fields import id_field
from partnerpath.api.pagination import Pagination
from partnerpath.api.viewsets import ProgrammeQuery, ProgrammeReadViewSet, yes_no_field
from partnerpath.screening import services
from partnerpath.screening.api.serializers import (
    DecisionSerializer,
    HitSerializer,
    ScreeningSerializer,
    ScreeningStartSerializer,
    WatchListSerializer,
)
from partnerpath.screening.choices import ScreeningStatus
from partnerpath.screening.models import ListVersion, Screening, WatchList


class ScreeningQuery(ProgrammeQuery):
    """Filters of the screening list."""

    organisation = id_field(required=False, help_text="Screenings of this organisation (its id).")
    status = serializers.ChoiceField(choices=ScreeningStatus.choices, required=False)


class HitQuery(ProgrammeQuery):
    """Filters of the hit list."""

    status = serializers.ChoiceField(
        choices=services.STATUS_CHOICES,
        required=False,
        help_text="open: needs a decision or a second person; new: no decision yet.",
    )
    new = yes_no_field("yes: hits without a decision on the same list-entry content when found.")
    latest = yes_no_field("yes: only hits of each organisation's latest screening.")
    organisation = id_field(required=False, help_text="Hits on this organisation or its people.")
    screening = id_field(required=False, help_text="Hits of this screening (its id).")


class WatchListViewSet(viewsets.ReadOnlyModelViewSet[WatchList]):
    """Watch lists and their versions: public data shared by every programme."""

    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    serializer_class = WatchListSerializer
    lookup_value_regex = "[0-9]+"
    queryset = WatchList.objects.prefetch_related(
        Prefetch("versions", queryset=ListVersion.objects.order_by("-imported_at", "-id"))
    ).order_by("name")


@extend_schema_view(list=extend_schema(parameters=[ScreeningQuery]))
class ScreeningViewSet(mixins.CreateModelMixin, ProgrammeReadViewSet):
    """Screenings: organisations and their key individuals against the current lists."""

    serializer_class = ScreeningSerializer
    query_serializer_class = ScreeningQuery
    queryset = Screening.objects.select_related(
        "programme", "organisation", "requested_by"
    ).prefetch_related(
        Prefetch("list_versions", queryset=ListVersion.objects.select_related("watch_list"))
    )

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("organisation"):
            queryset = queryset.filter(organisation_id=params["organisation"])
        if params.get("status"):
            queryset = queryset.filter(status=params["status"])
        return queryset

    @extend_schema(request=ScreeningStartSerializer, responses={202: ScreeningSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start screening one organisation (or all active ones): 202 with the queued screening."""
        data = request.data if isinstance(request.data, Mapping) else {}
        require_edit_role(request, data.get("programme"))
        start = ScreeningStartSerializer(data=request.data, context=self.get_serializer_context())
        start.is_valid(raise_exception=True)
        screening = services.start_screening(
            start.validated_data["programme"],
            organisation=start.validated_data.get("organisation"),
            user=request.user,
        )
        screening = self.get_queryset().get(pk=screening.pk)
        return Response(self.get_serializer(screening).data, status=status.HTTP_202_ACCEPTED)


@extend_schema_view(list=extend_schema(parameters=[HitQuery]))
class HitViewSet(ProgrammeReadViewSet):
    """Hits: leads for a person to judge, with the list entry and the score's explanation."""

    serializer_class = HitSerializer
    query_serializer_class = HitQuery
    queryset = services.hits_queryset().order_by("-created_at", "-score", "-id")

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        flags = {key: params[key] == "yes" for key in ("new", "latest") if params.get(key)}
        flt = services.HitFilter(
            status=params.get("status", ""),
            organisation=params.get("organisation"),
            screening=params.get("screening"),
            **flags,
        )
        return services.filter_hits(queryset, flt)

    def _hit_response(self, pk: Any) -> Response:
        hit = self.get_queryset().get(pk=pk)
        return Response(self.get_serializer(hit).data)

    @extend_schema(request=DecisionSerializer, responses={200: HitSerializer})
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        """Decide on the hit (true_match, false_positive, needs_escalation) with a reason.
        Moving a true match elsewhere waits for a second person (see confirm-clearance)."""
        hit = self.get_object()
        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            services.decide(
                hit, body.validated_data["decision"], body.validated_data["reason"], request.user
            )
        except services.DecisionError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return self._hit_response(hit.pk)

    @extend_schema(request=None, responses={200: HitSerializer})
    @action(detail=True, methods=["post"], url_path="confirm-clearance")
    def confirm_clearance(self, request: Request, pk: str | None = None) -> Response:
        """A second person confirms clearing a true match (403 for the person who asked)."""
        hit = self.get_object()
        try:
            services.confirm_clearance(hit, request.user)
        except services.SamePersonError as exc:
            raise PermissionDenied(str(exc)) from exc
        except services.DecisionError as exc:
            raise ValidationError({"detail": str(exc)}) from exc
        return self._hit_response(hit.pk)
