"""See decks as people will: a PDF and a PNG per slide from LibreOffice, and a contact sheet.

LibreOffice runs headless with a profile of its own (so it never clashes with a LibreOffice
someone has open) and converts every deck of a run in one process: starting it costs more
than converting a deck. The theme's font files are put in that profile, so slides render in
the metric-compatible font (Carlito for Calibri) that deckgen measured the text with, even
where the system lacks it. `pdftoppm` (Poppler) turns each PDF into PNGs, and Pillow lays
the slides out on one contact sheet, so a person sees a whole deck in one picture.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from deckgen.build import Builder
from deckgen.errors import DeckgenError, Location
from deckgen.i18n import N_, _
from deckgen.preview import scratch
from deckgen.preview.owned import OutputFolder, output_stem
from deckgen.project import DEFAULT_THEME
from deckgen.theme import Theme, load_theme
from deckgen.tour.filenames import unique_stems

SLIDE_WIDTH_PX = 1280
"""Width of the slide PNGs `deckgen render` writes."""
OFFICE_TIMEOUT_S = 600
_INSTALL_HINT = N_(
    "install it: sudo apt-get install libreoffice-impress (Debian/Ubuntu), "
    "or from libreoffice.org; then run the command again"
)
_SHEET_BACKGROUND = (236, 239, 241)
_SHEET_TEXT = (31, 42, 48)
_GAP = 16


@dataclass(frozen=True)
class Preview:
    """What rendering one deck wrote: the PDF, a PNG per slide and the contact sheet."""

    deck: Path
    pdf: Path
    slides: list[Path]
    sheet: Path


def find_program(name: str, package: str) -> str:
    """The path of `name`, or an error saying which Debian package brings it."""
    found = shutil.which(name)
    if found is None:
        hint = (
            _(_INSTALL_HINT)
            if name == "soffice"
            else _("install it: sudo apt-get install {package}").format(package=package)
        )
        raise DeckgenError(
            _("{name} is not installed, so decks cannot be rendered").format(name=name), hint=hint
        )
    return found


class LibreOffice:
    """A headless LibreOffice that converts many decks to PDF in one process."""

    def __init__(self, font_files: Sequence[Path] = ()) -> None:
        self.program = find_program("soffice", "libreoffice-impress")
        self._profile = scratch.folder("office")
        fonts = Path(self._profile.name) / "user" / "fonts"
        fonts.mkdir(parents=True)
        for font in font_files:
            shutil.copy(font, fonts / font.name)

    def __enter__(self) -> LibreOffice:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def profile(self) -> Path:
        """The profile folder (the theme's fonts in it), made for this LibreOffice alone."""
        return Path(self._profile.name)

    def close(self) -> None:
        """Remove the profile."""
        self._profile.cleanup()

    def to_pdf(self, decks: Sequence[Path], folder: Path) -> list[Path]:
        """Convert `decks` (.pptx) to PDFs in `folder`, all in one LibreOffice run; the PDFs in
        the order of `decks`, named 01.pdf, 02.pdf, … (decks may share a name)."""
        folder.mkdir(parents=True, exist_ok=True)
        with scratch.folder("inputs") as staging:
            inputs = []
            for number, deck in enumerate(decks, 1):
                target = Path(staging) / f"{number:02d}{deck.suffix}"
                shutil.copyfile(deck, target)
                inputs.append(target)
            profile = Path(self._profile.name).as_uri()
            command = [
                self.program,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--nologo",
                "--nolockcheck",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *map(str, inputs),
            ]
            try:
                done = subprocess.run(
                    command, capture_output=True, text=True, timeout=OFFICE_TIMEOUT_S, check=False
                )
            except subprocess.TimeoutExpired:
                raise DeckgenError(
                    _("LibreOffice did not finish within {OFFICE_TIMEOUT_S} s").format(
                        OFFICE_TIMEOUT_S=OFFICE_TIMEOUT_S
                    ),
                    hint=_("try fewer decks at a time"),
                ) from None
        pdfs = [folder / f"{path.stem}.pdf" for path in inputs]
        for deck, pdf in zip(decks, pdfs, strict=True):
            if not pdf.is_file():
                detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [_("no message")]
                raise DeckgenError(
                    _("LibreOffice could not convert the deck ({value})").format(value=detail[0]),
                    Location(deck),
                    _("check that the file opens in LibreOffice Impress"),
                )
        return pdfs


def pdf_to_pngs(pdf: Path, folder: Path, width: int = SLIDE_WIDTH_PX) -> list[Path]:
    """One PNG per page of `pdf`, `width` pixels wide, as `folder/01.png`, `02.png`, …"""
    return _pdf_pages(pdf, folder, width, "png")


def pdf_to_jpegs(pdf: Path, folder: Path, width: int = SLIDE_WIDTH_PX) -> list[Path]:
    """One JPEG per page of `pdf`, as `folder/01.jpg`, …: for previews, made five times
    faster than PNGs (Poppler's PNG compression is slow) and as sharp at sight."""
    return _pdf_pages(pdf, folder, width, "jpeg")


def _pdf_pages(pdf: Path, folder: Path, width: int, kind: str) -> list[Path]:
    program = find_program("pdftoppm", "poppler-utils")
    suffix = ".png" if kind == "png" else ".jpg"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob(f"*{suffix}"):
        old.unlink()
    with scratch.folder("pages") as staging:
        command = [program, f"-{kind}", "-scale-to-x", str(width), "-scale-to-y", "-1"]
        if kind == "jpeg":
            command += ["-jpegopt", "quality=85"]
        done = subprocess.run(
            [*command, str(pdf), f"{staging}/page"], capture_output=True, text=True, check=False
        )
        if done.returncode:
            raise DeckgenError(
                _("pdftoppm failed: {strip}").format(strip=done.stderr.strip()), Location(pdf)
            )
        pages = sorted(
            Path(staging).glob(f"page-*{suffix}"), key=lambda p: int(p.stem.split("-")[-1])
        )
        targets = [folder / f"{number:02d}{suffix}" for number in range(1, len(pages) + 1)]
        for page, target in zip(pages, targets, strict=True):
            shutil.move(page, target)
    return targets


def contact_sheet(
    images: Sequence[Path],
    title: str,
    labels: Sequence[str] | None = None,
    *,
    columns: int = 4,
    thumb_width: int = 400,
) -> Image.Image:
    """All `images` as numbered (or `labels`ed) thumbnails on one sheet under `title`."""
    labels = list(labels) if labels is not None else [str(n) for n in range(1, len(images) + 1)]
    thumbs = []
    for path in images:
        with Image.open(path) as picture:
            height = round(picture.height * thumb_width / picture.width)
            thumbs.append(
                picture.convert("RGB").resize((thumb_width, height), Image.Resampling.LANCZOS)
            )
    head_font, label_font = _font(True, 28), _font(False, 18)
    cell_height = max((t.height for t in thumbs), default=0) + 30
    columns = max(1, min(columns, len(thumbs)))
    rows = -(-len(thumbs) // columns)
    width = columns * (thumb_width + _GAP) + _GAP
    sheet = Image.new("RGB", (width, 60 + rows * (cell_height + _GAP)), _SHEET_BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    # One line: Pillow's layout (raqm) fails on a paragraph separator (U+2029, U+0085, CR),
    # which a title or label from a received deck may hold; str.split() takes them all.
    draw.text((_GAP, 16), " ".join(title.split()), font=head_font, fill=_SHEET_TEXT)
    for index, (thumb, label) in enumerate(zip(thumbs, labels, strict=True)):
        x = _GAP + (index % columns) * (thumb_width + _GAP)
        y = 60 + (index // columns) * (cell_height + _GAP)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=(176, 190, 197))
        draw.text(
            (x, y + thumb.height + 5),
            _fit_label(label, label_font, thumb_width),
            font=label_font,
            fill=_SHEET_TEXT,
        )
    return sheet


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    regular, bold_file = _sheet_font_files()
    return ImageFont.truetype(str(bold_file if bold else regular), size)


@functools.cache
def _sheet_font_files() -> tuple[Path, Path]:
    """The default theme's regular and bold font files, for contact sheets (loaded once)."""
    theme = load_theme(DEFAULT_THEME)
    return theme.font_file("regular"), theme.font_file("bold")


def _fit_label(label: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    label = " ".join(label.split())
    while label and font.getlength(label) > width:
        label = label[:-2] + "…"
    return label


def render_pptx(
    decks: Sequence[tuple[Path, Path]],
    folder: Path,
    font_files: Sequence[Path],
    width: int = SLIDE_WIDTH_PX,
    *,
    force: bool = False,
) -> list[Preview]:
    """Render built decks: each (deck file, .pptx) becomes `folder/<name>.pdf`, slide PNGs
    in `folder/<name>/` and `folder/<name>-contact-sheet.png`; one LibreOffice for all.

    `<name>` is the deck file's name without its suffix; decks that share one (say
    `a/omu.yaml` and `b/omu.pptx`) get `omu`, `omu-2`, … in the order given, so no render
    overwrites another. Everything is made in a temporary folder first and then put in
    `folder`, replacing only files deckgen made there (see `deckgen.owned`).
    """
    outputs = OutputFolder.open(folder, force)
    names = unique_stems(output_stem(deck.stem) for deck, _ in decks)
    with LibreOffice(font_files) as office, scratch.folder("render") as staging:
        pdfs = office.to_pdf([pptx for _, pptx in decks], Path(staging))
        previews, files = [], {}
        for number, ((deck, _), made, name) in enumerate(zip(decks, pdfs, names, strict=True)):
            pages = pdf_to_pngs(made, Path(staging) / f"pages-{number}", width)
            sheet = Path(staging) / f"sheet-{number}.png"
            contact_sheet(pages, f"{name} · {len(pages)} dias").save(sheet, optimize=True)
            files[f"{name}.pdf"] = made
            files.update({f"{name}/{page.name}": page for page in pages})
            files[f"{name}-contact-sheet.png"] = sheet
            slides = [folder / name / page.name for page in pages]
            pdf, sheet_at = folder / f"{name}.pdf", folder / f"{name}-contact-sheet.png"
            previews.append(Preview(deck, pdf, slides, sheet_at))
        outputs.publish(files, stale_under=names)
    return previews


def render_decks(
    paths: Sequence[Path],
    folder: Path,
    variables: Mapping[str, str] | None = None,
    width: int = SLIDE_WIDTH_PX,
    *,
    builder: Builder | None = None,
    force: bool = False,
) -> list[Preview]:
    """Render deck files (built in memory first, by `builder`) and .pptx files into `folder`."""
    OutputFolder.open(folder, force)  # a bad -o is refused before anything is built
    builder = builder or Builder()
    with scratch.folder("decks") as staging:
        built, fonts = [], {}
        for number, path in enumerate(paths, 1):
            if path.suffix.lower() in (".pptx", ".potx"):
                _refuse_hazards(path)
                theme = builder.theme()
                pptx = path
            else:
                drawn = builder.render(builder.compose(path, variables))
                theme = drawn.theme
                pptx = Path(staging) / f"{number:02d}.pptx"
                pptx.write_bytes(drawn.data)
            built.append((path, pptx))
            fonts.update({p.name: p for p in theme_font_files(theme)})
        return render_pptx(built, folder, list(fonts.values()), width, force=force)


def theme_font_files(theme: Theme) -> list[Path]:
    """The font files a theme names, for LibreOffice to render with."""
    return [theme.font_file(face) for face in ("regular", "bold", "italic", "bold_italic")]


def _refuse_hazards(path: Path) -> None:
    """Refuse a .pptx from elsewhere that LibreOffice should not open: not a regular file, a
    zip bomb, or one that carries macros, controls or external links it would fetch."""
    from deckgen.errors import InvalidInput, Location, Problem
    from deckgen.ooxml import DECK_HINTS, read_package

    hazards = read_package(path).hazards
    if hazards:
        raise InvalidInput(
            [Problem(Location(path), str(hazard), DECK_HINTS[hazard.check]) for hazard in hazards]
        )
