"""Hostile requests and a hostile network around `deckgen serve` (issue 24): another site's
name in `Host` (DNS rebinding), the JSON API failing, the tour's zip, a port already taken."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from deckgen.cli import main
from deckgen.tour.dates import parse_visit_date
from deckgen.web.hosts import allowed_hosts, host_allowed

sys.path.insert(0, str(Path(__file__).parent))
from webapp import running, sample_app

SOON = parse_visit_date("12/3")
"""A date the visit service takes without asking (the next 12 March)."""
ROW = {"dato": SOON, "direktør": "Mette Holm", "udvalg": "OMU Børn og Familie"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    app = sample_app(tmp_path_factory.mktemp("web"))
    yield app
    app.extensions["deckgen_site"].close()


@pytest.fixture
def client(app) -> FlaskClient:  # type: ignore[no-untyped-def]
    return app.test_client()


def test_a_request_naming_another_sites_host_is_refused(client: FlaskClient) -> None:
    # DNS rebinding: evil.example made to point at 127.0.0.1; the browser sends its name.
    for host in ("evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io"):
        page = client.get("/ny", headers={"Host": host})
        assert page.status_code == 400, host
        assert "csrf_token" not in page.text
        api = client.post("/api/visits", json=ROW, headers={"Host": host})
        assert api.status_code == 400 and api.is_json and api.data[:2] != b"PK"
    for host in ("localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST."):
        assert client.get("/ny", headers={"Host": host}).status_code == 200, host


def test_the_hosts_allowed_are_the_ones_served_and_the_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DECKGEN_ALLOWED_HOSTS", "praesentationer.kommune.example, Intra")
    allowed = allowed_hosts(["deckgen.local"])
    assert host_allowed("praesentationer.kommune.example", allowed)
    assert host_allowed("intra:443", allowed) and host_allowed("deckgen.local:8000", allowed)
    assert host_allowed("10.0.0.7:8000", allowed)  # an address typed: never another site's
    assert not host_allowed("kommune.example", allowed)
    assert not host_allowed("", allowed)
    # Listening on every address: the machine's own name too.
    assert host_allowed(f"{socket.gethostname()}:8000", allowed_hosts(["0.0.0.0"]))


def test_the_json_api_answers_json_when_the_profile_file_is_broken(app, client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    profiles = app.extensions["deckgen_site"].profiles_path
    text = profiles.read_text(encoding="utf-8")
    profiles.write_text(text + "\n  : [broken\n", encoding="utf-8")
    try:
        # The last library that was whole is still served: the API builds, the pages stay
        # pages, and Biblioteket says what is wrong in the saved file (deckgen.librarian).
        answer = client.post("/api/visits", json=ROW)
        assert answer.status_code == 200
        assert client.get("/ny").mimetype == "text/html"
        checked = client.post("/ny/tjek", json=ROW)  # the page's check as she types
        assert checked.status_code == 200 and checked.is_json
        assert "direktoerer.yaml" in client.get("/bibliotek").text
    finally:
        profiles.write_text(text, encoding="utf-8")
    assert client.post("/api/visits", json=ROW).status_code == 200
    # A server whose library has never been whole answers the API in JSON, with the problems.
    from sample_project import copy_sample

    from deckgen.web.app import create_app

    copy_sample(tmp_path)
    broken = tmp_path / "decks" / "tour" / "direktoerer.yaml"
    broken.write_text(text + "\n  : [broken\n", encoding="utf-8")
    never = create_app(broken, scratch=tmp_path / "scratch")
    never.config["TESTING"] = True
    try:
        answer = never.test_client().post("/api/visits", json=ROW)
        assert answer.status_code == 503 and answer.is_json
        assert any("direktoerer.yaml" in p["message"] for p in answer.get_json()["problems"])
        assert "<html" not in answer.text.lower()
    finally:
        never.extensions["deckgen_site"].close()


def test_the_json_api_answers_json_for_a_wrong_method_or_address(client: FlaskClient) -> None:
    for answer in (client.put("/api/visits"), client.get("/api/ukendt")):
        assert answer.status_code in (404, 405) and answer.is_json
        assert answer.get_json()["problems"][0]["message"]


_STREAM = """
import sys, tracemalloc
from pathlib import Path
from deckgen.web.tourpage import zip_stream
tracemalloc.start()
with open(sys.argv[1], "wb") as sent:
    for piece in zip_stream([Path(name) for name in sys.argv[2:]]):
        sent.write(piece)
print(tracemalloc.get_traced_memory()[1])
"""
"""The tour's zip streamed to a file, printing the most memory it held at once."""


