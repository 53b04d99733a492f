"""A cache of work already done: parsed documents and built landscapes, kept between runs.

A base module: it stores Python objects under a kind and a key and knows nothing of what
they are; :mod:`graph.pipeline` decides what is cached and under which key (every key is a
hash of everything the value depends on, code included, so an entry can never be stale).

Layout: ``FOLDER/<kind>/<key>.entry``, one file per entry. An entry is a header (a magic
string, the format version, the key, the payload's length and sha256) and the payload, a
pickle of plain data. Pickle was chosen by measurement: for a 20,000-entity landscape graph
it loads in 0.4-0.5 s against 0.8 s for JSON plus rebuilding the graph, and keeps tuples,
ints and the sharing of edge data as they were. The header is checked before the payload is
unpickled, so a truncated, garbled or foreign file is a miss (and is rebuilt), never an error.
Unpickling runs code chosen by whoever wrote the file: the folder is created private (0700)
and must stay as private as the home folder it lives in.

Writes go to a temporary file in the entry's folder and are swapped in with ``os.replace``:
two runs writing the same entry each write a whole file, and a reader sees one of them.
A folder that cannot be written turns the cache off for the run, with one
:attr:`Cache.problem` for the caller to show; the library itself never prints.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import pickle
import struct
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

ENV = "LANDSCAPE_CACHE_DIR"
"""Environment variable naming the cache folder (the command line's option wins)."""

MAGIC = b"rivalscape cache\0"
FORMAT = 1
_HEADER = struct.Struct(f">{len(MAGIC)}sH64sQ32s")  # magic, format, key, length, sha256
SUFFIX = ".entry"
_TMP_PREFIX = ".tmp-"
_STALE_TMP_SECONDS = 3600  # a temporary file this old belongs to a run that was killed


def default_cache_dir() -> Path:
    """``$LANDSCAPE_CACHE_DIR``, else ``$XDG_CACHE_HOME/rivalscape``, else ``~/.cache/rivalscape``.

    A relative ``XDG_CACHE_HOME`` is ignored, as the XDG base directory specification says.

    Examples
    --------
    >>> default_cache_dir().is_absolute()
    True
    """
    own = os.environ.get(ENV)
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "rivalscape"


def digest(*parts) -> str:
    """A sha256 hex key of ``parts`` (text, bytes, numbers, None and nested lists/tuples),
    each length-prefixed, so ``("ab", "c")`` and ``("a", "bc")`` differ.

    Examples
    --------
    >>> digest("ab", "c") == digest("a", "bc")
    False
    >>> len(digest([1, None, b"x"]))
    64
    """
    h = hashlib.sha256()
    _feed(h, parts)
    return h.hexdigest()


def _feed(h, value) -> None:
    if isinstance(value, (list, tuple)):
        h.update(b"L%d:" % len(value))
        for v in value:
            _feed(h, v)
        return
    if isinstance(value, bytes):
        raw, tag = value, b"B"
    elif value is None:
        raw, tag = b"", b"N"
    elif isinstance(value, str):
        raw, tag = value.encode("utf-8", "surrogatepass"), b"S"
    else:
        raw, tag = repr(value).encode("ascii"), b"R"
    h.update(tag + b"%d:" % len(raw) + raw)


@functools.cache
def source_digest(files: tuple[str, ...]) -> str:
    """A hash of the content of ``files`` (missing ones count as missing), once per process:
    the version of the code that made an entry."""
    h = hashlib.sha256()
    for name in files:
        try:
            data = Path(name).read_bytes()
        except OSError:
            data = b"\0missing"
        _feed(h, (name, data))
    return h.hexdigest()


class Cache:
    """Entries in ``folder``: :meth:`get`, :meth:`put`, :meth:`info`, :meth:`clear`."""

    def __init__(self, folder: str | os.PathLike):
        self.folder = Path(folder)
        self.problem: str | None = None  # set (once) when the folder turned out unusable
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.problem is None

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / (key + SUFFIX)

    def get(self, kind: str, key: str):
        """The object stored under ``kind``/``key``, or None when there is none that checks out."""
        if not self.enabled:
            return None
        path = self._path(kind, key)
        try:
            with open(path, "rb") as f:
                raw = f.read()
        except OSError:
            self.misses += 1
            return None
        value = _decode(raw, key)
        if value is _MISS:
            log.info("cache: ignoring a damaged or foreign entry %s", path)
            self.misses += 1
            return None
        self.hits += 1
        try:
            os.utime(path)  # last use, for pruning
        except OSError:
            pass
        return value

    def put(self, kind: str, key: str, value) -> None:
        """Store ``value``; a folder that cannot be written turns the cache off (see ``problem``)."""
        if not self.enabled:
            return
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as e:
            log.warning("cache: cannot store a %s entry (%s)", kind, e)
            return
        head = _HEADER.pack(MAGIC, FORMAT, key.encode("ascii"), len(payload),
                            hashlib.sha256(payload).digest())
        folder = self.folder / kind
        tmp = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # private: see above
            folder.mkdir(exist_ok=True, mode=0o700)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=_TMP_PREFIX)
            with os.fdopen(fd, "wb") as f:
                f.write(head)
                f.write(payload)
            os.replace(tmp, self._path(kind, key))
            tmp = None
        except OSError as e:
            self.problem = (f"cache folder {self.folder} cannot be written "
                            f"({e.strerror or e}); running without the cache")
        finally:
            if tmp is not None:
                _unlink(Path(tmp))

    def entries(self) -> Iterable[tuple[str, Path, os.stat_result]]:
        """``(kind, path, stat)`` of every entry file (temporary files not included)."""
        try:
            kinds = sorted(p for p in self.folder.iterdir() if p.is_dir())
        except OSError:
            return
        for folder in kinds:
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                continue
            for name in names:
                if name.endswith(SUFFIX):
                    path = folder / name
                    try:
                        yield folder.name, path, path.stat()
                    except OSError:
                        continue

    def info(self) -> dict:
        """``{folder, entries, bytes, kinds: {kind: {entries, bytes}}}``."""
        kinds: dict[str, dict] = {}
        for kind, _, st in self.entries():
            k = kinds.setdefault(kind, {"entries": 0, "bytes": 0})
            k["entries"] += 1
            k["bytes"] += st.st_size
        return {"folder": str(self.folder),
                "entries": sum(k["entries"] for k in kinds.values()),
                "bytes": sum(k["bytes"] for k in kinds.values()),
                "kinds": kinds}

    def clear(self) -> dict:
        """Remove every entry (and leftover temporary file); return what :meth:`info` said."""
        before = self.info()
        for kind, path, _ in list(self.entries()):
            _unlink(path)
        self._remove_temporary(max_age=0)
        return before

    def prune(self, kind: str, keep: int) -> None:
        """Keep the ``keep`` most recently used entries of ``kind``; remove stale temporary files."""
        mine = sorted(((st.st_mtime, path) for k, path, st in self.entries() if k == kind),
                      reverse=True)
        for _, path in mine[keep:]:
            _unlink(path)
        self._remove_temporary(max_age=_STALE_TMP_SECONDS)

    def _remove_temporary(self, max_age: float) -> None:
        now = time.time()
        try:
            folders = [p for p in self.folder.iterdir() if p.is_dir()]
        except OSError:
            return
        for folder in folders:
            for tmp in folder.glob(_TMP_PREFIX + "*"):
                try:
                    if now - tmp.stat().st_mtime >= max_age:
                        _unlink(tmp)
                except OSError:
                    continue


_MISS = object()


def _decode(raw: bytes, key: str):
    """The payload of an entry file, or ``_MISS`` if anything about it does not check out."""
    if len(raw) < _HEADER.size:
        return _MISS
    magic, fmt, stored_key, length, sha = _HEADER.unpack_from(raw)
    payload = memoryview(raw)[_HEADER.size:]
    if (magic != MAGIC or fmt != FORMAT or stored_key != key.encode("ascii")
            or length != len(payload) or hashlib.sha256(payload).digest() != sha):
        return _MISS
    try:
        return pickle.loads(payload)
    except Exception:  # checked by sha256, so only an entry of another program version
        return _MISS


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
