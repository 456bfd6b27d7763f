"""Files that blocks refer to: resolve their paths safely, and read pictures into clean bytes.

A path written in a block file is relative to that file and must stay inside the project: no
absolute paths, no `..` or symlink that leads out. A picture is opened with Pillow, checked
(a format we accept, not damaged, not a decompression bomb), turned upright by its EXIF
orientation, converted to 8-bit RGB(A), scaled down to a sensible size and saved again as PNG
or JPEG without any metadata, so no camera serial number or GPS position ends up in a deck.
The same inputs always give the same bytes.
"""

from __future__ import annotations

import contextlib
import io
import os
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath
from stat import S_ISREG
from typing import cast

import PIL
from msgspec import Struct
from PIL import Image, UnidentifiedImageError

from deckgen import cache, regular
from deckgen.errors import DeckgenError
from deckgen.i18n import N_, _
from deckgen.regular import NotRegular, kind_of, read_regular

ACCEPTED_FORMATS = frozenset({"PNG", "JPEG", "MPO", "GIF", "BMP", "TIFF"})
"""Pillow's names of the formats we read (MPO is the JPEG some cameras write)."""
MAX_FILE_BYTES = 40 * 1024 * 1024
"""A picture file larger than this is not meant for a slide."""
MAX_PIXELS = 60_000_000
"""Pictures above 60 megapixels are refused before decoding (decompression-bomb guard)."""
MAX_LONG_SIDE = 2000
"""Pictures are scaled down so their long side has at most this many pixels."""
JPEG_QUALITY = 88
_ENCODER_VERSION = "2"
"""Bump when `_normalise` or `_encode` change what they produce: it keys the picture cache."""
PNG_MAX_COLOURS = 256
"""Pictures with at most this many colours (drawings, diagrams) are kept as lossless PNG."""
PNG_SIZE_ALLOWANCE = 2.5
"""A picture from a lossless file stays PNG unless that is this many times a JPEG's size
(a drawing with smooth edges is 1.5–2 times; a photo saved as PNG 3–10 times)."""
_PNG_LEVEL = 6
"""zlib's default: PNG `optimize` took 3.7 times as long and was no smaller on our pictures."""
LOSSLESS_FORMATS = frozenset({"PNG", "GIF", "BMP", "TIFF"})

_FORMAT_LIST = N_("PNG, JPEG, GIF, BMP or TIFF")
_SNIFFED = (
    (b"<svg", N_("an SVG drawing")),
    (b"<?xml", N_("an SVG drawing")),
    (b"WEBP", N_("a WebP picture")),
    (b"ftypheic", N_("a HEIC photo")),
    (b"ftypmif1", N_("a HEIC photo")),
    (b"%PDF", N_("a PDF document")),
)


class AssetError(DeckgenError):
    """A file a block refers to cannot be used; `hint` says what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message, None, hint)


class PreparedImage(Struct, frozen=True):
    """A picture ready for a slide: clean PNG or JPEG bytes and their size in pixels."""

    data: bytes
    format: str
    width: int
    height: int

    @property
    def aspect(self) -> float:
        """Width divided by height."""
        return self.width / self.height


def resolve_asset(written: str, folder: Path, root: Path) -> Path:
    """The file `written` (relative to `folder`) names, which must lie inside `root`."""
    if "\\" in written:
        raise AssetError(
            _("{written} uses backslashes").format(written=repr(written)),
            _("write paths with forward slashes: pictures/a.png"),
        )
    if PurePosixPath(written).is_absolute() or PureWindowsPath(written).drive:
        raise AssetError(
            _("{written} is an absolute path; pictures must be inside the project").format(
                written=repr(written)
            ),
            _("write the path relative to this YAML file, e.g. ../../assets/pictures/a.png"),
        )
    root = root.resolve()
    try:
        path = on_disk((folder / written).resolve()).resolve()
    except (RuntimeError, OSError):  # Python 3.11 raises RuntimeError for a loop of links
        raise AssetError(
            _("{written} is a symbolic link that leads round in a loop").format(
                written=repr(written)
            ),
            _("point the link at the picture file itself"),
        ) from None
    if not path.is_relative_to(root):
        raise AssetError(
            _("{written} leads outside the project ({root})").format(
                written=repr(written), root=root
            ),
            _("copy the picture into the project's assets/ folder and point there"),
        )
    if path.is_dir():
        raise AssetError(
            _("{written} is a folder, not a picture").format(written=repr(written)),
            _("name the picture file"),
        )
    if not path.exists():
        raise AssetError(
            _("picture {written} not found (looked for {path})").format(
                written=repr(written), path=path
            ),
            _("check the spelling; the path is relative to this YAML file"),
        )
    return path


_MOST_LISTED = 10_000
"""The most entries of one folder looked through for a name written in another form."""


def on_disk(path: Path) -> Path:
    """`path`, or the path on disk whose names are the same letters in another Unicode form:
    deckgen reads every text in NFC (one code point for "å"), while a file copied from a Mac
    may be named in NFD ("a" and a combining ring), and Linux takes the two for different
    names. Each missing part of `path` is looked for among its folder's entries."""
    if os.path.lexists(path) or path.name.isascii():
        return path
    current = Path(path.anchor) if path.anchor else Path()
    for part in path.parts[len(current.parts) :]:
        candidate = current / part
        if not os.path.lexists(candidate) and not part.isascii() and current.is_dir():
            wanted = unicodedata.normalize("NFC", part)
            with os.scandir(current) as entries:
                for number, entry in enumerate(entries):
                    if number >= _MOST_LISTED:
                        break
                    if unicodedata.normalize("NFC", entry.name) == wanted:
                        candidate = current / entry.name
                        break
        current = candidate
    return current


