"""Company self-assessment links through the API: list them, create one for an organisation's
contact (the answer carries the private URL and its expiry), revoke one. Same rules as the
pages: outsiders get 404, read-only roles read without the private URL and get 403 on writes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import require_edit_role
from partnerpath.api.fields import id_field
from partnerpath.api.viewsets import ProgrammeQuery, ProgrammeReadViewSet
from partnerpath.assessments import selfassess
from partnerpath.assessments.api.serializers import InviteCreateSerializer, InviteSerializer
from partnerpath.assessments.models import SelfAssessmentInvite


class InviteQuery(ProgrammeQuery):
    """Filters of the link list."""

    organisation = id_field(required=False, help_text="Links of this organisation.")


@extend_schema_view(list=extend_schema(parameters=[InviteQuery]))
class InviteViewSet(mixins.CreateModelMixin, ProgrammeReadViewSet):
    """Private self-assessment links, newest first; POST creates one, ``revoke/`` stops it."""

    serializer_class = InviteSerializer
    query_serializer_class = InviteQuery
    queryset = SelfAssessmentInvite.objects.select_related("programme", "created_by", "assessment")
    http_method_names = ["get", "post", "head", "options"]

    def filter_records(self, queryset: QuerySet[Any], params: dict[str, Any]) -> QuerySet[Any]:
        if params.get("organisation"):
            queryset = queryset.filter(organisation_id=params["organisation"])
        return queryset.order_by("-created_at", "-id")

    def _fresh(self, link: SelfAssessmentInvite) -> dict[str, Any]:
        return dict(self.get_serializer(self.get_queryset().get(pk=link.pk)).data)

    @extend_schema(request=InviteCreateSerializer, responses={201: InviteSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A new link and its draft assessment on the chosen maturity rubric (``rubric``: a
        packaged or the programme's own; the newest packaged one by default)."""
        data = request.data if isinstance(request.data, Mapping) else {}
        require_edit_role(request, data.get("programme"))
        form = InviteCreateSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        given = form.validated_data
        try:
            link = selfassess.invite(
                given["organisation"],
                request.user,
                given.get("contact"),
                given.get("days"),
                given.get("rubric") or None,
            )
        except ValueError as exc:  # not an active contact of the organisation
            raise ValidationError({"contact": [str(exc)]}) from None
        return Response(self._fresh(link), status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=InviteSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        """The link stops working at once (400 when it was revoked already)."""
        link = self.get_object()
        try:
            selfassess.revoke(link, request.user)
        except ValueError as exc:
            raise ValidationError({"state": [str(exc)]}) from None
        return Response(self._fresh(link))
