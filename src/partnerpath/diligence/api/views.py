"""Endpoints of due diligence: checklists (with sign-off), computed risk profiles, reference data
versions, the risk protocol and incident notes (only for the roles allowed to read them). Every
list runs a fixed number of queries, whatever its length."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import memberships_of, require_edit_role
from partnerpath.api.fields import id_field
from partnerpath.api.pagination import Pagination
from partnerpath.api.viewsets import ProgrammeQuery, ProgrammeRecordViewSet, yes_no_field
from partnerpath.diligence import services
from partnerpath.diligence.api.profiles import (
    OrganisationProfile,
    ReferenceDatasetSerializer,
    RiskProfileSerializer,
)
from partnerpath.diligence.api.serializers import (
    ChecklistSerializer,
    IncidentSerializer,
    RiskProtocolSerializer,
    SignOffSerializer,
)
from partnerpath.diligence.choices import IncidentKind, IncidentStatus, Rating, ReferenceKind
from partnerpath.diligence.models import (
    Checklist,
    IncidentNote,
    ProtocolStep,
    ReferenceDataset,
    ReferralContact,
    RiskProtocol,
)
from partnerpath.registry.models import Organisation


class OrganisationQuery(ProgrammeQuery):
    """Filters of lists of records about organisations."""

    organisation = id_field(required=False, help_text="Only records of this organisation (its id).")


class ChecklistQuery(OrganisationQuery):
    """Filters of the checklist list."""

    rating = serializers.ChoiceField(choices=Rating.choices, required=False)
    current = yes_no_field("yes: each organisation's newest checklist; no: replaced ones.")


class IncidentQuery(OrganisationQuery):
    """Filters of the incident list."""

    kind = serializers.ChoiceField(choices=IncidentKind.choices, required=False)
    status = serializers.ChoiceField(choices=IncidentStatus.choices, required=False)


class ReferenceQuery(serializers.Serializer[Any]):
    """Filters of the reference data list."""

    kind = serializers.ChoiceField(choices=ReferenceKind.choices, required=False)


def _by_organisation(queryset: QuerySet[Any], params: Mapping[str, Any]) -> QuerySet[Any]:
    if params.get("organisation"):
        queryset = queryset.filter(organisation_id=params["organisation"])
    return queryset


@extend_schema_view(list=extend_schema(parameters=[ChecklistQuery]))
class ChecklistViewSet(ProgrammeRecordViewSet):
    """Due-diligence checklists: POST starts one for an organisation, PATCH records `answers`,
    `sign-off/` is the second person's confirmation, `recompute/` re-rates an open checklist."""

    serializer_class = ChecklistSerializer
    query_serializer_class = ChecklistQuery
    queryset = services.with_answers(Checklist.objects.all())
    http_method_names = ["get", "post", "patch", "head", "options"]

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        queryset = _by_organisation(queryset, params)
        if params.get("rating"):
            queryset = queryset.filter(rating=params["rating"])
        if params.get("current"):
            queryset = queryset.filter(superseded_on__isnull=params["current"] == "yes")
        return queryset

    def _fresh(self, checklist: Checklist) -> Response:
        fresh = services.with_answers(Checklist.objects.filter(pk=checklist.pk)).get()
        return Response(self.get_serializer(fresh).data)

    @extend_schema(
        responses={
            201: ChecklistSerializer,
            409: OpenApiResponse(description="A checklist of that organisation is in progress."),
        }
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Start a checklist; 409 with the open one's id when one is still in progress (PATCH
        that one instead: nothing was written)."""
        data = request.data if isinstance(request.data, Mapping) else {}
        require_edit_role(request, data.get("programme"))
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        org = serializer.validated_data["organisation"]
        latest = services.latest_checklist(org)
        if latest is not None and latest.signed_off_at is None and latest.superseded_on is None:
            return Response(
                {
                    "detail": f"{org} has a checklist in progress (id {latest.pk}): change that "
                    "one with PATCH; nothing was written.",
                    "id": latest.pk,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return super().create(request, *args, **kwargs)

    @extend_schema(request=SignOffSerializer, responses=ChecklistSerializer)
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request: Request, pk: str | None = None) -> Response:
        """Sign the checklist off as a second person (400 with the reasons when not possible)."""
        checklist = self.get_object()
        form = SignOffSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            services.sign_off(checklist, request.user, form.validated_data.get("note", ""))
        except services.SignOffRefused as exc:
            raise ValidationError({"sign_off": exc.problems}) from None
        return self._fresh(checklist)

    @extend_schema(request=None, responses=ChecklistSerializer)
    @action(detail=True, methods=["post"])
    def recompute(self, request: Request, pk: str | None = None) -> Response:
        """Re-rate an open checklist on the organisation's current inherent risk."""
        checklist = self.get_object()
        try:
            services.recompute(checklist, request.user)
        except services.ChecklistLocked as exc:
            raise ValidationError({"checklist": [str(exc)]}) from None
        return self._fresh(checklist)


