"""The company's self-assessment pages under /self-assessment/<token>/: no account, the private
token is the only key, and nothing else of the programme is reachable from them."""

from django.urls import path

from partnerpath.assessments import views_self

urlpatterns = [
    path("<str:token>/", views_self.self_assessment, name="self_assessment"),
    path("<str:token>/result/", views_self.self_assessment_result, name="self_assessment_result"),
]
