"""The web app over HTTP, as a browser or a script uses it: Flask's test client, and a real
waitress server for requests at once."""

from __future__ import annotations

import io
import json
import re
import sys
import time
import urllib.request
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from conftest import SAMPLE_PROJECT
from flask.testing import FlaskClient
from pptx import Presentation

from deckgen import api
from deckgen.tour.dates import parse_visit_date

sys.path.insert(0, str(Path(__file__).parent))
from webapp import running, sample_app

SOON = parse_visit_date("12/3")
"""A date the visit service takes without asking (the next 12 March): a date more than a
year ago is a doubt to confirm."""
ROW = {"dato": SOON, "direktør": "Mette Holm", "udvalg": "OMU Børn og Familie"}
STEM = f"{SOON}_mette-holm_omu-boern-og-familie"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    app = sample_app(tmp_path_factory.mktemp("web"))
    yield app
    app.extensions["deckgen_site"].close()


@pytest.fixture
def client(app) -> FlaskClient:  # type: ignore[no-untyped-def]
    return app.test_client()


def _token(client: FlaskClient, page: str = "/ny?ny=1") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def _slides(data: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(data))
    return [
        " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in deck.slides
    ]


def _run_tour(client: FlaskClient, plan: io.BytesIO, name: str) -> tuple[str, str]:
    """Upload a plan on Besøgsturné, make its decks, wait until they are made: the page of
    what would happen, and the page of the result."""
    token = _token(client, "/turne")
    answer = client.post("/turne", data={"csrf_token": token, "plan": (plan, name)})
    assert answer.status_code == 303, answer.text
    run = answer.location
    seen = client.get(run).text
    assert client.post(f"{run}/lav", data={"csrf_token": token}).status_code == 303
    while client.get(f"{run}/status").get_json()["state"] == "running":
        time.sleep(0.05)  # the tour runs in a thread of its own: wait until it is done
    return seen, client.get(run).text


def test_api_returns_the_visit_deck_named_as_the_tour_names_it(client: FlaskClient) -> None:
    response = client.post("/api/visits", json={**ROW, "sted": "Rådhuset"})
    assert response.status_code == 200
    assert f"{STEM}.pptx" in response.headers["Content-Disposition"]
    texts = _slides(response.data)
    assert "OMU Børn og Familie" in texts[0] and "Mette Holm" in " ".join(texts)


def test_api_bad_row_is_422_with_each_problem_at_its_column(client: FlaskClient) -> None:
    response = client.post(
        "/api/visits", json={**ROW, "tilføj": "vejen-vidre", "fjern": "ingen-saadan"}
    )
    assert response.status_code == 422
    problems = response.json["problems"]
    assert {p["field"] for p in problems} == {"tilføj", "fjern"}
    assert any("vejen-videre" in p["message"] for p in problems)  # the suggestion
    bad_date = client.post("/api/visits", json={**ROW, "dato": "2025-13-40"})
    assert bad_date.status_code == 422
    assert [p["field"] for p in bad_date.json["problems"]] == ["dato"]
    unknown = client.post("/api/visits", json={**ROW, "direktør": "Mette Holn"})
    assert unknown.json["problems"][0]["field"] == "direktør"
    assert "Mette Holm" in unknown.json["problems"][0]["message"]


def test_api_refuses_what_is_not_json(client: FlaskClient) -> None:
    assert client.post("/api/visits", data="dato=2025-03-12").status_code == 415
    assert client.post("/api/visits", json=["a list"]).status_code == 400
    assert client.get("/api/openapi.json").json["paths"]["/api/visits"]


def test_a_form_without_its_csrf_token_is_refused(client: FlaskClient, app) -> None:  # type: ignore[no-untyped-def]
    register = app.extensions["deckgen_site"].register
    before = register.count()
    response = client.post("/ny", data={**ROW, "sted": "Ukendt sted", "handling": "hent"})
    assert response.status_code == 400
    assert "application/vnd" not in response.headers["Content-Type"]
    assert register.count() == before  # nothing kept from a form without its token
    # The page comes back with what was sent and a fresh token: sending it again works.
    assert "Siden var blevet for gammel" in response.text
    assert 'value="Ukendt sted"' in response.text
    assert re.search(r'name="csrf_token" value="[^"]+"', response.text)
    assert "too old" in client.post("/turne", data={}).text  # other forms: the error page


