"""Packages deckgen did not make (templates, received decks): hostile ones are refused or
reported with their file and part, exit status 1, no traceback, nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO

from deckgen.cli import main

TEMPLATE = REPO / "deckgen" / "data" / "theme" / "kommune.pptx"
THEME = REPO / "deckgen" / "data" / "theme" / "kommune.yaml"
LAYOUT_RELS = "ppt/slideLayouts/_rels/slideLayout2.xml.rels"
RELS_END = b"</Relationships>"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _run(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args])


def _package(
    target: Path,
    source: Path = TEMPLATE,
    edits: dict[str, tuple[bytes, bytes]] | None = None,
    extra: dict[str, bytes] | None = None,
    types: bytes = b"",
) -> Path:
    """A copy of the package `source` at `target`: `edits` replace bytes in members, `extra`
    adds members, `types` adds declarations to [Content_Types].xml."""
    edits = dict(edits or {})
    if types:
        edits["[Content_Types].xml"] = (b"</Types>", types + b"</Types>")
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in edits:
                old, new = edits[info.filename]
                assert old in data
                data = data.replace(old, new, 1)
            out.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return target


def _rel(rid: str, kind: str, target: str, external: bool = True) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"{mode}/>'.encode()


def _themed_project(project, template: Path) -> Path:
    """`project` with a deck whose theme uses `template` (in the project's `theme/` folder)."""
    folder = project.root / "theme"
    folder.mkdir(exist_ok=True)
    if template != TEMPLATE:
        template.rename(folder / template.name)
    text = THEME.read_text(encoding="utf-8").replace("../fonts/", f"{REPO}/deckgen/data/fonts/")
    text = text.replace("logo: logo.png\n", "").replace(
        "template: kommune.pptx", f"template: {template.name}"
    )
    (folder / "theme.yaml").write_text(text, encoding="utf-8")
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n", theme=folder / "theme.yaml")
    return folder / "theme.yaml"


def _refused(project, *expected: str) -> str:
    """Build and validate refuse the deck with `expected` in their output; nothing written."""
    for args in (
        ["build", project.deck_path, "-o", project.output],
        ["validate", project.deck_path],
    ):
        result = _run(*args)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and result.exception.__class__ is SystemExit
        for text in expected:
            assert text in result.output, result.output
    assert not project.output.exists()
    return result.output


# --- templates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "relationship", "shown"),
    [
        (LAYOUT_RELS, _rel("rId9", "image", "file:///etc/passwd"), "links a picture to 'file:///etc/passwd'"),
        ("ppt/slideMasters/_rels/slideMaster1.xml.rels", _rel("rId99", "image", "http://example.com/x.png"), "links a picture to 'http://example.com/x.png'"),
        ("ppt/slideMasters/_rels/slideMaster1.xml.rels", _rel("rId98", "hyperlink", "file://server/share/run.exe"), "links a link to 'file://server/share/run.exe'"),
    ],
)  # fmt: skip
def test_a_template_linking_outside_itself_is_refused_at_its_part(
    project, tmp_path, member, relationship, shown
):
    template = _package(
        project.root / "t.pptx", edits={member: (RELS_END, relationship + RELS_END)}
    )
    _themed_project(project, template)
    output = _refused(project, f"t.pptx: {member}: relationship", shown, "outside the file")
    assert "insert the picture or media into the template instead of linking to it" in output


def test_a_link_or_an_ole_object_on_a_templates_example_slide_is_left_out_with_it(project):
    from pptx import Presentation

    prs = Presentation(str(TEMPLATE))
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text_frame.paragraphs[0].add_run().hyperlink.address = "file:///S:/intra/"
    slide.part.relate_to("../embeddings/oleObject1.bin", f"{R}/oleObject", is_external=True)
    prs.save(str(project.root / "t.pptx"))
    _themed_project(project, project.root / "t.pptx")
    result = _run("build", project.deck_path, "-o", project.output)
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(project.output) as deck:
        carried = b"".join(deck.read(name) for name in deck.namelist())
    assert b"S:/intra" not in carried and b"oleObject" not in carried
    # theme init says what it left out, and why that is no loss.
    drafted = _run(
        "--lang", "en", "theme", "init", project.root / "theme" / "t.pptx",
        "-o", project.root / "theme" / "drafted.yaml",
    )  # fmt: skip
    assert drafted.exit_code == 0, drafted.output
    assert (
        "The template's example slide is left out: decks start from its layouts alone. What "
        "only the example slides hold is left out too: a link out of the file." in drafted.output
    )


