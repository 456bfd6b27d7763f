"""Real old presentations nobody here made (tests/corpus/decks/manifest.toml): each imports and
builds as generated, in the default theme and in one drafted by `deckgen theme init`, with no
traceback; the built decks pass the Open XML SDK's validator; every text line of an original
slide is on the slide it became; a slide kept in its own look looks as it did, pixel for pixel;
and `deckgen check` on an import is a short list of things to do.

The counts are printed (`pytest -s`), and `python tests/importer/deck_corpus.py` prints the table.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from deck_corpus import (
    Outcome,
    at_hand,
    corpus,
    drafted_theme,
    keep_all_source,
    missing_lines,
    run,
    slide_lines,
    table,
)
from office import require_office
from ooxml_sdk import require_validator, sdk_errors
from PIL import Image, ImageChops, ImageStat
from renders import changed_share

from deckgen.render.resize import Fit

pytestmark = pytest.mark.slow

DECKS = corpus()
TARGET = 0.9
"""The share of the corpus that must import and build with no hand edits, in each theme."""


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> list[Outcome]:
    here = at_hand()
    if not here:
        # Fetched data is never committed, and the registries' files come with
        # `python tools/corpus.py` (.ci/run calls it): without either there is nothing to measure.
        pytest.skip(
            "no file of the deck corpus is here: run `python tools/corpus.py`, or put the "
            "files tests/corpus/decks/manifest.toml lists in tests/corpus/decks/"
        )
    folder = tmp_path_factory.mktemp("corpus")
    theme = drafted_theme(folder)
    found = []
    for number, deck in enumerate(here):
        found.append(run(deck, folder / f"{number}-default"))
        found.append(run(deck, folder / f"{number}-drafted", theme))
    print(f"\n{len(here)} of {len(DECKS)} presentations at hand\n" + table(found))
    return found


def test_the_corpus_is_varied_as_the_issue_asks():
    assert len(DECKS) >= 15
    made = " ".join(deck.made_with for deck in DECKS)
    for maker in ("PowerPoint", "for Mac", "LibreOffice", "Google Slides"):
        assert maker in made, maker
    sizes = " ".join(deck.size for deck in DECKS)
    for size in ("4:3", "A4", "16:9"):
        assert size in sizes, size
    holds = " ".join(deck.holds for deck in DECKS)
    for what in ("table", "chart", "linked", "SmartArt", "group", "notes", "http", "code"):
        assert what in holds, what
    assert all(deck.source and deck.licence for deck in DECKS)
    # Those CI downloads itself: from a package pinned in tests/corpus/registry.toml.
    assert sum(bool(deck.registry) for deck in DECKS) >= 15
    assert all(deck.expect in ("builds", "refused", "fails") for deck in DECKS)


def test_each_presentation_does_what_the_manifest_expects(outcomes):
    expected = {deck.file: deck.expect for deck in DECKS}
    wrong = []
    for outcome in outcomes:
        expect = expected[outcome.deck]
        if expect == "builds" and not outcome.ok:
            wrong.append(f"{outcome.deck} ({outcome.theme}) does not build: {outcome.refusal}")
        if expect == "refused" and (outcome.ok or outcome.crash):
            wrong.append(f"{outcome.deck} ({outcome.theme}) is not refused")
    assert not wrong, "\n".join(wrong)


def test_every_presentation_imports_and_builds_as_generated_with_no_traceback(outcomes):
    crashes = [f"{o.deck} ({o.theme}):\n{o.crash}" for o in outcomes if o.crash]
    assert not crashes, "\n".join(crashes)
    for theme in ("default", "drafted"):
        ran = [o for o in outcomes if o.theme == theme]
        good = [o for o in ran if o.ok]
        assert len(good) >= TARGET * len(ran), table(ran)


def test_only_slides_carrying_active_content_are_left_out_and_each_is_named(outcomes):
    for outcome in outcomes:
        assert outcome.slides == len(outcome.numbers) + len(outcome.left_out), outcome.deck
        for note in outcome.left_out:
            assert note.startswith("slide "), note
            # An OLE object, an embedded document, or a link to a file beside the deck.
            assert any(why in note for why in ("OLE", "embedded", "outside the file")), note


def test_the_built_decks_pass_the_open_xml_sdk_validator(outcomes):
    require_validator()
    built = [o.pptx for o in outcomes if o.pptx is not None]
    errors = sdk_errors(built)
    assert not any(errors.values()), {name: found[:3] for name, found in errors.items() if found}


def test_every_text_line_of_an_original_slide_is_on_the_slide_it_became(outcomes):
    sources = {deck.file: deck.path for deck in DECKS}
    lost = []
    for outcome in outcomes:
        if outcome.pptx is None:
            continue
        original = slide_lines(sources[outcome.deck])
        rebuilt = slide_lines(outcome.pptx)
        for place, number in enumerate(outcome.numbers):
            for line in missing_lines(original[number - 1], rebuilt[place]):
                lost.append(f"{outcome.deck} ({outcome.theme}) slide {number}: {line!r}")
    assert not lost, "\n".join(lost[:40]) + f"\n({len(lost)} lines in all)"


PAGE = 20
"""The most lines of things to do `deckgen check` may give for one imported presentation."""


def test_check_on_an_import_is_at_most_a_page_of_things_to_do(outcomes):
    from deckgen import api
    from deckgen.check.todo import todo

    lengths = []
    for outcome in outcomes:
        if outcome.theme == "default" and outcome.deck_file is not None:
            report = api.check_decks([outcome.deck_file])[0]
            causes = todo(report.findings)
            lengths.append((len(causes), len(report.findings), outcome.deck))
    lengths.sort(reverse=True)
    print("\nthings to do (causes, findings) per import, most first:", lengths[:5])
    assert all(causes <= PAGE for causes, _findings, _deck in lengths), lengths


def test_a_slide_kept_in_its_own_look_looks_as_it_did(outcomes, tmp_path):
    require_office()
    sources = {deck.file: deck.path for deck in DECKS}
    same, fitted = [], []
    for outcome in _kept_slides_to_compare(outcomes):
        folder = tmp_path / outcome.deck
        kept = keep_all_source(outcome, folder)
        before = _render(sources[outcome.deck], folder / "before")
        after = _render(kept, folder / "after")
        assert len(after) == len(outcome.numbers)
        for place, number in enumerate(outcome.numbers):
            if not outcome.reused[place]:
                continue
            old, new = before[number - 1], after[place]
            where = f"{outcome.deck} slide {number} ({outcome.theme})"
            if abs(old.width / old.height - new.width / new.height) < 0.01:
                same.append((changed_share(old.resize(new.size), new), where))
            else:
                fitted.append((_fitted_difference(old, new), where))
    same.sort(reverse=True)
    fitted.sort(reverse=True)
    print(f"\nkept slides of the theme's size: {len(same)}; most changed: {same[:3]}")
    print(f"kept slides fitted to the theme's size: {len(fitted)}; most changed: {fitted[:3]}")
    # The corpus at hand may have none of one sort (CI has only the registries' files).
    assert same or fitted
    # The same size: pixel for pixel, but for anti-aliasing and a font's hinting.
    assert all(share < 0.05 for share, _ in same), same[:10]
    # Fitted: scaled and centred, a background picture stretched to the new slide: as a
    # thumbnail, the slide the same.
    assert all(difference < 0.08 for difference, _ in fitted), fitted[:10]


def _kept_slides_to_compare(outcomes: list[Outcome]) -> list[Outcome]:
    """For each presentation with slides kept as designed, its import in the theme of its
    own slide size if one is (the default 16:9, or the drafted 4:3), else in the default.

    Of the registries' presentations, one of each kind (package, program that made it, slide
    size): most are one package's small test files, alike in what a render compares, and
    rendering each twice would take minutes of CI's time for nothing new."""
    chosen = []
    kinds = set()
    for deck in DECKS:
        kind = (deck.registry, deck.made_with, deck.size)
        if deck.registry and kind in kinds:
            continue
        mine = [o for o in outcomes if o.deck == deck.file and o.ok and any(o.reused)]
        same = [o for o in mine if o.theme == ("drafted" if "4:3" in deck.size else "default")]
        picked = same[:1] or [o for o in mine if o.theme == "default"][:1]
        if picked:
            kinds.add(kind)
        chosen += picked
    return chosen


