"""Run one function in a forked child process, so that it uses the second core for real.

python-igraph keeps the GIL while its C code runs (measured: a 4.5 s igraph computation and
a 0.5 s Python loop on two threads took 6.6 s together, more than one after the other), so
threads give the analysis no overlap. A forked child inherits the whole graph without copying
it (copy-on-write), computes there while this process goes on, and hands back its result as
one pickle through a pipe: only the result crosses, never the graph.

The result is the same as calling the function here (same code, same inputs, a pickle keeps
floats bit for bit). Whenever the child cannot give it (no ``fork`` on this platform, other
threads running, which a fork could leave with a lock held, the child killed or failing), the
function simply runs in this process: a fork is an optimisation, never a different answer.

"Other threads" are Python's: a native library's own threads must survive a fork
(OpenBLAS's do; igraph's PageRank, which would wait for OpenMP threads a child does not
have, is guarded in :func:`graph.analysis.centrality._pagerank`).
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from typing import Callable

__all__ = ["Job", "start"]


class Job:
    """A call started by :func:`start`: :meth:`result` gives its value (once)."""

    def __init__(self, fn: Callable, args: tuple, pid: int | None = None, fd: int | None = None):
        self._fn, self._args, self._pid, self._fd = fn, args, pid, fd
        self.forked = pid is not None

    def result(self):
        """The function's value: read from the child, or computed here if it gave none."""
        if self._pid is None:
            return self._fn(*self._args)
        payload = self._collect()
        if payload is not None:
            try:
                ok, value = pickle.loads(payload)
            except Exception:  # a truncated pickle: the child died while writing
                ok = False
            if ok:
                return value
        # The child failed (an error, or killed): compute here, where an error is raised as
        # it would have been without the fork.
        return self._fn(*self._args)

    def cancel(self) -> None:
        """Stop the child (if any) and reap it: the caller gave up on the result."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._collect()

    def _collect(self) -> bytes | None:
        pid, fd = self._pid, self._fd
        self._pid = self._fd = None
        if pid is None:
            return None
        chunks = []
        try:
            with os.fdopen(fd, "rb") as f:
                while chunk := f.read(1 << 20):
                    chunks.append(chunk)
        except OSError:
            chunks = []
        _, status = os.waitpid(pid, 0)
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            return None
        return b"".join(chunks) or None


def start(fn: Callable, *args, fork: bool = True) -> Job:
    """``fn(*args)`` in a forked child when ``fork`` and it is safe, else a deferred call.

    Either way :meth:`Job.result` returns what ``fn(*args)`` returns. The child writes
    ``(True, value)`` (or ``(False, None)`` after an error) and ends without running exit
    handlers or flushing the parent's buffers.

    Examples
    --------
    >>> start(sum, [1, 2, 3]).result()
    6
    >>> start(sum, [1, 2], fork=False).forked
    False
    """
    if not (fork and hasattr(os, "fork") and threading.active_count() == 1):
        return Job(fn, args)
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: compute, write, leave at once
        code = 0
        try:
            os.close(r)
            try:
                payload = pickle.dumps((True, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                payload = pickle.dumps((False, None))
            view = memoryview(payload)
            while view:
                view = view[os.write(w, view):]
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(w)
    return Job(fn, args, pid, r)
