"""A load after an edit, with the documents read before taken from the cache, equals a cold
load of the edited folder: landscape, graph (order included), warnings and records. Edits
that add, remove and rename entities, merge two spellings across files, change a document's
subject, and change the order in which ids are registered (an earlier file names a rival
first, taking its id from a later one)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rivalscape.graph.cache import Cache
from rivalscape.graph.pipeline import load

A = """# Alpha notes

### 1. ACME CLOUD (ACME): Serverless

- Founded: 2019
- Funding: $20M Series A

**Competitive Positioning**
- **vs. Globex**: cheaper
- **vs. Initech Labs**: simpler
- **vs. Self-managed**: less work
"""
B = """---
subject: Hooli
---
# Hooli competitive analysis

## Competitors

### Globex

- **vs. Acme**: bigger
- **vs. Umbrella**: older

### Initech

- Founded: 2001
"""
C = """# Gamma notes

### 1. UMBRELLA: Storage

- Founded: 2010

**Competitive Positioning**
- **vs. Globex Corp**: faster
- **vs. Vandelay**: cheaper
"""


def _dump(loaded) -> str:
    G = loaded.graph
    return json.dumps([G.graph, list(G.nodes(data=True)), list(G.edges(data=True)),
                       loaded.landscape.model_dump_json(), [str(d) for d in loaded.diagnostics],
                       repr(loaded.documents)], default=repr)


def _edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = {
    "add an entity": lambda f: _edit(f, "a.md", "- **vs. Globex**: cheaper\n",
                                     "- **vs. Globex**: cheaper\n- **vs. Benchedit**: an edit\n"),
    "remove an entity": lambda f: _edit(f, "c.md", "- **vs. Vandelay**: cheaper\n", ""),
    "rename an entity": lambda f: _edit(f, "c.md", "### 1. UMBRELLA: Storage", "### 1. UMBRELLA CORP: Storage"),
    "merge two spellings across files": lambda f: _edit(
        f, "b.md", "### Initech\n", "### Initech Labs (Initech)\n"),
    "change a document's subject": lambda f: _edit(f, "b.md", "subject: Hooli", "subject: Acme"),
    "change the registration order": lambda f: _edit(
        f, "a.md", "- **vs. Self-managed**: less work\n", "- **vs. Vandelay**: dearer\n"),
    "remove a document": lambda f: (f / "c.md").unlink(),
    "add a document": lambda f: (f / "d.md").write_text(C.replace("UMBRELLA", "STARK"), encoding="utf-8"),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_load_after_an_edit_equals_a_cold_load(tmp_path, edit):
    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in (("a.md", A), ("b.md", B), ("c.md", C)):
        (folder / name).write_text(text, encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    before = _dump(load([folder], cache=cache))
    EDITS[edit](folder)
    warm = load([folder], cache=Cache(tmp_path / "cache"))
    assert cache.enabled and warm.key is not None
    after = _dump(warm)
    cold = _dump(load([folder]))
    assert after == cold
    assert after != before  # the edit changed something


def test_the_same_on_a_copy_of_the_shipped_data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", folder)
    load([folder], cache=Cache(tmp_path / "cache"))
    doc = next(folder.glob("*.md"))
    text = doc.read_text(encoding="utf-8")
    doc.write_text(text + "\n### 99. BENCHEDIT: Edits\n\n- Founded: 2024\n\n"
                   "**Competitive Positioning**\n- **vs. Modal**: an edit\n", encoding="utf-8")
    assert _dump(load([folder], cache=Cache(tmp_path / "cache"))) == _dump(load([folder]))
