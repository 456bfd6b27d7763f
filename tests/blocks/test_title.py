"""The cover slide: title, subtitle and detail lines with variables filled in."""

from conftest import notes, placeholder_text


def test_title_fills_cover_layout_with_variables_and_notes(project):
    slide = project.render_one(
        """
        - id: forside
          kind: title
          title: "Dialogmøde med\\nOmrådeudvalg"
          subtitle: "Tema: Styrket aktørskab og handlekraft"
          details: ["{{ omu }} · {{ dato }}"]
          notes: Velkommen til {{ omu }}.
        """
    )
    assert slide.slide_layout.name == "Titeldias"
    assert placeholder_text(slide, 0) == "Dialogmøde med\vOmrådeudvalg"
    assert placeholder_text(slide, 1) == (
        "Tema: Styrket aktørskab og handlekraft\nOMU Børn og Familie · 12. marts 2025"
    )
    assert notes(slide) == "Velkommen til OMU Børn og Familie."


def test_cover_has_no_footer_or_empty_placeholders(project):
    slide = project.render_one(
        """
        - id: forside
          kind: title
          title: Dialogmøde
        """
    )
    kinds = [shape.placeholder_format.type.name for shape in slide.placeholders]
    assert kinds == ["CENTER_TITLE"]
