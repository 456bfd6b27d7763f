"""The text and ids of a reused slide's XML: fresh shape and creation ids, `{{ variables }}`
filled in, the title replaced, unmarked text marked Danish, the source's footers dropped.

`deckgen.render.reuse` copies the slide; these edit the copy, in lxml, before it is saved.
"""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from lxml import etree

from deckgen.ooxml.ns import qn
from deckgen.ooxml.placeholders import TITLE_TYPES
from deckgen.ooxml.slides import is_file_path
from deckgen.render.resize import top_shapes
from deckgen.render.runs import DANISH
from deckgen.variables import names_in, substitute

_P14 = qn("p14:creationId")
_A16 = qn("a16:creationId")
_FOOTERS = ("ftr", "sldNum", "dt")


def fresh_ids(element: etree._Element, partname: str, prs: Any) -> None:
    """Number the shapes 1, 2, … and give the slide and its shapes new creation ids."""
    numbers: dict[str, str] = {}
    for number, props in enumerate(element.iter(qn("p:cNvPr")), start=1):
        numbers.setdefault(props.get("id", ""), str(number))
        props.set("id", str(number))
    for node in element.iter():
        if "spid" in node.attrib and node.get("spid") in numbers:
            node.set("spid", numbers[node.get("spid")])
    for node in element.iter(qn("a:stCxn"), qn("a:endCxn")):
        if node.get("id") in numbers:
            node.set("id", numbers[node.get("id")])
    for node in element.iter(_A16):
        shape = next(node.iterancestors(qn("p:cNvPr")), None)
        seed = f"{partname}#{'' if shape is None else shape.get('id')}"
        digest = hashlib.sha256(seed.encode()).hexdigest()[:32]
        node.set("id", "{" + str(uuid.UUID(digest)).upper() + "}")
    taken = {
        int(node.get("val") or 0)
        for slide in prs.slides
        if slide.element is not element
        for node in slide.element.iter(_P14)
    }
    for node in element.iter(_P14):
        value = int.from_bytes(hashlib.sha256(partname.encode()).digest()[:4], "big") or 1
        while value in taken:
            value = value % 4_294_967_295 + 1
        node.set("val", str(value))
        taken.add(value)


def drop_footers(element: etree._Element) -> None:
    tree = element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    for shape in list(tree if tree is not None else ()):
        placeholder = shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if placeholder is not None and placeholder.get("type") in _FOOTERS:
            tree.remove(shape)


def fill_variables(
    element: etree._Element, values: Mapping[str, str], unset: Callable[[str], None]
) -> None:
    """Fill `{{ name }}` in every paragraph of the slide; a name split over runs (as
    PowerPoint splits text it has spell-checked) is joined into the paragraph's first run."""
    for paragraph in element.iter(qn("a:p")):
        texts = [run.find(qn("a:t")) for run in paragraph.findall(qn("a:r"))]
        texts = [t for t in texts if t is not None]
        whole = "".join(t.text or "" for t in texts)
        if not names_in(whole):
            continue
        if sum(len(names_in(t.text or "")) for t in texts) < len(names_in(whole)):
            texts[0].text = whole
            for t in texts[1:]:
                paragraph.remove(t.getparent())
            texts = texts[:1]
        for t in texts:
            t.text = fill_text(t.text or "", values, unset)


def mark_danish(element: etree._Element) -> None:
    """Mark text that says nothing of its language as Danish, as deckgen marks its own (text
    marked as another language keeps that)."""
    for run in element.iter(qn("a:r"), qn("a:fld")):
        properties = run.find(qn("a:rPr"))
        if properties is None:
            properties = run.makeelement(qn("a:rPr"), {})
            run.insert(0, properties)
        if not properties.get("lang"):
            properties.set("lang", DANISH)


def fill_text(text: str, values: Mapping[str, str], unset: Callable[[str], None]) -> str:
    missing = [name for name in names_in(text) if name not in values]
    for name in dict.fromkeys(missing):
        unset(name)
    return text if missing else substitute(text, values)


