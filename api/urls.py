"""The API (/api/v1/) and the token pages of the profile (namespace "api")."""

from django.urls import path

from api import views
from api.v1 import api as api_v1

app_name = "api"

urlpatterns = [
    path("profile/tokens/new/", views.token_new, name="token-new"),
    path("profile/tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
]

# Mounted beside, not inside, the "api" namespace: ninja names its own ("api-v1").
api_urls = [path("api/v1/", api_v1.urls)]
