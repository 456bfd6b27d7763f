"""What the browser tests share: the app over a copy of the sample project served by
waitress, Chromium driven by Playwright, axe-core's WCAG 2.1 A and AA rules, screenshots.

Skipped on a developer's machine without Chromium, Playwright or axe-core (`cd tools/axe &&
npm ci`); a failure in CI (`CI=true`), where `.ci/run` installs them. Screenshots of every
page go to build/screenshots/ for a person to look at, at 1280 and 390 pixels wide.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from deckgen.i18n import choose_language

sys.path.insert(0, str(Path(__file__).parent))
from webapp import Server, sample_app

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = REPO / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "build" / "screenshots"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 180_000
"""How long a step may take to show: LibreOffice's preview of a whole deck takes many times
its few seconds on a machine whose two cores are busy with other work. A bound on a hang, not
a speed (the page itself sends a preview again after waiting two minutes for it)."""


def require_browser() -> None:
    missing = []
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        missing.append("chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (pip install -e '.[test]')")
    if not AXE.exists():
        missing.append("axe-core (cd tools/axe && npm ci)")
    if not missing:
        return
    message = f"the browser tests need {', '.join(missing)}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must have them")
    pytest.skip(message)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def server(project: Path) -> Iterator[Server]:
    app = sample_app(project)
    app.extensions["deckgen_site"].blocks()  # the library's pictures, as `serve` makes at start
    served = Server(app)
    served.start()
    yield served
    served.stop()
    served.app.extensions["deckgen_site"].close()


@pytest.fixture(scope="module")
def base(server: Server) -> str:
    return server.url


@pytest.fixture(autouse=True)
def danish() -> Iterator[None]:
    # The server runs in this process: it speaks Danish, as deployed.
    choose_language("da")
    yield


@pytest.fixture(scope="module")
def browser(project: Path) -> Iterator[Any]:
    from playwright.sync_api import expect, sync_playwright

    # What the page shows after a step is waited for with expect(), never read at once; as
    # long as any other wait (below), for LibreOffice's previews on a busy machine.
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as play:
        chromium = play.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        yield chromium
        chromium.close()


def new_page(browser: Any, viewport: dict[str, int] = WIDE) -> Any:
    """A page in a browser context of its own (its own cookies: another person, or tab)."""
    # The page's Content-Security-Policy forbids inline scripts; axe is injected as one.
    context = browser.new_context(
        bypass_csp=True, accept_downloads=True, locale="da-DK", viewport=viewport
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.script_errors = errors
    return page


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    page = new_page(browser)
    yield page
    assert page.script_errors == []
    page.context.close()


def axe(page: Any) -> list[str]:
    """The WCAG 2.1 A/AA rules the page breaks, each with where."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_AA,
    )
    return [
        f"{v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def shot(page: Any, name: str) -> None:
    """The page as it looks now, whole, at its width and at a phone's (390 px)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    page.screenshot(path=str(SHOTS / f"{name}-{size['width']}.png"), full_page=True)
    if size["width"] != PHONE["width"]:
        page.set_viewport_size(PHONE)
        page.screenshot(path=str(SHOTS / f"{name}-{PHONE['width']}.png"), full_page=True)
        page.set_viewport_size(size)


def settled(page: Any) -> None:
    """Wait until the page's steps sent in the background have been answered."""
    page.wait_for_function("() => !document.querySelector('[aria-busy=true]')")
    page.wait_for_load_state("networkidle")
