"""Property-based tests: whatever YAML, text or values arrive, deckgen either builds a deck
that reopens or stops with a clean, located error. Nothing else may happen."""

from __future__ import annotations

import io
import string
import unicodedata
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pictures import two_tone
from pptx import Presentation

from deckgen import api
from deckgen.blocks import BLOCK_KINDS, KIND_NAMES, kind_name, read_block
from deckgen.blocks.fields import xml_safe
from deckgen.errors import DeckgenError
from deckgen.models import DeckFile, DeckMeta
from deckgen.record import Invalid, convert, fields_of
from deckgen.source import YamlDoc, parse_yaml
from deckgen.theme import ThemeFile
from deckgen.tour.profiles import DirectorProfile
from deckgen.variables import names_in, unclosed
from deckgen.wording import problems_from

FIELDS = [
    "title", "text", "items", "lead", "conclusion", "subtitle", "details", "question", "source",
    "minutes", "notes", "tags", "headline", "layers", "centre", "sides", "arenas", "groups",
    "heading", "link", "detail", "attribution", "definition", "lines", "label", "titel",
]  # fmt: skip
ODD_TEXT = st.text(
    alphabet=st.sampled_from(
        list("æøåÆØÅéü–—‘’“”„«»…•·\u00a0\u200b\u200d\u202e\u0301 \n\t")
        + list(string.ascii_letters + string.digits + ":#&<>{}[]'\"\\|-*!%@`")
        + ["😀", "𝔘", "ﬁ", "\x07", "\x00", "\ufeff"]
    ),
    max_size=60,
)
SCALARS = st.one_of(
    ODD_TEXT,
    st.integers(-(10**12), 10**12),
    st.booleans(),
    st.none(),
    st.sampled_from(["NO", "yes", "on", "10:30", "0700", "3.10", "2025-02-30", "https://x.dk"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=4)
    ),
    max_leaves=12,
)

KIND_CLASSES = dict(zip(KIND_NAMES, BLOCK_KINDS, strict=True))

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_parses_or_fails_with_a_location(text):
    try:
        parse_yaml(text, Path("x.yaml"))
    except DeckgenError as exc:
        assert str(exc).startswith("x.yaml")


# Every registered kind, by itself: each declares a small valid example of its own.
VALID = {kind_name(kind): kind.example for kind in BLOCK_KINDS}


@SETTINGS
@given(
    kind=st.sampled_from(sorted(VALID)),
    changes=st.one_of(st.just({}), st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=2)),
    text=ODD_TEXT.filter(lambda t: t.strip()),
)
def test_generated_blocks_build_a_deck_that_reopens_or_fail_cleanly(project, kind, changes, text):
    base = VALID[kind]
    first_text_field = next(key for key, value in base.items() if isinstance(value, str))
    block = {"id": "blok", "kind": kind, **base, first_text_field: text, **changes}
    project.blocks(yaml.safe_dump({"blocks": [block]}, allow_unicode=True))
    picture = project.root / "decks" / "blocks" / "billede.png"  # the image kind's example
    if not picture.exists():
        two_tone(80, 60).save(picture)
    project.deck("- blok\n")
    project.output.unlink(missing_ok=True)
    try:
        result = api.build_deck(project.deck_path, project.output)
    except DeckgenError as exc:
        event("refused")
        assert "blocks.yaml:" in str(exc) or "deck.yaml:" in str(exc), str(exc)
        assert not project.output.exists()
        return
    event("built")
    reopened = Presentation(io.BytesIO(project.output.read_bytes()))
    assert len(reopened.slides) == result.slides == 1


KIND_FIELDS = {kind: ["kind", *fields_of(KIND_CLASSES[kind])] for kind in VALID}


@settings(max_examples=400, deadline=None)
@given(data=st.data(), kind=st.sampled_from(sorted(VALID)))
def test_any_value_in_any_field_converts_or_is_explained_in_words(data, kind):
    """Every field of every kind, given any value YAML can hold: a block, or problems that
    each name a place in the file (never a crash in the conversion or its explanation)."""
    fields = st.sampled_from(KIND_FIELDS[kind])
    changes = data.draw(st.dictionaries(fields, VALUES, min_size=1, max_size=3))
    raw = {"id": "blok", "kind": kind, **VALID[kind], **changes}
    doc = YamlDoc(Path("blocks.yaml"), {"blocks": [raw]})
    try:
        read_block(raw)
    except Invalid as exc:
        problems = problems_from(exc.errors, doc, ("blocks", 0))
        assert problems and all(str(p).startswith("blocks.yaml") for p in problems)


RECORDS = [DeckFile, DeckMeta, ThemeFile, DirectorProfile]


@settings(max_examples=300, deadline=None)
@given(data=st.data(), record=st.sampled_from(RECORDS))
def test_any_deck_theme_or_profile_fields_convert_or_are_explained_in_words(data, record):
    names = st.sampled_from([*fields_of(record), "titel"])
    raw = data.draw(st.dictionaries(names, VALUES, max_size=5))
    doc = YamlDoc(Path("fil.yaml"), raw)
    try:
        convert(raw, record)
    except Invalid as exc:
        problems = problems_from(exc.errors, doc, model=record)
        assert problems and all(str(p).startswith("fil.yaml") for p in problems)


@SETTINGS
@given(text=ODD_TEXT.filter(lambda t: t.strip()))
def test_danish_and_unicode_text_survives_or_is_refused_by_name(project, text):
    block = {"id": "udsagn", "kind": "bullets", "title": "Tekst", "items": [text]}
    project.blocks(yaml.safe_dump({"blocks": [block]}, allow_unicode=True))
    picture = project.root / "decks" / "blocks" / "billede.png"  # the image kind's example
    if not picture.exists():
        two_tone(80, 60).save(picture)
    project.deck("- udsagn\n")
    project.output.unlink(missing_ok=True)
    try:
        api.build_deck(project.deck_path, project.output)
    except DeckgenError as exc:
        # The only refusals: a character XML cannot hold (checked first, as the library is
        # read), or braces that are not a variable that is set.
        if _has_control_character(text):
            assert "control character" in str(exc) or "cannot stand" in str(exc), str(exc)
        elif unclosed(text) is not None:
            assert "a placeholder is not closed" in str(exc), str(exc)
        else:
            assert names_in(text) and "is not set" in str(exc), str(exc)
        return
    assert not _has_control_character(text) and unclosed(text) is None and not names_in(text)
    body = Presentation(str(project.output)).slides[0].placeholders[1].text_frame.text
    # Every input is read in one Unicode form (NFC), so the text is too.
    assert body == unicodedata.normalize("NFC", text).strip().replace("\n", "\v")


def _has_control_character(text: str) -> bool:
    try:
        xml_safe(text)
    except ValueError:
        return True
    return False


def test_every_registered_kind_declares_its_own_example_and_it_reads():
    for kind in BLOCK_KINDS:
        assert "example" in vars(kind), f"{kind.__name__} declares no `example`"
        assert type(read_block({"id": "blok", "kind": kind_name(kind), **kind.example})) is kind
