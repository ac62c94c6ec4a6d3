"""URLs of the prioritisation app, under /p/<programme>/prioritisation/."""

from django.urls import path

from partnerpath.prioritisation import views, views_files, views_rounds

app_name = "prioritisation"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("opportunities/new/", views.opportunity_create, name="opportunity_create"),
    path("opportunities/<int:pk>/edit/", views.opportunity_edit, name="opportunity_edit"),
    path("opportunities/<int:pk>/select/", views.opportunity_select, name="opportunity_select"),
    path("pipeline/", views.pipeline, name="pipeline"),
    path("weights/", views.weight_list, name="weight_list"),
    path("templates/tailor/", views.template_tailor, name="template_tailor"),
    path("weights/direct/", views.weight_direct, name="weight_direct"),
    path("weights/ahp/", views.weight_ahp, name="weight_ahp"),
    path("rounds/new/", views_rounds.round_create, name="round_create"),
    path("rounds/compare/", views_rounds.round_compare, name="round_compare"),
    path("rounds/<int:pk>/", views_rounds.round_detail, name="round_detail"),
    path("rounds/<int:pk>/close/", views_rounds.round_close, name="round_close"),
    path("rounds/<int:pk>/sheet/", views_rounds.sheet, name="sheet"),
    path("rounds/<int:pk>/sheet/submit/", views_rounds.sheet_submit, name="sheet_submit"),
    path(
        "rounds/<int:pk>/sheet/<int:opportunity>/",
        views_rounds.sheet_opportunity,
        name="sheet_opportunity",
    ),
    path("rounds/<int:pk>/sheet/export/", views_files.sheet_export, name="sheet_export"),
    path("rounds/<int:pk>/sheet/import/", views_files.sheet_import, name="sheet_import"),
    path("rounds/<int:pk>/results/", views_rounds.round_results, name="round_results"),
    path("rounds/<int:pk>/results/export/", views_files.results_export, name="results_export"),
]
