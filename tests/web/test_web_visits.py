"""Kept visits over HTTP: the API makes, lists, opens, changes, deletes and restores them;
the same visit gives the same deck through `new`, the page, the API and the tour; who made a
change is the proxy's header only when one is configured; the form's secret survives a
restart; twenty changes at once are each a revision or a clean conflict."""

from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient
from sample_project import copy_sample, write_schedule

from deckgen import api
from deckgen.cli.commands import main
from deckgen.tour.dates import parse_visit_date
from deckgen.web.app import create_app

sys.path.insert(0, str(Path(__file__).parent))
from webapp import running

SOON = parse_visit_date("12/3")
ROW = {"dato": SOON, "direktør": "Mette Holm", "udvalg": "OMU Børn og Familie"}
STEM = f"{SOON}_mette-holm_omu-boern-og-familie"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_sample(tmp_path / "projekt")


def _app(project: Path, **options):  # type: ignore[no-untyped-def]
    app = create_app(
        project / "decks" / "tour" / "direktoerer.yaml", scratch=project / "scratch", **options
    )
    app.config["TESTING"] = True
    return app


@pytest.fixture
def app(project: Path):  # type: ignore[no-untyped-def]
    app = _app(project)
    yield app
    app.extensions["deckgen_site"].close()


@pytest.fixture
def client(app) -> FlaskClient:  # type: ignore[no-untyped-def]
    return app.test_client()


def test_a_visit_is_kept_listed_opened_changed_deleted_and_restored(client: FlaskClient) -> None:
    made = client.post("/api/visits", json={**ROW, "sted": "Rådhuset"})
    assert made.status_code == 200
    location = made.headers["Location"]
    assert re.fullmatch(r"/api/visits/\d+", location)
    assert made.headers["X-Deckgen-Saved"] == "created"
    again = client.post("/api/visits", json={**ROW, "sted": "Rådhuset"})
    assert again.headers["X-Deckgen-Saved"] == "unchanged" and again.headers["Location"] == location
    listed = client.get("/api/visits", query_string={"direktør": "Mette Holm"}).json
    assert listed["count"] == 1
    (visit,) = listed["visits"]
    assert visit["udvalg"] == "OMU Børn og Familie" and visit["state"] == "active"
    assert visit["revision"] == 1 and visit["sted"] == "Rådhuset"
    changed = client.patch(location, json={"revision": 1, "sted": "Kantinen"})
    assert changed.status_code == 200 and changed.json["revision"] == 2
    shown = client.get(location).json
    assert [r["action"] for r in shown["revisions"]] == ["created", "changed"]
    assert shown["revisions"][1]["changes"] == {"sted": ["Rådhuset", "Kantinen"]}
    assert shown["revisions"][1]["who"] == "ukendt"
    gone = client.delete(location)
    assert gone.status_code == 200 and gone.json["state"] == "deleted"
    assert client.get("/api/visits").json["count"] == 0
    assert client.get(f"{location}/pptx").status_code == 404
    back = client.post(f"{location}/restore", json={})
    assert back.json["state"] == "active" and back.json["sted"] == "Kantinen"
    older = client.post(f"{location}/restore", json={"revision": 1})
    assert older.json["sted"] == "Rådhuset" and older.json["revision"] == 5


def test_a_change_on_an_old_revision_is_409_with_what_changed(client: FlaskClient) -> None:
    location = client.post("/api/visits", json=ROW).headers["Location"]
    assert client.patch(location, json={"revision": 1, "sted": "A"}).status_code == 200
    late = client.patch(location, json={"revision": 1, "sted": "B"})
    assert late.status_code == 409
    assert late.json["current"]["sted"] == "A"
    assert [c["changes"] for c in late.json["changes"]] == [{"sted": ["", "A"]}]
    assert "someone else saved this visit" in late.json["problems"][0]["message"]
    bad = client.patch(location, json={"revision": 2, "tilføj": "vejen-vidre"})
    assert bad.status_code == 422
    assert bad.json["problems"][0]["field"] == "tilføj"
    no_base = client.patch(location, json={"sted": "C"})
    assert no_base.status_code == 422 and no_base.json["problems"][0]["field"] == "revision"


