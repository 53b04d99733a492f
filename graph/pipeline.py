"""The straight line: input paths -> documents -> landscape -> graph."""

from __future__ import annotations

import errno
import functools
import hashlib
import logging
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import networkx as nx

from rivalscape.graph.build import build_graph
from rivalscape.graph.cache import Cache, digest, source_digest
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
    """What :func:`load` read: the graph and the warnings, and (made or fetched when first
    asked for, as most commands never need them) the landscape and the document records."""

    graph: nx.Graph
    diagnostics: tuple[Diagnostic, ...]  # warnings only; errors raise InputError
    parts: Callable[[], tuple[Landscape, tuple[DocumentRecord, ...]]] = field(repr=False, compare=False)
    key: str | None = None  # a hash of everything the landscape depends on, when cached

    @functools.cached_property
    def _parts(self) -> tuple[Landscape, tuple[DocumentRecord, ...]]:
        return self.parts()

    @property
    def landscape(self) -> Landscape:
        return self._parts[0]

    @property
    def documents(self) -> tuple[DocumentRecord, ...]:
        """What each document gave (subject, unread lines)."""
        return self._parts[1]


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
    data, err = read_bytes(path, display, max_bytes)
    if err is not None:
        return None, err
    return _decode(data, display)


def read_bytes(path: Path, display: str, max_bytes: int | None = None
               ) -> tuple[bytes | None, Diagnostic | None]:
    """The bytes of one input file, checked as :func:`read_text` says, not yet decoded."""
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
    return data, None


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


Progress = Callable[[str, int, int], None]
"""A progress callback ``(stage, total, advance)``: called with ``advance=0`` when a named stage
of ``total`` steps starts, then with the steps done since the last call. The library never
draws anything; the command line turns these calls into progress bars."""


def _no_progress(stage: str, total: int, advance: int) -> None:
    pass


@dataclass
class _Input:
    """One file to read: where it is, how it is named, and (markdown) its bytes once read."""

    path: Path
    rel: str  # provenance
    display: str  # for messages
    data: bytes | None = None
    error: Diagnostic | None = None
    sha: str | None = None  # of the content, for cache keys


def _read_one(job: tuple[bytes, str, str, str | None]) -> tuple[DocumentRecord | None, list[Diagnostic]]:
    data, rel, display, subject = job
    text, err = _decode(data, display)
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


