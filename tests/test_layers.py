"""The layer rule of ARCHITECTURE.md, checked on every import of every module.

Each module of ``graph/`` and ``cli/`` belongs to one layer (``LAYER_OF``, by longest module
prefix); a layer may import only the layers in ``ALLOWED`` (and itself). Imports are read with
``ast``, so an import inside a function counts as much as one at the top of a file.

Module names are taken relative to the top folders: ``graph.X`` and ``cli.X`` are the same
modules as ``rivalscape.graph.X`` and ``rivalscape.cli.X`` once the folders are installed under
that namespace.
"""

from __future__ import annotations

import ast
from pathlib import Path

from landscape_paths import NAMESPACE, ROOT, package_folder

TOPS = ("graph", "cli")

# Module prefix -> layer. The longest matching prefix wins, so `graph.ingest.records` is
# "records" while every other module under `graph.ingest` is "readers".
LAYER_OF = {
    # base: knows nothing of the landscape; any layer may use it
    "graph": "base",  # the package itself
    "graph.errors": "base",
    "graph.hints": "base",
    "graph.text": "base",
    "graph.cells": "base",
    "graph.fileio": "base",
    "graph.memory": "base",
    "graph.cache": "base",
    # names: every rule about names
    "graph.names": "names",
    # readers and the plain records they emit
    "graph.ingest": "readers",
    "graph.ingest.records": "records",
    # the validated pydantic model
    "graph.models": "model",
    # records -> model
    "graph.resolve": "resolve",
    # model -> NetworkX graph
    "graph.build": "build",
    # pure functions of the graph: the package graph/analysis/ (engine, centrality, segments,
    # rivals, claims, themes) and its one entry point, result.analyze -> Analysis
    "graph.analysis": "analysis",
    # questions by name
    "graph.query": "query",
    # outputs: page, reports, exports, battlecards, diffs and the output set they are written as
    "graph.render": "outputs",
    "graph.layout": "outputs",
    "graph.report": "outputs",
    "graph.export": "outputs",
    "graph.export_tables": "outputs",
    "graph.battlecard": "outputs",
    "graph.diff": "outputs",
    "graph.textout": "outputs",
    "graph.reading": "outputs",
    "graph.output_set": "outputs",
    "graph.build_outputs": "outputs",
    "graph.export_parquet": "outputs",
    # the Spark job: shipped to a cluster as one file, so it imports nothing of the landscape
    "graph.spark_report": "scale-out",
    # the public entry points that run the straight line: paths -> documents -> graph
    "graph.pipeline": "pipeline",
    "graph.revisions": "pipeline",
    "graph.asof": "pipeline",
    "graph.slices": "pipeline",
    # the command line
    "cli": "cli",
}

# Layer -> the layers it may import besides itself.
ALLOWED = {
    "base": set(),
    "names": {"base"},
    "records": {"base"},
    # Readers use the model's vocabulary (KINDS, EVIDENCE) to check what they read; they emit
    # records, never models, and know nothing of the graph.
    "readers": {"base", "names", "records", "model"},
    "model": {"base"},
    "resolve": {"base", "names", "records", "model"},
    "build": {"base", "model"},
    "analysis": {"base", "model", "build"},
    "query": {"base", "names", "model", "build"},
    "outputs": {"base", "names", "model", "build", "analysis", "query"},
    # One file a cluster runs with spark-submit: the standard library and PySpark only.
    "scale-out": set(),
    # The top of the library: it may use every layer below it, never the CLI.
    "pipeline": {"base", "names", "records", "readers", "model", "resolve", "build",
                 "analysis", "query", "outputs"},
    # The public API only: no readers, records, name rules, resolving or graph building.
    "cli": {"base", "model", "analysis", "query", "outputs", "pipeline", "scale-out"},
}

LIBRARY = set(ALLOWED) - {"cli"}

# Third-party packages a layer must not import: the library never names a CLI flag.
FORBIDDEN_PACKAGES = {layer: {"click"} for layer in LIBRARY}

