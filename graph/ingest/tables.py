"""Reader for tables: Kumu elements + connections, Gephi nodes + edges, as CSV or ``.xlsx``.

A table says what it is by its header row, not its file name:

* a **connections** table has ``From`` and ``To`` (Kumu) or ``Source`` and ``Target`` (Gephi)
  columns, and optionally ``Type``/``Relation``, ``Label``, ``Description``;
* an **elements** table has a ``Label`` or ``ID``/``Id`` column, optionally ``Type``/``Kind``,
  ``Aliases``, ``Tags``; every other column is a fact (``fact:Type`` names a fact ``Type``).

Tables pair up by name and place, for IDs: ``acme.elements.csv`` with ``acme.connections.csv``
(also ``nodes``/``edges``; ``.``, ``-``, ``_`` or a space before the role word); a connections
table without such a partner uses the IDs of every elements table in its folder; the sheets
of one workbook pair with each other (a sheet whose name contains ``(ignore)`` is skipped).
Names themselves resolve across every input, as for markdown.
``|`` separates several values in ``Aliases`` and ``Tags``; a fact cell is kept whole.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field

from rivalscape.graph.errors import Diagnostic
from rivalscape.graph.ingest.records import (
    DocumentRecord, EntityRecord, FactRecord, MemberRecord, RivalryRecord, ThemeRecord,
)
from rivalscape.graph.cells import unquote_cell
from rivalscape.graph.ingest.treetext import Job, decode
from rivalscape.graph.models import KINDS

RIVALRY_TYPES = {"competes", "competes with", "competitor", "rival", "rivals", "rivalry",
                 "vs", "vs.", "versus"}
MEMBER_TYPES = {"theme", "member", "member of", "membership"}
# Gephi's edge Type says direction, not meaning: such an edge is read by its ``Relation`` or,
# without one, as a membership if one end is a theme and as a rivalry otherwise.
DIRECTIONS = {"directed", "undirected", "mutual", ""}
_ELEMENT_ROLES = {"label", "id", "type", "kind", "aliases", "tags"}
_ROLE_WORD = re.compile(r"(?:^|[.\-_ ])(?:elements|connections|nodes|edges)$", re.IGNORECASE)


@dataclass
class _Table:
    path: str  # provenance: "x.csv" or "book.xlsx[Sheet]"
    display: str
    group: str  # a folder or a workbook
    header: list[str]
    header_line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def pair(self) -> tuple[str, str]:
        """Tables with the same pair share element IDs: ``acme.nodes.csv`` + ``acme.edges.csv``."""
        if self.path.endswith("]"):  # a workbook sheet
            return (self.group, "")
        return (self.group, _ROLE_WORD.sub("", self.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]))

    def col(self, *names: str) -> int | None:
        low = [h.strip().lower() for h in self.header]
        return next((low.index(n) for n in names if n in low), None)


def _csv_table(job: Job) -> tuple[_Table | None, Diagnostic | None]:
    path, rel, display = job
    text, err = decode(path, display)
    if err is not None:
        return None, err
    reader = csv.reader(io.StringIO(text, newline=""))
    table, start = None, 1
    try:
        for row in reader:
            cells = [unquote_cell(c) for c in row]
            if any(c.strip() for c in cells):
                if table is None:
                    table = _Table(rel, display, str(path.parent), cells, start)
                else:
                    table.rows.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as e:
        return None, Diagnostic("error", display, reader.line_num, f"CSV error: {e}")
    if table is None:
        return None, Diagnostic("error", display, None, "empty table: no header row")
    return table, None


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return unquote_cell(str(v))


def _xlsx_tables(job: Job) -> tuple[list[_Table], list[Diagnostic]]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    path, rel, display = job
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
        return [], [Diagnostic("error", display, None, f"not a readable .xlsx workbook ({e})")]
    tables = []
    try:
        for ws in wb.worksheets:
            if "(ignore)" in ws.title.lower():
                continue
            table = None
            for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
                cells = [_cell(v) for v in values]
                if not any(c.strip() for c in cells):
                    continue
                if table is None:
                    table = _Table(f"{rel}[{ws.title}]", f"{display}[{ws.title}]", display, cells, n)
                else:
                    table.rows.append((n, cells))
            if table is not None:
                tables.append(table)
    finally:
        wb.close()
    return tables, []


def _kind(t: _Table) -> str | None:
    """``connections``, ``elements``, or None (with the reason given by :func:`_check`)."""
    if t.col("from", "to", "source", "target") is not None:
        return "connections"
    if t.col("label", "id") is not None:
        return "elements"
    return None


def _check(t: _Table) -> Diagnostic | None:
    kind = _kind(t)
    if kind is None:
        return Diagnostic("error", t.display, t.header_line,
                          "header row has no Label or ID column (an elements table) and no "
                          "From/To or Source/Target columns (a connections table)")
    if kind == "connections":
        pair = ("from", "to") if t.col("from", "to") is not None else ("source", "target")
        missing = [p for p in pair if t.col(p) is None]
        if missing:
            return Diagnostic("error", t.display, t.header_line,
                              f"connections table has no {missing[0].capitalize()} column")
    return None


@dataclass
class _Group:
    ids: dict[str, str] = field(default_factory=dict)  # element ID -> label
    themes: set[str] = field(default_factory=set)


def _values(cells: list[str], i: int | None) -> list[str]:
    if i is None or i >= len(cells):
        return []
    return [v.strip() for v in cells[i].split("|") if v.strip()]


def _get(cells: list[str], i: int | None) -> str:
    return cells[i].strip() if i is not None and i < len(cells) else ""


def read_tables(jobs: list[Job]) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    """Every CSV file and workbook sheet in ``jobs``: one :class:`DocumentRecord` per table."""
    tables: list[_Table] = []
    diags: list[Diagnostic] = []
    for job in jobs:
        if job[0].suffix.lower() == ".xlsx":
            more, errs = _xlsx_tables(job)
            tables.extend(more)
            diags.extend(errs)
        else:
            t, err = _csv_table(job)
            tables.extend([t] if t else [])
            diags.extend([err] if err else [])
    good = []
    for t in tables:
        err = _check(t)
        diags.extend([err] if err else [])
        if err is None:
            good.append(t)
    groups: dict[tuple[str, str], _Group] = {}
    docs = []
    for t in good:
        if _kind(t) == "elements":
            docs.append(_read_elements(t, groups.setdefault(t.pair, _Group()), diags))
    for t in good:
        if _kind(t) == "connections":
            docs.append(_read_connections(t, groups.get(t.pair) or _folder(groups, t.group), diags))
    order = {t.path: i for i, t in enumerate(good)}
    docs.sort(key=lambda d: order[d.path])
    return docs, diags


def _folder(groups: dict[tuple[str, str], _Group], folder: str) -> _Group:
    """The IDs and themes of every elements table in ``folder`` (the first reading of an ID)."""
    merged = _Group()
    for (where, _), g in sorted(groups.items()):
        if where == folder:
            for k, v in g.ids.items():
                merged.ids.setdefault(k, v)
            merged.themes |= g.themes
    return merged


def _read_elements(t: _Table, group: _Group, diags: list[Diagnostic]) -> DocumentRecord:
    doc = DocumentRecord(path=t.path, display=t.display)
    name_i, id_i = t.col("label", "id"), t.col("id")
    kind_i, alias_i, tag_i = t.col("kind", "type"), t.col("aliases"), t.col("tags")
    roles = {name_i, id_i, kind_i, alias_i, tag_i}
    facts = [(i, h.strip()) for i, h in enumerate(t.header)
             if i not in roles and h.strip() and h.strip().lower() not in _ELEMENT_ROLES]
    themes: dict[str, ThemeRecord] = {}
    for line, cells in t.rows:
        name = _get(cells, name_i) or _get(cells, id_i)
        if not name:
            diags.append(Diagnostic("error", t.display, line, "element has no Label"))
            continue
        if (eid := _get(cells, id_i)) and group.ids.setdefault(eid, name) != name:
            diags.append(Diagnostic("error", t.display, line, f"ID {eid!r} is already used "
                                    f"for {group.ids[eid]!r}"))
            continue
        raw = _get(cells, kind_i)
        kind = raw.lower().removesuffix("s") if raw.lower().removesuffix("s") in KINDS else raw or None
        if kind is not None and kind not in KINDS:
            diags.append(Diagnostic("error", t.display, line, f"unknown kind {raw!r} (expected "
                                    f"{', '.join(KINDS[:-1])} or {KINDS[-1]})"))
            continue
        if kind == "theme":
            group.themes.add(name)
            themes.setdefault(name, ThemeRecord(name, line))
            continue
        doc.companies.append(EntityRecord(
            name=name, aliases=_values(cells, alias_i), heading=t.path, line=line, kind=kind,
            facts=[FactRecord(_fact_label(h), v, line) for i, h in facts if (v := _get(cells, i))]))
        for tag in _values(cells, tag_i):
            themes.setdefault(tag, ThemeRecord(tag, line)).items.append(
                MemberRecord(name, "", line, exact=True))
    doc.themes = list(themes.values())
    return doc


def _fact_label(header: str) -> str:
    return header[5:].strip() if header.lower().startswith("fact:") else header


def _read_connections(t: _Table, group: _Group, diags: list[Diagnostic]) -> DocumentRecord:
    doc = DocumentRecord(path=t.path, display=t.display)
    kumu = t.col("from") is not None
    from_i, to_i = (t.col("from"), t.col("to")) if kumu else (t.col("source"), t.col("target"))
    ends = ("From", "To") if kumu else ("Source", "Target")
    rel_i, type_i = t.col("relation"), t.col("type")
    label_i, desc_i = t.col("label"), t.col("description")
    themes: dict[str, ThemeRecord] = {}
    for line, cells in t.rows:
        a, b = _get(cells, from_i), _get(cells, to_i)
        if not a or not b:
            diags.append(Diagnostic("error", t.display, line,
                                    f"connection with an empty {ends[0] if not a else ends[1]}"))
            continue
        a, b = group.ids.get(a, a), group.ids.get(b, b)
        rel = (_get(cells, rel_i) or _get(cells, type_i)).lower()
        if rel in DIRECTIONS:
            rel = "theme" if (a in group.themes or b in group.themes) else "competes"
        claim = _get(cells, label_i) or _get(cells, desc_i)
        if rel in RIVALRY_TYPES:
            doc.rivalries.append(RivalryRecord(target=b, claim=claim, line=line, evidence="data",
                                               by=a, split=False))
        elif rel in MEMBER_TYPES:
            member, theme = (b, a) if a in group.themes and b not in group.themes else (a, b)
            themes.setdefault(theme, ThemeRecord(theme, line)).items.append(
                MemberRecord(member, claim, line, exact=True))
        else:
            diags.append(Diagnostic("warning", t.display, line,
                                    f"unknown connection type {rel!r} (expected competes, rival, "
                                    "vs, theme or member); row skipped"))
    doc.themes = list(themes.values())
    return doc
