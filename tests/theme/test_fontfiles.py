"""Which files a template's font is measured with: the font itself where the system has it
(fontconfig), a twin with its metrics, or deckgen's Carlito with a stated margin; and what
`theme init` says about it.

The system fonts used are Debian's that `.ci/run` installs (DejaVu Sans, Liberation Sans);
the tests skip where fontconfig or those fonts are missing.
"""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEFAULT_THEME

from deckgen import measure as measure_module
from deckgen import regular
from deckgen.cli import main
from deckgen.measure import FontSet, Widest, WidthTable, line_height_pt, text_width_pt
from deckgen.project import DATA
from deckgen.theme import fontfiles, load_theme
from deckgen.theme.fontfiles import WIDER, how_measured, measured

needs_fontconfig = pytest.mark.skipif(
    shutil.which("fc-list") is None and os.environ.get("CI") != "true",
    reason="fontconfig's fc-list is not installed",
)


def _system_font(family: str) -> None:
    """Skip the calling test when `family` is not installed, unless CI=true (`.ci/run`
    installs it), where that fails it."""
    if measured(family).how == "own":
        return
    message = f"{family} is not installed (Debian: fonts-dejavu-core, fonts-liberation2)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI must have it")
    pytest.skip(message)


def test_calibri_is_measured_with_deckgen_s_own_carlito_whatever_the_system_has():
    found = measured("Calibri")
    assert (found.how, found.family, found.width) == ("twin", "Carlito", 1.0)
    assert found.files["regular"] == DATA / "fonts" / "Carlito-Regular.ttf"
    assert found.files["bold_italic"] == DATA / "fonts" / "Carlito-BoldItalic.ttf"


@needs_fontconfig
def test_a_font_on_the_system_is_measured_with_its_own_files_face_by_face():
    _system_font("DejaVu Sans")
    found = measured("DejaVu Sans")
    assert found.exact and found.width == 1.0
    names = {face: path.name for face, path in found.files.items()}
    # The book weight, not the light or condensed faces fontconfig lists in the same family.
    assert names == {
        "regular": "DejaVuSans.ttf",
        "bold": "DejaVuSans-Bold.ttf",
        "italic": "DejaVuSans-Oblique.ttf",
        "bold_italic": "DejaVuSans-BoldOblique.ttf",
    }


@needs_fontconfig
def test_arial_is_measured_with_liberation_sans_its_metric_twin():
    _system_font("Liberation Sans")
    found = measured("Arial")
    assert (found.how, found.family) == ("twin", "Liberation Sans")
    assert found.files["bold"].name == "LiberationSans-Bold.ttf"


@needs_fontconfig
def test_a_missing_font_is_measured_with_what_draws_it_here_and_a_stated_margin():
    _system_font("DejaVu Sans")
    unknown = measured("Møllerup Kommunes Egen Skrift")
    # fontconfig draws a missing sans-serif font with DejaVu Sans on Debian (LibreOffice's
    # previews show that), which is wider than Segoe UI: no margin needed for it.
    assert (unknown.how, unknown.family) == ("stand-in", "DejaVu Sans")
    assert not unknown.exact
    assert measured("Segoe UI").width == 1.0
    # Made as wide as the widest font: DejaVu Sans is at least 1.2 times Carlito's width.
    assert 1.15 < unknown.width < WIDER / 1.2
    dejavu = unknown.files["bold"]
    carlito = measured("Calibri").files["bold"]
    word = "FREMTIDENS"
    assert text_width_pt(word, dejavu, 40) * unknown.width > WIDER * text_width_pt(
        word, carlito, 40
    )


def test_the_projects_own_font_files_come_before_the_system_s(tmp_path):
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    for face in ("Regular", "Bold"):
        shutil.copy(DATA / "fonts" / f"Carlito-{face}.ttf", fonts / f"MoellerupSans-{face}.ttf")
    found = measured("Moellerup Sans", (fonts,))
    assert found.how == "own" and found.width == 1.0
    assert found.files["regular"] == fonts / "MoellerupSans-Regular.ttf"
    assert found.files["bold"] == fonts / "MoellerupSans-Bold.ttf"
    assert "italic" not in found.files  # measured with the upright face