def test_download_from_the_form_keeps_the_visit_in_the_register(client: FlaskClient, app) -> None:  # type: ignore[no-untyped-def]
    token = _token(client)
    form = {
        "csrf_token": token,
        **ROW,
        "udvalg": "OMU Skoler Nord",
        "sted": "Kantinen",
        "direktør": "mette-holm",
        "handling": "hent",
    }
    response = client.post("/ny", data=form)
    assert response.status_code == 200
    assert response.mimetype.endswith("presentationml.presentation")
    register = app.extensions["deckgen_site"].register
    kept = register.find((SOON, "mette-holm", "OMU Skoler Nord"))
    assert kept is not None and kept.record.place == "Kantinen"
    assert register.history(kept.id)[-1].who == "ukendt"  # no header was configured
    assert register.decks(kept.id)  # the deck made is recorded: the visit is "lavet"
    saved = app.extensions["deckgen_site"].profiles.default_deck.parent / "visits"
    assert not saved.exists()  # no deck file is written (and no .bak left) any more
    # The same visit made again as a new one is not saved over the first: the page says so.
    again = client.post("/ny", data={**form, "sted": "Et andet sted"})
    assert "Der er allerede et besøg med samme direktør, udvalg og dato" in again.text
    assert f'href="/besoeg/{kept.id}"' in again.text
    assert register.get(kept.id).record.place == "Kantinen"


def test_a_ticked_off_and_reordered_slide_shows_in_the_deck(client: FlaskClient) -> None:
    visit = {**ROW, "udvalg": "OMU Sygeplejen"}
    start = client.post(
        "/ny",
        data={"csrf_token": _token(client), "direktør": "mette-holm", "handling": "direktør"},
        follow_redirects=True,
    )
    page = start.text
    ids = re.findall(r'name="slide" value="([^"]+)"', page)
    # Leave out the second slide and move the fourth up past the third: without the page's
    # script a step is posted, and the page comes back from the visit's own address.
    form = {
        "csrf_token": _token(client),
        **visit,
        "direktør": "mette-holm",
        "diasene_til": "mette-holm",
        "slide": ids,
        "med": [i for i in ids if i != ids[1]],
        "handling": f"op:{ids[3]}",
    }
    address = re.search(r'<form method="post" action="([^"]+)" id="besoeg"', page).group(1)
    step = client.post(address, data=form)
    assert step.status_code == 303 and step.location.startswith("/besoeg/")
    moved = client.get(step.location).text
    order = re.findall(r'name="slide" value="([^"]+)"', moved)
    assert order[2:4] == [ids[3], ids[2]]
    assert "er nu nr. 3 af" in moved  # the status line says what the step did
    revision = re.search(r'name="revision" value="(\d+)"', moved).group(1)
    form.update(slide=order, handling="hent", revision=revision)
    form["med"] = [i for i in order if i != ids[1]]
    deck = client.post(step.location.split("?")[0], data=form)
    full = client.post("/api/visits", json=visit)  # the same visit in the director's order
    assert len(_slides(deck.data)) == len(_slides(full.data)) - 1
    assert _slides(deck.data)[1:3] == [_slides(full.data)[i] for i in (3, 2)]


def test_typed_text_is_escaped_and_problems_stand_beside_their_field(
    client: FlaskClient,
) -> None:
    token = _token(client)
    form = {
        "csrf_token": token,
        **ROW,
        "direktør": "mette-holm",
        "dato": "<script>alert(1)</script>",
        "sted": '"><img src=x onerror=alert(1)>',
        "handling": "forhåndsvis",
    }
    page = client.post("/ny", data=form).text
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page
    # The date's problem is announced and tied to the date field.
    field = re.search(r'<input id="dato"[^>]*>', page)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert 'id="fejl-dato"' in page and 'role="alert"' in page