def test_a_template_with_an_https_link_is_used(project):
    link = _rel("rId9", "hyperlink", "https://www.example.dk/")
    template = _package(project.root / "t.pptx", edits={LAYOUT_RELS: (RELS_END, link + RELS_END)})
    _themed_project(project, template)
    assert _run("build", project.deck_path, "-o", project.output).exit_code == 0
    assert project.output.exists()


VBA_TYPE = b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
PPTM_MAIN = b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


@pytest.mark.parametrize(
    ("extra", "types", "edits", "expected"),
    [
        ({"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0"}, VBA_TYPE, {"[Content_Types].xml": (PPTX_MAIN, PPTM_MAIN)}, "ppt/vbaProject.bin: a VBA macro project"),
        ({"ppt/embeddings/data.xlsm": b"PK"}, b"", {}, "ppt/embeddings/data.xlsm: an embedded file that can carry macros"),
        ({"ppt/activeX/activeX1.xml": b"<ax:ocx xmlns:ax='http://schemas.microsoft.com/office/2006/activeX'/>"}, b"", {}, "ppt/activeX/activeX1.xml: an ActiveX control"),
        ({"ppt/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"}, b"", {}, "ppt/embeddings/oleObject1.bin: an embedded OLE object"),
        ({"ppt/media/setup.exe": b"MZ"}, b"", {}, "ppt/media/setup.exe: an embedded program"),
        ({}, b"", {LAYOUT_RELS: (RELS_END, _rel("rId7", "oleObject", "../embeddings/x.png", external=False) + RELS_END)}, f"{LAYOUT_RELS}: relationship 'rId7' is an OLE object or control"),
    ],
)  # fmt: skip
def test_a_template_with_macros_controls_or_programs_is_refused(
    project, extra, types, edits, expected
):
    if "rId7" in str(edits):
        extra = {"ppt/embeddings/x.png": b"\x89PNG"}
    template = _package(project.root / "t.pptx", edits=edits, extra=extra, types=types)
    _themed_project(project, template)
    _refused(project, f"t.pptx: {expected}")


def test_a_zip_bomb_template_is_refused_before_reading(project):
    template = project.root / "t.pptx"
    _package(template)
    with (
        zipfile.ZipFile(template, "a", zipfile.ZIP_DEFLATED) as package,
        package.open("ppt/media/image9.png", "w", force_zip64=True) as member,
    ):
        for _ in range(101):
            member.write(bytes(1024 * 1024))  # 101 MiB of zeros pack into ~100 KB
    assert template.stat().st_size < 1_000_000
    _themed_project(project, template)
    _refused(
        project,
        "t.pptx: the template unpacks to far more than its size ('ppt/media/image9.png' packs "
        "106 MB into",
        "it looks like a zip bomb — do not open it",
    )


def test_a_part_that_unpacks_to_more_than_it_declares_is_damaged(project):
    template = _package(project.root / "t.pptx", extra={"ppt/media/big.bin": bytes(5000)})
    data = bytearray(template.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.rfind(signature)  # the last member's local and central headers
        assert data[at + offset : at + offset + 4] == (5000).to_bytes(4, "little")
        data[at + offset : at + offset + 4] = (100).to_bytes(4, "little")
    template.write_bytes(bytes(data))
    _themed_project(project, template)
    _refused(project, "t.pptx: the template is damaged: part 'ppt/media/big.bin'")


THEME_HEAD = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<a:theme xmlns:a=\"http://schemas"
    b'.openxmlformats.org/drawingml/2006/main" name="M\xc3\xb8llerup Kommune">'
)
LAUGHS = (  # a billion laughs: &x7; is 10^8 times "lol"
    b'<?xml version="1.0"?>\n<!DOCTYPE a:theme [<!ENTITY x "lol">'
    + b"".join(
        b'<!ENTITY x%d "' % i + (b"&x%d;" % (i - 1) if i else b"&x;") * 10 + b'">' for i in range(8)
    )
    + b"]>\n"
)


