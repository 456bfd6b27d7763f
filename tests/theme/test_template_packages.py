"""Decks built in real templates are packages PowerPoint and the Open XML SDK open: one member
per name (LibreOffice's own spelling of the core-properties relationship no longer gives two
docProps/core.xml), no negative size (a picture slide on a LibreOffice layout, whose
placeholders have no idx, takes its body's box, not the title's), the view and presentation
properties PowerPoint wants; and `build` refuses to write what the gate calls invalid, while
the gate leaves a template's own parts to the template."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

from click.testing import CliRunner
from pictures import save_png, two_tone
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from real_templates import corpus_file
from templates import (
    LIBREOFFICE_LAYOUTS,
    PYTHON_PPTX_LAYOUTS,
    placeholder_texts,
    python_pptx_default,
    theme_for,
)

from deckgen.check import check_file
from deckgen.cli import main
from deckgen.errors import Location
from deckgen.render.package import package_problems


def _members(path) -> list[str]:
    with zipfile.ZipFile(path) as package:
        return [info.filename for info in package.infolist()]


def test_libreoffice_s_core_properties_relationship_gives_one_core_part(project):
    with zipfile.ZipFile(corpus_file("poi-bug60993.pptx")) as package:
        assert b"/officedocument/2006/relationships/metadata/core-properties" in package.read(
            "_rels/.rels"
        )
    template = shutil.copy(corpus_file("poi-bug60993.pptx"), project.root / "lo.pptx")
    project.blocks("blocks:\n  - {id: a, kind: statement, text: Hej}\n")
    project.deck("- a\n", theme=theme_for(template, LIBREOFFICE_LAYOUTS, project.root))
    prs = project.build()
    members = _members(project.output)
    assert members.count("docProps/core.xml") == 1
    assert len(members) == len({name.casefold() for name in members})
    assert prs.core_properties.title == "Testdæk"
    # PowerPoint offers to repair a presentation without these; LibreOffice 5 wrote neither.
    assert {"ppt/viewProps.xml", "ppt/presProps.xml"} <= set(members)


def test_a_picture_on_a_layout_without_idx_takes_the_body_s_box_not_the_title_s(project):
    template = shutil.copy(corpus_file("poi-bug60993.pptx"), project.root / "lo.pptx")
    save_png(project.root / "decks" / "bred.png", two_tone(800, 400))
    project.blocks(
        """
        blocks:
          - id: billede
            kind: image
            title: Lederworkshop
            file: ../bred.png
            alt_text: Rød over blå.
            caption: KKC og aktørskab
        """
    )
    project.deck("- billede\n", theme=theme_for(template, LIBREOFFICE_LAYOUTS, project.root))
    slide = project.build().slides[0]
    (picture,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    title = slide.shapes.title
    layout_body = next(
        ph for ph in slide.slide_layout.placeholders if ph.placeholder_format.type != 1
    )._element.xpath("./p:spPr/a:xfrm")[0]
    body_top = int(layout_body.find("{*}off").get("y"))
    body_bottom = body_top + int(layout_body.find("{*}ext").get("cy"))
    # The picture stands in the layout's body, below the title, a picture and not a strip.
    assert picture.top >= title.top + title.height
    assert body_top <= picture.top and picture.top + picture.height <= body_bottom
    assert picture.height > 0.4 * (body_bottom - body_top)
    caption = next(s for s in slide.placeholders if "KKC" in s.text_frame.text)
    assert caption.top >= picture.top + picture.height  # under the picture, not over the title
    assert placeholder_texts(slide)["title"] == "Lederworkshop"


def _deck(tmp_path, edit) -> bytes:
    """A one-slide deck from python-pptx's template, its parts changed by `edit`."""
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "Dias"
    buffer = io.BytesIO()
    prs.save(buffer)
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            for name, data in edit(item.filename, old.read(item)):
                new.writestr(name, data)
    return out.getvalue()


