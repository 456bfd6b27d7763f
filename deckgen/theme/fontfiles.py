"""Font files to measure a template's font with, so text is measured as it will be drawn.

Looked for in this order:

1. a font whose free metric twin deckgen ships (Calibri → Carlito): the twin, whatever the
   system has, since it measures the same, and the sample's renders stay as approved;
2. the font itself, found through fontconfig (`fc-list`), or as files in the project's
   `fonts/` folder (`Verdana-Regular.ttf`, …);
3. a metric-compatible twin (the pairs fontconfig's own `30-metric-aliases.conf` names:
   Arial → Liberation Sans, Times New Roman → Liberation Serif, …; Century Gothic → URW
   Gothic), found the same way;
4. the font's published advance widths, where deckgen has them (`deckgen/data/metrics`:
   Verdana's);
5. otherwise a stand-in: the font fontconfig draws it with here (DejaVu Sans on Debian; the
   one LibreOffice's previews show), or deckgen's Carlito without fontconfig, with a stated
   margin where the font is known (`_KNOWN_WIDTHS`, relative to Carlito) or taken (`WIDER`)
   to be wider still, so a word that fits the stand-in's line fits in PowerPoint with the
   real font and in LibreOffice with the substitute.

A twin fontconfig does not draw the font with (Century Gothic is drawn with DejaVu Sans, not
URW Gothic), and a width table, measure text as the widest of themselves and the font that
does draw it here (`deckgen.measure.Widest`): the text fits in PowerPoint with the real font
and in LibreOffice with its substitute, text by text, with no margin guessed.

A theme's `fonts.files` comes before all of these (`deckgen.theme.Theme.measured`). Fonts
embedded in a template are not used: PowerPoint embeds them as obfuscated subsets, usually of
the characters the template's own text uses, which cannot measure the deck's words.

Why `fc-list` and not a Python binding: fontconfig is what LibreOffice draws the previews
with, its command line is on every system that has fontconfig (Debian's `fontconfig`), and
the bindings on PyPI are thin, little kept wrappers of the same library that need a compiler
or ship no wheel. Without fontconfig (no `fc-list`), steps 2 and 3 look only in the folders.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import stat
import subprocess
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import msgspec
from msgspec import Struct

from deckgen import cache as disk
from deckgen import regular
from deckgen.i18n import _
from deckgen.measure import Face, Widest, WidthTable
from deckgen.project import DATA

FACES = ("regular", "bold", "italic", "bold_italic")
_SUFFIXES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
_FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
STAND_IN = "Carlito"
"""The font deckgen ships, measured with (and a margin) when a template's font is missing."""

_SHIPPED_TWINS = {"calibri": STAND_IN, "carlito": STAND_IN}
"""Fonts whose metric twin ships with deckgen: measured with it before anything else."""

_METRIC_TWINS = {
    "arial": ("Liberation Sans", "Arimo", "Nimbus Sans"),
    "helvetica": ("Nimbus Sans", "Liberation Sans", "Arimo"),
    "arial narrow": ("Liberation Sans Narrow", "Nimbus Sans Narrow"),
    "helvetica narrow": ("Nimbus Sans Narrow", "Liberation Sans Narrow"),
    "times new roman": ("Liberation Serif", "Tinos", "Nimbus Roman"),
    "times": ("Nimbus Roman", "Liberation Serif", "Tinos"),
    "courier new": ("Liberation Mono", "Cousine", "Nimbus Mono PS"),
    "courier": ("Nimbus Mono PS", "Liberation Mono", "Cousine"),
    "cambria": ("Caladea",),
    "georgia": ("Gelasio",),
    "century gothic": ("URW Gothic", "TeX Gyre Adventor"),
}
"""Free fonts with the metrics of a common one, as fontconfig's `30-metric-aliases.conf`
pairs them (plus Caladea for Cambria, Gelasio for Georgia, and for Century Gothic, made to
ITC Avant Garde Gothic's widths, the free clones of that: URW Gothic, TeX Gyre Adventor):
each measures text exactly as the original draws it (docs/fonts.md gives the evidence)."""

_WIDTH_TABLES = {"verdana": DATA / "metrics" / "verdana.json"}
"""Fonts no free file has the metrics of, whose advance widths deckgen ships (written by
`tools/font_widths.py`; docs/fonts.md says from where)."""