def test_uploads_are_bounded_in_size_and_rows(client: FlaskClient) -> None:
    token = _token(client, "/turne")
    huge = io.BytesIO(b"dato;direktoer;udvalg\n" + b"x" * (3 * 1024 * 1024))
    response = client.post("/turne", data={"csrf_token": token, "plan": (huge, "plan.csv")})
    assert response.status_code == 413 and "too large" in response.text
    rows = "dato;direktør;udvalg\n" + "2025-03-12;Mette Holm;OMU\n" * 1001
    response = client.post(
        "/turne", data={"csrf_token": token, "plan": (io.BytesIO(rows.encode()), "plan.csv")}
    )
    assert response.status_code == 413 and "at most 1000" in response.text


def test_tour_upload_lists_each_row_and_zips_the_decks(client: FlaskClient) -> None:
    csv = (
        "dato;direktør;udvalg;sted;tilføj;fjern;lokalt eksempel\n"
        "2025-03-12;Mette Holm;OMU Børn og Familie;;;;\n"
        "2025-03-13;Mette Holm;OMU Skoler Nord;;vejen-vidre;;\n"
        "2025-03-14;Lars Kjærgaard;OMU Sygeplejen;;;;\n"
    )
    seen, page = _run_tour(client, io.BytesIO(csv.encode()), "foraar.csv")
    # First what would happen: nothing is made until she says so.
    assert "Intet er ændret endnu" in seen and "Fejl – bliver ikke lavet" in seen
    assert "2 af 3 besøg er lavet" in page
    assert (
        '<td data-label="Række">3</td>' in page and "vejen-videre" in page
    )  # the row and the suggestion
    assert "<strong>Kolonne tilføj:</strong>" in page  # and the column
    assert "foraar.csv:3" not in page  # no file and line: the row's number says where
    zip_link = re.search(r'href="(/turne/[^"]+/alle\.zip)"', page)
    assert zip_link
    names = zipfile.ZipFile(io.BytesIO(client.get(zip_link.group(1)).data)).namelist()
    assert sorted(names) == [
        "2025-03-12_mette-holm_omu-boern-og-familie.pptx",
        "2025-03-14_lars-kjaergaard_omu-sygeplejen.pptx",
    ]
    one = re.search(r'href="(/turne/\d+/2)"', page)
    assert one and _slides(client.get(one.group(1)).data)
    assert client.get("/turne/999999/alle.zip").status_code == 404
    assert client.get("/turne/ukendt/alle.zip").status_code == 404


def test_no_path_of_the_visitors_choosing_is_read(client: FlaskClient) -> None:
    assert client.get("/blok/..%2F..%2Fetc%2Fpasswd.png").status_code == 404
    assert client.get("/forhaandsvisning/../1.png").status_code == 404
    assert client.get("/turne/x/..%2F..%2Fetc/1").status_code == 404


def test_the_library_is_read_again_when_a_block_file_changes(client: FlaskClient, app) -> None:  # type: ignore[no-untyped-def]
    site = app.extensions["deckgen_site"]
    block_file = site.library.folder / "vejen-videre.yaml"
    text = block_file.read_text(encoding="utf-8")
    block_file.write_text(text.replace("Vejen videre", "Vejen frem"), encoding="utf-8")
    try:
        deck = client.post("/api/visits", json=ROW)
        assert any("Vejen frem" in slide for slide in _slides(deck.data))
    finally:
        block_file.write_text(text, encoding="utf-8")


