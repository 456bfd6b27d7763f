"""Find or add a picture's part in a package, as python-pptx does, in one walk of it.

python-pptx looks for a picture already in the package by walking every relationship of the
package, and names a new one by walking every part again, and opens the picture with Pillow
to learn its format. A deck's pictures are PNG or JPEG (made by `deckgen.assets` or
`deckgen.render.qr`), and both answers come from the same walk, so `picture_part` walks once
and reads the format from the first bytes; the part it finds or names is python-pptx's.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.image import ImagePart

PICTURE_KINDS = ((b"\x89PNG\r\n\x1a\n", "png", CT.PNG), (b"\xff\xd8\xff", "jpg", CT.JPEG))
"""File signature, extension and content type of the picture formats deckgen writes."""


def picture_kind(data: bytes) -> tuple[str, str] | None:
    """The extension and content type of a PNG or JPEG picture, None for anything else."""
    return next(((ext, ct) for sig, ext, ct in PICTURE_KINDS if data.startswith(sig)), None)


def picture_part(package: Any, data: bytes) -> Any:
    """The image part holding `data` in `package`: the one python-pptx's
    `get_or_add_image_part` would give (the first image related with the same SHA-1, else a
    new part at the first free `/ppt/media/imageN`)."""
    kind = picture_kind(data)
    if kind is None:
        return package.get_or_add_image_part(io.BytesIO(data))
    sha1 = ""
    numbers: list[int] = []
    seen: set[int] = set()
    for rel in package.iter_rels():
        if rel.is_external:
            continue
        part = rel.target_part
        # A part of another length cannot have the same SHA-1; hashing only the candidates
        # keeps a template's large pictures from being hashed for every picture added.
        if rel.reltype == RT.IMAGE and hasattr(part, "sha1") and len(part.blob) == len(data):
            sha1 = sha1 or hashlib.sha1(data).hexdigest()
            if part.sha1 == sha1:
                return part
        if id(part) in seen:
            continue
        seen.add(id(part))
        name = part.partname
        if name.startswith("/ppt/media/image") and name.idx is not None:
            numbers.append(name.idx)
    # python-pptx's numbering exactly, also when two pictures share a number (a.png, a.jpg).
    numbers.sort()
    number = next((n for n, used in enumerate(numbers, 1) if n < used), len(numbers) + 1)
    ext, content_type = kind
    return ImagePart(PackURI(f"/ppt/media/image{number}.{ext}"), content_type, package, data)
