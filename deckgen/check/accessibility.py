"""Accessibility, as PowerPoint's accessibility checker and WCAG 2.1 (EN 301 549) define it.

Danish public bodies must publish accessible documents (webtilgængelighedsloven). Errors are
failures of a WCAG 2.1 AA success criterion; warnings are what PowerPoint's checker warns
about, and the municipality's own rule of at least 18 pt body text.

| check | WCAG | |
|---|---|---|
| `accessibility.title` | 2.4.2 | every slide has a title (hidden is fine, missing is not) |
| `accessibility.unique_titles` | 2.4.6 | no two slides share a title (warning) |
| `accessibility.alt_text` | 1.1.1 | pictures, diagrams, drawn shapes: alt text or decorative |
| `accessibility.contrast` | 1.4.3 | text contrast 4.5:1 (large text 3:1) against what is behind |
| `accessibility.text_size` | – | body text at least 18 pt after autofit (warning) |
| `accessibility.reading_order` | 1.3.2 | the title is read first, then the content top to bottom |
| `accessibility.language` | 3.1.1/3.1.2 | the document and its text are Danish (da-DK) |
| `accessibility.link_text` | 2.4.4 | a link says where it leads, not "klik her" |
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.check.contrast import background_at, worst_contrast
from deckgen.check.findings import Check, Finding, Severity, finding
from deckgen.check.opening import CheckedDeck
from deckgen.check.slides import Shape, SlideView
from deckgen.check.text import TextRun
from deckgen.i18n import N_, _
from deckgen.measure import min_text_pt
from deckgen.ooxml.ns import qn
from deckgen.ooxml.slides import is_file_path
from deckgen.theme.names import placeholder_name

LANGUAGE = "da-DK"
_GENERIC_ALT = frozenset(
    {"billede", "picture", "image", "foto", "photo", "grafik", "figur", "logo"}
)
_AUTO_ALT = ("automatisk genereret beskrivelse", "description automatically generated")
_VAGUE_LINKS = frozenset(
    {
        "klik her",
        "klik",
        "her",
        "tryk her",
        "se her",
        "læs mere",
        "mere",
        "link",
        "linket",
        "click here",
        "here",
        "read more",
        "more",
    }
)


def titles(deck: CheckedDeck) -> Iterator[Finding]:
    """Every slide has a title placeholder with text; hidden or off-slide is fine."""
    for view in deck.slides:
        title = _title(view)
        if title is None:
            yield finding(
                deck,
                view.number,
                Severity.ERROR,
                "accessibility.title",
                _("the slide has no title, so screen readers cannot name or find it"),
                _("use a layout with a title; a title may be hidden, but it must be there"),
            )
        elif not title.has_text:
            yield finding(
                deck,
                view.number,
                Severity.ERROR,
                "accessibility.title",
                _("the slide's title is empty"),
                _("give the block a title"),
            )


def unique_titles(deck: CheckedDeck) -> Iterator[Finding]:
    """No two slides share a title, so a list of slides tells them apart."""
    seen: dict[str, int] = {}
    for view in deck.slides:
        title = _title(view)
        if title is None or not title.has_text:
            continue
        key = " ".join(title.body.text.split()).casefold()
        if key in seen:
            yield finding(
                deck,
                view.number,
                Severity.WARNING,
                "accessibility.unique_titles",
                _("the title {join} is also slide {value}'s").format(
                    join=repr(" ".join(title.body.text.split())), value=seen[key]
                ),
                _("give each slide its own title, e.g. say what is different on this one"),
            )
        else:
            seen[key] = view.number


def alt_text(deck: CheckedDeck) -> Iterator[Finding]:
    """Pictures, diagrams and drawn shapes carry alt text that describes them."""
    for view in deck.slides:
        for shape in view.shapes:
            yield from _alt_text(deck, view, shape, described_above=False)


def _alt_text(
    deck: CheckedDeck, view: SlideView, shape: Shape, *, described_above: bool
) -> Iterator[Finding]:
    if shape.decorative or (shape.placeholder and shape.kind == "sp"):
        return
    needs = (
        shape.kind == "pic"
        or (shape.kind == "graphicFrame" and not _is_table(shape))
        or (
            not described_above
            and (
                shape.kind == "grpSp"
                or (
                    shape.kind in ("sp", "cxnSp")
                    and not shape.has_text
                    and shape.fill.kind != "none"
                )
            )
        )
    )
    text = (shape.alt_text or "").strip()
    if needs:
        what = _(_SHAPE_KINDS.get(shape.kind, _SHAPE))
        problem = _alt_problem(text)
        if problem:
            yield finding(
                deck,
                view.number,
                Severity.ERROR if problem != "auto" else Severity.WARNING,
                "accessibility.alt_text",
                _("the {what} {name} {format}").format(
                    what=what,
                    name=repr(shape.name),
                    format=_(_ALT_MESSAGES[problem]).format(text=text),
                ),
                _(
                    "describe what it shows in `alt_text`, or mark it decorative if "
                    "it only decorates"
                ),
            )
    # A group's members are covered by the group's alt text, or by the finding that it lacks one.
    for child in shape.children:
        yield from _alt_text(deck, view, child, described_above=True)


def _is_table(shape: Shape) -> bool:
    """A table is read as its text; PowerPoint asks no alt text of it."""
    return any(e.get("uri", "").endswith("/table") for e in shape.element.iter(qn("a:graphicData")))


_ALT_MESSAGES = {
    "missing": N_("has no alt text"),
    "file": N_("has a file name for alt text ({text!r})"),
    "generic": N_("has alt text that says nothing ({text!r})"),
    "auto": N_("has alt text that PowerPoint generated ({text!r}); check that it is right"),
}


def _alt_problem(text: str) -> str:
    if not text:
        return "missing"
    if is_file_path(text):
        return "file"
    if text.casefold().rstrip(".") in _GENERIC_ALT:
        return "generic"
    if any(marker in text.casefold() for marker in _AUTO_ALT):
        return "auto"
    return ""


def contrast(deck: CheckedDeck) -> Iterator[Finding]:
    """Text contrasts with what lies behind it by at least 4.5:1 (3:1 for large text)."""
    for view in deck.slides:
        layers = [*view.behind, *view.all_shapes()]
        for index, shape in enumerate(layers[len(view.behind) :], len(view.behind)):
            if not shape.has_text or shape.hidden:
                continue
            below = background_at(view, layers[: index + 1], shape)
            if below is None:
                yield finding(
                    deck,
                    view.number,
                    Severity.WARNING,
                    "accessibility.contrast",
                    _("{name} is on a picture or a pattern: its contrast is not measured").format(
                        name=_name(shape)
                    ),
                    _("check it by eye, or put the text on a solid fill"),
                )
                continue
            if any(
                r.color is None and r.text.strip() for p in shape.body.paragraphs for r in p.runs
            ):
                yield finding(
                    deck,
                    view.number,
                    Severity.WARNING,
                    "accessibility.contrast",
                    _("{name} has text whose colour cannot be resolved: not measured").format(
                        name=_name(shape)
                    ),
                    _("give the text a theme colour"),
                )
            worst = worst_contrast(shape, below)
            if worst is not None:
                ratio, needed, text, fore, back = worst
                yield finding(
                    deck,
                    view.number,
                    Severity.ERROR,
                    "accessibility.contrast",
                    _(
                        "{name}: {text} in #{fore} on #{back} has contrast "
                        "{ratio:.2f}:1, below {needed:g}:1"
                    ).format(
                        name=_name(shape),
                        text=repr(text),
                        fore=fore,
                        back=back,
                        ratio=ratio,
                        needed=needed,
                    ),
                    _("use the theme's text colour on light fills and white on dark ones"),
                )


_FOOTER_SHARE = 1 / 3
"""A footer's or slide number's text may be smaller than other text, down to this share of
it (6 pt against 18 pt): the templates we know draw them at 8 to 12 pt, and a template's own
size of 1 pt (its sample text, which a deck's master takes as its text styles) passed."""


def text_size(deck: CheckedDeck) -> Iterator[Finding]:
    """Text other than footers is at least 18 pt as shown (after autofit shrinks it), on a
    slide of the standard 19.05 cm height; in proportion on others (`min_text_pt`). Footers
    and slide numbers at least a third of that."""
    readable = min_text_pt(deck.prs.slide_height)
    for view in deck.slides:
        for shape in view.all_shapes():
            if not shape.has_text or shape.hidden:
                continue
            least = readable * _FOOTER_SHARE if shape.is_footer else readable
            scale = shape.body.font_scale if shape.body.autofit == "normal" else 1.0
            sizes = [
                run.size_pt * scale
                for p in shape.body.paragraphs
                for run in p.runs
                if run.text.strip()
            ]
            if sizes and min(sizes) < least - 0.05:
                yield finding(
                    deck,
                    view.number,
                    Severity.WARNING,
                    "accessibility.text_size",
                    _("{name} has text at {min:.1f} pt, below {MIN_BODY_PT:g} pt").format(
                        name=_name(shape),
                        min=min(sizes),
                        MIN_BODY_PT=round(least, 1) if shape.is_footer else least,
                    ),
                    _(
                        "give the footer a larger text size in the template's slide master "
                        "(View ▸ Slide Master)"
                    )
                    if shape.is_footer
                    else _("shorten the text so it fits at a readable size"),
                )


def reading_order(deck: CheckedDeck) -> Iterator[Finding]:
    """Screen readers read shapes in the slide's order: the title first, then the content
    as it stands on the slide, top to bottom; footers may come anywhere."""
    for view in deck.slides:
        content = [s for s in view.shapes if not (s.is_footer or s.decorative)]
        first = next(iter(content), None)
        title = _title(view)
        if title is not None and first is not None and first is not title:
            yield finding(
                deck,
                view.number,
                Severity.ERROR,
                "accessibility.reading_order",
                _("{name} is read before the slide's title").format(name=_name(first)),
                _(
                    "the title must come first in the slide's reading order (Arrange "
                    "▸ Reading order)"
                ),
            )
        yield from _visual_order(deck, view, [s for s in content if not s.is_title])


def _visual_order(deck: CheckedDeck, view: SlideView, shapes: list[Shape]) -> Iterator[Finding]:
    for index, earlier in enumerate(shapes):
        later = next((s for s in shapes[index + 1 :] if s.box.bottom <= earlier.box.top), None)
        if later is not None:
            yield finding(
                deck,
                view.number,
                Severity.WARNING,
                "accessibility.reading_order",
                _("{name} is read before {name2}, which stands above it").format(
                    name=_name(earlier), name2=_name(later)
                ),
                _("order the shapes as they are read, top to bottom (Arrange ▸ Reading order)"),
            )
            return
    for shape in shapes:
        if shape.children:
            yield from _visual_order(deck, view, shape.children)


def language(deck: CheckedDeck) -> Iterator[Finding]:
    """The document and every text in it are marked Danish, so they are read and spelled as such."""
    declared = deck.prs.core_properties.language or ""
    if declared != LANGUAGE:
        yield finding(
            deck,
            None,
            Severity.ERROR,
            "accessibility.language",
            _("the document's language is {value}, not {LANGUAGE}").format(
                value=str(declared or _("not set")), LANGUAGE=LANGUAGE
            ),
            _("set the language in the document properties"),
        )
    for view in deck.slides:
        for shape in view.all_shapes():
            if shape.has_text:
                runs = [run for p in shape.body.paragraphs for run in p.runs if not run.field]
                wrong = _languages(runs)
                if wrong:
                    yield finding(
                        deck,
                        view.number,
                        Severity.ERROR,
                        "accessibility.language",
                        _("{name} has text not marked {LANGUAGE} ({wrong})").format(
                            name=_name(shape), LANGUAGE=LANGUAGE, wrong=wrong
                        ),
                        _("mark the text Danish (Review ▸ Language)"),
                    )
        wrong = _languages(view.notes)
        if wrong:
            yield finding(
                deck,
                view.number,
                Severity.WARNING,
                "accessibility.language",
                _("the speaker notes are not marked {LANGUAGE} ({wrong})").format(
                    LANGUAGE=LANGUAGE, wrong=wrong
                ),
                _("mark the notes Danish (Review ▸ Language)"),
            )


def _languages(runs: list[TextRun]) -> str:
    """How the text in `runs` that is not Danish is marked, in words; empty if all is."""
    found = sorted({run.lang or "" for run in runs if run.text.strip() and run.lang != LANGUAGE})
    return ", ".join(
        _("marked {language}").format(language=lang) if lang else _("no language set")
        for lang in found
    )


def link_text(deck: CheckedDeck) -> Iterator[Finding]:
    """A link's text says where it leads; "klik her" means nothing read out of context."""
    for view in deck.slides:
        for shape in view.all_shapes():
            if not shape.has_text:
                continue
            for paragraph in shape.body.paragraphs:
                for text in _link_texts(paragraph.runs):
                    if text.casefold().strip(" .:!→»") in _VAGUE_LINKS:
                        yield finding(
                            deck,
                            view.number,
                            Severity.ERROR,
                            "accessibility.link_text",
                            _("the link text {text} does not say where the link leads").format(
                                text=repr(text)
                            ),
                            _("write where it leads, e.g. “Læs om aktørskab på moellerup.dk”"),
                        )


def _link_texts(runs: list[TextRun]) -> Iterator[str]:
    current = ""
    for run in runs:
        if run.link:
            current += run.text
        elif current:
            yield current.strip()
            current = ""
    if current:
        yield current.strip()


_SHAPE_KINDS = {
    "pic": N_("picture"),
    "graphicFrame": N_("diagram or chart"),
    "grpSp": N_("diagram (group)"),
}
_SHAPE = N_("shape")


def _title(view: SlideView) -> Shape | None:
    return next((s for s in view.all_shapes() if s.is_title), None)


def _name(shape: Shape) -> str:
    if shape.is_title:
        return _("the title")
    if shape.placeholder:
        return placeholder_name(shape.placeholder)
    return _("the shape {name}").format(name=repr(shape.name))


CHECKS = (
    Check("accessibility.title", titles, N_("every slide has a title")),
    Check("accessibility.unique_titles", unique_titles, N_("slide titles are unique")),
    Check("accessibility.alt_text", alt_text, N_("pictures and diagrams have alt text")),
    Check("accessibility.contrast", contrast, N_("text contrast 4.5:1 (3:1 large)")),
    Check("accessibility.text_size", text_size, N_("body text at least 18 pt")),
    Check("accessibility.reading_order", reading_order, N_("title first, then content in order")),
    Check("accessibility.language", language, N_("document and text are da-DK")),
    Check("accessibility.link_text", link_text, N_("link text says where it leads")),
)
