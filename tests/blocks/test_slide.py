"""Reused slides (`kind: slide`): a slide of a .pptx made by another tool carried into a deck
with its table, chart (and workbook), group, picture, link and notes; correct as PowerPoint
and the validators see it; looking as it did; and every bad file refused at its line."""

from __future__ import annotations

import hashlib
import re
import runpy
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_PROJECT, notes, texts
from lxml import etree
from office import require_office
from ooxml_sdk import require_validator, sdk_errors
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from renders import changed_share
from source_decks import make_source, through_libreoffice
from test_packages import _bomb, _package, _rel

from deckgen import api
from deckgen.errors import DeckgenError
from deckgen.ooxml.schema import validate
from deckgen.provenance import read_provenance

P14 = "{http://schemas.microsoft.com/office/powerpoint/2010/main}creationId"


def _blocks(*entries: str) -> str:
    """A block file of `slide` blocks; each entry is `id|slide|more YAML lines`."""
    lines = ["blocks:"]
    for entry in entries:
        block_id, slide, *more = entry.split("|")
        lines += [
            f"  - id: {block_id}",
            "    kind: slide",
            "    file: ../../assets/kilde.pptx",
            f"    slide: {slide}",
            *[f"    {line}" for line in more],
        ]
    return "\n".join(lines) + "\n"


def _project(project, *entries: str, source: Path | None = None):
    (project.root / "assets").mkdir(exist_ok=True)
    target = project.root / "assets" / "kilde.pptx"
    if source is None:
        make_source(target)
    else:
        shutil.copyfile(source, target)
    project.blocks(_blocks(*entries))
    ids = [entry.split("|")[0] for entry in entries]
    project.deck("".join(f"- {i}\n" for i in ids), variables="direktør: Lars Kjærgaard\n")
    return project


def _refused(project) -> str:
    with pytest.raises(DeckgenError) as caught:
        api.build_deck(project.deck_path, project.output)
    assert not project.output.exists()
    return str(caught.value).replace(f"{project.root}/", "")


