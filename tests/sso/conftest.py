from tests.sso.provider import oidc_provider, sso  # noqa: F401
