"""Help articles (namespace "helpcenter")."""

from django.urls import path, re_path

from helpcenter import views

app_name = "helpcenter"

urlpatterns = [
    path("help/suggest/", views.suggest, name="suggest"),
    path("help/<int:pk>/", views.article, name="article"),
    path("help/<int:pk>/solved/", views.solved, name="solved"),
    re_path(r"^help/images/(?P<token>[0-9a-f]{32})/$", views.image, name="image"),
    path("departments/<slug:slug>/articles/", views.article_list, name="article-list"),
    path("departments/<slug:slug>/articles/new/", views.article_edit, name="article-new"),
    path("departments/<slug:slug>/articles/<int:pk>/", views.article_edit, name="article-edit"),
    path(
        "departments/<slug:slug>/articles/<int:pk>/images/",
        views.article_image,
        name="article-image",
    ),
]
