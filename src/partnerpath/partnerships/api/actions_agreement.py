"""Endpoints of a partnership's agreement, under /partnerships/{id}/: the agreement with its
checklist and versions, resource contributions and success indicators. Same rules as the pages:
outsiders 404, any member reads, team members change (403 for the others); once the agreement is
signed, contributions and indicators change only by an amendment (409)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.audit.context import acting_as
from partnerpath.partnerships.api.actions_trust import row_id
from partnerpath.partnerships.api.serializers_agreement import (
    AgreementAnswerSerializer,
    ContributionSerializer,
    IndicatorSerializer,
    SignedSerializer,
    agreement_answer,
)
from partnerpath.partnerships.models import Contribution, Partnership, SuccessIndicator
from partnerpath.partnerships.services import agreement as service

SIGNED = OpenApiResponse(SignedSerializer, description="The agreement is signed: amend it.")


def _path_id(name: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.PATH)


def _unless_signed(request: Request, change: Callable[[], object]) -> Response | None:
    """Make the change as the request's user; a 409 with the reason when the agreement is
    signed (nothing changed), else None."""
    try:
        with transaction.atomic(), acting_as(request.user):
            change()
    except service.AgreementSigned as refused:
        return Response({"detail": str(refused)}, status=status.HTTP_409_CONFLICT)
    return None


class AgreementActions:
    """The agreement's endpoints, mixed into the partnership endpoint."""

    get_object: Any

    @extend_schema(
        responses={
            200: AgreementAnswerSerializer,
            404: OpenApiResponse(description="Not yours, or no agreement started yet."),
        }
    )
    @action(detail=True, methods=["get"])
    def agreement(self, request: Request, pk: str | None = None) -> Response:
        """The agreement: its fields, whether this version is signed (and by which version's
        document), each checklist rating, and every earlier version kept whole."""
        partnership: Partnership = self.get_object()
        found = service.agreement_of(partnership)
        if found is None:
            return Response(
                {"detail": "This partnership has no agreement yet."},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(agreement_answer(found))

    @extend_schema(
        methods=["get"], responses={200: ContributionSerializer(many=True)}, request=None
    )
    @extend_schema(
        methods=["post"],
        request=ContributionSerializer,
        responses={201: ContributionSerializer, 409: SIGNED},
    )
    @action(detail=True, methods=["get", "post"])
    def contributions(self, request: Request, pk: str | None = None) -> Response:
        """What each partner brings; POST adds one (409 once the agreement is signed)."""
        partnership: Partnership = self.get_object()
        if request.method == "GET":
            rows = service.contributions_of(partnership)
            return Response(ContributionSerializer(rows, many=True).data)
        form = ContributionSerializer(data=request.data, context={"partnership": partnership})
        form.is_valid(raise_exception=True)
        row = Contribution(
            programme_id=partnership.programme_id, partnership=partnership, **form.validated_data
        )
        if (refused := _unless_signed(request, lambda: service.add_contribution(row))) is not None:
            return refused
        return Response(ContributionSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[_path_id("contribution")],
        responses={
            204: None,
            404: OpenApiResponse(description="No such contribution."),
            409: SIGNED,
        },
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"contributions/(?P<contribution>[0-9]+)",
        url_name="contribution-remove",
    )
    def contribution_remove(
        self, request: Request, pk: str | None = None, contribution: str = ""
    ) -> Response:
        """Remove a contribution (409 once the agreement is signed)."""
        partnership: Partnership = self.get_object()
        row = get_object_or_404(
            Contribution.objects.select_related("partner__organisation", "partnership"),
            pk=row_id(contribution),
            partnership=partnership,
        )
        if (
            refused := _unless_signed(request, lambda: service.remove_contribution(row))
        ) is not None:
            return refused
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(methods=["get"], responses={200: IndicatorSerializer(many=True)}, request=None)
    @extend_schema(
        methods=["post"],
        request=IndicatorSerializer,
        responses={201: IndicatorSerializer, 409: SIGNED},
    )
    @action(detail=True, methods=["get", "post"])
    def indicators(self, request: Request, pk: str | None = None) -> Response:
        """Success indicators; POST adds one (409 once the agreement is signed)."""
        partnership: Partnership = self.get_object()
        if request.method == "GET":
            rows = partnership.success_indicators.order_by("id")
            return Response(IndicatorSerializer(rows, many=True).data)
        form = IndicatorSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        row = SuccessIndicator(
            programme_id=partnership.programme_id, partnership=partnership, **form.validated_data
        )
        if (refused := _unless_signed(request, lambda: service.add_indicator(row))) is not None:
            return refused
        return Response(IndicatorSerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[_path_id("indicator")],
        responses={204: None, 404: OpenApiResponse(description="No such indicator."), 409: SIGNED},
    )
    @action(
        detail=True,
        methods=["delete"],
        url_path=r"indicators/(?P<indicator>[0-9]+)",
        url_name="indicator-remove",
    )
    def indicator_remove(
        self, request: Request, pk: str | None = None, indicator: str = ""
    ) -> Response:
        """Remove a success indicator (409 once the agreement is signed)."""
        partnership: Partnership = self.get_object()
        row = get_object_or_404(
            SuccessIndicator.objects.select_related("partnership"),
            pk=row_id(indicator),
            partnership=partnership,
        )
        if (refused := _unless_signed(request, lambda: service.remove_indicator(row))) is not None:
            return refused
        return Response(status=status.HTTP_204_NO_CONTENT)
