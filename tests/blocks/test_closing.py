"""The closing slide."""

from conftest import placeholder_text


def test_closing_uses_closing_layout_without_footer(project):
    slide = project.render_one(
        """
        - id: tak
          kind: closing
          title: Tak for i dag
          lines: ["{{ omu }}", kontakt@moellerup.dk]
        """
    )
    assert slide.slide_layout.name == "Afslutning"
    assert placeholder_text(slide, 1) == "OMU Børn og Familie\nkontakt@moellerup.dk"
    types = {ph.placeholder_format.type.name for ph in slide.placeholders}
    assert "FOOTER" not in types and "SLIDE_NUMBER" not in types
