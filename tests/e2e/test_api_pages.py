"""Personal API tokens on the profile, and the API's interactive docs under Desk's CSP."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from api.models import ApiToken

pytestmark = [pytest.mark.e2e]


@pytest.mark.parametrize("lang", ["en", "pl"])
def test_a_person_creates_uses_and_revokes_a_token(company, browser_as, inspector, t, live_server):
    person = company.clients()[0]
    page = browser_as(person)
    page.goto("/profile/")
    expect(page.get_by_text(t("You have no API tokens."))).to_be_visible()
    page.get_by_role("link", name=t("Create a token")).click()
    inspector.look(page, "token-new")

    # A refused form says why and keeps what was typed.
    page.get_by_label(t("Name")).fill("")
    page.get_by_role("button", name=t("Create token")).click()
    expect(page.locator("#form-errors")).to_be_visible()
    inspector.look(page, "token-new-refused")

    page.get_by_label(t("Name")).fill("Reporting script")
    page.get_by_label(t("Read and write")).check()
    page.get_by_role("button", name=t("Create token")).click()
    raw = page.get_by_label(t("Token")).input_value()
    assert raw.startswith("desk_")
    inspector.look(page, "token-created")

    # The token works from outside the browser: no cookies, only the header.
    answer = page.context.request.get(
        f"{live_server.url}/api/v1/me",
        headers={"Authorization": f"Bearer {raw}", "Cookie": ""},
    )
    assert answer.status == 200
    assert answer.json()["email"] == person.email

    page.get_by_role("link", name=t("Done")).click()
    row = page.get_by_role("row", name="Reporting script")
    expect(row).to_be_visible()
    assert raw not in page.content()
    inspector.look(page, "profile-tokens")
    row.get_by_role("button", name=t("Revoke")).click()
    expect(page.get_by_text(t("You have no API tokens."))).to_be_visible()
    assert ApiToken.objects.get().revoked_at is not None


def test_the_interactive_docs_work_under_the_csp(company, browser_as, inspector):
    page = browser_as(company.clients()[0])
    page.goto("/api/v1/docs")
    # Swagger UI ran (its script is Desk's static file) and read the OpenAPI document.
    expect(page.locator(".swagger-ui .title")).to_contain_text("Desk API")
    expect(page.locator(".opblock-summary-path").first).to_be_visible()
    expect(page.get_by_text("/api/v1/requests/{reference}/status")).to_be_visible()
    # "Try it out" as the logged-in person: the browser session is accepted.
    page.locator("#operations-catalog-api_v1_catalog_me").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.locator(".live-responses-table tbody .response-col_status").first).to_contain_text(
        "200"
    )
    # Third-party markup is not held to axe here; the console (CSP violations) is.
    inspector.look(page, "api-docs", axe=False)
