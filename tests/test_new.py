"""`deckgen new`: a secretary answers a few questions and gets the deck file and the deck."""

from __future__ import annotations

from click.testing import CliRunner
from pptx import Presentation
from sample_project import write_schedule

from deckgen.cli.commands import main
from deckgen.provenance import read_provenance
from deckgen.source import read_yaml
from deckgen.tour.run import run_tour

STEM = "2025-03-12_mette-holm_omu-boern-og-familie"
ANSWERS = [
    "2",  # Mette Holm
    "1",  # OMU Børn og Familie
    "12-03-2025",
    "Rådhuset",
    "tak-for-i-dag",
    "kkc-workshop",
    "Da vi selv lagde sommerplanen",
    "",  # yes, make it
]


def _new(answers, *args):
    text = "\n".join(answers) + "\n"
    # `new` is asked in Danish, as a secretary meets it.
    return CliRunner().invoke(
        main, ["--lang", "da", "new", *args], input=text, catch_exceptions=False
    )


def test_new_asks_step_by_step_and_writes_and_builds_the_deck(sample_copy):
    result = _new(ANSWERS)
    assert result.exit_code == 0, result.output
    assert "1) Søren Bæk Nielsen – Kommunaldirektør" in result.output
    assert "Direktør (nummer eller navn) [1]:" in result.output
    assert f"Gemt: decks/visits/{STEM}.yaml" in result.output
    assert f"Gemt: build/{STEM}.pptx (19 dias)" in result.output
    deck = read_yaml(sample_copy / "decks" / "visits" / f"{STEM}.yaml").data
    assert "theme" not in deck["deck"]  # the default theme, as the sample deck's
    assert deck["deck"]["library"] == "../blocks"
    assert deck["variables"]["omu"] == "OMU Børn og Familie"
    assert deck["variables"]["dato"] == "2025-03-12"
    assert "kkc-workshop" not in deck["slides"]
    assert deck["slides"][-1] == "tak-for-i-dag"
    prs = Presentation(str(sample_copy / "build" / f"{STEM}.pptx"))
    assert prs.core_properties.author == "Mette Holm"


def test_a_project_theme_is_written_relative_to_the_new_deck_file(sample_copy):
    # The sample deck uses the packaged theme; a project with its own keeps it in new decks.
    from deckgen.theme import DEFAULT_THEME

    look = sample_copy / "look"
    look.mkdir()
    for path in DEFAULT_THEME.parent.iterdir():
        (look / path.name).write_bytes(path.read_bytes())
    text = (look / "kommune.yaml").read_text(encoding="utf-8")
    fonts = DEFAULT_THEME.parent.parent / "fonts"
    (look / "kommune.yaml").write_text(text.replace("../fonts/", f"{fonts}/"), encoding="utf-8")
    sample = sample_copy / "decks" / "omu-dialogmoede.yaml"
    sample.write_text(
        sample.read_text(encoding="utf-8").replace(
            "deck:\n", "deck:\n  theme: ../look/kommune.yaml\n", 1
        ),
        encoding="utf-8",
    )
    result = _new(ANSWERS)
    assert result.exit_code == 0, result.output
    deck = read_yaml(sample_copy / "decks" / "visits" / f"{STEM}.yaml").data
    assert deck["deck"]["theme"] == "../../look/kommune.yaml"


def test_new_gives_the_same_deck_as_the_tour_row(sample_copy):
    assert _new(ANSWERS).exit_code == 0
    schedule = write_schedule(
        sample_copy,
        "2025-03-12;Mette Holm;OMU Børn og Familie;Rådhuset;tak-for-i-dag;kkc-workshop;"
        "Da vi selv lagde sommerplanen\n",
    )
    run_tour(schedule, sample_copy / "tour", jobs=1)
    made = read_provenance(sample_copy / "build" / f"{STEM}.pptx")
    toured = read_provenance(sample_copy / "tour" / f"{STEM}.pptx")
    assert made.slides == toured.slides
    assert made.variables == toured.variables
    mine, theirs = (
        Presentation(str(sample_copy / d / f"{STEM}.pptx")).slides for d in ("build", "tour")
    )
    assert len(mine) == len(theirs) == 19
    for ours, tour in zip(mine, theirs, strict=True):
        assert _texts(ours) == _texts(tour)


