"""Deck file names: readable, Danish letters spelt out, safe on every file system, unique."""

from deckgen.tour.filenames import MAX_STEM, deck_stem, slug, unique_stems


def test_danish_letters_are_spelt_out_and_the_rest_reduced():
    assert slug("Søren Bæk Nielsen") == "soeren-baek-nielsen"
    assert slug("OMU Ældre & Sundhed / Åparken") == "omu-aeldre-sundhed-aaparken"
    assert slug("Café Zoë: <CON>?*") == "cafe-zoe-con"


def test_a_deck_name_is_date_director_committee():
    assert (
        deck_stem("2025-03-12", "mette-holm", "OMU Børn og Familie")
        == "2025-03-12_mette-holm_omu-boern-og-familie"
    )


def test_long_names_are_cut_at_a_word():
    stem = deck_stem("2025-03-12", "mette-holm", "OMU " + "Meget Lang Udvalgsbetegnelse " * 6)
    assert len(stem) <= MAX_STEM
    assert stem.startswith("2025-03-12_mette-holm_omu-meget-lang")
    assert not stem.endswith("-")


def test_repeated_names_get_a_number():
    assert unique_stems(["a", "b", "a", "a"]) == ["a", "b", "a-2", "a-3"]