@pytest.mark.parametrize(
    ("member", "edit", "expected"),
    [
        ("ppt/slideLayouts/slideLayout2.xml", (b"</p:sldLayout>", b""), "part 'ppt/slideLayouts/slideLayout2.xml': its XML is cut short or broken at line"),
        (LAYOUT_RELS, (b"</Relationships>", b"<Relationship"), f"part '{LAYOUT_RELS}': its XML is cut short or broken"),
        ("ppt/theme/theme1.xml", (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>", b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;">]>'), "part 'ppt/theme/theme1.xml': it declares a DTD"),
        ("ppt/theme/theme1.xml", (THEME_HEAD, LAUGHS + THEME_HEAD.split(b"\n")[1].replace("Møllerup Kommune".encode(), b"&x7;")), "part 'ppt/theme/theme1.xml': it declares a DTD (entities)"),
        (LAYOUT_RELS, (RELS_END, _rel("rId8", "image", "../media/none.png", external=False) + RELS_END), "relationship 'rId8' points to '../media/none.png', which is not in the file"),
    ],
)  # fmt: skip
def test_a_template_with_broken_xml_names_its_part(project, member, edit, expected):
    template = _package(project.root / "t.pptx", edits={member: edit})
    _themed_project(project, template)
    _refused(project, "t.pptx: the template is damaged:", expected, "save it again")


def test_a_template_value_python_pptx_cannot_read_is_explained_by_the_validator(project):
    edit = (b'<p:ph type="body" idx="1"/>', b'<p:ph type="body" idx="abc"/>')
    layouts = ("ppt/slideLayouts/slideLayout4.xml", "ppt/slideLayouts/slideLayout2.xml")
    template = _package(project.root / "t.pptx", edits=dict.fromkeys(layouts, edit))
    theme = _themed_project(project, template)
    for layout in layouts:  # the deck's statement slide, and a layout only the theme names
        message = f"t.pptx: the template is damaged: {layout} /sldLayout[1]/cSld[1]/spTree[1]/"
        if layout.endswith("4.xml"):
            _refused(project, message, "Invalid value for attribute 'idx'", "— open the template")
        result = _run("validate", theme)
        assert result.exit_code == 1 and message in result.output, result.output


def test_a_template_without_content_types_is_refused(project):
    template = project.root / "t.pptx"
    with zipfile.ZipFile(TEMPLATE) as src, zipfile.ZipFile(template, "w") as out:
        for info in src.infolist():
            if info.filename != "[Content_Types].xml":
                out.writestr(info.filename, src.read(info.filename))
    _themed_project(project, template)
    _refused(project, "t.pptx: the template has no [Content_Types].xml: it is not an Office file")


@pytest.mark.parametrize(
    "name", ["../../evil.xml", "/etc/cron.d/x", "C:/Windows/x.dll", "ppt\\..\\..\\x"]
)
def test_a_template_with_unsafe_member_names_is_refused(project, name):
    template = _package(project.root / "t.pptx", extra={name: b"x"})
    _themed_project(project, template)
    _refused(
        project,
        f"t.pptx: {name!r}: a member name with `..`, a backslash, a drive or an absolute path — "
        "an unzip tool could write it outside its folder or over another part",
    )


# --- theme paths and fonts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("theme.yaml", "template: 'theme.yaml' is this theme file itself"),
        (".", "template: '.' is a folder"),
        ("fifo.pptx", "template: 'fifo.pptx' is a named pipe (FIFO), not a regular file"),
        ("/dev/zero", "template: '/dev/zero' is a device, not a regular file"),
        ("gone.pptx", "template: 'gone.pptx' not found next to the theme"),
        ("t.pptm", "template: 't.pptm' is a presentation with macros"),
    ],
)
def test_theme_template_paths_blame_the_template_line(project, written, expected):
    theme = _themed_project(project, TEMPLATE)
    os.mkfifo(theme.parent / "fifo.pptx")
    _package(theme.parent / "t.pptm")
    text = theme.read_text(encoding="utf-8").replace(
        "template: kommune.pptx", f"template: {written}"
    )
    theme.write_text(text, encoding="utf-8")
    _refused(project, f"theme.yaml:4:1: {expected} — ")