def test_build_s_package_check_names_two_members_of_one_name_and_a_negative_size(tmp_path):
    def duplicate_and_negative(name, data):
        if name == "ppt/slides/slide1.xml":
            data = re.sub(rb'<a:ext cx="\d+" cy="\d+"/>', b'<a:ext cx="100" cy="-240190"/>', data)
            data = data.replace(b"<p:spPr/>", b'<p:spPr><a:xfrm><a:off x="0" y="0"/>'
                                b'<a:ext cx="100" cy="-240190"/></a:xfrm></p:spPr>', 1)  # fmt: skip
        yield name, data
        if name == "docProps/core.xml":
            yield name.upper(), data  # part names are case-insensitive: the same part twice

    problems = package_problems(_deck(tmp_path, duplicate_and_negative), Location(tmp_path))
    messages = [problem.message for problem in problems]
    assert "deckgen made a package with two members named DOCPROPS/CORE.XML" in messages
    assert (
        "deckgen made an invalid package: ppt/slides/slide1.xml ext: a negative size, which "
        "PowerPoint does not open" in messages
    ), messages
    assert all("nothing was written" in problem.hint for problem in problems)


def test_the_gate_and_build_leave_a_template_s_own_parts_to_the_template(project, tmp_path):
    # An unnamed colour scheme: the Open XML SDK and PowerPoint accept it, openxml-audit
    # calls it a schema error; no one could fix it by building the deck again.
    template = python_pptx_default(tmp_path)
    with zipfile.ZipFile(template) as old:
        parts = {name: old.read(name) for name in old.namelist()}
    parts["ppt/theme/theme1.xml"] = re.sub(
        rb'<a:clrScheme name="[^"]*"', b'<a:clrScheme name=""', parts["ppt/theme/theme1.xml"]
    )
    unnamed = project.root / "unnamed.pptx"
    with zipfile.ZipFile(unnamed, "w") as new:
        for name, data in parts.items():
            new.writestr(name, data)
    layouts = dict(LIBREOFFICE_LAYOUTS, content="Title and Content", picture="Picture with Caption")
    layouts.update(section="Section Header", closing="Title Slide", title_only="Title Only")
    project.blocks("blocks:\n  - {id: a, kind: statement, text: Hej}\n")
    project.deck("- a\n", theme=theme_for(unnamed, layouts, project.root))
    project.build()
    found = check_file(project.output).findings
    assert [f for f in found if f.check.startswith("package")] == []


def test_build_refuses_a_template_too_crowded_for_the_gate_in_its_words(project, tmp_path):
    """A master background of 100,000 gradient stops: the gate does not start the Open XML
    validator on such a deck and calls it invalid; `build` wrote it all the same."""
    stops = "".join(f'<a:gs pos="{n}"><a:srgbClr val="003B5C"/></a:gs>' for n in range(100_000))
    background = f"<p:bg><p:bgPr><a:gradFill><a:gsLst>{stops}</a:gsLst></a:gradFill><a:effectLst/></p:bgPr></p:bg>"
    template = project.root / "striber.pptx"
    with (
        zipfile.ZipFile(python_pptx_default(tmp_path)) as old,
        zipfile.ZipFile(template, "w") as new,
    ):
        for name in old.namelist():
            data = old.read(name)
            if name == "ppt/slideMasters/slideMaster1.xml":
                data = data.replace(b"<p:cSld>", b"<p:cSld>" + background.encode(), 1)
            new.writestr(name, data)
    gate = CliRunner().invoke(main, ["--lang", "da", "check", str(template)])
    assert gate.exit_code == 1
    refusal = "for mange elementer side om side til, at Open XML-kontrollen kan nå det"
    said = next(line for line in gate.output.splitlines() if refusal in line)
    words = said.split("[package.valid] ", 1)[1]
    assert "(op til 100.000 under ét element, i ppt/slideMasters/slideMaster1.xml)" in words
    project.blocks("blocks:\n  - {id: a, kind: statement, text: Hej}\n")
    project.deck("- a\n", theme=theme_for(template, PYTHON_PPTX_LAYOUTS, project.root))
    built = CliRunner().invoke(
        main, ["--lang", "da", "build", str(project.deck_path), "-o", str(project.output)]
    )
    assert built.exit_code == 1
    assert words in built.output, built.output
    assert not project.output.exists()
