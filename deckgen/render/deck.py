"""Render a composed deck with a theme into .pptx bytes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from lxml import etree
from msgspec import Struct

from deckgen import __version__
from deckgen.cache import file_digest
from deckgen.compose import ComposedDeck
from deckgen.errors import InvalidInput, Problem, name_text
from deckgen.i18n import _, decimal
from deckgen.measure import FontSet
from deckgen.ooxml import internals
from deckgen.ooxml.ns import DOC_PROPS_VTYPES, EXTENDED_PROPERTIES, qn
from deckgen.output import IDENTIFIER_PREFIX
from deckgen.project import project_root
from deckgen.provenance import (
    InputFile,
    Provenance,
    SlideSource,
    custom_properties_xml,
    inputs_hash,
)
from deckgen.render.canvas import SlideCanvas
from deckgen.render.footer import add_footer, refit_footer
from deckgen.render.layouts import LayoutInfo
from deckgen.render.notes import NotesWriter
from deckgen.render.package import (
    blames_the_template,
    open_template,
    save_deterministic,
)
from deckgen.render.panels import add_text_panels
from deckgen.render.reuse import SlideReuser
from deckgen.render.runs import color_placeholder_text
from deckgen.theme import EMU_PER_CM, Theme

if TYPE_CHECKING:
    from deckgen.render.slidecache import SlideCache  # a tour's; a deck on its own has none

GENERATOR = "deckgen"


class RenderedDeck(Struct):
    """A built deck's bytes and the warnings drawing it raised."""

    data: bytes
    warnings: list[Problem] = msgspec.field(default_factory=list)


@blames_the_template
def render_deck(
    deck: ComposedDeck, theme: Theme, footer_text: str, slide_cache: SlideCache | None = None
) -> RenderedDeck:
    """Draw every slide of `deck` on `theme`'s template; `footer_text` is already filled in.

    With `slide_cache` (a tour), slides drawn for an earlier deck are copied, not redrawn.
    """
    prs = open_template(theme.template_path)
    layouts = _layouts_by_name(prs, theme.master)
    missing = _missing_layouts(theme, layouts, {slide.block.layout_role for slide in deck.slides})
    missing += _boxes_off_the_slide(theme, prs)
    # By layout and where the theme places its text for the role (`Theme.boxes_for`).
    read: dict[tuple[str, str], LayoutInfo] = {}
    if not missing:
        roles = {slide.block.layout_role for slide in deck.slides} & set(theme.file.boxes)
        missing += _nothing_to_place(theme, layouts, read, roles)
    if missing:
        raise InvalidInput(missing)
    fonts = FontSet.of_theme(theme)
    warnings: list[Problem] = []
    notes = NotesWriter(prs)
    footer_color = theme.written_color(theme.footer.color) if theme.footer.color else ""
    number_color = (
        theme.written_color(theme.footer.number_color) if theme.footer.number_color else ""
    )
    theme_key = (
        json.dumps([theme.dump(), [file_digest(f) for f in theme.input_files()]], sort_keys=True)
        if slide_cache is not None
        else ""
    )
    reuser = SlideReuser(prs, layouts, theme.layouts)
    for composed in deck.slides:
        block = composed.block
        role = block.layout_role
        layout = layouts[theme.layout_name(role)]
        with_footer = role not in theme.footer.skip
        key = ""
        cached = slide_cache is not None and block.cacheable
        if cached and slide_cache is not None:
            footer = (with_footer, bool(footer_text), theme.footer.slide_number)
            key = slide_cache.key(composed, layout.name, theme_key, footer)
            slide = slide_cache.add_copy(key, prs, layout, footer_text if with_footer else "")
            if slide is not None:
                if with_footer and footer_text:
                    info = _read_layout(read, layout, theme, role)
                    refit_footer(slide, info, footer_text, theme.footer.slide_number, fonts)
                warnings.extend(slide_cache.warnings(key))
                if block.notes:
                    notes.add(slide, block.notes)
                continue
        info = _read_layout(read, layout, theme, role)
        slide = info.add_slide(prs)
        canvas = SlideCanvas(slide, theme, fonts, composed, info, reuser)
        block.render(canvas)
        canvas.remove_unused_placeholders()
        text_colors = theme.text_colors_for(role)
        if text_colors and not canvas.keeps_own_footer:  # a reused slide keeps its own look
            color_placeholder_text(internals.shape_tree(slide.shapes), text_colors)
        panels = theme.text_panels_for(role)
        if panels and not canvas.keeps_own_footer:  # a reused slide keeps its own look
            canvas.trim_to_text()  # a panel as tall as its text, not as its box
            add_text_panels(slide, canvas.layout, panels)
        if with_footer and not canvas.keeps_own_footer:
            add_footer(
                slide,
                canvas.layout,
                footer_text,
                theme.footer.slide_number,
                footer_color,
                number_color,
                fonts,
            )
        if cached and slide_cache is not None:
            slide_cache.keep(key, slide, canvas.warnings)
        if block.notes or canvas.notes_text:
            notes.add(slide, block.notes or canvas.notes_text)
        warnings.extend(canvas.warnings)
    _set_properties(prs, deck)
    record = deck_provenance(deck, theme)
    data = save_deterministic(
        prs, lambda content: custom_properties_xml(record.with_content(content).properties())
    )
    return RenderedDeck(data, warnings)