def test_a_slide_chosen_by_title_brings_its_table_group_picture_link_and_notes(project):
    prs = _project(project, "org|Organisationen").build()
    slide = prs.slides[0]
    shapes = {shape.name: shape for shape in slide.shapes}
    table = shapes["Organisationstabel"].table
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Rolle", "Navn"],
        ["Direktør", "Lars Kjærgaard"],  # {{ direktør }} filled in
        ["Chef", "Maja Holm"],
    ]
    group = shapes["Organisationsdiagram"]
    assert group.shape_type == MSO_SHAPE_TYPE.GROUP
    assert [s.text_frame.text for s in group.shapes] == ["Direktion", "Børn og Familie"]
    picture = next(s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    assert picture._element.nvPicPr.cNvPr.get("descr") == "Rød over blå"
    link = next(s for s in slide.shapes if s.has_text_frame and "Læs mere" in s.text_frame.text)
    run = link.text_frame.paragraphs[0].runs[0]
    assert run.hyperlink.address == "https://www.example.dk/organisation"
    assert slide.shapes.title.text == "Organisationen"
    assert notes(slide) == "Fortæl om organisationen, Lars Kjærgaard."


def test_a_chart_brings_a_copy_of_its_workbook_and_pictures_are_shared(project):
    _project(project, "tal|2", "tal-igen|Tal for året|keep: source", "org|1", "org-igen|1")
    prs = project.build()
    charts = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 2
    assert [list(c.plots[0].categories) for c in charts] == [["2023", "2024", "2025"]] * 2
    assert [c.plots[0].series[0].values for c in charts] == [(120.0, 135.0, 150.0)] * 2
    workbooks = [chart.part.chart_workbook.xlsx_part for chart in charts]
    # Each chart has its own part and its own workbook: editing one's data leaves the other.
    assert charts[0].part is not charts[1].part
    assert workbooks[0] is not workbooks[1]
    assert workbooks[0].partname != workbooks[1].partname
    assert workbooks[0].blob == workbooks[1].blob
    with zipfile.ZipFile(project.output) as package:
        names = package.namelist()
    source_picture = hashlib.sha256(_picture_bytes(project.root / "assets" / "kilde.pptx"))
    pictures = [n for n in names if n.startswith("ppt/media/")]
    with zipfile.ZipFile(project.output) as package:
        same = [
            n
            for n in pictures
            if hashlib.sha256(package.read(n)).digest() == source_picture.digest()
        ]
    assert len(same) == 1, "the picture used on two reused slides is stored once"


def _picture_bytes(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read(next(n for n in package.namelist() if n.startswith("ppt/media/")))


def test_shape_ids_are_fresh_and_creation_ids_unique(project):
    _project(project, "org|1", "org-igen|1", "tal|2")
    prs = project.build()
    for slide in prs.slides:
        ids = [int(e.get("id")) for e in slide._element.iter("{*}cNvPr")]
        assert ids == list(range(1, len(ids) + 1)), "shape ids 1, 2, … on each slide"
    # python-pptx writes no creationId; give the source some to see them made unique.
    source = Presentation(str(project.root / "assets" / "kilde.pptx"))
    for slide in source.slides:
        ext = slide._element.makeelement(
            "{http://schemas.openxmlformats.org/presentationml/2006/main}extLst", {}
        )
        entry = ext.makeelement(
            "{http://schemas.openxmlformats.org/presentationml/2006/main}ext",
            {"uri": "{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}"},
        )
        entry.append(entry.makeelement(P14, {"val": "1234"}))
        ext.append(entry)
        slide._element.append(ext)
    source.save(project.root / "assets" / "kilde.pptx")
    prs = project.build()
    values = [e.get("val") for slide in prs.slides for e in slide._element.iter(P14)]
    assert len(values) == 3 and len(set(values)) == 3 and "1234" not in values


def test_keep_source_copies_its_master_once_however_many_slides_use_it(project):
    _project(project, "org|1|keep: source", "tal|2|keep: source", "org-igen|1|keep: source")
    prs = project.build()
    masters = list(prs.slide_masters)
    assert len(masters) == 2  # the theme's, and the source's once
    copied = masters[1]
    assert [layout.name for layout in copied.slide_layouts] == ["Title Only"]
    assert {slide.slide_layout.name for slide in prs.slides} == {"Title Only"}
    assert all(slide.slide_layout.slide_master is copied for slide in prs.slides)


def test_keep_theme_takes_the_theme_layout_of_that_name_or_of_the_same_standard_layout(project):
    source = project.root / "named.pptx"
    make_source(source)
    prs = Presentation(str(source))
    prs.slide_layouts[5].name = "Kun titel"  # the theme's own name for it
    prs.save(source)
    _project(project, "org|1", source=source)
    result = api.build_deck(project.deck_path, project.output)
    assert not result.warnings
    assert Presentation(str(project.output)).slides[0].slide_layout.name == "Kun titel"
    _project(project, "org|1")  # 'Title Only' is the same standard layout in English
    result = api.build_deck(project.deck_path, project.output, force=True)
    assert not result.warnings
    assert Presentation(str(project.output)).slides[0].slide_layout.name == "Kun titel"


def test_a_slide_on_a_layout_the_theme_lacks_keeps_its_placeholders_where_they_were(project):
    source = project.root / "custom.pptx"
    prs = Presentation()
    layout = prs.slide_layouts[3]  # Two Content: a second body the theme's layouts lack
    layout.name = "Vores to spalter"
    layout._element.set("type", "cust")
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "To spalter"
    slide.placeholders[1].text = "Venstre"
    slide.placeholders[2].text = "Højre"
    prs.save(source)
    right = layout.placeholders[2]
    _project(project, "org|1", source=source)
    result = api.build_deck(project.deck_path, project.output)
    assert not result.warnings
    built = Presentation(str(project.output)).slides[0]
    assert built.slide_layout.name == "Kun titel"
    # The theme's title-only layout has no second body: the right column keeps its place,
    # fitted from the 4:3 slide onto the 16:9 one (centred, same height).
    placed = next(shape for shape in built.placeholders if shape.text_frame.text == "Højre")
    offset = (project_width(project) - prs.slide_width) // 2
    assert (placed.left, placed.top) == (right.left + offset, right.top)
    assert (placed.width, placed.height) == (right.width, right.height)


def project_width(project) -> int:
    return Presentation(str(project.output)).slide_width


def test_title_and_notes_fields_replace_the_slides_own(project):
    slide = (
        _project(
            project, "org|Organisationen|title: 'Ledelsen i {{ omu }}'|notes: Sig kort hvem vi er."
        )
        .build()
        .slides[0]
    )
    assert slide.shapes.title.text == "Ledelsen i OMU Børn og Familie"
    assert notes(slide) == "Sig kort hvem vi er."


def test_the_same_inputs_give_the_same_bytes_and_a_changed_source_a_new_inputs_hash(project):
    _project(project, "org|1", "tal|2|keep: source")
    api.build_deck(project.deck_path, project.output)
    first = project.output.read_bytes()
    api.build_deck(project.deck_path, project.output, force=True)
    assert project.output.read_bytes() == first
    before = read_provenance(project.output)
    prs = Presentation(str(project.root / "assets" / "kilde.pptx"))
    prs.slides[2].shapes.title.text = "Ekstra, rettet"  # a slide this deck does not show
    prs.save(project.root / "assets" / "kilde.pptx")
    api.build_deck(project.deck_path, project.output, force=True)
    after = read_provenance(project.output)
    assert before is not None and after is not None
    assert after.inputs != before.inputs


@pytest.fixture(scope="module")
def libreoffice_source(tmp_path_factory) -> Path:
    require_office()
    folder = tmp_path_factory.mktemp("libreoffice")
    return through_libreoffice(make_source(folder / "kilde.pptx"), folder / "out")


def test_slides_from_python_pptx_and_libreoffice_validate_without_errors(
    project, libreoffice_source, tmp_path
):
    require_validator()
    built = []
    for name, source in (("python-pptx", None), ("libreoffice", libreoffice_source)):
        _project(project, "org|1", "tal|2", "org-kilde|1|keep: source", source=source)
        api.build_deck(project.deck_path, project.output, force=True)
        target = tmp_path / f"{name}.pptx"
        shutil.copyfile(project.output, target)
        built.append(target)
        assert validate(target.read_bytes()) == [], name
        prs = Presentation(str(target))
        assert "Lars Kjærgaard" in "".join(texts(prs.slides[0]) + _table_text(prs.slides[0]))
        assert any(s.has_chart for s in prs.slides[1].shapes), name
    assert sdk_errors(built) == {str(path): [] for path in built}


def _table_text(slide) -> list[str]:
    return [c.text for s in slide.shapes if s.has_table for r in s.table.rows for c in r.cells]


def _render(pptx: Path, folder: Path) -> list[Image.Image]:
    folder.mkdir(parents=True, exist_ok=True)
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), pptx],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = folder / (pptx.stem + ".pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "30", pdf, folder / "p"], check=True, timeout=120)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("p-*.png"))]


def test_a_reused_slide_renders_as_its_source_slide(project, libreoffice_source, tmp_path):
    require_office()
    _project(project, "org|1|keep: source", "tal|2|keep: source")
    api.build_deck(project.deck_path, project.output)
    source = Presentation(str(project.root / "assets" / "kilde.pptx"))
    # The variable filled in differs from the source's text: compare with it filled in too.
    cell = source.slides[0].shapes[1].table.cell(1, 1)
    cell.text_frame.paragraphs[0].runs[0].text = "Lars Kjærgaard"
    source.save(tmp_path / "kilde.pptx")
    original = _render(tmp_path / "kilde.pptx", tmp_path / "kilde")
    reused = _render(project.output, tmp_path / "deck")
    for number in (0, 1):
        assert changed_share(original[number], reused[number]) < 0.003, number
    # …and a slide on another slide's look does differ: the comparison can fail.
    assert changed_share(original[0], reused[1]) > 0.05


def test_a_slide_number_out_of_range_lists_the_slides(project):
    message = _refused(_project(project, "org|7"))
    assert message.startswith("decks/blocks/blocks.yaml:5:5: the presentation has 3 slides; ")
    assert (
        "there is no slide 7 — its slides are: 1: 'Organisationen', 2: 'Tal for året', " in message
    )


def test_a_blank_slide_choice_says_it_is_empty_in_the_users_words(project):
    # `slide` may be a number or a title: blank text is judged as a title, not as msgspec's
    # "Expected `str` of length >= 1" in English.
    message = _refused(_project(project, 'org|"  "'))
    assert message == (
        "decks/blocks/blocks.yaml:5:5: block 'org', slide: must not be empty — "
        "write the text, or remove the field"
    )


def test_a_title_not_found_suggests_the_nearest(project):
    message = _refused(_project(project, "org|Organisation"))
    assert message.startswith(
        "decks/blocks/blocks.yaml:5:5: the presentation has no slide titled 'Organisation' — "
        "did you mean 'Organisationen'?"
    )


def test_a_slide_chosen_as_a_superscript_two_is_a_title_not_found(project):
    # `²` is a digit to Python (`isdigit`) but no number to `int`: the build stopped with a
    # traceback ("invalid literal for int()") where a title not found is said.
    message = _refused(_project(project, 'org|"²"'))
    assert message.startswith(
        "decks/blocks/blocks.yaml:5:5: the presentation has no slide titled '²' — "
    )


def test_a_reused_slide_with_a_position_that_is_no_number_is_refused_as_damaged(project):
    # `<a:off x="abc">` on a 4:3 slide fitted to the theme's 16:9: the build stopped with a
    # traceback ("invalid literal for int()") while fitting it.
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Vejen frem"
    box = slide.shapes.add_textbox(0, 0, 3600000, 1080000)
    box.text_frame.text = "Dialog"
    box._element.find(f".//{qn('a:off')}").set("x", "abc")
    (project.root / "assets").mkdir()
    prs.save(str(project.root / "assets" / "kilde.pptx"))
    project.blocks(_blocks("org|1|keep: source"))
    project.deck("- org\n")
    assert _refused(project) == (
        "decks/blocks/blocks.yaml:2:5: block 'org': the presentation kilde.pptx is damaged — "
        "open the presentation in PowerPoint and save it again"
    )


def test_a_path_outside_the_project_or_missing_is_refused_at_file(project):
    _project(project, "org|1")
    text = project.deck_path.parent.joinpath("blocks", "blocks.yaml")
    text.write_text(text.read_text().replace("../../assets/kilde.pptx", "../../../ude.pptx"))
    assert "blocks.yaml:4:5: '../../../ude.pptx' leads outside the project" in _refused(project)
    text.write_text(text.read_text().replace("../../../ude.pptx", "../../assets/nej.pptx"))
    assert "blocks.yaml:4:5: presentation '../../assets/nej.pptx' not found" in _refused(project)


def test_a_folder_a_loop_of_links_or_an_absolute_path_is_refused_in_words_for_a_presentation(
    project,
):
    _project(project, "org|1")
    text = project.deck_path.parent.joinpath("blocks", "blocks.yaml")
    assets = project.root / "assets"
    (assets / "mappe.pptx").mkdir()
    (assets / "a.pptx").symlink_to("b.pptx")
    (assets / "b.pptx").symlink_to("a.pptx")
    said = {}
    for written in ("../../assets/mappe.pptx", "../../assets/a.pptx", "/etc/passwd"):
        text.write_text(text.read_text().replace("../../assets/kilde.pptx", written))
        said[written] = _refused(project)
        text.write_text(text.read_text().replace(written, "../../assets/kilde.pptx"))
    assert said["../../assets/mappe.pptx"] == (
        "decks/blocks/blocks.yaml:4:5: '../../assets/mappe.pptx' is a folder, not a presentation"
        " — name the .pptx file"
    )
    assert said["../../assets/a.pptx"] == (
        "decks/blocks/blocks.yaml:4:5: '../../assets/a.pptx' is a symbolic link that leads round"
        " in a loop — point the link at the presentation file itself"
    )
    assert said["/etc/passwd"].startswith(
        "decks/blocks/blocks.yaml:4:5: '/etc/passwd' is an absolute path; the presentation must"
    )
    assert "picture" not in " ".join(said.values())


def _hostile(project, tmp_path, **change) -> str:
    good = make_source(tmp_path / "god.pptx")
    bad = _package(tmp_path / "ond.pptx", good, **change)
    return _refused(_project(project, "org|1", source=bad))


def test_a_damaged_file_is_refused_at_file(project, tmp_path):
    good = make_source(tmp_path / "god.pptx")
    cut = tmp_path / "kort.pptx"
    cut.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    message = _refused(_project(project, "org|1", source=cut))
    assert message.startswith("decks/blocks/blocks.yaml:4:5: the file is not a PowerPoint file")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(project, tmp_path):
    message = _refused(_project(project, "org|1", source=_bomb(tmp_path / "bombe.pptx")))
    assert message.startswith("decks/blocks/blocks.yaml:4:5: the file unpacks to far more")
    assert "zip bomb" in message


def test_two_relationships_with_one_id_are_refused_as_damage_not_a_traceback(project, tmp_path):
    # python-pptx keeps the last of the two and loses the slide's layout.
    twice = _rel("rId1", "image", "../media/image1.png", external=False)
    rels = "ppt/slides/_rels/slide1.xml.rels"
    message = _hostile(
        project, tmp_path, edits={rels: (b"</Relationships>", twice + b"</Relationships>")}
    )
    assert message.startswith(
        "decks/blocks/blocks.yaml:4:5: the file is damaged: part 'ppt/slides/_rels/slide1.xml.rels':"
        " relationship 'rId1' is given twice"
    )


def test_a_presentation_without_a_slide_size_is_refused_not_a_traceback(project, tmp_path):
    message = _hostile(
        project, tmp_path, edits={"ppt/presentation.xml": (b"<p:sldSz ", b"<p:notesSz ")}
    )
    assert message == (
        "decks/blocks/blocks.yaml:2:5: block 'org': the presentation kilde.pptx does not say the"
        " size of its slides — open the presentation in PowerPoint and save it again"
    )


def test_a_slide_of_a_potx_template_is_reused_not_called_damaged(project, tmp_path):
    good = make_source(tmp_path / "god.pptx")
    kinds = (
        b"presentationml.presentation.main+xml",
        b"presentationml.template.main+xml",
    )
    template = _package(tmp_path / "skabelon.potx", good, edits={"[Content_Types].xml": kinds})
    prs = _project(project, "org|Organisationen|keep: source", source=template).build()
    assert "Organisationstabel" in [shape.name for shape in prs.slides[0].shapes]


def test_a_macro_file_is_refused(project, tmp_path):
    message = _hostile(
        project,
        tmp_path,
        edits={
            "[Content_Types].xml": (
                b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
                b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
            )
        },
    )
    assert message.startswith("decks/blocks/blocks.yaml:4:5: the slide cannot be reused: ")
    assert "macro-enabled content" in message and "do not enable them" in message


def test_a_slide_with_an_external_link_is_refused_at_slide(project, tmp_path):
    rels = "ppt/slides/_rels/slide1.xml.rels"
    outside = _rel("rId99", "image", "http://example.com/spor.png")
    message = _hostile(
        project, tmp_path, edits={rels: (b"</Relationships>", outside + b"</Relationships>")}
    )
    assert message.startswith("decks/blocks/blocks.yaml:5:5: the slide cannot be reused: ")
    assert "links a picture to 'http://example.com/spor.png' outside the file" in message


def test_a_slide_with_an_ole_object_is_refused_but_other_slides_of_the_file_are_not(
    project, tmp_path
):
    ole = _rel("rId99", "oleObject", "../embeddings/oleObject1.bin", external=False)
    change = {
        "edits": {
            "ppt/slides/_rels/slide1.xml.rels": (b"</Relationships>", ole + b"</Relationships>")
        },
        "extra": {"ppt/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0 not really OLE"},
    }
    message = _hostile(project, tmp_path, **change)
    assert message.startswith("decks/blocks/blocks.yaml:4:5: the slide cannot be reused: ")
    assert "OLE object" in message
    project.blocks(_blocks("tal|2"))
    project.deck("- tal\n", variables="direktør: Lars\n")
    api.build_deck(project.deck_path, project.output)  # slide 2 carries no OLE object
    assert any(s.has_chart for s in Presentation(str(project.output)).slides[0].shapes)


def _shapes(slide) -> dict:
    return {shape.name: shape for shape in slide.shapes}


def _link_size(slide) -> float:
    box = next(s for s in slide.shapes if s.has_text_frame and "Læs mere" in s.text_frame.text)
    return box.text_frame.paragraphs[0].runs[0].font.size.pt


def test_a_4_3_slide_is_centred_on_the_16_9_theme_as_designed(project, tmp_path):
    small = make_source(tmp_path / "4x3.pptx", width=9144000, height=6858000)
    original = _shapes(Presentation(str(small)).slides[0])
    result = api.build_deck(_project(project, "org|1", source=small).deck_path, project.output)
    slide = Presentation(str(project.output)).slides[0]
    shapes = _shapes(slide)
    offset = (12192000 - 9144000) // 2  # the same height: nothing is scaled, only centred
    for name in ("Organisationstabel", "Organisationsdiagram", "Picture 6"):
        before, after = original[name], shapes[name]
        assert (after.left, after.top) == (before.left + offset, before.top), name
        assert (after.width, after.height) == (before.width, before.height), name
    assert _link_size(slide) == 18
    assert not result.warnings


def test_a_taller_slide_is_scaled_to_fit_with_its_text_and_says_where_text_got_small(
    project, tmp_path
):
    # LibreOffice 3's default slide, 28 × 21 cm: 19.05 / 21 of its size on the theme's.
    tall = make_source(tmp_path / "28x21.pptx", width=10080000, height=7560000)
    original = _shapes(Presentation(str(tall)).slides[0])
    result = api.build_deck(_project(project, "org|1", source=tall).deck_path, project.output)
    slide = Presentation(str(project.output)).slides[0]
    scale = 6858000 / 7560000
    before, after = original["Organisationstabel"], _shapes(slide)["Organisationstabel"]
    assert after.width == round(before.width * scale)
    assert after.left == round(before.left * scale) + round((12192000 - 10080000 * scale) / 2)
    assert after.top == round(before.top * scale)
    assert _link_size(slide) == 16.33  # 18 pt, scaled with its box
    assert [str(w).replace(f"{project.root}/", "") for w in result.warnings] == [
        "decks/blocks/blocks.yaml:2:5: block 'org': the slide was made for 28.00 × 21.00 cm "
        "slides and is shrunk to 91 % to fit; some of its text is now 16 pt — look at the "
        "slide: make its text larger, or split it in two"
    ]


def test_keep_source_fits_the_slides_own_layout_and_master_too(project, tmp_path):
    small = make_source(tmp_path / "4x3.pptx", width=9144000, height=6858000)
    source = Presentation(str(small)).slide_layouts[5]
    _project(project, "org|1|keep: source", source=small).build()
    layout = Presentation(str(project.output)).slides[0].slide_layout
    offset = (12192000 - 9144000) // 2
    for before, after in [
        (source.slide_master.placeholders[0], layout.slide_master.placeholders[0]),
        *zip(source.placeholders, layout.placeholders, strict=True),
    ]:
        if before.left is not None:  # a layout's placeholder may leave it to the master
            assert (after.left, after.top) == (before.left + offset, before.top)
            assert (after.width, after.height) == (before.width, before.height)


def test_a_band_across_a_4_3_slide_is_worth_a_look_on_the_wider_slide(project, tmp_path):
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Emu

    small = make_source(tmp_path / "4x3.pptx", width=9144000, height=6858000)
    prs = Presentation(str(small))
    prs.slides[0].shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Emu(6400000), Emu(9144000), Emu(458000))
    prs.save(small)
    result = api.build_deck(_project(project, "org|1", source=small).deck_path, project.output)
    assert [str(w).replace(f"{project.root}/", "") for w in result.warnings] == [
        "decks/blocks/blocks.yaml:2:5: block 'org': the slide was made for 25.40 × 19.05 cm "
        "slides and is centred on the theme's: shapes that ran to its edges (a band, a "
        "background picture) no longer reach the new edges — look at the slide: widen those "
        "shapes in PowerPoint, or remove them"
    ]


