"""URLs of the screening app, under /p/<programme>/screening/."""

from django.urls import path

from partnerpath.screening import views

app_name = "screening"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("run/", views.screen_all, name="screen_all"),
    path("organisations/<int:pk>/run/", views.screen_organisation, name="screen_organisation"),
    path("runs/<int:pk>/", views.screening_detail, name="screening_detail"),
    path("runs/<int:pk>/progress/", views.screening_progress, name="screening_progress"),
    path("hits/", views.hit_list, name="hit_list"),
    path("hits/<int:pk>/", views.hit_detail, name="hit_detail"),
    path("hits/<int:pk>/decide/", views.hit_decide, name="hit_decide"),
    path("hits/<int:pk>/confirm/", views.hit_confirm, name="hit_confirm"),
]
