"""Make the sample presentation whose slide the library reuses (a `slide` block).

- ``direktion-2025.pptx``: one slide, "Organisationen", the directors and their areas as a
  table, with speaker notes: the kind of slide a municipality has in its old decks and that no
  deckgen kind describes. Its layout is named "Kun titel", like the theme's, so that
  `keep: theme` puts it on that layout.

No randomness and fixed dates and zip times: the same script gives the same bytes.
Run ``python assets/slides/make_slides.py``.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu, Pt

from deckgen.render.package import normalize_zip

HERE = Path(__file__).resolve().parent
DIRECTORS = [
    ("Direktør", "Område"),
    ("Mette Holm", "Børn og Familie"),
    ("Lars Kjærgaard", "Sundhed og Ældre"),
    ("Birgitte Østergaard", "Beskæftigelse"),
    ("Henrik Dalsgaard", "By, Land og Kultur"),
]


def organisation() -> bytes:
    """The presentation's bytes."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # the theme's 16:9
    layout = prs.slide_layouts[5]
    layout.name = "Kun titel"
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = "Organisationen"
    frame = slide.shapes.add_table(
        len(DIRECTORS), 2, Emu(838200), Emu(1825625), Emu(10515600), Emu(3200400)
    )
    frame.name = "Direktionen"
    for row, cells in enumerate(DIRECTORS):
        for column, text in enumerate(cells):
            cell = frame.table.cell(row, column)
            cell.text = text
            cell.text_frame.paragraphs[0].runs[0].font.size = Pt(20)
    slide.notes_slide.notes_text_frame.text = (
        "Direktionen har fire områder. Sig, hvilket område {{ omu }} hører under."
    )
    props = prs.core_properties
    props.title = "Direktionen 2025"
    props.author = "Møllerup Kommune"
    props.last_modified_by = "Møllerup Kommune"
    props.revision = 1
    props.created = props.modified = dt.datetime(2025, 1, 1)
    out = io.BytesIO()
    prs.save(out)
    return normalize_zip(out.getvalue())


if __name__ == "__main__":
    (HERE / "direktion-2025.pptx").write_bytes(organisation())