def _theme(tmp_path: Path, fonts: str) -> Path:
    """The default theme with `fonts:` replaced, in `tmp_path`."""
    text = DEFAULT_THEME.read_text(encoding="utf-8")
    head, rest = text.split("fonts:\n", 1)
    for name in ("kommune.pptx", "logo.png"):
        shutil.copy(DEFAULT_THEME.parent / name, tmp_path / name)
    path = tmp_path / "theme.yaml"
    path.write_text(head + fonts + "emphasis:" + rest.split("emphasis:", 1)[1], encoding="utf-8")
    return path


def test_the_theme_s_font_files_win_and_a_missing_heading_font_gets_its_own_margin(tmp_path):
    theme = load_theme(_theme(tmp_path, "fonts:\n  heading: Tahoma\n  body: Calibri\n"))
    fonts = FontSet.of_theme(theme)
    assert fonts.family == "Calibri" and fonts.width == 1.0
    assert fonts.heading is not None and fonts.heading.width == measured("Tahoma").width
    # Titles (the theme's major font, `+mj-lt`) are measured with the heading's set.
    assert fonts.of("+mj-lt") is fonts.heading and fonts.of("Tahoma") is fonts.heading
    assert fonts.of("+mn-lt") is fonts and fonts.of("") is fonts
    (tmp_path / "fonts").mkdir()
    faces = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
    for suffix in faces.values():
        shutil.copy(DATA / "fonts" / f"Carlito-{suffix}.ttf", tmp_path / "fonts")
    files = "".join(f"    {face}: fonts/Carlito-{suffix}.ttf\n" for face, suffix in faces.items())
    named = _theme(tmp_path, f"fonts:\n  heading: Verdana\n  body: Verdana\n  files:\n{files}")
    given = FontSet.of_theme(load_theme(named))
    assert given.width == 1.0 and given.heading is None
    assert given.regular == tmp_path / "fonts" / "Carlito-Regular.ttf"


@needs_fontconfig
def test_a_system_font_measures_wider_than_carlito_as_it_draws():
    _system_font("DejaVu Sans")
    dejavu = measured("DejaVu Sans").files["bold"]
    carlito = measured("Calibri").files["bold"]
    word = "FREMTIDENS"
    # The width the old measurer gave every font is a fifth short of DejaVu's.
    assert text_width_pt(word, dejavu, 40) > 1.2 * text_width_pt(word, carlito, 40)


def _template_with_fonts(source: Path, target: Path, heading: str, body: str) -> Path:
    """A copy of the template `source` whose theme names `heading` and `body` as its fonts."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("ppt/theme/theme"):
                text = data.decode("utf-8")
                text = _set_font(text, "a:majorFont", heading)
                text = _set_font(text, "a:minorFont", body)
                data = text.encode("utf-8")
            new.writestr(item, data)
    return target


def _set_font(xml: str, element: str, font: str) -> str:
    start = xml.index(f"<{element}>")
    latin = xml.index('<a:latin typeface="', start) + len('<a:latin typeface="')
    end = xml.index('"', latin)
    return xml[:latin] + font + xml[end:]


def test_theme_init_says_once_which_font_is_missing_and_how_it_is_measured(tmp_path):
    template = _template_with_fonts(
        DEFAULT_THEME.parent / "kommune.pptx", tmp_path / "skabelon.pptx", "Tahoma", "Tahoma"
    )
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["--lang", "da", "theme", "init", str(template), "-o", str(tmp_path / "vores.yaml")],
    )
    assert result.exit_code == 0, result.output
    found = measured("Tahoma")
    said = (
        f"skrifttypen Tahoma findes ikke på maskinen; teksten måles med {found.family} "
        f"(som viser den her) og en margen: som om den var {round((found.width - 1) * 100)} % "
        "bredere"
    )
    assert result.output.count(said) == 1
    drafted = (tmp_path / "vores.yaml").read_text(encoding="utf-8")
    assert (
        f'  heading: "Tahoma"  # skabelonens skrifttype til overskrifter (major); TJEK: {said}'
        in (drafted)
    )
    assert "files:" not in drafted


def test_a_broken_font_file_or_a_hostile_font_name_is_measured_as_a_missing_font(tmp_path):
    """A project's `fonts/Moellerup-Regular.ttf` cut short, empty or a folder, and a
    template's font named with a path's parts or over a file name's length: each build
    stopped with a traceback from FreeType or the file system. Now the font is measured as
    missing (a stand-in and its margin), and the deck builds."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    carlito = (DATA / "fonts" / "Carlito-Regular.ttf").read_bytes()
    (fonts / "Kort-Regular.ttf").write_bytes(carlito[:2000])
    (fonts / "Tom-Regular.ttf").write_bytes(b"")
    (fonts / "Mappe-Regular.ttf").mkdir()
    (tmp_path / "Ude-Regular.ttf").write_bytes(carlito)
    for name in ("Kort", "Tom", "Mappe", "../Ude", "A" * 300, "Foo\0", "Fo[o]*"):
        found = measured(name, (fonts,))
        assert found.how == "stand-in" and found.width > 1.0, name
        assert all(text_width_pt("Høj", path, 12) > 0 for path in found.files.values())
    heading = FontSet.of_theme(
        load_theme(_theme(tmp_path, "fonts:\n  heading: Kort\n  body: Calibri\n"))
    ).heading
    assert heading is not None and heading.width > 1.0


