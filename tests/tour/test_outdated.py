"""Keeping decks current: when a block changes, `deckgen provenance --outdated` lists the built
decks that show its older version, and `deckgen tour` rebuilds exactly those (edited decks
skipped, up-to-date decks left as they are)."""

from __future__ import annotations

import json
import re
import zipfile

from click.testing import CliRunner
from pptx import Presentation
from sample_project import write_schedule
from test_tour import GOOD, NAMES

from deckgen.cli.commands import main

BLOCK_FILE = "decks/blocks/vision.yaml"
OLD_TITLE = "title: Fremtidens velfærd"
NEW_TITLE = "title: Velfærd i fremtiden"


def _run(*args: object) -> str:
    result = CliRunner().invoke(main, [*map(str, args)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _change_block(root) -> None:
    """Give `fremtidens-velfaerd` (shown by rows 1 and 2 of GOOD, not 3) a new title."""
    path = root / BLOCK_FILE
    text = path.read_text(encoding="utf-8")
    assert OLD_TITLE in text
    path.write_text(text.replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")


def _titles(path) -> list[str]:
    return [slide.shapes.title.text for slide in Presentation(str(path)).slides]


def test_a_changed_block_lists_the_decks_showing_it_and_the_tour_rebuilds_only_those(
    sample_copy,
):
    schedule = write_schedule(sample_copy, GOOD)
    build = sample_copy / "build"
    _run("tour", schedule, "-o", build)
    assert "0 decks show an older version" in _run("provenance", build, "--outdated")

    _change_block(sample_copy)
    listed = _run("provenance", build, "--outdated")
    assert f"build/{NAMES[2]}" not in listed
    for name in NAMES[:2]:
        assert f"build/{name}" in listed
    # A to-do list a block at a time: where it is written, what it says now, which decks.
    assert listed.splitlines()[:4] == [
        "fremtidens-velfaerd (decks/blocks/vision.yaml:17:5) has changed: 2 decks show the"
        " older version",
        "  now says: Velfærd i fremtiden",
        f"  build/{NAMES[0]}, slide 3",
        f"  build/{NAMES[1]}, slide 3",
    ]
    assert "2 decks show an older version of a block or file than the project holds now" in listed
    records = json.loads(_run("provenance", build, "--outdated", "--json"))
    assert [r["slides"][0]["block"] for r in records] == ["fremtidens-velfaerd"] * 2
    assert all(r["slides"][0]["built_with"] != r["slides"][0]["now"] for r in records)

    # Deck 2 was edited since it was built: the tour leaves it, as always.
    edited = build / NAMES[1]
    prs = Presentation(str(edited))
    prs.slides[0].shapes.title.text_frame.text = "Vores eget dialogmøde"
    prs.save(str(edited))
    untouched = {name: (build / name).read_bytes() for name in (NAMES[1], NAMES[2])}

    out = _run("tour", schedule, "-o", build)
    assert "Built 1 of 3 decks" in out and "0 failed" in out
    assert "1 was already up to date" in out
    assert "1 skipped because it was edited since it was built" in out
    assert _titles(build / NAMES[0])[2] == "Velfærd i fremtiden"
    assert _titles(build / NAMES[1])[2] == "Fremtidens velfærd"
    for name, data in untouched.items():
        assert (build / name).read_bytes() == data, name
    # Only the edited deck is still behind the library, and it says so.
    listed = _run("provenance", build, "--outdated")
    assert f"build/{NAMES[1]}" in listed and f"build/{NAMES[0]}" not in listed
    assert (
        f"  build/{NAMES[1]}, slide 3 (edited since it was built: rebuilding replaces the edits)"
        in listed.splitlines()
    )


def test_a_second_tour_with_nothing_changed_builds_nothing(sample_copy):
    schedule = write_schedule(sample_copy, GOOD)
    build = sample_copy / "build"
    _run("tour", schedule, "-o", build)
    before = {name: (build / name).read_bytes() for name in NAMES}
    out = _run("tour", schedule, "-o", build)
    assert "Built 0 of 3 decks" in out
    assert "3 were already up to date" in out
    assert {name: (build / name).read_bytes() for name in NAMES} == before
    # --force builds every deck again, byte for byte the same.
    out = _run("tour", schedule, "-o", build, "--force")
    assert "Built 3 of 3 decks" in out
    assert {name: (build / name).read_bytes() for name in NAMES} == before


def test_a_removed_block_makes_its_decks_outdated(sample_copy):
    schedule = write_schedule(sample_copy, GOOD)
    build = sample_copy / "build"
    _run("tour", schedule, "-o", build)
    path = sample_copy / BLOCK_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "id: fremtidens-velfaerd", "id: velfaerd-i-fremtiden"
        ),
        encoding="utf-8",
    )
    listed = _run("provenance", build, "--outdated", "--block", "fremtidens-velfaerd")
    assert (
        "fremtidens-velfaerd is no longer in decks/blocks/vision.yaml: 2 decks still show it"
        in listed
    )
    assert "2 decks show an older version" in listed


def test_outdated_decks_are_told_in_danish(sample_copy):
    schedule = write_schedule(sample_copy, GOOD)
    build = sample_copy / "build"
    _run("tour", schedule, "-o", build)
    _change_block(sample_copy)
    listed = _run("--lang", "da", "provenance", build, "--outdated")
    assert "2 præsentationer viser en ældre udgave af en blok" in listed
    out = _run("--lang", "da", "tour", schedule, "-o", build)
    assert "var allerede opdateret" in out


def test_a_deck_whose_record_names_a_file_outside_the_project_is_outdated_unread(project, tmp_path):
    # A received deck's record is its own text: a path out of the project is never read,
    # even when a file there holds the same block.
    from test_packages import _package

    from deckgen.provenance import CUSTOM_PART

    block = "blocks:\n  - id: a\n    kind: statement\n    text: Hej\n"
    project.blocks(block)
    project.deck("- a\n")
    project.build()
    outside = tmp_path.parent / f"{tmp_path.name}-ude" / "blocks"
    outside.mkdir(parents=True)
    (outside / "blocks.yaml").write_text(block, encoding="utf-8")
    with zipfile.ZipFile(project.output) as package:
        custom = package.read(CUSTOM_PART)
    listed = _run("provenance", project.output, "--outdated", "--project", project.root)
    assert "0 decks show an older version" in listed
    for name in (str(outside / "blocks.yaml"), f"../{outside.parent.name}/blocks/blocks.yaml"):
        forged = custom.replace(b" decks/blocks/blocks.yaml<", f" {name}<".encode(), 1)
        assert forged != custom
        received = _package(
            tmp_path / "modtaget.pptx", source=project.output, edits={CUSTOM_PART: (custom, forged)}
        )
        listed = _run("provenance", received, "--outdated", "--project", project.root)
        assert "a is no longer in" in listed and "1 deck still shows it" in listed


def test_a_record_without_a_version_naming_no_file_is_outdated_not_up_to_date(project, tmp_path):
    from test_packages import _package

    from deckgen.provenance import CUSTOM_PART

    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    project.build()
    with zipfile.ZipFile(project.output) as package:
        custom = package.read(CUSTOM_PART)
    recorded = re.search(rb"a@\w+ decks/blocks/blocks.yaml", custom)
    assert recorded is not None
    # Hand-edited: no `@version`, a file that is not there; recorded "" = now "" is no match.
    forged = custom.replace(recorded.group(0), b"bare noget")
    received = _package(
        tmp_path / "modtaget.pptx", source=project.output, edits={CUSTOM_PART: (custom, forged)}
    )
    listed = _run("provenance", received, "--outdated", "--project", project.root)
    assert "bare is no longer in noget: 1 deck still shows it" in listed


def _page_visit(sample_copy):
    """A visit kept on the web page of the sample copy's `web` project (its deck made there):
    the project's folder and the visit's Danish date."""
    import datetime as dt
    import sys
    from pathlib import Path

    from deckgen.tour.dates import parse_visit_date
    from deckgen.variables import danish_date

    sys.path.insert(0, str(Path(__file__).parents[1] / "web"))
    from webapp import sample_app  # the app over this same copy

    day = parse_visit_date("12/3")
    app = sample_app(sample_copy / "web")
    try:
        row = {"dato": day, "direktør": "Mette Holm", "udvalg": "OMU Børn og Familie"}
        assert app.test_client().post("/api/visits", json=row).status_code == 200
    finally:
        app.extensions["deckgen_site"].close()
    return sample_copy / "web", danish_date(dt.date.fromisoformat(day))


def test_a_visit_s_deck_made_on_the_web_page_is_on_the_to_do_list_as_its_visit(sample_copy):
    root, date = _page_visit(sample_copy)
    assert "0 decks show an older version" in _run("provenance", "--outdated", "--project", root)
    _change_block(root)
    listed = _run("provenance", "--outdated", "--project", root).splitlines()
    assert listed[0].startswith("fremtidens-velfaerd (")
    assert listed[0].endswith("has changed: 1 deck shows the older version")
    assert f"  visit 1 on the web page: OMU Børn og Familie, {date}, Mette Holm, slide 3" in listed
    assert listed[-1].startswith("1 of them is a visit's deck made on the web page: open the")
    # The page's deck edited since (the file no longer the one recorded): marked.
    kept = next((root / ".deckgen" / "decks").rglob("*.pptx"))
    prs = Presentation(str(kept))
    prs.slides[0].shapes.title.text_frame.text = "Vores eget dialogmøde"
    prs.save(str(kept))
    listed = _run("provenance", "--outdated", "--project", root)
    assert "slide 3 (edited since it was built: rebuilding replaces the edits)" in listed
    records = json.loads(_run("provenance", "--outdated", "--project", root, "--json"))
    assert records[0]["visit"]["committee"] == "OMU Børn og Familie"


def test_a_damaged_visit_register_is_said_not_taken_for_no_decks_behind(sample_copy):
    """A register that is not a database (cut short, overwritten) was read as one without
    visits: `--outdated` said 0 decks were behind, while the page's decks were not looked at."""
    register = sample_copy / ".deckgen" / "besoeg.sqlite"
    register.parent.mkdir()
    register.write_bytes(b"SQLite format 3\0" + bytes(range(256)) * 20)
    result = CliRunner().invoke(main, ["provenance", "--outdated", "--project", str(sample_copy)])
    assert result.exit_code == 1
    said = " ".join(result.output.split())
    assert (
        "the decks made on the web page are not looked at: the visit register is damaged or is "
        "not a database; nothing was read or saved — ask IT to put back the latest backup" in said
    )
    assert "0 decks show an older version" in said  # of those looked at
    assert register.read_bytes().startswith(b"SQLite format 3\0")  # left as it was


def test_a_visit_s_page_deck_deleted_since_is_listed_when_the_visit_has_changed(sample_copy):
    """A deck the page made, deleted from `.deckgen/decks/` since (someone has the copy they
    downloaded): `--outdated` passed it over, even after a block it shows had changed."""
    root, date = _page_visit(sample_copy)
    kept = next((root / ".deckgen" / "decks").rglob("*.pptx"))
    kept.unlink()
    # Gone, but the page would make the same deck again: nothing is behind.
    assert "0 decks show an older version" in _run("provenance", "--outdated", "--project", root)
    _change_block(root)
    listed = _run("--lang", "da", "provenance", "--outdated", "--project", root).splitlines()
    assert listed[0].startswith("1 besøgs præsentation, lavet på hjemmesiden, er væk fra ")
    assert listed[1] == f"  besøg 1 på hjemmesiden: OMU Børn og Familie, {date}, Mette Holm"
    assert listed[2].startswith("1 præsentation viser en ældre udgave af en blok eller fil")
    assert listed[3].startswith("1 af dem er et besøgs præsentation, lavet på hjemmesiden")
    records = json.loads(_run("provenance", "--outdated", "--project", root, "--json"))
    assert [(r["missing"], r["visit"]["id"], r["slides"]) for r in records] == [(True, 1, [])]


def test_a_page_deck_s_path_in_a_loop_of_links_counts_as_gone_not_a_traceback(sample_copy):
    """A visit's deck on the page replaced by a link in a loop (`a.pptx` → `b.pptx` →
    `a.pptx`): `--outdated` stopped with a traceback ("Symlink loop") before it said
    anything. The deck is no file to open, so it counts as gone."""
    root, date = _page_visit(sample_copy)
    kept = next((root / ".deckgen" / "decks").rglob("*.pptx"))
    kept.unlink()
    other = kept.with_name("loop.pptx")
    kept.symlink_to(other)
    other.symlink_to(kept)
    assert "0 decks show an older version" in _run("provenance", "--outdated", "--project", root)
    _change_block(root)
    listed = _run("provenance", "--outdated", "--project", root).splitlines()
    assert listed[1] == f"  visit 1 on the web page: OMU Børn og Familie, {date}, Mette Holm"
    assert listed[2].startswith("1 deck shows an older version of a block or file")
