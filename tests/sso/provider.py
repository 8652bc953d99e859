"""A real OpenID Connect provider (oidc-provider-mock) run as its own process on 127.0.0.1.

Fixtures for tests/sso and tests/e2e (their conftest files import them).
"""

from __future__ import annotations

import copy
import socket
import subprocess
import sys
import time
from urllib.parse import quote

import pytest
import requests


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    def __init__(self, url: str):
        self.url = url

    def set_user(self, sub: str, **claims) -> None:
        response = requests.put(f"{self.url}/users/{quote(sub, safe='')}", json=claims, timeout=5)
        assert response.status_code == 204, response.text

    def authorize(self, authorize_url: str, sub: str) -> str:
        """The person approves the login at the provider; returns where it sends the browser."""
        response = requests.post(authorize_url, data={"sub": sub}, allow_redirects=False, timeout=5)
        assert response.status_code == 302, response.text
        return response.headers["Location"]

    def settings(self) -> dict:
        return {
            "SSO_ENABLED": True,
            "OIDC_RP_CLIENT_ID": "desk",
            "OIDC_RP_CLIENT_SECRET": "desk-secret",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/oauth2/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/oauth2/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/jwks",
            "OIDC_OP_LOGOUT_ENDPOINT": f"{self.url}/oauth2/end_session",
            "OIDC_CLAIM_DEPARTMENT": "department",
            "OIDC_CLAIM_CLIENT_TYPE": "desk_client_type",
            "AUTHENTICATION_BACKENDS": [
                "sso.auth.PasswordBackend",
                "sso.auth.EmployeeOIDCBackend",
            ],
        }


@pytest.fixture(scope="session")
def oidc_provider():
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "oidc_provider_mock", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if requests.get(f"{url}/.well-known/openid-configuration", timeout=1).ok:
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        else:
            pytest.fail("the OpenID Connect provider did not start")
        yield Provider(url)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso(oidc_provider, settings):
    for name, value in oidc_provider.settings().items():
        setattr(settings, name, value)
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(oidc_provider.url)
    settings.CONTENT_SECURITY_POLICY = policy
    return oidc_provider
