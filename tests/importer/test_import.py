"""`deckgen import`: an existing presentation becomes library blocks and a deck file that
builds back into the same text on the same slides; hostile files are refused, unwritten."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from office import require_office
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import qn
from pptx.util import Inches
from test_decks import SAMPLE, _reference_lines, _slide_text

from deckgen import api
from deckgen.cli.commands import main

SAMPLE_KINDS = [
    "title", "slide", "slide", "bullets", "statement", "statement", "slide", "image",
    "image", "bullets", "bullets", "section", "bullets", "slide", "statement", "slide",
    "bullets", "slide",
]  # fmt: skip
"""What each slide of the sample deck comes back as: its diagrams (vision, arena model, the
link with its QR code) and the slides whose words are in bold (the principles, the situations'
question) are kept as designed; every other text slide and picture maps to a kind."""


@pytest.fixture
def elsewhere(tmp_path_factory) -> Path:
    """A folder outside the project, where old presentations come from."""
    return tmp_path_factory.mktemp("elsewhere")


def _run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _blocks(path: Path) -> list[dict]:
    """The blocks of an imported block file, each checked to be a draft (and that left out):
    nothing imported is offered to the secretaries until communication says so."""
    blocks = yaml.safe_load(path.read_text(encoding="utf-8"))["blocks"]
    assert [list(block)[2] for block in blocks] == ["status"] * len(blocks)
    assert [block.pop("status") for block in blocks] == ["kladde"] * len(blocks)
    return blocks


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _sample_pptx(folder: Path) -> Path:
    out = folder / "build" / "sample.pptx"
    api.build_deck(SAMPLE, out, {"omu": "OMU Børn og Familie", "dato": "2025-03-12"})
    return out


def _without_slide_blocks(deck: Path, blocks: list[dict]) -> Path:
    """A copy of the imported deck file showing only its blocks of deckgen's own kinds."""
    data = yaml.safe_load(deck.read_text(encoding="utf-8"))
    kept = {b["id"] for b in blocks if b["kind"] != "slide"}
    data["slides"] = [slide for slide in data["slides"] if slide in kept]
    native = deck.with_name("native.yaml")
    native.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return native


def _body_text(slide) -> str:
    """A slide's text without its footer and slide number (the theme's, not the block's)."""
    shapes = [
        s
        for s in slide.shapes
        if not (s.is_placeholder and s.placeholder_format.type in (13, 15, 16))
    ]
    return re.sub(r"\s+", " ", " ".join(s.text_frame.text for s in shapes if s.has_text_frame))


def test_the_sample_deck_imports_into_native_blocks_that_build_back_the_same_text(sample_copy):
    original = _sample_pptx(sample_copy)
    (sample_copy / "decks" / "schema").mkdir()
    for kind in ("blocks", "deck"):  # the project's schemas, as the live library has them
        schema = _run("schema", kind).output
        (sample_copy / "decks" / "schema" / f"{kind}.schema.json").write_text(schema, "utf-8")
    result = _run("import", original, "-o", "decks/blocks/gammel.yaml")
    assert result.exit_code == 0, result.output
    assert "Imported 18 slides from build/sample.pptx into decks/blocks/gammel.yaml" in (
        result.output
    )
    assert "(6 kept as they were designed, as `slide` blocks)" in result.output
    # Where each file went, and which one to edit for what.
    assert "  decks/gammel.yaml: the deck file: which slides it shows, in which order" in (
        result.output
    )
    assert "shown from build/sample.pptx: to change them, edit that file" in result.output
    blocks = _blocks(sample_copy / "decks" / "blocks" / "gammel.yaml")
    assert [b["kind"] for b in blocks] == SAMPLE_KINDS
    # VS Code checks both files with the project's schemas, as it checks the library's own.
    for path, schema in (
        ("blocks/gammel.yaml", "../schema/blocks"),
        ("gammel.yaml", "schema/deck"),
    ):
        first = (sample_copy / "decks" / path).read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema={schema}.schema.json"
    # Ids from titles, Danish letters spelt out, clear of the library's own ids.
    assert blocks[0]["id"] == "dialogmoede-med-omraadeudvalg"
    assert blocks[2]["id"] == "fremtidens-velfaerd-2"
    assert blocks[3]["items"][0] == "Understøtte den nationale og lokale dagsorden"
    assert blocks[0]["notes"].startswith("Velkommen og tak fordi vi må komme.")
    # A picture goes into the project's assets with its alt text; the original deck is in
    # the project, so `slide` blocks point at it where it is, by a unique title.
    picture = blocks[8]
    assert (
        picture["file"]
        == "../../assets/imported/sample/lederworkshop-om-faelles-ledelsesfagligt.jpg"
    )
    assert picture["alt_text"].startswith("Et bord set fra oven med ledere")
    assert (sample_copy / "decks" / "blocks" / picture["file"]).is_file()
    assert blocks[1] == {
        "id": "vores-vision",
        "kind": "slide",
        "file": "../../build/sample.pptx",
        "slide": "Vores vision",
    }
    assert blocks[17]["slide"] == 18  # its title has a line break: by number
    assert not (sample_copy / "assets" / "imported" / "sample" / "sample.pptx").exists()

    # The native blocks build back into the text of the slides they came from.
    native = _without_slide_blocks(sample_copy / "decks" / "gammel.yaml", blocks)
    built = api.build_deck(native, sample_copy / "build" / "native.pptx")
    assert built.warnings == []
    old = [
        s
        for s, b in zip(Presentation(str(original)).slides, blocks, strict=True)
        if b["kind"] != "slide"
    ]
    new = list(Presentation(str(built.output)).slides)
    assert [_body_text(s) for s in new] == [_body_text(s) for s in old]


