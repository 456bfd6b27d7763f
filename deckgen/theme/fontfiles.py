"""Font files with a template font's metrics, found in the project, deckgen's own fonts or the
system's, so a drafted theme measures text as it will be drawn."""

from __future__ import annotations

from pathlib import Path

from deckgen.project import DATA

_METRIC_TWINS = {
    "calibri": "Carlito",
    "carlito": "Carlito",
    "cambria": "Caladea",
    "caladea": "Caladea",
    "arial": "LiberationSans",
    "helvetica": "LiberationSans",
    "liberation sans": "LiberationSans",
    "times new roman": "LiberationSerif",
    "liberation serif": "LiberationSerif",
    "courier new": "LiberationMono",
}
"""Fonts with free twins of the same metrics, which measure text as the original draws it."""
_FACES = {"regular": "Regular", "bold": "Bold", "italic": "Italic", "bold_italic": "BoldItalic"}
_FONT_FOLDERS = (DATA / "fonts", Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def metric_files(font: str, first: tuple[Path, ...] = ()) -> tuple[dict[str, Path], str]:
    """The four font files to measure `font` with, looked for in the folders `first`, then
    deckgen's and the system's; and the twin's name ('' when none was found and Carlito
    stands in)."""
    twin = _METRIC_TWINS.get(font.casefold())
    if twin:
        found = _font_files(twin, first)
        if found:
            return found, twin
    fallback = _font_files("Carlito", first)
    assert fallback, "deckgen's own Carlito files are missing"
    return fallback, ""


def _font_files(family: str, first: tuple[Path, ...]) -> dict[str, Path]:
    for folder in (*first, *_FONT_FOLDERS):
        if not folder.is_dir():
            continue
        files = {}
        for face, suffix in _FACES.items():
            name = f"{family}-{suffix}.ttf"
            direct = folder / name
            hit = direct if direct.is_file() else next(folder.rglob(name), None)
            if hit is None:
                break
            files[face] = hit
        else:
            return files
    return {}
