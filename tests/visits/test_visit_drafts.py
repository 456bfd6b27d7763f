"""What the page keeps beside the visits in the register: drafts (work not yet saved in a
visit) and the web tour's runs; and the visit service's answers the page relies on: a block
shown twice keeps both places, and a new committee is taken once she confirms it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sample_project import copy_sample

from deckgen.tour.visits import entry_id
from deckgen.visits.drafts import Drafts
from deckgen.visits.register import open_register
from deckgen.visits.service import Project, read_visit

VISIT = {"dato": "12/3", "direktør": "birgitte-oestergaard", "udvalg": "OMU Børn og Familie"}


def test_a_draft_is_kept_changed_set_aside_and_brought_back(tmp_path: Path) -> None:
    register = open_register(tmp_path)
    try:
        drafts = Drafts(register)
        first = drafts.save(None, {"udvalg": "OMU Bø"}, "sekretær")
        again = drafts.save(first.id, {"udvalg": "OMU Børn"}, "sekretær")
        assert again.id == first.id and again.state == {"udvalg": "OMU Børn"}
        assert [d.id for d in drafts.new_visits()] == [first.id]
        drafts.drop(first.id)
        assert drafts.new_visits() == []
        drafts.drop(first.id, undo=True)
        assert drafts.new_visits()[0].state == {"udvalg": "OMU Børn"}
        # A draft of a visit is found by the visit.
        other = drafts.save(None, {"dato": "31/2"}, "sekretær", visit_id=7, base=3)
        assert drafts.for_visit(7) == other and drafts.with_visits() == {7: other}
    finally:
        register.close()


def test_a_draft_survives_the_register_being_opened_again(tmp_path: Path) -> None:
    register = open_register(tmp_path)
    kept = Drafts(register).save(None, {"sted": "Rådhuset"}, "sekretær")
    register.close()
    register = open_register(tmp_path)  # the server started again
    try:
        assert Drafts(register).get(kept.id).state == {"sted": "Rådhuset"}
    finally:
        register.close()


def test_a_tour_run_is_kept_with_its_rows(tmp_path: Path) -> None:
    register = open_register(tmp_path)
    try:
        drafts = Drafts(register)
        run = drafts.add_run("sekretær", "foraar.xlsx", "checked", {"rows": [{"row": 2}]})
        drafts.update_run(run.id, "done", {"rows": [{"row": 2, "status": "built"}]})
        assert drafts.run(run.id).state == "done"
        assert [r.filename for r in drafts.runs()] == ["foraar.xlsx"]
    finally:
        register.close()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    copy_sample(tmp_path)
    profiles = tmp_path / "decks" / "tour" / "direktoerer.yaml"
    # Birgitte Østergaard's deck shows the vision twice: early, and again before the close.
    text = profiles.read_text(encoding="utf-8").replace(
        "      - dialog-situationer\n      - vejen-videre\n",
        "      - dialog-situationer\n      - vision-model\n      - vejen-videre\n",
        1,
    )
    profiles.write_text(text, encoding="utf-8")
    return Project.load(profiles)


def test_a_block_shown_twice_keeps_both_places_when_the_order_is_chosen(project: Project) -> None:
    ids = [entry_id(e) for e in read_visit(VISIT, project).planned.data["slides"]]
    assert ids.count("vision-model") == 2
    order = list(ids)
    last = order.index("vejen-videre")
    order[last - 1], order[last] = order[last], order[last - 1]  # the second vision moves down
    checked = read_visit({**VISIT, "dias": order}, project)
    assert [entry_id(e) for e in checked.planned.data["slides"]] == order
    assert checked.record.slides == tuple(order)


def test_a_committee_outside_the_register_is_used_once_she_confirms_it(project: Project) -> None:
    new = {**VISIT, "udvalg": "OMU Nyt Botilbud"}
    asked = read_visit(new, project)
    assert not asked.ok and [d.field for d in asked.doubts] == ["udvalg"]
    assert asked.doubts[0].confirm
    confirmed = read_visit(new, project, confirmed=["udvalg"])
    assert confirmed.ok and confirmed.record.committee == "OMU Nyt Botilbud"