def test_twenty_requests_at_once_on_a_real_server_all_get_their_own_deck(app) -> None:  # type: ignore[no-untyped-def]
    # Twenty committees of the register, so each deck shows its own name.
    committees = yaml.safe_load((SAMPLE_PROJECT / "decks/tour/udvalg.yaml").read_text("utf-8"))[
        "udvalg"
    ][:20]

    def fetch(base: str, committee: str) -> bytes:
        body = json.dumps({**ROW, "udvalg": committee}).encode()
        request = urllib.request.Request(
            f"{base}/api/visits", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=300) as answer:  # a hang, not a speed
            assert answer.status == 200
            return answer.read()

    with running(app) as base, ThreadPoolExecutor(20) as pool:
        decks = list(pool.map(lambda c: fetch(base, c), committees))
    for committee, data in zip(committees, decks, strict=True):
        assert committee in _slides(data)[0]


def test_a_failing_build_gives_an_error_page_and_the_server_goes_on(
    client: FlaskClient, app
) -> None:  # type: ignore[no-untyped-def]
    site = app.extensions["deckgen_site"]
    real = site.build

    def broken(planned):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk on fire")

    site.build = broken
    try:
        # A place not saved before: a new revision, whose deck is drawn (not sent again).
        response = client.post("/api/visits", json={**ROW, "sted": "Brandstationen"})
    finally:
        site.build = real
    assert response.status_code == 500 and "Something went wrong" in response.text
    assert "disk on fire" not in response.text
    assert client.post("/api/visits", json=ROW).status_code == 200


def test_the_library_page_lists_its_problems_with_file_and_line(client: FlaskClient, app) -> None:  # type: ignore[no-untyped-def]
    folder = app.extensions["deckgen_site"].library.folder
    broken = folder / "kladde.yaml"
    broken.write_text(
        "blocks:\n  - id: ny-kladde\n    kind: bulets\n    title: Udkast\n", encoding="utf-8"
    )
    try:
        page = client.get("/bibliotek").text
    finally:
        broken.unlink()
    # The saved version has an error, so the last whole one is still served, and the new
    # version's problem is shown for communication, located.
    assert "Ændringer, der ikke vises endnu (1 fejl)" in page
    assert re.search(r"kladde\.yaml:3:\d+: .*bulets.*bullets", page)
    assert 'id="vejen-videre"' in page and "alle direktører" in page
    assert 'id="ny-kladde"' not in page
    assert "Ingen fejl i biblioteket" in client.get("/bibliotek").text


def test_serve_has_help_with_an_example_and_refuses_a_bad_port() -> None:
    from click.testing import CliRunner

    from deckgen.cli import main

    helped = CliRunner().invoke(main, ["serve", "--help"])
    assert helped.exit_code == 0 and "Example" in helped.output and "--no-browser" in helped.output
    refused = CliRunner().invoke(main, ["serve", "--port", "70000", "--no-browser"])
    assert refused.exit_code == 2 and "70000" in refused.output


def test_the_fields_are_checked_as_she_types_with_the_submit_check(
    app, client: FlaskClient
) -> None:  # type: ignore[no-untyped-def]
    typed = {**ROW, "udvalg": "OMU Børn og Famlie", "dato": "2025-13-40"}
    problems = client.post("/ny/tjek", json=typed).get_json()["problems"]
    assert "did you mean 'OMU Børn og Familie'?" in " ".join(problems["udvalg"])
    assert problems["dato"] and "direktør" not in problems
    answer = client.post("/ny/tjek", json=ROW).get_json()
    assert answer["problems"] == {} and answer["understood"].endswith(f"12. marts {SOON[:4]}")
    # The same problems as on submit, beside the same fields.
    form = {"csrf_token": _token(client), "handling": "hent", **typed}
    page = client.post("/ny", data=form).text
    for text in problems["udvalg"]:
        assert text.replace("'", "&#39;") in page
    assert client.post("/ny/tjek", data="udvalg=x").status_code == 400
    visits = Path(app.extensions["deckgen_site"].profiles_path).parent / "visits"
    assert not visits.exists() or not any(visits.iterdir())  # checking writes nothing


