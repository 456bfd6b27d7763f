"""`deckgen theme show`: what a communication officer learns about a template before writing a
theme — masters, layouts, each placeholder's type, idx and place in cm."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import REPO
from templates import foreign_templates, libreoffice_template  # noqa: F401  (fixtures)

from deckgen.cli import main
from deckgen.theme.inspect import read_template


def _show(path):
    return CliRunner().invoke(main, ["theme", "show", str(path)])


def test_show_lists_the_default_template_s_layouts_and_placeholders():
    result = _show(REPO / "deckgen" / "data" / "theme" / "kommune.pptx")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "kommune.pptx: slides 33.87 × 19.05 cm (16:9), 1 master, 8 layouts"
    assert lines[2].startswith("Master 1 'Møllerup Kommune': 8 layouts, fonts Calibri / Calibri")
    start = lines.index("  Layout 'Billede med billedtekst'")
    assert " ".join(lines[start + 1].split()) == (
        "title idx – 'Titel 1', at 1.69, 0.89 cm, size 24.64 × 3.05 cm"
    )
    assert lines[start + 2].split()[:3] == ["picture", "idx", "1"]


def test_show_reads_a_potx_as_a_pptx_with_its_4_3_size(foreign_templates):  # noqa: F811
    pptx = _show(foreign_templates["pptx"])
    potx = _show(foreign_templates["potx"])
    assert potx.exit_code == 0, potx.output
    assert potx.output.splitlines()[1:] == pptx.output.splitlines()[1:]
    assert potx.output.startswith("python-pptx.potx: slides 25.4 × 19.05 cm (4:3), 1 master")
    assert "    title (centred)  idx –   'Title 1', at 1.91, 5.92 cm" in potx.output


def test_show_marks_placeholders_without_idx_in_a_libreoffice_template(libreoffice_template):  # noqa: F811
    template = read_template(libreoffice_template)
    layout = next(lay for master in template.masters for lay in master.layouts)
    layouts = {lay.name: lay for lay in template.masters[0].layouts}
    assert layout.name == "Blank Slide"
    title_slide = layouts["Title Slide"]
    assert [(ph.type, ph.idx) for ph in title_slide.placeholders][:2] == [
        ("title", None),
        ("subTitle", None),
    ]
    output = _show(libreoffice_template).output
    assert "    subtitle      idx –   'PlaceHolder 2'" in output


def test_show_reports_a_file_that_is_not_a_template(tmp_path):
    fake = tmp_path / "skabelon.pptx"
    fake.write_text("not a zip", encoding="utf-8")
    result = _show(fake)
    assert result.exit_code == 1
    assert "skabelon.pptx: the template is not a PowerPoint file (.pptx or .potx)" in result.output
    assert "Traceback" not in result.output


def _with_part(source, target, name, data):
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item, data if item.filename == name else old.read(item))
    return target


def test_show_refuses_a_part_too_large_to_be_xml_unread(foreign_templates, tmp_path):  # noqa: F811
    layout = "ppt/slideLayouts/slideLayout1.xml"
    bomb = _with_part(foreign_templates["pptx"], tmp_path / "bombe.pptx", layout, b" " * 40_000_000)
    assert bomb.stat().st_size < 1_000_000
    result = _show(bomb)
    assert result.exit_code == 1
    assert "bombe.pptx: the template unpacks to far more than its size" in result.output
    assert "it looks like a zip bomb" in result.output


def test_show_refuses_a_template_with_entities_unexpanded(foreign_templates, tmp_path):  # noqa: F811
    import zipfile

    layout = "ppt/slideLayouts/slideLayout1.xml"
    with zipfile.ZipFile(foreign_templates["pptx"]) as package:
        xml = package.read(layout).decode()
    laughs = (
        '<!DOCTYPE x [<!ENTITY a "ha">'
        + "".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(8))
        + "]>"
    )
    xml = xml.replace("?>", "?>" + laughs, 1).replace('name="Title Slide"', 'name="&i;"')
    hostile = _with_part(foreign_templates["pptx"], tmp_path / "latter.pptx", layout, xml.encode())
    # Refused at the file, without expanding the billion ha's.
    result = _show(hostile)
    assert result.exit_code == 1
    assert "latter.pptx: the template is damaged: part 'ppt/slideLayouts/slideLayout1.xml'" in (
        result.output
    )
    assert "it declares a DTD (entities), which Office files never do" in result.output


def test_show_and_init_read_a_template_as_untrusted(foreign_templates, tmp_path):  # noqa: F811
    """`theme show` and `theme init` opened the path with zipfile directly: a FIFO hung them,
    a link to /dev/zero read until memory ran out, and a template linking a picture out of
    the file was drafted into a theme (with its logo written) that no build could use."""
    import os

    os.mkfifo(tmp_path / "pipe.pptx")
    (tmp_path / "zero.pptx").symlink_to("/dev/zero")
    rels = "ppt/slideLayouts/_rels/slideLayout1.xml.rels"
    import zipfile

    with zipfile.ZipFile(foreign_templates["pptx"]) as package:
        xml = package.read(rels).decode()
    linked = xml.replace(
        "</Relationships>",
        '<Relationship Id="rId99" TargetMode="External" Target="file://server/x.png" Type='
        '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"/>'
        "</Relationships>",
    )
    _with_part(foreign_templates["pptx"], tmp_path / "link.pptx", rels, linked.encode())
    expected = {
        "pipe.pptx": "pipe.pptx: is a named pipe (FIFO), not a regular file",
        "zero.pptx": "is a device, not a regular file",
        "link.pptx": "links a picture to 'file://server/x.png' outside the file",
    }
    for name, message in expected.items():
        for args in (["show"], ["init", "-o", str(tmp_path / "vores.yaml")]):
            result = CliRunner().invoke(main, ["theme", args[0], str(tmp_path / name), *args[1:]])
            assert result.exit_code == 1, (name, args, result.output)
            assert message in result.output, (name, result.output)
            assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.pptx", "pipe.pptx", "zero.pptx"]