def _texts(slide):
    return [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]


def test_a_wrong_answer_is_asked_again(sample_copy):
    answers = [
        "9",
        "mette holm",
        "41",
        "OMU Nyt Udvalg",
        "omu børn og famile",
        "OMU  børn og FAMILIE",
        "2025-02-30",
        "2025-04-01",
        "",
        "vejen-vidre",
        "",
        "",
        "",
        "",
    ]
    result = _new(answers)
    assert result.exit_code == 0, result.output
    # The questions are in Danish, and so is what they say to a wrong answer.
    assert "Fejl: '9' er hverken et af numrene 1–6 eller et navn ovenfor" in result.output
    assert "Fejl: der er intet udvalg nummer 41" in result.output
    assert "Fejl: '2025-02-30' er ikke en rigtig dato" in result.output
    assert "Fejl: 'vejen-vidre' er ikke en af blokkene — mente du 'vejen-videre'?" in (
        result.output
    )
    assert "Fejl: 'OMU Nyt Udvalg' står ikke på udvalgslisten — udvalgene står i" in (result.output)
    assert "'omu børn og famile' står ikke på udvalgslisten — mente du 'OMU Børn og" in (
        result.output
    )
    # Case and spacing do not matter; the register's spelling goes onto the slides.
    assert "Gemt: build/2025-04-01_mette-holm_omu-boern-og-familie.pptx" in result.output


def test_new_does_not_overwrite_a_deck_file_unless_told(sample_copy):
    assert _new(ANSWERS).exit_code == 0
    deck_file = sample_copy / "decks" / "visits" / f"{STEM}.yaml"
    deck_file.write_text(
        deck_file.read_text(encoding="utf-8") + "# min rettelse\n", encoding="utf-8"
    )
    before = deck_file.read_bytes()
    refused = _new([*ANSWERS, "n"])
    assert refused.exit_code == 0
    assert "Intet skrevet: filen er uændret." in refused.output
    assert deck_file.read_bytes() == before
    assert _new([*ANSWERS, "ja"]).exit_code == 0
    assert (deck_file.parent / f"{STEM}.yaml.bak").read_bytes() == before


def test_new_writes_nothing_when_the_build_would_be_refused(sample_copy):
    target = sample_copy / "build" / f"{STEM}.pptx"
    target.parent.mkdir()
    target.write_bytes(b"a file deckgen did not make")
    result = _new(ANSWERS)
    assert result.exit_code == 1
    assert f"Fejl: build/{STEM}.pptx: der ligger allerede en fil, som deckgen ikke har lavet" in (
        result.output
    )
    assert "Gemt" not in result.output
    assert not (sample_copy / "decks" / "visits").exists()
    assert target.read_bytes() == b"a file deckgen did not make"


def test_new_keeps_visit_decks_out_of_the_sample_decks(sample_copy):
    assert _new(ANSWERS).exit_code == 0
    assert sorted(p.name for p in (sample_copy / "decks").glob("*.yaml")) == [
        "omu-dialogmoede.yaml"
    ]
    rebuilt = CliRunner().invoke(
        main, ["build", f"decks/visits/{STEM}.yaml", "-o", "build/igen.pptx"]
    )
    assert rebuilt.exit_code == 0, rebuilt.output


def test_a_link_where_the_visit_file_goes_is_refused_not_followed(sample_copy, tmp_path):
    """`decks/visits/<visit>.yaml` as a link to another file: answering yes to replacing it
    kept a hard link to the file it pointed at as the backup and replaced the link."""
    outside = tmp_path / "outside.yaml"
    outside.write_text("# not a deck\n", encoding="utf-8")
    visits = sample_copy / "decks" / "visits"
    visits.mkdir()
    link = visits / f"{STEM}.yaml"
    link.symlink_to(outside)
    result = CliRunner().invoke(main, ["new"], input="\n".join([*ANSWERS, "y", "y"]) + "\n")
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.output
    assert "Traceback" not in result.output
    assert link.is_symlink()
    assert outside.read_text(encoding="utf-8") == "# not a deck\n"
    assert sorted(p.name for p in visits.iterdir()) == [f"{STEM}.yaml"]
    assert not (sample_copy / "build" / f"{STEM}.pptx").exists()
