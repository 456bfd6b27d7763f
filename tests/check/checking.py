"""Helpers for the check tests: run the checks on a deck file or a .pptx edited on the spot."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pptx import Presentation

from deckgen.check import Finding, check_file

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def findings(path: Path, check: str | None = None, **kwargs: Any) -> list[Finding]:
    """The findings of checking `path`, only those of `check` (or its family) if given."""
    report = check_file(path, **kwargs)
    return [f for f in report.findings if check is None or f.check.startswith(check)]


def messages(path: Path, check: str | None = None, **kwargs: Any) -> list[str]:
    return [str(f) for f in findings(path, check, **kwargs)]


def edited(source: Path, target: Path, edit: Callable[[Any], None]) -> Path:
    """A copy of the .pptx `source` at `target`, changed by `edit(presentation)`."""
    prs = Presentation(str(source))
    edit(prs)
    buffer = io.BytesIO()
    prs.save(buffer)
    target.write_bytes(buffer.getvalue())
    return target


def drawn_deck(target: Path, *draws: Callable[[Any], None], layout: str = "Kun titel") -> Path:
    """A .pptx on the default template with one slide per `draws`: each titled `Dias N` on
    `layout`, then changed by the draw function; saved to `target`."""
    from deckgen.render.package import open_template
    from deckgen.theme import load_theme

    prs = open_template(load_theme().template_path)
    chosen = next(item for item in prs.slide_layouts if item.name == layout)
    for number, draw in enumerate(draws, 1):
        slide = prs.slides.add_slide(chosen)
        slide.shapes.title.text = f"Dias {number}"
        draw(slide)
    prs.core_properties.language = "da-DK"
    prs.save(str(target))
    return target


def theme_with(target: Path, **colors: str) -> Path:
    """A copy of the default theme at `target` with some colour roles changed."""
    import yaml

    from deckgen.theme import DEFAULT_THEME

    data = yaml.safe_load(DEFAULT_THEME.read_text(encoding="utf-8"))
    folder = DEFAULT_THEME.parent
    data["template"] = str(folder / data["template"])
    data["logo"] = str(folder / data["logo"])
    data["fonts"]["files"] = {k: str(folder / v) for k, v in data["fonts"]["files"].items()}
    data["colors"].update(colors)
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return target


def picture_file(path: Path) -> Path:
    """A small photo-like PNG at `path`."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.linear_gradient("L").convert("RGB").resize((400, 300)).save(path)
    return path
