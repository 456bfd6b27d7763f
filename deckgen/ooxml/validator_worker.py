"""Run the Open XML validator on one package, in a child process with a processor limit.

`deckgen.ooxml.schema.validate` runs this file as a script (`python -P`: on the import path
deckgen itself has, but nothing from this file's own folder):
`validator_worker.py PACKAGE SECONDS MOST`. It prints the findings as JSON,
`[[part, path, message], …]`, and exits 3 if the validator is not installed.
Only the standard library and the validator: it does not import deckgen.
"""

from __future__ import annotations

import json
import sys

_MEMORY = 4 * 1024 * 1024 * 1024
"""Bytes of address space the validator may use."""


def main(package: str, seconds: int, most: int) -> int:
    """Validate `package` within `seconds` of processor time; print at most `most` findings."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
        # And memory: a package at deckgen's size limits, parsed, is far below this.
        resource.setrlimit(resource.RLIMIT_AS, (_MEMORY, _MEMORY))
    except (ImportError, ValueError, OSError):  # no such limits here (Windows)
        pass
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError:
        return 3
    result = OpenXmlValidator(max_errors=most).validate(package)
    found = [
        [error.part_uri or "", error.path or "", getattr(error, "description", "") or str(error)]
        for error in result.errors
    ]
    json.dump(found, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3])))
