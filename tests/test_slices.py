"""A large cached graph is kept in slices; a question about one entity loads only its part
(graph/slices.py). Every answer on that part equals the answer on the whole graph."""

from __future__ import annotations

import pytest
from landscape_paths import DATA, FIXTURES

from rivalscape.graph import pipeline, query, slices
from rivalscape.graph.cache import Cache
from rivalscape.graph.errors import UnknownEntityError

CASES = [DATA, FIXTURES / "mixed", FIXTURES / "cross_document", FIXTURES / "read_prose"]


@pytest.mark.parametrize("data", CASES, ids=lambda p: p.name)
def test_every_question_about_every_entity_is_answered_the_same_on_its_part(data, monkeypatch):
    monkeypatch.setattr(slices, "SLICE_NODES", 1)  # several slices even for a small graph
    G = pipeline.load([data]).graph
    index, names, parts = slices.split(G)
    assert index["slices"] > 1
    for node in G:
        for depth in (1, 2, 3):
            part = slices.assemble(index, lambda: names, parts.__getitem__, node, depth)
            assert part.number_of_nodes() <= G.number_of_nodes()
            assert query.competitors(part, node, depth=depth) == query.competitors(G, node, depth=depth)
        part = slices.assemble(index, lambda: names, parts.__getitem__, node, 1)
        assert query.profile(part, node) == query.profile(G, node)
        assert query.theme_note(part, node) == query.theme_note(G, node)


def test_a_part_is_smaller_than_the_whole(monkeypatch):
    monkeypatch.setattr(slices, "SLICE_NODES", 4)
    G = pipeline.load([DATA]).graph
    index, names, parts = slices.split(G)
    used = []
    part = slices.assemble(index, lambda: names, lambda s: used.append(s) or parts[s], "replicate", 1)
    assert len(used) == 1 and part.number_of_nodes() == 1 + G.degree("replicate")


def test_names_are_found_as_in_the_whole_graph():
    G = pipeline.load([DATA]).graph
    index, every, _ = slices.split(G)
    names = {"W&B", "wandb", "cursor", "aws", "Modl", "zzzz", "Open source", ""}
    for n, d in G.nodes(data=True):
        names |= {n, d["label"], *d["aliases"], d["label"].upper(), d["label"][:4]}
    for name in sorted(names):
        try:
            want = query.find_entity(G, name)
        except UnknownEntityError as e:
            with pytest.raises(UnknownEntityError) as got:
                slices.find(index, lambda: every, name)
            assert str(got.value) == str(e)
        else:
            assert slices.find(index, lambda: every, name) == want


def _answers(invoke, args):
    return [(r.exit_code, r.stdout, r.stderr) for r in
            (invoke(*a, "--data", FIXTURES / "warnings", *args) for a in QUESTIONS)]


QUESTIONS = [("show", "Acme"), ("show", "Acme", "--json"), ("competitors", "Acme", "--json"),
             ("competitors", "Acme", "--depth", "3"), ("show", "Nobody Atall")]


def test_show_and_competitors_from_slices_are_the_same_bytes(invoke, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "SLICES_FROM", 1)
    monkeypatch.setattr(slices, "SLICE_NODES", 2)
    cache = ("--cache-dir", tmp_path)
    expected = _answers(invoke, ("--no-cache",))
    assert expected[0][0] == 0 and "warning" in expected[0][2]  # warnings are part of it
    assert expected[-1][0] == 2 and "no entity" in expected[-1][2]
    assert _answers(invoke, cache) == expected  # the first run stores the slices
    assert {kind for kind, *_ in Cache(tmp_path).entries()} >= {"index", "names", "slice"}

    def whole(*a, **kw):
        raise AssertionError("the whole graph was loaded")

    monkeypatch.setattr(pipeline, "load", whole)
    assert _answers(invoke, cache) == expected


@pytest.mark.parametrize("missing", ["slice", "names"])
@pytest.mark.parametrize("name", ["Modal", "wandb", "Modl"])
def test_a_missing_entry_loads_the_whole_graph(invoke, tmp_path, monkeypatch, missing, name):
    monkeypatch.setattr(pipeline, "SLICES_FROM", 1)
    monkeypatch.setattr(slices, "SLICE_NODES", 2)
    args = ("competitors", name, "--depth", "2", "--json", "--data", DATA)
    expected = invoke(*args, "--no-cache")
    invoke(*args, "--cache-dir", tmp_path)
    for kind, path, _ in Cache(tmp_path).entries():
        if kind == missing:
            path.unlink()
    r = invoke(*args, "--cache-dir", tmp_path)
    assert (r.exit_code, r.stdout, r.stderr) == (expected.exit_code, expected.stdout, expected.stderr)