def _parse_all(jobs: list[tuple[bytes, str, str, str | None]]):
    """``_read_one`` of every job, in order; in worker processes when there is much to parse."""
    workers = min(len(jobs), os.cpu_count() or 1)
    if workers > 1 and sum(len(job[0]) for job in jobs) > PARALLEL_BYTES:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(_read_one, jobs, chunksize=max(1, len(jobs) // (4 * workers)))
    else:
        yield from map(_read_one, jobs)


def _gather(paths: Sequence[str | os.PathLike], exclude: Sequence[str | os.PathLike]
            ) -> tuple[list[_Input], list[_Input], list[Diagnostic]]:
    """The markdown inputs (read, with the hash of their bytes), the structured ones (hashed),
    and the warnings of finding them."""
    found, diags = discover(paths, exclude=exclude)
    limit = max_file_bytes()
    parser_name()  # an unknown parser setting is refused here, before any worker starts
    # A non-UTF-8 file name decodes with lone surrogates that no output can encode: shown
    # and recorded with \xNN escapes from here on (graph.text.safe_text).
    every = [_Input(path, safe_text(rel), safe_text(_display(path))) for path, rel in found]
    diags += [Diagnostic("warning", i.display, None, "file name is not UTF-8; shown with \\xNN escapes")
              for i in every if i.display != _display(i.path)]
    # Tables and data files (by suffix) are read after the markdown, in the same order.
    structured = [i for i in every if i.path.suffix.lower() in STRUCTURED_SUFFIXES]
    markdown = [i for i in every if i.path.suffix.lower() not in STRUCTURED_SUFFIXES]
    for i in markdown:
        i.data, i.error = read_bytes(i.path, i.display, limit)
        if i.data is not None:
            i.sha = hashlib.sha256(i.data).hexdigest()
    for i in structured:
        i.sha = _file_sha(i.path)
    return markdown, structured, diags


def _file_sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None  # the reader says what is wrong with it; nothing of it is cached


# --- the versions of the code an entry was made by -----------------------------------------

_HERE = Path(__file__).resolve().parent
# What reading one document depends on: the readers, the name rules and their word lists.
_READER_SOURCES = ("ingest/*.py", "names.py", "text.py", "errors.py", "cells.py", "models.py",
                   "pipeline.py", "lexicon/*", "schema/*")
# The libraries whose version can change what is read or built, when they are loaded.
_LIBRARIES = ("markdown_it", "pyromark", "yaml", "openpyxl", "pydantic", "networkx")


@functools.cache
def _code_version(sources: tuple[str, ...]) -> str:
    """A hash of the files matching ``sources`` and of the libraries loaded, once per process
    (one key for every entry of a run)."""
    files = tuple(sorted(str(f) for pattern in sources for f in _HERE.glob(pattern) if f.is_file()))
    libraries = [(name, getattr(sys.modules.get(name), "__version__", None)) for name in _LIBRARIES]
    return digest(sys.version, source_digest(files), libraries)


def _reader_version() -> str:
    return _code_version(_READER_SOURCES)


def _landscape_version() -> str:
    """Everything in the package: resolving and building the graph as well as reading."""
    return _code_version(("**/*.py", "lexicon/*", "schema/*"))


# --- reading, through the cache of parsed documents ----------------------------------------


def _doc_key(i: _Input, subject: str | None) -> str:
    return digest("document", _reader_version(), subject, i.rel, i.sha)


def _read_markdown(inputs: list[_Input], subject: str | None, cache: Cache | None,
                   step: Callable[[int], None]) -> list[tuple[DocumentRecord | None, list[Diagnostic]]]:
    """Each markdown input read, in order: from the cache when its bytes were read before
    with the same reader and settings, else parsed (and stored)."""
    results: list = [None] * len(inputs)
    todo = []
    for n, i in enumerate(inputs):
        entry = None
        if i.error is not None:
            results[n] = (None, [i.error])
        elif cache is not None and (entry := cache.get("document", _doc_key(i, subject))) is not None:
            doc, problems = entry
            doc.display = i.display  # the only place a record names the file as shown
            results[n] = (doc, [Diagnostic(sev, i.display, line, msg) for sev, line, msg in problems])
        else:
            todo.append(n)
    step(len(inputs) - len(todo))
    jobs = [(inputs[n].data, inputs[n].rel, inputs[n].display, subject) for n in todo]
    for n, (doc, diags) in zip(todo, _parse_all(jobs)):
        results[n] = (doc, diags)
        if cache is not None and doc is not None:
            cache.put("document", _doc_key(inputs[n], subject),
                      (doc, [(d.severity, d.line, d.message) for d in diags]))
        step(1)
    if todo and cache is not None:
        cache.prune("document", keep=max(DOCUMENTS_KEPT, 4 * len(inputs)))
    return results


def _read_structured(inputs: list[_Input], cache: Cache | None
                     ) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    """Tables and data files, read together (a connections table may use the IDs of an
    elements table), cached as one entry keyed by all their contents."""
    if not inputs:
        return [], []
    usable = cache is not None and all(i.sha for i in inputs)
    key = digest("structured", _reader_version(), [(i.rel, i.display, i.sha) for i in inputs])
    if usable and (entry := cache.get("structured", key)) is not None:
        return entry
    docs, diags = read_structured([(i.path, i.rel, i.display) for i in inputs])
    # Stored only if no file changed while it was read.
    if usable and all(_file_sha(i.path) == i.sha for i in inputs):
        cache.put("structured", key, (docs, diags))
    return docs, diags


def _read_inputs(markdown: list[_Input], structured: list[_Input], subject: str | None,
                 cache: Cache | None, progress: Progress) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    total = len(markdown) + len(structured)
    progress("reading", total, 0)
    results = _read_markdown(markdown, subject, cache, lambda n: n and progress("reading", total, n))
    docs: list[DocumentRecord] = []
    diags: list[Diagnostic] = []
    for i, (doc, more) in zip(markdown, results):
        log.info("read %s", i.display)
        diags.extend(more)
        if doc is not None:
            docs.append(doc)
    more_docs, more_diags = _read_structured(structured, cache)
    if structured:
        progress("reading", total, len(structured))
    return docs + more_docs, diags + more_diags


# How many entries of each kind the cache keeps (the most recently used ones).
DOCUMENTS_KEPT = 4096
GRAPHS_KEPT = 4
LANDSCAPES_KEPT = 2


def read_documents(
    paths: Sequence[str | os.PathLike], subject: str | None = None, *,
    exclude: Sequence[str | os.PathLike] = (), cache: Cache | None = None,
    progress: Progress | None = None,
) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    """Read every document found by :func:`discover` (``exclude`` as there); ``subject``,
    ``cache`` and ``progress`` as in :func:`load`."""
    markdown, structured, diags = _gather(paths, exclude)
    docs, more = _read_inputs(markdown, structured, subject, cache, progress or _no_progress)
    return docs, diags + more


EVIDENCE_CHOICES = ("all", "structural")


def load(paths: Sequence[str | os.PathLike], *, subject: str | None = None,
         evidence: str = "all", exclude: Sequence[str | os.PathLike] = (),
         cache: Cache | None = None, progress: Progress | None = None,
         keep_landscape: bool = True) -> Loaded:
    """Read, resolve and build. Raises :class:`InputError` with every error found.

    ``subject`` names the subject of documents that do not name one themselves;
    ``evidence="structural"`` leaves out rivalries read only from prose; folders in
    ``exclude`` (an output folder) are not read, with a warning if met.

    With a ``cache`` (:class:`graph.cache.Cache`), documents read before (same bytes, same
    reader, same settings) are not parsed again, and a landscape built before from the same
    inputs and settings is not resolved nor built again; the result is the same either way.
    ``progress`` (see :data:`Progress`) hears of the stages ``reading`` and ``resolving``.

    ``keep_landscape=False`` lets go of the landscape and the document records once the
    graph is built, for a caller that needs only the graph: they are most of what loading
    holds (at 20,000 entities 163 of 290 MB). :attr:`Loaded.landscape` then reads and
    resolves again when asked (from the cache when it has them), with the same result.
    """
    if evidence not in EVIDENCE_CHOICES:
        raise UsageError(f"evidence must be one of {', '.join(EVIDENCE_CHOICES)}, not {evidence!r}")
    with paused_gc(keep=True):
        markdown, structured, diags = _gather(paths, exclude)
        args = (paths, markdown, structured, diags, subject, evidence, cache, progress or _no_progress)
        key = _landscape_key(*args[1:6]) if cache is not None else None
        hit = cache.get("graph", key) if key is not None else None
        if hit is not None:
            G, warnings = hit
            return Loaded(graph=G, diagnostics=warnings, key=key,
                          parts=functools.partial(_cached_parts, cache, key, args))
        landscape, docs, G, warnings = _build(*args)
        if key is not None:
            cache.put("graph", key, (G, warnings))
            cache.prune("graph", keep=GRAPHS_KEPT)
        parts = (lambda: (landscape, docs)) if keep_landscape else functools.partial(
            _cached_parts, cache, key, args)
        if not keep_landscape:
            del landscape, docs  # only the graph is kept
        return Loaded(graph=G, diagnostics=warnings, parts=parts,
                      key=key if cache is not None and cache.enabled else None)


def _landscape_key(markdown: list[_Input], structured: list[_Input], diags: list[Diagnostic],
                   subject: str | None, evidence: str) -> str | None:
    """Everything a landscape depends on: the code, the settings, every input (content,
    provenance and how it is shown in messages) and what finding them said."""
    if any(i.sha is None for i in structured):
        return None
    return digest("landscape", _landscape_version(), subject, evidence,
                  [str(d) for d in diags],
                  [(i.rel, i.display, i.sha, str(i.error) if i.error else None) for i in markdown],
                  [(i.rel, i.display, i.sha) for i in structured])


def _cached_parts(cache: Cache | None, key: str | None, args: tuple
                  ) -> tuple[Landscape, tuple[DocumentRecord, ...]]:
    """The landscape and document records of a landscape whose graph came from the cache
    (or was kept alone): stored when first asked for (most commands never need them), else
    built again."""
    entry = cache.get("landscape", key) if cache is not None and key is not None else None
    if entry is not None:
        return entry
    with paused_gc(keep=True):
        landscape, docs, _, _ = _build(*args)
    if cache is None or key is None:
        return landscape, docs
    cache.put("landscape", key, (landscape, docs))
    cache.prune("landscape", keep=LANDSCAPES_KEPT)
    return landscape, docs


def _build(paths: Sequence[str | os.PathLike], markdown: list[_Input], structured: list[_Input],
           diags: list[Diagnostic], subject: str | None, evidence: str, cache: Cache | None,
           progress: Progress) -> tuple[Landscape, tuple[DocumentRecord, ...], nx.Graph, tuple]:
    docs, more = _read_inputs(markdown, structured, subject, cache, progress)
    diags = [*diags, *more]
    if any(d.severity == "error" for d in diags):
        raise InputError(diags)
    progress("resolving", 2, 0)
    landscape, more = resolve(docs, evidence=evidence)
    diags.extend(more)
    if not any(e.kind != "theme" for e in landscape.entities):
        where = ", ".join(d.display for d in docs) or ", ".join(map(str, paths))
        diags.append(Diagnostic("error", where, None,
                                "no document has a company section, a subject or a rivalry (a "
                                "heading such as '### 1. ACME: Tagline' with snapshot facts or "
                                "'vs.' items, or a '## Competitors' section)"))
        raise InputError(diags)
    progress("resolving", 2, 1)
    for d in docs:
        d.texts = []  # only resolve needs them; the records stay for validate
    warnings = tuple(sorted((d for d in diags if d.severity == "warning"), key=Diagnostic.sort_key))
    G = build_graph(landscape)
    progress("resolving", 2, 1)
    return landscape, tuple(docs), G, warnings


# --- one question about one entity ---------------------------------------------------------

SLICES_FROM = 5000
"""Graphs of at least this many nodes are also cached in slices (:mod:`graph.slices`)."""


@dataclass(frozen=True)
class Lookup:
    """What :func:`load_lookup` read: the warnings of the landscape, and :meth:`around`."""

    diagnostics: tuple[Diagnostic, ...]  # as Loaded.diagnostics
    input_warnings: tuple[Diagnostic, ...]  # graph.export.input_warnings of the whole graph
    find: Callable[[str, int], tuple[nx.Graph, str]] = field(repr=False, compare=False)

    def around(self, name: str, depth: int = 1) -> tuple[nx.Graph, str]:
        """``(graph, node)``: the node of ``name`` (as :func:`graph.query.find_entity`) and
        a graph that answers every question about it up to ``depth`` rivalries away."""
        return self.find(name, depth)


def load_lookup(paths: Sequence[str | os.PathLike], *, subject: str | None = None,
                evidence: str = "all", exclude: Sequence[str | os.PathLike] = (),
                cache: Cache | None = None, progress: Progress | None = None) -> Lookup:
    """Read the landscape to ask about one entity at a time; arguments as :func:`load`.

    From a warm cache of a large landscape this loads the names of every entity now and, for
    :meth:`Lookup.around`, only the slices that hold the part around the entity asked for,
    not the whole graph (:mod:`graph.slices`); the answers are the same.
    """
    settings = dict(subject=subject, evidence=evidence, exclude=exclude)
    if cache is not None and evidence in EVIDENCE_CHOICES:
        with paused_gc():
            markdown, structured, diags = _gather(paths, exclude)
            key = _landscape_key(markdown, structured, diags, subject, evidence)
            index = cache.get("index", key) if key else None
        if index is not None:
            whole = functools.partial(load, paths, cache=cache, progress=progress, **settings)
            return Lookup(*index["extra"], find=functools.partial(
                _find_in_slices, index, functools.partial(cache.get, "names", key),
                lambda s: cache.get("slice", digest(key, s)), whole))
    loaded = load(paths, cache=cache, progress=progress, **settings)
    extra = (loaded.diagnostics, tuple(_input_warnings(loaded.graph)))
    if loaded.key and loaded.graph.number_of_nodes() >= SLICES_FROM:
        _store_slices(cache, loaded.key, loaded.graph, extra)
    return Lookup(*extra, find=lambda name, depth: (loaded.graph, _find(loaded.graph, name)))


def _find(G: nx.Graph, name: str) -> str:
    from rivalscape.graph.query import find_entity

    return find_entity(G, name)


def _find_in_slices(index: dict, get_names, get_slice, whole: Callable[[], Loaded], name: str,
                    depth: int) -> tuple[nx.Graph, str]:
    from rivalscape.graph import slices

    with paused_gc():
        names = functools.cache(get_names)
        node = slices.find(index, names, name)
        G = slices.assemble(index, names, get_slice, node, depth) if node is not None else None
    if G is None:  # an entry went missing: the whole graph, from the cache or built again
        G = whole().graph
        node = _find(G, name)
    return G, node


def _input_warnings(G: nx.Graph) -> list[Diagnostic]:
    from rivalscape.graph.export import input_warnings

    return input_warnings(G)


def _store_slices(cache: Cache, key: str, G: nx.Graph, extra: tuple) -> None:
    from rivalscape.graph import slices

    index, names, parts = slices.split(G, extra)
    for n, part in enumerate(parts):
        cache.put("slice", digest(key, n), part)
    cache.put("names", key, names)
    cache.put("index", key, index)  # last: an index is only found once the rest is there
    cache.prune("index", keep=GRAPHS_KEPT)
    cache.prune("names", keep=GRAPHS_KEPT)
    cache.prune("slice", keep=GRAPHS_KEPT * len(parts))
