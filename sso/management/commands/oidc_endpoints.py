"""Print the OIDC_OP_* lines for .env from a provider's discovery document."""

from __future__ import annotations

import requests
from django.core.management.base import BaseCommand, CommandError

KEYS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}


class Command(BaseCommand):
    help = (
        "Print the OIDC_OP_* settings for an identity provider, read from its discovery document."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "issuer", help="The issuer URL, e.g. https://login.example.com/realms/acme"
        )

    def handle(self, *args, issuer: str, **options):
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=10)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise CommandError(f"Could not read {url}: {exc}") from exc
        for setting, key in KEYS.items():
            value = document.get(key, "")
            if value or setting != "OIDC_OP_LOGOUT_ENDPOINT":
                self.stdout.write(f"{setting}={value}")
        algorithms = document.get("id_token_signing_alg_values_supported") or ["RS256"]
        self.stdout.write(
            f"OIDC_RP_SIGN_ALGO={'RS256' if 'RS256' in algorithms else algorithms[0]}"
        )
