"""The straight line: input paths -> documents -> landscape -> graph."""

from __future__ import annotations

import errno
import logging
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import networkx as nx

from rivalscape.graph.build import build_graph
from rivalscape.graph.memory import paused_gc
from rivalscape.graph.errors import Diagnostic, InputError, UsageError, safe_path
from rivalscape.graph.ingest.blocks import parser_name
from rivalscape.graph.ingest.markdown import read_markdown
from rivalscape.graph.ingest.records import DocumentRecord
from rivalscape.graph.ingest.structured import read_structured
from rivalscape.graph.ingest.treetext import STRUCTURED_SUFFIXES
from rivalscape.graph.models import Landscape
from rivalscape.graph.resolve import resolve
from rivalscape.graph.text import safe_text

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


# One input file larger than this is refused (a stray dump or /dev/zero copied in must not
# fill the memory); LANDSCAPE_MAX_FILE_SIZE sets another limit (bytes, or with K, M or G).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FILE_ENV = "LANDSCAPE_MAX_FILE_SIZE"
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def max_file_bytes() -> int:
    """The size limit of one input file: ``$LANDSCAPE_MAX_FILE_SIZE`` or 50 MiB."""
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    if not raw:
        return MAX_FILE_BYTES
    number, unit = raw.rstrip("KMGkmgBb"), raw[len(raw.rstrip("KMGkmgBb")):].upper().rstrip("B")
    if not number.isdigit() or unit not in _UNITS:
        raise UsageError(f"{MAX_FILE_ENV}={raw!r} is not a size (bytes, or e.g. 50M, 2G)")
    return int(number) * _UNITS[unit]


def _size(n: int) -> str:
    return f"{n / (1 << 20):.1f} MiB" if n >= 1 << 20 else f"{n} bytes"


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


def discover(paths: Sequence[str | os.PathLike], *, exclude: Sequence[str | os.PathLike] = ()
             ) -> tuple[list[tuple[Path, str]], list[Diagnostic]]:
    """Files to read as ``(path, provenance path)``, and warnings for what was skipped.

    A file is taken as given, a folder's ``*.md`` recursively, in sorted order; provenance is
    relative to the folder (a file: its name), or to the folders' common root where two
    inputs would otherwise share one. Folders in ``exclude`` and published output
    folders are not read. Unreadable entries, dangling links, link loops and special files
    (FIFOs, sockets, devices) are skipped with a warning naming them; a path given that is not
    a regular file or a folder is refused (:class:`UsageError`), never opened.
    """
    found: list[tuple[Path, str]] = []
    diags: list[Diagnostic] = []
    skip = {_key(os.stat(e)) for e in exclude if os.path.isdir(e)}
    for p in paths:
        p = Path(p)
        try:
            st = os.stat(p)
        except OSError as e:
            reason = "no such file or folder" if isinstance(e, FileNotFoundError) else e.strerror
            raise UsageError(f"{safe_path(p)}: {reason}") from e
        if stat.S_ISDIR(st.st_mode):
            files = _walk(p, skip, diags)
            if not files:
                diags.append(Diagnostic("error", _display(p), None,
                                        "folder has no markdown (*.md) documents"))
            files.sort(key=lambda f: f.relative_to(p).as_posix())
            found.extend((f, f.relative_to(p).as_posix()) for f in files)
        elif stat.S_ISREG(st.st_mode):
            found.append((p, p.name))
        else:
            raise UsageError(f"{safe_path(p)}: {_kind(st.st_mode)}, not a markdown file or a "
                             "folder; nothing was read")
    if any(d.severity == "error" for d in diags):
        raise InputError(diags)
    seen: set[Path] = set()
    unique = []
    for f, rel in found:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append((f, rel))
    return _unique_provenance(unique), diags