def test_a_slide_a_few_hundred_emu_off_the_theme_s_size_is_the_same_size(project, tmp_path):
    # 33.87 × 19.05 cm both, to a hundredth of a millimetre: as another program saves 16:9.
    near = make_source(tmp_path / "naesten.pptx", width=12192000 - 119, height=6858000)
    _project(project, "org|1", source=near)
    project.deck("- org\n", "direktør: Mette Holm\n")
    slide = project.build().slides[0]
    assert slide.shapes.title.text == "Organisationen"


def test_a_variable_in_the_slide_the_deck_does_not_set_is_refused(project):
    _project(project, "org|1")
    project.deck("- org\n")  # no direktør
    message = _refused(project)
    assert message == (
        "decks/blocks/blocks.yaml:2:5: block 'org': the slide uses variable {{ direktør }}, "
        "which is not set — give direktør a value under the deck's `variables:`"
    )
    # What the hint once offered, --set, is refused: the deck does not declare the name.
    with pytest.raises(DeckgenError, match="neither declares nor uses"):
        api.build_deck(project.deck_path, project.output, {"direktør": "Lars"})


def test_check_judges_a_reused_slide_like_any_other(project):
    source = project.root / "utitlet.pptx"
    make_source(source)
    prs = Presentation(str(source))
    picture = next(s for s in prs.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    picture._element.nvPicPr.cNvPr.set("descr", "")  # the picture loses its alt text
    prs.save(source)
    _project(project, "org|1|keep: source", source=source)
    api.build_deck(project.deck_path, project.output)
    report = api.check_decks([project.output])[0]
    found = [(f.check, f.slide) for f in report.findings]
    assert ("accessibility.alt_text", 1) in found, report.findings


def _without_alt_text(project, descr: str = "") -> Path:
    source = project.root / "utitlet.pptx"
    make_source(source)
    prs = Presentation(str(source))
    picture = next(s for s in prs.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    picture._element.nvPicPr.cNvPr.set("descr", descr)
    prs.save(source)
    return source


def _descriptions(project) -> dict[str, str]:
    slide = Presentation(str(project.output)).slides[0]
    return {
        props.get("name"): props.get("descr")
        for props in slide._element.iter(qn("p:cNvPr"))
        if props.get("descr") is not None
    }


def test_a_slide_block_gives_its_shapes_alt_text_by_name_or_in_order(project):
    source = _without_alt_text(project)
    _project(
        project,
        "org|1|alt_text: {Organisationsdiagram: Direktionen over Børn og Familie}",
        "org2|1|alt_text: [Et rødt felt over et blåt]",
        source=source,
    ).build()
    assert _descriptions(project) == {
        "Organisationsdiagram": "Direktionen over Børn og Familie",
        "Picture 6": "",
    }
    slide = Presentation(str(project.output)).slides[1]
    # In order: the slide's pictures, charts, diagrams and groups: the group comes first.
    described = [p.get("descr") for p in slide._element.iter(qn("p:cNvPr")) if p.get("descr")]
    assert described == ["Et rødt felt over et blåt"]
    report = api.check_decks([project.deck_path])[0]
    assert [(f.check, f.slide) for f in report.findings if "alt" in f.check] == [
        ("accessibility.alt_text", 1),  # the picture is still undescribed on the first
        ("accessibility.alt_text", 2),  # the group is described; the picture is not
    ]


def test_alt_text_for_a_shape_the_slide_lacks_is_refused_at_its_line(project):
    _project(project, "org|1|alt_text: {Diagram 9: Noget}")
    message = _refused(project)
    assert message == (
        "decks/blocks/blocks.yaml:6:16: the slide has no shape named 'Diagram 9' — its shapes "
        "are: 'Title 1', 'Organisationstabel', "
        "'Organisationsdiagram', 'Rounded Rectangle 3', 'Rounded Rectangle 4', 'Picture 6', "
        "'TextBox 7'"
    )


def test_a_picture_described_by_its_file_name_loses_it_when_reused(project):
    source = _without_alt_text(project, r"C:\Users\mette.holm\Billeder\diagram.png")
    _project(project, "org|1", source=source).build()
    assert "Picture 6" not in _descriptions(project)


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_chart_linked_to_a_workbook_keeps_its_values_and_leaves_the_link(project, tmp_path):
    good = make_source(tmp_path / "god.pptx")
    chart_rels = "ppt/charts/_rels/chart1.xml.rels"
    embedded = re.search(rb"<Relationship [^>]*/>", _members(good)[chart_rels]).group(0)
    linked = _rel("rId1", "oleObject", "file:///S:/%C3%98konomi/sager.xlsx")
    source = _package(tmp_path / "linket.pptx", good, edits={chart_rels: (embedded, linked)})
    result = api.build_deck(_project(project, "tal|2", source=source).deck_path, project.output)
    assert [str(w).replace(f"{project.root}/", "") for w in result.warnings] == [
        "decks/blocks/blocks.yaml:2:5: block 'tal': a chart's data was linked to the workbook "
        "'file:///S:/Økonomi/sager.xlsx'; the chart keeps the values it shows, but its data "
        "can no longer be edited in PowerPoint — to edit the numbers, paste them into a new "
        "chart in PowerPoint (Insert → Chart), whose data the presentation keeps"
    ]
    built = _members(project.output)
    chart = next(name for name in built if name.startswith("ppt/charts/chart"))
    assert b"externalData" not in built[chart] and b"<c:v>135</c:v>" in built[chart]
    assert not any(b"TargetMode" in data for name, data in built.items() if "charts" in name)


def test_a_link_to_a_web_page_is_kept_like_any_other(project, tmp_path):
    source = make_source(tmp_path / "http.pptx")
    prs = Presentation(str(source))
    box = next(s for s in prs.slides[0].shapes if s.has_text_frame and "Læs" in s.text_frame.text)
    box.text_frame.paragraphs[0].runs[0].hyperlink.address = "http://www.example.dk/gammel"
    prs.save(source)
    result = api.build_deck(_project(project, "org|1", source=source).deck_path, project.output)
    assert not result.warnings
    slide = Presentation(str(project.output)).slides[0]
    box = next(s for s in slide.shapes if s.has_text_frame and "Læs" in s.text_frame.text)
    assert box.text_frame.paragraphs[0].runs[0].hyperlink.address == "http://www.example.dk/gammel"


def test_a_kept_slide_brings_its_tables_style_and_its_text_boxes_default_text(project, tmp_path):
    style = (
        b'<a:tblStyle styleId="{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}" styleName="Kommunal">'
        b'<a:wholeTbl><a:tcTxStyle><a:schemeClr val="dk1"/></a:tcTxStyle></a:wholeTbl>'
        b"</a:tblStyle>"
    )
    good = make_source(tmp_path / "god.pptx")
    source = _package(
        tmp_path / "stil.pptx",
        good,
        edits={
            "ppt/tableStyles.xml": (
                b'85BDC9FD1C3A}"/>',
                b'85BDC9FD1C3A}">' + style + b"</a:tblStyleLst>",
            ),
            "ppt/slides/slide1.xml": (
                b"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}",
                b"{0F1E2D3C-4B5A-4968-8776-A5B4C3D2E1F0}",
            ),
            "ppt/presentation.xml": (b'sz="1800"', b'sz="2800"'),
        },
    )
    _project(project, "org|1|keep: source", source=source).build()
    built = _members(project.output)
    assert b'styleName="Kommunal"' in built["ppt/tableStyles.xml"]
    slide = Presentation(str(project.output)).slides[0]
    # Text in a shape that is no placeholder takes its size from its presentation's default
    # text style: it comes along, so the group's boxes keep their 28 pt.
    group = next(s for s in slide.shapes if s.name == "Organisationsdiagram")
    box = group.shapes[0]._element
    assert (
        box.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}").get(
            "sz"
        )
        == "2800"
    )


