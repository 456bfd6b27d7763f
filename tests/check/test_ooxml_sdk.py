"""Microsoft's Open XML SDK validator finds nothing wrong in what deckgen writes.

`deckgen check` validates with openxml-audit (a Python port of the SDK's validator); this test
runs the SDK itself, compiled to WebAssembly (`@ooxml-tools/validate`, no .NET), on the sample
deck, a tour deck and the catalogue deck. `.ci/run` installs it with `npm ci` in tools/ooxml;
without it the test skips on a developer's machine and fails in CI (CI=true).
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from conftest import SAMPLE_PROJECT
from ooxml_sdk import require_validator, sdk_errors
from sample_project import write_schedule

from deckgen.api import render_composed
from deckgen.cli import main
from deckgen.preview.catalogue import catalogue_deck
from deckgen.theme import load_theme

# A visit that adds and drops slides, and one with a local example.
VISITS = (
    "2025-04-14;Mette Holm;OMU Ejendomme og Service;Borgercentret, store mødesal;"
    "tak-for-i-dag;opmaerksomheder;\n"
    "2025-03-04;Lars Kjærgaard;OMU Dagtilbud Syd;Administrationsbygningen, lokale 3;;;"
    "Da holdet på vejen selv flyttede en arbejdsplads for at skåne skolevejen\n"
)


def _cli(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_the_sdk_validator_finds_no_errors_in_the_sample_a_tour_and_the_catalogue_deck(
    sample_copy,
):
    require_validator()
    _cli("build", "decks/omu-dialogmoede.yaml", "--set", "omu=OMU Børn og Familie")
    _cli("tour", str(write_schedule(sample_copy, VISITS)), "-o", "tour")
    theme = load_theme()
    deck, _ = catalogue_deck(Path("decks/blocks"), theme)
    catalogue = sample_copy / "catalogue.pptx"
    catalogue.write_bytes(render_composed(deck, theme)[0])
    decks = [
        sample_copy / "build" / "omu-dialogmoede.pptx",
        *sorted((sample_copy / "tour").glob("*.pptx")),
        catalogue,
    ]
    assert len(decks) == 4
    assert sdk_errors(decks) == {str(path): [] for path in decks}


def test_the_sdk_validator_reports_a_misplaced_element(tmp_path):
    # The test above must be able to fail: an element out of the schema's order is an error.
    require_validator()
    import zipfile

    good = tmp_path / "good.pptx"
    _cli("build", str(SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"), "-o", str(good))
    bad = tmp_path / "bad.pptx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "ppt/presentation.xml":
                data = data.replace(b"<p:sldSz ", b"<p:notesMasterIdLst/><p:sldSz ")
            target.writestr(name, data)
    (error,) = sdk_errors([bad])[str(bad)]
    assert error["path"]["partUri"] == "/ppt/presentation.xml"
    assert "notesMasterIdLst" in error["description"]
