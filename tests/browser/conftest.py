"""Browser tests: Playwright for Python driving Debian's `chromium` against pytest-django's live
server. Playwright's own browser download is never used. When chromium is missing, the session
installs it with apt-get (as root); if that fails the tests fail with the reason, never skip.
A failing test leaves a screenshot in $BROWSER_SCREENSHOTS (default: <tmp>/partnerpath-browser)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API keeps an event loop running in this thread; Django would refuse ORM
# calls from the test body without this.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(
    os.environ.get("BROWSER_SCREENSHOTS") or Path(tempfile.gettempdir()) / "partnerpath-browser"
)
TIMEOUT_MS = 10_000


def _install_chromium() -> str:
    """Run `apt-get install -y chromium` and return what went wrong, if anything."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return (
            "not running as root, so it cannot be installed here: run `apt-get install -y chromium`"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        try:
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"`{' '.join(command)}` failed: {exc}"
        if result.returncode != 0:
            return (
                f"`{' '.join(command)}` failed: {(result.stderr or result.stdout).strip()[-800:]}"
            )
    return ""


def chromium_path() -> str:
    """Debian's chromium, installed now if missing; fails the test with the reason otherwise."""
    path = shutil.which("chromium")
    if path is None:
        problem = _install_chromium()
        path = shutil.which("chromium")
        if path is None:
            pytest.fail(
                f"Browser tests need Debian's chromium, which is missing: {problem}", pytrace=False
            )
    return path


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any, settings: Any) -> Iterator[Any]:
    """A fresh browser tab (own cookies) on the live server, over plain HTTP."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Keep a screenshot of the page when a browser test fails."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    tab = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and tab is not None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{item.name}.png"
        try:
            tab.screenshot(path=str(target), full_page=True)
            report.sections.append(("screenshot", f"saved to {target} (page {tab.url})"))
        except Exception as exc:  # the page may be gone; the failure itself matters more
            report.sections.append(("screenshot", f"could not be taken: {exc}"))
