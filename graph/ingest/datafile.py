"""Reader for our own data file (YAML or JSON), checked against its published JSON Schema.

The schema is ``graph/schema/landscape-data.schema.json``; an example::

    title: Serverless GPUs
    entities:
      - name: Modal Labs
        kind: company
        aliases: [Modal]
        facts: {Founded: "2021"}
        themes: [Serverless GPU]
    rivalries:
      - {by: Modal Labs, against: RunPod, claim: faster cold starts}
    themes:
      - name: Serverless GPU
        members: [RunPod, {name: Replicate, description: hosted models}]
    overrides:
      same_as: [[Modal Labs, Modal Inc]]
      not_same: [[Flow AI, Metaflow]]
      not_a_rival: [[Modal Labs, AWS]]
      kind: {AWS: alternative}
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from rivalscape.graph.errors import Diagnostic
from rivalscape.graph.ingest.records import (
    DocumentRecord, EntityRecord, FactRecord, MemberRecord, OverrideRecord, RivalryRecord,
    ThemeRecord,
)
from rivalscape.graph.ingest.treetext import line_of

SCHEMA_FILE = "landscape-data.schema.json"


@lru_cache(maxsize=1)
def schema() -> dict:
    """The published JSON Schema of the data file."""
    return json.loads(resources.files("rivalscape.graph").joinpath("schema", SCHEMA_FILE).read_text("utf-8"))


def _inline(node: Any, defs: dict) -> Any:
    """The schema with each ``$ref`` replaced by its definition (it has no cycles): jsonschema
    resolving references took two thirds of checking a 5,000-entity file."""
    if isinstance(node, dict):
        if "$ref" in node:
            return _inline(defs[node["$ref"].rsplit("/", 1)[-1]], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(x, defs) for x in node]
    return node


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_inline(schema(), schema()["$defs"]))


def validate(data: Any, lines: dict[tuple, int], display: str) -> list[Diagnostic]:
    """Every place where ``data`` breaks the schema, as errors with lines."""
    out = []
    for err in _validator().iter_errors(data):
        path = tuple(err.absolute_path)
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        msg = {"oneOf": "expected a name or {name, description}",
               "pattern": "a name must not be empty"}.get(err.validator, err.message)
        out.append(Diagnostic("error", display, line_of(lines, path),
                              f"{where or 'file'}: {msg}"))
    return out


def read_datafile(data: Any, lines: dict[tuple, int], rel: str,
                  display: str) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    if data is None:
        data = {}
    diags = validate(data, lines, display)
    if diags:
        return [], diags
    doc = DocumentRecord(path=rel, display=display, title=data.get("title") or None)
    at = lambda *p: line_of(lines, p) or 1  # noqa: E731
    themes: dict[str, ThemeRecord] = {}

    def member(theme: str, name: str, description: str, line: int) -> None:
        themes.setdefault(theme, ThemeRecord(theme, line)).items.append(
            MemberRecord(name, description, line, exact=True))

    for i, e in enumerate(data.get("entities", [])):
        facts = [FactRecord(k, v, at("entities", i, "facts", k)) for k, v in e.get("facts", {}).items()]
        doc.companies.append(EntityRecord(
            name=e["name"].strip(), aliases=[a.strip() for a in e.get("aliases", [])],
            heading="entities", line=at("entities", i), facts=facts, kind=e.get("kind")))
        for j, t in enumerate(e.get("themes", [])):
            member(t.strip(), e["name"].strip(), "", at("entities", i, "themes", j))
    for i, r in enumerate(data.get("rivalries", [])):
        doc.rivalries.append(RivalryRecord(
            target=r["against"].strip(), claim=r.get("claim", ""), line=at("rivalries", i),
            evidence="data", by=r["by"].strip(), split=False))
    for i, t in enumerate(data.get("themes", [])):
        themes.setdefault(t["name"].strip(), ThemeRecord(t["name"].strip(), at("themes", i)))
        for j, m in enumerate(t.get("members", [])):
            name, text = (m, "") if isinstance(m, str) else (m["name"], m.get("description", ""))
            member(t["name"].strip(), name.strip(), text, at("themes", i, "members", j))
    doc.themes = list(themes.values())
    doc.overrides = _overrides(data.get("overrides", {}), at)
    return [doc], []


def _overrides(data: dict, at) -> list[OverrideRecord]:
    out = []
    for action in ("same_as", "not_same", "not_a_rival"):
        for i, names in enumerate(data.get(action, [])):
            out.append(OverrideRecord(action, [n.strip() for n in names],
                                      at("overrides", action, i)))
    for name, kind in data.get("kind", {}).items():
        out.append(OverrideRecord("kind", [name.strip()], at("overrides", "kind", name), kind))
    return out
