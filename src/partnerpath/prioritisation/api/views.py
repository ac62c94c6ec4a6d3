"""Endpoints of prioritisation: score-card templates, opportunities, rounds with their results,
and scores. Same rules as the pages: outsiders see nothing (404); reviewers and viewers read
and cannot manage (403); a round's raters, reviewers included, set and submit their own scores,
and see the others' scores and the results only after submitting. Lists run a fixed number of
queries whatever their length."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.accounts.models import Programme
from partnerpath.api.access import in_my_programmes, memberships_of
from partnerpath.api.pagination import Pagination
from partnerpath.api.viewsets import ProgrammeRecordViewSet
from partnerpath.audit.context import acting_as
from partnerpath.core.scorecard.analysis import analysis_data
from partnerpath.core.scorecard.template_files import default_template
from partnerpath.prioritisation.api.serializers import (
    OpportunitySerializer,
    RoundSerializer,
    RoundWriteSerializer,
    ScorecardTemplateSerializer,
    ScoreSerializer,
    ScoreWriteSerializer,
)
from partnerpath.prioritisation.choices import RoundStatus
from partnerpath.prioritisation.models import (
    Opportunity,
    OpportunityOrganisation,
    RaterSheet,
    Round,
    Score,
    ScorecardTemplateVersion,
)
from partnerpath.prioritisation.services import results, rounds, templates


class ScorecardTemplateViewSet(ProgrammeRecordViewSet):
    """Score-card template versions of your programmes; the default card (4 groups, 15
    factors) is listed for every programme."""

    serializer_class = ScorecardTemplateSerializer
    queryset = ScorecardTemplateVersion.objects.select_related("programme")
    http_method_names = ["get", "head", "options"]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        ids = list(memberships_of(request))
        default = default_template()
        have = set(
            ScorecardTemplateVersion.objects.filter(
                programme_id__in=ids, name=default.name, version=default.version
            ).values_list("programme_id", flat=True)
        )
        for programme in Programme.objects.filter(pk__in=set(ids) - have):
            templates.default_template_version(programme)
        return super().list(request, *args, **kwargs)


class OpportunityViewSet(ProgrammeRecordViewSet):
    """Partnership opportunities with the organisations involved and their roles."""

    serializer_class = OpportunitySerializer
    queryset = Opportunity.objects.select_related("programme").prefetch_related(
        Prefetch("roles", queryset=OpportunityOrganisation.objects.select_related("organisation"))
    )


def _hidden_rounds(user: Any) -> QuerySet[Round]:
    """Open rounds in which the user is a rater who has not submitted (no anchoring)."""
    return Round.objects.filter(
        status=RoundStatus.OPEN, sheets__rater=user, sheets__submitted_at__isnull=True
    )


@extend_schema_view(
    create=extend_schema(
        description="Open a round (team members and admins; 403 for reviewers and viewers).",
        request=RoundWriteSerializer,
        responses={201: RoundSerializer},
    )
)
class RoundViewSet(ProgrammeRecordViewSet):
    """Scoring rounds: team members open one (POST) with its raters and scope, as on the web
    page; `results/` ranks a round, `submit/` submits your own sheet, `close/` closes it."""

    serializer_class = RoundSerializer
    queryset = Round.objects.select_related("programme", "template_version").prefetch_related(
        "opportunities", Prefetch("sheets", queryset=RaterSheet.objects.select_related("rater"))
    )
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self) -> Any:
        return RoundWriteSerializer if self.action == "create" else RoundSerializer

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        """The round ranked: per factor mean and spread, group values, totals, ranks,
        disagreements and sensitivity (403 for a rater who has not submitted yet)."""
        found = self.get_object()
        if not results.may_see_results(found, request.user):
            raise PermissionDenied("Submit your own sheet first; then the results open to you.")
        res = results.round_results(found)
        if res is None:
            return Response({"round": found.name, "rounds": []})
        data = analysis_data(res.analysis)
        data["titles"] = {str(line.pk): line.title for line in res.lines}
        data["raters"] = res.raters
        return Response(data)

    @extend_schema(request=None, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Submit and lock your own sheet (400 with the reason when it cannot be)."""
        found = self.get_object()
        sheet = rounds.sheet_of(found, request.user)
        if sheet is None:
            raise PermissionDenied("You are not a rater of this round.")
        try:
            with acting_as(request.user):
                rounds.submit_sheet(sheet, request.user)
        except rounds.ScoringError as exc:
            raise ValidationError({"sheet": [str(exc)]}) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=found.pk)).data)

    @extend_schema(request=None, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close the round (team members and admins)."""
        found = self.get_object()
        if not memberships_of(request)[found.programme_id].can_edit:
            raise PermissionDenied("Your role in this programme can read but not change records.")
        try:
            with acting_as(request.user):
                rounds.close_round(found, request.user)
        except rounds.ScoringError as exc:
            raise ValidationError({"round": [str(exc)]}) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=found.pk)).data)

    def get_permissions(self) -> Any:
        if self.action in ("submit", "close"):
            return [IsAuthenticated()]  # checked in the action: raters submit, editors close
        return super().get_permissions()


class ScoreViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Any],
):
    """Scores: your own always; the others' only of submitted sheets in rounds you have
    submitted (or do not rate). POST sets one of your own scores while your sheet is open."""

    serializer_class = ScoreSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    lookup_value_regex = "[0-9]+"
    queryset = Score.objects.select_related("sheet").order_by("sheet__round_id", "sheet_id", "id")

    def get_queryset(self) -> QuerySet[Any]:
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset.none()
        user = self.request.user
        queryset = in_my_programmes(queryset, user)
        visible = Q(sheet__rater=user) | (
            Q(sheet__submitted_at__isnull=False) & ~Q(sheet__round__in=_hidden_rounds(user))
        )
        return queryset.filter(visible)

    @extend_schema(request=ScoreWriteSerializer, responses=ScoreSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = ScoreWriteSerializer(data=request.data, context=self.get_serializer_context())
        form.is_valid(raise_exception=True)
        data = form.validated_data
        sheet = rounds.sheet_of(data["round"], request.user)
        if sheet is None:
            raise PermissionDenied("You are not a rater of this round.")
        value = "na" if data["insufficient_information"] else str(data.get("score") or "")
        cell = rounds.Cell(value, data.get("rationale", ""))
        try:
            with acting_as(request.user):
                rounds.save_scores(sheet, data["opportunity"], {data["factor"]: cell})
        except rounds.ScoringError as exc:
            raise ValidationError({"score": [str(exc)]}) from None
        saved = self.get_queryset().get(
            sheet=sheet, opportunity=data["opportunity"], factor=data["factor"]
        )
        return Response(ScoreSerializer(saved).data, status=status.HTTP_201_CREATED)