def test_the_tours_zip_is_streamed_a_piece_at_a_time(tmp_path: Path) -> None:
    decks = []
    for number in range(4):
        deck = tmp_path / f"deck{number}.pptx"
        deck.write_bytes(bytes([number]) * 8_000_000)
        decks.append(deck)
    # Measured in a process of its own: tracemalloc counts every thread of a process, and
    # a test process has other tests' threads at work (servers, pictures being made): a run
    # on a busy machine counted 67 MB here.
    streamed = subprocess.run(
        [sys.executable, "-c", _STREAM, str(tmp_path / "alle.zip"), *map(str, decks)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    peak = int(streamed.stdout)
    assert peak < 4_000_000  # the decks are 32 MB: the zip was never whole in memory
    archive = zipfile.ZipFile(tmp_path / "alle.zip")
    assert archive.namelist() == [d.name for d in decks] and archive.testzip() is None


def test_the_tours_zip_downloads_whole_from_a_real_server(app) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    page = client.get("/turne").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    csv = f"dato;direktør;udvalg\n{SOON};Mette Holm;OMU Børn og Familie\n"
    run = client.post(
        "/turne", data={"csrf_token": token.group(1), "plan": (io.BytesIO(csv.encode()), "a.csv")}
    ).location
    client.post(f"{run}/lav", data={"csrf_token": token.group(1)})
    while client.get(f"{run}/status").get_json()["state"] == "running":
        time.sleep(0.05)  # the tour runs in a thread of its own
    link = re.search(r'href="(/turne/\d+/alle\.zip)"', client.get(run).text)
    assert link
    with running(app) as base, urllib.request.urlopen(base + link.group(1), timeout=60) as answer:
        assert answer.headers["Content-Disposition"] == "attachment; filename=a.zip"
        names = zipfile.ZipFile(io.BytesIO(answer.read())).namelist()
    assert names == [f"{SOON}_mette-holm_omu-boern-og-familie.pptx"]


def test_serve_on_a_busy_port_or_an_unknown_host_says_so_in_one_danish_line(
    sample_copy: Path,
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = CliRunner().invoke(
            main, ["--lang", "da", "serve", "--port", str(port), "--no-browser"]
        )
    assert busy.exit_code == 1, busy.output
    assert busy.output.count("\n") == 1 and "Traceback" not in busy.output
    assert f"port {port}" in busy.output and "--port" in busy.output
    for host in ("ingen-saadan-vaert.invalid", "10.255.255.1"):
        unknown = CliRunner().invoke(
            main, ["--lang", "da", "serve", "--host", host, "--port", str(port), "--no-browser"]
        )
        assert unknown.exit_code == 1, unknown.output
        assert unknown.output.count("\n") == 1 and host in unknown.output
        assert "--host 127.0.0.1" in unknown.output


def test_the_running_server_shows_a_picture_replaced_under_its_name(app, client) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    site = app.extensions["deckgen_site"]
    picture = site.profiles_path.parents[2] / "assets" / "pictures" / "meget-mere-ledelse.png"
    old = picture.read_bytes()

    def greens(data: bytes) -> int:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            found = 0
            for name in package.namelist():
                if name.startswith("ppt/media/"):
                    with Image.open(io.BytesIO(package.read(name))) as shown:
                        found += shown.convert("RGB").getpixel((1, 1)) == (30, 180, 60)
            return found

    assert greens(client.post("/api/visits", json=ROW).data) == 0
    try:
        with Image.open(picture) as was:
            Image.new("RGB", was.size, (30, 180, 60)).save(picture, format="PNG")
        assert greens(client.post("/api/visits", json=ROW).data) >= 1
    finally:
        picture.write_bytes(old)


def test_downloading_an_unchanged_visit_again_and_again_keeps_no_copies(app, client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/ny?ny=1").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    form = {
        "csrf_token": token.group(1),
        **ROW,
        "direktør": "mette-holm",
        "udvalg": "OMU Skoler Nord",
    }
    site = app.extensions["deckgen_site"]
    address = "/ny"
    for place in ("Rådhuset", "Rådhuset", "Rådhuset", "Skolen", "Rådhuset", "Skolen"):
        kept = site.register.find((SOON, "mette-holm", "OMU Skoler Nord"))
        revision = str(kept.revision) if kept is not None else ""
        answer = client.post(
            address, data={**form, "sted": place, "revision": revision, "handling": "hent"}
        )
        assert answer.mimetype.endswith("presentationml.presentation")
        address = answer.headers["X-Deckgen-Adresse"]  # the visit's page from now on
    kept = site.register.find((SOON, "mette-holm", "OMU Skoler Nord"))
    # A revision only for a change (made, Skolen, Rådhuset, Skolen), one deck file kept, and
    # no visit file or .bak beside the decks any more.
    assert [r.action for r in site.register.history(kept.id)] == ["created", *["changed"] * 3]
    decks = site.register.decks(kept.id)
    assert len({d.file for d in decks}) == 1
    visits = site.profiles.default_deck.parent / "visits"
    assert not visits.exists() or not any(visits.iterdir())


def test_the_library_pictures_of_each_change_replace_the_last_not_pile_up(tmp_path: Path) -> None:
    from office import require_office

    require_office()
    app = sample_app(tmp_path)
    site = app.extensions["deckgen_site"]
    try:
        block_file = site.library.folder / "vejen-videre.yaml"
        text = block_file.read_text(encoding="utf-8")
        for title in ("Vejen frem", "Vejen videre frem", "Vejen videre"):
            block_file.write_text(text.replace("Vejen videre", title), encoding="utf-8")
            site.refresh()
            assert site.blocks().pictures
            assert len(list(site.scratch.glob("catalogue-*"))) == 1
    finally:
        site.close()


@pytest.mark.parametrize(
    "address",
    ["/ny?kopi=²", "/ny?kopi=" + "9" * 30, "/?slettet=²", "/?slettet=" + "9" * 30],
)
def test_a_number_in_the_address_that_is_no_number_the_register_holds_is_no_500(
    app, address: str
) -> None:  # type: ignore[no-untyped-def]
    """`²` is a digit to Python but no number to `int`, and 30 digits overflow SQLite's
    integers: the page to copy a visit and the list after a deletion answered 500 ("Noget gik
    galt"). They are taken as no number: the page as without it."""
    client = app.test_client()
    plain = client.get(address.split("?")[0])
    shown = client.get(address)
    assert shown.status_code == plain.status_code == 200


def test_a_cookie_naming_a_visit_by_no_number_is_no_500(app) -> None:  # type: ignore[no-untyped-def]
    from deckgen.web.visitviews import IN_PROGRESS

    client = app.test_client()
    for going in ("besoeg/²", "kladde/" + "9" * 30):
        client.set_cookie(IN_PROGRESS, going)
        assert client.get("/ny").status_code == 200
