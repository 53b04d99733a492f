"""Writing outputs so that a failed run never destroys an earlier good one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rivalscape.graph.errors import OutputError

# Temporary names are short and fixed in length: ``.{name}.XXXX.tmp`` would pass the 255-byte
# limit of most file systems for a valid name of 246 bytes or more.
TEMP_PREFIX = ".landscape-"
TEMP_SUFFIX = ".tmp"


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def blocks(chunks: Iterable[str | bytes], size: int = 1 << 20) -> Iterable[bytes]:
    """Join many small chunks (a JSON encoder yields one per token) into ~1 MiB writes."""
    pending: list[str] = []
    n = 0
    for chunk in chunks:
        if isinstance(chunk, bytes):
            if pending:
                yield "".join(pending).encode("utf-8")
                pending, n = [], 0
            yield chunk
            continue
        pending.append(chunk)
        n += len(chunk)
        if n >= size:
            yield "".join(pending).encode("utf-8")
            pending, n = [], 0
    if pending:
        yield "".join(pending).encode("utf-8")


def write_all(fd: int, data: bytes) -> None:
    """``os.write`` until every byte is written (a write may be short)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def fsync_dir(folder: str | os.PathLike) -> None:
    """Make a rename or a new entry in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _syncfs(folder: str | os.PathLike) -> bool:
    """``syncfs(2)`` on the file system holding ``folder``: True when done, False where the C
    library has none (not Linux). Raises OSError when it reports an error."""
    import ctypes

    try:
        call = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return False
    fd = os.open(folder, os.O_RDONLY)
    try:
        if call(fd) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
    finally:
        os.close(fd)
    return True


def sync_many(folder: str | os.PathLike, paths: Iterable[str | os.PathLike]) -> None:
    """Make many new files durable at once: one ``syncfs`` of ``folder``'s file system where
    there is one (a thousand ``fsync`` calls took 3.5 s), else an ``fsync`` of each file."""
    paths = list(paths)
    if not paths or _syncfs(folder):
        return
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: str | os.PathLike, data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` (text, bytes, or text chunks) to ``path`` through a temporary file in
    the same folder and ``os.replace``: the old file stays whole until the new one is.

    Any failure raises :class:`OutputError` naming ``path`` (never the temporary file).
    """
    path = Path(path)
    chunks = [data] if isinstance(data, (str, bytes)) else data
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
        try:
            for block in blocks(chunks):
                write_all(fd, block)
            # mkstemp makes the file private (0600); give it the mode a plain open() would.
            os.fchmod(fd, 0o666 & ~umask())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        raise OutputError(path, e.strerror or str(e)) from e
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
