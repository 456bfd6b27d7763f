"""The architecture, enforced: deckgen's top-level modules and packages form layers that
point down, with no import cycle among them, and the modules inside each package have no
import cycle among them either. Every import statement counts: inside functions, and under
`if TYPE_CHECKING:` too (an import for types only is still a dependency the code has; a
`Protocol` says what a lower module needs of a higher one instead).

docs/architecture.md draws these layers and says where each kind of change goes.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

import deckgen.blocks
from deckgen.blocks import BLOCK_KINDS, BlockBase

PACKAGE = REPO / "deckgen"

# Lowest first. A unit may import units of its own layer or of any layer below it.
LAYERS: list[set[str]] = [
    # Plain values and reading files: no deckgen types above them.
    {
        "__init__",
        "i18n",
        "errors",
        "regular",
        "yaml_errors",
        "source",
        "record",
        "variables",
        "limits",
    },
    {"colors", "text", "marks", "geometry", "fields"},
    {"project", "cache", "measure", "ooxml", "provenance", "output", "assets"},
    # What the files say: block kinds, then the models and wording built on them.
    {"blocks"},
    {"models", "wording", "schema", "theme", "library", "committees"},
    {"compose"},
    {"render"},
    {"build", "files"},
    # Features, each on the pipeline.
    {"tour", "check", "preview", "importer"},
    # Visits that are kept: the one visit service and the register, over the tour.
    {"visits"},
    # Keeping the library: checks across every file, on the features.
    {"librarian"},
    {"api"},
    {"web"},
    {"cli", "__main__"},
]


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(tree: ast.AST) -> list[str]:
    """Every module an import statement in `tree` names (`from deckgen import x` names
    `deckgen.x` when x is a module or package)."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            base = PACKAGE.joinpath(*node.module.split(".")[1:])
            if node.module.split(".")[0] == "deckgen" and base.is_dir():
                found += [
                    f"{node.module}.{alias.name}"
                    if (base / alias.name).is_dir() or (base / f"{alias.name}.py").exists()
                    else node.module
                    for alias in node.names
                ]
            else:
                found.append(node.module)
    return found


def _graph() -> dict[str, dict[str, list[str]]]:
    """unit → unit it imports → the files that do."""
    edges: dict[str, dict[str, list[str]]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(REPO).with_suffix("")
        parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
        source = _unit(".".join(parts))
        edges.setdefault(source, {})
        for module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module == "deckgen" or module.startswith("deckgen."):
                target = _unit(module)
                if target != source:
                    edges[source].setdefault(target, []).append(str(path.relative_to(REPO)))
    return edges


def _layer_of(unit: str) -> int:
    return next(number for number, layer in enumerate(LAYERS) if unit in layer)


def test_every_module_and_package_has_a_layer():
    units = set(_graph())
    placed = set().union(*LAYERS)
    assert units - placed == set(), "add the new module to a layer in LAYERS (and the docs)"
    assert placed - units == set(), "a module in LAYERS is gone; take it out"


def test_imports_point_down():
    upward = [
        f"{file}: {source} (layer {_layer_of(source)}) imports {target} (layer {_layer_of(target)})"
        for source, targets in _graph().items()
        for target, files in targets.items()
        if _layer_of(target) > _layer_of(source)
        for file in dict.fromkeys(files)
    ]
    assert upward == []


def test_no_import_cycle_between_top_level_modules():
    assert _cycles({source: set(targets) for source, targets in _graph().items()}) == []


def _package_graph(package: Path) -> dict[str, set[str]]:
    """module → the modules of the same package it imports (`__init__` for the package)."""
    name = "deckgen." + ".".join(package.relative_to(PACKAGE).parts)
    edges: dict[str, set[str]] = {}
    for path in sorted(package.glob("*.py")):
        source = path.stem
        edges.setdefault(source, set())
        for module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if module == name:
                target = "__init__"
            elif module.startswith(name + "."):
                target = module[len(name) + 1 :].split(".")[0]
            else:
                continue
            if target != source:
                edges[source].add(target)
    return edges


@pytest.mark.parametrize(
    "package",
    sorted(p.parent for p in PACKAGE.rglob("__init__.py")),
    ids=lambda p: str(p.relative_to(REPO)),
)
def test_no_import_cycle_inside_a_package(package):
    """A package's `__init__` may gather its modules, but then they must not import it back
    (a shared type goes into a module of its own, as `check/findings.py`)."""
    assert _cycles(_package_graph(package)) == []


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles (strongly connected components of more than one module) in `edges`."""
    cycles = []
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return cycles


def test_block_kinds_never_import_the_renderer_or_python_pptx():
    for path in sorted((PACKAGE / "blocks").glob("*.py")):
        for module in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            assert not module.startswith(("deckgen.render", "pptx")), f"{path.name}: {module}"


def test_importing_the_theme_loads_no_block_kind_nor_pillow():
    code = (
        "import sys, deckgen.theme; "
        "print(sorted(m for m in sys.modules if m.startswith(('PIL', 'pptx', 'deckgen.render'))"
        " or m.startswith('deckgen.blocks')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    assert done.stdout.strip() == "[]"


def test_every_block_kind_module_is_registered():
    """A kind is one module plus its test: a kind left out of the registry fails here."""
    defined = set()
    for info in pkgutil.iter_modules(deckgen.blocks.__path__):
        module = importlib.import_module(f"deckgen.blocks.{info.name}")
        defined |= {
            kind
            for _, kind in inspect.getmembers(module, inspect.isclass)
            if issubclass(kind, BlockBase)
            and kind is not BlockBase
            and kind.__module__ == module.__name__
        }
    assert defined == set(BLOCK_KINDS)
    tests = REPO / "tests" / "blocks"
    untested = [k.__module__ for k in BLOCK_KINDS if not (tests / _test_file(k)).is_file()]
    assert untested == []


def _test_file(kind: type) -> Path:
    return Path(f"test_{kind.__module__.rsplit('.', 1)[-1]}.py")


def _private_names_of_python_pptx() -> set[str]:
    """Every `_name` python-pptx defines or assigns: its classes', functions' and attributes'."""
    import pptx

    names: set[str] = set()
    for path in Path(pptx.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Name):
                names.add(node.id)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def test_python_pptx_internals_are_reached_only_through_ooxml_internals():
    """python-pptx's private attributes and classes are used in `deckgen/ooxml/internals.py`
    alone, so that a python-pptx release is one file's work."""
    private = _private_names_of_python_pptx()
    adapters = PACKAGE / "ooxml" / "internals.py"
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == adapters:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pptx"):
                found += [f"{path.name}: {a.name}" for a in node.names if a.name in private]
            elif (
                isinstance(node, ast.Attribute)
                and node.attr in private
                and not (
                    isinstance(node.value, ast.Name) and node.value.id in ("self", "cls", "etree")
                )
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: .{node.attr}")
    assert found == [], "use (or add) an adapter in deckgen/ooxml/internals.py"


def test_xml_namespaces_are_written_in_one_module():
    """PowerPoint's namespaces are spelled out in `deckgen/ooxml/ns.py` only (a relationship
    type, which is an address too, is not a namespace)."""
    home = PACKAGE / "ooxml" / "ns.py"
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == home:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "pptx.oxml.ns":
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: pptx.oxml.ns")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str | bytes)
                and re.search(
                    r"schemas\.(openxmlformats\.org|microsoft\.com/office)/(?!.*/relationships/)",
                    node.value if isinstance(node.value, str) else node.value.decode("latin-1"),
                )
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == [], "take the namespace from deckgen.ooxml.ns"
