"""The XML namespaces of PowerPoint's files, in one place: their URIs, the prefixes deckgen
writes them with, and `qn` to turn `a:solidFill` into lxml's `{uri}solidFill`.

Every module that reads or writes PowerPoint's XML takes its namespaces from here, as
python-pptx's code takes them from `pptx.oxml.ns`.
"""

from __future__ import annotations

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
"""DrawingML: shapes' geometry, text, colours, fonts (`a:`)."""
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
"""PresentationML: slides, layouts, masters, placeholders (`p:`)."""
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
"""A part's references to other parts (`r:id`, `r:embed`)."""
C = "http://schemas.openxmlformats.org/drawingml/2006/chart"
"""Charts (`c:`)."""
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
"""The `.rels` parts of a package."""
PACKAGE_CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
"""`[Content_Types].xml`."""
EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
"""`docProps/app.xml`."""
CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
"""`docProps/custom.xml`."""
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
"""`docProps/core.xml` (`cp:`)."""
DOC_PROPS_VTYPES = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
"""The value types of the extended and custom properties (`vt:lpwstr`)."""
MARKUP_COMPATIBILITY = "http://schemas.openxmlformats.org/markup-compatibility/2006"
"""What a reader may ignore (`mc:Ignorable`, `mc:AlternateContent`)."""
DC_TERMS = "http://purl.org/dc/terms/"
"""Dublin Core terms in the core properties (`dcterms:created`)."""
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
"""PowerPoint 2010's extensions (`p14:creationId`)."""
A16 = "http://schemas.microsoft.com/office/drawing/2014/main"
"""Office 2016's drawing extensions (`a16:creationId`)."""
DSP = "http://schemas.microsoft.com/office/drawing/2008/diagram"
"""SmartArt's drawing, as Office 2008 writes it (`dsp:dataModelExt`)."""
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
"""Office's mark of a decorative picture, which screen readers pass over (`adec:`)."""

NS = {
    "a": A,
    "p": P,
    "r": R,
    "c": C,
    "cp": CORE_PROPERTIES,
    "dcterms": DC_TERMS,
    "vt": DOC_PROPS_VTYPES,
    "mc": MARKUP_COMPATIBILITY,
    "p14": P14,
    "a16": A16,
    "adec": DECORATIVE,
    "dsp": DSP,
}
"""The prefixes deckgen writes tags with, for `qn` and for lxml's `find(…, NS)`."""


def qn(tag: str) -> str:
    """`a:solidFill` → `{http://…/drawingml/2006/main}solidFill`, lxml's name for the tag."""
    prefix, local = tag.split(":")
    return f"{{{NS[prefix]}}}{local}"


def nsdecls(*prefixes: str) -> str:
    """`xmlns:a="…"` declarations of `prefixes`, for XML written as text."""
    return " ".join(f'xmlns:{prefix}="{NS[prefix]}"' for prefix in prefixes)
