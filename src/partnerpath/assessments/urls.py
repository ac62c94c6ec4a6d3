"""URLs of the assessments app, under /p/<programme>/assessments/."""

from django.urls import path

from partnerpath.assessments import (
    views,
    views_export,
    views_portfolio,
    views_pse,
    views_rubrics,
    views_self,
)

app_name = "assessments"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("pyramid/", views_portfolio.pyramid, name="pyramid"),
    path("pse/", views_pse.pse_overview, name="pse_overview"),
    path("pse/new/", views_pse.pse_start, name="pse_start"),
    path("rubrics/", views_rubrics.rubric_list, name="rubric_list"),
    path("rubrics/clone/", views_rubrics.rubric_clone, name="rubric_clone"),
    path("rubrics/<int:pk>/", views_rubrics.rubric_detail, name="rubric_detail"),
    path("rubrics/<int:pk>/edit/", views_rubrics.rubric_edit, name="rubric_edit"),
    path(
        "organisations/<int:pk>/",
        views.organisation_assessments,
        name="organisation_assessments",
    ),
    path("organisations/<int:pk>/new/", views.assessment_start, name="assessment_start"),
    path("organisations/<int:pk>/invite/", views_self.invite_create, name="invite_create"),
    path("invites/<int:pk>/revoke/", views_self.invite_revoke, name="invite_revoke"),
    path("<int:pk>/review/", views_self.assessment_review, name="assessment_review"),
    path("<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("<int:pk>/answers/", views.assessment_answer, name="assessment_answer"),
    path("<int:pk>/finalise/", views.assessment_finalise, name="assessment_finalise"),
    path("<int:pk>/print/", views_export.assessment_print, name="assessment_print"),
    path("<int:pk>/export.xlsx", views_export.assessment_export, name="assessment_export"),
    path(
        "<int:pk>/answers/<int:answer_pk>/document/",
        views.evidence_document,
        name="evidence_document",
    ),
]
