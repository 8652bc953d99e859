"""Pulse surveys (namespace "surveys")."""

from django.urls import path, re_path

from surveys import views

app_name = "surveys"

urlpatterns = [
    path("surveys/", views.survey_list, name="list"),
    path("surveys/new/", views.survey_new, name="new-company"),
    path("surveys/departments/<slug:slug>/new/", views.survey_new, name="new"),
    path("surveys/<int:pk>/", views.survey_results, name="results"),
    path("surveys/<int:pk>/edit/", views.survey_edit, name="edit"),
    path(
        "surveys/<int:pk>/comments/<int:answer_pk>/acted/",
        views.comment_acted,
        name="comment-acted",
    ),
    re_path(r"^surveys/answer/(?P<token>[0-9a-f]{32})/$", views.answer, name="answer"),
]
