"""Benchmark deckgen against a floor measured in the same run, and print a Markdown table.

    python bench/run.py            # from the project folder; takes about two minutes

What is measured, each as wall time of a fresh process (start-up included):

- one deck: `deckgen build decks/omu-dialogmoede.yaml` (18 slides with speaker notes),
  against the floor writing the same slides once (`bench/floor.py`, see there);
- the tour: `deckgen tour decks/tour/besoeg-2025-2026.csv` (240 decks) on one core and on
  two, against the floor writing a tour deck's slides 240 times, reopening its template
  for every deck;
- peak memory (max RSS) of the tour on one core, for the first 60 and for all 240 visits:
  it should not grow with the tour.

The floor's input is taken from decks deckgen just built (`extract_spec`), so it writes the
same text, pictures, shapes and notes, with no YAML and no checks.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "decks" / "omu-dialogmoede.yaml"
SCHEDULE = ROOT / "decks" / "tour" / "besoeg-2025-2026.csv"
PROFILES = ROOT / "decks" / "tour" / "direktoerer.yaml"
TEMPLATE = ROOT / "deckgen" / "data" / "theme" / "kommune.pptx"
FLOOR = ROOT / "bench" / "floor.py"
_PEAK = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


def deckgen(*args: object) -> list[str]:
    return [sys.executable, "-m", "deckgen", *map(str, args)]


def floor(spec: Path, out: Path, count: int) -> list[str]:
    return [sys.executable, str(FLOOR), str(spec), str(out), str(count)]


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Python as a user's machine runs it: compiled modules are cached (some sandboxes and CI
images turn that off, which makes every start-up compile deckgen afresh). The cache goes to
a temporary folder, not into the working tree."""


def wall(command: list[str]) -> float:
    """Seconds a command takes, start-up included."""
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=ENV)
    return time.perf_counter() - started


def peak_mb(command: list[str]) -> float:
    """Peak resident memory of a command, in MB."""
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *command], check=True, cwd=ROOT, capture_output=True, env=ENV
    )
    return int(done.stdout) / 1024


def extract_spec(deck: Path, folder: Path) -> Path:
    """The slides of `deck` as the floor's JSON input (pictures saved beside it)."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    def flat(shapes):
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                yield from flat(shape.shapes)
            else:
                yield shape

    folder.mkdir(parents=True, exist_ok=True)
    images: dict[str, bytes] = {}
    slides = []
    for slide in Presentation(str(deck)).slides:
        page: dict = {"layout": slide.slide_layout.name, "placeholders": [], "clones": []}
        for shape in slide.placeholders:
            kind = shape.placeholder_format.type.name
            key = "clones" if kind in ("FOOTER", "SLIDE_NUMBER", "DATE") else "placeholders"
            text = shape.text_frame.text if shape.has_text_frame else ""
            page[key].append([shape.placeholder_format.idx, text])
        page["shapes"] = []
        for shape in flat(slide.shapes):
            if shape.is_placeholder:
                continue
            box = [shape.left, shape.top, shape.width, shape.height]
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                name = f"image{len(images)}.{shape.image.ext}"
                images[name] = shape.image.blob
                page["shapes"].append({"box": box, "image": name})
            else:
                text = shape.text_frame.text if shape.has_text_frame else ""
                page["shapes"].append({"box": box, "text": text})
        page["notes"] = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        slides.append(page)
    for name, blob in images.items():
        (folder / name).write_bytes(blob)
    spec = folder / "spec.json"
    data = {"template": str(TEMPLATE), "images": list(images), "slides": slides}
    spec.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return spec


def first_rows(count: int, folder: Path) -> Path:
    """The sample schedule cut to its header and first `count` visits."""
    lines = SCHEDULE.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    path = folder / f"besoeg-{count}.csv"
    path.write_text("".join(lines[: count + 1]), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs of the one-deck timings")
    parser.add_argument("--tour-repeat", type=int, default=3, help="runs of the tour timings")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="deckgen-bench-"))
    ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    try:
        run(work, args.repeat, args.tour_repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, repeat: int, tour_repeat: int) -> None:
    # Warm the file-system cache and Python's bytecode cache; the floor specs come from these.
    subprocess.run(
        deckgen("build", SAMPLE, "-o", work / "sample.pptx"), check=True, cwd=ROOT, env=ENV
    )
    one = extract_spec(work / "sample.pptx", work / "spec-one")
    tour_out = work / "tour-warm"
    subprocess.run(
        deckgen("tour", first_rows(1, work), "-o", tour_out, "--directors", PROFILES),
        check=True,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        env=ENV,
    )
    per_visit = extract_spec(next(tour_out.glob("*.pptx")), work / "spec-tour")
    visits = len(SCHEDULE.read_text(encoding="utf-8-sig").splitlines()) - 1

    single = statistics.median(
        wall(deckgen("build", SAMPLE, "-o", work / f"one-{n}.pptx")) for n in range(repeat)
    )
    single_floor = statistics.median(
        wall(floor(one, work / f"floor-one-{n}", 1)) for n in range(repeat)
    )
    # The tours alternate, several times, so a passing load on the machine touches all alike.
    times: dict[str, list[float]] = {"1": [], "2": [], "floor": []}
    for n in range(tour_repeat):
        times["1"].append(wall(deckgen("tour", SCHEDULE, "-o", work / f"t1-{n}", "--jobs", 1)))
        times["2"].append(wall(deckgen("tour", SCHEDULE, "-o", work / f"t2-{n}", "--jobs", 2)))
        times["floor"].append(wall(floor(per_visit, work / f"floor-tour-{n}", visits)))
    tour_1, tour_2, tour_floor = (statistics.median(times[k]) for k in ("1", "2", "floor"))
    memory = {
        count: peak_mb(
            deckgen(
                "tour",
                first_rows(count, work),
                "-o",
                work / f"m{count}",
                "--jobs",
                1,
                "--directors",
                PROFILES,
            )
        )
        for count in (60, 120, visits)
    }

    out = io.StringIO()
    out.write(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n\n")
    out.write("| measurement | deckgen | floor | ratio | target |\n|---|---|---|---|---|\n")
    out.write(
        f"| one deck, `deckgen build` (18 slides), wall | {single:.2f} s | "
        f"{single_floor:.2f} s | {single / single_floor:.2f}x | ≤ 1.3x |\n"
    )
    per_floor = tour_floor / visits
    out.write(
        f"| tour of {visits}, 1 core, per deck | {tour_1 / visits * 1000:.0f} ms "
        f"({tour_1:.1f} s) | {per_floor * 1000:.0f} ms ({tour_floor:.1f} s) | "
        f"{tour_1 / tour_floor:.2f}x | ≤ 0.7x |\n"
    )
    out.write(
        f"| tour of {visits}, 2 cores, per deck | {tour_2 / visits * 1000:.0f} ms "
        f"({tour_2:.1f} s) | {per_floor * 1000:.0f} ms | {tour_2 / tour_floor:.2f}x "
        f"(speed-up {tour_1 / tour_2:.2f}x over 1 core) | ≈ 2x faster |\n"
    )
    counts = " → ".join(str(count) for count in memory)
    peaks = " → ".join(f"{mb:.0f}" for mb in memory.values())
    out.write(f"| tour peak memory, 1 core, {counts} visits | {peaks} MB | | | flat |\n")
    print(out.getvalue())


if __name__ == "__main__":
    main()
