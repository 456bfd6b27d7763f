"""Templates none of us made, made afresh for the tests: python-pptx's default (4:3), the same
saved as .potx, and one written by LibreOffice (placeholders without idx)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import REPO
from office import require_office
from pptx import Presentation
from pptx.oxml.ns import qn

_PRESENTATION = b"presentationml.presentation.main+xml"
_TEMPLATE = b"presentationml.template.main+xml"


def python_pptx_default(folder: Path) -> Path:
    """python-pptx's own default template (4:3, English layout names), saved as .pptx."""
    path = folder / "python-pptx.pptx"
    Presentation().save(str(path))
    return path


def as_potx(source: Path, folder: Path) -> Path:
    """`source` saved as a PowerPoint template (.potx): only its main content type differs."""
    path = folder / (source.stem + ".potx")
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(_PRESENTATION, _TEMPLATE)
            new.writestr(item, data)
    path.write_bytes(out.getvalue())
    return path


def libreoffice_made(source: Path, folder: Path) -> Path:
    """`source` opened and saved again as .pptx by LibreOffice Impress, which writes its own
    masters and layouts: title and body placeholders without idx, names such as
    'Title, Content'."""
    out = folder / "libreoffice"
    profile = (folder / "lo-profile").as_uri()  # its own profile: runs beside other tests
    command = [
        "soffice",
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pptx",
        "--outdir",
        str(out),
        str(source),
    ]
    subprocess.run(command, capture_output=True, check=True, timeout=300)
    return out / (source.stem + ".pptx")


class _Templates(dict):
    """The foreign templates by kind; the LibreOffice-made one is made the first time a test
    asks for it (starting LibreOffice takes seconds: only its tests, marked slow, pay)."""

    def __init__(self, folder: Path, made: dict[str, Path], office: bool) -> None:
        super().__init__(made)
        self.folder = folder
        self.office = office

    def __contains__(self, kind: object) -> bool:
        return super().__contains__(kind) or (kind == "libreoffice" and self.office)

    def __missing__(self, kind: str) -> Path:
        if kind != "libreoffice" or not self.office:
            raise KeyError(kind)
        self[kind] = libreoffice_made(self["pptx"], self.folder)
        return self[kind]


