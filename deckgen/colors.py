"""Colours as RGB values, and WCAG 2.1 contrast: the one luminance formula deckgen uses.

The renderer (a QR code's colours must scan), the quality gate (text contrast) and the
drafting of a theme (`deckgen theme init` picks readable colours) ask how two colours
contrast; all three ask here. The sRGB transfer function uses the threshold
0.04045 of IEC 61966-2-1; WCAG 2.1 quotes 0.03928, and its own note says the two give the
same result for 8-bit colour values, which are all deckgen has.
"""

from __future__ import annotations

from msgspec import Struct


class Color(Struct, frozen=True):
    """An opaque or partly transparent RGB colour."""

    hex: str
    alpha: float = 1.0

    def over(self, below: str) -> str:
        """The colour seen when this one lies on top of `below` (RRGGBB)."""
        if self.alpha >= 1.0:
            return self.hex
        top, bottom = rgb(self.hex), rgb(below)
        mixed = (
            round(t * self.alpha + b * (1 - self.alpha)) for t, b in zip(top, bottom, strict=True)
        )
        return "".join(f"{value:02X}" for value in mixed)


def rgb(hex_value: str) -> tuple[int, int, int]:
    """The red, green and blue (0–255) of an RRGGBB colour."""
    return int(hex_value[0:2], 16), int(hex_value[2:4], 16), int(hex_value[4:6], 16)


def to_linear(channel: float) -> float:
    """An sRGB channel (0–1) in linear light."""
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def to_srgb(linear: float) -> float:
    """A channel in linear light (clamped to 0–1) in sRGB."""
    linear = min(max(linear, 0.0), 1.0)
    return linear * 12.92 if linear <= 0.0031308 else 1.055 * linear ** (1 / 2.4) - 0.055


def relative_luminance(hex_value: str) -> float:
    """WCAG 2.1 relative luminance of an RRGGBB colour."""
    red, green, blue = (to_linear(c / 255) for c in rgb(hex_value))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two RRGGBB colours, from 1 to 21."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
