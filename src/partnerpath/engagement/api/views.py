"""Endpoints of the engagement log: connections, interactions (with follow-ups) and follow-ups.
Every list runs a fixed number of queries, whatever its length."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.fields import id_field
from partnerpath.api.viewsets import ProgrammeQuery, ProgrammeRecordViewSet, yes_no_field
from partnerpath.audit.context import acting_as
from partnerpath.engagement.api.serializers import (
    ConnectionSerializer,
    FollowUpSerializer,
    InteractionSerializer,
)
from partnerpath.engagement.choices import ConnectionKind, InteractionKind
from partnerpath.engagement.models import Connection, FollowUp, Interaction
from partnerpath.engagement.services import (
    InteractionFilter,
    InteractionKept,
    delete_interaction,
    filter_interactions,
)


class ConnectionQuery(ProgrammeQuery):
    """Filters of the connection list."""

    kind = serializers.ChoiceField(choices=ConnectionKind.choices, required=False)
    contact = id_field(required=False, help_text="Connections of this contact (either side).")
    user = id_field(required=False, help_text="Connections of this team member (either side).")


class InteractionQuery(ProgrammeQuery):
    """Filters of the engagement log (the web list's filters)."""

    search = serializers.CharField(
        required=False,
        max_length=200,
        help_text="Part of the title, summary or an organisation's name.",
    )
    kind = serializers.ChoiceField(choices=InteractionKind.choices, required=False)
    organisation = id_field(
        required=False, help_text="Interactions with this organisation (its id)."
    )

    def get_fields(self) -> dict[str, serializers.Field[Any, Any, Any, Any]]:
        fields = super().get_fields()
        # `from` is a Python keyword, so these two are added here rather than declared.
        fields["from"] = serializers.DateField(required=False, help_text="On or after YYYY-MM-DD.")
        fields["to"] = serializers.DateField(required=False, help_text="On or before YYYY-MM-DD.")
        return fields


class FollowUpQuery(ProgrammeQuery):
    """Filters of the follow-up list."""

    open = yes_no_field("yes: not done yet; no: done.")
    owner = id_field(required=False, help_text="Owner's user id.")
    interaction = id_field(required=False)


@extend_schema_view(list=extend_schema(parameters=[ConnectionQuery]))
class ConnectionViewSet(ProgrammeRecordViewSet):
    """Who knows whom: team members and contacts (the basis of warm introductions)."""

    serializer_class = ConnectionSerializer
    query_serializer_class = ConnectionQuery
    queryset = Connection.objects.select_related(
        "programme",
        "from_user",
        "to_user",
        "from_contact__organisation",
        "to_contact__organisation",
    )

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("kind"):
            queryset = queryset.filter(kind=params["kind"])
        if params.get("contact"):
            pk = params["contact"]
            queryset = queryset.filter(Q(from_contact_id=pk) | Q(to_contact_id=pk))
        if params.get("user"):
            pk = params["user"]
            queryset = queryset.filter(Q(from_user_id=pk) | Q(to_user_id=pk))
        return queryset


@extend_schema_view(list=extend_schema(parameters=[InteractionQuery]))
class InteractionViewSet(ProgrammeRecordViewSet):
    """The engagement log, newest first, with follow-up actions nested (and writable)."""

    serializer_class = InteractionSerializer
    query_serializer_class = InteractionQuery
    queryset = (
        Interaction.objects.select_related("programme")
        .prefetch_related("organisations", "contacts", "team", "follow_ups")
        .order_by("-occurred_on", "-id")
    )

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        flt = InteractionFilter(
            search=params.get("search") or "",
            kind=params.get("kind") or "",
            organisation=params.get("organisation"),
            date_from=params.get("from"),
            date_to=params.get("to"),
        )
        return filter_interactions(queryset, flt)

    @extend_schema(
        responses={204: None, 409: OpenApiResponse(description="A partnership's meeting.")}
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete an interaction; a partnership's meeting is kept (409, with the reason)."""
        interaction = self.get_object()
        try:
            with transaction.atomic(), acting_as(request.user):
                delete_interaction(interaction)
        except InteractionKept as kept:
            return Response({"detail": str(kept)}, status=status.HTTP_409_CONFLICT)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(list=extend_schema(parameters=[FollowUpQuery]))
class FollowUpViewSet(ProgrammeRecordViewSet):
    """Follow-up actions on their own: list open ones, tick them done (PATCH `done_on`)."""

    serializer_class = FollowUpSerializer
    query_serializer_class = FollowUpQuery
    queryset = FollowUp.objects.select_related("programme")

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("open") == "yes":
            queryset = queryset.filter(done_on__isnull=True)
        elif params.get("open") == "no":
            queryset = queryset.filter(done_on__isnull=False)
        if params.get("owner"):
            queryset = queryset.filter(owner_id=params["owner"])
        if params.get("interaction"):
            queryset = queryset.filter(interaction_id=params["interaction"])
        return queryset
