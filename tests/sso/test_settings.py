"""SSO settings read from the environment, as production reads them."""

from __future__ import annotations

import json
import secrets

from tests.prod.test_settings_deploy import run_django

PRINT = (
    "from django.conf import settings as s; import json; print(json.dumps({"
    "'sso': s.SSO_ENABLED, 'backends': s.AUTHENTICATION_BACKENDS, "
    "'passwords': s.DESK_PASSWORD_LOGIN, "
    "'form_action': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']}))"
)


def read_settings(**env: str) -> dict:
    result = run_django(
        ["shell", "-c", PRINT], DEBUG="0", SECRET_KEY=secrets.token_urlsafe(60), **env
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_a_client_id_there_is_no_sso():
    values = read_settings()
    assert values["sso"] is False
    # Axes comes first everywhere: it refuses a locked-out login before any backend runs.
    assert values["backends"] == ["axes.backends.AxesStandaloneBackend", "sso.auth.PasswordBackend"]
    assert values["form_action"] == ["'self'"]


def test_a_client_id_turns_sso_on_and_lets_logout_reach_the_provider():
    values = read_settings(
        OIDC_RP_CLIENT_ID="desk",
        OIDC_OP_LOGOUT_ENDPOINT="https://login.example.com/realms/acme/logout?x=1",
        DESK_PASSWORD_LOGIN="0",
    )
    assert values["sso"] is True
    assert values["backends"] == [
        "axes.backends.AxesStandaloneBackend",
        "sso.auth.PasswordBackend",
        "sso.auth.EmployeeOIDCBackend",
    ]
    assert values["passwords"] is False
    assert values["form_action"] == ["'self'", "https://login.example.com"]
