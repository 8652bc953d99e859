"""The project's URLs. Each app keeps its own routes; this file only mounts them."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from api.urls import api_urls
from desk.forms import EmailLoginForm
from desk.views import health
from desk.views.auth import ThrottledPasswordResetView
from sso import views as sso_views
from sso.forms import PasswordResetForm

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=EmailLoginForm
        ),
        name="login",
    ),
    path("logout/", sso_views.Logout.as_view(), name="logout"),
    path("oidc/", include("sso.urls")),
    path(
        "password-reset/",
        ThrottledPasswordResetView.as_view(form_class=PasswordResetForm),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    *api_urls,
    path("", include("api.urls")),
    path("", include("feedback.urls")),
    path("", include("helpcenter.urls")),
    path("", include("surveys.urls")),
    path("", include("desk.app_urls")),
]

admin.site.site_header = _("Desk administration")
admin.site.site_title = _("Desk admin")
admin.site.index_title = _("Departments, services and people")
# Attachments are never served from MEDIA_URL: only desk:attachment-download, which checks access.

# A lost database connection answers 503 "try again" rather than 500 (desk/views/errors.py).
handler500 = "desk.views.errors.server_error_or_unavailable"
