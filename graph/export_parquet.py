"""Graph -> Parquet tables, the input of the scale-out job (:mod:`graph.spark_report`).

Three tables, one file each, written as one output set (:func:`graph.output_set.publish`):

``entities.parquet``
    One row per entity, themes included, by ``id``: ``id``, ``label``, ``kind``, ``aliases``
    (list of strings), ``founded`` (int), ``funding_usd``, ``valuation_usd`` (double; null when
    unknown or not finite), ``funding_round`` and ``facts`` (list of ``{key, label, text, path,
    line}``).
``rivalries.parquet``
    One row per rivalry, by ``(a, b)`` with ``a < b``: ``a``, ``b``, ``mutual`` (both ends made
    a claim), ``claimants`` (sorted ids), ``evidence`` (how it was read, every way) and
    ``claims``: a list of ``{by, against, text, evidence, path, line}`` in the graph's order.
    The claims are a nested column rather than a table of their own: a rivalry and what was
    said about it stay one row, as they are one edge of the graph, and a reader that wants
    one row per claim has ``explode`` (Spark, DuckDB) or ``flatten`` (Arrow).
``memberships.parquet``
    One row per theme membership, by ``(theme, member)``: ``theme``, ``member``,
    ``description``, ``path``, ``line``.

Every file carries ``landscape.table`` and ``landscape.parquet_version`` in its key-value
metadata. Document text is stored as data (Parquet strings are never run as anything); lone
surrogates, which UTF-8 cannot hold, are written as ``\\xNN`` escapes
(:func:`graph.text.safe_text`).

Same graph, same bytes: rows are sorted, the compression is fixed (zstd, level 3), and
pyarrow writes no date or host into the file; ``created_by`` names the pyarrow version, so
the bytes are the same for the same pyarrow.
"""

from __future__ import annotations

import io
import math

import networkx as nx

from rivalscape.graph.errors import UsageError
from rivalscape.graph.output_set import Output, Published, publish
from rivalscape.graph.text import safe_text

PARQUET_VERSION = "1"
"""The layout of the tables; the Spark job checks it before reading."""

TABLES = ("entities", "rivalries", "memberships")
PARQUET_FORMATS = ("parquet",)

INSTALL_HINT = "pip install 'rivalscape[parquet]'"


def require_pyarrow() -> None:
    """Raise :class:`UsageError` naming the extra to install when pyarrow is missing."""
    _pyarrow()


def _pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as e:
        raise UsageError("Parquet export needs pyarrow, an optional extra: install it with "
                         f"{INSTALL_HINT}") from e
    return pa, pq


def _text(s) -> str | None:
    """``s`` as UTF-8 can hold it: lone surrogates escaped (the encoder's check is the fast
    path; most text has none)."""
    if s is None:
        return None
    s = str(s)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return safe_text(s)
    return s


def _number(x) -> float | None:
    return float(x) if isinstance(x, (int, float)) and math.isfinite(x) else None


def _schemas(pa) -> dict:
    src = [("path", pa.string()), ("line", pa.int64())]
    fact = pa.struct([("key", pa.string()), ("label", pa.string()), ("text", pa.string()), *src])
    claim = pa.struct([("by", pa.string()), ("against", pa.string()), ("text", pa.string()),
                       ("evidence", pa.string()), *src])
    strings = pa.list_(pa.string())
    return {
        "entities": pa.schema([
            ("id", pa.string()), ("label", pa.string()), ("kind", pa.string()),
            ("aliases", strings), ("founded", pa.int64()), ("funding_usd", pa.float64()),
            ("valuation_usd", pa.float64()), ("funding_round", pa.string()),
            ("facts", pa.list_(fact))]),
        "rivalries": pa.schema([
            ("a", pa.string()), ("b", pa.string()), ("mutual", pa.bool_()),
            ("claimants", strings), ("evidence", strings), ("claims", pa.list_(claim))]),
        "memberships": pa.schema([
            ("theme", pa.string()), ("member", pa.string()), ("description", pa.string()),
            *src]),
    }


def _source(s) -> dict:
    s = s or {}
    return {"path": _text(s.get("path")), "line": s.get("line")}


def _entity_rows(G: nx.Graph) -> list[dict]:
    rows = []
    for n in sorted(G.nodes):
        d = G.nodes[n]
        founded = d.get("founded")
        rows.append({
            "id": _text(n), "label": _text(d["label"]), "kind": d["kind"],
            "aliases": [_text(a) for a in d.get("aliases") or ()],
            "founded": founded if isinstance(founded, int) else None,
            "funding_usd": _number(d.get("funding_usd")),
            "valuation_usd": _number(d.get("valuation_usd")),
            "funding_round": _text(d.get("funding_round")),
            "facts": [{"key": _text(f.get("key")), "label": _text(f.get("label")),
                       "text": _text(f.get("text")), **_source(f.get("source"))}
                      for f in d.get("facts") or ()],
        })
    return rows


def _rivalry_rows(G: nx.Graph) -> list[dict]:
    rows = []
    for u, v, d in G.edges(data=True):
        if d.get("kind") != "competes":
            continue
        a, b = sorted((u, v))
        rows.append({
            "a": _text(a), "b": _text(b), "mutual": bool(d.get("mutual")),
            "claimants": [_text(c) for c in d.get("claimants") or ()],
            "evidence": list(d.get("evidence") or ()),
            "claims": [{"by": _text(c["by"]), "against": _text(c["against"]),
                        "text": _text(c.get("text")), "evidence": c.get("evidence"),
                        **_source(c.get("source"))} for c in d.get("claims") or ()],
        })
    rows.sort(key=lambda r: (r["a"], r["b"]))
    return rows


def _membership_rows(G: nx.Graph) -> list[dict]:
    rows = [{"theme": _text(d["theme"]), "member": _text(d["member"]),
             "description": _text(d.get("description")), **_source(d.get("source"))}
            for _, _, d in G.edges(data=True) if d.get("kind") == "theme"]
    rows.sort(key=lambda r: (r["theme"], r["member"]))
    return rows


def parquet_tables(G: nx.Graph) -> dict:
    """The three tables as :class:`pyarrow.Table` objects, by name (see the module docstring).

    Raises :class:`UsageError` when pyarrow is not installed.
    """
    pa, _ = _pyarrow()
    schemas = _schemas(pa)
    rows = {"entities": _entity_rows(G), "rivalries": _rivalry_rows(G),
            "memberships": _membership_rows(G)}
    out = {}
    for name in TABLES:
        meta = {"landscape.table": name, "landscape.parquet_version": PARQUET_VERSION}
        out[name] = pa.Table.from_pylist(rows[name], schema=schemas[name].with_metadata(meta))
    return out


def export_parquet(G: nx.Graph) -> dict[str, bytes]:
    """``{file name: bytes}``: ``entities.parquet``, ``rivalries.parquet``,
    ``memberships.parquet``, the same bytes for the same graph (and pyarrow version)."""
    _, pq = _pyarrow()
    files = {}
    for name, table in parquet_tables(G).items():
        buf = io.BytesIO()
        pq.write_table(table, buf, compression="zstd", compression_level=3,
                       write_statistics=True, store_schema=True)
        files[f"{name}.parquet"] = buf.getvalue()
    return files


def write_parquet(G: nx.Graph, out) -> Published:
    """Write the three tables into the folder ``out`` as one output set
    (:func:`graph.output_set.publish`: an earlier set stays whole until the new one is)."""
    files = export_parquet(G)
    return publish(out, [Output(name, [data]) for name, data in files.items()])
