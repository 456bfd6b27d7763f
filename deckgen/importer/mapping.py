"""Turn the slides of an old presentation into library blocks: a deckgen kind where the slide
is that simple, a `slide` block pointing at the original where it is not.

A slide is simple when all it holds is a title, text placeholders and at most one picture
(the footer, date and slide number are the theme's). Its role — title slide, section,
statement, content, picture, closing — is read from its layout: by name when the layout is
named as one of the theme's (so a deck deckgen built comes back as it was made), else by
the layout's type (`title`, `secHead`, `obj`, `titleOnly`, `picTx`) that every template sets.
Text keeps its line breaks and, in lists, its two levels; speaker notes become `notes:`. A slide
a kind would change (a third level, words in bold or underlined, code, numbers on some points)
is kept as designed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from deckgen.i18n import _
from deckgen.importer.reading import Paragraph, Picture, SourceDeck, SourceSlide
from deckgen.ooxml.slides import is_file_path
from deckgen.theme.names import ROLE_BY_LAYOUT_TYPE
from deckgen.tour.filenames import slug

MAX_ID = 48
"""Longest id made from a title; cut at a word boundary."""

_ENGLISH_NAMES = {
    "title slide": "title",
    "section header": "section",
    "title and content": "content",
    "title only": "title_only",
    "picture with caption": "picture",
}


@dataclass
class ImportedBlock:
    """One block made from one slide: its fields as they go into the YAML, and the picture
    it shows (to be written beside the project's pictures), if any."""

    number: int
    """The slide's number in the old presentation."""
    fields: dict[str, Any]
    """`id`, `kind` and the kind's fields, in the order they are written."""
    picture: tuple[str, bytes] | None = None
    """The picture's file name and bytes, for an `image` block."""
    notes: list[str] = field(default_factory=list)
    """What the user should know about this slide's import (said once it is written)."""

    @property
    def id(self) -> str:
        return str(self.fields["id"])

    @property
    def kind(self) -> str:
        return str(self.fields["kind"])


@dataclass(frozen=True)
class Targets:
    """Where the blocks' outside files are, as the block file refers to them."""

    original: str
    """The old presentation, relative to the block file (for `slide` blocks)."""
    pictures: str
    """The folder pictures are written into, relative to the block file."""


def map_deck(
    deck: SourceDeck,
    targets: Targets,
    taken: set[str],
    roles_by_name: dict[str, str],
    native: Callable[[dict[str, Any]], bool],
) -> list[ImportedBlock]:
    """A block for each slide of `deck` (but those that carry something unsafe), with ids
    unique among themselves and `taken` (the ids the library has). `roles_by_name` maps
    lower-case layout names to roles (the theme's); `native` says whether a block's fields
    are valid as written, else the slide is kept whole."""
    titles = [slide.title for slide in deck.slides]
    blocks = []
    for slide in deck.slides:
        if slide.unsafe:
            continue  # left out, and said so (`ImportPlan.left_out`)
        block_id = _unique_id(slide, taken)
        taken.add(block_id)
        block = _native_block(slide, block_id, targets, _role(slide, roles_by_name))
        if block is not None and _without_variables(block.fields):
            block.notes.append(
                _(
                    "its text had double braces, which deckgen reads as a variable; they "
                    "were written with a space between"
                )
            )
        if block is None or not native(block.fields):
            block = slide_block(slide, block_id, targets, titles)
        blocks.append(block)
    return blocks


def _role(slide: SourceSlide, roles_by_name: dict[str, str]) -> str:
    name = slide.layout_name.strip().lower()
    if name in roles_by_name:
        return roles_by_name[name]
    if name in _ENGLISH_NAMES:
        return _ENGLISH_NAMES[name]
    if slide.centred_title:
        return "title"
    return ROLE_BY_LAYOUT_TYPE.get(slide.layout_type, "content")


def _native_block(
    slide: SourceSlide, block_id: str, targets: Targets, role: str
) -> ImportedBlock | None:
    """The deckgen block that shows `slide` as it is, or None if no kind does."""
    if slide.other or len(slide.pictures) > 1 or not slide.title:
        return None
    paragraphs = [p for body in slide.bodies for p in body]
    if any(p.code or p.styled for p in paragraphs):
        return None  # code keeps its font and indents, emphasis its words, as designed
    head: dict[str, Any] = {"id": block_id}
    lines = [p.text for p in paragraphs]
    if slide.pictures:
        if len(lines) > 2:
            return None  # points beside a picture: no kind puts them side by side
        return _image_block(slide, head, slide.pictures[0], targets, lines)
    if len(slide.bodies) > 1:
        return None  # two columns of text: no kind puts them side by side
    fields: dict[str, Any]
    if role == "title":
        fields = {"kind": "title", "title": slide.title}
        if lines:
            fields["subtitle"] = lines[0]
        if lines[1:]:
            fields["details"] = lines[1:]
    elif role == "section":
        fields = {"kind": "section", "title": slide.title}
        if lines:
            fields["subtitle"] = "\n".join(lines)
    elif role == "closing":
        fields = {"kind": "closing", "title": slide.title, "lines": lines}
    elif role == "statement" or not lines:
        fields = {"kind": "statement", "text": slide.title}
        if lines:
            fields["subtitle"] = "\n".join(lines)
    else:
        listed = _list(slide.title, slide.bodies[0])
        if listed is None:
            return None
        fields = listed
    return _with_notes(ImportedBlock(slide.number, {**head, **fields}), slide)


def _list(title: str, body: list[Paragraph]) -> dict[str, Any] | None:
    """A `bullets` block's fields for a list; None if the kind cannot show it as it is (bold
    points, numbers on some points only or on sub-points)."""
    fields: dict[str, Any] = {"kind": "bullets", "title": title}
    if len(body) > 1 and body[0].bold and not body[0].numbered and body[0].level <= body[1].level:
        fields["lead"] = body[0].text  # a bold line above the points: the kind's lead
        body = body[1:]
    top = min(p.level for p in body)
    points = [p for p in body if p.level == top]
    if any(p.bold for p in body) or any(p.numbered for p in body if p.level != top):
        return None
    if any(p.level > top + 1 for p in body):
        return None  # a third level: the kind has two, and joining them would lose the third
    numbered = [p.numbered for p in points]
    if any(numbered) and not all(numbered):
        return None
    fields["items"] = _items([Paragraph(p.text, p.level - top) for p in body])
    if all(numbered):
        fields["numbered"] = True
    return fields


def _image_block(
    slide: SourceSlide, head: dict[str, Any], picture: Picture, targets: Targets, lines: list[str]
) -> ImportedBlock:
    name = f"{head['id']}.{picture.extension}"
    fields: dict[str, Any] = {
        **head,
        "kind": "image",
        "title": slide.title,
        "file": f"{targets.pictures}/{name}",
    }
    notes = []
    if picture.alt_text and not is_file_path(picture.alt_text):
        fields["alt_text"] = picture.alt_text
    else:
        fields["decorative"] = True
        notes.append(
            _(
                "the picture has no alt text, so it is marked decorative; write `alt_text:` "
                "instead if it shows something"
            )
        )
    if lines:
        fields["caption"] = lines[0]
    if lines[1:]:
        fields["credit"] = lines[1]  # as the kind sets them: a caption, and who took it
    block = ImportedBlock(slide.number, fields, (name, picture.data), notes)
    return _with_notes(block, slide)


def _items(paragraphs: list[Paragraph]) -> list[Any]:
    """List items from paragraphs: level 0 a point, level 1 its sub-points."""
    items: list[Any] = []
    for paragraph in paragraphs:
        if paragraph.level == 0 or not items:
            items.append(paragraph.text)
            continue
        last = items[-1]
        if isinstance(last, str):
            items[-1] = last = {"text": last, "items": []}
        last["items"].append(paragraph.text)
    return items


def slide_block(
    slide: SourceSlide, block_id: str, targets: Targets, titles: list[str]
) -> ImportedBlock:
    """A `slide` block that reuses the slide as it was designed."""
    unique = slide.title and "\n" not in slide.title and titles.count(slide.title) == 1
    fields = {
        "id": block_id,
        "kind": "slide",
        "file": targets.original,
        "slide": slide.title if unique else slide.number,
    }
    return ImportedBlock(slide.number, fields)


def _without_variables(fields: dict[str, Any]) -> bool:
    """Write `{{` and `}}` in the texts of `fields` apart, so that no text is taken for a
    variable; whether any was."""
    changed = False

    def apart(value: Any) -> Any:
        nonlocal changed
        if isinstance(value, str):
            new = value.replace("{{", "{ {").replace("}}", "} }")
            changed |= new != value
            return new
        if isinstance(value, list):
            return [apart(item) for item in value]
        if isinstance(value, dict):
            return {key: apart(item) for key, item in value.items()}
        return value

    for key, value in fields.items():
        fields[key] = apart(value)
    return changed


def _with_notes(block: ImportedBlock, slide: SourceSlide) -> ImportedBlock:
    if slide.notes:
        block.fields["notes"] = slide.notes
    return block


def _unique_id(slide: SourceSlide, taken: set[str]) -> str:
    """An id from the slide's title (`dias-7` without one), with `-2`, `-3` … if taken."""
    base = slug(slide.title)
    if len(base) > MAX_ID:
        cut = base[:MAX_ID]
        base = cut.rsplit("-", 1)[0] if "-" in cut[MAX_ID // 2 :] else cut
    base = base or f"dias-{slide.number}"
    if not base[0].isalnum():
        base = f"dias-{base}"
    candidate, number = base, 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate
