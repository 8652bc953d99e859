"""What the browser tests do on every page: accessibility rules, console errors, screenshots."""

from __future__ import annotations

import contextlib
import os
import re
import struct
import warnings
import zlib
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
# Installed by `make test` (Makefile target $(AXE)): npm's axe-core, into a git-ignored folder.
AXE_JS = Path(os.environ.get("DESK_AXE_JS", ROOT / ".cache/npm/node_modules/axe-core/axe.min.js"))
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}
SIZES = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}
# Languages the journeys can run in (the browser's language; Desk follows it).
LOCALES = {"en": "en-GB", "pl": "pl-PL"}
TIMEOUT_MS = 10_000


def tiny_png(width: int = 24, height: int = 16) -> bytes:
    """A real PNG (a blue rectangle), made here so the tests ship no binary file."""
    row = b"\x00" + b"\x24\x52\xc8" * width  # filter byte, then RGB pixels
    raw = zlib.compress(row * height)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def format_violations(url: str, violations: list[dict]) -> str:
    """axe's findings as a message a person can act on: rule, impact, where, how to fix."""
    lines = [f"axe-core found {len(violations)} serious or critical problem(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ").strip()
            lines.append(f"    at {target}: {summary[:300]}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


class Inspector:
    """One journey's eyes: checks each page it is shown and keeps its pictures."""

    def __init__(self, journey: str, lang: str = "en") -> None:
        self.journey = slug(journey)
        self.lang = lang
        self.pages: list[Page] = []
        self.console_errors: list[str] = []
        self.checked: list[str] = []
        # Soft: a tour of many pages notes each page's problems and reports them all at the end.
        self.soft = False
        self.problems: list[str] = []

    # --- watching -------------------------------------------------------------------------------

    def watch(self, page: Page) -> None:
        """Record what a page complains about: script errors and failed loads (e.g. the CSP)."""
        self.pages.append(page)

        def on_console(message) -> None:
            # A page answered 400 or 404 on purpose logs "Failed to load resource" too: failed
            # loads are judged by on_response instead, which knows what kind of resource it was.
            if message.type == "error" and not message.text.startswith("Failed to load resource"):
                self.console_errors.append(f"{page.url}: {message.text}")

        def on_response(response) -> None:
            if response.status >= 400 and response.request.resource_type != "document":
                self.console_errors.append(f"{response.status} for {response.url}")

        page.on("console", on_console)
        page.on("response", on_response)
        page.on("pageerror", lambda error: self.console_errors.append(f"{page.url}: {error}"))

        def on_failed(request) -> None:
            # Leaving a page, or htmx replacing its own request (hx-sync), aborts loads on purpose.
            if "ERR_ABORTED" not in (request.failure or ""):
                self.console_errors.append(f"{request.url}: {request.failure}")

        page.on("requestfailed", on_failed)

    def assert_console_clean(self) -> None:
        errors, self.console_errors = self.console_errors, []
        assert not errors, "The browser reported errors:\n" + "\n".join(errors)

    # --- looking at a page ----------------------------------------------------------------------

    def look(self, page: Page, name: str, *, axe: bool = True, shots: bool = True) -> None:
        """Check the page as it is now, at desktop and phone size: accessibility rules (a phone
        layout has its own problems, e.g. tables that scroll sideways), console errors, and a
        full-page picture of each size."""
        page.wait_for_load_state("load")
        original = page.viewport_size
        suffix = "" if self.lang == "en" else f"-{self.lang}"
        folder = ARTIFACTS / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            for size, viewport in SIZES.items():
                page.set_viewport_size(viewport)
                if shots:
                    path = folder / f"{self.journey}-{slug(name)}{suffix}-{size}.png"
                    page.screenshot(path=path, full_page=True, animations="disabled", caret="hide")
                if axe:
                    self._check(lambda size=size: self.axe(page, size))
        finally:
            if original:
                page.set_viewport_size(original)
        self._check(self.assert_console_clean)
        self.checked.append(name)

    def _check(self, check) -> None:
        try:
            check()
        except AssertionError as problem:
            if not self.soft:
                raise
            self.problems.append(str(problem))

    def assert_no_problems(self) -> None:
        problems, self.problems = self.problems, []
        assert not problems, "\n\n".join(problems)

    def axe(self, page: Page, size: str = "desktop") -> None:
        if not AXE_JS.exists():
            message = f"axe-core is not installed at {AXE_JS}: run `make test` (or the Makefile's $(AXE) target)"
            if os.environ.get("CI"):
                pytest.fail(message)
            warnings.warn(message + "; accessibility checks skipped", stacklevel=2)
            return
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # add_script_tag inserts an inline <script>, which Desk's CSP (script-src 'self')
            # blocks; evaluating the source through the DevTools protocol is not subject to it.
            page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;true")
        result = page.evaluate(
            """async (tags) => {
                const r = await axe.run(document, {runOnly: {type: "tag", values: tags}});
                return r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary})),
                }));
            }""",
            AXE_TAGS,
        )
        serious = [v for v in result if v["impact"] in FAILING_IMPACTS]
        assert not serious, format_violations(f"{page.url} ({size})", serious)

    def failure_pictures(self, test_name: str) -> None:
        folder = ARTIFACTS / "failures"
        folder.mkdir(parents=True, exist_ok=True)
        for number, page in enumerate(self.pages):
            if page.is_closed():
                continue
            # A picture of a failure must never hide the failure itself.
            with contextlib.suppress(Exception):
                page.screenshot(path=folder / f"{slug(test_name)}-{number}.png", full_page=True)


def focus_ring(page: Page) -> dict:
    """The focused element and how its focus shows: outline and box-shadow as computed."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const label = el.getAttribute("aria-label") || el.innerText || el.value || el.name || "";
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                label: label.trim().slice(0, 60),
                outlineStyle: style.outlineStyle,
                outlineWidth: parseFloat(style.outlineWidth) || 0,
                boxShadow: style.boxShadow,
            };
        }"""
    )


def assert_focus_visible(page: Page) -> dict:
    """The focused control shows a visible ring: an outline of 2px or more, or a box-shadow."""
    ring = focus_ring(page)
    shows = (ring["outlineStyle"] != "none" and ring["outlineWidth"] >= 2) or (
        ring["boxShadow"] not in ("", "none")
    )
    assert shows, f"focus is not visible on {ring}"
    return ring


def file_laptop_request(page: Page, company, service, t) -> None:
    """File "Laptop for our new analyst" on the service's form, answering its required fields."""
    page.goto(f"/catalog/{service.department.slug}/{service.slug}/new/")
    page.get_by_label(t("Title")).fill("Laptop for our new analyst")
    page.get_by_label(t("Description")).fill("She starts on Monday.")
    for field in company.fields(service):
        if field.required:
            control = page.get_by_label(t(field))
            if field.option_list:
                control.select_option(index=1)
            elif field.kind == "date":
                control.fill(company.anchor.date().isoformat())
            elif field.kind == "number":
                control.fill("2")
            else:
                control.fill("Yes")
    page.get_by_role("button", name=t("File request")).click()
