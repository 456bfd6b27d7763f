"""The web page's preview after a change: only new slides are rendered, and the pictures are
exactly those of the whole deck rendered afresh (slide numbers included)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from office import require_office
from PIL import Image

from deckgen import api
from deckgen.preview.office import KeptOffice
from deckgen.preview.render import pdf_to_jpegs, theme_font_files
from deckgen.preview.slidecache import SlidePictures
from deckgen.preview.visual import changed_share

SAMPLE_SLIDES = [
    "titel-dialogmoede",
    "vision-model",
    "fremtidens-velfaerd",
    "forenkling-opdrag",
    "fremtidens-krav",
    "faellesskab",
    "meget-mere-ledelse",
]


@pytest.fixture(scope="module")
def office():
    require_office()
    builder = api.Builder()
    kept = KeptOffice(theme_font_files(builder.theme()))
    yield kept
    kept.close()


def _deck(root: Path, slides: list[str]) -> bytes:
    """The sample deck with `slides`, as the page builds it (in memory)."""
    path = root / "decks" / "variant.yaml"
    listed = "".join(f"  - {slide}\n" for slide in slides)
    path.write_text(
        "deck:\n  title: Dialogmøde med {{ omu }}\n"
        "variables:\n  omu: OMU Børn og Familie\n  dato: 2026-03-12\n  direktør: Mette Holm\n"
        f"slides:\n{listed}",
        encoding="utf-8",
    )
    builder = api.Builder()
    return builder.render(builder.compose(path)).data


def _fresh(data: bytes, office: KeptOffice, folder: Path) -> list[Path]:
    """The whole deck rendered as a preview renders it, with no picture kept."""
    deck = folder / "deck.pptx"
    folder.mkdir()
    deck.write_bytes(data)
    return pdf_to_jpegs(office.to_pdf([deck], folder / "pdf")[0], folder / "pages", 960)


def _same_pictures(kept: list[Path], fresh: list[Path]) -> None:
    assert len(kept) == len(fresh)
    for number, (one, other) in enumerate(zip(kept, fresh, strict=True), 1):
        with Image.open(one) as a, Image.open(other) as b:
            # Not a pixel past the comparison's tolerance: a slide number is a few dozen.
            assert changed_share(a, b) == 0.0, f"slide {number}"


def test_a_moved_ticked_or_added_slide_renders_only_what_is_new(sample_copy, office, tmp_path):
    pictures = SlidePictures(tmp_path / "kept", office)
    first = _deck(sample_copy, SAMPLE_SLIDES)
    assert len(pictures.pictures(first)) == 7
    assert pictures.rendered == 7

    # The same deck again: nothing rendered.
    pictures.pictures(first)
    assert pictures.rendered == 7

    # Slides 4 and 5 swapped: both show their new number, the other five are kept.
    moved_slides = [*SAMPLE_SLIDES[:3], SAMPLE_SLIDES[4], SAMPLE_SLIDES[3], *SAMPLE_SLIDES[5:]]
    moved = _deck(sample_copy, moved_slides)
    shown = pictures.pictures(moved)
    assert pictures.rendered == 9
    _same_pictures(shown, _fresh(moved, office, tmp_path / "moved"))

    # The last slide ticked off: every picture is kept already.
    ticked = _deck(sample_copy, moved_slides[:-1])
    shown = pictures.pictures(ticked)
    assert pictures.rendered == 9
    _same_pictures(shown, _fresh(ticked, office, tmp_path / "ticked"))

    # A closing slide added at the end: that one slide is rendered.
    added = _deck(sample_copy, [*moved_slides[:-1], "tak-for-i-dag"])
    shown = pictures.pictures(added)
    assert pictures.rendered == 10
    _same_pictures(shown, _fresh(added, office, tmp_path / "added"))


def test_rendered_ahead_a_slide_ticked_off_renders_nothing(sample_copy, office, tmp_path):
    """While she looks at a preview, the slides showing their number are rendered one
    number lower: ticking off a slide before them then renders nothing, and the pictures are
    still exactly the whole deck's."""
    pictures = SlidePictures(tmp_path / "kept", office)
    pictures.pictures(_deck(sample_copy, SAMPLE_SLIDES))
    assert pictures.ahead(_deck(sample_copy, SAMPLE_SLIDES)) == 6  # slides 2–7 as 1–6
    rendered = pictures.rendered

    ticked = _deck(sample_copy, [SAMPLE_SLIDES[0], *SAMPLE_SLIDES[2:]])
    shown = pictures.pictures(ticked)
    assert pictures.rendered == rendered
    _same_pictures(shown, _fresh(ticked, office, tmp_path / "ticked"))


def test_rendering_ahead_gives_way_and_stops(sample_copy, office, tmp_path):
    pictures = SlidePictures(tmp_path / "kept", office)
    deck = _deck(sample_copy, SAMPLE_SLIDES)
    pictures.pictures(deck)
    pictures.stop()
    assert pictures.ahead(deck) == 0


def test_the_pictures_kept_are_bounded_and_named_by_their_keys(sample_copy, office, tmp_path):
    folder = tmp_path / "kept"
    pictures = SlidePictures(folder, office, max_bytes=1)
    first = pictures.pictures(_deck(sample_copy, SAMPLE_SLIDES[:3]))
    second = pictures.pictures(_deck(sample_copy, SAMPLE_SLIDES[3:5]))

    # Over the limit, the older deck's pictures went; the deck being shown stays whole.
    assert not any(path.exists() for path in first)
    assert all(path.exists() for path in second)
    assert sorted(folder.iterdir()) == sorted(second)
    for path in second:
        assert len(path.stem) == 48 and set(path.stem) <= set("0123456789abcdef")


def test_a_deck_it_cannot_split_is_rendered_whole(sample_copy, office, tmp_path):
    """A slide-number placeholder with no field of its own (the layout's number would show):
    the deck is rendered whole, and the same deck again renders nothing."""
    data = _deck(sample_copy, SAMPLE_SLIDES[:3])
    changed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(changed, "w") as target,
    ):
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "ppt/slides/slide2.xml":
                body = body.replace(b'type="slidenum"', b'type="other"')
            target.writestr(info, body)
    odd = changed.getvalue()
    pictures = SlidePictures(tmp_path / "kept", office)
    shown = pictures.pictures(odd)
    assert pictures.rendered == 3
    _same_pictures(shown, _fresh(odd, office, tmp_path / "fresh"))
    assert pictures.pictures(odd) == shown
    assert pictures.rendered == 3
