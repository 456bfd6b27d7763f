"""The site never goes down for content: a library saved with a mistake is not served; the last
version that was whole is, Biblioteket shows the new version's problems (located, in Danish),
and the page switches by itself when the files are whole again."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from flask.testing import FlaskClient

sys.path.insert(0, str(Path(__file__).parent))
from webapp import sample_app

from deckgen.tour.dates import parse_visit_date

ROW = {"dato": parse_visit_date("12/3"), "direktør": "Mette Holm", "udvalg": "OMU Børn og Familie"}
PAGES = ("/ny", "/bibliotek", "/turne")


@pytest.fixture
def served(tmp_path: Path):  # type: ignore[no-untyped-def]
    app = sample_app(tmp_path)
    yield app.test_client(), tmp_path / "decks"
    app.extensions["deckgen_site"].close()


def _edit(path: Path, old: str, new: str) -> str:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def _waiting(client: FlaskClient) -> list[str]:
    page = client.get("/bibliotek").text
    found = re.search(
        r'<section class="summary" aria-labelledby="venter">(.*?)</section>', page, re.S
    )
    return re.findall(r'<li class="error">(.*?)</li>', found.group(1)) if found else []


def test_a_typo_in_the_profiles_leaves_every_page_and_the_api_working(served) -> None:  # type: ignore[no-untyped-def]
    client, decks = served
    profiles = decks / "tour" / "direktoerer.yaml"
    whole = _edit(profiles, "    name: Mette Holm", "    navn: Mette Holm")
    for page in PAGES:
        assert client.get(page).status_code == 200, page
    assert client.post("/api/visits", json=ROW).status_code == 200
    (problem,) = _waiting(client)
    assert re.match(
        r".*direktoerer\.yaml:\d+:5: director &#39;mette-holm&#39;, navn: unknown field", problem
    )
    assert "write `name:` instead" in problem
    profiles.write_text(whole, encoding="utf-8")
    assert _waiting(client) == []


def test_a_deleted_block_the_standard_deck_shows_does_not_refuse_the_visits(served) -> None:  # type: ignore[no-untyped-def]
    client, decks = served
    blocks = decks / "blocks" / "vejen-videre.yaml"
    whole = blocks.read_text(encoding="utf-8")
    blocks.unlink()
    assert client.post("/api/visits", json=ROW).status_code == 200
    waiting = _waiting(client)
    assert any("omu-dialogmoede.yaml" in p and "vejen-videre" in p for p in waiting), waiting
    blocks.write_text(whole, encoding="utf-8")
    assert _waiting(client) == []


def test_a_signature_or_author_naming_nothing_is_shown_not_a_500(served) -> None:  # type: ignore[no-untyped-def]
    client, decks = served
    _edit(decks / "tour" / "direktoerer.yaml", "[hilsen-mette-holm]", "[hilsen-mette-holmm]")
    _edit(decks / "blocks" / "direktion.yaml", "author: lars-kjaergaard", "author: lars-kjargaard")
    assert client.get("/bibliotek").status_code == 200
    waiting = _waiting(client)
    assert any("hilsen-mette-holmm" in p and "did you mean" in p for p in waiting), waiting
    assert any("direktion.yaml" in p and "lars-kjargaard" in p for p in waiting), waiting
    assert client.post("/api/visits", json=ROW).status_code == 200


def test_a_library_with_errors_from_the_start_gets_a_page_saying_what_to_fix(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sample_project import copy_sample

    from deckgen.web.app import create_app

    copy_sample(tmp_path)
    profiles = tmp_path / "decks" / "tour" / "direktoerer.yaml"
    whole = _edit(profiles, "    name: Mette Holm", "    navn: Mette Holm")
    app = create_app(profiles, scratch=tmp_path / "scratch")
    try:
        client = app.test_client()
        response = client.get("/ny")
        assert response.status_code == 503
        assert "Biblioteket har fejl" in response.text or "The library has errors" in response.text
        assert "navn" in response.text and "direktoerer.yaml" in response.text
        profiles.write_text(whole, encoding="utf-8")
        assert client.get("/ny").status_code == 200
    finally:
        app.extensions["deckgen_site"].close()


def test_drafts_and_retired_blocks_are_not_offered_and_say_where_they_are_used(served) -> None:  # type: ignore[no-untyped-def]
    client, decks = served
    _edit(
        decks / "blocks" / "ledelse.yaml",
        "  - id: meget-mere-ledelse\n",
        "  - id: meget-mere-ledelse\n    status: udgået\n",
    )
    with (decks / "blocks" / "kladder.yaml").open("w", encoding="utf-8") as file:
        file.write(
            "blocks:\n  - id: ny-afslutning\n    kind: closing\n    title: Tak for i dag!\n    status: kladde\n"
        )
    page = client.get("/ny").text
    assert 'value="tilføj:ny-afslutning"' not in page
    assert 'value="tilføj:meget-mere-ledelse"' not in page
    library = client.get("/bibliotek").text
    assert "Kladde – kun synlig for kommunikation" in library
    assert "Udgået – tilbydes ikke til nye besøg" in library
    assert "omu-dialogmoede.yaml" in library  # where the retired block is still used
    refused = client.post("/api/visits", json={**ROW, "tilføj": "ny-afslutning"})
    assert refused.status_code == 422
    assert "draft" in refused.get_json()["problems"][0]["message"]
    assert client.post("/api/visits", json=ROW).status_code == 200  # old visits still build


def _slide_texts(data: bytes) -> list[str]:
    import io

    from pptx import Presentation

    return [
        " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in Presentation(io.BytesIO(data)).slides
    ]


def test_a_tour_builds_with_the_last_good_library_while_a_block_file_is_half_edited(served) -> None:  # type: ignore[no-untyped-def]
    import io
    import time

    client, decks = served
    assert client.get("/turne").status_code == 200  # the library served, checked whole
    # Saved half-way: the new wording, and a field misspelt on the way.
    _edit(
        decks / "blocks" / "vejen-videre.yaml",
        "    title: Vejen videre – virkemidler\n",
        "    title: Vejen frem\n    undertitel: halvt skrevet\n",
    )
    page = client.get("/turne").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    plan = f"dato;direktør;udvalg\n{ROW['dato']};Mette Holm;OMU Børn og Familie\n"
    answer = client.post(
        "/turne",
        data={"csrf_token": token.group(1), "plan": (io.BytesIO(plan.encode()), "plan.csv")},
    )
    assert answer.status_code == 303, answer.text
    run = answer.location
    assert "Fejl – bliver ikke lavet" not in client.get(run).text
    assert client.post(f"{run}/lav", data={"csrf_token": token.group(1)}).status_code == 303
    while client.get(f"{run}/status").get_json()["state"] == "running":
        time.sleep(0.05)  # the tour runs in a thread of its own: wait until it is done
    done = client.get(run).text
    assert "1 af 1 besøg er lavet" in done, done
    deck = client.get(f"{run}/1")
    assert deck.status_code == 200
    texts = " ".join(_slide_texts(deck.data))
    assert "Vejen videre – virkemidler" in texts and "Vejen frem" not in texts
    # Communication sees why the new wording is not served yet.
    waiting = _waiting(client)
    assert any("vejen-videre.yaml" in p and "undertitel" in p for p in waiting), waiting


def test_a_warning_in_the_library_s_files_goes_to_biblioteket_not_to_the_secretary(served) -> None:  # type: ignore[no-untyped-def]
    from deckgen.web.rows import make_visit

    client, decks = served
    with (decks / "blocks" / "ekstra.yaml").open("w", encoding="utf-8") as file:
        file.write(
            "blocks:\n  - id: organisation-ekstra\n    kind: slide\n"
            "    file: ../../assets/slides/direktion-2025.pptx\n    slide: Organisationen\n"
            "    alt_text: [" + ", ".join(f"tekst {n}" for n in range(20)) + "]\n"
        )
    assert client.get("/bibliotek").status_code == 200  # served: the check draws no visit with it
    site = client.application.extensions["deckgen_site"]
    fields = {**ROW, "tilføj": ["organisation-ekstra"]}
    made = make_visit(fields, site)  # what the page does for a preview or a download
    assert made.ok and made.data
    assert made.warnings == []  # nothing she can do about a block's alt texts
    page = client.get("/bibliotek").text
    assert re.search(r'<li class="note">[^<]*ekstra\.yaml:\d+:\d+: [^<]*alt_text', page), page
