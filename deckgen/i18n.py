"""Messages in the user's language: Danish by default, English on request.

Every sentence a user sees is written once, in English, where the problem is found, wrapped in
`_()` (or `ngettext()` when it counts something), and looked up in the gettext catalogue
`deckgen/locale/<language>/LC_MESSAGES/deckgen.mo` when it is made. A text that must be kept
before the language is known (a module-level constant, a click option's help) is marked with
`N_()` and translated with `_()` where it is shown. `python tools/messages.py` extracts the
messages, updates the Danish catalogue and compiles it (with Babel); `tests/test_messages.py`
fails when a message has no Danish translation or the compiled catalogue is stale.
"""

from __future__ import annotations

import gettext
import os
import string
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "deckgen"
LANGUAGES = ("da", "en")
"""The languages deckgen speaks; the first is the default."""
ENVIRONMENT = "DECKGEN_LANG"
"""The environment variable that chooses the language (`da` or `en`), as `--lang` does."""

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = LANGUAGES[0]


def choose_language(language: str | None = None) -> str:
    """Speak `language` (else `$DECKGEN_LANG`, else Danish) from now on; returns it.

    `da_DK.UTF-8` and `en-GB` count as `da` and `en`; a language deckgen does not speak gives
    Danish, so a stray setting never leaves a secretary with English.
    """
    global _translation, _language
    wanted = (language or os.environ.get(ENVIRONMENT) or LANGUAGES[0]).strip().lower()[:2]
    _language = wanted if wanted in LANGUAGES else LANGUAGES[0]
    _translation = gettext.translation(DOMAIN, LOCALE_DIR, languages=[_language], fallback=True)
    return _language


def language() -> str:
    """The language messages are made in now."""
    return _language


class Message(str):
    """A message in the current language whose `format` writes numbers as that language
    does: `{size:,.1f} MB` gives `1.234,5 MB` in Danish, where `1,234.5` reads as a bit
    over one. Every message is one, so no placeholder can forget it."""

    __slots__ = ()

    def format(self, *args: object, **kwargs: object) -> str:
        return _NUMBERS.vformat(self, args, kwargs)


class _Numbers(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        text = format(value, format_spec)
        if _language != "da" or not format_spec or not isinstance(value, (int, float)):
            return text
        if isinstance(value, bool):
            return text
        # Danish swaps the English separators: a comma for decimals, a point for thousands.
        return text.translate(_DANISH_SEPARATORS)


_NUMBERS = _Numbers()
_DANISH_SEPARATORS = str.maketrans({",": ".", ".": ","})


def _(message: str) -> str:
    """`message` in the current language."""
    return Message(_translation.gettext(message))


def ngettext(singular: str, plural: str, count: int) -> str:
    """`singular` or `plural`, as `count` asks in the current language."""
    return Message(_translation.ngettext(singular, plural, count))


def decimal(value: float, digits: int = 1) -> str:
    """`value` with `digits` decimals, written as the current language writes it (6,5 in Danish)."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if _language == "da" else text


def grouped(value: int) -> str:
    """`value` with its thousands grouped as the current language writes them (12.000 in
    Danish), for a message whose placeholder is filled before it is formatted."""
    text = f"{value:,}"
    return text.translate(_DANISH_SEPARATORS) if _language == "da" else text


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it yet (translate it with `_()`)."""
    return message


choose_language()
