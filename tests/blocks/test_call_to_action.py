"""The call to action: headline, short text, a link that reads and clicks, and a QR code that a
real decoder (zbar) reads back as the link."""

import os
import shutil
import subprocess

import pytest
from pptx.enum.shapes import MSO_SHAPE_TYPE

from deckgen.errors import DeckgenError

LINK = "https://www.moellerup.dk/aktoerskab"


def _block(link=LINK, extra=""):
    return (
        "- id: del-ideer\n"
        "  kind: call_to_action\n"
        '  title: "Del løbende jeres gode\\nidéer og inputs her:"\n'
        "  text: Scan koden, eller følg linket.\n"
        f"  link: {link}\n{extra}"
    )


def _parts(slide):
    groups = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP]
    assert len(groups) == 1
    words = next(s for s in groups[0].shapes if s.has_text_frame)
    code = next(s for s in groups[0].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE)
    return groups[0], words, code


def _decode(blob, tmp_path):
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zbarimg (Debian package zbar-tools) is needed to decode QR codes in CI")
        pytest.skip("zbarimg (zbar-tools) is not installed")
    picture = tmp_path / "qr.png"
    picture.write_bytes(blob)
    done = subprocess.run(
        [zbarimg, "--raw", "-q", str(picture)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_headline_text_link_and_qr_code(project, tmp_path):
    slide = project.render_one(_block())
    assert slide.slide_layout.name == "Kun titel"
    assert slide.shapes.title.text == "Del løbende jeres gode\vidéer og inputs her:"
    group, words, code = _parts(slide)
    assert [p.text for p in words.text_frame.paragraphs] == [
        "Scan koden, eller følg linket.",
        "www.moellerup.dk/aktoerskab",
    ]
    link_run = words.text_frame.paragraphs[1].runs[0]
    assert link_run.hyperlink.address == LINK
    assert code.click_action.hyperlink.address == LINK
    assert code.width == code.height and code.left > words.left + words.width
    alt = code._element.nvPicPr.cNvPr.get("descr")
    assert alt == "QR-kode, der fører til www.moellerup.dk/aktoerskab"
    assert group._element.nvGrpSpPr.cNvPr.get("descr")
    assert _decode(code.image.blob, tmp_path) == LINK


def test_mailto_link_reads_as_the_address_and_the_code_decodes(project, tmp_path):
    slide = project.render_one(_block("mailto:ideer@moellerup.dk"))
    _, words, code = _parts(slide)
    assert words.text_frame.paragraphs[-1].text == "ideer@moellerup.dk"
    assert _decode(code.image.blob, tmp_path) == "mailto:ideer@moellerup.dk"


def test_link_text_and_code_alt_text_can_be_written(project):
    extra = "  link_text: moellerup.dk/ideer\n  code_alt_text: QR-kode til idésiden\n"
    _, words, code = _parts(project.render_one(_block(extra=extra)))
    assert words.text_frame.paragraphs[-1].text == "moellerup.dk/ideer"
    assert code._element.nvPicPr.cNvPr.get("descr") == "QR-kode til idésiden"


def test_the_code_is_drawn_in_theme_colours(project):
    from io import BytesIO

    from PIL import Image

    _, _, code = _parts(project.render_one(_block()))
    image = Image.open(BytesIO(code.image.blob)).convert("RGB")
    assert {colour for _, colour in image.getcolors()} == {(0x1F, 0x2A, 0x30), (255, 255, 255)}


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("http://www.moellerup.dk", "(http:)"),
        ("javascript:alert(1)", "(javascript:)"),
        ("ftp://moellerup.dk/fil", "(ftp:)"),
        ("www.moellerup.dk", "(no scheme)"),
        ("https:///sti", "has no host name"),
        ("mailto:ideer", "has no e-mail address"),
        ('"https://moellerup.dk/a b"', "contains a space"),
    ],
)
def test_a_link_that_is_not_https_or_mailto_is_an_error_at_its_line(project, link, expected):
    with pytest.raises(DeckgenError) as caught:
        project.render_one(_block(link))
    message = str(caught.value)
    assert "blocks.yaml:6:" in message and expected in message
    assert not project.output.exists()
