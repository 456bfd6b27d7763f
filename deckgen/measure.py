"""Measure set text with the real font's metrics (FreeType via Pillow): the one measurer.

The renderer measures what it is about to write, to shrink a placeholder's text or choose a
card's size; the check measures what a slide's XML holds, to judge it. Both hand this module
the same model (`deckgen.text.TextBody`) and get the same answer, so build and gate agree.

Text is wrapped word by word the way PowerPoint does, each paragraph at its left margin, and
the lines are stacked at the font's own line height times the paragraph's line spacing, plus
the space before and after paragraphs. A paragraph set in one font and size (nearly all) is
wrapped as one string, each word measured once; one that mixes fonts or sizes, word by word.

What FreeType answers is remembered in deckgen's cache (`deckgen.cache`), by the font file's
bytes and the version of Pillow and its FreeType, HarfBuzz and raqm: each word's width, the
line height, and that the file is a font FreeType reads. A deck built again, or another deck
in the same font, measures only words not measured before, and when there are none it loads
neither Pillow's font code nor the font: measuring was a tenth of a one-deck build.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec
from msgspec import Struct

from deckgen import cache as disk
from deckgen import regular
from deckgen.i18n import _, decimal
from deckgen.text import TextBody, TextParagraph

if TYPE_CHECKING:
    from PIL import ImageFont

EMU_PER_PT = 12700
EMU_PER_CM = 360000
TOLERANCE_PT = 2.0
"""Text may overrun its box by this much before it counts as not fitting."""
MIN_BODY_PT = 18.0
"""The autofit floor on a slide of PowerPoint's standard height (`min_text_pt` gives it for
others): text is never shrunk below this to fit, and the gate warns about text shown smaller;
smaller is hard to read from the back of a room."""
STANDARD_HEIGHT_EMU = 6858000
"""19.05 cm (7.5 in): the height of PowerPoint's 16:9 and 4:3 slides."""


def min_text_pt(slide_height: int) -> float:
    """The smallest readable text on a slide `slide_height` EMU tall: `MIN_BODY_PT` on the
    standard height, in proportion on others (down to the half point), since a projected slide is
    shown at the screen's size, whatever its own (Google Slides' 14.29 cm: 13.5 pt)."""
    return math.floor(MIN_BODY_PT * slide_height / STANDARD_HEIGHT_EMU * 2) / 2


_MEASURE_SIZE = 200
"""Fonts are measured at this pixel size and scaled, to keep rounding error small."""
_JOIN_SLACK = _MEASURE_SIZE / 10
"""How far (in measuring pixels) joining two pieces of text with a space may move their
widths' sum: kerning against the space. Text fonts kern a space by far less than a tenth of
an em, if at all (Carlito not at all)."""
_TOKENS = re.compile(r"(\n| )")


@dataclass(frozen=True)
class WidthTable:
    """A font known by its published advance widths rather than by a file: a table in
    `deckgen/data/metrics` (Verdana's), for a font no free file has the metrics of. A
    character the table lacks is taken to be an em wide, wider than any letter."""

    path: Path
    face: str
    """`regular` or `bold`: the table's face (its italics name the upright face they match)."""


@dataclass(frozen=True)
class Widest:
    """Text that must fit as each of `parts` draws it: a missing font as PowerPoint draws it
    (its metric twin, or its width table) and as LibreOffice draws it here (the font
    fontconfig substitutes). Each text is as wide as the widest of them draws it, each line
    as tall as the tallest."""

    parts: tuple[Path | WidthTable, ...]


Face = Path | WidthTable | Widest
"""What one face of a font is measured with: its file, its width table, or the widest of
several."""


