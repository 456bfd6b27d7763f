"""The block library at a glance: every block drawn as its slide, on a web page and one sheet.

A secretary picks blocks by sight; the communication department sees the whole library at
once. Every valid block of the library becomes one slide of an in-memory deck, with each
`{{ variable }}` shown as `‹variable›`; LibreOffice renders them all in one run. The page
(`index.html`) shows each block's picture with its id, kind, tags and the file and line it is
written at; `catalogue.png` is the same as one contact sheet.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deckgen import limits
from deckgen.blocks import read_block
from deckgen.blocks.base import SourceContext
from deckgen.build import Builder
from deckgen.compose import ComposedDeck, ComposedSlide
from deckgen.errors import DeckgenError, Location, Problem, display_path
from deckgen.i18n import _
from deckgen.library import BlockLibrary, load_library
from deckgen.models import MAX_SLIDES, DeckMeta
from deckgen.preview import scratch
from deckgen.preview.owned import OutputFolder
from deckgen.preview.render import LibreOffice, contact_sheet, pdf_to_pngs, theme_font_files
from deckgen.project import project_root
from deckgen.record import Invalid
from deckgen.theme import Theme
from deckgen.variables import PATTERN, names_in
from deckgen.wording import problems_from

THUMB_WIDTH_PX = 640
PAGE_NAME = "index.html"
SHEET_NAME = "catalogue.png"
_STYLE = """\
body {
  font-family: Calibri, Carlito, sans-serif;
  margin: 2rem;
  background: #F4F6F7;
  color: #1F2A30;
}
h1 {
  color: #003B5C;
}
main {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(320px, 1fr));
  gap: 1.5rem;
}
figure {
  margin: 0;
  background: #FFFFFF;
  padding: .75rem;
  border: 1px solid #B0BEC5;
}
img {
  width: 100%;
  height: auto;
  border: 1px solid #CFD8DC;
}
figcaption code {
  font-size: 1.05rem;
  font-weight: bold;
  color: #003B5C;
}
.kind {
  background: #E6EEF3;
  padding: 0 .4rem;
  border-radius: .3rem;
  margin-left: .4rem;
}
.tags, .where {
  color: #4A6373;
  font-size: .9rem;
}
.problems {
  background: #FFFFFF;
  border-left: .4rem solid #B2423A;
  padding: .5rem 1rem;
  margin-bottom: 1.5rem;
}
"""


@dataclass(frozen=True)
class CatalogueEntry:
    """One block as the catalogue shows it."""

    block_id: str
    kind: str
    heading: str
    tags: tuple[str, ...]
    location: Location
    picture: Path


@dataclass
class Catalogue:
    """What `build_catalogue` wrote, and the blocks it could not show."""

    page: Path
    sheet: Path
    entries: list[CatalogueEntry]
    problems: list[Problem] = field(default_factory=list)
    unoffered: int = 0
    """Drafts and retired blocks left out (all are shown with `everything`)."""


def build_catalogue(
    library_folder: Path,
    folder: Path,
    theme_path: Path | None = None,
    builder: Builder | None = None,
    *,
    force: bool = False,
    office: Any = None,
    library: BlockLibrary | None = None,
    everything: bool = False,
) -> Catalogue:
    """Render every block of the library in `library_folder` into `folder`, drawn by
    `builder` (made here if not given), converted by `office` (a LibreOffice kept running,
    `deckgen.preview.office.KeptOffice`) or by a LibreOffice started for it."""
    builder = builder or Builder(theme=theme_path)
    theme = builder.theme(theme_path)
    library = library if library is not None else load_library(library_folder, strict=False)
    unoffered = sum(1 for entry in library if not entry.block.offered)
    deck, problems = catalogue_deck(library_folder, theme, theme_path, library)
    if not everything:  # what the secretaries may choose: no drafts, no retired blocks
        deck.slides[:] = [slide for slide in deck.slides if slide.block.offered]
    else:
        unoffered = 0
    slides = deck.slides
    if len(slides) > MAX_SLIDES:  # one slide each, drawn in one deck: bounded like a deck
        raise DeckgenError(
            _("the library has {count:,} blocks; the catalogue shows at most {MAX_SLIDES}").format(
                count=len(slides), MAX_SLIDES=MAX_SLIDES
            ),
            Location(library_folder),
            _("make a catalogue of each part: --library with a smaller folder"),
        )
    data = builder.render(deck, theme).data
    outputs = OutputFolder.open(folder, force)
    with scratch.folder("catalogue") as staging:
        pptx = Path(staging) / "catalogue.pptx"
        pptx.write_bytes(data)
        if office is not None:
            pdf = office.to_pdf([pptx], Path(staging))[0]
        else:
            with LibreOffice(theme_font_files(theme)) as once:
                pdf = once.to_pdf([pptx], Path(staging))[0]
        pages = pdf_to_pngs(pdf, Path(staging) / "pages", THUMB_WIDTH_PX)
        files = {
            f"blocks/{slide.block.id}.png": page for slide, page in zip(slides, pages, strict=True)
        }
        entries = [_entry(slide, folder / name) for slide, name in zip(slides, files, strict=True)]
        labels = [f"{e.block_id} · {e.kind}" for e in entries]
        title = f"Bloksamling · {len(entries)} blokke i {display_path(library_folder)}"
        staged_sheet = Path(staging) / SHEET_NAME
        contact_sheet(list(files.values()), title, labels, columns=5, thumb_width=360).save(
            staged_sheet, optimize=True
        )
        staged_page = Path(staging) / PAGE_NAME
        staged_page.write_text(_page(entries, title, problems), encoding="utf-8")
        files.update({SHEET_NAME: staged_sheet, PAGE_NAME: staged_page})
        outputs.publish(files, stale_under=["blocks"])
    sheet, page = folder / SHEET_NAME, folder / PAGE_NAME
    return Catalogue(page, sheet, entries, problems, unoffered)


def catalogue_deck(
    library_folder: Path,
    theme: Theme,
    theme_path: Path | None = None,
    library: BlockLibrary | None = None,
) -> tuple[ComposedDeck, list[Problem]]:
    """One slide per block of the library that can be drawn, with `{{ variables }}` shown as
    `‹name›`; and the problems of the blocks that cannot. `library` is the library of that
    folder already read, else it is read now."""
    library = library if library is not None else load_library(library_folder, strict=False)
    problems = list(library.problems)
    slides: list[ComposedSlide] = []
    names: set[str] = set(names_in(theme.footer.text))
    for entry in library:
        too_long = limits.too_long_text(entry.raw)
        if too_long is not None:  # no deck can show it: listed, not drawn
            where = entry.doc.locate((*entry.path, *too_long[0]))
            problems.append(Problem(where, *limits.field_too_long(too_long[1], filled=False)))
            continue
        raw = _placeholders(entry.raw, names)
        try:
            block = read_block(raw)
        except Invalid as exc:
            problems += problems_from(exc.errors, entry.doc, entry.path)
            continue
        context = SourceContext(entry.doc.path.parent, project_root(entry.doc.path))
        broken = block.check_sources(context)
        if broken:
            problems += [Problem(entry.location, f"{p.message}", p.hint) for p in broken]
            continue
        slides.append(ComposedSlide(block, entry.location, context, values=_SHOWN_AS_NAMES))
    variables = {name: f"‹{name}›" for name in sorted(names)}
    deck = ComposedDeck(
        path=library_folder / "catalogue.yaml",
        meta=DeckMeta(title="Bloksamling"),
        slides=slides,
        variables=variables,
        theme_path=theme_path,
    )
    return deck, problems


class _ShownAsNames(dict[str, str]):
    """Every variable, shown as `‹name›`: for text a block brings from a file (a reused
    slide's), whose names the catalogue does not know beforehand."""

    def __contains__(self, name: object) -> bool:
        return True

    def __missing__(self, name: str) -> str:
        return f"‹{name}›"


_SHOWN_AS_NAMES = _ShownAsNames()


def _placeholders(raw: Any, names: set[str]) -> Any:
    """`raw` with every `{{ name }}` shown as `‹name›`; the names are added to `names`."""
    if isinstance(raw, str):
        names.update(names_in(raw))
        return PATTERN.sub(lambda match: f"‹{match.group(1)}›", raw)
    if isinstance(raw, list):
        return [_placeholders(item, names) for item in raw]
    if isinstance(raw, dict):
        return {key: _placeholders(value, names) for key, value in raw.items()}
    return raw


def _entry(slide: ComposedSlide, picture: Path) -> CatalogueEntry:
    block = slide.block
    kind = str(getattr(block, "kind", ""))
    return CatalogueEntry(
        block.id,
        f"{kind} · {block.status}" if block.status else kind,
        block.heading,
        tuple(block.tags),
        slide.location,
        picture,
    )


def _page(entries: list[CatalogueEntry], title: str, problems: list[Problem]) -> str:
    cards = "\n".join(_card(entry) for entry in entries)
    trouble = ""
    if problems:
        items = "".join(f"<li>{html.escape(str(p))}</li>" for p in problems)
        trouble = (
            '<section class="problems"><h2>Blokke der ikke kan vises</h2>'
            f"<ul>{items}</ul></section>"
        )
    return f"""<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
{_STYLE}</style>
</head>
<body>
<h1>{html.escape(title)}</h1>
<p>Hver blok vist som sit dias. Variabler vises som ‹navn›.
Sæt en blok i et dæk med dens id, fx <code>- vejen-videre</code>.</p>
{trouble}
<main>
{cards}
</main>
</body>
</html>
"""


def _card(entry: CatalogueEntry) -> str:
    tags = ", ".join(entry.tags) or "–"
    alt = _("The slide of the block {id}: {heading}").format(
        id=entry.block_id, heading=entry.heading
    )
    return (
        f'<figure id="{html.escape(entry.block_id)}">'
        f'<img src="blocks/{html.escape(entry.picture.name)}" '
        f'alt="{html.escape(" ".join(alt.split()))}" loading="lazy">'
        f"<figcaption><code>{html.escape(entry.block_id)}</code>"
        f'<span class="kind">{html.escape(entry.kind)}</span>'
        f"<div>{html.escape(' '.join(entry.heading.split()))}</div>"
        f'<div class="tags">Tags: {html.escape(tags)}</div>'
        f'<div class="where">{html.escape(str(entry.location))}</div></figcaption></figure>'
    )
