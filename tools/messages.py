"""Keep the message catalogue current: extract every `_()`, `ngettext()` and `N_()` message
from deckgen/, merge them into the Danish catalogue, and compile it.

    python tools/messages.py            # extract, update deckgen/locale/da/.../deckgen.po, compile

Then translate the new entries in the .po file (empty `msgstr ""`, or marked `#, fuzzy`) and
run it again to compile. tests/test_messages.py fails until every message has Danish words.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOCALE = REPO / "deckgen" / "locale"
TEMPLATE = LOCALE / "deckgen.pot"


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=REPO)


def main() -> None:
    pybabel(
        "extract",
        "--no-location",
        "--sort-output",
        "--omit-header",
        "-k",
        "_",
        "-k",
        "ngettext:1,2",
        "-k",
        "N_",
        "-o",
        str(TEMPLATE),
        "deckgen",
    )
    po = LOCALE / "da" / "LC_MESSAGES" / "deckgen.po"
    if po.exists():
        pybabel(
            "update",
            "--no-fuzzy-matching",
            "-i",
            str(TEMPLATE),
            "-d",
            str(LOCALE),
            "-D",
            "deckgen",
            "-l",
            "da",
            "--ignore-obsolete",
        )
    else:
        pybabel("init", "-i", str(TEMPLATE), "-d", str(LOCALE), "-D", "deckgen", "-l", "da")
    pybabel("compile", "-d", str(LOCALE), "-D", "deckgen", "-l", "da", "--statistics")


if __name__ == "__main__":
    main()
