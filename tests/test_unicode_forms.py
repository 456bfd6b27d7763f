"""One form of each letter (NFC) at every input: an "å" pasted from a Mac ("a" and a
combining ring) is the "å" of the register, the profiles and the files (issue 24)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from click.testing import CliRunner
from pictures import two_tone
from sample_project import write_schedule

from deckgen.cli.commands import main

COMMITTEE = "OMU Plejecentrene Solgården og Åparken"
MAC = unicodedata.normalize("NFD", COMMITTEE)


def test_the_mac_form_of_a_name_is_the_same_name_in_a_schedule_set_and_web_form(
    sample_copy: Path,
) -> None:
    assert MAC != COMMITTEE
    header = unicodedata.normalize("NFD", "dato;direktør;udvalg\n")
    schedule = write_schedule(sample_copy, f"2025-03-12;Mette Holm;{MAC}\n")
    schedule.write_text(header + schedule.read_text("utf-8").split("\n", 1)[1], "utf-8")
    toured = CliRunner().invoke(main, ["tour", str(schedule), "-o", str(sample_copy / "build")])
    assert toured.exit_code == 0, toured.output
    assert "solgaarden" in " ".join(p.name for p in (sample_copy / "build").iterdir())
    built = CliRunner().invoke(
        main,
        ["build", "decks/omu-dialogmoede.yaml", "-o", "build/a.pptx", "--set", f"omu={MAC}"],
    )
    assert built.exit_code == 0, built.output

    sys.path.insert(0, str(Path(__file__).parent / "web"))
    from webapp import sample_app

    app = sample_app(sample_copy / "web")
    try:
        row = {"dato": "2025-03-12", "direktør": "Mette Holm", "udvalg": MAC}
        answer = app.test_client().post("/api/visits", json=row)
        assert answer.status_code == 200, answer.get_json()
    finally:
        app.extensions["deckgen_site"].close()


def test_a_picture_named_in_the_mac_form_is_found_by_the_name_written_in_a_block(
    project,
) -> None:
    folder = project.root / "assets"
    folder.mkdir()
    two_tone(40, 20).save(folder / unicodedata.normalize("NFD", "båd.png"), format="PNG")
    project.blocks(
        "blocks:\n  - id: billede\n    kind: image\n    title: Båden\n"
        "    file: ../../assets/båd.png\n    alt_text: En båd\n"
    )
    project.deck("- billede\n")
    built = CliRunner().invoke(main, ["build", str(project.deck_path), "-o", str(project.output)])
    assert built.exit_code == 0, built.output


def test_a_block_file_written_on_a_mac_matches_its_ids_and_variables(project) -> None:
    text = "blocks:\n  - id: hilsen\n    kind: statement\n    text: Hej {{ område }}\n"
    project.blocks(unicodedata.normalize("NFD", text))
    project.deck("- hilsen\n", variables="område: Nord\n")
    built = CliRunner().invoke(main, ["build", str(project.deck_path), "-o", str(project.output)])
    assert built.exit_code == 0, built.output
