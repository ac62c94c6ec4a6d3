"""API v1 URL map: token sign-in, schema, docs and the resource routers."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from partnerpath.api.auth import ObtainTokenView
from partnerpath.api.programmes import ProgrammeViewSet
from partnerpath.engagement.api import views as engagement
from partnerpath.registry.api import views as registry

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

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
