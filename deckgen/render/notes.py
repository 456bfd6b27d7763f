"""Speaker notes, added the way python-pptx does it but without its cost per slide.

python-pptx's `slide.notes_slide` clones the notes master's placeholders afresh for every
slide, and names the new part by walking every part of the package, which grows with each
slide. A deck's notes slides all start alike, so `NotesWriter` clones the master once and
copies that for each slide, and numbers the parts itself. The XML is what python-pptx writes,
with the notes marked as Danish, like the text on the slides.

python-pptx relates the notes master to the presentation but does not list it in
`presentation.xml`; PowerPoint always writes `<p:notesMasterIdLst>`, and Keynote shows no speaker
notes without it, so `list_notes_master` adds it.
"""

from __future__ import annotations

import copy
from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.oxml.slide import CT_NotesSlide
from pptx.parts.slide import NotesSlidePart
from pptx.slide import NotesSlide

from deckgen.ooxml import internals
from deckgen.ooxml.ns import qn

_PARTNAME = "/ppt/notesSlides/notesSlide%d.xml"
DANISH = "da-DK"


_paragraphs: dict[tuple[str, str], tuple[Any, ...]] = {}
"""The paragraphs `set_text` made for a text and language, copied for the same text again."""
_MAX_TEXTS = 4096


def set_text(body: Any, text: str, language: str = "") -> None:
    """Replace the text of the text body `body` as python-pptx's `TextFrame.text` does (a
    paragraph per line), marking each run with `language` if given."""
    body.clear_content()
    made = _paragraphs.get((text, language))
    if made is not None:
        # Paragraphs come last in a text body, where python-pptx's add_p puts them too.
        body.extend(copy.deepcopy(paragraph) for paragraph in made)
        return
    for line in text.split("\n"):
        paragraph = body.add_p()
        paragraph.append_text(line)
        if language:
            for run in paragraph.r_lst:
                run.get_or_add_rPr().set("lang", language)
    if len(_paragraphs) >= _MAX_TEXTS:
        _paragraphs.clear()  # a bound: footers and notes repeat from deck to deck
    _paragraphs[text, language] = tuple(copy.deepcopy(p) for p in body.p_lst)


def list_notes_master(presentation_part: Any, master_part: Any) -> None:
    """List `master_part` in `<p:notesMasterIdLst>` of `presentation.xml`, where the schema
    puts it (after the slide masters, before the slides), unless the template lists it."""
    presentation = internals.part_xml(presentation_part)
    if presentation.find(qn("p:notesMasterIdLst")) is not None:
        return
    r_id = presentation_part.relate_to(master_part, RT.NOTES_MASTER)
    listing = presentation.makeelement(qn("p:notesMasterIdLst"), {})
    listing.append(presentation.makeelement(qn("p:notesMasterId"), {qn("r:id"): r_id}))
    presentation.find(qn("p:sldMasterIdLst")).addnext(listing)


class NotesWriter:
    """Adds notes slides to the slides of one presentation."""

    def __init__(self, prs: Any) -> None:
        self._package = prs.part.package
        self._master_part = prs.part.notes_master_part
        list_notes_master(prs.part, self._master_part)
        self._prototype: Any = None
        self._body_at: int | None = None
        self._taken = {
            part.partname
            for part in self._package.iter_parts()
            if part.partname.startswith("/ppt/notesSlides/")
        }
        self._number = 0

    def add(self, slide: Any, text: str) -> None:
        """Give `slide` a notes slide saying `text`."""
        element, body = self._new()
        part = NotesSlidePart(self._next_partname(), CT.PML_NOTES_SLIDE, self._package, element)
        part.relate_to(self._master_part, RT.NOTES_MASTER)
        part.relate_to(slide.part, RT.SLIDE)
        slide.part.relate_to(part, RT.NOTES_SLIDE)
        if body is not None:
            set_text(body, text, DANISH)

    def _new(self) -> tuple[Any, Any]:
        """A fresh notes slide element and the text body of its notes placeholder."""
        if self._prototype is None:
            element = CT_NotesSlide.new()
            # No part is needed to clone placeholders; python-pptx's types ask for one.
            notes_slide = NotesSlide(element, None)  # type: ignore[arg-type]
            notes_slide.clone_master_placeholders(self._master_part.notes_master)
            placeholder = notes_slide.notes_placeholder
            tree = element.cSld.spTree
            self._body_at = None if placeholder is None else tree.index(placeholder.element)
            self._prototype = element
        element = copy.deepcopy(self._prototype)
        if self._body_at is None:
            return element, None
        return element, element.cSld.spTree[self._body_at].get_or_add_txBody()

    def _next_partname(self) -> PackURI:
        while True:
            self._number += 1
            name = PackURI(_PARTNAME % self._number)
            if name not in self._taken:
                return name