def prepare_image(path: Path) -> PreparedImage:
    """Read, check and re-encode the picture at `path`; raise `AssetError` if unusable."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise AssetError(
            _("cannot read {name}: {strerror}").format(name=path.name, strerror=exc.strerror)
        ) from None
    if not S_ISREG(stat.st_mode):
        # A FIFO would wait for a writer forever, a device never end.
        raise AssetError(
            _("{name} is {kind_of}, not a picture file").format(
                name=path.name, kind_of=kind_of(stat.st_mode)
            ),
            _("name the picture file"),
        )
    if stat.st_size > MAX_FILE_BYTES:
        raise AssetError(
            _("{name} is {value:.1f} MB; pictures may be at most {value2:.1f} MB").format(
                name=path.name, value=stat.st_size / 1e6, value2=MAX_FILE_BYTES / 1e6
            ),
            _("save a smaller copy (2000 pixels on the long side is plenty)"),
        )
    if not regular.settled(stat):  # it could change again unseen: read afresh
        return _prepare_cached.__wrapped__(path, regular.stamp(stat))
    return _prepare_cached(path, regular.stamp(stat))


@lru_cache(maxsize=16)
def _prepare_cached(path: Path, stamp: tuple[int, int, int, int, int]) -> PreparedImage:
    # The file's stamp is the key so an edited picture is read again, even one written over
    # with its old size and modification time (`touch -r`): its change time is new.
    try:
        raw = read_regular(path, MAX_FILE_BYTES)
    except NotRegular as exc:  # swapped since it was checked, or grown over the limit
        raise AssetError(f"{path.name}: {exc.message}", exc.hint) from None
    except OSError as exc:
        raise AssetError(
            _("cannot read {name}: {strerror}").format(name=path.name, strerror=exc.strerror)
        ) from None
    cache_key = cache.key(_ENCODER_VERSION, PIL.__version__, raw)
    cached = cache.load("pictures", cache_key)
    if cached is not None:
        with contextlib.suppress(ValueError, UnicodeDecodeError):
            return _from_cache(cached)
    picture = _decode(raw, path.name)
    prepared = _encode(_normalise(picture), picture.format in LOSSLESS_FORMATS)
    cache.store("pictures", cache_key, _to_cache(prepared))
    return prepared


def _to_cache(prepared: PreparedImage) -> bytes:
    header = f"{prepared.format} {prepared.width} {prepared.height}\n".encode()
    return header + prepared.data


def _from_cache(entry: bytes) -> PreparedImage:
    header, _sep, data = entry.partition(b"\n")
    kind, width, height = header.decode().split()
    return PreparedImage(data, kind, int(width), int(height))


def _decode(raw: bytes, name: str) -> Image.Image:
    """Open and fully decode `raw`, refusing unknown formats, bombs and damaged files."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            picture = Image.open(io.BytesIO(raw))
            _check_format(picture, name)
            _check_pixels(picture.size, name)
            picture.verify()
            # verify() leaves the image unusable; open again to decode every pixel.
            picture = Image.open(io.BytesIO(raw))
            picture.seek(0)
            picture.load()
        except AssetError:
            raise
        except UnidentifiedImageError:
            raise AssetError(_unknown_format(raw, name), _convert_hint()) from None
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise AssetError(
                _("{name} claims to be enormous; it looks like a decompression bomb").format(
                    name=name
                ),
                _("use a normal picture file"),
            ) from None
        except Exception as exc:
            # Pillow raises many exception types for damaged data; all mean the same here.
            raise AssetError(
                _("{name} is damaged or cut short ({exc})").format(name=name, exc=exc),
                _("open it in an image program and save it again"),
            ) from None
    return picture