@dataclass(frozen=True)
class FontSet:
    """Files of one font family, for measuring; italics fall back on the upright files.

    `width` is how much wider the font measured draws text than these files: 1 for the font
    itself or a metric twin, more for a stand-in (`deckgen.theme.fontfiles`), so that text
    is wrapped into a line that much narrower. `heading` measures titles, where their font
    is another (a run whose typeface is `heading.family`)."""

    regular: Face
    bold: Face
    italic: Face | None = None
    bold_italic: Face | None = None
    width: float = 1.0
    family: str = ""
    """The font these files measure, as the template names it."""
    heading: FontSet | None = None
    others: Callable[[str], FontSet] | None = field(default=None, compare=False)
    """The set for any other font a run names (a template's styles may name their own)."""

    @classmethod
    def of_theme(cls, theme: Any) -> FontSet:
        """The files the fonts of a `deckgen.theme.Theme` are measured with
        (`Theme.measured`): its body font's, and its heading font's where that is another."""
        found: dict[str, FontSet] = {}

        def others(typeface: str) -> FontSet:
            key = typeface.casefold()
            if key not in found and len(found) >= _MOST_FONTS:
                key = ""  # past the bound: measured as a font nothing is known of
            if key not in found:
                found[key] = cls._of(theme.measured_font(typeface if key else ""))
            return found[key]

        body = replace(cls._of(theme.measured("body")), others=others)
        heading = theme.measured("heading")
        if heading.font.casefold() == body.family.casefold():
            return body
        return replace(body, heading=cls._of(heading))

    @classmethod
    def _of(cls, found: Any) -> FontSet:
        files = found.files
        return cls(
            files["regular"],
            files["bold"],
            files.get("italic"),
            files.get("bold_italic"),
            width=found.width,
            family=found.font,
        )

    def get(self, bold: bool, italic: bool) -> Face:
        """The file for a weight and slant."""
        if italic:
            found = self.bold_italic if bold else self.italic
            if found is not None:
                return found
        return self.bold if bold else self.regular

    def of(self, typeface: str) -> FontSet:
        """The set a run in `typeface` is measured with: the heading font's for the theme's
        major font (`+mj-lt`, as the renderer finds titles' style naming it) or the heading
        font by name (as the check reads runs); this one for the body font (`+mn-lt`, or
        none named); another font's own (`others`) for any other name."""
        heading = self.heading or self
        if not typeface or typeface.startswith("+mn"):
            return self
        if typeface.startswith("+mj"):
            return heading
        name = typeface.casefold()
        if name == heading.family.casefold():
            return heading
        if name == self.family.casefold() or self.others is None or typeface.startswith("+"):
            return self
        return self.others(typeface)

    def widest(self) -> FontSet:
        """The set of this one and `heading` that draws text wider: shapes whose font is
        either are measured with it, so the build never finds room the check does not."""
        heading = self.heading
        if heading is None:
            return self
        sample = "Høj bly gom vandt fræk sexquiz på wc"

        def drawn(fonts: FontSet) -> float:
            return _length(sample, fonts.bold) * fonts.width

        return replace(self, heading=None) if drawn(self) >= drawn(heading) else heading

    @property
    def files(self) -> dict[tuple[bool, bool], Face]:
        """Each (bold, italic) with its file."""
        return {(b, i): self.get(b, i) for b in (False, True) for i in (False, True)}


_MOST_FONTS = 24
"""Fonts a deck's runs name that are each looked for on their own (fontconfig asked, a file
read, some 50 ms each the first time); the rest are measured as a font nothing is known of,
as wide as the widest common font (`deckgen.theme.fontfiles.WIDER`). A received deck whose
runs named 2,000 fonts took `check` minutes; real decks name a handful."""


class Measure(Struct, frozen=True):
    """How much room a text frame has and how much its text needs, in points."""

    needed: float
    available: float
    width: float
    too_wide: str
    """A word wider than its line (PowerPoint breaks it mid-word), or empty."""

    @property
    def overflows(self) -> bool:
        """Whether the text runs off its frame: the verdict of build and check alike."""
        return self.needed > self.available + TOLERANCE_PT

    @property
    def shortfall(self) -> str:
        """`needs 12.3 cm of 11.8 cm`: what the text needs and what it has."""
        if self.available <= 0:
            # A box smaller than its own margins has no room at all (not "of -0.3 cm").
            return _("needs {needed}; the box has no room for text inside its margins").format(
                needed=_cm(self.needed)
            )
        return _("needs {needed} of {available}").format(
            needed=_cm(self.needed), available=_cm(self.available)
        )


