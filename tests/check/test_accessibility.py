"""Accessibility as PowerPoint's checker and WCAG 2.1 define it, each rule seeded with a deck
that breaks it, and the sample deck free of errors."""

from checking import A, P, drawn_deck, edited, findings, messages, picture_file, theme_with
from conftest import SAMPLE_PROJECT
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Pt

from deckgen.check import Severity

SAMPLE = SAMPLE_PROJECT / "decks" / "omu-dialogmoede.yaml"
IMAGE_BLOCK = """\
blocks:
  - id: foto
    kind: image
    title: Workshoppen
    file: ../../foto.png
    {description}
"""


def _image_deck(project, description: str):
    picture_file(project.root / "foto.png")
    project.blocks(IMAGE_BLOCK.format(description=description))
    project.deck("- foto\n")
    return project.deck_path


def test_a_picture_without_alt_text_is_an_error(project, tmp_path):
    _image_deck(project, "alt_text: Ledere om et bord med gule sedler")
    project.build()

    def strip(prs):
        for element in prs.slides[0]._element.iter(f"{P}cNvPr"):
            element.attrib.pop("descr", None)

    deck = edited(project.output, tmp_path / "uden.pptx", strip)
    found = findings(deck, "accessibility.alt_text")
    assert [(f.severity, f.slide, f.block, f.message) for f in found] == [
        (Severity.ERROR, 1, None, "the picture 'Billede' has no alt text")
    ]
    # Edited since it was built: reported by slide number, not by a block it may no longer show.
    assert "uden.pptx: slide 1: [accessibility.alt_text]" in str(found[0])


def test_a_file_name_is_no_alt_text_and_decorative_pictures_need_none(project):
    deck = _image_deck(project, "alt_text: IMG_2041.JPG")
    assert messages(deck, "accessibility.alt_text")[0].endswith(
        "the picture 'Billede' has a file name for alt text ('IMG_2041.JPG') — describe what "
        "it shows in `alt_text`, or mark it decorative if it only decorates"
    )
    deck = _image_deck(project, "decorative: true")
    assert findings(deck, "accessibility.alt_text") == []


def test_a_drawn_diagram_without_alt_text_is_an_error(tmp_path):
    def diagram(slide):
        boxes = [
            slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(x), Emu(2e6), Emu(9e5), Emu(9e5))
            for x in (1e6, 3e6)
        ]
        slide.shapes.add_group_shape(boxes).name = "Model"

    found = findings(drawn_deck(tmp_path / "d.pptx", diagram), "accessibility.alt_text")
    assert [f.message for f in found] == ["the diagram (group) 'Model' has no alt text"]


def test_a_low_contrast_theme_fails_with_the_colours_and_the_ratio(project, tmp_path):
    pale = theme_with(tmp_path / "bleg.yaml", primary="8FB3C9", muted="BBBBBB")
    project.blocks(
        """\
        blocks:
          - id: vision
            kind: vision
            title: Vores vision
            headline: Sammen skaber vi livskvalitet
            layers: [Det gode samarbejde]
          - id: kilde
            kind: definition
            title: Aktørskab
            definition: At tage del i det fælles.
            source: Elisabeth Skov Nielsen
        """
    )
    project.deck("- vision\n- kilde\n", theme=pale)
    found = findings(project.deck_path, "accessibility.contrast")
    assert [(f.severity, f.slide) for f in found] == [(Severity.ERROR, 1), (Severity.ERROR, 2)]
    assert found[0].message == (
        "the shape 'Vision': 'Sammen skaber vi livskvalitet' in #FFFFFF on #8FB3C9 has "
        "contrast 2.22:1, below 3:1"
    )
    assert found[1].message == (
        "the body placeholder: 'Kilde: Elisabeth Skov Nielsen' in #BBBBBB on #FFFFFF has "
        "contrast 1.92:1, below 3:1"
    )


def test_small_text_needs_4_5_to_1_and_is_a_warning_below_18_pt(tmp_path):
    def grey_text(slide):
        box = slide.shapes.add_textbox(Emu(914400), Emu(2e6), Emu(6e6), Emu(1e6))
        box.name = "Note"
        run = box.text_frame.paragraphs[0].add_run()
        run.text = "Lille grå tekst"
        run.font.size = Pt(14)
        run.font.color.rgb = RGBColor.from_string("808080")

    deck = drawn_deck(tmp_path / "d.pptx", grey_text)
    assert [f.message for f in findings(deck, "accessibility.contrast")] == [
        "the shape 'Note': 'Lille grå tekst' in #808080 on #FFFFFF has contrast 3.95:1, below 4.5:1"
    ]
    assert [(f.severity, f.message) for f in findings(deck, "accessibility.text_size")] == [
        (Severity.WARNING, "the shape 'Note' has text at 14.0 pt, below 18 pt")
    ]