# (module, imported module) -> why it is allowed although it breaks the rule.
# Each one is a debt: remove the entry when the import goes.
EXCEPTIONS: dict[tuple[str, str], str] = {}


def _module_name(path: Path, folder: Path, top: str) -> str:
    parts = (top, *path.relative_to(folder).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    out = {}
    for top in TOPS:
        folder = package_folder(top)
        for path in sorted(folder.rglob("*.py")):
            out[_module_name(path, folder, top)] = path
    return out


MODULES = _modules()


def _strip_namespace(name: str) -> str:
    return name.removeprefix(NAMESPACE + ".") if name.startswith(NAMESPACE + ".") else name


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module a ``from`` import names, relative imports resolved."""
    if not node.level:
        return _strip_namespace(node.module or "")
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, path: Path) -> list[tuple[int, str]]:
    """``(line, imported module)`` for every import in the module, at any depth.

    ``from graph import analysis`` imports the module ``graph.analysis``; ``from graph.build
    import format_source`` imports ``graph.build``.
    """
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, _strip_namespace(a.name)) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node)
            targets = [f"{base}.{a.name}" for a in node.names]
            targets = [t if t in MODULES else base for t in targets]
            found += [(node.lineno, t) for t in dict.fromkeys(targets)]
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        layer = LAYER_OF.get(".".join(parts[:n]))
        if layer is not None:
            return layer
    return None


def violations() -> list[str]:
    out = []
    for module, path in MODULES.items():
        layer = layer_of(module)
        for line, target in imports_of(module, path):
            where = f"{path.relative_to(ROOT)}:{line}: {module} ({layer})"
            if target.split(".")[0] in FORBIDDEN_PACKAGES.get(layer, ()):
                out.append(f"{where} imports {target}: the library never uses the CLI's package")
                continue
            if target.split(".")[0] not in TOPS or (module, target) in EXCEPTIONS:
                continue
            other = layer_of(target)
            if other != layer and other not in ALLOWED[layer]:
                out.append(f"{where} imports {target} ({other}): {layer} may import only "
                           f"{', '.join(sorted(ALLOWED[layer])) or 'nothing'}")
    return out


def test_every_module_has_a_layer():
    assert len(MODULES) > 30, f"found only {sorted(MODULES)}"
    missing = [m for m in MODULES if layer_of(m) is None]
    assert not missing, f"add these modules to LAYER_OF in {Path(__file__).name}: {missing}"


def test_layer_table_is_consistent():
    assert set(LAYER_OF.values()) == set(ALLOWED)
    for layer, allowed in ALLOWED.items():
        assert allowed <= set(ALLOWED), layer
        assert "cli" not in allowed or layer == "cli", f"{layer} may not import the CLI"


def test_imports_follow_the_layer_rule():
    found = violations()
    assert not found, "imports that break the layer rule (see ARCHITECTURE.md):\n" + "\n".join(found)


def test_nothing_imports_the_cli_entry_point():
    """``cli.main`` registers the commands; a command module importing it back is a cycle."""
    found = [f"{m} imports cli.main" for m, path in MODULES.items() if m != "cli.main"
             for _, target in imports_of(m, path) if target == "cli.main"]
    assert not found, found


def test_every_exception_is_still_needed():
    for module, target in sorted(EXCEPTIONS):
        assert module in MODULES, f"exception for a module that is gone: {module}"
        assert target in {t for _, t in imports_of(module, MODULES[module])}, \
            f"{module} no longer imports {target}: remove the exception"


def test_relative_and_function_level_imports_are_read(tmp_path):
    path = tmp_path / "x.py"
    path.write_text("def f():\n    from ..cli import main\n    from . import records, blocks as b\n")
    assert imports_of("graph.ingest.x", path) == [
        (2, "graph.cli"), (3, "graph.ingest.records"), (3, "graph.ingest.blocks")]
    path.write_text("import rivalscape.cli.main\nfrom rivalscape.graph import analysis\n")
    assert imports_of("graph.report", path) == [(1, "cli.main"), (2, "graph.analysis")]
    assert layer_of("cli.main") == "cli" and layer_of("graph.ingest.records") == "records"