def _cm(points: float) -> str:
    return f"{decimal(points * EMU_PER_PT / EMU_PER_CM)} cm"


def measure(
    body: TextBody, width_pt: float, height_pt: float, fonts: FontSet, *, share: float = 1.0
) -> Measure:
    """Measure `body` in a text area `width_pt` × `height_pt` (insets already taken off).

    `share` narrows the width lines are wrapped into, to aim for a safety margin; its
    autofit `fontScale` (with `normAutofit`) shrinks every run.
    """
    scale = body.font_scale if body.autofit == "normal" else 1.0
    needed, too_wide = 0.0, ""
    last = len(body.paragraphs) - 1
    for index, paragraph in enumerate(body.paragraphs):
        usable = width_pt * share - paragraph.margin_left / EMU_PER_PT
        if index:
            needed += paragraph.space_before_pt
        lines, height, spacing, widest = _paragraph(paragraph, usable, scale, body, fonts)
        too_wide = too_wide or widest
        needed += lines * height * spacing
        if index < last:
            needed += paragraph.space_after_pt
    return Measure(needed, height_pt, width_pt, too_wide)


def _paragraph(
    paragraph: TextParagraph, usable: float, scale: float, body: TextBody, fonts: FontSet
) -> tuple[int, float, float, str]:
    """Lines the paragraph takes, the height of one at single spacing and the spacing it is
    set at, and any word wider than `usable`."""
    shown = [run for run in paragraph.runs if run.text not in ("", "\n")]
    looks = {(run.bold, run.italic, run.size_pt, fonts.of(run.typeface)) for run in shown}
    kind, spacing = paragraph.line_spacing
    if len(looks) <= 1 and body.wrap:
        bold, italic, size, family = (
            next(iter(looks)) if looks else (False, False, paragraph.end_size_pt, fonts)
        )
        font, points = family.get(bold, italic), size * scale
        # A stand-in font draws narrower than the font it stands in for: its lines are
        # made as much narrower as the real font is wider.
        line = usable / family.width
        text = paragraph.text
        lines = wrapped_lines(text, line, font, points)
        widest = next((w for w in text.split() if text_width_pt(w, font, points) > line), "")
    else:
        lines, widest = _mixed_lines(paragraph, usable, scale, fonts, body.wrap)
        tallest = max(shown or paragraph.runs, key=lambda run: run.size_pt, default=None)
        if tallest is None:
            font, points = fonts.get(False, False), paragraph.end_size_pt * scale
        else:
            family = fonts.of(tallest.typeface)
            font, points = family.get(tallest.bold, tallest.italic), tallest.size_pt * scale
    if kind == "pts":
        return lines, spacing, 1.0, widest
    return lines, line_height_pt(font, points), max(spacing - body.line_reduction, 0.0), widest


@cache
def _font(path: Path, stamp: tuple[int, int, int, int, int]) -> ImageFont.FreeTypeFont:
    """The font file at `path` as it was at `stamp` (`deckgen.regular.stamp`)."""
    from PIL import ImageFont  # only for what the cache does not know

    return ImageFont.truetype(str(path), _MEASURE_SIZE)


class _Known(Struct):
    """What was measured with one font file, as kept in the cache."""

    height: int = 0
    """FreeType's line height at `_MEASURE_SIZE` (0: not measured yet)."""
    widths: dict[str, float] = {}
    """Each text measured, and its width at `_MEASURE_SIZE`."""