@needs_fontconfig
def test_fontconfig_is_asked_once_while_its_folders_stay_as_they_were(tmp_path, monkeypatch):
    _system_font("DejaVu Sans")
    asked = tmp_path / "asked.txt"
    programs = tmp_path / "bin"
    programs.mkdir()
    wrapper = programs / "fc-list"  # fontconfig's own, noting each time it is started
    wrapper.write_text(
        f'#!/bin/sh\necho asked >> "{asked}"\nexec "{shutil.which("fc-list")}" "$@"\n'
    )
    wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    _settle(wrapper)

    def asked_fresh() -> tuple[dict[str, Path], int]:
        fontfiles._fontconfig.cache_clear()  # as a new process asks
        found = fontfiles._fontconfig("DejaVu Sans")
        return found, len(asked.read_text(encoding="utf-8").splitlines())

    first, times = asked_fresh()
    assert first["regular"].name == "DejaVuSans.ttf" and times == 1
    assert asked_fresh() == (first, 1)  # remembered: fontconfig not started again
    (tmp_path / "data" / "fonts").mkdir(parents=True)  # a user's font folder appears
    assert asked_fresh() == (first, 2)
    _settle(tmp_path / "data" / "fonts")
    assert asked_fresh() == (first, 3)  # still new when last asked: not remembered then
    assert asked_fresh() == (first, 3)


def _settle(path: Path) -> None:
    """Wait until `path` was changed long enough ago to be known by its stamp (a file
    changed within the file system's clock tick could change again unseen)."""
    deadline = time.monotonic() + 30
    while not regular.settled(path.stat()) and time.monotonic() < deadline:
        time.sleep(0.1)


def _own_fontconfig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fonts: str) -> Path:
    """fontconfig set up to know only the fonts in `fonts` (a `<dir>` element's content and
    attributes), with its own cache: the system's fonts play no part."""
    settings = tmp_path / "fonts.conf"
    settings.write_text(
        f'<?xml version="1.0"?>\n<fontconfig><dir {fonts}</dir>'
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(settings))
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    return settings


def _carlito_in(folder: Path) -> None:
    folder.mkdir(parents=True)
    shutil.copy2(DATA / "fonts" / "Carlito-Regular.ttf", folder)


def _asked_afresh(family: str) -> dict[str, Path]:
    fontfiles._fontconfig.cache_clear()  # as a new process asks
    return fontfiles._fontconfig(family)


