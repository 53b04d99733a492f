"""Landscape -> the shapes the structured readers read: Kumu tables, Gephi tables, our data file.

Each writer returns ``{file name: bytes}`` so that a person can export, edit in a spreadsheet
and read the files back (``landscape build --data FOLDER``) into the same graph: entities with
kinds, aliases and facts; every claim with its ``by`` and text; every membership.

CSV cells that a spreadsheet would run as a formula get a leading ``'``
(:func:`graph.cells.quote_cell`), which the table reader takes off again. The same
landscape gives the same bytes (the workbook's zip entries carry a fixed date).
"""

from __future__ import annotations

import csv
import io
import zipfile

import yaml

from rivalscape.graph.cells import quote_cell
from rivalscape.graph.models import Entity, Landscape
from rivalscape.graph.text import printable

TABLE_FORMATS = ("kumu", "gephi", "yaml")
_RESERVED = {"label", "id", "type", "kind", "aliases", "tags", "relation", "from", "to",
             "source", "target", "description"}


def _fact_columns(entities: list[Entity]) -> list[str]:
    """Fact labels in first-seen order; a label that names a table column gets ``fact:``."""
    seen: dict[str, None] = {}
    for e in entities:
        for f in e.facts:
            seen.setdefault(f.label)
    return list(seen)


def _column(label: str) -> str:
    return f"fact:{label}" if label.strip().lower() in _RESERVED - {"description"} else label


def _entity_rows(ls: Landscape, first: list[str]) -> list[list[str]]:
    """Header and one row per entity (themes too): ``first`` columns, kind, aliases, facts."""
    ents = [e for e in ls.entities if e.kind != "theme"]
    facts = _fact_columns(ents)
    rows = [first + ["Type" if first[0] == "Label" else "Kind", "Aliases"] + [_column(f) for f in facts]]
    for e in ls.entities:
        by_label = {f.label: f.text for f in e.facts}
        ids = [e.label] if first == ["Label"] else [e.id, e.label]
        rows.append(ids + [e.kind, " | ".join(e.aliases)] + [by_label.get(f, "") for f in facts])
    return rows


def _claim_rows(ls: Landscape, name) -> list[tuple[str, str, str, str]]:
    """(by, against, relation, text) for every claim and every membership, in model order."""
    rows = [(name(c.by), name(c.against), "competes", c.text) for r in ls.rivalries for c in r.claims]
    rows += [(name(m.member), name(m.theme), "theme", m.description) for m in ls.memberships]
    return rows


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    for row in rows:
        w.writerow([quote_cell(c) for c in row])
    return buf.getvalue().encode("utf-8")


def kumu_rows(ls: Landscape) -> dict[str, list[list[str]]]:
    """Kumu's Elements and Connections sheets, by label."""
    label = {e.id: e.label for e in ls.entities}
    connections = [["From", "To", "Type", "Description"]]
    connections += [list(r) for r in _claim_rows(ls, label.__getitem__)]
    return {"elements": _entity_rows(ls, ["Label"]), "connections": connections}


def gephi_rows(ls: Landscape) -> dict[str, list[list[str]]]:
    """Gephi's nodes and edges tables, by id (Gephi's Type column is the direction)."""
    edges = [["Source", "Target", "Type", "Relation", "Label", "Weight"]]
    edges += [[a, b, "Directed", rel, text, "1"] for a, b, rel, text in _claim_rows(ls, str)]
    return {"nodes": _entity_rows(ls, ["Id", "Label"]), "edges": edges}


def data_file(ls: Landscape) -> dict:
    """Our data file (see :mod:`graph.ingest.datafile`) as plain values."""
    label = {e.id: e.label for e in ls.entities}
    entities = []
    for e in ls.entities:
        if e.kind == "theme":
            continue
        d: dict = {"name": e.label, "kind": e.kind}
        if e.aliases:
            d["aliases"] = list(e.aliases)
        if e.facts:
            d["facts"] = {f.label: f.text for f in e.facts}
        entities.append(d)
    rivalries = [{"by": label[c.by], "against": label[c.against], "claim": c.text}
                 for r in ls.rivalries for c in r.claims]
    themes: dict[str, list] = {label[e.id]: [] for e in ls.entities if e.kind == "theme"}
    for m in ls.memberships:
        member = {"name": label[m.member]}
        if m.description:
            member["description"] = m.description
        themes[label[m.theme]].append(member)
    return {"title": ls.title, "entities": entities, "rivalries": rivalries,
            "themes": [{"name": n, "members": ms} for n, ms in themes.items()]}


def _xlsx(sheets: dict[str, list[list[str]]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    for title, rows in sheets.items():
        ws = wb.create_sheet(title.capitalize())
        for row in rows:
            # control characters cannot be stored in a workbook at all (openpyxl refuses them)
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", quote_cell(c)) for c in row])
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_dates(buf.getvalue())


def _fixed_dates(data: bytes) -> bytes:
    """The same workbook bytes on every run: zip entries dated 1980, no creation time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _strip_dates(body)
            dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), body,
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _strip_dates(xml: bytes) -> bytes:
    import re

    return re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", xml)


def export_tables(ls: Landscape, fmt: str, xlsx: bool = False) -> dict[str, bytes]:
    """``{file name: bytes}`` for ``fmt`` in :data:`TABLE_FORMATS`.

    ``kumu``: ``elements.csv`` + ``connections.csv``, or ``landscape.xlsx`` with two sheets
    when ``xlsx``; ``gephi``: ``nodes.csv`` + ``edges.csv``; ``yaml``: ``landscape.yaml``.
    """
    if fmt == "yaml":
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(data_file(ls), Dumper=dumper, sort_keys=False, allow_unicode=True,
                         width=100)
        if printable(text, multiline=True) != text:
            # PyYAML writes bidi controls, U+2028/U+2029 and C1 raw under allow_unicode: such
            # a document is written with every non-ASCII character escaped instead.
            text = yaml.dump(data_file(ls), Dumper=dumper, sort_keys=False,
                             allow_unicode=False, width=100)
        return {"landscape.yaml": text.encode("utf-8")}
    if fmt not in ("kumu", "gephi"):
        raise ValueError(f"unknown table format {fmt!r}")
    sheets = kumu_rows(ls) if fmt == "kumu" else gephi_rows(ls)
    if xlsx:
        return {"landscape.xlsx": _xlsx(sheets)}
    return {f"{name}.csv": _csv(rows) for name, rows in sheets.items()}
