"""Keeps one LibreOffice running and converts decks to PDF through it, one request a line.

Run by `deckgen.preview.office` with a Python that has LibreOffice's UNO bridge (Debian's
`/usr/bin/python3` with `python3-uno`, or the `python` LibreOffice ships on Windows), which
need not be the Python deckgen runs in: so this file imports nothing but the standard library
and `uno`. Arguments: the `soffice` program and the profile folder's URL.

It starts `soffice --headless --accept=pipe,…` with that profile, connects over UNO and says
`{"ready": true}` on a line of its own. Then each line on standard input is a JSON object
`{"input": "/…/deck.pptx", "output": "/…/deck.pdf"}`, answered on standard output by
`{"ok": true}` or `{"ok": false, "error": "…"}`. When standard input closes (deckgen stopped,
or died) it ends LibreOffice and itself, so no LibreOffice outlives the server.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

START_TIMEOUT_S = 120
"""How long LibreOffice may take to start with a new profile on a busy machine."""


def _start(soffice: str, profile: str, pipe: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _connect(pipe: str, office: subprocess.Popen[bytes]) -> Any:
    import uno  # type: ignore[import-not-found]

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            if office.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _property(name: str, value: Any) -> Any:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    found = PropertyValue()
    found.Name, found.Value = name, value
    return found


def _convert(desktop: Any, source: str, target: str) -> None:
    document = desktop.loadComponentFromURL(
        Path(source).as_uri(),
        "_blank",
        0,
        (_property("Hidden", True), _property("ReadOnly", True)),
    )
    if document is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        document.storeToURL(Path(target).as_uri(), (_property("FilterName", "impress_pdf_Export"),))
    finally:
        document.close(True)


def _say(reply: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()


def main() -> int:
    soffice, profile = sys.argv[1], sys.argv[2]
    pipe = f"deckgen-{os.getpid()}-{secrets.token_hex(8)}"
    office = _start(soffice, profile, pipe)
    desktop = None
    try:
        try:
            desktop = _connect(pipe, office)
        except Exception as exc:
            _say({"ready": False, "error": f"{type(exc).__name__}: {exc}"})
            return 1
        _say({"ready": True})
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _convert(desktop, request["input"], request["output"])
            except Exception as exc:
                _say({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
                if office.poll() is not None:
                    return 1  # LibreOffice died: deckgen starts a new worker
            else:
                _say({"ok": True})
        return 0
    finally:
        if desktop is not None:
            with contextlib.suppress(Exception):  # it is being stopped anyway
                desktop.terminate()
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            office.kill()
            office.wait()


if __name__ == "__main__":
    sys.exit(main())
