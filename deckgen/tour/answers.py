"""What `deckgen new` makes of the answers a secretary types, and keeping them between runs.

Dates are read by `deckgen.tour.dates`, as a schedule's are. Blocks are chosen by the numbers
shown beside them, by id, or by their heading typed out whole (spaces and all), several
separated by commas. The answers given so far are kept in the user's cache after each
question, so a run stopped with Ctrl+C can be taken up again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
from collections.abc import Collection, Sequence
from pathlib import Path

from deckgen.cache import cache_folder
from deckgen.errors import close_match
from deckgen.i18n import _


def choose_blocks(
    text: str, shown: Sequence[tuple[str, str]], allowed: Collection[str]
) -> tuple[str, ...]:
    """The block ids `text` names, each one of `allowed`; ValueError says which is not.

    `shown` is the numbered list the user sees (number 1 first): each block's id and heading.
    A part (between commas) is a number from that list, an id, or a heading typed out whole;
    a part that is none of these but whose words all are (`3 7 tak-for-i-dag`) names each."""
    chosen: list[str] = []
    for part in (p.strip() for p in re.split(r"[,;]", text)):
        if not part:
            continue
        found = _one_block(part, shown)
        if found is None:
            words = part.split()
            each = [_one_block(word, shown) for word in words]
            if len(words) < 2 or None in each:
                raise ValueError(_unknown_block(part, shown))
            chosen.extend(block for block in each if block is not None)
        else:
            chosen.append(found)
    for block_id in chosen:
        if block_id not in allowed:
            raise ValueError(
                _("{id!r} cannot be chosen here — choose among {ids}").format(
                    id=block_id, ids=", ".join(allowed) or "—"
                )
            )
    return tuple(dict.fromkeys(chosen))


def _one_block(part: str, shown: Sequence[tuple[str, str]]) -> str | None:
    if part.isdigit():
        number = int(part)
        return shown[number - 1][0] if 1 <= number <= len(shown) else None
    key = " ".join(part.split()).casefold()
    for block_id, heading in shown:
        if key in (block_id.casefold(), " ".join(heading.split()).casefold()):
            return block_id
    return None


def _unknown_block(part: str, shown: Sequence[tuple[str, str]]) -> str:
    if part.isdigit():
        return _("there is no block number {number}; the numbers go from 1 to {last}").format(
            number=part, last=len(shown)
        )
    names = [block_id for block_id, _heading in shown]
    hint = close_match(part, names) or _("write a number or a name from the list")
    return _("{text!r} is not one of the blocks — {hint}").format(text=part, hint=hint)


def answers_file(profiles: Path) -> Path | None:
    """Where the answers of a `deckgen new` for the project of `profiles` are kept between
    runs (in the user's cache); None when the cache is off."""
    folder = cache_folder()
    if folder is None:
        return None
    project = hashlib.sha256(str(profiles.resolve()).encode()).hexdigest()[:16]
    return folder / "new" / f"{project}.json"


def load_answers(profiles: Path) -> dict[str, str]:
    """The answers an earlier, unfinished `deckgen new` kept; empty if none (or unreadable)."""
    path = answers_file(profiles)
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(key): str(value) for key, value in data.items()}


def save_answers(profiles: Path, answers: dict[str, str]) -> None:
    """Keep `answers` for the next run; a cache that cannot be written only loses them."""
    path = answers_file(profiles)
    if path is None:
        return
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, path)


def forget_answers(profiles: Path) -> None:
    """Drop the kept answers (the deck was written)."""
    path = answers_file(profiles)
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()