def _render(pptx: Path, folder: Path) -> list[Image.Image]:
    folder.mkdir(parents=True, exist_ok=True)
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    soffice = shutil.which("soffice") or "soffice"
    # Hidden slides too: every slide of the original has its place in the comparison.
    pdf = 'pdf:impress_pdf_Export:{"ExportHiddenSlides":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", pdf, "--outdir", str(folder), pptx],
        check=True,
        capture_output=True,
        timeout=600,
    )
    pdf = folder / (pptx.stem + ".pdf")
    subprocess.run(["pdftoppm", "-r", "40", "-png", pdf, folder / "p"], check=True, timeout=600)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("p-*.png"))]


def _fitted_difference(before: Image.Image, after: Image.Image) -> float:
    """How different the original slide is from where the fit put it on the rebuilt slide,
    as thumbnails: the mean difference of their pixels, from 0 (the same) to 1."""
    fit = Fit.between(before.size, after.size)
    width, height = fit.length(before.width), fit.length(before.height)
    placed = after.crop((fit.dx, fit.dy, fit.dx + width, fit.dy + height))
    thumbnail = (64, round(64 * height / width))
    difference = ImageChops.difference(
        before.resize(thumbnail, Image.LANCZOS), placed.resize(thumbnail, Image.LANCZOS)
    )
    return sum(ImageStat.Stat(difference).mean) / 3 / 255
