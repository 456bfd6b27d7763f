"""Section header slides."""

from conftest import notes, placeholder_text


def test_section_uses_section_layout(project):
    slide = project.render_one(
        """
        - id: kkc
          kind: section
          title: Lederworkshop om fælles ledelsesfagligt grundlag (KKC)
          subtitle: KKC og aktørskab
          notes: Lederne har arbejdet med KKC.
        """
    )
    assert slide.slide_layout.name == "Afsnitsoverskrift"
    assert placeholder_text(slide, 0) == "Lederworkshop om fælles ledelsesfagligt grundlag (KKC)"
    assert placeholder_text(slide, 1) == "KKC og aktørskab"
    assert notes(slide) == "Lederne har arbejdet med KKC."
