"""Cold start: one `deckgen build` of the sample deck against the raw python-pptx floor.

    python bench/coldstart.py [--repeat 9]     # from the project folder; about a minute

Each run is a fresh process, start-up included. Alike for both sides: the same Python, the
same environment, Python's bytecode cache on (`PYTHONDONTWRITEBYTECODE` removed, as on a
user's machine; some sandboxes and CI images set it, and then every start compiles deckgen
afresh) in a temporary folder (`PYTHONPYCACHEPREFIX`), filled by one run of each before the
timed ones. deckgen's own cache (`DECKGEN_CACHE`: pictures, QR codes, the template found
clean and read, input digests) is a temporary folder too, filled by that first build: the
timed builds are the second and later builds a user makes. Both run in a throwaway virtual
environment of the same Python that sees this one's packages through a plain path (`deps.pth`),
as an installed wheel would: an editable install's `.pth` files run an import at every start
(its finder imports `pathlib`, `importlib.util` and more; 15 ms of processor time here), which
a user's install does not, and which would add the same to both sides. deckgen and the floor
(`bench/floor.py`, writing the same slides from a JSON description) alternate, so a passing
load on the machine touches both alike. Printed: the median wall time and processor time
(user + system, which a busy machine disturbs less) of each and their ratio (target ≤ 1.3x),
the first build's (an empty deckgen cache) for comparison, what one build imports, by
package, from `python -X importtime` (median of the runs), so that an import a build does
not need shows, and the load average before and after. With `--instructions`, each side's
instructions executed, counted once by valgrind (which no load on the machine disturbs; a few
minutes).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import site
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import ENV, ROOT, SAMPLE, deckgen, extract_spec, floor

_IMPORT = re.compile(r"import time:\s+(\d+) \|\s+\d+ \|\s*(\S+)")


def installed_python(folder: Path) -> str:
    """A Python in `folder` that sees this environment's packages as an installed wheel's
    would be seen: a plain path to each site-packages folder, whose `.pth` files (an
    editable install's finder, setuptools' distutils shim) are not run."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, env=ENV
    )
    python = folder / ("Scripts" if os.name == "nt" else "bin") / Path(sys.executable).name
    found = subprocess.run(
        [str(python), "-c", "import site; print(site.getsitepackages()[0])"],
        check=True,
        capture_output=True,
        text=True,
        env=ENV,
    ).stdout.strip()
    Path(found, "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return str(python)


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and processor seconds of a command, start-up included (`env` added to `ENV`)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    environment = {**ENV, **(env or {})}
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=environment)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def instructions(command: list[str]) -> int:
    """Instructions `command` executes, counted by valgrind's callgrind (children not)."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=ENV,
    )
    return int(re.findall(r"Collected : (\d+)", done.stderr)[-1])


def _load(averages: tuple[float, float, float]) -> str:
    return " / ".join(f"{value:.2f}" for value in averages) + " (1, 5, 15 min)"


def imports(command: list[str]) -> dict[str, float]:
    """Milliseconds spent importing each top-level package (its own modules' time)."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=ENV,
    )
    found: dict[str, float] = defaultdict(float)
    for line in done.stderr.splitlines():
        match = _IMPORT.match(line)
        if match:
            name = match.group(2)
            group = ".".join(name.split(".")[:2]) if name.startswith("deckgen.") else name
            found[group.split(".")[0] if not name.startswith("deckgen") else group] += (
                int(match.group(1)) / 1000
            )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=9, help="runs of each")
    parser.add_argument(
        "--instructions", action="store_true", help="count instructions with valgrind too"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="deckgen-coldstart-"))
    ENV["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    ENV["DECKGEN_CACHE"] = str(work / "cache")
    load_before = os.getloadavg()
    try:
        python = installed_python(work / "python")
        build = [python, *deckgen("build", SAMPLE, "-o", work / "sample.pptx")[1:]]
        subprocess.run(build, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, env=ENV)
        spec = extract_spec(work / "sample.pptx", work / "spec")
        base = [python, *floor(spec, work / "floor", 1)[1:]]
        subprocess.run(base, check=True, cwd=ROOT, env=ENV)
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        first: list[tuple[float, float]] = []
        loaded: dict[str, list[float]] = defaultdict(list)
        for run in range(args.repeat):
            ours.append(timed(build))
            theirs.append(timed(base))
            for name, ms in imports(build).items():
                loaded[name].append(ms)
            first.append(timed(build, {"DECKGEN_CACHE": str(work / f"empty-{run}")}))
        load_after = os.getloadavg()
        print(f"Python {sys.version.split()[0]}, {args.repeat} runs each (medians)")
        print(f"load average before {_load(load_before)}, after {_load(load_after)}\n")
        print("| one deck, 18 slides | deckgen build | floor | ratio | target |")
        print("|---|---|---|---|---|")
        for label, index in (("wall", 0), ("processor", 1)):
            mine = statistics.median(t[index] for t in ours)
            floor_time = statistics.median(t[index] for t in theirs)
            print(
                f"| {label} | {mine:.2f} s | {floor_time:.2f} s | {mine / floor_time:.2f}x "
                "| ≤ 1.3x |"
            )
        for label, index in (("wall", 0), ("processor", 1)):
            once = statistics.median(t[index] for t in first)
            floor_time = statistics.median(t[index] for t in theirs)
            print(
                f"| {label}, first build (empty deckgen cache) | {once:.2f} s | {floor_time:.2f} s "
                f"| {once / floor_time:.2f}x | |"
            )
        if args.instructions:
            mine, base_count = instructions(build), instructions(base)
            print(
                f"| instructions (valgrind) | {mine / 1e9:.2f} G | {base_count / 1e9:.2f} G "
                f"| {mine / base_count:.2f}x | |"
            )
        print("\n| imported by one build | ms |\n|---|---|")
        medians = {name: statistics.median(times) for name, times in loaded.items()}
        for name, ms in sorted(medians.items(), key=lambda item: -item[1])[:15]:
            print(f"| {name} | {ms:.0f} |")
        print(f"| all | {sum(medians.values()):.0f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
