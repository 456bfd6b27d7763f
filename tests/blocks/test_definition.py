"""Definitions with bullets and a source line."""


def test_definition_ends_with_kilde_line(project):
    slide = project.render_one(
        """
        - id: aktoerskab
          kind: definition
          title: Beskrivelse af aktørskab
          definition: "Aktørskab er aktiv og refleksiv deltagelse fra dér, hvor man befinder sig:"
          items:
            - At agere proaktivt på de vanskeligheder eller muligheder, man står i
            - At tage ansvar for at ”tilføre situationen det, den mangler”
          source: Elisabet Skov Nielsen, slides fra fælles lederdag i Norddjurs
        """
    )
    paragraphs = [p.text for p in slide.placeholders[1].text_frame.paragraphs]
    assert paragraphs == [
        "Aktørskab er aktiv og refleksiv deltagelse fra dér, hvor man befinder sig:",
        "At agere proaktivt på de vanskeligheder eller muligheder, man står i",
        "At tage ansvar for at ”tilføre situationen det, den mangler”",
        "Kilde: Elisabet Skov Nielsen, slides fra fælles lederdag i Norddjurs",
    ]


def test_definition_requires_a_source(project):
    import pytest

    from deckgen.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        project.render_one(
            """
            - id: uden-kilde
              kind: definition
              title: Beskrivelse
              definition: Noget
            """
        )
    assert (
        "blocks.yaml:3:5: block 'uden-kilde', source: required field 'source' is missing — add `source: …`"
        in str(caught.value)
    )
