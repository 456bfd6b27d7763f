"""Open a corporate template, and save a presentation as a deterministic .pptx package."""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.exc import PackageNotFoundError

from deckgen.errors import DeckgenError, Location

_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRESENTATION_TYPE = (
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Zip entries carry this time, so the same deck gives the same bytes on every build."""


@cache
def template_bytes(path: Path) -> bytes:
    """The template at `path` as a .pptx package; a .potx is converted in memory."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DeckgenError(f"cannot read the template: {exc.strerror}", Location(path)) from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DeckgenError(
            "the template is not a PowerPoint file (.pptx or .potx)",
            Location(path),
            "point the theme's `template:` at a .pptx or .potx saved by PowerPoint",
        )
    return _as_presentation(data) if _TEMPLATE_TYPE in _content_types(data, path) else data


def open_template(path: Path) -> Any:
    """A fresh presentation from the template, with any example slides it carries removed."""
    try:
        prs = Presentation(io.BytesIO(template_bytes(path)))
    except (PackageNotFoundError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        found = re.search(r"content type is '([^']+)'", str(exc))
        what = f"its main part is {found.group(1)}" if found else "it is damaged"
        raise DeckgenError(
            f"the template is not a usable presentation: {what}",
            Location(path),
            "open it in PowerPoint and save it again as .pptx or .potx",
        ) from None
    slide_ids = prs.slides._sldIdLst
    for slide_id in list(slide_ids):
        prs.part.drop_rel(slide_id.rId)
        slide_ids.remove(slide_id)
    return prs


def save_deterministic(prs: Any) -> bytes:
    """The presentation as .pptx bytes that depend only on its content."""
    raw = io.BytesIO()
    prs.save(raw)
    return normalize_zip(raw.getvalue())


def normalize_zip(data: bytes, replace: dict[str, tuple[bytes, bytes]] | None = None) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, keeping member order.

    `replace` maps a member name to an (old, new) byte replacement made on the way.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if replace and info.filename in replace:
                content = content.replace(*replace[info.filename])
            fixed = zipfile.ZipInfo(info.filename, _FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            target.writestr(fixed, content)
    return out.getvalue()


def _content_types(data: bytes, path: Path) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        try:
            return package.read("[Content_Types].xml")
        except KeyError:
            raise DeckgenError(
                "the template has no [Content_Types].xml: it is not an Office file",
                Location(path),
            ) from None


def _as_presentation(data: bytes) -> bytes:
    return normalize_zip(data, {"[Content_Types].xml": (_TEMPLATE_TYPE, _PRESENTATION_TYPE)})