@extend_schema_view(
    list=extend_schema(parameters=[OrganisationQuery], responses=RiskProfileSerializer(many=True)),
    retrieve=extend_schema(responses=RiskProfileSerializer),
)
class RiskProfileViewSet(ProgrammeRecordViewSet):
    """Each organisation's inherent-risk profile, computed on the reference data in force; the
    id is the organisation's."""

    serializer_class = RiskProfileSerializer
    query_serializer_class = OrganisationQuery
    queryset = Organisation.objects.select_related("programme", "diligence_goods").order_by(
        "name", "id"
    )
    http_method_names = ["get", "head", "options"]

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("organisation"):
            queryset = queryset.filter(pk=params["organisation"])
        return queryset

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = list(page) if page is not None else []
        profiles = services.profiles_of(rows)
        items = [OrganisationProfile(o, profiles[o.pk]) for o in rows]
        return self.get_paginated_response(RiskProfileSerializer(items, many=True).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        organisation = self.get_object()
        item = OrganisationProfile(organisation, services.profile_of(organisation))
        return Response(RiskProfileSerializer(item).data)


@extend_schema_view(list=extend_schema(parameters=[ReferenceQuery]))
class ReferenceDatasetViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    """Reference data versions (shared by every programme), newest first."""

    serializer_class = ReferenceDatasetSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    query_serializer_class = ReferenceQuery
    queryset = ReferenceDataset.objects.all()
    lookup_value_regex = "[0-9]+"

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.action != "list":
            return queryset
        query = ReferenceQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        kind = query.validated_data.get("kind")
        return queryset.filter(kind=kind) if kind else queryset


@extend_schema_view(list=extend_schema(parameters=[ProgrammeQuery]))
class RiskProtocolViewSet(ProgrammeRecordViewSet):
    """Each programme's risk protocol and Do No Harm commitments, contacts and steps."""

    serializer_class = RiskProtocolSerializer
    queryset = RiskProtocol.objects.select_related("programme").prefetch_related(
        Prefetch("contacts", queryset=ReferralContact.objects.all()),
        Prefetch("steps", queryset=ProtocolStep.objects.all()),
    )


@extend_schema_view(list=extend_schema(parameters=[IncidentQuery]))
class IncidentViewSet(ProgrammeRecordViewSet):
    """Incident notes. Only roles allowed to read them in a programme see that programme's notes;
    for everyone else they do not exist (404, never listed or counted)."""

    serializer_class = IncidentSerializer
    query_serializer_class = IncidentQuery
    queryset = IncidentNote.objects.select_related("programme", "organisation", "referred_to")

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset
        return queryset.filter(programme_id__in=services.readable_programme_ids(self.request.user))

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        queryset = _by_organisation(queryset, params)
        for name in ("kind", "status"):
            if params.get(name):
                queryset = queryset.filter(**{name: params[name]})
        return queryset

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = request.data if isinstance(request.data, Mapping) else {}
        for membership in memberships_of(request).values():
            if membership.programme.slug == data.get(
                "programme"
            ) and not services.may_read_incidents(membership):
                raise NotFound()  # for roles without the right, incident notes do not exist
        return super().create(request, *args, **kwargs)
