"""Endpoints of a partnership's trust work and health, under /partnerships/{id}/: internal buy-in
at company partners (read and set), recording a health check, and the private links that ask
partners to rate (list, create, revoke). Same rules as the pages: outsiders 404, any member
reads, team members change (403 for the others)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import memberships_of
from partnerpath.api.fields import MAX_ID
from partnerpath.audit.context import acting_as
from partnerpath.partnerships.api.serializers import HealthCheckSerializer
from partnerpath.partnerships.api.serializers_trust import (
    AskSerializer,
    BuyInPartnerSerializer,
    BuyInSetSerializer,
    HealthCheckInSerializer,
    HealthLinkSerializer,
    ProblemSerializer,
)
from partnerpath.partnerships.models import (
    HealthCheck,
    HealthCheckLink,
    HealthRating,
    Partner,
    Partnership,
)
from partnerpath.partnerships.services import health, health_links, trust

REFUSED = OpenApiResponse(ProblemSerializer, description="Refused, with the reason in words.")


def row_id(value: str) -> int:
    """A record id from the path; 404 beyond what a database stores."""
    number = int(value)
    if number > MAX_ID:
        raise Http404("No such record.")
    return number


def _buy_in(partner: Partner) -> dict[str, Any]:
    grid = trust.grid_of(partner)
    return {
        "partner": partner.pk,
        "organisation_name": partner.organisation.name,
        "summary": trust.buy_in_summary(grid.values()),
        "departments": [
            {
                "department": row.department,
                "department_label": row.get_department_display(),
                "stance": row.stance,
                "champion": row.champion_id,
                "champion_name": str(row.champion) if row.champion_id else "",
                "notes": row.notes,
                "recorded": row.pk is not None,
            }
            for row in grid.values()
        ],
    }


class TrustActions:
    """Buy-in, health checks and health-check links, mixed into the partnership endpoint."""

    get_object: Any

    @extend_schema(
        methods=["get"], request=None, responses={200: BuyInPartnerSerializer(many=True)}
    )
    @extend_schema(
        methods=["post"],
        request=BuyInSetSerializer,
        responses={200: BuyInPartnerSerializer},
    )
    @action(detail=True, methods=["get", "post"], url_path="buy-in", url_name="buy-in")
    def buy_in(self, request: Request, pk: str | None = None) -> Response:
        """Where each company partner's departments stand; POST sets some departments of one
        partner (each change goes on the timeline)."""
        partnership: Partnership = self.get_object()
        if request.method == "GET":
            partners = trust.buy_in_partners(partnership)
            return Response([_buy_in(p) for p in partners])
        form = BuyInSetSerializer(data=request.data, context={"partnership": partnership})
        form.is_valid(raise_exception=True)
        partner: Partner = form.validated_data["partner"]
        rows = [
            trust.BuyInRow(
                row["department"],
                row["stance"],
                partner.organisation.contacts.get(pk=row["champion"])
                if row.get("champion")
                else None,
                row.get("notes", ""),
            )
            for row in form.validated_data["departments"]
        ]
        with transaction.atomic(), acting_as(request.user):
            trust.save_buy_in(partner, rows)
        return Response(_buy_in(Partner.objects.select_related("organisation").get(pk=partner.pk)))

    @extend_schema(
        request=HealthCheckInSerializer,
        responses={
            201: HealthCheckSerializer,
            200: OpenApiResponse(
                HealthCheckSerializer, description="Added to the check of that date."
            ),
            400: OpenApiResponse(description="A bad date or rating, or a partner's own rating."),
        },
    )
    @action(detail=True, methods=["post"], url_path="health-checks", url_name="health-checks")
    def record_health_check(self, request: Request, pk: str | None = None) -> Response:
        """Record a health check: the team's ratings for the date it was held. A check of that
        date already there takes them (200); otherwise a new check is made (201)."""
        partnership: Partnership = self.get_object()
        form = HealthCheckInSerializer(data=request.data, context={"partnership": partnership})
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            with transaction.atomic(), acting_as(request.user):
                check, joined = health.save_check(
                    partnership, data["held_on"], data["ratings"], data["notes"], request.user
                )
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        ratings = HealthRating.objects.select_related("partner__organisation").order_by(
            "partner_id", "aspect"
        )
        fresh = (
            HealthCheck.objects.select_related("programme")
            .prefetch_related(Prefetch("ratings", queryset=ratings))
            .get(pk=check.pk)
        )
        body = HealthCheckSerializer(fresh, context={"request": request}).data
        code = status.HTTP_200_OK if joined else status.HTTP_201_CREATED
        return Response(body, status=code)

    @extend_schema(methods=["get"], request=None, responses={200: HealthLinkSerializer(many=True)})
    @extend_schema(
        methods=["post"],
        request=AskSerializer,
        responses={201: HealthLinkSerializer(many=True), 400: REFUSED},
    )
    @action(detail=True, methods=["get", "post"], url_path="health-links", url_name="health-links")
    def health_links(self, request: Request, pk: str | None = None) -> Response:
        """The private links that ask partners to rate; POST asks the chosen partners for the
        check held today (`url` is shown to team members only)."""
        partnership: Partnership = self.get_object()
        membership = memberships_of(request).get(partnership.programme_id)
        context = {
            "request": request,
            "now": timezone.now(),
            "can_edit": bool(membership and membership.can_edit),
        }
        if request.method == "GET":
            links = health_links.links_of(partnership)
            return Response(HealthLinkSerializer(links, many=True, context=context).data)
        form = AskSerializer(data=request.data, context={"partnership": partnership})
        form.is_valid(raise_exception=True)
        try:
            made = health_links.ask_partners(
                partnership,
                form.validated_data["partners"],
                request.user,
                form.validated_data.get("days"),
            )
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        body = HealthLinkSerializer(made, many=True, context=context).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("link", OpenApiTypes.INT, OpenApiParameter.PATH)],
        request=None,
        responses={200: HealthLinkSerializer, 409: REFUSED},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"health-links/(?P<link>[0-9]+)/revoke",
        url_name="health-link-revoke",
    )
    def health_link_revoke(
        self, request: Request, pk: str | None = None, link: str = ""
    ) -> Response:
        """Make a link stop working at once (409 when it was used or revoked already)."""
        partnership: Partnership = self.get_object()
        row = get_object_or_404(
            HealthCheckLink.objects.select_related("partner__organisation"),
            pk=row_id(link),
            partnership=partnership,
        )
        try:
            health_links.revoke(row, request.user)
        except ValueError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        context = {"request": request, "now": timezone.now(), "can_edit": True}
        return Response(HealthLinkSerializer(row, context=context).data)
