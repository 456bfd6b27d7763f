"""`deckgen new`: a secretary answers a few questions; the visit is kept in the register and
its deck built, the same deck the web page, the API and the tour make of it."""

from __future__ import annotations

from click.testing import CliRunner
from pptx import Presentation
from sample_project import write_schedule

from deckgen import api
from deckgen.cli.commands import main
from deckgen.tour.dates import parse_visit_date

SOON = parse_visit_date("12/3")
"""The next 12 March: a date `new` takes without asking whether it is right."""
STEM = f"{SOON}_mette-holm_omu-boern-og-familie"
ANSWERS = [
    "2",  # Mette Holm
    "1",  # OMU Børn og Familie
    "12/3",
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


def _kept(sample_copy):
    register = api.open_register(sample_copy)
    try:
        return register.find((SOON, "mette-holm", "OMU Børn og Familie")), register
    finally:
        register.close()


def test_new_asks_step_by_step_keeps_the_visit_and_builds_the_deck(sample_copy):
    result = _new(ANSWERS)
    assert result.exit_code == 0, result.output
    assert "1) Søren Bæk Nielsen – Kommunaldirektør" in result.output
    assert "Direktør (nummer eller navn) [1]:" in result.output
    assert "Gemt som besøg 1 i besøgsregistret" in result.output
    assert f"Gemt: build/{STEM}.pptx (19 dias)" in result.output
    kept, register = _kept(sample_copy)
    assert kept is not None
    assert kept.record.place == "Rådhuset"
    assert kept.record.extra == ("tak-for-i-dag",) and kept.record.drop == ("kkc-workshop",)
    assert kept.record.local_example == "Da vi selv lagde sommerplanen"
    history = register.history(kept.id)
    assert [r.action for r in history] == ["created"] and history[0].who == api.system_user()
    assert register.decks(kept.id)[0].file.endswith(f"{STEM}.pptx")
    # No deck file is written beside the director's deck (and no .bak left) any more.
    assert not (sample_copy / "decks" / "visits").exists()
    prs = Presentation(str(sample_copy / "build" / f"{STEM}.pptx"))
    assert prs.core_properties.author == "Mette Holm"


def test_an_unlikely_date_is_named_in_words_and_must_be_confirmed(sample_copy):
    answers = [*ANSWERS[:2], "12. marts 12", "n", "12/3/1999", "12/3", *ANSWERS[3:]]
    result = _new(answers)
    assert result.exit_code == 0, result.output
    assert (
        "Datoen læses som mandag 12. marts 2012, mere end et år siden. Er det rigtigt? [j/N]: n"
        in result.output
    )
    assert "Fejl: datoen læses som fredag 12. marts 1999, før år 2000" in result.output
    assert f"Gemt: build/{STEM}.pptx" in result.output


def test_a_second_new_of_the_same_visit_is_a_revision_not_a_copy(sample_copy):
    assert _new(ANSWERS).exit_code == 0
    changed = [*ANSWERS[:3], "Kantinen", *ANSWERS[4:]]
    result = _new(changed)
    assert result.exit_code == 0, result.output
    assert "Gemt som version 2 af besøg 1 i besøgsregistret" in result.output
    kept, register = _kept(sample_copy)
    assert kept.record.place == "Kantinen"
    assert [r.changes for r in register.history(kept.id)][1] == {"sted": ["Rådhuset", "Kantinen"]}


def test_new_gives_the_same_deck_as_the_tour_row(sample_copy):
    assert _new(ANSWERS).exit_code == 0
    schedule = write_schedule(
        sample_copy,
        f"{SOON};Mette Holm;OMU Børn og Familie;Rådhuset;tak-for-i-dag;kkc-workshop;"
        "Da vi selv lagde sommerplanen\n",
    )
    api.build_tour(schedule, sample_copy / "tour", jobs=1)
    made = (sample_copy / "build" / f"{STEM}.pptx").read_bytes()
    assert made == (sample_copy / "tour" / f"{STEM}.pptx").read_bytes()


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
        "1/4",
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
    first_of_april = parse_visit_date("1/4")
    assert f"Gemt: build/{first_of_april}_mette-holm_omu-boern-og-familie.pptx" in result.output


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
    assert _kept(sample_copy)[0] is None  # nor kept in the register
    assert target.read_bytes() == b"a file deckgen did not make"


def test_a_kept_visit_exports_as_a_deck_file_that_builds(sample_copy):
    assert _new(ANSWERS).exit_code == 0
    exported = CliRunner().invoke(main, ["visits", "export", "1"])
    assert exported.exit_code == 0, exported.output
    deck_file = sample_copy / "decks" / "visits" / f"{STEM}.yaml"
    assert f"decks/visits/{STEM}.yaml" in exported.output
    again = CliRunner().invoke(main, ["--lang", "en", "visits", "export", "1"])
    assert again.exit_code == 1 and "--force" in again.output
    rebuilt = CliRunner().invoke(
        main, ["build", f"decks/visits/{STEM}.yaml", "-o", "build/igen.pptx"]
    )
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "Rådhuset" in deck_file.read_text(encoding="utf-8")


def test_a_link_where_the_exported_deck_file_goes_is_refused_not_followed(sample_copy, tmp_path):
    """`decks/visits/<visit>.yaml` as a link to another file is never written through."""
    assert _new(ANSWERS).exit_code == 0
    outside = tmp_path / "outside.yaml"
    outside.write_text("# not a deck\n", encoding="utf-8")
    visits = sample_copy / "decks" / "visits"
    visits.mkdir()
    link = visits / f"{STEM}.yaml"
    link.symlink_to(outside)
    result = CliRunner().invoke(main, ["--lang", "en", "visits", "export", "1", "--force"])
    assert result.exit_code == 1, result.output
    assert "symbolic link" in result.output
    assert "Traceback" not in result.output
    assert link.is_symlink()
    assert outside.read_text(encoding="utf-8") == "# not a deck\n"
    assert sorted(p.name for p in visits.iterdir()) == [f"{STEM}.yaml"]


def test_a_directors_name_with_a_line_break_stays_in_the_exported_files_comment(sample_copy):
    """A line break in a name from the profiles would end the deck file's first comment and
    start YAML of its own: the name is written on one line, escaped."""
    profiles = sample_copy / "decks" / "tour" / "direktoerer.yaml"
    text = profiles.read_text(encoding="utf-8")
    profiles.write_text(
        text.replace("name: Mette Holm", 'name: "Mette Holm\\nslides: []"', 1), encoding="utf-8"
    )
    assert _new(ANSWERS).exit_code == 0
    exported = CliRunner().invoke(main, ["visits", "export", "1"])
    assert exported.exit_code == 0, exported.output
    written = next((sample_copy / "decks" / "visits").glob("*.yaml")).read_text(encoding="utf-8")
    assert "\nslides: []" not in written
    assert written.splitlines()[1].startswith("# Mette Holm\\nslides: []s besøg hos")
