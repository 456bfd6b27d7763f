"""Everyday situations with a closing question."""


def test_situations_end_with_the_question_and_local_example(project):
    slide = project.render_one(
        """
        - id: situationer
          kind: situations
          title: Dialog med udgangspunkt i situationer fra hverdagen fx
          items:
            - En gang, hvor en leder traf en beslutning på vegne af medarbejderne
          local_example: Da vi selv planlagde sommerferien i Hjemmeplejen Syd
          question: Kender vi nogle eksempler på noget, vi allerede gør?
        """
    )
    paragraphs = slide.placeholders[1].text_frame.paragraphs
    assert [p.text for p in paragraphs] == [
        "En gang, hvor en leder traf en beslutning på vegne af medarbejderne",
        "Da vi selv planlagde sommerferien i Hjemmeplejen Syd",
        "Kender vi nogle eksempler på noget, vi allerede gør?",
    ]
    assert paragraphs[-1].runs[0].font.bold is True
