"""Visual regression: every deck in decks/ renders as its approved reference renders, within a
small tolerance; a changed slide fails with a diff picture. Approve deliberate changes with
`deckgen render decks/ --approve` (see the README)."""

import pytest
from conftest import REPO
from office import require_office
from PIL import Image, ImageDraw
from renders import CHANGED_SHARE, approved_slides, compare_slides, diff_picture

from deckgen import api
from deckgen.preview.render import LibreOffice, pdf_to_pngs, theme_font_files
from deckgen.preview.visual import REFERENCE_WIDTH
from deckgen.theme import load_theme

DECKS = sorted((REPO / "decks").glob("*.yaml"))
APPROVED = REPO / "tests" / "visual" / "approved"
DIFFS = REPO / "build" / "visual-diff"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Every deck built and rendered small, with one LibreOffice for all of them."""
    require_office()
    folder = tmp_path_factory.mktemp("visual")
    built = []
    for deck in DECKS:
        built.append(api.build_deck(deck, folder / f"{deck.stem}.pptx").output)
    with LibreOffice(theme_font_files(load_theme())) as office:
        pdfs = office.to_pdf(built, folder / "pdf")
    return {
        deck.stem: pdf_to_pngs(pdf, folder / deck.stem, REFERENCE_WIDTH)
        for deck, pdf in zip(DECKS, pdfs, strict=True)
    }


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.name)
def test_slides_look_as_approved(deck, rendered):
    approved = approved_slides(deck.stem, APPROVED)
    assert approved, f"no approved renders for {deck.name}: run `deckgen render decks/ --approve`"
    changes = compare_slides(approved, rendered[deck.stem], DIFFS / deck.stem)
    assert not changes, (
        f"{deck.name} no longer looks as approved:\n"
        + "\n".join(f"  {change}" for change in changes)
        + "\nIf the change is deliberate, approve it: deckgen render decks/ --approve"
    )


def _slide(path, text_at=None):
    picture = Image.new("RGB", (320, 180), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, 320, 30), fill=(0, 59, 92))
    if text_at:
        draw.rectangle((*text_at, text_at[0] + 40, text_at[1] + 8), fill=(31, 42, 48))
    picture.save(path)
    return path


def test_a_moved_line_fails_with_a_diff_picture(tmp_path):
    old = [_slide(tmp_path / "a1.png", (20, 60)), _slide(tmp_path / "a2.png", (20, 60))]
    new = [_slide(tmp_path / "b1.png", (20, 60)), _slide(tmp_path / "b2.png", (20, 90))]
    changes = compare_slides(old, new, tmp_path / "diff")
    assert [str(c) for c in changes] == [
        f"slide 2: 1.3% of the pixels changed (see {tmp_path / 'diff' / '02.png'})"
    ]
    with Image.open(changes[0].diff) as diff:
        assert diff.size == (3 * 320 + 20, 180)
        assert diff.getpixel((2 * 330 + 25, 62)) == (220, 30, 30)  # marked where the line was


def test_noise_below_the_tolerance_passes_and_a_missing_slide_fails(tmp_path):
    base = _slide(tmp_path / "a.png", (20, 60))
    noisy = Image.open(base).copy()
    noisy.putpixel((5, 100), (0, 0, 0))  # one pixel: anti-aliasing, not a change
    noisy.save(tmp_path / "b.png")
    assert CHANGED_SHARE > 1 / (320 * 180)
    assert compare_slides([base], [tmp_path / "b.png"], tmp_path / "diff") == []
    missing = compare_slides([base, base], [base], tmp_path / "diff")
    assert [str(c) for c in missing] == ["1 slides rendered, 2 approved"]


def test_diff_picture_puts_old_new_and_changes_side_by_side(tmp_path):
    old = Image.open(_slide(tmp_path / "a.png"))
    new = Image.open(_slide(tmp_path / "b.png", (100, 100)))
    sheet = diff_picture(old, new)
    assert sheet.getpixel((110, 104)) == (255, 255, 255)  # approved: no line there
    assert sheet.getpixel((330 + 110, 104)) == (31, 42, 48)  # new: the line
    assert sheet.getpixel((660 + 110, 104)) == (220, 30, 30)  # changes: marked red