def set_title(element: etree._Element, title: str) -> bool:
    for shape in element.iter(qn("p:sp")):
        placeholder = shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        body = shape.find(qn("p:txBody"))
        if placeholder is None or placeholder.get("type") not in TITLE_TYPES or body is None:
            continue
        paragraphs = body.findall(qn("a:p"))
        for extra in paragraphs[1:]:
            body.remove(extra)
        first = paragraphs[0]
        runs = first.findall(qn("a:r"))
        for extra in [*runs[1:], *first.findall(qn("a:br")), *first.findall(qn("a:fld"))]:
            first.remove(extra)
        if runs:
            runs[0].find(qn("a:t")).text = title
        else:
            run = etree.SubElement(first, qn("a:r"))
            etree.SubElement(run, qn("a:t")).text = title
            end = first.find(qn("a:endParaRPr"))
            if end is not None:
                end.addnext(run)
                run.addnext(end)
        return True
    return False


def describe(element: etree._Element, by_name: Mapping[str, str], in_order: Sequence[str]) -> int:
    """Give the slide's shapes alt text: those named in `by_name`, and then its pictures,
    charts, diagrams and groups in their order on the slide, the texts of `in_order`. A
    description that is only the file the picture came from is taken away first: it tells
    nothing, and may tell whose computer it was on. How many of `in_order` found no shape."""
    for props in element.iter(qn("p:cNvPr")):
        if is_file_path(props.get("descr") or ""):
            del props.attrib["descr"]
        if props.get("name") in by_name:
            props.set("descr", by_name[props.get("name", "")])
    tree = element.find(f"{qn('p:cSld')}/{qn('p:spTree')}")
    described = [shape for shape in top_shapes(tree) if _described(shape)]
    for shape, text in zip(described, in_order, strict=False):
        props = next(shape.iter(qn("p:cNvPr")))
        props.set("descr", text)
    return max(len(in_order) - len(described), 0)


def _described(shape: etree._Element) -> bool:
    """Whether `deckgen check` asks alt text of a top-level shape: a picture, a chart or
    diagram (a table is read as its text), a group."""
    if shape.tag in (qn("p:pic"), qn("p:grpSp")):
        return True
    data = shape.find(f"{qn('a:graphic')}/{qn('a:graphicData')}")
    return shape.tag == qn("p:graphicFrame") and not (
        data is not None and data.get("uri", "").endswith("/table")
    )


def keep_default_text(element: etree._Element, defaults: etree._Element | None) -> None:
    """Give the slide's text boxes and table cells what they took from its presentation's
    default text style (`defaults`, a `p:defaultTextStyle`), which in the deck would be the
    deck's: the size of their text always, its font where no shape style or table style
    names one. A colour, a table's or shape's style gives first."""
    if defaults is None:
        return
    for body in element.iter(qn("p:txBody"), qn("a:txBody")):
        shape = body.getparent()
        if shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}") is not None:
            continue  # a placeholder takes its text style from its layout and master
        styled = (
            shape.tag == qn("a:tc") or shape.find(f"{qn('p:style')}/{qn('a:fontRef')}") is not None
        )
        styles = body.find(qn("a:lstStyle"))
        if styles is None:
            styles = etree.Element(qn("a:lstStyle"))
            body.insert(1 if body.find(qn("a:bodyPr")) is not None else 0, styles)
        have = {child.tag for child in styles}
        for level in defaults:
            if level.tag != qn("a:extLst") and level.tag not in have:
                styles.append(_sizes_and_fonts(level, fonts=not styled))
        order = [qn("a:defPPr"), *(qn(f"a:lvl{n}pPr") for n in range(1, 10)), qn("a:extLst")]
        styles[:] = sorted(
            styles, key=lambda child: order.index(child.tag) if child.tag in order else 99
        )


def _sizes_and_fonts(level: etree._Element, *, fonts: bool) -> etree._Element:
    """A copy of a default text style's level with its run properties' size, and with
    `fonts` its typefaces, and nothing else of them."""
    level = copy.deepcopy(level)
    keep = {qn("a:latin"), qn("a:ea"), qn("a:cs"), qn("a:sym")} if fonts else set()
    for properties in level.iter(qn("a:defRPr")):
        for child in list(properties):
            if child.tag not in keep:
                properties.remove(child)
        for name in list(properties.attrib):
            if name not in ("sz", "kern", "lang"):
                del properties.attrib[name]
    return level


def notes_text(slide: Any) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return "" if frame is None else frame.text.replace("\v", "\n")
