"""The web page in a real browser (Chromium, driven by Playwright), as a secretary uses it,
with axe-core checking every page against the WCAG 2.1 A and AA rules.

Skipped on a developer's machine without Chromium, Playwright or axe-core (`cd tools/axe &&
npm ci`); a failure in CI (`CI=true`), where `.ci/run` installs them. Screenshots of every
page go to build/screenshots/ for a person to look at.
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
from pptx import Presentation

from deckgen import api
from deckgen.i18n import choose_language
from deckgen.tour.dates import parse_visit_date

sys.path.insert(0, str(Path(__file__).parent))
from webapp import running, sample_app

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = REPO / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "build" / "screenshots"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _require_browser() -> None:
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
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    _require_browser()
    app = sample_app(tmp_path_factory.mktemp("browser"))
    app.extensions["deckgen_site"].blocks()  # the library's pictures, as `serve` makes at start
    yield app
    app.extensions["deckgen_site"].close()


@pytest.fixture(scope="module")
def base(app: Any) -> Iterator[str]:
    with running(app) as url:
        yield url


@pytest.fixture(scope="module")
def browser(base: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        chromium = play.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    # The page's Content-Security-Policy forbids inline scripts; axe is injected as one.
    context = browser.new_context(
        bypass_csp=True,
        accept_downloads=True,
        locale="da-DK",
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.set_default_timeout(90_000)  # LibreOffice's preview on a busy machine
    yield page
    context.close()


def _axe(page: Any) -> list[str]:
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


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_making_a_visit_preview_and_download(base: str, page: Any, tmp_path: Path) -> None:
    page.goto(f"{base}/ny")
    assert page.locator("html").get_attribute("lang") == "da"
    assert _axe(page) == []
    _shot(page, "1-ny-praesentation")
    page.get_by_label("Direktør", exact=True).select_option(
        label="Mette Holm – Direktør for Børn og Familie"
    )
    page.get_by_role("button", name="Vis direktørens dias").click()
    page.get_by_label("Udvalg", exact=True).fill("OMU Børn og Familie")
    # The next 12 March: a date the page takes without asking to confirm it.
    soon = parse_visit_date("12/3")
    page.get_by_label("Dato", exact=True).fill(soon)
    page.get_by_label("Sted (kan udelades)").fill("Rådhuset, mødelokale 2")
    page.get_by_role("button", name="Forhåndsvis").click()
    heading = page.get_by_role("heading", name="Forhåndsvisning")
    assert heading.is_visible()
    first = page.locator(".preview img").first
    first.scroll_into_view_if_needed()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=first.element_handle()
    )
    assert page.locator(".preview img").count() >= 15
    assert _axe(page) == []
    _shot(page, "2-forhaandsvisning")
    with page.expect_download() as info:
        page.get_by_role("button", name="Hent PowerPoint").click()
    download = info.value
    assert download.suggested_filename == f"{soon}_mette-holm_omu-boern-og-familie.pptx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    deck = Presentation(str(target))
    text = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "OMU Børn og Familie" in text


def test_a_problem_stands_beside_its_field_in_danish_page(base: str, page: Any) -> None:
    page.goto(f"{base}/ny")
    page.get_by_label("Udvalg", exact=True).fill("")  # no committee chosen
    page.get_by_role("button", name="Hent PowerPoint").click()
    summary = page.get_by_role("alert")
    assert "kunne ikke laves" in summary.inner_text()
    field = page.get_by_label("Udvalg", exact=True)
    assert field.get_attribute("aria-invalid") == "true"
    described = field.get_attribute("aria-describedby").split()
    assert described[-1] == "fejl-udvalg"
    assert "no udvalg given" in page.locator("#fejl-udvalg").inner_text()
    assert _axe(page) == []
    _shot(page, "3-fejl-ved-feltet")
    # The summary at the top leads to the field.
    summary.get_by_role("link", name="Udvalg: no udvalg given — fill in `udvalg`").click()
    assert page.url.endswith("#udvalg")


def test_a_wrong_committee_is_told_beside_the_field_while_typing(base: str, page: Any) -> None:
    choose_language("da")  # the server runs in this process: it speaks Danish, as deployed
    page.goto(f"{base}/ny")
    field = page.get_by_label("Udvalg", exact=True)
    field.press_sequentially("OMU Børn og Famlie", delay=20)
    box = page.locator("#fejl-udvalg")
    box.get_by_text("mente du 'OMU Børn og Familie'?").wait_for()  # nothing was submitted
    assert "ukendt udvalg" in box.inner_text().lower()
    assert box.get_attribute("aria-live") == "polite"
    assert field.get_attribute("aria-invalid") == "true"
    assert "fejl-udvalg" in field.get_attribute("aria-describedby").split()
    assert page.get_by_role("alert").count() == 0  # no submit: no summary of the page's errors
    assert _axe(page) == []
    _shot(page, "3b-fejl-mens-hun-skriver")
    field.fill("OMU Børn og Familie")
    page.wait_for_function("() => !document.querySelector('#fejl-udvalg').textContent.trim()")
    assert field.get_attribute("aria-invalid") is None


def test_the_tour_upload_with_a_broken_row(base: str, page: Any, tmp_path: Path) -> None:
    plan = tmp_path / "foraar.csv"
    plan.write_text(
        "dato;direktør;udvalg;sted;tilføj;fjern;lokalt eksempel\n"
        "2025-03-12;Mette Holm;OMU Børn og Familie;;;;\n"
        "2025-03-13;Mette Holn;OMU Skole;;;;\n",
        encoding="utf-8",
    )
    page.goto(f"{base}/turne")
    assert _axe(page) == []
    _shot(page, "4-besoegsturne")
    page.get_by_label("Besøgsplan (Excel eller CSV)", exact=True).set_input_files(str(plan))
    page.get_by_role("button", name="Lav præsentationerne").click()
    assert "1 af 2 besøg er lavet" in page.get_by_role("status").inner_text()
    row = page.locator("tr.problem")
    assert "foraar.csv:3" in row.inner_text() and "Mette Holm" in row.inner_text()
    assert "Kolonne direktør: foraar.csv:3: unknown director" in row.inner_text()
    assert "Kolonne udvalg: foraar.csv:3: unknown committee" in row.inner_text()
    assert _axe(page) == []
    _shot(page, "5-besoegsturne-resultat")
    with page.expect_download() as info:
        page.get_by_role("link", name="Hent alle som zip-fil").click()
    assert info.value.suggested_filename == "foraar.zip"


def test_an_excel_plan_and_a_deck_edited_since_it_was_built(
    app: Any, base: str, page: Any, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["dato", "direktør", "udvalg", "sted"])
    book.active.append(["2025-05-06", "Mette Holm", "OMU Børn og Familie", "Rådhuset"])
    book.active.append(["2025-05-07", "Mette Holm", "OMU Skoler Nord", ""])
    plan = tmp_path / "maj.xlsx"
    book.save(plan)

    def upload() -> None:
        page.goto(f"{base}/turne")
        page.get_by_label("Besøgsplan (Excel eller CSV)", exact=True).set_input_files(str(plan))
        page.get_by_role("button", name="Lav præsentationerne").click()

    upload()
    assert "2 af 2 besøg er lavet" in page.get_by_role("status").inner_text()
    # She opens a deck in PowerPoint, changes it and saves it where the tour keeps it.
    link = page.get_by_role("link", name="2025-05-06_mette-holm_omu-boern-og-familie.pptx")
    with page.expect_download() as info:
        link.click()
    edited = tmp_path / "rettet.pptx"
    info.value.save_as(edited)
    deck = Presentation(str(edited))
    deck.slides[0].shapes.title.text_frame.text = "Vores egen overskrift"
    folder = api.tour_output_folder(app.extensions["deckgen_site"].profiles_path)
    deck.save(str(folder / "2025-05-06_mette-holm_omu-boern-og-familie.pptx"))

    upload()
    status = page.get_by_role("status").inner_text()
    assert "1 af 2 besøg er lavet; 1 er ikke lavet igen, fordi den er rettet" in status
    row = page.locator("tr.skipped")
    assert "Ikke lavet igen" in row.inner_text() and "rettelserne er bevaret" in row.inner_text()
    assert "Ny præsentation" in row.inner_text()  # what to do to have it made afresh
    with page.expect_download() as info:
        row.get_by_role("link", name="2025-05-06_mette-holm_omu-boern-og-familie.pptx").click()
    info.value.save_as(tmp_path / "igen.pptx")
    kept = Presentation(str(tmp_path / "igen.pptx"))
    assert kept.slides[0].shapes.title.text_frame.text == "Vores egen overskrift"
    assert _axe(page) == []
    _shot(page, "5b-besoegsturne-rettet-praesentation")


def test_the_library_page(base: str, page: Any) -> None:
    page.goto(f"{base}/bibliotek")
    card = page.locator("li#vejen-videre")
    assert "alle direktører" in card.inner_text()  # every director shows it by default
    assert card.locator("img").get_attribute("alt")
    assert _axe(page) == []
    _shot(page, "6-biblioteket")


def test_keyboard_only_reaches_the_download_button(base: str, page: Any) -> None:
    page.goto(f"{base}/ny")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Spring til indholdet"
    seen = []
    for _ in range(200):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("document.activeElement.textContent.trim()"))
        if seen[-1] == "Hent PowerPoint":
            break
    assert seen[-1] == "Hent PowerPoint"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
