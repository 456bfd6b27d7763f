"""Make one visit's deck the way `deckgen new` does: the visit's deck file in `visits/` beside
the director's deck, and the deck built from it, both written only once the deck is known to
build. (The web page draws a visit's deck in memory, `api.visit_pptx`, and writes the same deck
file with `api.save_visit_file`; both plan it with `deckgen.tour.visits` as this does.)"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from deckgen.build import Builder, BuildResult
from deckgen.output import check_target, refuse_special_output, write_atomic
from deckgen.project import DEFAULT_OUTPUT_DIR
from deckgen.source import parse_yaml
from deckgen.tour.visits import PlannedVisit, visit_deck_file


def make_visit_deck(
    planned: PlannedVisit,
    output: Path | None = None,
    *,
    force: bool = False,
    replace: Callable[[Path], bool] = lambda deck_file: False,
    on_deck_file: Callable[[Path], None] = lambda deck_file: None,
) -> BuildResult | None:
    """Write `planned`'s deck file (`deckgen new`) and build it into `output` (default:
    `build/<date_director_committee>.pptx`); None if the deck file was there and `replace`,
    asked with its path, said no. `on_deck_file` hears of the deck file once written.

    The deck is composed and drawn from the deck file's text in memory, before anything is
    written: a visit that cannot be built (a committee name too long for the title, a broken
    block) leaves neither a deck file nor a deck behind, and the deck written is the one the
    file builds."""
    builder = Builder()
    deck_file, deck_text = visit_deck_file(planned)
    target = output or DEFAULT_OUTPUT_DIR / f"{planned.stem}.pptx"
    keep_old = check_target(target, [deck_file, planned.deck_path], force)
    doc = parse_yaml(deck_text.decode("utf-8"), deck_file)
    # The deck file's relative paths (library, theme) lead through its folder, which must
    # be there to be followed; made for the build, it goes again if the build fails.
    made_folder = not deck_file.parent.exists()
    deck_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        drawn = builder.render(builder.compose(deck_file, doc=doc))
    except BaseException:
        if made_folder:
            with contextlib.suppress(OSError):
                deck_file.parent.rmdir()
        raise
    refuse_special_output(deck_file)  # a link there is never replaced, so never asked about
    if deck_file.exists() and not replace(deck_file):
        return None
    write_atomic(deck_file, deck_text, backup=True)
    on_deck_file(deck_file)
    return drawn.written(target, write_atomic(target, drawn.data, backup=keep_old))