def test_the_imported_sample_validates_and_rebuilds_every_reference_line(sample_copy):
    original = _sample_pptx(sample_copy)
    assert _run("import", original, "-o", "decks/blocks/gammel.yaml").exit_code == 0
    validated = _run("validate", "decks/")
    assert validated.exit_code == 0, validated.output
    built = api.build_deck(
        sample_copy / "decks" / "gammel.yaml", sample_copy / "build" / "again.pptx"
    )
    slides = Presentation(str(built.output)).slides
    assert len(slides) == 18
    text = " ".join(_slide_text(slide) for slide in slides)
    assert [line for line in _reference_lines() if line not in text] == []


def _png(colour: str) -> bytes:
    data = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(data, format="PNG")
    return data.getvalue()


def _python_pptx_deck(path: Path, *, table: bool = False) -> Path:
    """A deck made with python-pptx's own template: title, bullets on two levels, a
    section, a picture with alt text and one without, and (with `table`) a table."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "Årsmøde på Østergård"
    slide.placeholders[1].text = "Budget og mål\nfor 2026"
    slide.notes_slide.notes_text_frame.text = "Byd velkommen."
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Mål for året"
    body = slide.placeholders[1].text_frame
    body.text = "Færre sager"
    for text, level in (("Hurtigere svar", 1), ("Inden for 5 dage", 1), ("Flere møder", 0)):
        paragraph = body.add_paragraph()
        paragraph.text, paragraph.level = text, level
    slide = prs.slides.add_slide(prs.slide_layouts[2])
    slide.shapes.title.text = "Økonomi"
    slide.placeholders[1].text = "Del 2"
    for title, descr in (("Vores hus", "Et rødt hus ved vandet"), ("Stemning", "")):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
        picture = slide.shapes.add_picture(io.BytesIO(_png("red")), Inches(1), Inches(2))
        picture._element.nvPicPr.cNvPr.set("descr", descr)
    if table:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = "Udvikling"
        data = CategoryChartData()
        data.categories = ["2024", "2025"]
        data.add_series("Sager", (120, 95))
        # As PowerPoint does when a chart is put in the content placeholder: the chart's
        # frame takes the placeholder's place.
        body = slide.placeholders[1]
        frame = slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(6), Inches(4), data
        )
        nv = frame._element.nvGraphicFramePr.nvPr
        nv.append(nv.makeelement(qn("p:ph"), {"idx": "1"}))
        body._element.getparent().remove(body._element)
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = "Tal"
        shape = slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1))
        shape.table.cell(0, 0).text = "År"
    prs.save(str(path))
    return path


def test_a_python_pptx_deck_imports_with_levels_pictures_and_notes(sample_copy, tmp_path):
    source = _python_pptx_deck(tmp_path / "aarsmoede.pptx")
    result = _run("import", source, "-o", "decks/blocks/aarsmoede.yaml")
    assert result.exit_code == 0, result.output
    assert (
        "Note: slide 5 (stemning): the picture has no alt text, so it is marked decorative"
        in result.output
    )
    blocks = _blocks(sample_copy / "decks" / "blocks" / "aarsmoede.yaml")
    assert blocks[0] == {
        "id": "aarsmoede-paa-oestergaard",
        "kind": "title",
        "title": "Årsmøde på Østergård",
        "subtitle": "Budget og mål",
        "details": ["for 2026"],
        "notes": "Byd velkommen.",
    }
    assert blocks[1]["items"] == [
        {"text": "Færre sager", "items": ["Hurtigere svar", "Inden for 5 dage"]},
        "Flere møder",
    ]
    assert blocks[2] == {
        "id": "oekonomi",
        "kind": "section",
        "title": "Økonomi",
        "subtitle": "Del 2",
    }
    assert blocks[3]["alt_text"] == "Et rødt hus ved vandet"
    assert blocks[4]["decorative"] is True
    assert (sample_copy / "assets" / "imported" / "aarsmoede" / "vores-hus.png").is_file()
    # No `slide` block needs the original: it is not copied into the project.
    assert not (sample_copy / "assets" / "imported" / "aarsmoede" / "aarsmoede.pptx").exists()
    deck = sample_copy / "decks" / "aarsmoede.yaml"
    assert _run("validate", deck).exit_code == 0
    built = api.build_deck(deck, sample_copy / "build" / "aarsmoede.pptx")
    slides = Presentation(str(built.output)).slides
    assert len(slides) == 5
    assert (
        _body_text(slides[1])
        == "Mål for året Færre sager Hurtigere svar Inden for 5 dage Flere møder"
    )
    assert [p.level for p in slides[1].placeholders[1].text_frame.paragraphs] == [0, 1, 1, 0]


def test_a_slide_no_kind_describes_points_at_a_copy_of_the_original(sample_copy, elsewhere):
    source = _python_pptx_deck(elsewhere / "med tabel.pptx", table=True)
    result = _run("import", source, "-o", "decks/blocks/tal.yaml")
    assert result.exit_code == 0, result.output
    # The copy the `slide` blocks show lies where the library keeps such presentations, and
    # the import says it is the file to edit (the old one is not read again).
    copy = sample_copy / "assets" / "slides" / "med tabel.pptx"
    assert copy.read_bytes() == source.read_bytes()
    shown = Path("assets/slides/med tabel.pptx")
    assert f"  {shown}: a copy of {source}" in result.output
    assert (
        f"The 2 slides kept as designed (udvikling, tal) are shown from {shown}: to change them, "
        f"edit that file in PowerPoint and save it under the same name ({source} is not read "
        "again)"
    ) in " ".join(result.output.split())
    blocks = _blocks(sample_copy / "decks" / "blocks" / "tal.yaml")
    # A chart in the content placeholder and a table: kept as designed.
    assert blocks[-2] == {
        "id": "udvikling",
        "kind": "slide",
        "file": "../../assets/slides/med tabel.pptx",
        "slide": "Udvikling",
    }
    assert blocks[-1] == {
        "id": "tal",
        "kind": "slide",
        "file": "../../assets/slides/med tabel.pptx",
        "slide": "Tal",
    }


def test_a_deck_converted_by_libreoffice_imports_and_builds_the_same_text(sample_copy, tmp_path):
    require_office()
    (tmp_path / "made").mkdir()
    made = _python_pptx_deck(tmp_path / "made" / "kontor.pptx")
    converted = tmp_path / "converted"
    subprocess.run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pptx",
            "--outdir",
            str(converted),
            str(made),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    source = converted / "kontor.pptx"
    result = _run("import", source, "-o", "decks/blocks/kontor.yaml")
    assert result.exit_code == 0, result.output
    blocks = _blocks(sample_copy / "decks" / "blocks" / "kontor.yaml")
    # LibreOffice saves the section header on a layout of its own with no type: a list.
    assert [b["kind"] for b in blocks] == ["title", "bullets", "bullets", "image", "image"]
    assert blocks[1]["items"][0] == {
        "text": "Færre sager",
        "items": ["Hurtigere svar", "Inden for 5 dage"],
    }
    deck = sample_copy / "decks" / "kontor.yaml"
    built = api.build_deck(deck, sample_copy / "build" / "kontor.pptx")
    old = [_body_text(s) for s in Presentation(str(source)).slides]
    assert [_body_text(s) for s in Presentation(str(built.output)).slides] == old


def _with_member(path: Path, source: Path, name: str) -> Path:
    """A copy of `source` at `path` with the member `name` added (an OLE compound file)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as out:
        for info in src.infolist():
            out.writestr(info, src.read(info))
        out.writestr(name, b"\xd0\xcf\x11\xe0")
    return path