def deck_provenance(deck: ComposedDeck, theme: Theme) -> Provenance:
    """What `deck` is built from, for its custom properties (content hash still empty)."""
    root = project_root(deck.path)
    # The bytes of every file the slides show as they are (a picture, a reused slide's
    # presentation) and of the theme's template, logo and fonts are inputs: one replaced
    # under the same name changes the deck. So do the deck's variables, which fill in a
    # reused slide's text.
    sources = [
        (slide.block.id, path)
        for slide in deck.slides
        for path in slide.block.source_files(slide.source)
    ]
    files = [(block_id, file_digest(path)) for block_id, path in sources]
    theme_files = [file_digest(path) for path in theme.input_files()]
    inputs = inputs_hash(
        __version__,
        deck.fingerprint(),
        theme.dump(),
        *theme_files,
        *([files, deck.variables] if files else []),
    )
    # Slides share a few block files: each is resolved on disk once, not once a slide.
    relative = {file: _relative(file, root) for file in {s.location.file for s in deck.slides}}
    slides = tuple(
        SlideSource(slide.block.id, slide.version, relative[slide.location.file], slide.changed)
        for slide in deck.slides
    )
    recorded = {
        shown: file_digest(path)
        for path in [*(path for _id, path in sources), *theme.input_files()]
        if (shown := _inside(path, root))
    }
    return Provenance(
        __version__,
        _relative(deck.path, root),
        inputs,
        slides,
        deck.variables,
        files=tuple(InputFile(shown, digest) for shown, digest in sorted(recorded.items())),
    )


def _inside(path: Path, root: Path) -> str:
    """`path` relative to the project `root`, or "" if it lies outside (the packaged theme)."""
    try:
        return name_text(path.resolve().relative_to(root.resolve()).as_posix())
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop of links (3.11)
        return ""


def _relative(path: Path, root: Path) -> str:
    # Written into the deck: a name that is not UTF-8 is shown with its odd bytes escaped.
    try:
        return name_text(path.resolve().relative_to(root).as_posix())
    except ValueError:
        return name_text(path.name)


@blames_the_template
def check_layouts(theme: Theme) -> list[Problem]:
    """Every layout the theme names that its template lacks, each at its line in the theme."""
    prs = open_template(theme.template_path)
    layouts = _layouts_by_name(prs, theme.master)
    for name in set(theme.layouts.values()) & set(layouts):
        LayoutInfo(layouts[name])  # reads every placeholder, as drawing will
    missing = _missing_layouts(theme, layouts, set(theme.layouts))
    roles = {role for role in theme.file.boxes if theme.layouts.get(role) in layouts}
    return missing + _boxes_off_the_slide(theme, prs) + _nothing_to_place(theme, layouts, {}, roles)


def _nothing_to_place(
    theme: Theme, layouts: dict[str, Any], read: dict[tuple[str, str], LayoutInfo], roles: set[str]
) -> list[Problem]:
    """Every box of the theme's `boxes:` for `roles` whose layout has no placeholder of its
    kind (a text box for a layout with only a title), each at its line: it would place
    nothing, and say nothing of it."""
    problems = []
    for role in sorted(roles):
        info = _read_layout(read, layouts[theme.layout_name(role)], theme, role)
        problems += [
            Problem(
                theme.locate("boxes", role, kind),
                _("boxes.{role}.{kind}: the layout {layout} has no {what} to place").format(
                    role=role,
                    kind=kind,
                    layout=repr(info.name),
                    what=_("title") if kind == "title" else _("text placeholder"),
                ),
                _("remove the line, or name a layout that has one under `layouts:`"),
            )
            for kind in info.unplaced
        ]
    return problems


def _boxes_off_the_slide(theme: Theme, prs: Any) -> list[Problem]:
    """Every box of the theme's `boxes:` that does not lie wholly on the template's slides,
    each at its line: a title placed there is not shown, and the check lets titles lie off
    the slide (a slide's hidden title, for screen readers)."""
    width, height = (prs.slide_width or 0) / EMU_PER_CM, (prs.slide_height or 0) / EMU_PER_CM
    shown = {"width": decimal(width, 2), "height": decimal(height, 2)}
    return [
        Problem(
            theme.locate("boxes", role, kind),
            _(
                "boxes.{role}.{kind}: the box runs off the slide, which is {width} × {height} cm"
            ).format(role=role, kind=kind, **shown),
            _(
                "place it on the slide: left plus width at most {width} cm, top plus height "
                "at most {height} cm"
            ).format(**shown),
        )
        for role, placed in theme.file.boxes.items()
        for kind, box in placed.items()
        if box.left + box.width > width + _LEEWAY or box.top + box.height > height + _LEEWAY
    ]


