"""Every deck in decks/ builds, reopens, and the sample reproduces the reference deck."""

import re
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_PROJECT
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen import api

DECKS = sorted((SAMPLE_PROJECT / "decks").glob("*.yaml"))
SAMPLE = SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"
REFERENCE = REPO / "tests" / "reference" / "omu-dialogmoede-aktoerskab.txt"
SHARED_REFERENCE = REPO.parent / "shared" / "reference" / REFERENCE.name


def _shape_texts(shapes):
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from _shape_texts(shape.shapes)
        elif shape.has_text_frame:
            yield shape.text_frame.text


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _slide_text(slide) -> str:
    return _normal(" ".join(_shape_texts(slide.shapes)))


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "deck.pptx"
    api.build_deck(SAMPLE, out, {"omu": "OMU Børn og Familie", "dato": "2025-03-12"})
    return out


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.name)
def test_every_deck_builds_and_reopens(deck, tmp_path):
    result = api.build_deck(deck, tmp_path / "out.pptx")
    prs = Presentation(str(result.output))
    assert len(prs.slides) == result.slides > 0
    for slide in prs.slides:
        assert slide.shapes.title is not None and slide.shapes.title.text.strip()


def test_sample_has_the_18_reference_slides_with_every_reference_line(sample):
    prs = Presentation(str(sample))
    assert len(prs.slides) == 18
    deck_text = " ".join(_slide_text(slide) for slide in prs.slides)
    missing = [line for line in _reference_lines() if line not in deck_text]
    assert missing == []


def test_the_reference_copy_matches_the_shared_reference():
    if not SHARED_REFERENCE.exists():
        pytest.skip("no shared/ folder beside this checkout")
    assert REFERENCE.read_bytes() == SHARED_REFERENCE.read_bytes()


def _reference_lines() -> list[str]:
    """The reference text a line at a time, without the bullets and numbers that the
    template's bullets and auto-numbering now draw."""
    lines = [_normal(line) for line in REFERENCE.read_text(encoding="utf-8").splitlines()]
    return [re.sub(r"^(• |\d+\) )", "", line) for line in lines if line]


def test_sample_slide_titles_follow_the_reference(sample):
    titles = [_normal(s.shapes.title.text) for s in Presentation(str(sample)).slides]
    assert titles[0] == "Dialogmøde med Områdeudvalg"
    assert titles[3] == "Forenkling – politisk opdrag & formål"
    assert titles[6] == "Principper for MEGET MERE LEDELSE"
    assert titles[13] == "Opsamling"
    assert titles[16] == "Vejen videre – virkemidler"


def test_every_sample_slide_has_speaker_notes_in_danish_whole_sentences(sample):
    for number, slide in enumerate(Presentation(str(sample)).slides, 1):
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), number
        paragraphs = slide.notes_slide.notes_text_frame.paragraphs
        # Notes are written folded (">"), so no sentence is cut at the YAML line ends.
        assert all(p.text.rstrip().endswith((".", "?", "!", ":")) for p in paragraphs if p.text), (
            number
        )
        languages = {run._r.rPr.get("lang") for p in paragraphs for run in p.runs}
        assert languages == {"da-DK"}, number


def test_document_properties_are_the_decks_own(sample):
    props = Presentation(str(sample)).core_properties
    assert props.title == "Dialogmøde med OMU Børn og Familie"
    assert props.subject == "Tema: Styrket aktørskab og handlekraft"
    assert props.author == "Direktionen"
    assert props.language == "da-DK"
    assert props.last_modified_by == "deckgen"
    assert props.identifier.startswith("deckgen:")
    assert "python-pptx" not in " ".join(
        str(value) for value in (props.comments, props.author, props.last_modified_by, props.title)
    )


def test_extended_properties_count_the_slides_and_notes(sample):
    import zipfile

    with zipfile.ZipFile(sample) as package:
        app = package.read("docProps/app.xml").decode()
    assert "<Slides>18</Slides>" in app and "<Notes>18</Notes>" in app


def test_presentation_lists_its_notes_master_as_powerpoint_does(sample):
    """Keynote shows no speaker notes without the list; PowerPoint always writes it."""
    import zipfile

    from lxml import etree

    ns = {
        "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
        "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    with zipfile.ZipFile(sample) as package:
        presentation = etree.fromstring(package.read("ppt/presentation.xml"))
        rels = etree.fromstring(package.read("ppt/_rels/presentation.xml.rels"))
        names = set(package.namelist())
    children = [etree.QName(child).localname for child in presentation]
    assert children[:3] == ["sldMasterIdLst", "notesMasterIdLst", "sldIdLst"]
    (listed,) = presentation.findall("p:notesMasterIdLst/p:notesMasterId", ns)
    r_id = listed.get(f"{{{ns['r']}}}id")
    (rel,) = rels.xpath("rel:Relationship[@Id=$id]", namespaces=ns, id=r_id)
    assert rel.get("Type").endswith("/relationships/notesMaster")
    assert f"ppt/{rel.get('Target')}" in names
    assert rel.get("Target").startswith("notesMasters/")


def test_footer_and_slide_number_on_content_slides_not_on_cover(sample):
    slides = Presentation(str(sample)).slides

    def kinds(slide):
        return {ph.placeholder_format.type.name for ph in slide.placeholders}

    assert "FOOTER" not in kinds(slides[0])
    assert {"FOOTER", "SLIDE_NUMBER"} <= kinds(slides[3])
    footer = next(
        ph for ph in slides[3].placeholders if ph.placeholder_format.type.name == "FOOTER"
    )
    assert footer.text_frame.text == "OMU Børn og Familie · 12. marts 2025"


def test_same_inputs_give_byte_identical_files(sample, tmp_path):
    again = tmp_path / "again.pptx"
    api.build_deck(SAMPLE, again, {"omu": "OMU Børn og Familie", "dato": "2025-03-12"})
    assert again.read_bytes() == sample.read_bytes()


def test_other_variables_give_another_file(sample, tmp_path):
    other = tmp_path / "other.pptx"
    api.build_deck(SAMPLE, other, {"omu": "OMU Hjemmeplejen Nord", "dato": "2025-03-12"})
    assert other.read_bytes() != sample.read_bytes()
    assert Presentation(str(other)).core_properties.title == "Dialogmøde med OMU Hjemmeplejen Nord"


def test_no_temporary_files_are_left_behind(tmp_path):
    api.build_deck(SAMPLE, tmp_path / "deck.pptx")
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]