@needs_fontconfig
def test_fontconfig_s_answer_is_not_taken_for_another_home_folder(tmp_path, monkeypatch):
    """fontconfig's answer was remembered whatever the environment: run with another HOME
    (or XDG_DATA_HOME, or language), the font in that user's font folder was missing."""
    _own_fontconfig(tmp_path, monkeypatch, ">~/fonts")
    (tmp_path / "a" / "fonts").mkdir(parents=True)
    _carlito_in(tmp_path / "b" / "fonts")
    _settle(tmp_path / "a" / "fonts")
    _settle(tmp_path / "b" / "fonts")
    monkeypatch.setenv("HOME", str(tmp_path / "a"))
    assert _asked_afresh("Carlito") == {}
    monkeypatch.setenv("HOME", str(tmp_path / "b"))
    assert _asked_afresh("Carlito")["regular"] == tmp_path / "b" / "fonts" / "Carlito-Regular.ttf"


@needs_fontconfig
def test_fontconfig_is_asked_again_when_its_settings_file_is_edited(tmp_path, monkeypatch):
    """A FONTCONFIG_FILE outside /etc/fonts was remembered by its name only: edited to name
    another font folder, the font there was missing."""
    (tmp_path / "a").mkdir()
    _carlito_in(tmp_path / "b")
    settings = _own_fontconfig(tmp_path, monkeypatch, f">{tmp_path / 'a'}")
    _settle(tmp_path / "b")
    _settle(settings)
    assert _asked_afresh("Carlito") == {}
    _own_fontconfig(tmp_path, monkeypatch, f">{tmp_path / 'b'}")
    assert _asked_afresh("Carlito")["regular"] == tmp_path / "b" / "Carlito-Regular.ttf"


@needs_fontconfig
def test_a_font_added_in_a_folder_a_settings_file_names_is_found(tmp_path, monkeypatch):
    """A folder named by a `<dir>` of fontconfig's settings (TeX Live's fonts, a company's
    folder under /opt) was not among those whose stamps kept fontconfig's answer: a font
    installed there was measured as missing until a usual font folder changed."""
    (tmp_path / "company").mkdir()
    _own_fontconfig(tmp_path, monkeypatch, f">{tmp_path / 'company'}")
    _settle(tmp_path / "company")
    _settle(tmp_path / "fonts.conf")
    assert _asked_afresh("Carlito") == {}
    shutil.copy2(DATA / "fonts" / "Carlito-Regular.ttf", tmp_path / "company")
    assert _asked_afresh("Carlito")["regular"] == tmp_path / "company" / "Carlito-Regular.ttf"


_LETTER_FREQUENCY = {
    "0": 0.0053,
    "1": 0.0023,
    "2": 0.0026,
    "3": 0.001,
    "4": 0.0008,
    "5": 0.0015,
    "6": 0.0007,
    "7": 0.0005,
    "8": 0.0007,
    "9": 0.0006,
    ",": 0.0083,
    " ": 0.154,
    "t": 0.0672,
    "h": 0.0351,
    "e": 0.0922,
    "o": 0.0571,
    "f": 0.017,
    "P": 0.0023,
    "p": 0.0163,
    "l": 0.0304,
    "'": 0.0014,
    "s": 0.0469,
    "R": 0.0015,
    "u": 0.0207,
    "b": 0.0114,
    "i": 0.0588,
    "c": 0.0232,
    "C": 0.0031,
    "n": 0.0578,
    "a": 0.0668,
    "d": 0.0298,
    "y": 0.0123,
    "w": 0.011,
    "B": 0.002,
    "r": 0.0526,
    "z": 0.0011,
    "G": 0.0011,
    "j": 0.0009,
    "T": 0.0041,
    ".": 0.0079,
    "L": 0.0012,
    "k": 0.0046,
    "m": 0.0181,
    "]": 0.0007,
    "J": 0.0009,
    "F": 0.0015,
    "v": 0.0076,
    "g": 0.0155,
    "A": 0.004,
    "N": 0.0014,
    "-": 0.0018,
    "H": 0.0013,
    "D": 0.0013,
    "M": 0.0025,
    "I": 0.0022,
    "E": 0.0011,
    '"': 0.0012,
    "S": 0.0041,
    "(": 0.001,
    ")": 0.001,
    "x": 0.0025,
    "W": 0.0012,
    "Q": 0.0001,
    "Y": 0.0003,
    "q": 0.0008,
    "V": 0.0005,
    "á": 0.0001,
    "K": 0.0007,
    "U": 0.0016,
    "=": 0.0007,
    "[": 0.0021,
    "O": 0.0009,
    "é": 0.0001,
    "$": 0.0002,
    ":": 0.0008,
    "|": 0.0038,
    "/": 0.0001,
    "%": 0.0001,
    "Z": 0.0002,
    ";": 0.0001,
    "X": 0.0001,
}
"""How often each character occurs in text (Wikinews abstracts), as the npm package
@capsizecss/unpack 4.0.1 (MIT) weighs advance widths into a font's average character width,
`xWidthAvg`, which @capsizecss/metrics 4.3.0 lists for fonts it measured from their files."""