def _workbook(rows: list[list[object]]) -> io.BytesIO:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def test_an_excel_schedule_is_read_row_for_row(app, client: FlaskClient) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    plan = _workbook(
        [
            ["dato", "direktør", "udvalg", "sted", "tilføj", "fjern", "lokalt eksempel"],
            [dt.datetime(2025, 4, 2), "Mette Holm", "OMU Børn og Familie", "Rådhuset"],
            [],
            ["2025-04-03", "Mette Holn", "OMU Skoler Nord"],
        ]
    )
    _seen, page = _run_tour(client, plan, "vaar.xlsx")
    assert "1 af 2 besøg er lavet" in page
    assert "2025-04-02_mette-holm_omu-boern-og-familie.pptx" in page  # the date cell as a date
    assert (
        '<td data-label="Række">4</td>' in page and "Mette Holm" in page
    )  # the row Excel shows, a suggestion
    assert "vaar.xlsx:4" not in page
    site = app.extensions["deckgen_site"]
    built = (
        api.tour_output_folder(site.profiles_path)
        / "2025-04-02_mette-holm_omu-boern-og-familie.pptx"
    )
    assert "Rådhuset" in _slides(built.read_bytes())[0]  # where `deckgen tour` writes


def test_a_hostile_excel_file_is_refused_with_a_clear_message(client: FlaskClient) -> None:
    token = _token(client, "/turne")

    def send(data: io.BytesIO) -> tuple[int, str]:
        answer = client.post("/turne", data={"csrf_token": token, "plan": (data, "plan.xlsx")})
        return answer.status_code, answer.text

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    bomb.seek(0)
    assert len(bomb.getvalue()) < 1024 * 1024  # small to send, 60 MB unpacked
    status, page = send(bomb)
    assert status == 422 and "more than 50 MB" in page
    status, page = send(io.BytesIO(b"dato;direktoer;udvalg\n"))
    assert status == 422 and "not an Excel workbook" in page
    huge = _workbook(
        [["dato", "direktør", "udvalg"]] + [["2025-03-12", "Mette Holm", "OMU"]] * 1001
    )
    status, page = send(huge)
    assert status == 422 and "more than 1000 rows" in page


