"""URLs of the partnerships app, under /p/<programme>/partnerships/."""

from django.urls import path

from partnerpath.partnerships import (
    views,
    views_agreement,
    views_files,
    views_health,
    views_stage,
    views_trust,
)

app_name = "partnerships"

P = "<int:pk>/"

urlpatterns = [
    # The board, creating partnerships (views.py), the programme's gates (views_stage.py)
    path("", views.board, name="board"),
    path("new/", views.partnership_create, name="partnership_create"),
    path(
        "from-opportunity/<int:opportunity>/",
        views.create_from_opportunity,
        name="create_from_opportunity",
    ),
    path("gates/", views_stage.gate_settings, name="gate_settings"),
    # One partnership: record and partners (views.py), type and stages (views_stage.py)
    path(P, views.detail, name="detail"),
    path(P + "edit/", views.partnership_edit, name="partnership_edit"),
    path(P + "partners/add/", views.partner_add, name="partner_add"),
    path(P + "partners/<int:partner>/edit/", views.partner_edit, name="partner_edit"),
    path(P + "partners/<int:partner>/remove/", views.partner_remove, name="partner_remove"),
    path(P + "type/", views_stage.type_advisor, name="type_advisor"),
    path(P + "advance/", views_stage.advance, name="advance"),
    # Trust work (views_trust.py)
    path(P + "concerns/", views_trust.concerns, name="concerns"),
    path(P + "concerns/<int:concern>/", views_trust.concern_edit, name="concern_edit"),
    path(P + "buy-in/", views_trust.buy_in, name="buy_in"),
    path(P + "meetings/", views_trust.meetings, name="meetings"),
    path(P + "meetings/new/", views_trust.meeting_create, name="meeting_create"),
    path(P + "meetings/<int:meeting>/", views_trust.meeting_detail, name="meeting_detail"),
    # Agreement and governance (views_agreement.py)
    path(P + "agreement/", views_agreement.agreement, name="agreement"),
    path(P + "agreement/edit/", views_agreement.agreement_edit, name="agreement_edit"),
    path(P + "agreement/amend/", views_agreement.agreement_amend, name="agreement_amend"),
    path(
        P + "agreement/versions/<int:version>/",
        views_agreement.agreement_version,
        name="agreement_version",
    ),
    path(P + "agreement/document/", views_agreement.agreement_document, name="agreement_document"),
    path(P + "contributions/", views_agreement.contributions, name="contributions"),
    path(
        P + "contributions/<int:contribution>/remove/",
        views_agreement.contribution_remove,
        name="contribution_remove",
    ),
    path(P + "indicators/", views_agreement.indicators, name="indicators"),
    path(
        P + "indicators/<int:indicator>/remove/",
        views_agreement.indicator_remove,
        name="indicator_remove",
    ),
    # Health checks (views_health.py)
    path(P + "health/", views_health.health, name="health"),
    path(P + "health/new/", views_health.health_check_create, name="health_check_create"),
    path(P + "health/ask/", views_health.health_ask, name="health_ask"),
    path(
        P + "health/links/<int:link>/revoke/",
        views_health.health_link_revoke,
        name="health_link_revoke",
    ),
    path(P + "health/<int:check>/", views_health.health_check_detail, name="health_check_detail"),
    # Timeline, exports and the printable summary (views_files.py)
    path(P + "timeline/", views_files.timeline, name="timeline"),
    path(P + "timeline/export/", views_files.timeline_export, name="timeline_export"),
    path(P + "summary/", views_files.summary, name="summary"),
    path("export/", views_files.partnerships_export, name="partnerships_export"),
]