@pytest.fixture(scope="session")
def foreign_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three foreign templates, made once per test run: `pptx`, `potx` and `libreoffice`
    (that one only when a test asks for it)."""
    folder = tmp_path_factory.mktemp("templates")
    default = python_pptx_default(folder)
    made = {"pptx": default, "potx": as_potx(default, folder)}
    office = shutil.which("soffice") is not None or os.environ.get("CI") == "true"
    return _Templates(folder, made, office)


@pytest.fixture
def libreoffice_template(foreign_templates: dict[str, Path]) -> Path:
    """The LibreOffice-made template; the test skips without LibreOffice (fails in CI)."""
    require_office()
    return foreign_templates["libreoffice"]


LIBREOFFICE_LAYOUTS = {
    "title": "Title Slide",
    "section": "Title Slide",
    "statement": "Title Slide",
    "content": "Title, Content",
    "title_only": "Title Only",
    "picture": "Title, Content",
    "closing": "Title, Content",
}
"""Each layout role mapped to a layout LibreOffice Impress writes when it saves a .pptx (it
names its layouts 'Title, Content' and has no section, picture or closing layout)."""

PYTHON_PPTX_LAYOUTS = {
    "title": "Title Slide",
    "section": "Section Header",
    "statement": "Section Header",
    "content": "Title and Content",
    "title_only": "Title Only",
    "picture": "Picture with Caption",
    "closing": "Title Slide",
}
"""Each layout role mapped to a layout of python-pptx's default template (PowerPoint's names)."""

FONTS = REPO / "deckgen" / "data" / "fonts"


def theme_for(template: Path, layouts: dict[str, str], folder: Path, extra: str = "") -> Path:
    """A theme file in `folder` for `template` with `layouts`, the default theme's colours and
    fonts (measured with Carlito), no logo."""
    lines = [f"  {role}: {name!r}" for role, name in layouts.items()]
    text = (
        "name: Fremmed skabelon\n"
        f"template: {template}\n"
        f"{extra}"
        "layouts:\n" + "\n".join(lines) + "\n"
        "colors: {primary: '003B5C', accent: '00806E', text: '1F2A30', muted: '4A6373',\n"
        "  background: 'FFFFFF', light: 'E6EEF3', highlight: 'E0A526'}\n"
        "fonts:\n"
        "  heading: Calibri\n"
        "  body: Calibri\n"
        "  files:\n"
        f"    regular: {FONTS}/Carlito-Regular.ttf\n"
        f"    bold: {FONTS}/Carlito-Bold.ttf\n"
        f"    italic: {FONTS}/Carlito-Italic.ttf\n"
        f"    bold_italic: {FONTS}/Carlito-BoldItalic.ttf\n"
    )
    path = folder / "theme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def placeholder_texts(slide: object) -> dict[str, str]:
    """Each placeholder's text on `slide`, by its type as OOXML writes it (`obj` when none);
    footer, slide number and date left out."""
    found = {}
    for shape in slide.placeholders:  # type: ignore[attr-defined]
        ph = shape._element.find(".//" + qn("p:ph"))
        if ph.get("type") in ("ftr", "sldNum", "dt"):
            continue
        found[ph.get("type", "obj")] = shape.text_frame.text if shape.has_text_frame else ""
    return found


def two_masters(source: Path, folder: Path, name: str = "Fokus") -> Path:
    """`source` with its master copied as a second master whose theme is called `name`: the
    two have layouts of the same names, as templates with several designs do."""
    with zipfile.ZipFile(source) as old:
        parts = {item: old.read(item) for item in old.namelist()}
    master_rels = parts["ppt/slideMasters/_rels/slideMaster1.xml.rels"].decode()
    overrides = []
    for number in sorted(
        {int(n) for n in re.findall(r"slideLayout(\d+)\.xml", master_rels)}, reverse=True
    ):
        copy = number + 100
        layout = f"ppt/slideLayouts/slideLayout{number}.xml"
        parts[f"ppt/slideLayouts/slideLayout{copy}.xml"] = parts[layout]
        rels = parts[f"ppt/slideLayouts/_rels/slideLayout{number}.xml.rels"]
        parts[f"ppt/slideLayouts/_rels/slideLayout{copy}.xml.rels"] = rels.replace(
            b"slideMaster1.xml", b"slideMaster2.xml"
        )
        master_rels = master_rels.replace(f"slideLayout{number}.xml", f"slideLayout{copy}.xml")
        overrides.append(f"/ppt/slideLayouts/slideLayout{copy}.xml")
    parts["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = master_rels.replace(
        "theme1.xml", "theme9.xml"
    ).encode()
    parts["ppt/theme/theme9.xml"] = re.sub(
        rb'(<a:theme [^>]*name=")[^"]*"',
        rb"\g<1>" + name.encode() + b'"',
        parts["ppt/theme/theme1.xml"],
    )
    # Layout ids must be unique across the masters.
    parts["ppt/slideMasters/slideMaster2.xml"] = re.sub(
        rb'<p:sldLayoutId id="(\d+)"',
        lambda m: b'<p:sldLayoutId id="%d"' % (int(m.group(1)) + 1000),
        parts["ppt/slideMasters/slideMaster1.xml"],
    )
    types = parts["[Content_Types].xml"].decode()
    main = "application/vnd.openxmlformats-officedocument.presentationml"
    extra = [
        f'<Override PartName="{part}" ContentType="{main}.slideLayout+xml"/>' for part in overrides
    ]
    extra.append(
        f'<Override PartName="/ppt/slideMasters/slideMaster2.xml" '
        f'ContentType="{main}.slideMaster+xml"/>'
    )
    extra.append(
        '<Override PartName="/ppt/theme/theme9.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    )
    parts["[Content_Types].xml"] = types.replace("</Types>", "".join(extra) + "</Types>").encode()
    rels = parts["ppt/_rels/presentation.xml.rels"].decode()
    parts["ppt/_rels/presentation.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdM2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/slideMaster" Target="slideMasters/slideMaster2.xml"/></Relationships>',
    ).encode()
    presentation = parts["ppt/presentation.xml"].decode()
    parts["ppt/presentation.xml"] = re.sub(
        r"(<p:sldMasterId [^>]*/>)",
        r'\1<p:sldMasterId id="2147490000" r:id="rIdM2"/>',
        presentation,
        count=1,
    ).encode()
    path = folder / f"{source.stem}-two-masters.pptx"
    with zipfile.ZipFile(path, "w") as new:
        for item, data in parts.items():
            new.writestr(item, data)
    return path


LIBREOFFICE_PRESENTATIONS = Path("/usr/lib/libreoffice/share/template/common/presnt")


def libreoffice_own(name: str, folder: Path) -> Path:
    """LibreOffice's own template `name` (`Piano`), saved by LibreOffice as .pptx in
    `folder`; the test skips without LibreOffice (fails in CI) or without the template."""
    require_office()
    source = LIBREOFFICE_PRESENTATIONS / f"{name}.otp"
    if not source.is_file():
        pytest.skip(f"LibreOffice's template {name}.otp is not installed")
    profile = (folder / "lo-profile").as_uri()  # its own profile: runs beside other tests
    command = ["soffice", f"-env:UserInstallation={profile}", "--headless"]
    command += ["--convert-to", "pptx", "--outdir", str(folder), str(source)]
    subprocess.run(command, capture_output=True, check=True, timeout=300)
    return folder / f"{name}.pptx"
