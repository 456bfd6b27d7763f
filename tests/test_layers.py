"""The architecture, enforced: deckgen's top-level modules and packages form layers that
point down, with no import cycle among them, counting every import statement (inside
functions too). Only imports under `if TYPE_CHECKING:` are left out: they never run.

docs/architecture.md draws these layers and says where each kind of change goes.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import subprocess
import sys
from pathlib import Path

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
    {"colors", "text", "marks", "geometry", "measure"},
    {"project", "cache", "ooxml", "provenance", "output", "assets"},
    # What the files say: block kinds, then the models and wording built on them.
    {"blocks"},
    {"models", "wording", "schema", "theme", "library"},
    {"compose"},
    {"render"},
    {"build", "files"},
    # Features, each on the pipeline.
    {"tour", "check", "preview", "importer"},
    # Visits that are kept: the one visit service and the register, over the tour.
    {"visits"},
    {"api"},
    {"web"},
    {"cli", "__main__"},
]


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _runtime_imports(tree: ast.AST) -> list[str]:
    """Every module an import statement in `tree` names, outside `if TYPE_CHECKING:`."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "deckgen":
                found += [
                    f"deckgen.{alias.name}"
                    if (PACKAGE / alias.name).is_dir() or (PACKAGE / f"{alias.name}.py").exists()
                    else "deckgen"
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
        for module in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
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
    edges = {source: set(targets) for source, targets in _graph().items()}
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
    assert cycles == []


def test_block_kinds_never_import_the_renderer_or_python_pptx():
    for path in sorted((PACKAGE / "blocks").glob("*.py")):
        for module in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            assert not module.startswith(("deckgen.render", "pptx")), f"{path.name}: {module}"


def test_importing_the_theme_loads_no_block_kind_nor_pillow():
    code = (
        "import sys, deckgen.theme; "
        "print(sorted(m for m in sys.modules if m.startswith(('PIL', 'pptx', 'deckgen.render'))"
        " or m.startswith('deckgen.blocks.') and m not in ('deckgen.blocks.base',"
        " 'deckgen.blocks.fields')))"
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
