"""A build after an edit reuses the parts of the analysis the edit did not touch, and its
outputs are the bytes of an uncached build of the edited data, whatever the kind of edit.

The global measures (every metric, the segments) are kept in the cache under a key of
exactly what they read (:func:`graph.analysis.result._measures_key`): an edit of claims
alone finds them; an edit that adds an entity or a rivalry, renames an entity, or changes
a setting computes them again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from landscape_paths import DATA

from rivalscape.graph.analysis import result as result_module
from rivalscape.graph.cache import Cache

DOC = "ai_infrastructure_2025.md"


def _all_outputs(out: Path) -> dict[str, bytes]:
    """Every file of the published set, battlecards included, by name."""
    current = (out / ".landscape" / "current").resolve()
    return {str(p.relative_to(current)): p.read_bytes() for p in sorted(current.rglob("*")) if p.is_file()}


@pytest.fixture
def cards_rendered(monkeypatch):
    """The battlecards rendered as HTML, one entry per card."""
    from rivalscape.graph import battlecard

    calls = []
    real = battlecard.render_battlecards

    def render(result, fmt="md"):
        calls.append(result["subject"])
        return real(result, fmt)

    monkeypatch.setattr(battlecard, "render_battlecards", render)
    return calls


@pytest.fixture
def computed(monkeypatch):
    """The metrics computed, one entry per call."""
    calls = []
    real = result_module.metric_values

    def metric_values(eng, metrics, plan):
        calls.append(tuple(metrics))
        return real(eng, metrics, plan)

    monkeypatch.setattr(result_module, "metric_values", metric_values)
    return calls


def _claim_text(text: str) -> str:
    return text.replace("- **vs. Replicate**: More flexible, better for custom use cases",
                        "- **vs. Replicate**: More flexible, cheaper for custom use cases")


def _new_rivalry(text: str) -> str:
    return text + "\n- **vs. Benchedit0**: an edit\n"


def _renamed(text: str) -> str:
    return text.replace("RunPod", "RunPod Cloud")


@pytest.mark.parametrize("edit, recomputed", [(_claim_text, False), (_new_rivalry, True),
                                              (_renamed, True)],
                         ids=["claim text", "new entity and rivalry", "renamed entity"])
def test_a_build_after_an_edit_equals_an_uncached_build(invoke, tmp_path, computed, cards_rendered,
                                                        edit, recomputed):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    cache = ("--cache-dir", tmp_path / "cache")
    r = invoke("build", "--data", data, "-o", tmp_path / "before", *cache)
    assert r.exit_code == 0, r.stderr
    assert len(computed) == 1
    cards = len(cards_rendered)
    assert cards == len(list((tmp_path / "before" / "battlecards").glob("*--vs--*.html"))) > 10
    doc = data / DOC
    edited = edit(doc.read_text(encoding="utf-8"))
    assert edited != doc.read_text(encoding="utf-8")
    doc.write_text(edited, encoding="utf-8")
    cached = invoke("build", "--data", data, "-o", tmp_path / "cached", *cache)
    assert cached.exit_code == 0, cached.stderr
    assert len(computed) == 1 + recomputed
    assert 0 < len(cards_rendered) - cards < cards  # only the cards whose content changed
    uncached = invoke("build", "--data", data, "-o", tmp_path / "uncached", "--no-cache")
    assert uncached.exit_code == 0, uncached.stderr
    assert _all_outputs(tmp_path / "cached") == _all_outputs(tmp_path / "uncached")
    assert _all_outputs(tmp_path / "cached") != _all_outputs(tmp_path / "before")
    assert cached.stdout.replace("cached", "OUT") == uncached.stdout.replace("uncached", "OUT")


def test_another_seed_computes_the_measures_again(invoke, tmp_path, computed):
    cache = ("--cache-dir", tmp_path / "cache")
    for seed in ("1", "2", "1"):
        r = invoke("build", "--data", DATA, "-o", tmp_path / seed, "--seed", seed, *cache)
        assert r.exit_code == 0, r.stderr
    # the third build is the first one again: its analysis and page come whole from the cache
    assert len(computed) == 2
    uncached = invoke("build", "--data", DATA, "-o", tmp_path / "u2", "--seed", "2", "--no-cache")
    assert uncached.exit_code == 0
    assert _all_outputs(tmp_path / "2") == _all_outputs(tmp_path / "u2")


def test_the_measures_key_covers_what_they_read(shipped):
    from rivalscape.graph.analysis import Settings
    from rivalscape.graph.analysis.engine import Engine, sampling_plan

    def key(G, settings=Settings(), metrics=("pagerank",), seg=True):
        eng = Engine.from_graph(G)
        plan = sampling_plan(eng, sampling=settings.sampling, sample_size=settings.sample_size,
                             seed=settings.seed)
        return result_module._measures_key(G, eng, plan, settings, metrics, seg)

    G = shipped.graph
    base = key(G)
    assert key(G.copy()) == base
    claims = G.copy()
    u, v, d = next((u, v, d) for u, v, d in claims.edges(data=True) if d["kind"] == "competes")
    claims.edges[u, v]["claims"] = [{**c, "text": c["text"] + "!"} for c in d["claims"]]
    assert key(claims) == base  # claims are not read by the global measures
    assert key(G, Settings(top=3, threshold=0.5)) == base  # nor are these settings
    theme = next(n for n, k in G.nodes(data="kind") if k == "theme")
    themed = G.copy()
    themed.nodes[theme]["label"] = "Another theme name"
    changed = {
        "label": _relabelled(G, u),
        "kind": _rekinded(G, u),
        "edge": _without(G, u, v),
        "theme": themed,
    }
    for what, H in changed.items():
        assert key(H) != base, what
    for other in (Settings(seed=1), Settings(resolution=0.5), Settings(sampling="sampled", sample_size=5)):
        assert key(G, other) != base
    assert key(G, metrics=("pagerank", "degree")) != base and key(G, seg=False) != base


def _relabelled(G, n):
    H = G.copy()
    H.nodes[n]["label"] = H.nodes[n]["label"] + " Inc"
    return H


def _rekinded(G, n):
    H = G.copy()
    H.nodes[n]["kind"] = "alternative" if H.nodes[n]["kind"] != "alternative" else "competitor"
    return H


def _without(G, u, v):
    H = G.copy()
    H.remove_edge(u, v)
    return H


def test_the_cache_keeps_a_few_sets_of_measures(invoke, tmp_path):
    cache = ("--cache-dir", tmp_path / "cache")
    for seed in range(result_module.MEASURES_KEPT + 2):
        assert invoke("build", "--data", DATA, "-o", tmp_path / "o", "--seed", seed, *cache).exit_code == 0
    kinds = [kind for kind, *_ in Cache(tmp_path / "cache").entries()]
    assert kinds.count("measures") == result_module.MEASURES_KEPT