def test_an_excel_schedule_is_read_from_the_sheet_excel_shows_to_its_last_visit(
    tmp_path: Path,
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from deckgen.tour.workbook import xlsx_to_csv

    book = Workbook()
    old = book.active
    old.append(["dato", "direktør", "udvalg"])
    old.append(["2024-01-01", "Gammel Direktør", "OMU Gammel"])
    old.sheet_state = "hidden"  # last year's plan, hidden, still first
    plan = book.create_sheet("Plan")
    plan.append(["dato", "direktør", "udvalg"])
    plan.append(["12/3", "Mette Holm", "OMU Skoler Nord"])
    # A bold column down to Excel's last row: empty rows kept for their formatting.
    plan.cell(row=1_048_576, column=1).font = Font(bold=True)
    book.active = plan
    data = io.BytesIO()
    book.save(data)
    target = tmp_path / "plan.csv"
    xlsx_to_csv(data.getvalue(), target, 1000)
    assert target.read_text(encoding="utf-8") == (
        "dato;direktør;udvalg\n12/3;Mette Holm;OMU Skoler Nord\n"
    )


def test_json_nested_thousands_deep_is_refused_as_bad_json_not_a_server_error(
    client: FlaskClient,
) -> None:
    deep = b'{"dato":' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    checked = client.post("/ny/tjek", data=deep, content_type="application/json")
    assert (checked.status_code, checked.get_json()) == (400, {"problems": {}})
    sent = client.post("/api/visits", data=deep, content_type="application/json")
    assert sent.status_code == 400
    assert sent.get_json() == {"problems": [{"field": "", "message": "send one JSON object"}]}


# Hostile input, round three (#24 items 1–3): bounded work and writes.


def test_unknown_api_fields_are_refused_once_and_cheaply(client: FlaskClient) -> None:
    many = {**ROW, **{f"felt{number}": "x" for number in range(600)}}
    response = client.post("/api/visits", json=many)
    assert response.status_code == 422
    (problem,) = response.json["problems"]  # one problem, no suggestion asked for each key
    assert "603 fields sent; a visit has at most 8" in problem["message"]
    some = {**ROW, **{f"felt{number}": "x" for number in range(12)}}
    problems = client.post("/api/visits", json=some).json["problems"]
    assert len(problems) == 6  # five named, the rest counted
    assert "and 7 more unknown fields" in problems[-1]["message"]
    ids = client.post("/api/visits", json={**ROW, "tilføj": ["tak-for-i-dag"] * 500})
    assert ids.status_code == 422


def test_a_schedule_is_bounded_by_its_rows_as_read_not_its_line_breaks(
    client: FlaskClient,
) -> None:
    token = _token(client, "/turne")
    row = f"{SOON};Mette Holm;OMU Børn og Familie\r"
    cr_only = ("dato;direktør;udvalg\r" + row * 1001).encode()
    assert cr_only.count(b"\n") == 0
    response = client.post(
        "/turne", data={"csrf_token": token, "plan": (io.BytesIO(cr_only), "plan.csv")}
    )
    assert response.status_code == 413 and "1001 rows; at most 1000" in response.text
    visit = f"{{dato: '{SOON}', direktør: Mette Holm, udvalg: OMU Børn og Familie}}"
    one_line = ("visits: [" + ", ".join([visit] * 1001) + "]\n").encode()
    response = client.post(
        "/turne", data={"csrf_token": token, "plan": (io.BytesIO(one_line), "plan.yaml")}
    )
    assert response.status_code == 413 and "1001 rows; at most 1000" in response.text


def test_what_one_upload_writes_is_bounded(app, client: FlaskClient, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from deckgen.web import tourpage

    monkeypatch.setattr(tourpage, "MAX_WRITTEN_BYTES", 1)  # one deck, then no more
    rows = (
        "dato;direktør;udvalg\n"
        f"{SOON};Mette Holm;OMU Skoler Syd\n"
        f"{SOON};Mette Holm;OMU Skoler Midt\n"
    )
    _seen, page = _run_tour(client, io.BytesIO(rows.encode()), "plan.csv")
    assert "1 af 2 besøg er lavet" in page
    assert "the most one run may" in page


def test_a_workbook_declaring_the_whole_sheet_is_read_in_bounded_time(tmp_path: Path) -> None:
    import threading

    from openpyxl import Workbook

    from deckgen.tour.workbook import BadWorkbook, xlsx_to_csv

    book = Workbook()
    book.active.append(["dato", "direktør", "udvalg"])
    book.active.cell(row=1_048_576, column=1, value="2026-03-12")
    buffer = io.BytesIO()
    book.save(buffer)
    # The sheet says it spans every cell Excel has (A1:XFD1048576), in a 5 KB file.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    hostile = io.BytesIO()
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(
                    rb'<dimension ref="[^"]+"/>', b'<dimension ref="A1:XFD1048576"/>', data
                )
            out.writestr(item, data)
    assert len(hostile.getvalue()) < 10_000
    said: list[str] = []

    def read() -> None:
        try:
            xlsx_to_csv(hostile.getvalue(), tmp_path / "plan.csv", 1000)
        except BadWorkbook as exc:
            said.append(str(exc))

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=120)  # it took 13 minutes; a hang, not a speed, is what this catches
    assert not worker.is_alive()
    assert said == ["the schedule has more than 1000 rows; split it into several"]


def test_the_form_asks_to_confirm_an_unlikely_date_named_in_words(client: FlaskClient) -> None:
    form = {
        "csrf_token": _token(client),
        **ROW,
        "dato": "2012-03-12",
        "direktør": "mette-holm",
        "handling": "hent",
    }
    asked = client.post("/ny", data=form)
    assert asked.mimetype == "text/html"  # nothing downloaded, nothing kept
    assert "mandag 12. marts 2012" in asked.text
    assert 'name="bekræft" value="dato"' in asked.text
    confirmed = client.post("/ny", data={**form, "bekræft": "dato"})
    assert confirmed.mimetype.endswith("presentationml.presentation")
