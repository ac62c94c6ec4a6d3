"""URLs of the registry, under /p/<programme>/."""

from django.urls import path

from partnerpath.registry import views, views_contacts, views_history, views_import

app_name = "registry"

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/delete/", views.organisation_delete, name="organisation_delete"),
    path("organisations/<int:pk>/merge/", views.organisation_merge, name="organisation_merge"),
    path("organisations/<int:pk>/links/", views.link_add, name="link_add"),
    path(
        "organisations/<int:pk>/links/<int:link_pk>/delete/", views.link_delete, name="link_delete"
    ),
    path(
        "organisations/<int:pk>/key-individuals/new/",
        views.key_individual_form,
        name="key_individual_create",
    ),
    path(
        "organisations/<int:pk>/key-individuals/<int:child_pk>/",
        views.key_individual_form,
        name="key_individual_edit",
    ),
    path("organisations/<int:pk>/policies/new/", views.policy_form, name="policy_create"),
    path("organisations/<int:pk>/policies/<int:child_pk>/", views.policy_form, name="policy_edit"),
    path("organisations/<int:pk>/sources/new/", views.source_form, name="source_create"),
    path("organisations/<int:pk>/sources/<int:child_pk>/", views.source_form, name="source_edit"),
    path(
        "organisations/<int:pk>/sources/<int:child_pk>/document/",
        views.source_document,
        name="source_document",
    ),
    path(
        "organisations/<int:pk>/<str:kind>/<int:child_pk>/delete/",
        views.child_delete,
        name="child_delete",
    ),
    path("import/", views_import.import_upload, name="import_upload"),
    path(
        "import/template/<slug:kind>.<slug:fmt>",
        views_import.import_template,
        name="import_template",
    ),
    path("import/<int:pk>/", views_import.import_preview, name="import_preview"),
    path("import/<int:pk>/commit/", views_import.import_commit, name="import_commit"),
    path("import/<int:pk>/result/", views_import.import_result, name="import_result"),
    path("history/", views_history.history_page, name="history"),
    path("contacts/", views_contacts.contact_list, name="contact_list"),
    path("contacts/new/", views_contacts.contact_form, name="contact_create"),
    path("contacts/<int:pk>/", views_contacts.contact_detail, name="contact_detail"),
    path("contacts/<int:pk>/edit/", views_contacts.contact_form, name="contact_edit"),
    path("contacts/<int:pk>/delete/", views_contacts.contact_delete, name="contact_delete"),
]