class _Measures:
    """What one font file measured, from the cache and in this process, and what is new."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.stamp = regular.version(path)
        self.name = _cache_name(path)
        self.known = _Known()
        if self.name:
            data = disk.load(_CACHE_KIND, self.name)
            if data is not None:
                # An entry of another shape is measured afresh.
                with contextlib.suppress(msgspec.DecodeError):
                    self.known = msgspec.msgpack.decode(data, type=_Known)
        self.new = 0

    def width(self, text: str) -> float:
        found = self.known.widths.get(text)
        if found is None:
            self._check()
            found = _measured_length(text, self.path, self.stamp)
            if len(self.known.widths) < _MAX_KNOWN:
                self.known.widths[text] = found
                self.new += 1
        return found

    def height(self) -> int:
        if not self.known.height:
            self._check()
            self.known.height = _font(self.path, self.stamp).font.height
            self.new += 1
        return self.known.height

    def _check(self) -> None:
        """Before FreeType measures: a font file written over since its cache entry was
        chosen (the web page runs on) would measure the new font into the old font's
        entry, and every later build in the old font would take those widths."""
        if self.changed():
            self.name = ""  # nothing more is kept from this process

    def changed(self) -> bool:
        """Whether the font file was written over since it was first measured here."""
        return regular.version(self.path) != self.stamp

    def keep(self) -> None:
        if self.new and self.name:
            disk.store(_CACHE_KIND, self.name, msgspec.msgpack.encode(self.known))
        self.new = 0


class _TableMeasures:
    """What a width table (`WidthTable`) measures: each character's advance added up (no
    kerning: PowerPoint kerns only text above the size a run's `kern` names, and kerning
    narrows text), at `_MEASURE_SIZE` like a file."""

    def __init__(self, table: WidthTable) -> None:
        widths, self.line_height = _table(table.path, table.face)
        self.widths = widths

    def width(self, text: str) -> float:
        return sum(self.widths.get(char, 1.0) for char in text) * _MEASURE_SIZE

    def height(self) -> int:
        return math.ceil(self.line_height * _MEASURE_SIZE)

    def changed(self) -> bool:
        return False

    def keep(self) -> None:
        pass


@cache
def _table(path: Path, face: str) -> tuple[dict[str, float], float]:
    """The advance widths (in ems) of `face` in the table at `path`, and its line height.

    The table (`tools/font_widths.py` writes it) lists ranges of code points of one width,
    `[first, last, width]`, in `units_per_em`; `italic` and `bold_italic` name the upright
    face whose widths they share."""
    data = msgspec.json.decode(path.read_bytes(), type=_WidthTableFile)
    face = {"italic": data.italic, "bold_italic": data.bold_italic}.get(face, face)
    unit = 1 / data.units_per_em
    widths = {
        chr(code): width * unit
        for first, last, width in data.faces[face]
        for code in range(first, last + 1)
    }
    return widths, data.line_height * unit


class _WidthTableFile(Struct):
    units_per_em: int
    line_height: int
    faces: dict[str, list[tuple[int, int, int]]]
    italic: str = "regular"
    bold_italic: str = "bold"


class _WidestMeasures:
    """What `Widest` measures: the widest of its parts' widths, the tallest of their lines."""

    def __init__(self, widest: Widest) -> None:
        self.parts = widest.parts

    def width(self, text: str) -> float:
        return max(_of(part).width(text) for part in self.parts)

    def height(self) -> int:
        return max(_of(part).height() for part in self.parts)

    def changed(self) -> bool:
        return False  # its parts are kept, and looked at, on their own

    def keep(self) -> None:
        pass


_CACHE_KIND = "text-widths"
_MAX_KNOWN = 1 << 15
"""Texts kept per font file (some 2 MB): past it, new ones are measured, not kept."""
_measures: dict[Face, _Measures | _TableMeasures | _WidestMeasures] = {}


def _of(face: Face) -> _Measures | _TableMeasures | _WidestMeasures:
    found = _measures.get(face)
    if found is None:
        if isinstance(face, WidthTable):
            found = _TableMeasures(face)
        elif isinstance(face, Widest):
            found = _WidestMeasures(face)
        else:
            found = _Measures(face)
        _measures[face] = found
    return found


