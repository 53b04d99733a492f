"""Issue 10.6: every command's --json output validates against one schema in the repository."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from landscape_paths import DATA

jsonschema = pytest.importorskip("jsonschema")

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "schema" / "landscape-cli.schema.json")
                    .read_text(encoding="utf-8"))
D = ("--data", DATA)

CASES = [
    ("competitors", ["competitors", "Modal", "--json"]),
    ("competitors", ["competitors", "MLflow", "--depth", "2", "--json"]),
    ("competitors", ["competitors", "Open Source Integration", "--json"]),
    ("show", ["show", "Modal Labs", "--json"]),
    ("show", ["show", "Open Source Integration", "--json"]),
    ("themes", ["themes", "--json"]),
    ("themes", ["themes", "Open Source Integration", "--json"]),
    ("centrality", ["centrality", "--json"]),
    ("centrality", ["centrality", "--json", "--metric", "PageRank", "--top", "3"]),
    ("segments", ["segments", "--json"]),
    ("similar", ["similar", "W&B", "--json"]),
    ("similar", ["similar", "Abstraction Layer Value", "--json"]),
    ("path", ["path", "Weights & Biases", "RunPod", "--json"]),
    ("path", ["path", "Cursor", "AWS", "--json"]),
    ("path", ["path", "Open Source Integration", "Modal", "--json"]),  # with a show-theme hint
    ("report", ["report", "--format", "json"]),
]


def validate(doc, name):
    jsonschema.validate(doc, {**SCHEMA, "$ref": f"#/$defs/{name}"})


def test_schema_is_valid_and_covers_every_json_command():
    from rivalscape.cli.main import cli

    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    with_json = {n for n, c in cli.commands.items() if any(p.name == "as_json" for p in c.params)}
    assert with_json | {"report"} == {name for name, _ in CASES}


@pytest.mark.parametrize("name,args", CASES, ids=[" ".join(a) for _, a in CASES])
def test_command_json_matches_the_schema(invoke, name, args):
    r = invoke(*args[:1], *D, *args[1:])
    assert r.exit_code == 0, r.stderr
    validate(json.loads(r.stdout), name)


def test_the_schema_can_fail():
    with pytest.raises(jsonschema.ValidationError):
        validate([{"name": "A", "id": "a", "kind": "company"}], "centrality")  # a bare list
    with pytest.raises(jsonschema.ValidationError):  # a claim without `against`
        validate({"from": {"name": "A", "id": "a", "kind": "company"},
                  "to": {"name": "B", "id": "b", "kind": "company"},
                  "steps": [{"from": "A", "from_id": "a", "to": "B", "to_id": "b",
                             "claims": [{"by": "A", "text": "x", "source": None}]}]}, "path")


def test_numbers_have_at_most_six_significant_digits(invoke):
    doc = json.loads(invoke("centrality", *D, "--json").stdout)
    for row in doc["rows"]:
        for m in ("degree", "betweenness", "pagerank", "eigenvector", "closeness"):
            assert float(f"{row[m]:.6g}") == row[m]