WIDER = 1.45
"""How much wider than Carlito a missing font nothing is known of is taken to be: as wide
as the widest common font measured (docs/fonts.md), Verdana in bold (1.36 by its average
letter width, with 5 % for capitals). DejaVu Sans, which LibreOffice draws a missing font
with on Debian, is 1.26 (regular) to 1.38 (bold) times as wide as Carlito."""

_KNOWN_WIDTHS = {
    "calibri light": 1.05,
    "aptos": 1.15,
    "aptos display": 1.15,
    "segoe ui": 1.20,
    "segoe ui semibold": 1.20,
    "tahoma": 1.30,
    "trebuchet ms": 1.20,
    "helvetica neue": 1.25,
    "montserrat": 1.30,
    "montserrat medium": 1.30,
    "open sans": 1.25,
    "lato": 1.20,
    "noto sans": 1.30,
    "source sans pro": 1.15,
    "source sans 3": 1.15,
    "roboto": 1.15,
    "inter": 1.25,
}
"""How much wider than Carlito common fonts draw text, for when the system lacks them: the
larger of their regular and bold widths (average letter widths; for Montserrat, Open Sans and
Lato measured on Danish text, capitals too), with 5 % for capitals and to spare, rounded up
to the 0.05 (docs/fonts.md gives each number's source). Calibri Light is drawn about as wide
as Calibri (5 % to spare). Aptos as Source Sans, which
LibreOffice's developers found its nearest free match in width."""


class Measured(Struct, frozen=True):
    """How text in one font is measured: the files, and how much wider the font is."""

    font: str
    """The font, as the template names it."""
    files: Mapping[str, Face] = msgspec.field(default_factory=dict)
    """Each face (`regular`, `bold`, `italic`, `bold_italic`) and its file (or its width
    table, or the widest of those and the file that draws the font here)."""
    family: str = ""
    """The family of the files: the font itself, its twin, or the stand-in."""
    how: str = "own"
    """`own` (the font itself), `twin` (the same metrics), `widths` (its published widths),
    `stand-in` (another font and a margin), or `theme` (the theme's `fonts.files`)."""
    width: float = 1.0
    """How much wider the font draws text than the files do (1 but for a stand-in)."""
    drawn: str = ""
    """The font that draws it here where that is another than `family` (fontconfig's
    substitute, which LibreOffice draws with): text is measured as the wider of the two."""

    @property
    def exact(self) -> bool:
        """Whether text is measured as the font draws it (no margin)."""
        return self.how != "stand-in"


def how_measured(found: Measured) -> str:
    """In words, how text in `found.font` is measured (for `theme init` and `theme show`)."""
    if found.how == "own":
        return _("the font is on this machine; text is measured with it")
    if found.how == "twin" and found.drawn:
        return _(
            "{twin} has {font}'s metrics; text is measured with it and with {drawn}, which "
            "draws {font} here, whichever is wider"
        ).format(twin=found.family, font=found.font, drawn=found.drawn)
    if found.how == "twin":
        return _("{twin} has {font}'s metrics, so text is measured as it will be drawn").format(
            twin=found.family, font=found.font
        )
    if found.how == "widths" and found.drawn:
        return _(
            "the font {font} is not on this machine; text is measured with its published "
            "character widths and with {drawn}, which draws it here, whichever is wider"
        ).format(font=found.font, drawn=found.drawn)
    if found.how == "widths":
        return _(
            "the font {font} is not on this machine; text is measured with its published "
            "character widths"
        ).format(font=found.font)
    if found.how == "theme":
        return _("text is measured with the theme's font files")
    return _(
        "the font {font} is not on this machine; text is measured with {stand_in} (which "
        "draws it here) and a margin: taken to be {margin} % wider"
    ).format(font=found.font, stand_in=found.family, margin=round((found.width - 1) * 100))


def measured(font: str, first: tuple[Path, ...] = ()) -> Measured:
    """How to measure `font`: its files looked for in the folders `first` (the project's),
    then through fontconfig, else a twin's, else deckgen's Carlito with a margin."""
    name = " ".join(font.split()).casefold()
    shipped = _SHIPPED_TWINS.get(name)
    if shipped:
        return Measured(font, _files(shipped, first), shipped, "twin")
    if name:
        own = _files(font, first)
        if own:
            return Measured(font, own, font, "own")
    for twin in _METRIC_TWINS.get(name, ()):
        found = _files(twin, first)
        if found:
            drawn = _substitute(font)
            if drawn.casefold() in ("", twin.casefold()):
                return Measured(font, found, twin, "twin")
            files = _widest(found, _fontconfig(drawn))
            return Measured(font, files, twin, "twin", drawn=drawn if files != found else "")
    table = _WIDTH_TABLES.get(name)
    if table is not None:
        return _tabled(font, table)
    return _stand_in(font, _KNOWN_WIDTHS.get(name, WIDER), first)