def keep_measures() -> None:
    """Keep what was measured since the last call in deckgen's cache, for the next process
    (called when a deck has been drawn)."""
    for path, measures in list(_measures.items()):
        measures.keep()
        if measures.changed():  # the next deck measures the file as it is now
            del _measures[path]


@cache
def _freetype() -> str:
    """Everything besides the font file that decides what FreeType measures: Pillow's and
    its libraries' versions, and which of them lay text out."""
    import PIL
    from PIL import _imagingft  # the font module itself, without Pillow's pictures

    parts = [PIL.__version__, str(_MEASURE_SIZE)]
    for name in (
        "freetype2_version",
        "HAVE_RAQM",
        "raqm_version",
        "HAVE_FRIBIDI",
        "fribidi_version",
        "HAVE_HARFBUZZ",
        "harfbuzz_version",
    ):
        parts.append(f"{name}={getattr(_imagingft, name, None)}")
    return " ".join(parts)


def _cache_name(path: Path) -> str:
    """The cache entry of what `path` measures ('' for a file that cannot be digested)."""
    digest = disk.file_digest(path)
    return disk.key(b"text-widths-v1", digest, _freetype()) if digest else ""


def freetype_reads(path: Path) -> bool:
    """Whether FreeType can measure with the font file at `path`: remembered in deckgen's
    cache by the file's bytes (and Pillow's versions), like what it measures."""
    digest = disk.file_digest(path)
    name = disk.key(b"freetype-reads-v1", digest, _freetype()) if digest else ""
    known = disk.load(_CACHE_KIND, name) if name else None
    if known in (b"yes", b"no"):
        return known == b"yes"
    from PIL import ImageFont

    try:
        ImageFont.truetype(str(path), 12)
        reads = True
    except (OSError, ValueError):
        reads = False
    if name:
        disk.store(_CACHE_KIND, name, b"yes" if reads else b"no")
    return reads


def text_width_pt(text: str, font_file: Face, size_pt: float) -> float:
    """Width of `text` on one line at `size_pt`."""
    return _length(text, font_file) * size_pt / _MEASURE_SIZE


_PIECE_CHARS = 4096
"""Longer text is measured in pieces of this many characters and the widths added up:
FreeType adds widths in 32-bit fixed point, which wraps to a negative width past some
300,000 characters, and Pillow refuses a text of over a million."""


_PARAGRAPH_SEPARATORS = str.maketrans(dict.fromkeys("\r\x1c\x1d\x1e\x85\u2029", " "))
"""The characters Unicode calls paragraph separators (bidi class B) besides `\n`: raqm, which
lays text out for Pillow, fails on a text containing any ("raqm_layout() failed"), and
received decks, reused slides and templates carry them (`&#13;` from Mac Office, U+2029 from
pasted text, U+0085 from old Windows files). They are measured as a space."""


def layout_safe(text: str) -> str:
    """`text` as Pillow can lay it out on one line: paragraph separators become spaces."""
    return text.translate(_PARAGRAPH_SEPARATORS)


@lru_cache(maxsize=1 << 15)
def _length(text: str, font_file: Face) -> float:
    # Cached: fitting measures the same words again at every size it tries, and a tour
    # measures the same blocks in every deck. Bounded, so a long tour stays flat in memory.
    return _of(font_file).width(text)


def _measured_length(text: str, font_file: Path, stamp: tuple[int, int, int, int, int]) -> float:
    font = _font(font_file, stamp)
    text = layout_safe(text)
    if len(text) <= _PIECE_CHARS:
        return font.getlength(text)
    return sum(
        font.getlength(text[start : start + _PIECE_CHARS])
        for start in range(0, len(text), _PIECE_CHARS)
    )


def line_height_pt(font_file: Face, size_pt: float) -> float:
    """Distance between baselines at single spacing: ascent, descent and line gap, as
    PowerPoint spaces lines (FreeType's `height`; for Calibri/Carlito 1.22 em)."""
    return _of(font_file).height() * size_pt / _MEASURE_SIZE