def test_an_unlikely_date_is_a_doubt_to_confirm_named_in_words(client: FlaskClient) -> None:
    doubted = client.post("/api/visits", json={**ROW, "dato": "12. marts 2012"})
    assert doubted.status_code == 422
    (problem,) = doubted.json["problems"]
    assert problem["field"] == "dato" and problem["confirm"] is True
    assert (
        "monday 12. marts 2012" in problem["message"].lower()
        or "mandag 12. marts 2012" in (problem["message"])
    )
    sure = client.post("/api/visits", json={**ROW, "dato": "12. marts 2012", "bekræft": ["dato"]})
    assert sure.status_code == 200
    ancient = client.post("/api/visits", json={**ROW, "dato": "12/3/1999", "bekræft": True})
    assert (
        ancient.status_code == 422
        and "before the year 2000" in ancient.json["problems"][0]["message"]
    )


def test_the_deck_of_a_revision_is_drawn_once_and_recorded(client: FlaskClient, app) -> None:  # type: ignore[no-untyped-def]
    location = client.post("/api/visits", json=ROW).headers["Location"]
    first = client.get(f"{location}/pptx")
    assert first.status_code == 200 and first.headers["X-Deckgen-Revision"] == "1"
    assert client.get(f"{location}/pptx").data == first.data
    decks = client.get(location).json["decks"]
    assert decks and decks[0]["revision"] == 1 and len(decks[0]["inputs"]) == 64


def test_the_register_exports_as_a_plan_the_tour_reads(client: FlaskClient, tmp_path) -> None:  # type: ignore[no-untyped-def]
    client.post("/api/visits", json={**ROW, "tilføj": "tak-for-i-dag"})
    text = client.get("/api/visits/plan.csv").data.decode("utf-8-sig")
    assert text.splitlines() == [
        "dato;direktør;udvalg;sted;tilføj;fjern;lokalt eksempel",
        f"{SOON};Mette Holm;OMU Børn og Familie;;tak-for-i-dag;;",
    ]
    empty = client.get("/api/visits/plan.xlsx?tom=1")
    assert empty.status_code == 200 and empty.data[:2] == b"PK"