_LEEWAY = 0.005
"""Centimetres a box may end past the slide's edge: the half of the last decimal a theme
writes (a box drafted to end at the edge is rounded to two decimals)."""


def _missing_layouts(theme: Theme, layouts: dict[str, Any], roles: set[str]) -> list[Problem]:
    have = ", ".join(map(repr, layouts))
    return [
        Problem(
            theme.locate("layouts", role),
            _(
                "layouts.{role}: the template {template} has no layout named "
                "{layout_name}; it has: {have}"
            ).format(
                role=role,
                template=theme.template,
                layout_name=repr(theme.layout_name(role)),
                have=have,
            ),
            _("use one of those names in the theme"),
        )
        for role in sorted(roles)
        if theme.layout_name(role) not in layouts
    ]


def _layouts_by_name(prs: Any, master: int | None) -> dict[str, Any]:
    """The layouts by name: those of master number `master`, or of every master (reading the
    theme made sure that each name it uses is then on only one)."""
    masters = list(prs.slide_masters)
    chosen = masters if master is None else masters[master - 1 : master]
    return {layout.name: layout for part in chosen for layout in part.slide_layouts}


def _set_properties(prs: Any, deck: ComposedDeck) -> None:
    """Document properties from the deck itself, never python-pptx's defaults."""
    props = prs.core_properties
    meta = deck.meta
    props.title = meta.title
    props.subject = meta.subject
    props.author = meta.author
    props.keywords = ", ".join(meta.keywords)
    props.language = "da-DK"
    props.last_modified_by = GENERATOR
    props.revision = 1
    props.content_status = f"Genereret af {GENERATOR}"
    props.identifier = IDENTIFIER_PREFIX + deck.fingerprint()
    props.comments = f"Bygget af {GENERATOR} {__version__} fra {name_text(deck.path.name)}"[:255]
    core = internals.part_xml(props)
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for element in core.findall(qn(tag)):
            core.remove(element)
    _count_slides_in_app_properties(prs)


_APP_NS = f"{{{EXTENDED_PROPERTIES}}}"


def _count_slides_in_app_properties(prs: Any) -> None:
    """Keep `docProps/app.xml` true to the deck: its slide and notes counts (python-pptx
    leaves the template's in place, and file browsers show them), deckgen as the application,
    and nothing of the template's sample slides (their titles, words, paragraphs, editing time)."""
    app = next(
        (p for p in prs.part.package.iter_parts() if p.partname == "/docProps/app.xml"), None
    )
    if app is None:
        return
    root = etree.fromstring(app.blob)
    counts = {
        "Slides": len(prs.slides),
        "Notes": sum(1 for slide in prs.slides if slide.has_notes_slide),
        "Words": 0,
        "Paragraphs": 0,
        "TotalTime": 0,
        "Application": GENERATOR,
    }
    for name, value in counts.items():
        element = root.find(_APP_NS + name)
        if element is not None:
            element.text = str(value)
    _drop_slide_titles(root)
    internals.set_blob(
        app, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    )


_VT = f"{{{DOC_PROPS_VTYPES}}}"


def _drop_slide_titles(root: etree._Element) -> None:
    """Leave out the template's "Slide Titles" from the heading pairs and the titles of parts
    they count: those name the template's sample slides, which the deck does not have."""
    pairs = root.find(f"{_APP_NS}HeadingPairs/{_VT}vector")
    titles = root.find(f"{_APP_NS}TitlesOfParts/{_VT}vector")
    if pairs is None or titles is None:
        return
    variants = list(pairs)
    start = 0
    for name, count in zip(variants[::2], variants[1::2], strict=False):
        number = int(count.findtext(f"{_VT}i4") or 0)
        if name.findtext(f"{_VT}lpstr") == "Slide Titles":
            for title in list(titles)[start : start + number]:
                titles.remove(title)
            pairs.remove(name)
            pairs.remove(count)
        else:
            start += number
    pairs.set("size", str(len(pairs)))
    titles.set("size", str(len(titles)))


def _read_layout(
    read: dict[tuple[str, str], LayoutInfo], layout: Any, theme: Theme, role: str
) -> LayoutInfo:
    """`layout` read once for each place the theme gives its text (`Theme.boxes_for`)."""
    boxes = theme.boxes_for(role)
    key = (layout.name, repr(sorted(boxes.items())))
    info = read.get(key)
    if info is None:
        info = read[key] = LayoutInfo(layout, boxes)
    return info