def _bomb(path: Path) -> Path:
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package,
        package.open("ppt/slides/slide1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(120):
            member.write(bytes(1024 * 1024))
    return path


def _hostile(kind: str, folder: Path) -> tuple[Path, str]:
    good = _python_pptx_deck(folder / "good.pptx")
    if kind == "damaged":
        path = folder / "damaged.pptx"
        path.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
        return path, "the file is not a PowerPoint file (.pptx or .potx): it is not a zip package"
    if kind == "bomb":
        return _bomb(folder / "bomb.pptx"), "it looks like a zip bomb"
    if kind == "macro":
        return _with_member(folder / "macro.pptm", good, "ppt/vbaProject.bin"), (
            "ppt/vbaProject.bin: a VBA macro project; it was not imported — deckgen does not "
            "import presentations with macros"
        )
    if kind == "text":
        path = folder / "notes.pptx"
        path.write_text("not a presentation", encoding="utf-8")
        return path, "it is not a zip package"
    path = folder / "document.pptx"  # a zip that is an Office file, but no presentation
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
    return path, "the file is an Office file, but not a presentation"


@pytest.mark.parametrize("kind", ["damaged", "bomb", "macro", "text", "no-presentation"])
def test_a_hostile_file_is_refused_at_its_path_and_nothing_is_written(sample_copy, tmp_path, kind):
    path, expected = _hostile(kind, tmp_path)
    before = _files(sample_copy)
    result = _run("import", path, "-o", "decks/blocks/gammel.yaml")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"Error: {path.relative_to(sample_copy)}: " in result.output
    assert expected in result.output
    assert _files(sample_copy) == before


def test_import_never_replaces_a_file_and_writes_nothing_then(sample_copy, tmp_path):
    source = _python_pptx_deck(tmp_path / "aarsmoede.pptx")
    deck = sample_copy / "decks" / "aarsmoede.yaml"
    deck.write_text("# mine\n", encoding="utf-8")
    before = _files(sample_copy)
    result = _run("import", source, "-o", "decks/blocks/aarsmoede.yaml")
    assert result.exit_code == 1
    assert (
        f"Error: {Path('decks/aarsmoede.yaml')}: aarsmoede.yaml is already there; deckgen "
        "import does not replace files — give another name with -o, or move the file away first"
    ) in result.output
    assert _files(sample_copy) == before
    assert deck.read_text(encoding="utf-8") == "# mine\n"


def test_import_speaks_danish(sample_copy, tmp_path):
    source = _python_pptx_deck(tmp_path / "aarsmoede.pptx")
    result = _run("--lang", "da", "import", source, "-o", "decks/blocks/aarsmoede.yaml")
    assert result.exit_code == 0, result.output
    assert "Importerede 5 dias fra" in result.output
    assert "billedet har ingen alternativ tekst" in result.output
    again = _run("--lang", "da", "import", source, "-o", "decks/blocks/aarsmoede.yaml")
    assert "findes allerede" in again.output


def test_text_with_double_braces_is_not_taken_for_a_variable(sample_copy, elsewhere):
    prs = Presentation()
    prs.core_properties.title = "Skabelon {{ navn }}"
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Kære {{ navn }}"
    slide.placeholders[1].text = "Udfyld {{ dato }}"
    prs.save(str(elsewhere / "braces.pptx"))
    result = _run("import", elsewhere / "braces.pptx", "-o", "decks/blocks/braces.yaml")
    assert result.exit_code == 0, result.output
    assert "Note: slide 1 (kaere-navn): its text had double braces" in result.output
    built = api.build_deck(sample_copy / "decks" / "braces.yaml", sample_copy / "build" / "b.pptx")
    assert (
        _body_text(Presentation(str(built.output)).slides[0])
        == "Kære { { navn } } Udfyld { { dato } }"
    )


def test_the_same_presentation_imported_again_into_another_file_uses_its_copy(
    sample_copy, elsewhere
):
    source = _python_pptx_deck(elsewhere / "med tabel.pptx", table=True)
    assert _run("import", source, "-o", "decks/blocks/tal.yaml").exit_code == 0
    copy = sample_copy / "assets" / "slides" / "med tabel.pptx"
    before = copy.read_bytes()
    result = _run("import", source, "-o", "decks/blocks/tal-igen.yaml")
    assert result.exit_code == 0, result.output
    assert copy.read_bytes() == before
    assert list(copy.parent.glob("med tabel*.pptx")) == [copy]
    assert _blocks(sample_copy / "decks" / "blocks" / "tal-igen.yaml")[-1]["file"] == (
        "../../assets/slides/med tabel.pptx"
    )
    # A different presentation of the same name is still never written over the copy.
    other = Presentation(source)
    other.core_properties.title = "En anden"
    other.save(source)
    result = _run("import", source, "-o", "decks/blocks/tal-tredje.yaml")
    assert result.exit_code == 1
    assert "med tabel.pptx is already there" in result.output
    # -o names the block file, not the copy: the hint says what helps.
    assert "another presentation of this name was imported before: give the one you import " in (
        " ".join(result.output.split())
    )
    assert copy.read_bytes() == before
    assert not (sample_copy / "decks" / "blocks" / "tal-tredje.yaml").exists()


def test_a_picture_whose_bytes_no_format_knows_keeps_its_slide_as_designed(sample_copy, tmp_path):
    # A 0-byte picture: python-pptx's `image.ext` asks Pillow, which cannot tell what it is.
    good = _python_pptx_deck(tmp_path / "god.pptx")
    source = tmp_path / "tomt billede.pptx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(source, "w") as out:
        for info in src.infolist():
            out.writestr(info, b"" if info.filename.startswith("ppt/media/") else src.read(info))
    result = _run("import", source, "-o", "decks/blocks/tomt.yaml")
    assert result.exit_code == 0, result.output
    blocks = _blocks(sample_copy / "decks" / "blocks" / "tomt.yaml")
    assert [(block["id"], block["kind"]) for block in blocks[-2:]] == [
        ("vores-hus", "slide"),
        ("stemning", "slide"),
    ]


def test_a_potx_template_imports_and_its_kept_slides_build(sample_copy, elsewhere):
    pptx = _python_pptx_deck(elsewhere / "skabelon.pptx", table=True)
    wide = Presentation(str(pptx))
    wide.slide_width = 12_192_000  # the theme's 16:9, so its kept slides build
    wide.save(str(pptx))
    template = elsewhere / "skabelon.potx"
    with zipfile.ZipFile(pptx) as src, zipfile.ZipFile(template, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"presentation.main+xml", b"template.main+xml")
            out.writestr(info, data)
    result = _run("import", template, "-o", "decks/blocks/skabelon.yaml")
    assert result.exit_code == 0, result.output
    assert _blocks(sample_copy / "decks" / "blocks" / "skabelon.yaml")[-1]["kind"] == "slide"
    built = _run("build", "decks/skabelon.yaml", "-o", "build/skabelon.pptx")
    assert built.exit_code == 0, built.output
    deck = Presentation(str(sample_copy / "build" / "skabelon.pptx"))
    assert "År" in [
        shape.table.cell(0, 0).text for shape in deck.slides[-1].shapes if shape.has_table
    ]


def test_a_4_3_deck_imports_and_builds_on_the_16_9_theme(sample_copy, elsewhere):
    source = _python_pptx_deck(elsewhere / "gammel.pptx", table=True)  # 4:3, the theme 16:9
    result = _run("import", source, "-o", "decks/blocks/gammel.yaml")
    assert result.exit_code == 0, result.output
    assert "cm" not in result.output  # nothing to say about the size: it is fitted
    built = _run("build", "decks/gammel.yaml", "-o", "build/gammel.pptx")
    assert built.exit_code == 0, built.output
    deck = Presentation(str(sample_copy / "build" / "gammel.pptx"))
    table = next(shape for shape in deck.slides[-1].shapes if shape.has_table)
    assert table.left == Inches(1) + (deck.slide_width - Inches(10)) // 2  # centred


def test_a_16_9_deck_a_few_emu_off_the_theme_s_says_nothing_of_sizes_that_print_the_same(
    sample_copy, elsewhere
):
    # As another program saves 16:9: 119 EMU narrower than PowerPoint's, 33.87 × 19.05 cm
    # both. Nothing is said of the size, anywhere: the import, the build, the check.
    source = _python_pptx_deck(elsewhere / "andet program.pptx", table=True)
    near = Presentation(str(source))
    near.slide_width, near.slide_height = 12_192_000 - 119, 6_858_000
    near.save(str(source))
    result = _run("import", source, "-o", "decks/blocks/andet.yaml")
    assert result.exit_code == 0, result.output
    assert "cm" not in result.output and "×" not in result.output
    built = _run("build", "decks/andet.yaml", "-o", "build/andet.pptx")
    assert built.exit_code == 0, built.output
    assert "cm" not in built.output and "×" not in built.output
    checked = _run("check", "build/andet.pptx")
    assert "cm" not in checked.output and "×" not in checked.output, checked.output
    deck = Presentation(str(sample_copy / "build" / "andet.pptx"))
    table = next(shape for shape in deck.slides[-1].shapes if shape.has_table)
    assert table.left == Inches(1)  # not moved: the slide is the theme's size


def test_an_imported_deck_s_footer_left_empty_is_a_choice_not_a_warning_on_each_slide(
    sample_copy, elsewhere
):
    # `footer: ''` written in the deck file is communication's choice (the deck had no footer,
    # or she wants none): no slide is missing one by a slip, so `check` warns of none of them.
    source = _python_pptx_deck(elsewhere / "uden sidefod.pptx")
    assert _run("import", source, "-o", "decks/blocks/uden.yaml").exit_code == 0
    deck = sample_copy / "decks" / "uden.yaml"
    text = deck.read_text(encoding="utf-8")
    assert re.search(r"^  footer: .+$", text, re.M)  # the import writes one: its title
    checked = _run("check", "decks/uden.yaml")
    assert "brand.footer" not in checked.output, checked.output
    deck.write_text(re.sub(r"^  footer: .+$", "  footer: ''", text, flags=re.M), "utf-8")
    for target in ("decks/uden.yaml", "build/uden.pptx"):
        if target.endswith(".pptx"):
            assert _run("build", "decks/uden.yaml", "-o", target).exit_code == 0
        checked = _run("check", target)
        assert "[brand.footer]" not in checked.output, checked.output
    # A slide that lost the footer a deck has is still said, slide by slide.
    deck.write_text(text, encoding="utf-8")
    assert _run("build", "decks/uden.yaml", "-o", "build/med.pptx", "--force").exit_code == 0
    edited = Presentation(str(sample_copy / "build" / "med.pptx"))
    for shape in list(edited.slides[1].shapes):
        if shape.is_placeholder and shape.placeholder_format.type == 15:  # the footer
            shape._element.getparent().remove(shape._element)
    edited.save(str(sample_copy / "build" / "med.pptx"))
    assert "[brand.footer]" in _run("check", "build/med.pptx").output


def test_a_slide_with_an_ole_object_is_left_out_and_named_and_the_rest_imported(
    sample_copy, elsewhere
):
    from openpyxl import Workbook

    workbook = io.BytesIO()
    Workbook().save(workbook)
    source = _python_pptx_deck(elsewhere / "gammel.pptx")
    prs = Presentation(str(source))
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Regnskab"
    slide.shapes.add_ole_object(io.BytesIO(workbook.getvalue()), "Excel.Sheet.12", Inches(1), 0)
    prs.save(str(source))
    result = _run("import", source, "-o", "decks/blocks/gammel.yaml")
    assert result.exit_code == 0, result.output
    left_out = next(line for line in result.output.splitlines() if line.startswith("Left out"))
    assert left_out.startswith("Left out: slide 6 (Regnskab): ppt/")
    assert "OLE object" in left_out
    assert left_out.endswith(
        "— it can run code when the presentation is opened: remove it in PowerPoint (or put a "
        "picture of it in its place), save the presentation and import it again"
    )
    assert "Imported 5 slides" in result.output
    blocks = _blocks(sample_copy / "decks" / "blocks" / "gammel.yaml")
    assert [b["id"] for b in blocks][-1] == "stemning"
    built = _run("build", "decks/gammel.yaml", "-o", "build/gammel.pptx")
    assert built.exit_code == 0, built.output


def test_the_slide_left_out_is_the_one_carrying_the_link_when_parts_are_not_in_show_order(
    sample_copy, elsewhere
):
    # As python-pptx-interface's example deck has it: its slide5.xml, shown second, carries a
    # link out of the file. python-pptx renames slide parts in show order when it reads them.
    source = elsewhere / "uorden.pptx"
    prs = Presentation()
    for title in ("Forside", "Program", "Indhold"):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
    run = prs.slides[2].shapes.title.text_frame.paragraphs[0].runs[0]
    run.hyperlink.address = "slide2.xml"  # a file beside the deck: a link out of the file
    order = prs.slides._sldIdLst
    order.insert(1, order[2])  # slide3.xml ("Indhold") is shown second
    prs.save(str(source))
    result = _run("import", source, "-o", "decks/blocks/uorden.yaml")
    assert result.exit_code == 0, result.output
    left_out = next(line for line in result.output.splitlines() if line.startswith("Left out"))
    assert left_out.startswith("Left out: slide 2 (Indhold): ppt/slides/_rels/slide3.xml.rels")
    blocks = _blocks(sample_copy / "decks" / "blocks" / "uorden.yaml")
    assert [block.get("title", block.get("text")) for block in blocks] == ["Forside", "Program"]
    built = _run("build", "decks/uorden.yaml", "-o", "build/uorden.pptx")
    assert built.exit_code == 0, built.output


def test_a_presentation_whose_every_slide_carries_an_ole_object_is_refused_and_nothing_written(
    sample_copy, elsewhere
):
    from openpyxl import Workbook

    workbook = io.BytesIO()
    Workbook().save(workbook)
    source = elsewhere / "regnskab.pptx"
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Regnskab"
    slide.shapes.add_ole_object(io.BytesIO(workbook.getvalue()), "Excel.Sheet.12", Inches(1), 0)
    prs.save(str(source))
    result = _run("import", source, "-o", "decks/blocks/regnskab.yaml")
    assert result.exit_code == 1, result.output
    assert "its one slide carries something deckgen does not pass on: " in result.output
    assert "OLE object" in result.output
    assert "remove it in PowerPoint" in result.output
    assert not (sample_copy / "decks" / "blocks" / "regnskab.yaml").exists()
    assert not (sample_copy / "decks" / "regnskab.yaml").exists()


def _structured_deck(path: Path) -> Path:
    """A deck whose lists carry structure: numbers, a bold lead line, a bold word, code, points
    beside a picture, and a picture described by the file it came from."""
    prs = Presentation()
    content, title_only = prs.slide_layouts[1], prs.slide_layouts[5]

    def listed(title: str, lines: list[tuple[str, int]]) -> Any:
        slide = prs.slides.add_slide(content)
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        for number, (text, level) in enumerate(lines):
            paragraph = body.paragraphs[0] if number == 0 else body.add_paragraph()
            paragraph.text, paragraph.level = text, level
        return body

    body = listed("Trin", [("Indkaldelse", 1), ("Høring", 1), ("Beslutning", 1)])
    for paragraph in body.paragraphs:  # numbered as PowerPoint numbers: 1. 2. 3.
        paragraph._p.get_or_add_pPr().append(
            paragraph._p.makeelement(qn("a:buAutoNum"), {"type": "arabicPeriod"})
        )
    body = listed("Emner", [("Det drøfter vi:", 0), ("Budget", 1), ("Trivsel", 1)])
    body.paragraphs[0].runs[0].font.bold = True
    body = listed("Vigtigt", [("Husk at melde afbud", 0), ("Kaffe", 0)])
    word = body.paragraphs[0].add_run()
    word.text, word.font.underline = " senest fredag", True
    listed("Dybt", [("Budget", 0), ("Drift", 1), ("Løn", 2)])  # a third level
    body = listed("Kommando", [("deckgen build decks/x.yaml", 0), ("  --set omu=Børn", 0)])
    for paragraph in body.paragraphs:
        paragraph.runs[0].font.name = "Consolas"
    slide = prs.slides.add_slide(prs.slide_layouts[8])  # picture with caption
    slide.shapes.title.text = "Huset"
    slide.placeholders[1].insert_picture(io.BytesIO(_png("red")))
    caption = slide.placeholders[2].text_frame
    caption.text = "Bygget 1921"
    caption.add_paragraph().text = "Renoveret 2019"
    caption.add_paragraph().text = "Fredet 2021"
    slide = prs.slides.add_slide(title_only)
    slide.shapes.title.text = "Haven"
    picture = slide.shapes.add_picture(io.BytesIO(_png("red")), Inches(1), Inches(2))
    picture._element.nvPicPr.cNvPr.set("descr", r"C:\Users\mette.holm\Billeder\have.jpg")
    prs.save(str(path))
    return path


def test_import_keeps_the_structure_of_lists_or_keeps_the_slide_as_designed(sample_copy, elsewhere):
    source = _structured_deck(elsewhere / "struktur.pptx")
    result = _run("import", source, "-o", "decks/blocks/struktur.yaml")
    assert result.exit_code == 0, result.output
    blocks = _blocks(sample_copy / "decks" / "blocks" / "struktur.yaml")
    # Numbered points stay numbered, at the top level however deep they were written.
    assert blocks[0] == {
        "id": "trin",
        "kind": "bullets",
        "title": "Trin",
        "items": ["Indkaldelse", "Høring", "Beslutning"],
        "numbered": True,
    }
    # A bold line above the points is the kind's lead, which the theme sets in bold.
    assert blocks[1]["lead"] == "Det drøfter vi:"
    assert blocks[1]["items"] == ["Budget", "Trivsel"]
    # An underlined word, a third level, code in a fixed-width font with its indent, points
    # beside a picture: no kind writes them, so the slides are kept as designed.
    assert [b["kind"] for b in blocks[2:6]] == ["slide", "slide", "slide", "slide"]
    # A picture described by the file it came from: that says nothing, and whose it was.
    assert blocks[6]["kind"] == "image" and "alt_text" not in blocks[6]
    assert "mette.holm" not in (sample_copy / "decks" / "blocks" / "struktur.yaml").read_text()
    built = _run("build", "decks/struktur.yaml", "-o", "build/struktur.pptx")
    assert built.exit_code == 0, built.output
    slides = Presentation(str(sample_copy / "build" / "struktur.pptx")).slides
    numbers = slides[0].placeholders[1].text_frame.paragraphs[0]._p.pPr
    assert numbers.find(qn("a:buAutoNum")) is not None
    code = slides[4].shapes[1].text_frame.paragraphs[1]
    assert code.runs[0].text == "  --set omu=Børn" and code.runs[0].font.name == "Consolas"


def test_a_slide_whose_parts_are_missing_is_named_not_a_traceback(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import zipfile

    from click.testing import CliRunner
    from pptx import Presentation
    from sample_project import copy_sample

    from deckgen.cli.commands import main

    monkeypatch.chdir(copy_sample(tmp_path / "projekt"))
    whole = tmp_path / "hel.pptx"
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "Dagsorden"
    prs.save(whole)
    broken = tmp_path / "uden-rels.pptx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            if not item.filename.startswith("ppt/slides/_rels/"):
                target.writestr(item, source.read(item))
    result = CliRunner().invoke(main, ["import", str(broken), "-o", "decks/blocks/b.yaml"])
    assert result.exit_code == 1, result.output
    assert "slide 1 is damaged" in result.output and "uden-rels.pptx" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "projekt" / "decks" / "blocks" / "b.yaml").exists()


def test_an_original_named_with_a_backslash_or_braces_is_copied_under_a_name_that_builds(
    sample_copy, elsewhere
):
    """`x\\y.pptx` (a backslash is a letter in a Linux or Mac name) and `{{ omu }}.pptx` were
    copied as they were named: the block files then named a path the library refuses
    (backslash) or a variable, and the imported deck did not build."""
    for number, name in enumerate(("x\\y.pptx", "Møde {{ omu }}.pptx")):
        source = _python_pptx_deck(elsewhere / name, table=True)
        result = _run("import", source, "-o", f"decks/blocks/tal{number}.yaml")
        assert result.exit_code == 0, result.output
        built = _run("build", f"decks/tal{number}.yaml", "-o", f"build/tal{number}.pptx")
        assert built.exit_code == 0, built.output
    copies = sorted(p.name for p in (sample_copy / "assets" / "slides").glob("*.pptx"))
    assert "x_y.pptx" in copies and "Møde { { omu } }.pptx" in copies