def test_a_font_file_that_is_not_a_font_is_reported_at_its_theme_line(project):
    theme = _themed_project(project, TEMPLATE)
    (theme.parent / "fake.ttf").write_text("not a font", encoding="utf-8")
    text = theme.read_text(encoding="utf-8")
    text = text.replace(f"bold: {REPO}/deckgen/data/fonts/Carlito-Bold.ttf", "bold: fake.ttf")
    theme.write_text(text, encoding="utf-8")
    line = text.splitlines().index("    bold: fake.ttf") + 1
    _refused(
        project,
        f"theme.yaml:{line}:5: fonts.files.bold: 'fake.ttf' is not a font file FreeType can "
        "read — point `bold:` at a .ttf or .otf font file",
    )
    result = _run("validate", theme)
    assert result.exit_code == 1 and f"theme.yaml:{line}:5: fonts.files.bold" in result.output


# --- .pptx files deckgen reads: check, provenance, rebuilding ------------------------------


def test_check_reports_macros_controls_links_and_unsafe_names_in_a_received_deck(project, tmp_path):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    project.build()
    chart_rels = "ppt/charts/_rels/chart1.xml.rels"
    received = _package(
        tmp_path / "received.pptx",
        source=project.output,
        extra={
            "ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0",
            "ppt/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0",
            "../../.bashrc": b"echo hi",
            "ppt/charts/chart1.xml": b"<c:chartSpace xmlns:c='urn:c'/>",
            chart_rels: b"<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/"
            b"relationships'>" + _rel("rId1", "oleObject", "file:///C:/data.xlsx") + RELS_END,
        },
        types=b'<Override PartName="/ppt/vbaProject.bin" ContentType="application/vnd.ms-office.'
        b'vbaProject"/>',
    )
    received.rename(tmp_path / "received.pptm")  # a macro-enabled deck is found in a folder too
    received = tmp_path / "received.pptm"
    result = _run("check", tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "[package." in line]
    assert any(
        line.startswith(f"Error: {received}: [package.macro] ppt/vbaProject.bin: a VBA macro")
        for line in lines
    )
    found = {line.split("[", 1)[1].split("]")[0] for line in lines}
    assert found >= {
        "package.macro",
        "package.active_content",
        "package.unsafe_name",
        "package.external_link",
    }
    assert any(
        f"[package.external_link] {chart_rels}: relationship 'rId1' links a linked object to "
        "'file:///C:/data.xlsx' outside the file" in line
        for line in lines
    )
    assert any("do not unpack the file" in line for line in lines)


def _bomb(path: Path) -> Path:
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package,
        package.open("ppt/slides/slide1.xml", "w", force_zip64=True) as member,
    ):
        for _ in range(120):
            member.write(bytes(1024 * 1024))
    return path