def _average_width(width_of: Callable[[str], float]) -> float:
    """A font's `xWidthAvg` (in ems), with `width_of` a character's advance in ems."""
    return sum(width_of(char) * weight for char, weight in _LETTER_FREQUENCY.items())


def test_verdana_s_width_table_gives_the_average_width_measured_from_verdana_s_files():
    """The table (npm anafanafo, drawn in a browser) and @capsizecss/metrics (read from
    Microsoft's files) are two sources: they agree on Verdana, 1049 and 1170 of 2048 units.
    The same sum over deckgen's Carlito file gives that list's Carlito, 840 and 859."""
    table = DATA / "metrics" / "verdana.json"
    for face, listed in (("regular", 1049), ("bold", 1170)):
        widths, _height = measure_module._table(table, face)
        assert _average_width(widths.__getitem__) * 2048 == pytest.approx(listed, abs=0.5)
    for face, listed in (("regular", 840), ("bold", 859)):
        carlito = DATA / "fonts" / f"Carlito-{face.title()}.ttf"
        average = _average_width(lambda char: text_width_pt(char, carlito, 1))  # noqa: B023
        assert average * 2048 == pytest.approx(listed, abs=1)  # a unit: its other version
    # Its italics are as wide as its romans (@capsizecss/metrics: 1049 and 1170 again).
    assert measure_module._table(table, "italic") == measure_module._table(table, "regular")
    assert measure_module._table(table, "bold_italic") == measure_module._table(table, "bold")


@needs_fontconfig
def test_verdana_is_measured_as_the_wider_of_its_own_widths_and_dejavu_sans_text_by_text():
    """Verdana was measured as DejaVu Sans with a margin of 19 %, a guess from its average
    width; it is in fact within a few per cent of DejaVu Sans, wider in some words, narrower
    in others. Each text is now measured as the wider of the two: PowerPoint draws it in
    Verdana, LibreOffice here in DejaVu Sans."""
    _system_font("DejaVu Sans")
    found = measured("Verdana")
    assert (found.how, found.family, found.drawn, found.width) == (
        "widths",
        "Verdana",
        "DejaVu Sans",
        1.0,
    )
    assert found.exact
    dejavu = measured("DejaVu Sans").files
    table = DATA / "metrics" / "verdana.json"
    for face in ("regular", "bold"):
        verdana = WidthTable(table, face)
        assert found.files[face] == Widest((verdana, dejavu[face]))
        for text in ("FREMTIDENS VELFÆRD", "Høj bly gom vandt fræk sexquiz på wc", "12.30"):
            widest = max(text_width_pt(text, verdana, 20), text_width_pt(text, dejavu[face], 20))
            assert text_width_pt(text, found.files[face], 20) == widest
        # No longer a fifth wider than DejaVu Sans draws it.
        title = "FREMTIDENS VELFÆRD"
        drawn = text_width_pt(title, dejavu[face], 20)
        assert drawn <= text_width_pt(title, found.files[face], 20) < 1.05 * drawn
    # Verdana's 'A' is 1401 of its 2048 units; digits and full stops are wider than
    # DejaVu Sans's, so a time is measured as Verdana draws it.
    assert text_width_pt("A", WidthTable(table, "regular"), 2048) == pytest.approx(1401, abs=2)
    assert text_width_pt("12.30", found.files["regular"], 20) > text_width_pt(
        "12.30", dejavu["regular"], 20
    )
    # A line as tall as Verdana's (2059 + 430 of 2048 units), taller than DejaVu Sans's.
    assert line_height_pt(found.files["regular"], 100) == pytest.approx(121.6, abs=0.5)


