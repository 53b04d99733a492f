"""Resolving with its shortcuts gives the landscape the plain rules give.

Each shortcut is swapped back for the plain code it replaced (kept here) and the landscapes,
warnings and records are compared, on the shipped data, fixtures that exercise every kind
of record (overrides, tables, data files, prose, themes) and a generated corpus:

* ``_Resolver.targets`` reads a rival text once (``read_target``) and asks the registry only
  where the answer depends on it;
* ``_Registry.find`` and ``add_name`` take a name's key and acronym forms from ``probe``;
* ``_Ent.has_source`` compares sources as their fields;
* ``_sorted_sources`` deduplicates by the fields.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from rivalscape.graph import resolve as R
from rivalscape.graph.names import (
    acronym, is_acronym_like, is_generic, is_subject_word, key, looks_like_name,
    split_parenthetical, split_targets,
)
from rivalscape.graph.pipeline import load

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def plain_targets(self, text, split):
    name, aliases = split_parenthetical(text)
    if not split or self.reg.find(name) is not None or self.reg.find(text) is not None:
        parts = [text]
    else:
        parts = split_targets(name)
        if len(parts) < 2 or is_generic(name) or not all(looks_like_name(p) for p in parts):
            parts = [text]
    out = []
    for t in parts:
        n, a = split_parenthetical(t)
        if looks_like_name(n) or is_subject_word(n):
            out.append((n, a))
    return out


def plain_find(self, name):
    k = self.key(name)
    e = self.by_key.get(k)
    if k.startswith(R._EXACT):
        return e
    if e is None and is_acronym_like(name):
        e = self.by_acronym.get(name.strip().upper())
    if e is None:
        a = acronym(name)
        if a and (hit := self.by_key.get(key(a))) is not None and is_acronym_like(hit.label):
            e = hit
    return e


def plain_add_name(self, e, name):
    if e.kind == "theme":
        self.by_key.setdefault("theme:" + key(name), e)
        return
    k = self.key(name)
    self.by_key.setdefault(k, e)
    if name != e.label and R.norm(name) != R.norm(e.label):
        e.aliases.add(name)
    a = acronym(name) if not k.startswith(R._EXACT) else None
    if a:
        self.by_acronym.setdefault(a, e)
    for other in self.same.get(k, ()):
        if self.by_key.setdefault(self.key(other), e) is e and R.norm(other) != R.norm(e.label):
            e.aliases.add(other)


def plain_has_source(self, src):
    return src in self.sources


def plain_sorted_sources(sources):
    return tuple(sorted(dict.fromkeys(sources), key=lambda s: (s.path, s.line or 0)))


def _state(folder: Path, evidence: str = "all") -> tuple[str, str, str]:
    loaded = load([folder], evidence=evidence)
    return (loaded.landscape.model_dump_json(), repr(loaded.diagnostics), repr(loaded.documents))


def _plain(monkeypatch) -> None:
    monkeypatch.setattr(R._Resolver, "targets", plain_targets)
    monkeypatch.setattr(R._Registry, "find", plain_find)
    monkeypatch.setattr(R._Registry, "add_name", plain_add_name)
    monkeypatch.setattr(R._Ent, "has_source", plain_has_source)
    monkeypatch.setattr(R, "_sorted_sources", plain_sorted_sources)


FOLDERS = [ROOT / "data", *(FIXTURES / n for n in (
    "cross_document", "mixed", "overrides", "over_merge", "alternatives", "rival_forms",
    "read_prose", "read_prose_stated", "read_typo_rivals", "tables_kumu_csv", "data_yaml",
    "data_json", "key_themes", "paren_alias_h2", "read_subject_unnamed", "not_rivalries",
    "read_vs_headings", "read_table_relation", "warnings", "fact_conflict_across_docs"))]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_shortcuts_give_the_plain_landscape(folder, monkeypatch):
    fast = _state(folder), _state(folder, "structural")
    with monkeypatch.context() as m:
        _plain(m)
        plain = _state(folder), _state(folder, "structural")
    assert fast == plain


def test_shortcuts_give_the_plain_landscape_of_a_generated_corpus(tmp_path, monkeypatch):
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--entities", "1200",
                    "--out", str(tmp_path / "c")], check=True, capture_output=True)
    fast = _state(tmp_path / "c")
    with monkeypatch.context() as m:
        _plain(m)
        plain = _state(tmp_path / "c")
    assert fast == plain
    assert '"claims"' in fast[0]


def test_shortcuts_give_the_plain_landscape_of_acronyms_both_ways(tmp_path, monkeypatch):
    """An acronym met first, then the spelled-out name (found through the key of its
    acronym), and the other way round; an ALL-CAPS mention of a known acronym."""
    (tmp_path / "a.md").write_text(
        "# A\n\n### 1. Skyline: Serverless\n\n- Founded: 2020\n- Focus: Functions\n\n"
        "Competition:\n- vs. AWS: Cheaper\n- vs. Amazon Web Services: Simpler\n"
        "- vs. Google Cloud Platform: Faster\n- vs. GCP: Smaller\n- vs. W&B / Comet: Lighter\n"
        "\n### 2. Weights & Biases: Tracking\n\n- Founded: 2017\n\nCompetition:\n"
        "- vs. SKYLINE: Broader\n- vs. Amazon Web Services (AWS): Deeper\n", encoding="utf-8")
    fast = _state(tmp_path)
    with monkeypatch.context() as m:
        _plain(m)
        plain = _state(tmp_path)
    assert fast == plain
    assert '"AWS"' in fast[0] and '"W&B"' in fast[0]
