"""API v1 URL map: token sign-in, schema, docs and the resource routers."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from partnerpath.api.auth import ObtainTokenView
from partnerpath.api.programmes import ProgrammeViewSet
from partnerpath.assessments.api import views as assessments
from partnerpath.diligence.api import views as diligence
from partnerpath.engagement.api import views as engagement
from partnerpath.partnerships.api import views as partnerships
from partnerpath.prioritisation.api import views as prioritisation
from partnerpath.registry.api import views as registry
from partnerpath.screening.api import views as screening

app_name = "api"

router = DefaultRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("organisations", registry.OrganisationViewSet, basename="organisation")
router.register(
    "organisation-links", registry.OrganisationLinkViewSet, basename="organisation-link"
)
router.register("key-individuals", registry.KeyIndividualViewSet, basename="key-individual")
router.register("policies", registry.PolicyViewSet, basename="policy")
router.register("sources", registry.SourceViewSet, basename="source")
router.register("contacts", registry.ContactViewSet, basename="contact")
router.register("connections", engagement.ConnectionViewSet, basename="connection")
router.register("interactions", engagement.InteractionViewSet, basename="interaction")
router.register("follow-ups", engagement.FollowUpViewSet, basename="follow-up")
router.register("checklists", diligence.ChecklistViewSet, basename="checklist")
router.register("risk-profiles", diligence.RiskProfileViewSet, basename="risk-profile")
router.register(
    "reference-datasets", diligence.ReferenceDatasetViewSet, basename="reference-dataset"
)
router.register("risk-protocols", diligence.RiskProtocolViewSet, basename="risk-protocol")
router.register("incidents", diligence.IncidentViewSet, basename="incident")
router.register("lists", screening.WatchListViewSet, basename="watch-list")
router.register("screenings", screening.ScreeningViewSet, basename="screening")
router.register("hits", screening.HitViewSet, basename="hit")
router.register("rubrics", assessments.RubricViewSet, basename="rubric")
router.register("assessments", assessments.AssessmentViewSet, basename="assessment")
router.register(
    "programme-rubrics", assessments.ProgrammeRubricViewSet, basename="programme-rubric"
)
router.register("self-assessment-links", assessments.InviteViewSet, basename="self-assessment-link")
router.register(
    "scorecard-templates", prioritisation.ScorecardTemplateViewSet, basename="scorecard-template"
)
router.register("opportunities", prioritisation.OpportunityViewSet, basename="opportunity")
router.register("rounds", prioritisation.RoundViewSet, basename="round")
router.register("scores", prioritisation.ScoreViewSet, basename="score")
router.register(
    "weight-decisions", prioritisation.WeightDecisionViewSet, basename="weight-decision"
)
router.register("partnerships", partnerships.PartnershipViewSet, basename="partnership")
router.register("partners", partnerships.PartnerViewSet, basename="partner")
router.register("concerns", partnerships.ConcernViewSet, basename="concern")
router.register("health-checks", partnerships.HealthCheckViewSet, basename="health-check")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
