"""Validate source files: every block, deck, theme, profile and schedule file under the paths
given, checked as a build would check it, every problem reported at once (`deckgen validate`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from deckgen.build import Builder
from deckgen.errors import DeckgenError, InvalidInput, Problem
from deckgen.files import file_kind, yaml_files
from deckgen.library import read_block_file
from deckgen.source import read_yaml
from deckgen.theme import load_theme


def validate_sources(
    paths: Iterable[Path], variables: Mapping[str, str] | None = None
) -> tuple[list[Problem], list[Problem], int]:
    """Check every block, deck and theme file under `paths`.

    Returns (errors, warnings, files checked). Decks are composed and drawn in memory, so
    everything a build would find is found, and all of it is reported at once.
    """
    errors: list[Problem] = []
    warnings: list[Problem] = []
    files = yaml_files(paths, errors)
    # Decks that share a block library or a theme (the visit decks `deckgen new` writes)
    # read it once.
    builder = Builder()
    for path in files:
        try:
            doc = read_yaml(path)
            kind = file_kind(doc)
            if kind == "blocks":
                errors.extend(read_block_file(path, doc)[1])
            elif kind == "profiles":
                from deckgen.tour.profiles import load_profiles

                load_profiles(path)
            elif kind == "committees":
                from deckgen.committees import load_committees

                load_committees(path)
            elif kind == "schedule":
                from deckgen.tour.schedule import load_schedule

                errors.extend(load_schedule(path).problems)
            elif kind == "theme":
                from deckgen.render.deck import check_layouts

                errors.extend(check_layouts(load_theme(path)))
            else:
                deck = builder.compose(path, variables, require_values=False, doc=doc)
                warnings.extend(builder.render(deck).warnings)
        except InvalidInput as exc:
            errors.extend(exc.problems)
        except DeckgenError as exc:
            errors.append(exc.problem)
    return _unique(errors), _unique(warnings), len(files)


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
