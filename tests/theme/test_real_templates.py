"""Real templates none of us made, as delivered: LibreOffice's own (every .otp it installs, as
.pptx and as .potx) and those in tests/theme/corpus (PowerPoint, ONLYOFFICE, OpenOffice; a
university's, a government office's, a city's, companies'; German, Portuguese, French,
Danish, Swedish and Chinese layout names; several masters, A4, 4:3 and 16:9; dark designs).

For each, `deckgen theme init` drafts a theme, the sample deck is built with it, the Open XML
SDK finds no error in the deck and `deckgen check --strict` passes it. The goal: at least nine
in ten pass with no hand edits, the rest refused by `theme init` with a Danish reason saying
what to change in the template. The test prints the counts; the manifest says which pass,
which are refused and which still fail (and the goal is marked as not reached yet)."""

from __future__ import annotations

import pytest
from ooxml_sdk import require_validator
from real_templates import copied_templates, counts, libreoffice_templates, measure, report
from real_templates import validate as sdk_validate
from test_danish_everywhere import english_in

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory):
    from office import require_office

    require_office()
    require_validator()
    folder = tmp_path_factory.mktemp("corpus")
    templates = copied_templates() + libreoffice_templates(folder / "libreoffice")
    measured = [measure(template, folder / template.name) for template in templates]
    sdk_validate(measured)
    return measured


def test_real_templates_pass_or_are_refused_in_danish_as_the_manifest_says(outcomes, capsys):
    with capsys.disabled():
        print("\n" + report(outcomes))
    assert counts(outcomes)["templates"] >= 20
    for outcome in outcomes:
        if outcome.expect == "pass":
            assert outcome.passed, report([outcome])
        if outcome.expect == "refused":
            assert outcome.refused, report([outcome])
        if outcome.refused:
            assert outcome.refusal.startswith("Fejl: "), outcome.refusal
            assert " — " in outcome.refusal, outcome.refusal  # what to change in the template
            assert not english_in(outcome.refusal), outcome.refusal


def test_nine_in_ten_real_templates_pass_and_the_rest_are_refused(outcomes):
    tally = counts(outcomes)
    assert tally["failed"] == 0, report([o for o in outcomes if not (o.passed or o.refused)])
    assert tally["passed"] >= 0.9 * tally["templates"], report(outcomes)


def test_every_libreoffice_template_is_in_the_corpus_in_both_formats(outcomes):
    names = {outcome.name for outcome in outcomes}
    converted = [name for name in names if name.startswith("libreoffice-")]
    assert len(converted) >= 2 * 20
    for name in converted:
        other = name[:-4] + ("potx" if name.endswith("pptx") else "pptx")
        assert other in names