def test_powerpoint_2007_chart_labels_say_what_they_do_not_show():
    from lxml import etree

    from deckgen.render.reusedparts import explicit_labels

    chart = etree.fromstring(
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:dLbls><c:spPr/><c:showVal val="1"/><c:separator>;</c:separator></c:dLbls>'
        '<c:dLbls><c:delete val="1"/></c:dLbls></c:chartSpace>'
    )
    explicit_labels(chart)
    first, second = chart
    assert [(etree.QName(node).localname, node.get("val")) for node in first] == [
        ("spPr", None), ("showLegendKey", "0"), ("showVal", "1"), ("showCatName", "0"),
        ("showSerName", "0"), ("showPercent", "0"), ("showBubbleSize", "0"),
        ("separator", None),
    ]  # fmt: skip
    assert len(second) == 1  # deleted labels show nothing: nothing to say


def test_a_picture_named_in_capitals_gets_a_part_of_its_own(project, tmp_path):
    # `image1.PNG` is `image1.png`, which the theme's template has: the copy is renamed.
    members = _members(make_source(tmp_path / "god.pptx"))
    members["ppt/media/image1.PNG"] = members.pop("ppt/media/image1.png")
    rels = "ppt/slides/_rels/slide1.xml.rels"
    members[rels] = members[rels].replace(b"image1.png", b"image1.PNG")
    types = members["[Content_Types].xml"]
    members["[Content_Types].xml"] = types.replace(b'Extension="png"', b'Extension="PNG"')
    source = tmp_path / "store.pptx"
    with zipfile.ZipFile(source, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    _project(project, "org|1|keep: source", source=source).build()
    names = [name.lower() for name in _members(project.output)]
    assert len(names) == len(set(names))


def test_the_catalogue_shows_a_reused_slide(project, tmp_path):
    require_office()
    _project(project, "org|1")
    catalogue = api.make_catalogue(tmp_path / "katalog", project.root / "decks" / "blocks")
    assert [(e.block_id, e.kind) for e in catalogue.entries] == [("org", "slide")]
    assert catalogue.entries[0].heading == "kilde.pptx · 1"
    with Image.open(catalogue.entries[0].picture) as picture:
        colours = picture.convert("RGB").getcolors(1 << 20)
    # The source's red and blue picture is on it.
    assert any(r > 200 and g < 60 and b < 60 for _count, (r, g, b) in colours)


def test_danish_words_for_a_missing_slide(project):
    _project(project, "org|Organisation")
    from click.testing import CliRunner

    from deckgen.cli.commands import main

    result = CliRunner().invoke(main, ["--lang", "da", "build", str(project.deck_path)])
    assert result.exit_code == 1
    assert "har intet dias med titlen 'Organisation'" in result.output
    assert "mente du 'Organisationen'?" in result.output


def test_keep_theme_gets_the_theme_footer_and_danish_text_keep_source_keeps_its_own(project):
    prs = _project(project, "org|1", "org-kilde|1|keep: source").build()
    footers = [
        [s.text_frame.text for s in slide.placeholders if s.placeholder_format.type == 15]
        for slide in prs.slides
    ]
    assert footers == [["OMU Børn og Familie · 12. marts 2025"], []]
    languages = {r.get("lang") for r in prs.slides[0]._element.iter(f"{{{A}}}rPr")}
    assert languages == {"da-DK"}


A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def test_the_librarys_sample_slide_is_made_by_its_script_and_builds(sample_copy):
    # The script is deckgen's (it made the sample file); the file is pinned in the tests' copy.
    script = REPO / "assets" / "slides" / "make_slides.py"

    organisation = runpy.run_path(str(script))["organisation"]
    assert (
        organisation()
        == (SAMPLE_PROJECT / "assets" / "slides" / "direktion-2025.pptx").read_bytes()
    )
    deck = sample_copy / "decks" / "organisation.yaml"
    deck.write_text(
        "deck:\n  title: Prøve\nvariables:\n  omu: OMU Ældre\n  dato: 2025-05-01\n"
        "slides:\n  - organisation-2025\n",
        encoding="utf-8",
    )
    api.build_deck(deck, sample_copy / "build" / "organisation.pptx")
    slide = Presentation(str(sample_copy / "build" / "organisation.pptx")).slides[0]
    assert slide.shapes.title.text == "Organisationen"
    assert slide.slide_layout.name == "Kun titel"
    assert "Lars Kjærgaard" in _table_text(slide)
    assert notes(slide).endswith("hvilket område OMU Ældre hører under.")


def test_a_file_python_pptx_cannot_open_as_a_presentation_is_refused_at_the_block(
    project, tmp_path
):
    main = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    word = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    message = _hostile(project, tmp_path, edits={"[Content_Types].xml": (main, word)})
    assert message.startswith(
        "decks/blocks/blocks.yaml:2:5: block 'org': the presentation kilde.pptx is damaged — "
        "open the presentation in PowerPoint and save it again"
    )


def test_a_tour_draws_a_reused_slide_for_each_deck_with_its_own_variables(project):
    from deckgen.build import Builder

    _project(project, "org|1")
    builder = Builder(reuse_slides=True)  # as a tour's worker: drawn slides are kept
    directors = []
    for name in ("Mette Holm", "Lars Kjærgaard"):
        project.deck("- org\n", variables=f"direktør: {name}\n")
        builder.build(project.deck_path, project.output, force=True)
        slide = Presentation(str(project.output)).slides[0]
        directors.append(_table_text(slide)[3])
    assert directors == ["Mette Holm", "Lars Kjærgaard"]


def test_a_link_to_another_slide_of_the_source_is_left_out_with_a_warning(project, tmp_path):
    source = make_source(tmp_path / "spring.pptx")
    prs = Presentation(str(source))
    shape = next(s for s in prs.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
    button = prs.slides[0].shapes.add_textbox(0, 0, 1000000, 400000)
    button.text_frame.text = "Se tallene"
    button.click_action.target_slide = prs.slides[1]
    prs.save(source)
    _project(project, "org|1", source=source)
    result = api.build_deck(project.deck_path, project.output)
    assert [w.message for w in result.warnings][-1] == (
        "block 'org': a link on the slide leads to another slide of its presentation and is "
        "left out"
    )
    slide = Presentation(str(project.output)).slides[0]
    jump = next(s for s in slide.shapes if s.has_text_frame and s.text_frame.text == "Se tallene")
    assert jump.click_action.target_slide is None
    assert shape.name in [s.name for s in slide.shapes]
    assert validate(project.output.read_bytes()) == []


def test_a_reused_master_s_sample_at_a_level_written_as_a_superscript_is_passed_over(
    project, tmp_path
):
    """A slide kept in its own look from a deck whose master has no text styles and whose
    body sample says `lvl="²"` (a digit to Python, no number): the build stopped with a
    traceback ("invalid literal for int()") while giving the copied master text styles.
    The sample says nothing of any level, as `lvl="abc"` does, and the deck builds."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Vejen frem"
    slide.placeholders[1].text_frame.text = "Dialog med borgerne"
    master = prs.slide_masters[0]._element
    master.remove(master.find(qn("p:txStyles")))
    body = next(
        sp
        for sp in master.iter(qn("p:sp"))
        if sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}[@type='body']") is not None
    )
    samples = body.findall(f"{qn('p:txBody')}/{qn('a:p')}")
    samples[1].get_or_add_pPr().set("lvl", "²")
    folder = project.root / "assets"
    folder.mkdir()
    prs.save(str(folder / "kilde.pptx"))
    project.blocks(_blocks("genbrugt|1|keep: source"))
    project.deck("- genbrugt\n")
    built = project.build()
    assert [shape.text_frame.text for shape in built.slides[0].placeholders] == [
        "Vejen frem",
        "Dialog med borgerne",
    ]
    copied = built.slides[0].slide_layout.slide_master._element
    levels = copied.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    # The first sample and those after the superscript one; not it.
    assert [etree.QName(level).localname for level in levels][:2] == ["lvl1pPr", "lvl3pPr"]
