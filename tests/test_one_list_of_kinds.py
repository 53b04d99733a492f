"""There is one list of entity kinds, :data:`graph.models.KINDS`: no module spells it out again.

A literal tuple, list or set of kinds only that names every kind that can be a rival (company,
competitor, alternative) is a copy of that list; modules take :data:`~graph.models.KINDS` or
:data:`~graph.models.RIVAL_KINDS` instead.
"""

from __future__ import annotations

import ast
from landscape_paths import package_folder

from rivalscape.graph.models import KINDS, RIVAL_KINDS

# path -> why it still has its own copy. Remove the entry when the copy goes.
EXCEPTIONS: dict[str, str] = {}


def copies() -> list[str]:
    out = []
    for top in ("graph", "cli"):
        folder = package_folder(top)
        for path in sorted(folder.rglob("*.py")):
            rel = path.relative_to(folder.parent).as_posix()
            if rel == "graph/models.py" or rel in EXCEPTIONS:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
                    words = {e.value for e in node.elts if isinstance(e, ast.Constant)}
                    if set(RIVAL_KINDS) <= words <= set(KINDS):
                        out.append(f"{rel}:{node.lineno}")
    return out


def test_kinds_are_the_model_kinds():
    assert KINDS == ("company", "competitor", "alternative", "theme")
    assert RIVAL_KINDS == ("company", "competitor", "alternative")


def test_no_module_copies_the_list_of_kinds():
    found = copies()
    assert not found, "use graph.models.KINDS / RIVAL_KINDS instead of a copy: " + ", ".join(found)


def test_exceptions_still_hold_a_copy():
    for rel in EXCEPTIONS:
        top, _, inner = rel.partition("/")
        text = (package_folder(top) / inner).read_text(encoding="utf-8")
        assert all(f'"{k}"' in text for k in KINDS), f"{rel} has no copy left: remove the exception"
