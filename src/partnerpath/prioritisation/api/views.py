"""Endpoints of prioritisation: score-card templates, opportunities, weights agreed on record,
rounds with their results, and scores. Same rules as the pages: outsiders see nothing (404);
reviewers and viewers read and cannot manage (403); a round's raters, reviewers included, set and
submit their own scores, and see the others' scores and the results only after submitting; team
members submit for offline raters; the round's lead, admins and PSE leads close it. Lists run a
fixed number of queries whatever their length."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from partnerpath.api.access import in_my_programmes, memberships_of
from partnerpath.api.pagination import Pagination
from partnerpath.api.viewsets import ProgrammeReadViewSet, ProgrammeRecordViewSet
from partnerpath.audit.context import acting_as
from partnerpath.core.scorecard.analysis import analysis_data
from partnerpath.core.scorecard.template_files import default_template
from partnerpath.prioritisation.api.serializers import (
    OpportunitySerializer,
    RoundSerializer,
    RoundWeightsSerializer,
    RoundWriteSerializer,
    ScorecardTemplateSerializer,
    ScoreSerializer,
    ScoreWriteSerializer,
    SubmitSerializer,
    WeightDecisionSerializer,
)
from partnerpath.prioritisation.choices import RoundStatus
from partnerpath.prioritisation.models import (
    Opportunity,
    OpportunityOrganisation,
    RaterSheet,
    Round,
    Score,
    ScorecardTemplateVersion,
    WeightDecision,
)
from partnerpath.prioritisation.services import opportunities, results, rounds, templates


class Conflict(APIException):
    """The record is in use and stays as it is (409); the detail says what to do instead."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The record is in use."
    default_code = "conflict"


class ScorecardTemplateViewSet(ProgrammeRecordViewSet):
    """Score-card template versions of your programmes; the default card (4 groups, 15
    factors) is listed for every programme. Reading stores nothing: every programme stores the
    default card when it is created; one that has not (for some reason) sees the packaged one,
    without an id."""

    serializer_class = ScorecardTemplateSerializer
    queryset = ScorecardTemplateVersion.objects.select_related("programme")
    http_method_names = ["get", "head", "options"]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        stored = list(self.filter_queryset(self.get_queryset()))
        default = default_template()
        have = {
            v.programme_id for v in stored if (v.name, v.version) == (default.name, default.version)
        }
        slug = request.query_params.get("programme", "")  # validated by filter_queryset
        unused = [
            templates.packaged_default(m.programme)
            for m in memberships_of(request).values()
            if m.programme_id not in have and (not slug or m.programme.slug == slug)
        ]
        rows = sorted(stored + unused, key=lambda v: (v.name, -v.version, v.programme_id))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class OpportunityViewSet(ProgrammeRecordViewSet):
    """Partnership opportunities with the organisations involved and their roles. One that was
    put in a round cannot be deleted (409): drop or park it instead."""

    serializer_class = OpportunitySerializer
    queryset = Opportunity.objects.select_related("programme").prefetch_related(
        Prefetch("roles", queryset=OpportunityOrganisation.objects.select_related("organisation"))
    )

    @extend_schema(
        responses={
            204: None,
            409: OpenApiResponse(description="In a round or a partnership: drop or park it."),
        }
    )
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Delete an opportunity never put in a round (409 with the reason otherwise)."""
        return super().destroy(request, *args, **kwargs)

    def perform_destroy(self, instance: Any) -> None:
        try:
            with acting_as(self.request.user):
                opportunities.delete_opportunity(instance)
        except opportunities.InUse as exc:
            raise Conflict(str(exc)) from None


class WeightDecisionViewSet(ProgrammeReadViewSet):
    """Weights agreed on record in your programmes: who agreed them, when, why, how (entered
    directly or by pairwise comparisons, with the consistency ratios), and the rounds using
    them. Read-only: weights are agreed on the web page."""

    serializer_class = WeightDecisionSerializer
    queryset = WeightDecision.objects.select_related(
        "programme", "template_version", "agreed_by"
    ).prefetch_related("rounds")


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
    page; `results/` ranks a round, `weights/` shows the weights it is ranked with, `submit/`
    submits your own sheet (or an offline rater's), `close/` closes it (its lead)."""

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

    @extend_schema(responses=RoundWeightsSerializer)
    @action(detail=True, methods=["get"])
    def weights(self, request: Request, pk: str | None = None) -> Response:
        """The weights the round is ranked with: the decision agreed on record (who, when, why,
        how, consistency ratio), or its template's default weights."""
        found = self.get_object()
        used = found.weights()
        data = {
            "round": found.pk,
            "template_id": found.template_version.template_id,
            "method": used.method,
            "group_weights": dict(used.groups),
            "factor_weights": dict(used.factors),
            "weight_decision": found.weight_decision,
        }
        return Response(RoundWeightsSerializer(data, context=self.get_serializer_context()).data)

    @extend_schema(request=SubmitSerializer, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Submit and lock your own sheet, or with `rater` (team members who do not rate the
        open round themselves, or have submitted) an offline rater's sheet; who submitted is
        recorded. 400 with the reason when it cannot be."""
        found = self.get_object()
        form = SubmitSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        rater = form.validated_data.get("rater", request.user.pk)
        sheet = RaterSheet.objects.filter(round=found, rater_id=rater).first()
        if sheet is None and rater == request.user.pk:
            raise PermissionDenied("You are not a rater of this round.")
        if sheet is None:
            raise NotFound("No such rater in this round.")
        try:
            with acting_as(request.user):
                rounds.submit_sheet(sheet, request.user)
        except rounds.NotAllowed as exc:
            raise PermissionDenied(str(exc)) from None
        except rounds.ScoringError as exc:
            raise ValidationError({"sheet": [str(exc)]}) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=found.pk)).data)

    @extend_schema(request=None, responses=RoundSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close the round: its lead (the team member who opened it), admins and PSE leads."""
        found = self.get_object()
        try:
            with acting_as(request.user):
                rounds.close_round(found, request.user)
        except rounds.NotAllowed as exc:
            raise PermissionDenied(str(exc)) from None
        except rounds.ScoringError as exc:
            raise ValidationError({"round": [str(exc)]}) from None
        return Response(self.get_serializer(self.get_queryset().get(pk=found.pk)).data)

    def get_permissions(self) -> Any:
        if self.action in ("submit", "close"):
            return [IsAuthenticated()]  # checked by the service: raters submit, leads close
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
        value: str | None = None  # neither sent: the saved score or abstention stays
        if data.get("insufficient_information"):
            value = rounds.ABSTAIN
        elif "score" in data or "insufficient_information" in data:
            value = str(data.get("score") or "")
        cell = rounds.Cell(value, data.get("rationale"))  # None: the saved rationale stays
        try:
            with acting_as(request.user):
                rounds.save_scores(sheet, data["opportunity"], {data["factor"]: cell})
        except rounds.ScoringError as exc:
            raise ValidationError({"score": [str(exc)]}) from None
        saved = self.get_queryset().get(
            sheet=sheet, opportunity=data["opportunity"], factor=data["factor"]
        )
        return Response(ScoreSerializer(saved).data, status=status.HTTP_201_CREATED)
