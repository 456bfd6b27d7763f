"""Write a deck's zip package from members deflated once and kept.

Most members of a deck are the template's and are the same in every deck of a theme
(masters, layouts, theme, fonts, pictures, their relationships); deflating them again for
every deck was a third of a warm build. `pack` keeps a member's packed bytes by their SHA-256
from the second time they come (a changed part is simply a new entry; a deck's own slides,
which rarely come again, are not kept), and `zip_bytes` writes the zip from packed members
byte for byte as `zipfile` writes it with deckgen's fixed entry attributes
(`tests/render/test_zipwrite.py` holds the two to each other).

The kept members are bounded (`MAX_KEPT_BYTES`, least recently used forgotten first) and
guarded by a lock, so threads building at once share them safely.
"""

from __future__ import annotations

import hashlib
import io
import struct
import threading
import zlib
from collections import OrderedDict

from msgspec import Struct

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
"""Zip entries carry this time, so the same deck gives the same bytes on every build."""
STORED_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")
"""Pictures are compressed already; deflating them again costs time and saves nothing."""
MAX_KEPT_BYTES = 8 * 1024 * 1024
"""Bytes of packed members kept at most (a template's parts are about 0.5 MB)."""

_STORED, _DEFLATED = 0, 8  # zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED
_VERSION = 20  # zipfile's DEFAULT_VERSION: what a plain stored or deflated entry needs
_UTF8_NAME = 0x800
_ATTRIBUTES = 0o600 << 16
"""zipfile writes an entry whose `external_attr` is 0 with these (rw for the owner)."""
_LOCAL, _CENTRAL, _END = "<4s2B4HL2L2H", "<4s4B4HL2L5H2L", "<4s4H2LH"  # zipfile's formats
_LIMIT = (1 << 31) - 1
"""Below this, zipfile writes no ZIP64 fields; a deck is never near it (see `zip_bytes`)."""
_DOS_DATE = (FIXED_TIME[0] - 1980) << 9 | FIXED_TIME[1] << 5 | FIXED_TIME[2]
_DOS_TIME = FIXED_TIME[3] << 11 | FIXED_TIME[4] << 5 | FIXED_TIME[5] // 2


class Packed(Struct, frozen=True):
    """A member's bytes as they go into the zip, with what its entry records."""

    method: int
    crc: int
    size: int
    data: bytes
    sha256: str
    """Of the bytes as given (a content part's hash, `deckgen.provenance.ContentDigest`)."""


_kept: OrderedDict[tuple[str, int], Packed] = OrderedDict()
"""Packed members by the SHA-256 of their bytes and their method, least recently used first."""
_kept_bytes = 0
_seen: OrderedDict[tuple[str, int], None] = OrderedDict()
"""Members packed once and not kept: a member is kept when it comes again (a template's
part comes in every deck; a deck's own slides mostly never again)."""
_MAX_SEEN = 4096
_lock = threading.Lock()


def method_for(name: str) -> int:
    """How the member `name` is stored: pictures as they are, everything else deflated."""
    return _STORED if name.endswith(STORED_SUFFIXES) else _DEFLATED


def pack(data: bytes, method: int) -> Packed:
    """`data` packed by `method`, deflated once for all the decks that have the same bytes."""
    global _kept_bytes
    sha256 = hashlib.sha256(data).hexdigest()
    key = (sha256, method)
    with _lock:
        found = _kept.get(key)
        if found is not None:
            _kept.move_to_end(key)
            return found
        again = key in _seen
        if not again:
            _seen[key] = None
            if len(_seen) > _MAX_SEEN:
                _seen.popitem(last=False)
    if method == _DEFLATED:
        # zipfile's own compressor for ZIP_DEFLATED at its default level.
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        packed_data = compressor.compress(data) + compressor.flush()
    else:
        packed_data = data
    packed = Packed(method, zlib.crc32(data), len(data), packed_data, sha256)
    if again and len(packed_data) <= MAX_KEPT_BYTES // 4:
        with _lock:
            if key not in _kept:
                _seen.pop(key, None)
                _kept[key] = packed
                _kept_bytes += len(packed_data)
                while _kept_bytes > MAX_KEPT_BYTES:
                    _, dropped = _kept.popitem(last=False)
                    _kept_bytes -= len(dropped.data)
    return packed


def zip_bytes(members: list[tuple[str, Packed]]) -> bytes:
    """The zip of `members` in order, as `zipfile.ZipFile.writestr` writes it to memory with
    entries of time `FIXED_TIME`, `create_system` 0 and `external_attr` 0."""
    too_many = len(members) >= 0xFFFF
    if too_many or sum(len(packed.data) + packed.size for _, packed in members) >= _LIMIT:
        raise ValueError("a package this large needs ZIP64, which decks never do")
    out = io.BytesIO()
    central = []
    for name, packed in members:
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), _UTF8_NAME
        offset = out.tell()
        # The fields the local header and the central directory share, as zipfile fills them.
        fields = (
            flags, packed.method, _DOS_TIME, _DOS_DATE, packed.crc, len(packed.data),
            packed.size, len(encoded),
        )  # fmt: skip
        out.write(struct.pack(_LOCAL, b"PK\003\004", _VERSION, 0, *fields, 0) + encoded)
        out.write(packed.data)
        entry = (_VERSION, 0, _VERSION, 0, *fields, 0, 0, 0, 0, _ATTRIBUTES, offset)
        central.append(struct.pack(_CENTRAL, b"PK\001\002", *entry) + encoded)
    start = out.tell()
    out.write(b"".join(central))
    size = out.tell() - start
    count = len(members)
    out.write(struct.pack(_END, b"PK\005\006", 0, 0, count, count, size, start, 0))
    return out.getvalue()
