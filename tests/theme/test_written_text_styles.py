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
from pptx import Presentation
from templates import LIBREOFFICE_LAYOUTS, libreoffice_own, theme_for

from deckgen.check.slides import read_slides
from deckgen.ooxml.ns import NS

pytestmark = pytest.mark.slow

ITEMS = ["Første punkt om dialog", "Andet punkt om aktørskab", "Tredje punkt om tid"]


def _soffice(folder: Path, kind: str, source: Path) -> Path:
    profile = (folder / "lo-profile").as_uri()  # its own profile: runs beside other tests
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", kind, "--outdir", str(folder), str(source)]
    subprocess.run(command, capture_output=True, check=True, timeout=300)
    return folder / f"{source.stem}.{kind}"


def _converted(name: str, factory: pytest.TempPathFactory) -> Path:
    """LibreOffice's own template `name`, saved by LibreOffice as .pptx."""
    return libreoffice_own(name, factory.mktemp(name))


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


PRINCIPLES = [f"Princip nummer {n} om ledelse og aktørskab i hverdagen" for n in range(1, 7)]


@pytest.fixture(scope="module")
def vivid(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _converted("Vivid", tmp_path_factory)


@pytest.fixture(scope="module")
def blueprint(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _converted("Blueprint_Plans", tmp_path_factory)


def _numbered(template: Path, project: object) -> Path:
    theme = theme_for(template, LIBREOFFICE_LAYOUTS, project.root, "master: 1\n")  # type: ignore[attr-defined]
    items = "".join(f"      - text: {text}\n" for text in PRINCIPLES)
    project.blocks(  # type: ignore[attr-defined]
        "blocks:\n  - id: principper\n    kind: principles\n    title: Principper\n"
        f"    items:\n{items}"
    )
    project.deck("- principper\n", theme=theme)  # type: ignore[attr-defined]
    project.build()  # type: ignore[attr-defined]
    return Path(project.output)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", ["lights", "vivid", "blueprint"])
def test_a_numbered_lists_numbers_hang_clear_of_its_words(project, name, request):
    """LibreOffice's Lights, Vivid and Blueprint Plans hang their bullets, but their layouts'
    text has no hang (`indent="0"`) and their bullet is a Wingdings mark at 45 %: a number
    inheriting that stood small and on the words. Each numbered paragraph now hangs its
    number by its width and a gap, inside the box, in the words' font and size, as
    PowerPoint lays it out (the number at marL + indent, the words at marL)."""
    deck = _numbered(request.getfixturevalue(name), project)
    prs = Presentation(str(deck))
    view = read_slides(prs)[0]
    body = next(shape for shape in view.shapes if shape.has_text and not shape.is_title)
    numbered = body.element.findall(".//a:p", NS)[: len(PRINCIPLES)]
    assert len(numbered) == len(PRINCIPLES)
    for element, paragraph in zip(numbered, body.body.paragraphs, strict=False):
        ppr = element.find("a:pPr", NS)
        margin, hang = int(ppr.get("marL")), -int(ppr.get("indent"))
        size = paragraph.runs[0].size_pt * body.body.font_scale
        # "6)" is 0.9 em wide in Arial and Carlito: the hang holds it and a gap.
        assert hang >= 1.2 * size * 12700
        assert margin >= hang  # the number inside the box, not left of it
        assert paragraph.margin_left == margin  # measured where it is drawn
        assert ppr.find("a:buSzTx", NS) is not None and ppr.find("a:buFontTx", NS) is not None


def test_libreoffice_draws_the_numbers_before_the_words(project, lights, tmp_path):
    pdf = _soffice(tmp_path, "pdf", _numbered(lights, project))
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(
        r'<word xMin="([^"]+)" yMin="([^"]+)" xMax="([^"]+)" yMax="([^"]+)">([^<]+)</word>', boxes
    )
    numbers = [w for w in words if re.fullmatch(r"\d\)", w[4])]
    firsts = [w for w in words if w[4] == "Princip"]
    assert len(numbers) == len(firsts) == len(PRINCIPLES)
    for number, first in zip(numbers, firsts, strict=True):
        assert float(number[2]) < float(first[0])  # the number ends before the word starts
        # Drawn at the words' size, not the bullet's 45 %.
        tall, word_tall = (float(w[3]) - float(w[1]) for w in (number, first))
        assert tall == pytest.approx(word_tall, rel=0.1)


def _reusing(template: Path, project: object) -> Path:
    """A deck in the default theme with slide 2 of `template` (LibreOffice-made, a title and
    a content placeholder) reused in its own look, words written into it."""
    source = Presentation(str(template))
    slide = source.slides[1]
    title, body = (shape for shape in slide.placeholders)
    title.text_frame.text = "Vejen videre"
    body.text_frame.text = ITEMS[0]
    folder = project.root / "assets"  # type: ignore[attr-defined]
    folder.mkdir(exist_ok=True)
    source.save(str(folder / "kilde.pptx"))
    project.blocks(  # type: ignore[attr-defined]
        "blocks:\n  - id: genbrugt\n    kind: slide\n    file: ../../assets/kilde.pptx\n"
        "    slide: 2\n    keep: source\n"
    )
    project.deck("- genbrugt\n")  # type: ignore[attr-defined]
    project.build()  # type: ignore[attr-defined]
    return Path(project.output)  # type: ignore[attr-defined]


def test_a_reused_slides_own_master_gets_its_samples_as_text_styles(project, lights, tmp_path):
    """A slide reused in its own look (`keep: source`) brings its master and layout; from a
    LibreOffice-made deck they have no text styles, so LibreOffice drew the slide's text at
    its own 32 pt and PowerPoint at 18 pt, while the check measured it at the samples' 24 pt.
    The copied master gets its samples as text styles, as the theme's own master does."""
    deck = _reusing(lights, project)
    with zipfile.ZipFile(deck) as archive:
        masters = [
            etree.fromstring(archive.read(name))
            for name in sorted(archive.namelist())
            if re.fullmatch(r"ppt/slideMasters/slideMaster\d+\.xml", name)
        ]
    assert len(masters) == 2  # the theme's and the reused slide's
    copied = masters[1]  # copied after the theme's own
    # Lights' 24 pt body and 33 pt title, scaled with the slide to the theme's size.
    body, title = _sample_size(copied, "body"), _sample_size(copied, "title")
    assert body / 2400 == pytest.approx(title / 3300, abs=0.01)
    styles = copied.find("p:txStyles", NS)
    assert styles is not None
    sizes = [int(s.find("a:lvl1pPr/a:defRPr", NS).get("sz")) for s in styles[:2]]
    assert sizes == [title, body]
    words = _word_heights(_soffice(tmp_path, "pdf", deck))
    assert words["Vejen"] == pytest.approx(1.3 * title / 100, abs=1.0)  # not LibreOffice's 44 pt
    assert words["dialog"] == pytest.approx(1.3 * body / 100, abs=1.0)  # not its 32 pt
