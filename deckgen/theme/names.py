"""The names PowerPoint and LibreOffice give their standard layouts, in English and Danish (and
those of Google Slides' and Keynote's exports), so
a layout name from one install is recognised in another ('Section Header' is
'Sektionsoverskrift' in a Danish PowerPoint; our own theme says 'Afsnitsoverskrift'); and the
names a user reads for a layout's placeholders and a block's slots ("tekstfeltet")."""

from __future__ import annotations

from collections.abc import Iterable

from deckgen.errors import closest
from deckgen.i18n import N_, _

STANDARD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("Title Slide", "Titeldias", "Titelslide", "TITLE", "Title & Subtitle"),
    "content": (
        "Title and Content",
        "Titel og indhold",
        "Title, Content",
        "TITLE_AND_BODY",
        "Title & Bullets",
    ),
    "section": (
        "Section Header",
        "Sektionsoverskrift",
        "Afsnitsoverskrift",
        "Section Title",
        "SECTION_HEADER",
        "Section",
    ),
    "title_only": ("Title Only", "Kun titel", "TITLE_ONLY", "Title - Top"),
    "picture": ("Picture with Caption", "Billede med billedtekst", "Photo - Horizontal"),
    "blank": ("Blank", "Tom", "Blank Slide", "BLANK"),
    "two_content": (
        "Two Content",
        "To indholdsobjekter",
        "Title, 2 Content",
        "TITLE_AND_TWO_COLUMNS",
    ),
    "comparison": ("Comparison", "Sammenligning"),
    "content_caption": ("Content with Caption", "Indhold med billedtekst"),
    "centred": ("Centered Text",),
}
"""Each standard layout's names, English first. The keys are deckgen's layout roles where one
fits; statement and closing have no standard layout of their own."""


ROLE_BY_LAYOUT_TYPE = {
    "title": "title",
    "secHead": "section",
    "obj": "content",
    "tx": "content",
    "titleOnly": "title_only",
    "picTx": "picture",
    "blank": "title_only",
}
"""A layout's `type`, as PowerPoint and most templates set it, to the role deckgen gives a
slide on such a layout."""


def layout_role(name: str, kind: str) -> str | None:
    """The deckgen role of a layout named `name` of type `kind` (`obj`, `secHead`, …): by its
    standard name, else by its type; None if neither says."""
    folded = name.casefold()
    role = next(
        (key for key, names in STANDARD_NAMES.items() if folded in (n.casefold() for n in names)),
        None,
    )
    if role is not None and role not in (
        "blank",
        "two_content",
        "comparison",
        "content_caption",
        "centred",
    ):
        return role
    return ROLE_BY_LAYOUT_TYPE.get(kind)


def same_layout(name: str) -> tuple[str, ...]:
    """Every standard name of the layout called `name` (itself included), or just `name`."""
    folded = name.casefold()
    for names in STANDARD_NAMES.values():
        if folded in (known.casefold() for known in names):
            return names
    return (name,)


def closest_layout(name: str, choices: Iterable[str]) -> str | None:
    """The layout among `choices` that `name` most likely means: the same standard layout
    under its name in another language, else the closest spelling; None if none is close."""
    options = list(choices)
    equivalents = {known.casefold() for known in same_layout(name)}
    for option in options:
        if option.casefold() in equivalents and option != name:
            return option
    return closest(name, options, fold=True)


_PLACEHOLDER_NAMES = {
    "title": N_("the title placeholder"),
    "ctrTitle": N_("the title placeholder"),
    "subtitle": N_("the subtitle placeholder"),
    "subTitle": N_("the subtitle placeholder"),
    "body": N_("the body placeholder"),
    "obj": N_("the body placeholder"),
    "picture": N_("the picture placeholder"),
    "pic": N_("the picture placeholder"),
    "ftr": N_("the footer placeholder"),
    "sldNum": N_("the slide number placeholder"),
    "dt": N_("the date placeholder"),
}


def placeholder_name(kind: str) -> str:
    """`the body placeholder`: a layout's box of kind `kind` (`title`, `body`, `ftr`, …), named
    as the user's PowerPoint names it (in Danish "tekstfeltet", not the type's English name)."""
    if kind in _PLACEHOLDER_NAMES:
        return _(_PLACEHOLDER_NAMES[kind])
    return _("the {kind} placeholder").format(kind=kind)


_SLOT_NAMES = {
    "title": N_("title"),
    "subtitle": N_("subtitle"),
    "body": N_("text"),
    "picture": N_("picture"),
}


def slot_name(slot: str) -> str:
    """What a block puts in a layout's `slot` (`title`, `subtitle`, `body`, `picture`), in
    the user's words: `text` for the body, as `deckgen theme show` calls it."""
    return _(_SLOT_NAMES[slot]) if slot in _SLOT_NAMES else slot
