"""Imitations of templates exported by Google Slides and Keynote, and of pandoc's reference.pptx,
made afresh for the tests from python-pptx's default template.

No real export with a licence we may ship was found (Apache POI's test-data/slideshow holds
PowerPoint and LibreOffice files only, by their docProps/app.xml), so each imitation reproduces
the structure such a file is known to have, as listed in its function's docstring. They test what
deckgen makes of that structure, not the producers' exact bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn

_MAIN = "application/vnd.openxmlformats-officedocument"


def _presentation(
    width: int,
    height: int,
    names: dict[str, str],
    *,
    drop: tuple[str, ...] = (),
    body_type: bool = False,
) -> Presentation:
    """python-pptx's default with only the layouts in `names` (renamed), the slide resized to
    `width` × `height` with every master and layout placeholder moved and sized with it, and
    placeholders of the types `drop` removed."""
    prs = Presentation()
    old_width, old_height = prs.slide_width, prs.slide_height
    prs.slide_width, prs.slide_height = width, height
    for layout in list(prs.slide_layouts):
        if layout.name not in names:
            prs.slide_layouts.remove(layout)
            continue
        layout._element.cSld.set("name", names[layout.name])
    for part in [prs.slide_master, *prs.slide_layouts]:
        for shape in list(part.shapes):
            ph = shape._element.find(".//" + qn("p:ph"))
            if ph is None:
                continue
            if ph.get("type") in drop:
                shape._element.getparent().remove(shape._element)
                continue
            if body_type and ph.get("type") is None:
                ph.set("type", "body")
            xfrm = shape._element.find(".//" + qn("a:xfrm"))
            if xfrm is not None:
                shape.left = round(shape.left * width / old_width)
                shape.width = round(shape.width * width / old_width)
                shape.top = round(shape.top * height / old_height)
                shape.height = round(shape.height * height / old_height)
    return prs


def _sizes(prs: Presentation, change: Callable[[int], int]) -> None:
    """Every font size on the master and the layouts changed by `change` (hundredths of pt)."""
    for part in [prs.slide_master, *prs.slide_layouts]:
        for element in part._element.iter(qn("a:defRPr"), qn("a:rPr")):
            if element.get("sz"):
                element.set("sz", str(change(int(element.get("sz")))))


def _rewrite(prs: Presentation, edit: Callable[[dict[str, bytes]], None], path: Path) -> Path:
    """`prs` saved to `path` after `edit` changed its parts (by name) in place."""
    buffer = io.BytesIO()
    prs.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    edit(parts)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def _theme(parts: dict[str, bytes], name: str, font: str) -> None:
    for part in [p for p in parts if re.fullmatch(r"ppt/theme/theme\d+\.xml", p)]:
        xml = parts[part]
        xml = re.sub(rb'(<a:theme [^>]*name=")[^"]*"', rb"\g<1>" + name.encode() + b'"', xml)
        xml = re.sub(
            rb'(<a:(?:major|minor)Font><a:latin typeface=")[^"]*"',
            rb"\g<1>" + font.encode() + b'"',
            xml,
        )
        parts[part] = xml


def _without_app_xml(parts: dict[str, bytes]) -> None:
    del parts["docProps/app.xml"]
    parts["_rels/.rels"] = re.sub(
        rb'<Relationship [^>]*Target="docProps/app.xml"/>', b"", parts["_rels/.rels"]
    )
    parts["[Content_Types].xml"] = re.sub(
        rb'<Override PartName="/docProps/app.xml"[^>]*/>', b"", parts["[Content_Types].xml"]
    )


def google_slides_like(folder: Path) -> Path:
    """A template as Google Slides exports one ('Simple Light'):

    - 25.4 × 14.29 cm (9144000 × 5143500 EMU), Google's 16:9, smaller than PowerPoint's;
    - layouts named by Google's predefined kinds (`TITLE`, `SECTION_HEADER`,
      `TITLE_AND_BODY`, `TITLE_AND_TWO_COLUMNS`, `TITLE_ONLY`, `CAPTION_ONLY`, `BLANK`),
      none with a picture placeholder;
    - no footer and no date placeholders (Google Slides has no footers), a slide number;
    - text placeholders typed `body`, titles without idx; 28 pt titles and 18 pt body text at
      115 % line spacing in Arial;
    - no docProps/app.xml.
    """
    prs = _presentation(
        9144000,
        5143500,
        {
            "Title Slide": "TITLE",
            "Section Header": "SECTION_HEADER",
            "Title and Content": "TITLE_AND_BODY",
            "Two Content": "TITLE_AND_TWO_COLUMNS",
            "Title Only": "TITLE_ONLY",
            "Content with Caption": "CAPTION_ONLY",
            "Blank": "BLANK",
        },
        drop=("ftr", "dt"),
        body_type=True,
    )
    master = prs.slide_master._element
    styles = master.find(qn("p:txStyles"))
    for level in styles.find(qn("p:titleStyle")):
        level.find(qn("a:defRPr")).set("sz", "2800")
    for level in styles.find(qn("p:bodyStyle")):
        level.find(qn("a:defRPr")).set("sz", "1800")
        spacing = level.makeelement(qn("a:lnSpc"), {})
        spacing.append(spacing.makeelement(qn("a:spcPct"), {"val": "115000"}))
        level.insert(0, spacing)
    # Layouts keep no sizes of their own: Google's take the master's.
    for layout in prs.slide_layouts:
        for element in layout._element.iter(qn("a:defRPr")):
            element.attrib.pop("sz", None)

    def edit(parts: dict[str, bytes]) -> None:
        _theme(parts, "Simple Light", "Arial")
        _without_app_xml(parts)

    return _rewrite(prs, edit, folder / "google-slides.pptx")


def keynote_like(folder: Path) -> Path:
    """A template as Keynote exports one (a 1024 × 768 theme):

    - 36.12 × 27.09 cm (13004800 × 9753600 EMU: 1024 × 768 points), an odd, large size;
    - one slide master per layout, each named as its layout (Keynote's master slides);
    - layouts named as Keynote's (`Title & Subtitle`, `Title & Bullets`, `Section`,
      `Title - Top`, `Photo - Horizontal`, `Blank`);
    - no footer and no date placeholders, a slide number; text sizes for the large slide.
    """
    width, height = 13004800, 9753600
    prs = _presentation(
        width,
        height,
        {
            "Title Slide": "Title & Subtitle",
            "Title and Content": "Title & Bullets",
            "Section Header": "Section",
            "Title Only": "Title - Top",
            "Picture with Caption": "Photo - Horizontal",
            "Blank": "Blank",
        },
        drop=("ftr", "dt"),
    )
    _sizes(prs, lambda size: round(size * height / 6858000 / 50) * 50)
    return _rewrite(prs, _master_per_layout, folder / "keynote.pptx")


def _master_per_layout(parts: dict[str, bytes]) -> None:
    """Split the one master into one master (and theme) per layout, as Keynote exports."""
    master = parts.pop("ppt/slideMasters/slideMaster1.xml")
    master_rels = parts.pop("ppt/slideMasters/_rels/slideMaster1.xml.rels").decode()
    theme = parts.pop("ppt/theme/theme1.xml")
    layouts = re.findall(
        r'Id="(rId\d+)"[^>]*Target="../slideLayouts/(slideLayout\d+\.xml)"', master_rels
    )
    ids = dict(re.findall(rb'<p:sldLayoutId id="(\d+)" r:id="(rId\d+)"/>', master))
    by_rid = {rid: lid for lid, rid in ids.items()}
    types = parts["[Content_Types].xml"].decode()
    types = types.replace(
        '<Override PartName="/ppt/slideMasters/slideMaster1.xml" '
        f'ContentType="{_MAIN}.presentationml.slideMaster+xml"/>',
        "",
    ).replace(f'<Override PartName="/ppt/theme/theme1.xml" ContentType="{_MAIN}.theme+xml"/>', "")
    pres_rels = parts["ppt/_rels/presentation.xml.rels"].decode()
    pres_rels = re.sub(
        r'<Relationship [^>]*Target="slideMasters/slideMaster1.xml"/>', "", pres_rels
    )
    pres_rels = re.sub(r'<Relationship [^>]*Target="theme/theme1.xml"/>', "", pres_rels)
    entries, new_rels, overrides = [], [], []
    for number, (rid, layout) in enumerate(layouts, 1):
        name = re.search(rb'<p:cSld name="([^"]*)"', parts[f"ppt/slideLayouts/{layout}"]).group(1)
        one = re.sub(
            rb"<p:sldLayoutIdLst>.*</p:sldLayoutIdLst>",
            b'<p:sldLayoutIdLst><p:sldLayoutId id="%s" r:id="rId1"/></p:sldLayoutIdLst>'
            % by_rid[rid.encode()],
            master,
            flags=re.S,
        )
        one = re.sub(rb"<p:cSld>", b'<p:cSld name="' + name + b'">', one, count=1)
        parts[f"ppt/slideMasters/slideMaster{number}.xml"] = one
        parts[f"ppt/theme/theme{number}.xml"] = theme
        parts[f"ppt/slideMasters/_rels/slideMaster{number}.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/slideLayout" Target="../slideLayouts/{layout}"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/theme" Target="../theme/theme{number}.xml"/></Relationships>'
        ).encode()
        layout_rels = f"ppt/slideLayouts/_rels/{layout}.rels"
        parts[layout_rels] = parts[layout_rels].replace(
            b"slideMaster1.xml", f"slideMaster{number}.xml".encode()
        )
        entries.append(f'<p:sldMasterId id="{2147483648 + 100 * number}" r:id="rIdM{number}"/>')
        new_rels.append(
            f'<Relationship Id="rIdM{number}" Type="http://schemas.openxmlformats.org/'
            "officeDocument/2006/relationships/slideMaster"
            f'" Target="slideMasters/slideMaster{number}.xml"/>'
        )
        overrides.append(
            f'<Override PartName="/ppt/slideMasters/slideMaster{number}.xml" '
            f'ContentType="{_MAIN}.presentationml.slideMaster+xml"/>'
            f'<Override PartName="/ppt/theme/theme{number}.xml" ContentType="{_MAIN}.theme+xml"/>'
        )
    parts["[Content_Types].xml"] = types.replace(
        "</Types>", "".join(overrides) + "</Types>"
    ).encode()
    parts["ppt/_rels/presentation.xml.rels"] = pres_rels.replace(
        "</Relationships>", "".join(new_rels) + "</Relationships>"
    ).encode()
    presentation = parts["ppt/presentation.xml"].decode()
    parts["ppt/presentation.xml"] = re.sub(
        r"<p:sldMasterIdLst>.*?</p:sldMasterIdLst>",
        "<p:sldMasterIdLst>" + "".join(entries) + "</p:sldMasterIdLst>",
        presentation,
        flags=re.S,
    ).encode()


def pandoc_like(folder: Path) -> Path:
    """A template shaped as pandoc's reference.pptx: PowerPoint's 16:9 (33.87 × 19.05 cm) with
    the layouts pandoc uses (`Title Slide`, `Title and Content`, `Section Header`, `Two
    Content`, `Comparison`, `Content with Caption`, `Blank`), so no `Title Only` and no picture
    placeholder."""
    names = [
        "Title Slide",
        "Title and Content",
        "Section Header",
        "Two Content",
        "Comparison",
        "Content with Caption",
        "Blank",
    ]
    prs = _presentation(12192000, 6858000, {name: name for name in names})
    return _rewrite(prs, lambda parts: None, folder / "pandoc-reference.pptx")
