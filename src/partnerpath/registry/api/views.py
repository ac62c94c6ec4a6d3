"""Endpoints of the registry: organisations, contacts, key individuals, policies, sources and
links between organisations. Every list runs a fixed number of queries, whatever its length."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import memberships_of
from partnerpath.api.fields import CountryCodeField, id_field
from partnerpath.api.viewsets import ProgrammeQuery, ProgrammeRecordViewSet, yes_no_field
from partnerpath.audit.context import acting_as
from partnerpath.downloads import attachment_response
from partnerpath.registry import deletion, services
from partnerpath.registry.api.serializers import (
    ContactSerializer,
    KeyIndividualSerializer,
    OrganisationLinkSerializer,
    OrganisationSerializer,
    PolicySerializer,
    SourceSerializer,
)
from partnerpath.registry.choices import Department, LinkKind, OrganisationKind, Sector
from partnerpath.registry.models import (
    Contact,
    KeyIndividual,
    Organisation,
    OrganisationLink,
    Policy,
    Source,
)


class OrganisationQuery(ProgrammeQuery):
    """Filters of the organisation list (the web list's filters)."""

    search = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Part of the name, a registration number or an LEI.",
    )
    kind = serializers.ChoiceField(choices=OrganisationKind.choices, required=False)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    country = CountryCodeField(
        required=False, help_text="Headquartered, operating or sourcing in this country (ISO code)."
    )
    active = yes_no_field("yes: active organisations only; no: inactive only.")


class OrganisationScopedQuery(ProgrammeQuery):
    """Filters of lists of records that belong to one organisation."""

    organisation = id_field(required=False, help_text="Only records of this organisation (its id).")


class ContactQuery(OrganisationScopedQuery):
    """Filters of the contact list."""

    search = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Part of the name, e-mail, job title or organisation.",
    )
    department = serializers.ChoiceField(choices=Department.choices, required=False)
    champion = yes_no_field("yes: champions only.")


class LinkQuery(OrganisationScopedQuery):
    """Filters of the list of links (organisation: either end)."""

    kind = serializers.ChoiceField(choices=LinkKind.choices, required=False)


_LINKS = OrganisationLink.objects.select_related(
    "programme", "from_organisation", "to_organisation"
)


def _by_organisation(queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
    if params.get("organisation"):
        queryset = queryset.filter(organisation_id=params["organisation"])
    return queryset


@extend_schema_view(list=extend_schema(parameters=[OrganisationQuery]))
class OrganisationViewSet(ProgrammeRecordViewSet):
    """Organisations with their profile, key individuals, policies, sources and links."""

    serializer_class = OrganisationSerializer
    query_serializer_class = OrganisationQuery
    queryset = Organisation.objects.select_related("programme").prefetch_related(
        Prefetch("key_individuals", queryset=KeyIndividual.objects.select_related("programme")),
        Prefetch("policies", queryset=Policy.objects.select_related("programme")),
        Prefetch("sources", queryset=Source.objects.select_related("programme")),
        Prefetch("links_out", queryset=_LINKS),
        Prefetch("links_in", queryset=_LINKS),
    )

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        return services.filter_organisations(queryset, services.OrganisationFilter(**params))

    @extend_schema(
        responses={
            204: None,
            409: OpenApiResponse(
                description="Not deleted: a partnership names it, or it has incident notes; "
                "`detail` says which and what to do."
            ),
        }
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete an organisation with its contacts, key individuals, policies, sources, links,
        checklists, hits and assessments (each in the history); 409 with the reason when a
        partnership names it or it has incident notes."""
        org = self.get_object()
        membership = memberships_of(request)[org.programme_id]
        try:
            with acting_as(request.user):
                deletion.delete_organisation(org, membership)
        except deletion.DeletionRefused as refused:
            return Response({"detail": str(refused)}, status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(list=extend_schema(parameters=[ContactQuery]))
class ContactViewSet(ProgrammeRecordViewSet):
    """People at organisations whom the programme talks to."""

    serializer_class = ContactSerializer
    query_serializer_class = ContactQuery
    queryset = Contact.objects.select_related("programme", "organisation")

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        params["organisation"] = str(params.get("organisation") or "")
        return services.filter_contacts(queryset, services.ContactFilter(**params))


@extend_schema_view(list=extend_schema(parameters=[OrganisationScopedQuery]))
class KeyIndividualViewSet(ProgrammeRecordViewSet):
    """People who own, direct or run organisations."""

    serializer_class = KeyIndividualSerializer
    query_serializer_class = OrganisationScopedQuery
    queryset = KeyIndividual.objects.select_related("programme")

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        return _by_organisation(queryset, params)


@extend_schema_view(list=extend_schema(parameters=[OrganisationScopedQuery]))
class PolicyViewSet(ProgrammeRecordViewSet):
    """Human-rights policies, codes of conduct, modern slavery statements."""

    serializer_class = PolicySerializer
    query_serializer_class = OrganisationScopedQuery
    queryset = Policy.objects.select_related("programme")

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        return _by_organisation(queryset, params)


@extend_schema_view(list=extend_schema(parameters=[OrganisationScopedQuery]))
class SourceViewSet(ProgrammeRecordViewSet):
    """Sources of facts: web pages (JSON) or uploaded documents (multipart form data)."""

    serializer_class = SourceSerializer
    query_serializer_class = OrganisationScopedQuery
    queryset = Source.objects.select_related("programme")

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        return _by_organisation(queryset, params)

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            404: OpenApiResponse(description="No such source, or it has no document."),
        }
    )
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: str | None = None) -> FileResponse:
        """Download the source's uploaded document."""
        return attachment_response(self.get_object().document, "This source has no document.")


@extend_schema_view(list=extend_schema(parameters=[LinkQuery]))
class OrganisationLinkViewSet(ProgrammeRecordViewSet):
    """Ownership and other ties between organisations; only the note changes after creation."""

    serializer_class = OrganisationLinkSerializer
    query_serializer_class = LinkQuery
    queryset = _LINKS

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        org = params.get("organisation")
        if org:
            queryset = queryset.filter(Q(from_organisation_id=org) | Q(to_organisation_id=org))
        return queryset
