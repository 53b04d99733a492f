"""Writing outputs so that a failed run never destroys an earlier good one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _blocks(chunks: Iterable[str | bytes], size: int = 1 << 20) -> Iterable[bytes]:
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


def write_atomic(path: str | os.PathLike, data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` (text, bytes, or text chunks) to ``path`` through a temporary file in
    the same folder and ``os.replace``: the old file stays whole until the new one is."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    chunks = [data] if isinstance(data, (str, bytes)) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            for block in _blocks(chunks):
                f.write(block)
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
