"""Presentations made by other tools, for the `slide` kind's tests: python-pptx with a table,
a chart (its embedded workbook), a group, a picture, links and notes; and the same passed
through LibreOffice, which writes its own XML."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

from pictures import two_tone
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

WIDTH, HEIGHT = Emu(12192000), Emu(6858000)
"""The default theme's slide size (16:9)."""


def _png() -> bytes:
    out = io.BytesIO()
    two_tone(120, 80).save(out, format="PNG")
    return out.getvalue()


def make_source(path: Path, *, width: int = WIDTH, height: int = HEIGHT) -> Path:
    """A three-slide deck: 'Organisationen' (table, group, picture, link, notes, a variable),
    'Tal for året' (a column chart), and 'Ekstra' (a shape only)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = width, height
    title_only = prs.slide_layouts[5]

    slide = prs.slides.add_slide(title_only)
    slide.shapes.title.text = "Organisationen"
    table = slide.shapes.add_table(3, 2, Emu(600000), Emu(1500000), Emu(5000000), Emu(1500000))
    for row, (role, name) in enumerate(
        [("Rolle", "Navn"), ("Direktør", "{{ direktør }}"), ("Chef", "Maja Holm")]
    ):
        table.table.cell(row, 0).text = role
        table.table.cell(row, 1).text = name
    table.name = "Organisationstabel"
    box_a = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Emu(6500000), Emu(1500000), Emu(2000000), Emu(700000)
    )
    box_a.text = "Direktion"
    box_b = slide.shapes.add_shape(
        MSO_SHAPE.ROUNDED_RECTANGLE, Emu(6500000), Emu(2600000), Emu(2000000), Emu(700000)
    )
    box_b.text = "Børn og Familie"
    box_b.fill.solid()
    box_b.fill.fore_color.rgb = RGBColor(0x00, 0x3B, 0x5C)
    group = slide.shapes.add_group_shape([box_a, box_b])
    group.name = "Organisationsdiagram"
    picture = slide.shapes.add_picture(io.BytesIO(_png()), Emu(9000000), Emu(1500000), Emu(2400000))
    picture._element.nvPicPr.cNvPr.set("descr", "Rød over blå")
    link_box = slide.shapes.add_textbox(Emu(600000), Emu(4500000), Emu(6000000), Emu(500000))
    run = link_box.text_frame.paragraphs[0].add_run()
    run.text = "Læs mere på kommunens side"
    run.font.size = Pt(18)
    run.hyperlink.address = "https://www.example.dk/organisation"
    slide.notes_slide.notes_text_frame.text = "Fortæl om organisationen, {{ direktør }}."

    slide = prs.slides.add_slide(title_only)
    slide.shapes.title.text = "Tal for året"
    data = CategoryChartData()
    data.categories = ["2023", "2024", "2025"]
    data.add_series("Sager", (120, 135, 150))
    chart = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(1000000), Emu(1500000), Emu(8000000), Emu(4500000), data
    )
    chart.name = "Sager pr. år"
    slide.notes_slide.notes_text_frame.text = "Tallene er fra årsrapporten."

    slide = prs.slides.add_slide(title_only)
    slide.shapes.title.text = "Ekstra"
    slide.shapes.add_shape(MSO_SHAPE.OVAL, Emu(2000000), Emu(2000000), Emu(2000000), Emu(2000000))
    prs.save(path)
    return path


def through_libreoffice(source: Path, folder: Path) -> Path:
    """`source` opened and saved again by LibreOffice (as .odp, then .pptx), so that the XML
    is LibreOffice's own."""
    folder.mkdir(parents=True, exist_ok=True)
    soffice = shutil.which("soffice") or "soffice"
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "odp", "--outdir", str(folder), source],
        check=True,
        capture_output=True,
        timeout=180,
    )
    odp = folder / (source.stem + ".odp")
    out = folder / "pptx"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pptx", "--outdir", str(out), odp],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / (source.stem + ".pptx")