def _check_format(picture: Image.Image, name: str) -> None:
    if picture.format not in ACCEPTED_FORMATS:
        raise AssetError(
            _("{name} is a {format} picture; deckgen accepts {FORMAT_LIST}").format(
                name=name, format=picture.format, FORMAT_LIST=_(_FORMAT_LIST)
            ),
            _convert_hint(),
        )


def _check_pixels(size: tuple[int, int], name: str) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise AssetError(
            _("{name} has no pixels ({width} × {height})").format(
                name=name, width=width, height=height
            )
        )
    if width * height > MAX_PIXELS:
        raise AssetError(
            _(
                "{name} is {width} × {height} pixels ({value:.0f} megapixels); "
                "deckgen reads pictures up to {value2:.0f} megapixels"
            ).format(
                name=name,
                width=width,
                height=height,
                value=width * height / 1e6,
                value2=MAX_PIXELS / 1e6,
            ),
            _("scale it down (2000 pixels on the long side is plenty for a slide)"),
        )


def _unknown_format(raw: bytes, name: str) -> str:
    head = raw[:512].lstrip()
    for marker, what in _SNIFFED:
        if marker in head[:64] or (marker == b"<svg" and marker in head):
            return _("{name} is {what}, which deckgen does not put on slides").format(
                name=name, what=_(what)
            )
    return _("{name} is not a picture deckgen can read (its contents are not {formats})").format(
        name=name, formats=_(_FORMAT_LIST)
    )


def _convert_hint() -> str:
    return _("export or save it as PNG (drawings) or JPEG (photos)")


def _normalise(picture: Image.Image) -> Image.Image:
    """Upright, sRGB, 8-bit RGB or RGBA, at most `MAX_LONG_SIDE` pixels on the long side."""
    from PIL import ImageOps  # only a picture not in the cache is made again

    picture = ImageOps.exif_transpose(picture) or picture
    picture = _to_srgb(picture)
    if picture.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        # 16-bit and float greyscale: spread the used range over 0…255.
        # One band: (lowest, highest), not a pair per band.
        low, high = cast("tuple[float, float]", picture.getextrema())
        scale = 255 / (high - low) if high > low else 1
        picture = picture.convert("F").point(lambda v: (v - low) * scale).convert("L")
    has_alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
    picture = picture.convert("RGBA" if has_alpha else "RGB")
    if has_alpha and picture.getchannel("A").getextrema() == (255, 255):
        picture = picture.convert("RGB")
    if max(picture.size) > MAX_LONG_SIDE:
        ratio = MAX_LONG_SIDE / max(picture.size)
        size = (max(1, round(picture.width * ratio)), max(1, round(picture.height * ratio)))
        picture = picture.resize(size, Image.Resampling.LANCZOS)
    return picture


def _to_srgb(picture: Image.Image) -> Image.Image:
    """Convert colours by the embedded ICC profile, so a CMYK or Adobe RGB file looks right."""
    profile = picture.info.get("icc_profile")
    if not profile or picture.mode not in ("RGB", "RGBA", "CMYK"):
        return picture.convert("RGB") if picture.mode == "CMYK" else picture
    from PIL import ImageCms  # only a picture with a colour profile needs it

    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        target = ImageCms.createProfile("sRGB")
        mode = "RGBA" if picture.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(picture, source, target, outputMode=mode) or picture
    except (ImageCms.PyCMSError, OSError, ValueError):
        # A broken profile is ignored rather than refusing an otherwise good picture.
        return picture.convert("RGB") if picture.mode == "CMYK" else picture


def _encode(picture: Image.Image, lossless_source: bool) -> PreparedImage:
    """PNG for transparency and drawings, JPEG for photos; never any metadata.

    A picture with few colours stays PNG. One that came from a lossless file (a drawing with
    smooth edges, a screenshot) stays PNG unless that is much larger than a JPEG, as for a
    photo saved as PNG.
    """
    clean = Image.new(picture.mode, picture.size)
    clean.paste(picture)  # a fresh image carries no info dict: no EXIF, ICC, text chunks
    png = io.BytesIO()
    jpeg = io.BytesIO()
    if clean.mode == "RGBA" or clean.getcolors(PNG_MAX_COLOURS) is not None:
        clean.save(png, format="PNG", compress_level=_PNG_LEVEL)
    else:
        clean.save(jpeg, format="JPEG", quality=JPEG_QUALITY, optimize=True, subsampling=0)
        if lossless_source:
            clean.save(png, format="PNG", compress_level=_PNG_LEVEL)
    keep_png = png.tell() and (not jpeg.tell() or png.tell() <= PNG_SIZE_ALLOWANCE * jpeg.tell())
    data, kind = (png.getvalue(), "PNG") if keep_png else (jpeg.getvalue(), "JPEG")
    return PreparedImage(data, kind, *clean.size)
