"""A LibreOffice-made template's master has no text styles (`p:txStyles`): its sizes are only in
its sample paragraphs ("Click to edit the outline text format"), which deckgen measures by,
while PowerPoint draws such text at 18 pt and LibreOffice at 32 pt. The deck's master gets text
styles read from those samples, so the deck is drawn at the size it was measured at."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from office import require_office
from templates import LIBREOFFICE_LAYOUTS, theme_for

from deckgen.ooxml.ns import NS

pytestmark = pytest.mark.slow

PRESENTATIONS = Path("/usr/lib/libreoffice/share/template/common/presnt")
ITEMS = ["Første punkt om dialog", "Andet punkt om aktørskab", "Tredje punkt om tid"]


def _soffice(folder: Path, kind: str, source: Path) -> Path:
    profile = (folder / "lo-profile").as_uri()  # its own profile: runs beside other tests
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", kind, "--outdir", str(folder), str(source)]
    subprocess.run(command, capture_output=True, check=True, timeout=300)
    return folder / f"{source.stem}.{kind}"


def _converted(name: str, factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's own template `name`, saved by LibreOffice as .pptx."""
    require_office()
    source = PRESENTATIONS / f"{name}.otp"
    if not source.is_file():
        pytest.skip(f"LibreOffice's template {name}.otp is not installed")
    return _soffice(factory.mktemp(name), "pptx", source)


@pytest.fixture(scope="module")
def lights(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _converted("Lights", tmp_path_factory)


@pytest.fixture(scope="module")
def piano(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Piano: its layouts' titles are 27 pt, its master's 33 pt."""
    return _converted("Piano", tmp_path_factory)


def _master(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("ppt/slideMasters/slideMaster1.xml"))


def _sample_size(master: etree._Element, kind: str) -> int:
    """The size (hundredths of a point) of the first sample paragraph of the master's
    placeholder of type `kind`."""
    path = f"//p:sp[p:nvSpPr/p:nvPr/p:ph/@type='{kind}']/p:txBody/a:p/a:r/a:rPr/@sz"
    return int(master.xpath(path, namespaces=NS)[0])


def _built(template: Path, project: object) -> Path:
    theme = theme_for(template, LIBREOFFICE_LAYOUTS, project.root, "master: 1\n")  # type: ignore[attr-defined]
    project.blocks(  # type: ignore[attr-defined]
        "blocks:\n  - id: punkter\n    kind: bullets\n    title: Vejen videre\n"
        f"    items: [{', '.join(ITEMS)}]\n"
    )
    project.deck("- punkter\n", theme=theme)  # type: ignore[attr-defined]
    project.build()  # type: ignore[attr-defined]
    return Path(project.output)  # type: ignore[attr-defined]


def test_the_decks_master_gets_the_sample_sizes_as_text_styles(project, lights):
    template = _master(lights)
    assert template.find("p:txStyles", NS) is None
    body, title = _sample_size(template, "body"), _sample_size(template, "title")
    assert (body, title) == (2400, 3300)  # Lights' samples, not LibreOffice's 32 and 44 pt

    styles = _master(_built(lights, project)).find("p:txStyles", NS)
    sizes = {
        style.tag.split("}")[1]: int(style.find("a:lvl1pPr/a:defRPr", NS).get("sz"))
        for style in styles
    }
    assert sizes == {"titleStyle": title, "bodyStyle": body, "otherStyle": sizes["otherStyle"]}
    # The schema's order: text styles after everything else the master has but its extensions.
    following = [element.tag for element in styles.itersiblings()]
    assert following in ([], [f"{{{NS['p']}}}extLst"])


def _word_heights(pdf: Path) -> dict[str, float]:
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {
        word: float(y_max) - float(y_min)
        for y_min, y_max, word in re.findall(
            r'<word xMin="[^"]+" yMin="([^"]+)" xMax="[^"]+" yMax="([^"]+)">([^<]+)</word>', boxes
        )
    }


def test_libreoffice_draws_the_body_at_the_size_it_was_measured_at(project, lights, tmp_path):
    words = _word_heights(_soffice(tmp_path, "pdf", _built(lights, project)))
    # A word's box is 1.3 × its size in LibreOffice's PDF: 31.2 pt at 24 pt, 41.6 pt at 32 pt.
    assert words["aktørskab"] == pytest.approx(1.3 * 24, abs=1.0)
    assert words["Vejen"] == pytest.approx(1.3 * 33, abs=1.0)


def test_a_layouts_own_sample_size_is_kept_for_powerpoint_and_libreoffice(project, piano, tmp_path):
    deck = _built(piano, project)
    with zipfile.ZipFile(deck) as archive:
        layouts = [
            etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", name)
        ]
    content = next(x for x in layouts if x.find("p:cSld", NS).get("name") == "Title, Content")
    path = "//p:sp[p:nvSpPr/p:nvPr/p:ph/@type='title']/p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/@sz"
    assert content.xpath(path, namespaces=NS) == ["2700"]  # the master's title style says 33 pt
    words = _word_heights(_soffice(tmp_path, "pdf", deck))
    assert words["Vejen"] == pytest.approx(1.3 * 27, abs=1.0)
