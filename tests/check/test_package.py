"""Package: every deck passes the Open XML validator and reopens; a broken one is an error."""

import zipfile

from checking import findings
from conftest import SAMPLE_PROJECT

from deckgen.check import Severity

SAMPLE = SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"


def _rewrite(source, target, member, old, new):
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                assert old in data
                data = data.replace(old, new, 1)
            out.writestr(info, data)
    return target


def test_a_schema_error_is_reported_on_its_slide(project, tmp_path):
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Vejen videre, items: [Et]}\n")
    project.deck("- en\n")
    project.build()
    broken = _rewrite(
        project.output,
        tmp_path / "b.pptx",
        "ppt/slides/slide1.xml",
        b"<p:cSld>",
        b"<p:cSld><p:bogus/>",
    )
    found = findings(broken, "package")
    assert {(f.severity, f.check, f.slide, f.block) for f in found} == {
        (Severity.ERROR, "package.valid", 1, None)  # edited since built: by slide number
    }
    assert "/ppt/slides/slide1.xml /sld[1]/cSld[1]: Unexpected element 'bogus' found" in [
        f.message for f in found
    ]
    assert "PowerPoint would offer to repair the file" in found[0].hint


def test_a_file_that_is_no_presentation_is_an_error(tmp_path):
    junk = tmp_path / "junk.pptx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    found = findings(junk)
    assert [(f.severity, f.check) for f in found] == [(Severity.ERROR, "package.opens")]
    assert found[0].message.startswith("the file is not a PowerPoint file (.pptx or .potx)")
    assert str(found[0].location).endswith("junk.pptx")


def test_every_deck_passes_the_validator_and_reopens():
    assert findings(SAMPLE, "package") == []


def test_a_received_deck_with_a_size_that_is_no_number_is_an_error_not_a_traceback(
    project, tmp_path
):
    """`sz="--2000"` in a slide (a received deck, or a reused slide that carried it): `check`
    stopped with a traceback ("invalid literal for int()") while reading the slides."""
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Vejen videre, items: [Et]}\n")
    project.deck("- en\n")
    project.build()
    broken = _rewrite(
        project.output,
        tmp_path / "b.pptx",
        "ppt/slides/slide1.xml",
        b'<a:rPr lang="da-DK"',
        b'<a:rPr sz="--2000" lang="da-DK"',
    )
    found = findings(broken)
    assert (Severity.ERROR, "package.opens") in {(f.severity, f.check) for f in found}
    assert (
        "a slide holds a value the file format does not allow where a number goes (a size or a "
        "position), so the slides cannot be checked"
    ) in [f.message for f in found]
    assert any("Invalid integer value: '--2000'" in f.message for f in found)  # where
