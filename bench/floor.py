"""The floor for the benchmark: a minimal python-pptx script that writes the same slides.

It reads a JSON description of the slides (made by `bench/run.py` from a deck deckgen built),
so it does no YAML, no composing and no checks: for each deck it reopens the template, adds
every slide on its layout, puts the same text into the same placeholders, the same pictures
and text shapes on the slide, the footer, and the speaker notes, and saves.

    python bench/floor.py SPEC.json OUTDIR [COUNT]
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE


def build(spec: dict, template: str, images: dict[str, bytes], out: Path) -> None:
    prs = Presentation(template)
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    for page in spec["slides"]:
        layout = layouts[page["layout"]]
        slide = prs.slides.add_slide(layout)
        for idx, text in page["placeholders"]:
            slide.placeholders[idx].text_frame.text = text
        for idx, text in page["clones"]:
            slide.shapes.clone_placeholder(layout.placeholders.get(idx=idx))
            slide.shapes[-1].text_frame.text = text
        for shape in page["shapes"]:
            left, top, width, height = shape["box"]
            if "image" in shape:
                picture = io.BytesIO(images[shape["image"]])
                slide.shapes.add_picture(picture, left, top, width, height)
            else:
                box = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
                box.text_frame.text = shape["text"]
        if page["notes"]:
            slide.notes_slide.notes_text_frame.text = page["notes"]
    prs.save(str(out))


def main() -> None:
    spec_path, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    images = {name: (spec_path.parent / name).read_bytes() for name in spec["images"]}
    out_dir.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        build(spec, spec["template"], images, out_dir / f"floor-{number:03d}.pptx")


if __name__ == "__main__":
    main()