def _unique_provenance(found: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """Two inputs with one provenance path (``notes.md`` in two ``--data`` folders) are told
    apart: every provenance becomes the path relative to the folders' common root."""
    rels = [rel for _, rel in found]
    if len(set(rels)) == len(rels):
        return found
    absolute = [f.absolute() for f, _ in found]
    root = Path(os.path.commonpath([a.parent for a in absolute]))
    return [(f, a.relative_to(root).as_posix()) for (f, _), a in zip(found, absolute)]


def _key(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


def _walk(root: Path, skip: set, diags: list[Diagnostic]) -> list[Path]:
    """Every ``*.md`` under ``root``, following folder links once; warnings into ``diags``."""
    from rivalscape.graph.output_set import SET_DIR, is_output_folder

    def warn(path, message):
        diags.append(Diagnostic("warning", _display(path), None, message))

    files: list[Path] = []
    visited: set[tuple[int, int]] = set()
    stack = [(root, _key(os.stat(root)), frozenset())]
    while stack:
        folder, key, ancestors = stack.pop()
        # A folder given as data is read even if excluded (a data folder called output/);
        # one holding a published set never is: its markdown is this tool's own reports.
        if (key in skip and folder != root) or is_output_folder(folder) or folder.name == SET_DIR:
            warn(folder, "an output folder of landscape, not read as data; skipped")
            continue
        if key in ancestors:
            warn(folder, "symbolic link loop (a folder inside itself); skipped")
            continue
        if key in visited:  # reached by another link: its files are read once already
            continue
        visited.add(key)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as e:
            warn(folder, f"cannot read this folder ({e.strerror}); skipped")
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                st = os.stat(path)
            except OSError as e:
                warn(path, _stat_problem(entry, e))
                continue
            if stat.S_ISDIR(st.st_mode):
                stack.append((path, _key(st), ancestors | {key}))
            elif not stat.S_ISREG(st.st_mode):
                warn(path, f"{_kind(st.st_mode)}, not a markdown file; skipped")
            elif path.suffix.lower() in INPUT_SUFFIXES:
                files.append(path)
    return files


def _stat_problem(entry: os.DirEntry, e: OSError) -> str:
    if entry.is_symlink() and e.errno == errno.ELOOP:
        return "symbolic link loop; skipped"
    if entry.is_symlink() and isinstance(e, FileNotFoundError):
        return "dangling symbolic link (its target does not exist); skipped"
    return f"cannot read ({e.strerror}); skipped"


def read_text(path: Path, display: str, max_bytes: int | None = None
              ) -> tuple[str | None, Diagnostic | None]:
    """Decode a document as UTF-8; a binary or mis-encoded file gives an error that says where.

    The file is opened without blocking and checked before it is read: a FIFO, a device or a
    file over ``max_bytes`` (default :func:`max_file_bytes`) is refused, never read.
    """
    limit = max_file_bytes() if max_bytes is None else max_bytes
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        return None, Diagnostic("warning", display, None, f"cannot read ({e.strerror}); skipped")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None, Diagnostic("error", display, None,
                                    f"{_kind(st.st_mode)}, not a markdown file; not read")
        data = _read_at_most(fd, limit + 1) if st.st_size <= limit else b""
    finally:
        os.close(fd)
    if st.st_size > limit or len(data) > limit:
        size = max(st.st_size, len(data))
        return None, Diagnostic("error", display, None,
                                f"file of {_size(size)} is larger than the limit of {_size(limit)} "
                                f"for one input file ({MAX_FILE_ENV} sets another); not read")
    return _decode(data, display)


def _read_at_most(fd: int, n: int) -> bytes:
    parts = []
    while n > 0:
        chunk = os.read(fd, min(n, 1 << 24))
        if not chunk:
            break
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def _decode(data: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
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


def _read_one(job: tuple[Path, str, str, int, str | None]) -> tuple[DocumentRecord | None, list[Diagnostic]]:
    path, rel, display, max_bytes, subject = job
    text, err = read_text(path, display, max_bytes)
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
    paths: Sequence[str | os.PathLike], subject: str | None = None, *,
    exclude: Sequence[str | os.PathLike] = (),
) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    """Read every document found by :func:`discover` (``exclude`` as there); ``subject`` as
    in :func:`load`."""
    found, diags = discover(paths, exclude=exclude)
    limit = max_file_bytes()
    parser_name()  # an unknown parser setting is refused here, before any worker starts
    # A non-UTF-8 file name decodes with lone surrogates that no output can encode: shown
    # and recorded with \xNN escapes from here on (graph.text.safe_text).
    every = [(path, safe_text(rel), safe_text(_display(path)), limit, subject) for path, rel in found]
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
    diags += [Diagnostic("warning", display, None,
                         "file name is not UTF-8; shown with \\xNN escapes")
              for path, _, display, *_ in every if display != _display(path)]
    for (_, _, display, *_), (doc, more) in zip(jobs, results):
        log.info("read %s", display)
        diags.extend(more)
        if doc is not None:
            docs.append(doc)
    more_docs, more_diags = read_structured(structured)
    return docs + more_docs, diags + more_diags


EVIDENCE_CHOICES = ("all", "structural")


def load(paths: Sequence[str | os.PathLike], *, subject: str | None = None,
         evidence: str = "all", exclude: Sequence[str | os.PathLike] = ()) -> Loaded:
    """Read, resolve and build. Raises :class:`InputError` with every error found.

    ``subject`` names the subject of documents that do not name one themselves;
    ``evidence="structural"`` leaves out rivalries read only from prose; folders in
    ``exclude`` (an output folder) are not read, with a warning if met.
    """
    if evidence not in EVIDENCE_CHOICES:
        raise UsageError(f"evidence must be one of {', '.join(EVIDENCE_CHOICES)}, not {evidence!r}")
    with paused_gc():
        return _load(paths, subject, evidence, exclude)


def _load(paths: Sequence[str | os.PathLike], subject: str | None, evidence: str,
          exclude: Sequence[str | os.PathLike]) -> Loaded:
    docs, diags = read_documents(paths, subject, exclude=exclude)
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