def _tabled(font: str, table: Path) -> Measured:
    """`font` measured with its width table, and as the font fontconfig draws it with here."""
    drawn = _substitute(font)
    here = _fontconfig(drawn) if drawn else {}
    own: dict[str, Face] = {face: WidthTable(table, face) for face in FACES}
    files = _widest(own, here)
    return Measured(font, files, font, "widths", drawn=drawn if here else "")


def _widest(own: Mapping[str, Face], here: Mapping[str, Path]) -> Mapping[str, Face]:
    """Each face of `own` as the widest of itself and the face that draws it `here`."""
    if not here:
        return own
    italic = {"italic": "regular", "bold_italic": "bold"}
    widest: dict[str, Face] = {}
    for face, measured_with in own.items():
        drawn = here.get(face) or here[italic.get(face, face)]
        parts = (measured_with, drawn)
        widest[face] = Widest(tuple(p for p in parts if not isinstance(p, Widest)))
    return widest


def _stand_in(font: str, wide: float, first: tuple[Path, ...]) -> Measured:
    """A missing `font`, taken to be `wide` times as wide as Carlito: measured with the font
    fontconfig draws it with here (LibreOffice's previews show that one), made wider where
    it is narrower than `wide`; else with Carlito and the whole margin."""
    substitute = _substitute(font)
    files = _fontconfig(substitute) if substitute else {}
    carlito = _files(STAND_IN, first)
    if not files:
        return Measured(font, carlito, STAND_IN, "stand-in", wide)
    return Measured(font, files, substitute, "stand-in", max(1.0, wide / _ratio(files, carlito)))


_SAMPLES = ("Høj bly gom vandt fræk sexquiz på wc", "FREMTIDENS DIALOGMØDE MED BORGERNE")
"""A Danish pangram and a title in capitals (docs/fonts.md)."""


def _ratio(files: dict[str, Path], carlito: dict[str, Path]) -> float:
    """How much wider than Carlito `files` draw text, at the least (regular and bold)."""
    from deckgen.measure import text_width_pt  # Pillow loads only to measure

    return min(
        text_width_pt(sample, files[face], 100) / text_width_pt(sample, carlito[face], 100)
        for face in ("regular", "bold")
        for sample in _SAMPLES
    )


@cache
def _substitute(font: str) -> str:
    """The family fontconfig draws `font` with where it is missing ('' without fontconfig)."""
    return (_fontconfig_says("fc-match", "--format", "%{family[0]}", _escape(font)) or "").strip()


def _files(family: str, first: tuple[Path, ...]) -> dict[str, Path]:
    """The four faces of `family`: files named for it in `first` or deckgen's fonts, else
    fontconfig's; empty when there is no regular face."""
    for folder in (*first, DATA / "fonts"):
        found = _in_folder(family, folder)
        if found:
            return found
    found = _fontconfig(family)
    if found:
        return found
    if shutil.which("fc-list") is None:
        for folder in _FONT_FOLDERS:
            found = _in_folder(family, folder, deep=True)
            if found:
                return found
    return {}


def _in_folder(family: str, folder: Path, *, deep: bool = False) -> dict[str, Path]:
    """`Family-Regular.ttf` and its faces in `folder` (spaces left out of the name)."""
    stem = family.replace(" ", "")
    # A template names any font: one with a path's parts in it would be looked for outside
    # the folder, one over a file name's length is refused by the system.
    if not folder.is_dir() or not _file_name_part(stem):
        return {}
    files: dict[str, Path] = {}
    for face in FACES:
        for suffix in (".ttf", ".otf"):
            name = f"{stem}-{_SUFFIXES[face]}{suffix}"
            try:
                hit = folder / name if (folder / name).is_file() else None
                if hit is None and deep:
                    hit = next(folder.rglob(glob.escape(name)), None)
            except (OSError, ValueError):
                hit = None
            if hit is not None:
                files[face] = hit
                break
    return _complete(files)


def _file_name_part(stem: str) -> bool:
    return (
        bool(stem)
        and not stem.startswith(".")
        and not any(c in stem for c in "/\\\0")
        and len(stem.encode("utf-8", "surrogateescape")) <= 200
    )


