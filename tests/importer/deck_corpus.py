"""Real old presentations through `deckgen import` and a build, measured: the corpus listed in
tests/corpus/decks/manifest.toml (files nobody on this project made, each with its source and
licence), imported into a fresh project with the default theme and with one drafted from a
template by `deckgen theme init`, and built as generated.

The files themselves are data from public repositories: they are looked for beside the
manifest (tests/corpus/decks/) and in the shared corpus folder beside the repository
(../shared/corpus/decks/, as CI has it), and used only if their SHA-256 is the manifest's.

Run it as a script for the whole table:

    python tests/importer/deck_corpus.py            # every deck at hand, both themes
    python tests/importer/deck_corpus.py FILE…      # only these
"""

from __future__ import annotations

import re
import sys
import tomllib
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from lxml import etree

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "tests" / "corpus" / "decks" / "manifest.toml"
FOLDERS = (MANIFEST.parent, REPO.parent / "shared" / "corpus" / "decks")
"""Where the corpus's files are looked for, in order."""
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_FOOTERS = ("ftr", "sldNum", "dt", "hdr")


@dataclass(frozen=True)
class CorpusDeck:
    """One presentation of the corpus, as the manifest lists it."""

    file: str
    sha256: str
    source: str
    licence: str
    made_with: str
    size: str
    holds: str
    expect: str = "builds"
    """`builds` (imports and builds as generated in both themes), `refused` (import or build
    refuses it in deckgen's words) or `fails` (neither yet: a bug the corpus found)."""
    registry: str = ""
    """The package on a registry it comes from (tests/corpus/registry.toml; `python
    tools/corpus.py` puts it here), or empty for a file fetched from a public repository."""
    member: str = ""
    """Its path inside the package's archive."""

    @property
    def path(self) -> Path | None:
        """The file, where it is found with the manifest's bytes; None if nowhere."""
        import hashlib

        for folder in FOLDERS:
            candidate = folder / self.file
            if candidate.is_file():
                digest = hashlib.sha256(candidate.read_bytes()).hexdigest()
                if digest == self.sha256:
                    return candidate
        return None


def corpus() -> list[CorpusDeck]:
    """Every presentation the manifest lists."""
    listed = tomllib.loads(MANIFEST.read_text(encoding="utf-8"))["deck"]
    return [CorpusDeck(**entry) for entry in listed]


def at_hand() -> list[CorpusDeck]:
    """The presentations of the corpus found here with the manifest's bytes: those from
    registries once `python tools/corpus.py` has run, the fetched ones where a copy lies."""
    return [deck for deck in corpus() if deck.path is not None]


@dataclass
class Outcome:
    """What importing and building one presentation in one theme gave."""

    deck: str
    theme: str
    imported: bool = False
    built: bool = False
    refusal: str = ""
    """A refusal in deckgen's words (a `DeckgenError`), if import or build refused."""
    crash: str = ""
    """A traceback, if anything else went wrong: a bug."""
    slides: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)
    """The number of the original slide each built slide shows."""
    reused: list[bool] = field(default_factory=list)
    """Whether each built slide is a `slide` block (the original slide reused)."""
    keep_source: list[int] = field(default_factory=list)
    """The built slides (from 1) that are slide blocks kept in their own look."""
    pptx: Path | None = None
    deck_file: Path | None = None

    @property
    def ok(self) -> bool:
        return self.imported and self.built and not self.crash


def drafted_theme(folder: Path) -> Path:
    """A theme drafted by `deckgen theme init` from python-pptx's own template (a 4:3
    'Office Theme' nobody here made), written into `folder`."""
    import pptx

    from deckgen import api

    template = Path(pptx.__file__).parent / "templates" / "default.pptx"
    target = folder / "theme" / "drafted.yaml"
    if not target.exists():
        api.draft_theme(template, target)
    return target


def run(deck: CorpusDeck, folder: Path, theme: Path | None = None) -> Outcome:
    """Import `deck` into a fresh project in `folder` (with `theme`, else the default) and
    build the deck file the import wrote, as generated."""
    from deckgen import api
    from deckgen.errors import DeckgenError

    outcome = Outcome(deck.file, "drafted" if theme else "default")
    source = deck.path
    if source is None:
        outcome.refusal = "not found"
        return outcome
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").touch()
    (folder / "decks" / "blocks").mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", Path(deck.file).stem.lower()).strip("-")[:40]
    try:
        plan = api.import_presentation(
            source, folder / "decks" / "blocks" / f"{name}.yaml", None, theme
        )
        outcome.imported = True
        outcome.slides = len(plan.source.slides)
        outcome.left_out = list(plan.left_out)
        outcome.notes = [note for block in plan.blocks for note in block.notes]
        for block in plan.blocks:
            outcome.kinds[block.kind] = outcome.kinds.get(block.kind, 0) + 1
        outcome.numbers = [block.number for block in plan.blocks]
        outcome.reused = [block.kind == "slide" for block in plan.blocks]
        outcome.keep_source = [
            place
            for place, block in enumerate(plan.blocks, 1)
            if block.kind == "slide" and block.fields.get("keep") == "source"
        ]
        outcome.deck_file = plan.deck_file
        built = api.build_deck(plan.deck_file, folder / "build" / f"{name}.pptx")
        outcome.built = True
        outcome.pptx = built.output
        outcome.warnings = [str(warning) for warning in built.warnings]
    except DeckgenError as exc:
        outcome.refusal = str(exc)
    except Exception:  # a bug, which the corpus is here to find
        outcome.crash = traceback.format_exc()
    return outcome


