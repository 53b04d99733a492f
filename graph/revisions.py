"""Read the data folder as it was at a git revision, without checking anything out.

The revision's markdown files under the data path are written into a temporary folder with one
``git archive`` and read by the normal loader (:func:`graph.pipeline.load`), so provenance
paths are the same as for the working tree. Git is only needed when a revision is asked for.
"""

from __future__ import annotations

import dataclasses
import io
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from rivalscape.graph.cache import Cache
from rivalscape.graph.errors import Diagnostic, InputError, LandscapeError, UsageError
from rivalscape.graph.pipeline import MARKDOWN_SUFFIXES, Loaded, load

GIT_TIMEOUT = 60
"""Seconds a git call may take."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        r = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=GIT_TIMEOUT, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; compare folders or files instead of revisions") from None
    except subprocess.TimeoutExpired:
        raise LandscapeError(f"git {args[0]} took longer than {GIT_TIMEOUT} s in {cwd}") from None
    if r.returncode != 0:
        raise _GitFailed(r.stderr.decode(errors="replace").strip())
    return r.stdout


class _GitFailed(Exception):
    pass


def _repo_of(data_path: Path) -> tuple[Path, str]:
    """The repository's top folder and the data path inside it (posix, ``.`` for the top)."""
    folder = data_path if data_path.is_dir() else data_path.parent
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip()).resolve()
    except _GitFailed:
        raise UsageError(f"{data_path} is not in a git repository") from None
    rel = data_path.resolve().relative_to(top).as_posix()
    return top, rel or "."


def materialise(rev: str, data_path: str | os.PathLike, dest: str | os.PathLike) -> Path:
    """Write the markdown files of ``data_path`` at ``rev`` under ``dest``; return the path to load."""
    data_path, dest = Path(data_path), Path(dest)
    top, rel = _repo_of(data_path)
    if rev.startswith("-"):
        raise UsageError(f"{rev!r} is not a git revision")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
    except _GitFailed:
        raise UsageError(f"no revision {rev!r} in the git repository of {data_path}") from None
    try:
        tar = _git(["archive", "--format=tar", rev, "--", rel], top)
    except _GitFailed as e:
        raise UsageError(f"{data_path} does not exist at {rev}: {e}") from None
    with tarfile.open(fileobj=io.BytesIO(tar)) as tf:
        members = [m for m in tf.getmembers()
                   if m.isfile() and Path(m.name).suffix.lower() in MARKDOWN_SUFFIXES]
        if not members:
            raise UsageError(f"{data_path} has no markdown documents at {rev}")
        tf.extractall(dest, members=members, filter="data")
    return dest / rel


def _renamed(diagnostics, tmp: str, rev: str) -> list[Diagnostic]:
    """Diagnostics with the temporary folder in their paths written as ``REV:``."""
    prefix = str(Path(tmp)) + os.sep
    return [dataclasses.replace(d, path=f"{rev}:{d.path[len(prefix):]}") if d.path.startswith(prefix)
            else d for d in diagnostics]


def load_revision(rev: str, data_path: str | os.PathLike, *, cache: Cache | None = None) -> Loaded:
    """Load ``data_path`` as it was at git revision ``rev``; problems are located as ``REV:path``.

    With a ``cache``, documents unchanged since ``rev`` are not parsed again."""
    with tempfile.TemporaryDirectory(prefix="landscape-rev-") as tmp:
        tmp = str(Path(tmp).resolve())
        try:
            loaded = load([materialise(rev, data_path, tmp)], cache=cache)
        except InputError as e:
            raise InputError(_renamed(e.diagnostics, tmp, rev)) from None
        return dataclasses.replace(loaded, diagnostics=tuple(_renamed(loaded.diagnostics, tmp, rev)))


def load_side(spec: str, data_path: str | os.PathLike, *, cache: Cache | None = None) -> Loaded:
    """One side of a comparison: an existing file or folder, else a git revision of ``data_path``."""
    if Path(spec).exists():
        return load([spec], cache=cache)
    try:
        return load_revision(spec, data_path, cache=cache)
    except UsageError as e:
        raise UsageError(f"{spec!r} is not a file or folder, nor a git revision: {e}") from None
