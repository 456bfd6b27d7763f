"""The web app's speed and memory: `python bench/web.py` from the project's root (2–3 min).

Starts `deckgen serve` as a server process of its own (waitress, as deployed) and measures:

- the server time of `POST /api/visits` for the sample visit (18 slides and the director's
  greeting), warm: the `Server-Timing` header, from the row read to the .pptx bytes; and in
  the same minute the tour's time a deck (`deckgen tour` on one core, in this process), for
  comparison on a machine whose load varies;
- 20 requests at once: every answer a correct deck, and the wall time;
- the server's resident memory over 1,000 requests (from /proc, Linux);
- in this process: one `Builder` per request against the shared `Builder` the app keeps;
- the first preview of a deck: LibreOffice started for it (cold), already running (as
  `deckgen serve` starts it at start), and the same deck again (cached).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
REQUESTS = int(os.environ.get("REQUESTS", "1000"))
ROW = {"dato": "2025-03-12", "direktør": "Mette Holm", "udvalg": "OMU Børn og Familie"}


_POSTED = iter(range(10**9))


def _post(base: str, row: dict[str, str]) -> tuple[bytes, float, float]:
    """The deck, the server's wall time and its processor time for it (ms). Each request is
    a new revision of the visit (its place numbered), so each deck is drawn, not sent again
    from the register's folder; the date, long past, is confirmed."""
    place = f"{row.get('sted', '')} {next(_POSTED)}".strip()
    body = {**row, "sted": place, "bekræft": ["dato"]}
    request = urllib.request.Request(
        f"{base}/api/visits", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        wall, cpu = (
            float(part.split("dur=")[1]) for part in answer.headers["Server-Timing"].split(",")
        )
        return answer.read(), wall, cpu


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> None:
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "deckgen", "serve", "--no-browser", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/openapi.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        for _ in range(5):  # warm: library, theme and drawn slides cached
            _post(base, ROW)
        timed = [_post(base, ROW) for _ in range(50)]
        times, cpus = [t[1] for t in timed], [t[2] for t in timed]
        print(
            f"warm build, server time: median {statistics.median(times):.1f} ms, "
            f"p95 {_p95(times):.1f}, min {min(times):.1f}; processor time median "
            f"{statistics.median(cpus):.1f} ms, p95 {_p95(cpus):.1f} (50 requests)"
        )
        print(f"the tour in the same minute, 1 core: {_tour_ms():.1f} ms a deck (40 decks)")

        register = yaml.safe_load((ROOT / "decks/tour/udvalg.yaml").read_text("utf-8"))["udvalg"]
        committees = register[:20]
        started = time.perf_counter()
        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(lambda c: _post(base, {**ROW, "udvalg": c}), committees))
        wall = time.perf_counter() - started
        wrong = sum(
            c.encode() not in _title(data)
            for c, (data, _, _) in zip(committees, answers, strict=True)
        )
        print(f"20 at once: {len(answers)} answers, {wrong} wrong, {wall:.2f} s wall")

        marks = []
        checkpoints = [1, *(REQUESTS * n // 4 for n in range(1, 5))]
        for number in range(1, REQUESTS + 1):
            committee = register[number % len(register)]
            _post(base, {**ROW, "udvalg": committee, "sted": f"Lokale {number}"})
            if number in checkpoints:
                marks.append(f"{_rss_mb(server.pid):.0f}")
        shown = ", ".join(map(str, checkpoints))
        print(f"server memory after {shown} requests: {' → '.join(marks)} MB")
    finally:
        server.terminate()
        server.wait(timeout=10)
    _builders()


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


def _tour_ms(decks: int = 40) -> float:
    """The tour's wall time a deck, on one core, for the first `decks` rows of the sample."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from deckgen import api

    rows = (ROOT / "decks/tour/besoeg-2025-2026.csv").read_text("utf-8").splitlines()
    with tempfile.TemporaryDirectory() as folder:
        schedule = Path(folder) / "plan.csv"
        schedule.write_text("\n".join(rows[: decks + 1]) + "\n", "utf-8")
        result = api.build_tour(
            schedule, Path(folder) / "out", directors=ROOT / "decks/tour/direktoerer.yaml", jobs=1
        )
        return result.seconds * 1000 / len(result.outcomes)


def _title(data: bytes) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("ppt/slides/slide1.xml")


def _builders() -> None:
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    from deckgen import api
    from deckgen.web.app import create_app

    app = create_app(Path("decks/tour/direktoerer.yaml"))
    site = app.extensions["deckgen_site"]
    from deckgen.visits.service import read_visit

    planned = read_visit(ROW, site.project, confirmed=True).planned
    for label, make in (("shared Builder", lambda: site.builder), ("Builder per request", None)):
        took = []
        for _ in range(20):
            started = time.perf_counter()
            builder = make() if make else api.Builder(reuse_slides=True)
            api.visit_pptx(planned, builder)
            took.append((time.perf_counter() - started) * 1000)
        print(f"in process, {label}: median {statistics.median(took[2:]):.1f} ms")
    site.close()
    _previews(Path("decks/tour/direktoerer.yaml"))


def _previews(profiles: Path) -> None:
    """The first preview with LibreOffice started for it, with it running, and cached."""
    from deckgen.visits.service import read_visit
    from deckgen.web.app import create_app

    for cold in (True, False):
        site = create_app(profiles).extensions["deckgen_site"]
        if not cold:  # as `deckgen serve` does at start, in the background
            site.office().start()
            site.blocks()
        decks = []
        for place in ("Rådhuset", "Et andet sted"):
            planned = read_visit({**ROW, "sted": place}, site.project, confirmed=True).planned
            decks.append(site.build(planned).data)
        took = []
        for data in (*decks, decks[1]):
            started = time.perf_counter()
            _, pages = site.preview(data)
            took.append(time.perf_counter() - started)
        label = "cold (LibreOffice started by it)" if cold else "after the server's start"
        print(
            f"first preview, {label}: {took[0]:.2f} s ({len(pages)} slides); another deck "
            f"{took[1]:.2f} s; the same deck again {took[2] * 1000:.1f} ms (cached)"
        )
        site.close()


if __name__ == "__main__":
    main()