def keep_all_source(outcome: Outcome, folder: Path) -> Path:
    """The imported deck again, with every `slide` block kept in its own look (`keep:
    source`), built into `folder`: the slides to compare with the original pixel by pixel."""
    from deckgen import api

    assert outcome.deck_file is not None
    deck = yaml.safe_load(outcome.deck_file.read_text(encoding="utf-8"))
    library = outcome.deck_file.parent / deck["deck"].get("library", "blocks")
    for block_file in library.glob("*.yaml"):
        data = yaml.safe_load(block_file.read_text(encoding="utf-8"))
        for block in data["blocks"]:
            if block["kind"] == "slide":
                block["keep"] = "source"
        block_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return api.build_deck(outcome.deck_file, folder / "source.pptx", force=True).output


# --- the text of slides ---


def slide_lines(pptx: Path) -> list[list[str]]:
    """The text lines on each slide of `pptx`, in order: every paragraph (and line break)
    of its shapes, groups, tables and SmartArt, without footers, dates and slide numbers."""
    import zipfile

    lines: list[list[str]] = []
    with zipfile.ZipFile(pptx) as archive:
        names = set(archive.namelist())
        for part in _slide_parts(archive, names):
            found = _lines(etree.fromstring(archive.read(part)))
            for target in _related(archive, names, part, "/diagramData"):
                found += _lines(etree.fromstring(archive.read(target)))
            lines.append(found)
    return lines


def normalised(text: str) -> str:
    """Text as compared: spaces of every kind one space, bullets' and quotes' typography
    aside."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.split()).casefold()


def missing_lines(original: list[str], rebuilt: list[str]) -> list[str]:
    """The lines of an original slide that are not on its rebuilt slide."""
    there = " ".join(normalised(line) for line in rebuilt)
    # A line may be split in two (a line break kept as two items) or joined to the next.
    there_joined = there.replace(" ", "")
    return [
        line
        for line in original
        if normalised(line)
        and normalised(line) not in there
        and normalised(line).replace(" ", "") not in there_joined
    ]


def _lines(root: etree._Element) -> list[str]:
    lines = []
    for paragraph in root.iter(f"{{{_A}}}p"):
        if _in_footer(paragraph):
            continue
        text = ""
        for node in paragraph:
            if node.tag in (f"{{{_A}}}r", f"{{{_A}}}fld"):
                text += "".join(t.text or "" for t in node.iter(f"{{{_A}}}t"))
            elif node.tag == f"{{{_A}}}br":
                text += "\n"
        lines += [line for line in text.split("\n") if line.strip()]
    return lines


def _in_footer(paragraph: etree._Element) -> bool:
    for ancestor in paragraph.iterancestors(f"{{{_P}}}sp"):
        ph = ancestor.find(f"{{{_P}}}nvSpPr/{{{_P}}}nvPr/{{{_P}}}ph")
        return ph is not None and ph.get("type") in _FOOTERS
    return False


def _slide_parts(archive, names: set[str]) -> list[str]:
    presentation = etree.fromstring(archive.read("ppt/presentation.xml"))
    targets = dict(_relationships(archive, names, "ppt/presentation.xml"))
    order = presentation.find(f"{{{_P}}}sldIdLst")
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    return [targets[entry.get(rid)] for entry in (order if order is not None else ())]


def _related(archive, names: set[str], part: str, kind: str) -> list[str]:
    return [
        target
        for rel_id, target in _relationships(archive, names, part, with_type=True)
        if rel_id.endswith(kind)
    ]


def _relationships(archive, names: set[str], part: str, *, with_type: bool = False):
    import posixpath

    folder, base = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", base + ".rels")
    if rels not in names:
        return []
    found = []
    for rel in etree.fromstring(archive.read(rels)):
        if (rel.get("TargetMode") or "").lower() == "external":
            continue
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target") or ""))
        found.append((rel.get("Type") if with_type else rel.get("Id"), target))
    return found


# --- the table ---


def table(outcomes: list[Outcome]) -> str:
    """The outcomes as a table a person reads: one line per deck and theme, then counts."""
    rows = []
    for outcome in outcomes:
        state = "crash" if outcome.crash else "ok" if outcome.ok else "refused"
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(outcome.kinds.items()))
        rows.append(
            f"{outcome.deck[:44]:44} {outcome.theme:8} {state:8} {outcome.slides:3} slides; "
            f"{kinds}; {len(outcome.left_out)} left out; {len(outcome.warnings)} warnings"
            + (f"\n    {outcome.refusal.splitlines()[0][:200]}" if outcome.refusal else "")
            + (f"\n    {outcome.crash.splitlines()[-1]}" if outcome.crash else "")
        )
    good = sum(outcome.ok for outcome in outcomes)
    rows.append(f"{good} of {len(outcomes)} imported and built with no hand edits")
    return "\n".join(rows)


def main(names: list[str]) -> None:
    import tempfile

    decks = [deck for deck in at_hand() if not names or deck.file in names]
    print(f"{len(decks)} of {len(corpus())} presentations at hand", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        theme = drafted_theme(folder)
        outcomes = []
        for number, deck in enumerate(decks):
            outcomes.append(run(deck, folder / f"{number}-default"))
            outcomes.append(run(deck, folder / f"{number}-drafted", theme))
            print(table(outcomes[-2:]).rsplit("\n", 1)[0], flush=True)
        print(table(outcomes))


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main(sys.argv[1:])
