"""URLs of the engagement log, under /p/<programme>/."""

from django.urls import path

from partnerpath.engagement import views

app_name = "engagement"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("interactions/", views.interaction_list, name="interaction_list"),
    path("interactions/new/", views.interaction_form, name="interaction_create"),
    path("interactions/<int:pk>/", views.interaction_detail, name="interaction_detail"),
    path("interactions/<int:pk>/edit/", views.interaction_form, name="interaction_edit"),
    path("interactions/<int:pk>/delete/", views.interaction_delete, name="interaction_delete"),
    path("follow-ups/<int:pk>/done/", views.follow_up_toggle, name="follow_up_toggle"),
    path("connections/", views.connection_list, name="connection_list"),
    path("connections/<int:pk>/delete/", views.connection_delete, name="connection_delete"),
]