def test_the_same_visit_gives_the_same_deck_every_way_in(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(project)
    answers = ["2", "1", "12/3", "Rådhuset", "tak-for-i-dag", "", "Vores eksempel", ""]
    made = CliRunner().invoke(main, ["new"], input="\n".join(answers) + "\n")
    assert made.exit_code == 0, made.output
    by_new = (project / "build" / f"{STEM}.pptx").read_bytes()
    schedule = write_schedule(
        project, f"{SOON};Mette Holm;OMU Børn og Familie;Rådhuset;tak-for-i-dag;;Vores eksempel\n"
    )
    api.build_tour(schedule, project / "tour", jobs=1)
    by_tour = (project / "tour" / f"{STEM}.pptx").read_bytes()
    app = _app(project)
    try:
        client = app.test_client()
        fields = {
            **ROW,
            "sted": "Rådhuset",
            "tilføj": "tak-for-i-dag",
            "lokalt eksempel": "Vores eksempel",
        }
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/ny?ny=1").text)
        assert token
        form = {
            "csrf_token": token.group(1),
            **ROW,
            "direktør": "mette-holm",
            "sted": "Rådhuset",
            "lokalt_eksempel": "Vores eksempel",
            "diasene_til": "mette-holm",
        }
        # On the page: the visit `deckgen new` kept is opened from Besøg and downloaded.
        kept = app.extensions["deckgen_site"].register.find(
            (SOON, "mette-holm", "OMU Børn og Familie")
        )
        assert kept is not None
        address = f"/besoeg/{kept.id}"
        opened = client.get(address).text

        def state(page: str) -> dict[str, object]:
            ids = re.findall(r'name="slide" value="([^"]+)"', page)
            chosen = re.findall(r'name="med" value="([^"]+)"[^>]*checked', page)
            revision = re.search(r'name="revision" value="(\d*)"', page).group(1)
            return {**form, "slide": ids, "med": chosen, "revision": revision}

        assert "tak-for-i-dag" in state(opened)["med"]
        by_page = client.post(address, data={**state(opened), "handling": "hent"}).data
        by_api = client.post("/api/visits", json=fields).data
    finally:
        app.extensions["deckgen_site"].close()
    assert by_new == by_tour == by_api == by_page


def test_who_is_the_configured_header_and_no_other(project: Path) -> None:
    trusting = _app(project, user_header="X-Remote-User")
    try:
        client = trusting.test_client()
        location = client.post(
            "/api/visits", json=ROW, headers={"X-Remote-User": "anna@kommune.dk"}
        ).headers["Location"]
        assert client.get(location).json["revisions"][0]["who"] == "anna@kommune.dk"
    finally:
        trusting.extensions["deckgen_site"].close()
    plain = _app(project)
    try:
        client = plain.test_client()
        client.patch(
            location, json={"revision": 1, "sted": "A"}, headers={"X-Remote-User": "mallory"}
        )
        assert client.get(location).json["revisions"][1]["who"] == "ukendt"
    finally:
        plain.extensions["deckgen_site"].close()


def test_the_forms_secret_survives_a_restart(project: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("DECKGEN_SECRET", raising=False)
    first = _app(project)
    browser = first.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/ny?ny=1").text)
    session = browser.get_cookie("session")
    first.extensions["deckgen_site"].close()
    assert token and session is not None
    second = _app(project)  # IT restarted the service; her page is still open
    try:
        again = second.test_client()
        again.set_cookie("session", session.value)
        sent = again.post("/ny", data={"csrf_token": token.group(1), "direktør": "mette-holm"})
        # Taken (a step is answered by the visit's page), not refused as too old.
        assert sent.status_code == 303 and "for gammel" not in sent.text
    finally:
        second.extensions["deckgen_site"].close()


def test_visit_files_deckgen_new_once_wrote_are_taken_in_once(project: Path) -> None:
    visits = project / "decks" / "visits"
    visits.mkdir()
    (visits / f"{STEM}.yaml").write_text(
        "deck:\n  library: ../blocks\n"
        "variables:\n"
        f"  omu: OMU Børn og Familie\n  dato: '{SOON}'\n  sted: Rådhuset\n"
        "  direktør: Mette Holm\n"
        "slides:\n  - titel-dialogmoede\n  - vision-model\n  - tak-for-i-dag\n",
        encoding="utf-8",
    )
    for _restart in range(2):
        app = _app(project)
        try:
            listed = app.test_client().get("/api/visits").json
        finally:
            app.extensions["deckgen_site"].close()
        assert listed["count"] == 1
    (visit,) = listed["visits"]
    assert visit["sted"] == "Rådhuset" and visit["dias"][:2] == [
        "titel-dialogmoede",
        "vision-model",
    ]
    assert "tak-for-i-dag" in visit["tilføj"] and "kkc-workshop" in visit["fjern"]


def test_twenty_changes_at_once_are_each_a_revision_or_a_clean_409(app) -> None:  # type: ignore[no-untyped-def]
    client = app.test_client()
    location = client.post("/api/visits", json=ROW).headers["Location"]

    with running(app) as base:

        def change(number: int) -> tuple[int, dict]:
            body = json.dumps({"revision": 1, "sted": f"Sted {number}"}).encode()
            request = urllib.request.Request(
                base + location,
                data=body,
                method="PATCH",
                headers={"Content-Type": "application/json"},
            )
            try:
                with urllib.request.urlopen(request, timeout=300) as answer:  # a hang, not a speed
                    return answer.status, json.loads(answer.read())
            except urllib.error.HTTPError as refused:
                return refused.code, json.loads(refused.read())

        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(change, range(20)))
    codes = sorted(code for code, _ in answers)
    assert set(codes) <= {200, 409}
    assert codes.count(200) == 1  # all based on revision 1: one wins, the rest are told
    winner = next(body for code, body in answers if code == 200)
    history = client.get(location).json["revisions"]
    assert [r["revision"] for r in history] == [1, 2]
    assert history[1]["changes"]["sted"][1] == winner["sted"]
    for code, body in answers:
        if code == 409:
            assert body["current"]["sted"] == winner["sted"]


def test_a_visit_too_long_to_build_is_refused_before_anything_is_kept(client: FlaskClient) -> None:
    first = client.post("/api/visits", json={**ROW, "sted": "Rådhuset"})
    assert first.status_code == 200
    location = first.headers["Location"]
    refused = client.post("/api/visits", json={**ROW, "sted": "x" * 25_000})
    assert refused.status_code == 422
    assert [p["field"] for p in refused.get_json()["problems"]] == ["sted"]
    kept = client.get(location).get_json()
    assert kept["revision"] == 1 and kept["sted"] == "Rådhuset"
    patched = client.patch(location, json={"revision": 1, "lokalt eksempel": "y" * 25_000})
    assert patched.status_code == 422
    assert client.get(location).get_json()["revision"] == 1


def test_a_place_that_is_a_date_that_does_not_exist_is_refused_before_anything_is_kept(
    client: FlaskClient,
) -> None:
    """A place or local example written as a date is shown the Danish way, so one that does
    not exist (`2025-02-30`) stops the build: the visit was kept, then the API answered 422
    "It did not work" (a client trying again kept it again)."""
    refused = client.post("/api/visits", json={**ROW, "sted": "2025-02-30"})
    assert refused.status_code == 422
    assert refused.get_json()["problems"] == [
        {
            "field": "sted",
            "message": "'2025-02-30' is not a real date; write it as 2025-03-12 or 12-03-2025",
        }
    ]
    assert client.get("/api/visits").get_json()["count"] == 0
    first = client.post("/api/visits", json={**ROW, "sted": "Rådhuset"})
    assert first.status_code == 200
    location = first.headers["Location"]
    patched = client.patch(location, json={"revision": 1, "lokalt eksempel": "31.02.2025"})
    assert patched.status_code == 422
    assert [p["field"] for p in patched.get_json()["problems"]] == ["lokalt eksempel"]
    assert client.get(location).get_json()["revision"] == 1


def test_her_local_example_is_shown_as_she_wrote_it(client: FlaskClient) -> None:
    from io import BytesIO

    from pptx import Presentation

    made = client.post("/api/visits", json={**ROW, "lokalt eksempel": "MARK-{{ direktør }}-END"})
    assert made.status_code == 200, made.get_data(as_text=True)
    texts = [
        shape.text_frame.text
        for slide in Presentation(BytesIO(made.data)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any("MARK-{{ direktør }}-END" in text for text in texts)
    assert not any("MARK-Mette Holm-END" in text for text in texts)


@pytest.mark.parametrize(
    "method, url, payload",
    [
        ("get", "/api/visits/99999999999999999999999", None),
        ("delete", "/api/visits/99999999999999999999", None),
        ("get", "/besoeg/99999999999999999999999", None),
        ("get", "/turne/99999999999999999999999/alle.zip", None),
    ],
)
def test_an_id_too_large_for_the_database_is_no_page(client, method, url, payload) -> None:  # type: ignore[no-untyped-def]
    answer = getattr(client, method)(url)
    # No such page; DELETE finds the list's URL pattern only, which takes no DELETE.
    assert answer.status_code in ((404, 405) if method == "delete" else (404,))


def test_numbers_too_large_for_the_database_are_refused_in_words(client: FlaskClient) -> None:
    location = client.post("/api/visits", json=ROW).headers["Location"]
    huge = 2**70
    patched = client.patch(location, json={"revision": huge, "sted": "x"})
    assert patched.status_code == 422 and patched.get_json()["problems"][0]["field"] == "revision"
    deleted = client.delete(f"{location}?revision={huge}")
    assert deleted.status_code == 400
    listed = client.get(f"/api/visits?side={huge}")
    assert listed.status_code == 200 and listed.get_json()["visits"] == []


def test_restore_takes_json_only_so_another_site_cannot_post_a_form_to_it(
    client: FlaskClient,
) -> None:
    location = client.post("/api/visits", json=ROW).headers["Location"]
    assert client.delete(location).status_code == 200
    forged = client.post(
        f"{location}/restore",
        data="",
        headers={
            "Origin": "http://evil.example",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert forged.status_code == 415
    assert client.get(location).get_json()["state"] == "deleted"