def test_text_on_a_filled_shape_is_measured_against_the_fill(tmp_path):
    def card(slide):
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Emu(914400), Emu(2e6), Emu(6e6), Emu(1e6)
        )
        shape.name = "Kort"
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string("003B5C")
        run = shape.text_frame.paragraphs[0].add_run()
        run.text = "Mørk tekst på mørk grund"
        run.font.size = Pt(24)
        run.font.color.rgb = RGBColor.from_string("1F2A30")

    found = findings(drawn_deck(tmp_path / "d.pptx", card), "accessibility.contrast")
    assert [f.message for f in found] == [
        "the shape 'Kort': 'Mørk tekst på mørk grund' in #1F2A30 on #003B5C has contrast "
        "1.24:1, below 3:1"
    ]


def test_text_on_a_gradient_is_measured_against_the_stretch_of_it_under_the_text(tmp_path):
    """A bar from navy at the top to pink at the bottom: white words at the top read, at the
    bottom they do not; the gate judges each by the end it stands on."""

    def bar(slide):
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(2e6), Emu(9e6), Emu(4e6))
        shape.name = "Bjælke"
        shape.fill.gradient()
        shape.fill.gradient_angle = 270  # python-pptx counts anticlockwise: top to bottom
        shape.fill.gradient_stops[0].color.rgb = RGBColor.from_string("000032")
        shape.fill.gradient_stops[1].color.rgb = RGBColor.from_string("F60063")
        for name, top in (("Øverst", 2.1e6), ("Nederst", 5.2e6)):
            words = slide.shapes.add_textbox(Emu(1e6), Emu(top), Emu(5e6), Emu(7e5))
            words.name = name
            run = words.text_frame.paragraphs[0].add_run()
            run.text = "Hvide ord"
            run.font.size = Pt(14)
            run.font.color.rgb = RGBColor.from_string("FFFFFF")

    found = findings(drawn_deck(tmp_path / "d.pptx", bar), "accessibility.contrast")
    assert [f.message.split(":")[0] for f in found] == ["the shape 'Nederst'"]


def test_every_slide_needs_a_title_and_titles_are_unique(project, tmp_path):
    project.blocks(
        """\
        blocks:
          - {id: en, kind: bullets, title: Vejen videre, items: [Et]}
          - {id: to, kind: bullets, title: "Vejen  videre", items: [To]}
        """
    )
    project.deck("- en\n- to\n")
    found = findings(project.deck_path, "accessibility.unique_titles")
    assert [(f.severity, f.slide, f.block, f.message) for f in found] == [
        (Severity.WARNING, 2, "to", "the title 'Vejen videre' is also slide 1's")
    ]
    project.build()

    def drop_title(prs):
        title = prs.slides[0].shapes.title._element
        title.getparent().remove(title)

    deck = edited(project.output, tmp_path / "uden.pptx", drop_title)
    found = findings(deck, "accessibility.title")
    assert [(f.severity, f.slide, f.message) for f in found] == [
        (Severity.ERROR, 1, "the slide has no title, so screen readers cannot name or find it")
    ]


def test_the_title_is_read_first(project, tmp_path):
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Vejen videre, items: [Et]}\n")
    project.deck("- en\n")
    project.build()

    def title_last(prs):
        title = prs.slides[0].shapes.title._element
        tree = title.getparent()
        tree.remove(title)
        tree.append(title)

    deck = edited(project.output, tmp_path / "orden.pptx", title_last)
    found = findings(deck, "accessibility.reading_order")
    assert [(f.severity, f.message) for f in found] == [
        (Severity.ERROR, "the body placeholder is read before the slide's title")
    ]


