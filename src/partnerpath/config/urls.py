"""Top-level URL map."""

from django.contrib import admin
from django.urls import include, path

from partnerpath.registry import views as registry_views

urlpatterns = [
    path("", registry_views.home, name="home"),
    path("accounts/", include("partnerpath.accounts.urls")),
    path("p/<slug:programme>/", include("partnerpath.registry.urls")),
    path("p/<slug:programme>/", include("partnerpath.engagement.urls")),
    path("p/<slug:programme>/screening/", include("partnerpath.screening.urls")),
    path("p/<slug:programme>/diligence/", include("partnerpath.diligence.urls")),
    path("p/<slug:programme>/assessments/", include("partnerpath.assessments.urls")),
    path("self-assessment/", include("partnerpath.assessments.urls_public")),
    path("p/<slug:programme>/prioritisation/", include("partnerpath.prioritisation.urls")),
    path("p/<slug:programme>/partnerships/", include("partnerpath.partnerships.urls")),
    path("health-check/", include("partnerpath.partnerships.urls_public")),
    path("api/v1/", include("partnerpath.api.urls")),
    path("admin/", admin.site.urls),
]