@cache
def _fontconfig(family: str) -> dict[str, Path]:
    """The faces of `family` that fontconfig knows, chosen by weight and slant; TrueType and
    OpenType files only (FreeType reads Type 1 too, but LibreOffice draws with neither)."""
    listed = _fontconfig_says(
        "fc-list",
        "--format",
        "%{weight}\t%{slant}\t%{width}\t%{index}\t%{file}\n",
        f":family={_escape(family)}",
    )
    if listed is None:
        return {}
    faces: list[tuple[float, float, float, Path]] = []
    for line in listed.splitlines():
        parts = line.split("\t")
        if len(parts) != 5:
            continue
        weight, slant, width, index, file = parts
        path = Path(file)
        if path.suffix.lower() not in (".ttf", ".otf") or index not in ("", "0"):
            continue
        try:
            faces.append((_number(weight), _number(slant), _number(width), path))
        except ValueError:
            continue
    files: dict[str, Path] = {}
    for face, (want_weight, want_slant) in _WANTED.items():
        fitting = [f for f in faces if (f[1] > 0) == (want_slant > 0)]
        if not fitting:
            continue
        best = min(fitting, key=lambda f: (abs(f[2] - 100), abs(f[0] - want_weight), str(f[3])))
        files[face] = best[3]
    return _complete(files)


class _Said(msgspec.Struct):
    """What fontconfig answered, and the files and folders that decided it, as they were."""

    output: str
    seen: list[tuple[str, tuple[int, int, int, int, int]]]


def _fontconfig_says(*command: str) -> str | None:
    """What fontconfig's `command` (`fc-list …`, `fc-match …`) prints; None without it.

    Remembered in deckgen's cache while fontconfig's program, its settings and the font
    folders stay as they were (each folder's and settings file's `deckgen.regular.stamp`:
    a font added or removed changes its folder's), so a build in a template's font does not
    start fontconfig, which reads its whole font list (some 20 ms), every time."""
    program = shutil.which(command[0])
    if program is None:
        return None
    settings = [f"{name}={os.environ.get(name, '')}" for name in _FONTCONFIG_ENVIRONMENT]
    name = disk.key(b"fontconfig-v2", program, *settings, *command)
    remembered = disk.load(_FONTCONFIG, name)
    if remembered is not None:
        with contextlib.suppress(msgspec.DecodeError):
            said = msgspec.msgpack.decode(remembered, type=_Said)
            if all(regular.version(Path(path)) == tuple(was) for path, was in said.seen):
                return said.output
    seen = _fontconfig_state(Path(program))  # before it runs: a change meanwhile is seen next
    try:
        output = subprocess.run(
            [program, *command[1:]],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        ).stdout
    except (OSError, ValueError, subprocess.SubprocessError):  # ValueError: a NUL in it
        return None
    if seen is not None:
        disk.store(_FONTCONFIG, name, msgspec.msgpack.encode(_Said(output, seen)))
    return output


_FONTCONFIG = "fontconfig"
_FONTCONFIG_ENVIRONMENT = (
    "FONTCONFIG_FILE",
    "FONTCONFIG_PATH",
    "FONTCONFIG_SYSROOT",
    "HOME",
    "XDG_DATA_HOME",
    "XDG_CONFIG_HOME",
    "XDG_CACHE_HOME",
    "FC_LANG",
    "LC_ALL",
    "LC_CTYPE",
    "LANG",
)
"""What fontconfig reads from the environment: its settings, the home and XDG folders it
finds fonts and settings in, and the language it matches a missing font for (`fc-match` of a
missing font in Japanese is another font): an answer is remembered for these as they were."""
_MAX_SEEN = 5000
"""Files and folders looked at to know fontconfig's answer still holds; past it, not kept."""


def _fontconfig_folders() -> tuple[Path, ...]:
    """Where fontconfig looks for fonts and its settings (Debian's and the XDG defaults)."""
    home = Path.home()
    data = _xdg_data()
    config = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    return (
        *_settings_named(),
        *_FONT_FOLDERS,
        home / ".fonts",
        data / "fonts",
        Path("/etc/fonts"),
        config / "fontconfig",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        home / "Library" / "Fonts",
    )


def _xdg_data() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _settings_named() -> list[Path]:
    """fontconfig's settings folders and file named in the environment (`FONTCONFIG_PATH`,
    `FONTCONFIG_FILE`, read relative to those folders): one edited is asked again too."""
    folders = [
        Path(part) for part in os.environ.get("FONTCONFIG_PATH", "").split(os.pathsep) if part
    ]
    file = os.environ.get("FONTCONFIG_FILE", "")
    if not file:
        return folders
    if Path(file).is_absolute():
        return [*folders, Path(file)]
    return [*folders, *(folder / file for folder in (*folders, Path("/etc/fonts")))]