@lru_cache(maxsize=1 << 13)
def wrapped_lines(text: str, width_pt: float, font_file: Face, size_pt: float) -> int:
    """How many lines `text` takes when wrapped at word boundaries into `width_pt`."""
    # Wrapping asks, word by word, whether the line so far and the next word still fit.
    # Measuring that line in full costs time in proportion to its length, for every word.
    # The sum of the words' and spaces' widths (each word measured once) gives the same
    # answer unless it comes within the kerning slack of the edge; only then is the line
    # itself measured. Widths here are in measuring pixels until compared.
    space = _length(" ", font_file)
    lines = 0
    for hard_line in text.split("\n"):
        lines += 1
        if not text_width_pt(hard_line, font_file, size_pt) > width_pt:
            continue  # the whole line fits, so every part of it does
        current = ""
        width = slack = 0.0  # the width of `current` is `width`, give or take `slack`
        for word in hard_line.split(" "):
            word_width = _length(word, font_file)
            if current:
                guess, guess_slack = width + space + word_width, slack + _JOIN_SLACK
                if _to_pt(guess + guess_slack, size_pt) < width_pt:
                    current, width, slack = f"{current} {word}", guess, guess_slack
                    continue  # it fits, so it is no word wider than the box
                if _to_pt(guess - guess_slack, size_pt) <= width_pt:
                    candidate = f"{current} {word}"
                    if not text_width_pt(candidate, font_file, size_pt) > width_pt:
                        current, width, slack = candidate, _length(candidate, font_file), 0.0
                        continue
                lines += 1
            current, width, slack = word, word_width, 0.0
            # A single word wider than the box breaks mid-word.
            overflow = text_width_pt(current, font_file, size_pt) / max(width_pt, 1.0)
            if overflow > 1:
                lines += int(overflow)
                current, width = "", 0.0
    return lines


def _to_pt(pixels: float, size_pt: float) -> float:
    return pixels * size_pt / _MEASURE_SIZE


def _mixed_lines(
    paragraph: TextParagraph, width: float, scale: float, fonts: FontSet, wrap: bool
) -> tuple[int, str]:
    """Lines a paragraph of several fonts or sizes takes in `width` points (or on one line
    each, without `wrap`), and any word wider than that."""
    lines, x, space, too_wide = 1, 0.0, 0.0, ""
    for kind, text, advance in _tokens(paragraph, scale, fonts):
        if kind == "break":
            lines, x, space = lines + 1, 0.0, 0.0
        elif kind == "space":
            space += advance
        elif not wrap:
            x += space + advance
            space = 0.0
            if x > width + TOLERANCE_PT:
                too_wide = too_wide or text
        else:
            if x and x + space + advance > width:
                lines, x = lines + 1, 0.0
            elif x:
                x += space
            space = 0.0
            if advance > width:
                too_wide = too_wide or text
                extra = math.ceil(advance / max(width, 1.0)) - 1
                lines += extra
                x = advance - extra * width
            else:
                x += advance
    return lines, too_wide


def _tokens(
    paragraph: TextParagraph, scale: float, fonts: FontSet
) -> Iterator[tuple[str, str, float]]:
    """Words (joined across runs), spaces and breaks, each with its width in points."""
    word, word_width = "", 0.0
    for run in paragraph.runs:
        family = fonts.of(run.typeface)
        font, size = family.get(run.bold, run.italic), run.size_pt * scale
        for piece in _TOKENS.split(run.text):
            if not piece:
                continue
            if piece in (" ", "\n"):
                if word:
                    yield "word", word, word_width
                    word, word_width = "", 0.0
                yield (
                    ("space", " ", text_width_pt(" ", font, size) * family.width)
                    if piece == " "
                    else ("break", "", 0.0)
                )
            else:
                word += piece
                word_width += text_width_pt(piece, font, size) * family.width
    if word:
        yield "word", word, word_width
