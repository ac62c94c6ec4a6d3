"""URLs of the diligence app, under /p/<programme>/diligence/."""

from django.urls import path

from partnerpath.diligence import views, views_checklist, views_incidents, views_protocol

app_name = "diligence"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("reference/", views.reference_list, name="reference_list"),
    path("settings/", views.settings_page, name="settings"),
    path("organisations/<int:pk>/", views.organisation_risk, name="organisation_risk"),
    path("organisations/<int:pk>/goods/", views.goods_save, name="goods_save"),
    path(
        "organisations/<int:pk>/checklist/",
        views_checklist.organisation_checklist,
        name="organisation_checklist",
    ),
    path(
        "organisations/<int:pk>/checklist/new/",
        views_checklist.checklist_start,
        name="checklist_start",
    ),
    path("checklists/<int:pk>/", views_checklist.checklist_detail, name="checklist_detail"),
    path(
        "checklists/<int:pk>/questions/<slug:question>/",
        views_checklist.checklist_answer,
        name="checklist_answer",
    ),
    path(
        "checklists/<int:pk>/recompute/",
        views_checklist.checklist_recompute,
        name="checklist_recompute",
    ),
    path(
        "checklists/<int:pk>/sign-off/",
        views_checklist.checklist_sign_off,
        name="checklist_sign_off",
    ),
    path(
        "checklists/<int:pk>/answers/<int:answer_pk>/document/",
        views_checklist.evidence_document,
        name="evidence_document",
    ),
    path("protocol/", views_protocol.protocol_detail, name="protocol_detail"),
    path("protocol/edit/", views_protocol.protocol_edit, name="protocol_edit"),
    path(
        "protocol/contacts/new/",
        views_protocol.protocol_part,
        {"part": "contacts"},
        name="referral_contact_create",
    ),
    path(
        "protocol/contacts/<int:pk>/",
        views_protocol.protocol_part,
        {"part": "contacts"},
        name="referral_contact_edit",
    ),
    path(
        "protocol/contacts/<int:pk>/delete/",
        views_protocol.protocol_part_delete,
        {"part": "contacts"},
        name="referral_contact_delete",
    ),
    path(
        "protocol/steps/new/",
        views_protocol.protocol_part,
        {"part": "steps"},
        name="protocol_step_create",
    ),
    path(
        "protocol/steps/<int:pk>/",
        views_protocol.protocol_part,
        {"part": "steps"},
        name="protocol_step_edit",
    ),
    path(
        "protocol/steps/<int:pk>/delete/",
        views_protocol.protocol_part_delete,
        {"part": "steps"},
        name="protocol_step_delete",
    ),
    path("incidents/", views_incidents.incident_list, name="incident_list"),
    path("incidents/new/", views_incidents.incident_form, name="incident_create"),
    path("incidents/<int:pk>/", views_incidents.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/edit/", views_incidents.incident_form, name="incident_edit"),
    path("incidents/<int:pk>/delete/", views_incidents.incident_delete, name="incident_delete"),
]
