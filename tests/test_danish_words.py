"""No English or garbled words inside Danish messages (issue 24): the fields allowed where an
unknown one stands, a third brace around a variable, a box with no room inside its margins,
numbers written the Danish way."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "check"))
from checking import A, drawn_deck
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Emu, Pt
from test_danish_everywhere import assert_danish, danish

from deckgen.i18n import _, choose_language


def test_an_unknown_field_lists_the_fields_allowed_in_danish(project) -> None:
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    xyzzy: 1\n    text: Hej\n")
    project.deck("- a\n")
    result = danish("build", project.deck_path)
    assert_danish(result)
    assert "ukendt felt 'xyzzy' — de felter, der må stå her: " in result.output


def test_a_third_brace_around_a_variable_is_not_a_variable_with_a_brace(project) -> None:
    project.blocks('blocks:\n  - id: a\n    kind: statement\n    text: "Hej {{{ omu }}}"\n')
    project.deck("- a\n")
    result = danish("build", project.deck_path)
    assert_danish(result)
    assert "--set { omu" not in result.output and "{{ { omu }}" not in result.output
    assert "Hej {{{ omu }}}" in result.output


def test_a_box_with_no_room_inside_its_margins_says_so_not_a_negative_size(
    tmp_path: Path,
) -> None:
    def draw(slide):  # type: ignore[no-untyped-def]
        box = slide.shapes.add_textbox(Emu(914400), Emu(2000000), Emu(3657600), Emu(60000))
        box.text_frame.word_wrap = True
        box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = "Et punkt", Pt(20)
        body = box.text_frame._txBody.find(f"{A}bodyPr")
        body.set("tIns", "100000")
        body.set("bIns", "100000")

    deck = drawn_deck(tmp_path / "smal.pptx", draw)
    result = danish("check", deck)
    assert "feltet har ingen plads til tekst inden for sine margener" in result.output
    assert " af -" not in result.output
    assert_danish(result)


def test_numbers_in_danish_messages_are_written_the_danish_way() -> None:
    choose_language("da")
    try:
        text = _("it lists {count:,} parts; deckgen reads at most {most:,}").format(
            count=12345, most=10000
        )
        assert "12.345" in text and "10.000" in text
        size = _("{name} is {value:.1f} MB; pictures may be at most {value2:.1f} MB").format(
            name="a.png", value=41.94, value2=40
        )
        assert "41,9 MB" in size and "40,0 MB" in size
    finally:
        choose_language("en")
    english = _("it lists {count:,} parts; deckgen reads at most {most:,}").format(
        count=12345, most=10000
    )
    assert "12,345" in english