@needs_fontconfig
def test_century_gothic_is_measured_with_urw_gothic_its_metric_twin_and_dejavu_sans():
    """Century Gothic was made to ITC Avant Garde Gothic's widths; URW Gothic is that
    font's free clone (fontconfig's metric aliases). LibreOffice draws Century Gothic with
    DejaVu Sans all the same, so each text is measured as the wider of the two."""
    if not measured("URW Gothic").files:
        message = "URW Gothic is not installed (Debian's fonts-urw-base35)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI must have it")
        pytest.skip(message)
    _system_font("DejaVu Sans")
    found = measured("Century Gothic")
    assert (found.how, found.family, found.drawn) == ("twin", "URW Gothic", "DejaVu Sans")
    urw, dejavu = measured("URW Gothic").files, measured("DejaVu Sans").files
    for face in ("regular", "bold"):
        assert found.files[face] == Widest((urw[face], dejavu[face]))
    # ITC Avant Garde Gothic's widths in Adobe's metrics files, as Wine's PostScript driver
    # keeps them beside Century Gothic's (dlls/wineps/data/AvantGarde_Book.c, _Demi.c).
    book = {"o": 655, "r": 301, "t": 339, "y": 536, "æ": 1157, "ø": 653, "å": 683, "Æ": 992}
    book |= {"Ø": 868, "Å": 740, "Ö": 869, "–": 500}
    demi = {" ": 280, "!": 280, "%": 860, "&": 680, "(": 380, "+": 600, ",": 280, "*": 440}
    for face, widths in (("regular", book), ("bold", demi)):
        for char, width in widths.items():
            assert text_width_pt(char, urw[face], 1000) == pytest.approx(width, abs=1)
    # The round capitals are wider than DejaVu Sans's: there URW Gothic measures.
    assert text_width_pt("OCO", found.files["regular"], 20) == text_width_pt(
        "OCO", urw["regular"], 20
    )
    assert how_measured(found) == (
        "URW Gothic has Century Gothic's metrics; text is measured with it and with DejaVu "
        "Sans, which draws Century Gothic here, whichever is wider"
    )


@needs_fontconfig
def test_a_deck_naming_hundreds_of_fonts_asks_fontconfig_for_a_bounded_few(tmp_path, monkeypatch):
    """A received deck whose runs name 2,000 fonts of their own (40 KB): fontconfig was
    started twice for each, and `check` took minutes. Past the first fonts, the rest are
    measured as a font nothing is known of, as wide as the widest common font."""
    asked = tmp_path / "asked.txt"
    programs = tmp_path / "bin"
    programs.mkdir()
    for program in ("fc-list", "fc-match"):
        wrapper = programs / program  # fontconfig's own, noting each time it is started
        wrapper.write_text(
            f'#!/bin/sh\necho asked >> "{asked}"\nexec "{shutil.which(program)}" "$@"\n'
        )
        wrapper.chmod(0o755)
    monkeypatch.setenv("PATH", f"{programs}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DECKGEN_CACHE", str(tmp_path / "cache"))
    fonts = FontSet.of_theme(load_theme(DEFAULT_THEME))
    first = fonts.of("Skrift 0")
    assert first.width > 1.0  # missing: a stand-in, with a margin
    many = [fonts.of(f"Skrift {number}") for number in range(1, 300)]
    started = len(asked.read_text(encoding="utf-8").splitlines())
    assert started < 100  # a few for each of the first fonts, not two for each of 300
    assert all(found.width * _drawn(found) >= _drawn(fonts) for found in many)


def _drawn(fonts: FontSet) -> float:
    """How wide `fonts` draws a Danish sentence in bold, per point."""
    return text_width_pt("Høj bly gom vandt fræk sexquiz på wc", fonts.bold, 1.0)