def test_document_and_text_are_danish(project, tmp_path):
    project.blocks("blocks:\n  - {id: en, kind: bullets, title: Vejen videre, items: [Et]}\n")
    project.deck("- en\n")
    project.build()

    def english(prs):
        prs.core_properties.language = "en-US"
        for rpr in prs.slides[0]._element.iter(f"{A}rPr"):
            rpr.set("lang", "en-US")

    found = findings(
        edited(project.output, tmp_path / "en.pptx", english), "accessibility.language"
    )
    assert [(f.severity, f.slide, f.message) for f in found] == [
        (Severity.ERROR, None, "the document's language is en-US, not da-DK"),
        (Severity.ERROR, 1, "the title has text not marked da-DK (marked en-US)"),
        (Severity.ERROR, 1, "the body placeholder has text not marked da-DK (marked en-US)"),
        # The footer's own runs are marked, so marking them English is found too.
        (Severity.ERROR, 1, "the footer placeholder has text not marked da-DK (marked en-US)"),
    ]


def test_link_text_must_say_where_it_leads(project):
    project.blocks(
        """\
        blocks:
          - id: del
            kind: call_to_action
            title: Del jeres idéer
            link: https://www.moellerup.dk/aktoerskab
            link_text: Klik her
        """
    )
    project.deck("- del\n")
    found = findings(project.deck_path, "accessibility.link_text")
    assert [(f.severity, f.message) for f in found] == [
        (Severity.ERROR, "the link text 'Klik her' does not say where the link leads")
    ]


def _text_over(picture_path, colour=None, name="Over"):
    """A draw function: the picture at `picture_path` across the slide's middle, and a text
    box over its left part (dark) in `colour` (hex, or the template's own text colour)."""
    from pptx.dml.color import RGBColor

    def over(slide):
        picture = slide.shapes.add_picture(
            str(picture_path), Emu(914400), Emu(2e6), Emu(6e6), Emu(3e6)
        )
        picture._element.find(f".//{P}cNvPr").set("descr", "Et foto")
        box = slide.shapes.add_textbox(Emu(1e6), Emu(3e6), Emu(1.2e6), Emu(8e5))
        box.name = name
        box.text_frame.text = "Tekst på et foto"
        if colour:
            box.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor.from_string(colour)

    return over


def test_text_on_a_picture_is_measured_against_the_picture_under_it(tmp_path):
    from PIL import Image

    dark = tmp_path / "mørk.png"
    Image.new("RGB", (400, 200), (20, 30, 60)).save(dark)
    white = drawn_deck(tmp_path / "hvid.pptx", _text_over(dark, "FFFFFF"))
    assert findings(white, "accessibility.contrast") == []
    grey = drawn_deck(tmp_path / "grå.pptx", _text_over(dark, "404040"))
    (found,) = findings(grey, "accessibility.contrast")
    assert found.severity is Severity.ERROR
    assert "'Tekst på et foto' in #404040 on #141E3C has contrast" in found.message


def test_text_on_a_picture_reads_only_if_it_reads_on_its_light_and_dark_parts(tmp_path):
    from PIL import Image

    # Black on the left, white on the right: the text box spans both.
    halves = tmp_path / "halvt.png"
    image = Image.new("RGB", (400, 200), (255, 255, 255))
    image.paste((0, 0, 0), (0, 0, 200, 200))
    image.save(halves)

    def across(colour):
        def draw(slide):
            _text_over(halves, colour)(slide)
            box = next(shape for shape in slide.shapes if shape.name == "Over")
            box.left, box.width = Emu(2e6), Emu(4e6)  # over both halves

        return draw

    for colour in ("000000", "FFFFFF"):
        found = findings(
            drawn_deck(tmp_path / f"{colour}.pptx", across(colour)), "accessibility.contrast"
        )
        assert [f.check for f in found] == ["accessibility.contrast"], colour
        assert "has contrast 1.00:1" in found[0].message


def test_text_on_a_picture_that_cannot_be_decoded_says_it_is_not_measured(tmp_path):
    import zipfile

    photo = picture_file(tmp_path / "foto.png")
    deck = drawn_deck(tmp_path / "d.pptx", _text_over(photo))
    broken = tmp_path / "b.pptx"
    with zipfile.ZipFile(deck) as old, zipfile.ZipFile(broken, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("ppt/media/") and item.filename.endswith(".png"):
                data = data[:40]  # a picture no one can decode
            new.writestr(item, data)
    found = findings(broken, "accessibility.contrast")
    assert [(f.severity, f.message) for f in found] == [
        (
            Severity.WARNING,
            "the shape 'Over' is on a picture or a pattern: its contrast is not measured",
        )
    ]


def test_the_sample_deck_has_no_accessibility_errors():
    found = findings(SAMPLE, "accessibility")
    assert [str(f) for f in found if f.severity is Severity.ERROR] == []
