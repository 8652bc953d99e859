"""Single sign-on in a real browser: Desk's login button, the provider's form, back in Desk."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from departments.models import Employee
from tests.sso.provider import oidc_provider, sso  # noqa: F401  (fixtures)

pytestmark = pytest.mark.e2e


def test_sso_login_and_logout(new_context, inspector, sso, settings, t, lang, transactional_db):  # noqa: F811
    from tests.e2e.helpers import LOCALES

    settings.OIDC_PROVIDER_NAME = "Contoso ID"
    settings.DESK_PASSWORD_LOGIN = False
    sso.set_user("e2e-nina", email="nina@example.com", email_verified=True, name="Nina Browser")
    page = new_context(locale=LOCALES[lang]).new_page()
    inspector.watch(page)
    page.goto("/requests/")
    inspector.look(page, "login-sso")

    page.get_by_role(
        "link", name=t("Log in with %(provider)s") % {"provider": "Contoso ID"}
    ).click()
    page.wait_for_url(f"{sso.url}/**")
    page.get_by_placeholder("sub").fill("e2e-nina")
    page.get_by_role("button", name="Authorize").click()

    page.wait_for_url("**/requests/")
    expect(page.get_by_text("Nina Browser").first).to_be_visible()
    assert Employee.objects.get(email="nina@example.com").full_name == "Nina Browser"

    page.get_by_role("button", name=t("Log out")).click()
    page.wait_for_url(f"{sso.url}/**")  # the provider asks to confirm its own logout
    page.get_by_role("button").first.click()
    page.wait_for_url("**/login/")
    inspector.assert_no_problems()