def test_check_and_provenance_refuse_a_zip_bomb_with_a_located_error(tmp_path):
    bomb = _bomb(tmp_path / "bomb.pptx")
    result = _run("check", bomb)
    assert result.exit_code == 1 and "MemoryError" not in result.output
    assert f"Error: {bomb}: [package.too_large] the file unpacks to far more than its size" in (
        result.output
    )
    result = _run("provenance", tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Error: {bomb}: the file unpacks to far more than its size" in result.output


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    huge = tmp_path / "huge.pptx"
    with huge.open("wb") as stream:
        stream.truncate(5 * 1024**3)  # 5 GB on paper, nothing on disk
    result = _run("check", huge)
    assert result.exit_code == 1
    assert (
        f"Error: {huge}: [package.too_large] the file is over 100 MB, the most deckgen reads in "
        "a presentation — make it smaller"
    ) in result.output


def test_rebuilding_onto_a_zip_bomb_leaves_it_unread_and_untouched(project):
    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    project.output.parent.mkdir()
    before = _bomb(project.output).read_bytes()
    result = _run("build", project.deck_path, "-o", project.output)
    assert result.exit_code == 1
    assert "a file that deckgen did not make is already there" in result.output
    assert project.output.read_bytes() == before


@pytest.mark.parametrize("command", ["check", "provenance"])
def test_a_fifo_named_pptx_does_not_hang_check_or_provenance(tmp_path, command):
    fifo = tmp_path / "x.pptx"
    os.mkfifo(fifo)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "deckgen", command, str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{fifo}: " in result.stdout + result.stderr
    assert "is a named pipe (FIFO), not a regular file" in result.stdout + result.stderr


def test_a_symlink_loop_given_to_check_is_named_as_a_loop(tmp_path):
    """`check` called a link that leads round in a loop "file not found" (Path.exists()
    follows the link and says no); provenance already said what it is."""
    from deckgen.check.opening import open_deck
    from deckgen.errors import DeckgenError

    for name in ("loop.pptx", "loop.yaml"):
        (tmp_path / name).symlink_to(name)
        with pytest.raises(DeckgenError, match="symbolic link that leads round in a loop"):
            open_deck(tmp_path / name)
    (tmp_path / "gone.pptx").symlink_to("nowhere.pptx")
    with pytest.raises(DeckgenError, match="file not found"):
        open_deck(tmp_path / "gone.pptx")


def test_provenance_paths_outside_the_project_are_never_opened(project, tmp_path):
    from deckgen.check import check_file
    from deckgen.check.opening import open_deck
    from deckgen.errors import Location
    from deckgen.provenance import CUSTOM_PART

    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n- a\n- a\n- a\n")
    project.build()
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    outside.mkdir()
    secret = outside / "secret.yaml"
    secret.write_text("blocks:\n  - id: a\n    kind: statement\n    text: hemmelig\n", "utf-8")
    (project.root / "decks" / "link.yaml").symlink_to(secret)
    with zipfile.ZipFile(project.output) as package:
        custom = package.read(CUSTOM_PART)
    forged = custom
    for name in [str(secret), f"../{outside.name}/secret.yaml", "decks/link.yaml"]:
        forged = forged.replace(b" decks/blocks/blocks.yaml<", f" {name}<".encode(), 1)
    received = _package(
        project.root / "received.pptx", source=project.output, edits={CUSTOM_PART: (custom, forged)}
    )
    sources = open_deck(received).sources
    assert [(source.location.file, source.location.line) for source in sources] == [
        (received, 0),  # an absolute path: not even named
        (received, 0),  # a path out of the project: not named either
        (Path("decks/link.yaml"), 0),  # in the project, but a link out of it: named, not read
        (project.root / "decks" / "blocks" / "blocks.yaml", 2),  # the real source, read
    ]
    assert "hemmelig" not in str(check_file(received).findings)
    forged = forged.replace(b"decks/deck.yaml", b"/etc/passwd", 1)
    received = _package(received, source=project.output, edits={CUSTOM_PART: (custom, forged)})
    assert open_deck(received).sources[3].location == Location(Path("decks/blocks/blocks.yaml"))


def _png(width: int, height: int) -> bytes:
    """A black-and-white PNG of `width` × `height` pixels, a few hundred KB for any size."""
    import struct
    import zlib

    rows = b"".join(b"\0" + bytes((width + 7) // 8) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def test_a_template_or_deck_with_a_picture_too_large_to_decode_is_refused(project, tmp_path):
    template = _package(project.root / "t.potx", extra={"ppt/media/image9.png": _png(12000, 6000)})
    _themed_project(project, template)
    _refused(
        project,
        "t.potx: ppt/media/image9.png: a picture of 12,000 × 6,000 pixels; deckgen accepts up to "
        "60 megapixels",
        "save the picture smaller",
    )
    received = _package(tmp_path / "r.pptx", extra={"ppt/media/image9.png": _png(30000, 30000)})
    result = _run("check", received)
    assert result.exit_code == 1
    assert f"Error: {received}: [package.too_large] ppt/media/image9.png: a picture of over" in (
        result.output
    )


def test_provenance_prints_control_characters_from_a_record_escaped(project, tmp_path):
    from deckgen.provenance import CUSTOM_PART

    project.blocks("blocks:\n  - id: a\n    kind: statement\n    text: Hej\n")
    project.deck("- a\n")
    project.build()
    with zipfile.ZipFile(project.output) as package:
        custom = package.read(CUSTOM_PART)
    forged = custom.replace(b"decks/deck.yaml", "decks/\u009b2J\u202edeck.yaml".encode(), 1)
    received = _package(
        tmp_path / "r.pptx", source=project.output, edits={CUSTOM_PART: (custom, forged)}
    )
    result = _run("provenance", received)
    assert result.exit_code == 0
    assert f"{received}  decks/\\x9b2J\\u202edeck.yaml  1 slide" in result.output
    assert "\u009b" not in result.output and "\u202e" not in result.output
    result = _run("provenance", received, "--json")
    assert "\u009b" not in result.output and "\u202e" not in result.output
    assert json.loads(result.output)[0]["deck"] == "decks/\u009b2J\u202edeck.yaml"


def test_render_refuses_a_received_deck_with_macros_before_opening_it(project, tmp_path):
    received = _package(tmp_path / "r.pptx", extra={"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0"})
    result = _run("render", received, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{received}: ppt/vbaProject.bin: a VBA macro project — macros run code" in result.output
    assert not (tmp_path / "out").exists()


def test_a_deck_too_crowded_to_validate_in_reasonable_time_is_reported_not_hung_on(tmp_path):
    shapes = b"".join(
        b'<p:sp><p:nvSpPr><p:cNvPr id="%d" name="s%d"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        b"<p:spPr/></p:sp>" % (1000 + k, k)
        for k in range(3000)
    )
    crowded = _package(
        tmp_path / "crowded.pptx",
        edits={"ppt/slideLayouts/slideLayout2.xml": (b"</p:spTree>", shapes + b"</p:spTree>")},
    )
    # The validator alone would take minutes: the message says it was not run.
    result = _run("check", crowded)
    assert result.exit_code == 1
    assert (
        f"Error: {crowded}: [package.valid] too many elements side by side for the Open XML "
        "validator to check in reasonable time (up to 3,00"
    ) in result.output
    assert "under one parent, in ppt/slideLayouts/slideLayout2.xml); not validated" in (
        result.output
    )


@pytest.mark.parametrize("width", ["0", "1", "-5", "99999999999"])
def test_a_template_with_a_slide_size_powerpoint_refuses_is_refused_at_the_template(
    project, tmp_path, width
):
    template = _package(
        tmp_path / "size.pptx",
        edits={
            "ppt/presentation.xml": (b'<p:sldSz cx="12192000"', f'<p:sldSz cx="{width}"'.encode())
        },
    )
    _themed_project(project, template)
    result = _run("build", project.deck_path, "-o", project.output)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "size.pptx: the template's slides are" in result.output
    assert "PowerPoint allows 2.54 to 142.24 cm a side" in result.output
    assert not project.output.exists()


MASTER = "ppt/slideMasters/slideMaster1.xml"
MASTER_RELS = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
HIDDEN_OLE = (
    b'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="90" name="think-cell data" hidden="1"/>'
    b'<p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="0" y="0"/>'
    b'<a:ext cx="1" cy="1"/></p:xfrm><a:graphic><a:graphicData '
    b'uri="http://schemas.openxmlformats.org/presentationml/2006/ole"><p:oleObj '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'r:id="rId90" progId="TCLayout.ActiveDocument.1"/></a:graphicData></a:graphic>'
    b"</p:graphicFrame></p:spTree>"
)


def test_a_hidden_object_on_the_master_is_refused_with_where_to_find_it(project):
    # think-cell leaves a hidden OLE object on the slide master: every deck would carry it.
    template = _package(
        project.root / "t.pptx",
        edits={
            MASTER: (b"</p:spTree>", HIDDEN_OLE),
            MASTER_RELS: (
                RELS_END,
                _rel("rId90", "oleObject", "../embeddings/oleObject1.bin", external=False)
                + RELS_END,
            ),
        },
        extra={"ppt/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0"},
    )
    _themed_project(project, template)
    output = _refused(
        project,
        f"t.pptx: {MASTER_RELS}: relationship 'rId90' is an OLE object or control",
        "it is the object 'think-cell data' on the slide master, hidden: in PowerPoint's slide "
        "master view, open the Selection Pane",
    )
    # One finding for the one object, not another for its embedded part.
    assert "oleObject1.bin: an embedded OLE object" not in output


def test_the_validator_is_found_where_deckgen_found_its_packages(tmp_path):
    """Installed where only the import path finds it (`pip install --target` with PYTHONPATH,
    or `pip install --user`, whose folder `python -I` skips), `deckgen check` said the Open
    XML validator was not installed: it ran the validator in an isolated Python, which looked
    for packages elsewhere than deckgen itself did."""
    import venv

    bare = tmp_path / "bare"
    venv.create(bare, with_pip=False)  # a Python with no packages of its own
    packages = [entry for entry in sys.path if entry.endswith("site-packages")]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), *packages]),
        "DECKGEN_CACHE": "off",
    }
    deck = tmp_path / "d.pptx"
    python = [str(bare / "bin" / "python"), "-m", "deckgen", "--lang", "da"]
    for command in (["build", "decks/omu-dialogmoede.yaml", "-o", str(deck)], ["check", str(deck)]):
        done = subprocess.run(
            [*python, *command], cwd=REPO, capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
    assert "openxml-audit" not in done.stdout + done.stderr
    assert "0 fejl" in done.stdout + done.stderr
