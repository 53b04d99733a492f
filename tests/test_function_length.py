"""No function in ``graph/`` or ``cli/`` is longer than about 60 lines without a reason.

A function's length is the lines of its code: from the ``def`` to its last line, less its
docstring (a docstring with examples is documentation, not length). A function may be longer
when a comment ``# long: <reason>`` sits on the line above its ``def`` (or above its
decorators) or ends the ``def`` line, or when it is listed in ``EXCEPTIONS`` below.
"""

from __future__ import annotations

import ast
import sys
from landscape_paths import package_folder

TOPS = ("graph", "cli")
LIMIT = 60

# "path::function" -> why it is still long. Each one is a debt: split it, then remove it here.
EXCEPTIONS: dict[str, str] = {}


def _docstring_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    first = node.body[0]
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
            and isinstance(first.value.value, str) and len(node.body) > 1:
        return first.end_lineno - first.lineno + 1
    return 0


def code_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Lines from the ``def`` to the end of the function, its docstring left out."""
    return node.end_lineno - node.lineno + 1 - _docstring_lines(node)


def _has_reason(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
    above = lines[first - 2].strip() if first >= 2 else ""
    return above.startswith("# long:") or "# long:" in lines[node.lineno - 1]


def long_functions() -> list[tuple[str, int, int]]:
    """``(path::name, line, code lines)`` of every function over the limit with no reason."""
    out = []
    for top in TOPS:
        folder = package_folder(top)
        for path in sorted(folder.rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            lines = text.splitlines()
            for node in ast.walk(ast.parse(text, str(path))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                        and code_lines(node) > LIMIT and not _has_reason(lines, node):
                    name = f"{path.relative_to(folder.parent).as_posix()}::{node.name}"
                    out.append((name, node.lineno, code_lines(node)))
    return out


def test_no_long_function_without_a_reason():
    found = [f"{name} (line {line}): {n} lines" for name, line, n in long_functions()
             if name not in EXCEPTIONS]
    assert not found, (f"functions over {LIMIT} lines: split them into named steps, or put "
                       "'# long: <reason>' above the def:\n" + "\n".join(found))


def test_every_exception_is_still_long():
    long = {name for name, _, _ in long_functions()}
    stale = sorted(set(EXCEPTIONS) - long)
    assert not stale, f"no longer long (or gone): remove from EXCEPTIONS: {stale}"


def test_the_measure():
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    tree = ast.parse(f'def f():\n    """Doc.\n\n    More.\n    """\n{body}\n')
    assert code_lines(tree.body[0]) == LIMIT + 1  # the def line and the code, not the docstring
    src = f"# long: a table\ndef g():\n{body}\n    return 1\n"
    assert _has_reason(src.splitlines(), ast.parse(src).body[0])
    bare = src.splitlines()[1:]
    assert not _has_reason(bare, ast.parse("\n".join(bare)).body[0])
    inline = ["def g():  # long: a table", *bare[1:]]
    assert _has_reason(inline, ast.parse("\n".join(inline)).body[0])


def test_both_folders_are_measured_and_a_long_function_fails(tmp_path, monkeypatch):
    """The scan reads graph/ and cli/ (subfolders too) and reports a long function in each."""
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT + 1))
    for top, sub in (("graph", "analysis"), ("cli", "")):
        folder = tmp_path / top / sub
        folder.mkdir(parents=True, exist_ok=True)
        (tmp_path / top / "__init__.py").write_text("", encoding="utf-8")
        (folder / "m.py").write_text(f"def long_one():\n{body}\n\n# long: a table\ndef kept():\n{body}\n",
                                     encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "package_folder", lambda top: tmp_path / top)
    found = sorted(name for name, _, _ in long_functions())
    assert found == ["cli/m.py::long_one", "graph/analysis/m.py::long_one"]
    assert TOPS == ("graph", "cli")
