"""Build and gate agree on text that does not fit: `deckgen build` warns about exactly the
text `deckgen check` reports, with the same severity, and text that just fits passes both."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import DEFAULT_THEME, Project

from deckgen import api
from deckgen.check import Severity, check_file
from deckgen.wording import shown

EXAMPLE = "Da vi selv planlagde sommerferien i Hjemmeplejen Syd"


def _situations(project: Project, words: int) -> None:
    example = " ".join((EXAMPLE.split() * (words // 8 + 1))[:words])
    project.blocks(
        "blocks:\n"
        "  - id: situationer\n"
        "    kind: situations\n"
        "    title: Dialog\n"
        "    items:\n"
        "      - En gang, hvor en leder traf en beslutning på vegne af medarbejderne\n"
        f"    local_example: {example}\n"
        "    question: Kender vi nogle eksempler på noget, vi allerede gør?\n"
    )
    project.deck("- situationer\n")


def _verdicts(project: Project) -> tuple[list[str], list[tuple[Severity, str]]]:
    """The build's warnings and the gate's fit findings, as messages."""
    built = api.build_deck(project.deck_path, project.output)
    checked = check_file(project.deck_path).findings
    return (
        [w.message for w in built.warnings],
        [(f.severity, f.message) for f in checked if f.check == "fit.text"],
    )


def _longest_that_builds_cleanly(project: Project) -> int:
    """The most words of local example the build fits without a warning (binary search; the
    build alone decides, the gate is asked by the tests about the answer)."""
    low, high = 10, 400
    while high - low > 1:
        middle = (low + high) // 2
        _situations(project, middle)
        warned = api.build_deck(project.deck_path, project.output).warnings
        low, high = (middle, high) if not warned else (low, middle)
    return low


def test_a_too_long_local_example_is_the_same_warning_in_build_and_check(project):
    _situations(project, 400)
    built, checked = _verdicts(project)
    assert len(built) == 1 and len(checked) == 1
    severity, message = checked[0]
    assert severity is Severity.WARNING
    assert "the text runs off the body placeholder" in built[0]
    assert "the text runs off the body placeholder" in message
    # The same measurement, in the same words.
    assert built[0].split("(needs ")[1] == message.split("(needs ")[1]
    # Shrunk to the autofit floor, and no further: the gate's 18 pt rule has nothing to say.
    autofit = project.build().slides[0].placeholders[1].text_frame._txBody.bodyPr[0]
    assert 24 * int(autofit.get("fontScale")) / 100000 >= 18
    sizes = [f for f in check_file(project.deck_path).findings if f.check.endswith("text_size")]
    assert sizes == []


def test_text_at_the_edge_of_fitting_gets_one_verdict_from_both(project):
    words = _longest_that_builds_cleanly(project)
    _situations(project, words)
    assert _verdicts(project) == ([], [])
    _situations(project, words + 1)
    built, checked = _verdicts(project)
    assert len(built) == 1
    assert [severity for severity, _ in checked] == [Severity.WARNING]


def _vision(project: Project, words: int) -> None:
    headline = " ".join(["livskvalitet"] * words)
    project.blocks(
        "blocks:\n- id: v\n  kind: vision\n  title: V\n"
        f"  headline: {headline}\n  layers: [Et lag, Et andet lag]\n"
    )
    project.deck("- v\n")


@pytest.mark.parametrize("words", [3, 40])
def test_a_card_whose_text_does_not_fit_is_a_warning_in_both(project, words):
    _vision(project, words)
    built, checked = _verdicts(project)
    assert bool(built) == bool(checked) == (words == 40)
    assert all(severity is Severity.WARNING for severity, _ in checked)


def test_a_word_wider_than_its_placeholder_is_the_same_warning_in_both(project):
    word = "Medarbejderinddragelsesprocesevalueringsrapporteringsansvarlig" * 2
    project.blocks(
        f"blocks:\n  - id: b\n    kind: bullets\n    title: Punkter\n    items: [{word}]\n"
    )
    project.deck("- b\n")
    built, checked = _verdicts(project)
    expected = (
        f"the word {shown(word)} is wider than the body placeholder and is broken in the middle"
    )
    assert [message.split(": ", 1)[1] for message in built] == [expected]
    assert checked == [(Severity.WARNING, expected)]


def _narrow_theme(folder: Path) -> Path:
    """The default theme on a copy of its template whose master keeps text 1.5 in from the
    left and right edges of every placeholder, instead of 0.1 in."""
    return _theme_with_master(
        folder,
        "smal",
        [(b'lIns="91440"', b'lIns="1371600"'), (b'rIns="91440"', b'rIns="1371600"')],
    )


def _theme_with_master(folder: Path, name: str, changes: list[tuple[bytes, bytes]]) -> Path:
    """The default theme on a copy of its template whose master has `changes` made."""
    import yaml

    from deckgen.theme import DEFAULT_THEME

    data = yaml.safe_load(DEFAULT_THEME.read_text(encoding="utf-8"))
    source = DEFAULT_THEME.parent
    master = "ppt/slideMasters/slideMaster1.xml"
    template = folder / f"{name}.pptx"
    with zipfile.ZipFile(source / data["template"]) as old, zipfile.ZipFile(template, "w") as new:
        for item in old.infolist():
            content = old.read(item)
            if item.filename == master:
                for old_text, new_text in changes:
                    content = content.replace(old_text, new_text)
            new.writestr(item, content)
    data["template"] = str(template)
    data["logo"] = str(source / data["logo"])
    data["fonts"]["files"] = {k: str(source / v) for k, v in data["fonts"]["files"].items()}
    theme = folder / f"{name}.yaml"
    theme.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return theme


def test_insets_the_master_gives_are_measured_by_build_and_check_alike(project):
    _situations(project, _longest_that_builds_cleanly(project))
    assert _verdicts(project) == ([], [])
    theme = _narrow_theme(project.root)
    text = project.deck_path.read_text(encoding="utf-8")
    project.deck_path.write_text(
        text.replace(f"theme: {DEFAULT_THEME}", f"theme: {theme}"), encoding="utf-8"
    )
    built, checked = _verdicts(project)
    body = [message for _, message in checked if "body placeholder" in message]
    assert len(built) == 1 and len(body) == 1
    assert built[0].split("(needs ")[1] == body[0].split("(needs ")[1]


def test_text_the_template_sets_in_capitals_is_measured_in_capitals(project):
    _situations(project, _longest_that_builds_cleanly(project))
    assert _verdicts(project) == ([], [])
    theme = _theme_with_master(project.root, "versaler", [(b"<a:defRPr ", b'<a:defRPr cap="all" ')])
    text = project.deck_path.read_text(encoding="utf-8")
    project.deck_path.write_text(
        text.replace(f"theme: {DEFAULT_THEME}", f"theme: {theme}"), encoding="utf-8"
    )
    built, checked = _verdicts(project)
    body = [message for _, message in checked if "body placeholder" in message]
    assert len(built) == 1 and len(body) == 1
    assert built[0].split("(needs ")[1] == body[0].split("(needs ")[1]
