"""The straight line: input paths -> documents -> landscape -> graph."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import networkx as nx

from graph.build import build_graph
from graph.errors import Diagnostic, InputError, UsageError
from graph.ingest.markdown import read_markdown
from graph.ingest.records import DocumentRecord
from graph.ingest.structured import STRUCTURED_SUFFIXES, read_structured
from graph.models import Landscape
from graph.resolve import resolve
from graph.text import safe_text

log = logging.getLogger(__name__)

MARKDOWN_SUFFIXES = (".md", ".markdown")
INPUT_SUFFIXES = MARKDOWN_SUFFIXES + STRUCTURED_SUFFIXES


@dataclass(frozen=True)
class Loaded:
    landscape: Landscape
    graph: nx.Graph
    diagnostics: tuple[Diagnostic, ...]  # warnings only; errors raise InputError
    documents: tuple[DocumentRecord, ...] = ()  # what each document gave (subject, unread lines)


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def discover(paths: Sequence[str | os.PathLike]) -> list[tuple[Path, str]]:
    """Files to read as ``(path, provenance path)``: a file as given, a folder's ``*.md``
    (recursively), in sorted order. Provenance is relative to the folder (a file: its name)."""
    found: list[tuple[Path, str]] = []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise UsageError(f"{p}: no such file or folder")
        if p.is_dir():
            files = sorted(
                (f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES),
                key=lambda f: f.relative_to(p).as_posix(),
            )
            if not files:
                raise InputError([Diagnostic("error", _display(p), None,
                                             "folder has no markdown (*.md) documents")])
            found.extend((f, f.relative_to(p).as_posix()) for f in files)
        else:
            found.append((p, p.name))
    seen: set[Path] = set()
    unique = []
    for f, rel in found:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append((f, rel))
    return unique


def read_text(path: Path, display: str) -> tuple[str | None, Diagnostic | None]:
    """Decode a document as UTF-8; a binary or mis-encoded file gives an error that says where."""
    data = path.read_bytes()
    if b"\x00" in data:
        return None, Diagnostic("error", display, None, "binary file, not a markdown document")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return None, Diagnostic(
            "error", display, line,
            f"not valid UTF-8 (byte 0x{data[e.start]:02x} at column {col}); save the file as UTF-8",
        )


def _read_one(job: tuple[Path, str, str, str | None]) -> tuple[DocumentRecord | None, list[Diagnostic]]:
    path, rel, display, subject = job
    text, err = read_text(path, display)
    if err is not None:
        return None, [err]
    doc = read_markdown(text, rel, display, subject=subject)
    diags = [Diagnostic("warning", display, p.line, p.message) for p in doc.problems]
    if doc.companies or doc.rivalries:
        return doc, diags
    what = "no company section found" + (" (themes only)" if doc.themes else "")
    if doc.rivals:
        what = "no rivalry found"
    return doc, [*diags, Diagnostic("warning", display, None, what)]


# Parsing markdown is most of the reading time; past this many bytes in several files the
# files are parsed in worker processes (results come back in input order).
PARALLEL_BYTES = 4 * 1024 * 1024


def read_documents(
    paths: Sequence[str | os.PathLike], subject: str | None = None,
) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    # A non-UTF-8 file name decodes with lone surrogates that no output can encode: shown
    # and recorded with \xNN escapes from here on (graph.text.safe_text).
    every = [(path, safe_text(rel), safe_text(_display(path)), subject) for path, rel in discover(paths)]
    # Tables and data files (by suffix) are read after the markdown, in the same order.
    structured = [j for j in every if j[0].suffix.lower() in STRUCTURED_SUFFIXES]
    jobs = [j for j in every if j[0].suffix.lower() not in STRUCTURED_SUFFIXES]
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers > 1 and sum(job[0].stat().st_size for job in jobs) > PARALLEL_BYTES:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_read_one, jobs, chunksize=max(1, len(jobs) // (4 * workers))))
    else:
        results = [_read_one(job) for job in jobs]
    docs: list[DocumentRecord] = []
    diags = [Diagnostic("warning", display, None,
                        "file name is not UTF-8; shown with \\xNN escapes")
             for path, _, display, _ in every if display != _display(path)]
    for (_, _, display, _), (doc, more) in zip(jobs, results):
        log.info("read %s", display)
        diags.extend(more)
        if doc is not None:
            docs.append(doc)
    more_docs, more_diags = read_structured(structured)
    return docs + more_docs, diags + more_diags


@contextlib.contextmanager
def paused_gc():
    """Pause the cyclic garbage collector while millions of long-lived objects are made.

    Its full collections rescan every object each time; at 100,000 entities they took
    more than half of resolving and building. Reference counting still frees everything
    else, and the collector's state is restored on the way out.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


EVIDENCE_CHOICES = ("all", "structural")


def load(paths: Sequence[str | os.PathLike], *, subject: str | None = None,
         evidence: str = "all") -> Loaded:
    """Read, resolve and build. Raises :class:`InputError` with every error found.

    ``subject`` names the subject of documents that do not name one themselves;
    ``evidence="structural"`` leaves out rivalries read only from prose.
    """
    if evidence not in EVIDENCE_CHOICES:
        raise UsageError(f"evidence must be one of {', '.join(EVIDENCE_CHOICES)}, not {evidence!r}")
    with paused_gc():
        return _load(paths, subject, evidence)


def _load(paths: Sequence[str | os.PathLike], subject: str | None, evidence: str) -> Loaded:
    docs, diags = read_documents(paths, subject)
    has_errors = any(d.severity == "error" for d in diags)
    if has_errors:
        raise InputError(diags)
    landscape, more = resolve(docs, evidence=evidence)
    diags.extend(more)
    if not any(e.kind != "theme" for e in landscape.entities):
        where = ", ".join(d.display for d in docs) or ", ".join(map(str, paths))
        diags.append(Diagnostic("error", where, None,
                                "no document has a company section, a subject or a rivalry (a "
                                "heading such as '### 1. ACME: Tagline' with snapshot facts or "
                                "'vs.' items, or a '## Competitors' section)"))
        raise InputError(diags)
    for d in docs:
        d.texts = []  # only resolve needs them; the records stay for validate
    warnings = tuple(sorted((d for d in diags if d.severity == "warning"), key=Diagnostic.sort_key))
    return Loaded(landscape=landscape, graph=build_graph(landscape), diagnostics=warnings,
                  documents=tuple(docs))
