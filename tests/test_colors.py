"""WCAG contrast: one formula, for the renderer's QR codes and the gate's text contrast."""

import pytest

from deckgen.colors import contrast_ratio, relative_luminance, to_linear


def test_the_two_published_thresholds_agree_on_every_8_bit_value():
    # WCAG 2.1 prints 0.03928, sRGB (IEC 61966-2-1) 0.04045; no 8-bit value lies between.
    for value in range(256):
        channel = value / 255
        old = channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4
        assert to_linear(channel) == old


@pytest.mark.parametrize(
    ("first", "second", "ratio"),
    [("000000", "FFFFFF", 21.0), ("FFFFFF", "FFFFFF", 1.0), ("767676", "FFFFFF", 4.54)],
)
def test_contrast_ratios_match_wcag_examples(first, second, ratio):
    assert contrast_ratio(first, second) == pytest.approx(ratio, abs=0.005)
    assert contrast_ratio(second, first) == pytest.approx(ratio, abs=0.005)


def test_luminance_runs_from_black_to_white():
    assert relative_luminance("000000") == 0.0
    assert relative_luminance("FFFFFF") == pytest.approx(1.0)


def test_a_qr_code_in_colours_that_contrast_too_little_is_black_on_white():
    from deckgen.render.qr import qr_png

    assert qr_png("https://aarhus.dk", "777777", "999999") == qr_png(
        "https://aarhus.dk", "000000", "FFFFFF"
    )
    assert qr_png("https://aarhus.dk", "003366", "FFFFFF") != qr_png(
        "https://aarhus.dk", "000000", "FFFFFF"
    )