def _fontconfig_state(program: Path) -> list[tuple[str, tuple[int, int, int, int, int]]] | None:
    """The stamp of fontconfig's program and of every folder (and settings file) below its
    font and settings folders, a missing one too (made later, it is seen); None when one of
    them changed too recently to tell a later change by its stamp, or there are too many."""
    try:
        folders = _fontconfig_folders()
    except (KeyError, RuntimeError, OSError):  # no home folder to be found: not remembered
        return None
    paths = [program]
    settings = (Path("/etc/fonts"), *_settings_named())
    tops = list(folders)
    for top in tops:  # grows: the folders the settings files name are looked at too
        paths.append(top)
        if top.is_file():  # FONTCONFIG_FILE
            tops.extend(folder for folder in _dirs_named(top) if folder not in tops)
        for folder, subfolders, files in os.walk(top):
            base = Path(folder)
            paths.extend(base / sub for sub in subfolders)
            if "fontconfig" in base.parts or any(base.is_relative_to(s) for s in settings):
                paths.extend(base / file for file in files)
                for file in files:
                    if file.endswith(".conf"):
                        named = _dirs_named(base / file)
                        tops.extend(folder for folder in named if folder not in tops)
        if len(paths) > _MAX_SEEN or len(tops) > _MAX_SEEN:
            return None
    seen = []
    for path in paths:
        try:
            info = path.stat()
        except (OSError, ValueError):
            seen.append((str(path), (0, 0, -1, 0, 0)))
            continue
        if not regular.settled(info):
            return None
        seen.append((str(path), regular.stamp(info)))
    return seen


_DIR = re.compile(rb"<dir(\s[^>]*)?>\s*([^<]*?)\s*</dir>")
_MAX_SETTINGS_BYTES = 1024 * 1024


def _dirs_named(settings: Path) -> list[Path]:
    """The font folders fontconfig's settings file `settings` names (`<dir>`): TeX Live's,
    a company's under /opt. A font added there changes that folder's stamp, not one of the
    usual folders'."""
    try:
        text = regular.read_regular(settings, _MAX_SETTINGS_BYTES)
    except (OSError, regular.NotRegular):
        return []
    found = []
    for attributes, name in _DIR.findall(text):
        folder = name.decode("utf-8", "surrogateescape")
        if b'"xdg"' in attributes:
            found.append(_xdg_data() / folder)
        elif b'"relative"' in attributes:
            found.append(settings.parent / folder)
        elif folder.startswith("~"):
            found.append(Path.home() / folder[1:].lstrip("/"))
        elif Path(folder).is_absolute():
            found.append(Path(folder))
    return found


_WANTED = {"regular": (80, 0), "bold": (200, 0), "italic": (80, 100), "bold_italic": (200, 100)}
"""fontconfig's weight and slant of each face: regular 80, bold 200; roman 0, italic 100."""


def _number(value: str) -> float:
    # A variable font lists a range, `[100 900]`: its default instance is what is measured.
    value = value.strip("[]").split()[0] if value.strip() else "100"
    return float(value)


def _escape(family: str) -> str:
    """`family` as a fontconfig pattern's value (`-`, `:`, `,` and `\\` escaped)."""
    return "".join(f"\\{c}" if c in "\\-:," else c for c in family)


def _complete(files: dict[str, Path]) -> dict[str, Path]:
    """`files` with a bold that is the regular where none was found; empty without a regular.
    A file FreeType cannot read is left out (one in `fonts/` may be anything; one fontconfig
    listed may have been cut short since): the font is then measured as if missing."""
    files = {face: path for face, path in files.items() if _readable(path)}
    if "regular" not in files:
        return {}
    files.setdefault("bold", files["regular"])
    return files


_MAX_FONT_BYTES = 50 * 1024 * 1024
"""As for a theme's `fonts.files`: no font a slide is drawn with is larger."""


def _readable(path: Path) -> bool:
    """Whether FreeType can measure with the file at `path` (checked once per version)."""
    try:
        info = path.stat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_FONT_BYTES:
        return False
    return _opens(path, regular.stamp(info))


@cache
def _opens(path: Path, stamp: tuple[int, int, int, int, int]) -> bool:
    from deckgen.measure import freetype_reads  # Pillow loads only to measure

    return freetype_reads(path)
