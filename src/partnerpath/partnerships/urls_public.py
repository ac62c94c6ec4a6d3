"""The page a partner's point-person opens under /health-check/<token>/: no account, the private
token is the only key, and nothing else of the programme is reachable from it."""

from django.urls import path

from partnerpath.partnerships import views_health

urlpatterns = [
    path("<str:token>/", views_health.partner_health_check, name="partner_health_check"),
]
