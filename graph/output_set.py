"""Publishing a set of output files at once or not at all.

Layout of an output folder ``OUT`` (``landscape.html`` is still the file a person opens)::

    OUT/landscape.html   -> .landscape/current/landscape.html   (one symbolic link per output)
    OUT/.landscape/lock                                         (flock: one writer at a time)
    OUT/.landscape/current -> 3f2a9c1e0d4b7a55                  (the commit point)
    OUT/.landscape/3f2a9c1e0d4b7a55/landscape.html, graph.json, ...

A new set is written and synced in ``.landscape/stage-XXXXXXXX``, renamed to its build id,
and published by replacing the one ``current`` link with ``os.replace``: a reader (or a run
killed at any moment) sees the old set or the new one, never a mix. The build id is a hash of
the set's content, so the same input gives the same bytes, folder names included; every file
carries it. Leftovers of interrupted runs are removed by the next run, under the lock.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rivalscape.graph.errors import BusyError, OutputError, UsageError, safe_path
from rivalscape.graph.fileio import blocks, fsync_dir, sync_many, umask, write_all
from rivalscape.graph.memory import paused_gc

SET_DIR = ".landscape"
CURRENT = "current"
LOCK = "lock"
_STAGE_PREFIX = "stage-"
_REPLACED_PREFIX = "replaced-"  # a folder of the set moved aside (no symbolic links)
_ADOPTED = ("adopted-a", "adopted-b")
_NEW_LINK = "current.new"
_PROBE = "link-probe"
_LINK_TMP = ".landscape-link.tmp"  # in OUT, beside the links it replaces
_SET_NAME = re.compile(r"[0-9a-f]{16}\Z")
_ID_VERSION = b"landscape output set 1\0"

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Stamp:
    """Where the build id goes in a file: ``template.format(build_id)``."""

    template: str


@dataclass(frozen=True)
class Output:
    """One file of a set: text parts and :class:`Stamp` markers, in order.

    Parts before the first stamp are written as they come (a large file is streamed); the
    rest is held until the build id is known, so keep it small or already in memory.
    """

    name: str  # a file name, or "folder/file" (one level): the folder is published as one name
    parts: Iterable[str | Stamp]


@dataclass(frozen=True)
class Published:
    build_id: str
    notes: tuple[str, ...] = ()  # for the person: how the set was published, if not whole


def publish(out: str | os.PathLike, outputs: Sequence[Output], *,
            progress: Callable[[str, int, int], None] | None = None) -> Published:
    """Write ``outputs`` into the folder ``out`` as one set; return its build id.

    ``progress(stage, total, advance)`` hears of the stage ``writing``, one step per output.

    Raises :class:`OutputError` naming the output that could not be written (the earlier set
    stays as it was) and :class:`BusyError` when another run is writing into ``out``. On a
    file system without symbolic links (FAT) the files are replaced one by one, with a note.
    """
    out = Path(out)
    meta = out / SET_DIR
    try:
        meta.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(out, e.strerror or str(e)) from e
    names = top_names(outputs)
    with _locked(out, meta):
        clean(out, names)
        try:
            stage = Path(tempfile.mkdtemp(dir=meta, prefix=_STAGE_PREFIX))
        except OSError as e:
            raise OutputError(out, e.strerror or str(e)) from e
        try:
            with paused_gc():  # the encoders make millions of short-lived objects, no cycles
                build_id = _stage(out, stage, outputs, progress or (lambda *_: None))
            notes: tuple[str, ...] = ()
            if _has_links(meta):
                _commit(out, stage, build_id, names)
            else:
                _replace_each(out, stage, names)
                notes = (f"{safe_path(out)}: no symbolic links on this file system; the files "
                         f"were replaced one by one (each carries build id {build_id})",)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
        clean(out, names)
    return Published(build_id, notes)


_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*\Z")


def top_names(outputs: Sequence[Output]) -> list[str]:
    """The names a set publishes in ``out``: its files, and once each folder its files are in.

    Raises :class:`ValueError` for a name that is not one or two plain parts (a name comes
    from the library, never from document text; this keeps a slip from escaping ``out``).
    """
    names: list[str] = []
    for o in outputs:
        parts = o.name.split("/")
        if len(parts) > 2 or not all(_PART.match(p) for p in parts):
            raise ValueError(f"not a plain output name: {o.name!r}")
        if parts[0] not in names:
            names.append(parts[0])
    return names


def _has_links(meta: Path) -> bool:
    probe = meta / _PROBE
    with contextlib.suppress(FileNotFoundError):
        os.unlink(probe)
    try:
        os.symlink(CURRENT, probe)
    except OSError as e:
        if e.errno in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS):
            return False
        raise OutputError(meta.parent, e.strerror or str(e)) from e
    os.unlink(probe)
    return True


def _replace_each(out: Path, stage: Path, names: Sequence[str]) -> None:
    for name in names:
        try:
            if (stage / name).is_dir():
                _replace_folder(out, stage / name, out / name)
            else:
                os.replace(stage / name, out / name)
        except OSError as e:
            raise OutputError(out / name, e.strerror or str(e)) from e
    fsync_dir(out)


def _replace_folder(out: Path, new: Path, target: Path) -> None:
    """A folder of the set without symbolic links: the old one is moved aside, then removed."""
    if target.exists() and not target.is_dir():
        raise OutputError(target, "is a file; the output set writes a folder here")
    old = Path(tempfile.mkdtemp(dir=out / SET_DIR, prefix=_REPLACED_PREFIX))
    if target.exists():
        os.replace(target, old / target.name)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def _locked(out: Path, meta: Path) -> Iterator[None]:
    import fcntl

    try:
        fd = os.open(meta / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as e:
        raise OutputError(out, e.strerror or str(e)) from e
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputError(out, e.strerror or str(e)) from e
            raise BusyError(f"{safe_path(out)}: another build is writing into this folder; "
                            "nothing was written (try again when it has finished)") from e
        yield
    finally:
        os.close(fd)  # releases the lock


def _stage(out: Path, stage: Path, outputs: Sequence[Output], progress: Callable) -> str:
    """Write every output into ``stage``; return the build id (a hash of the content).

    A file is closed once its head is written (a set may hold thousands of files, more than
    a process may keep open); the part after its stamp is appended once the id is known.
    Files in a folder of the set (the battlecards) are made durable together at the end
    (:func:`graph.fileio.sync_many`), the others one by one.
    """
    total = hashlib.sha256(_ID_VERSION)
    pending = []
    progress("writing", len(outputs), 0)
    for o in outputs:
        path = stage / o.name
        try:
            if path.parent != stage:
                path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            try:
                digest, rest = _write_head(fd, o.parts)
                if not rest and path.parent == stage:
                    os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            raise OutputError(out / o.name, e.strerror or str(e)) from e
        total.update(o.name.encode("utf-8") + b"\0" + digest)
        if rest:
            pending.append((o.name, rest))
        progress("writing", len(outputs), 1)
    build_id = total.hexdigest()[:16]
    for name, rest in pending:
        try:
            fd = os.open(stage / name, os.O_WRONLY | os.O_APPEND)
            try:
                for part in rest:
                    text = part.template.format(build_id) if isinstance(part, Stamp) else part
                    write_all(fd, text.encode("utf-8"))
                if "/" not in name:
                    os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as e:
            raise OutputError(out / name, e.strerror or str(e)) from e
    try:
        sync_many(stage, [stage / o.name for o in outputs if "/" in o.name])
        os.chmod(stage, 0o777 & ~umask())  # mkdtemp's 0700 would hide the set from others
    except OSError as e:
        raise OutputError(out, e.strerror or str(e)) from e
    for folder in sorted({(stage / o.name).parent for o in outputs} - {stage}, reverse=True):
        fsync_dir(folder)
    fsync_dir(stage)
    return build_id


def _write_head(fd: int, parts: Iterable[str | Stamp]) -> tuple[bytes, list[str | Stamp]]:
    """Write the parts before the first stamp; hash all; return (digest, parts held back)."""
    h = hashlib.sha256()
    rest: list[str | Stamp] = []
    it = iter(parts)
    for block in blocks(_until_stamp(it, rest)):
        h.update(block)
        write_all(fd, block)
    for part in it:
        rest.append(part)
    for part in rest:
        h.update(b"\0" if isinstance(part, Stamp) else part.encode("utf-8"))
    return h.digest(), rest


def _until_stamp(it: Iterator[str | Stamp], rest: list) -> Iterator[str]:
    for part in it:
        if isinstance(part, Stamp):
            rest.append(part)
            return
        yield part


def _commit(out: Path, stage: Path, build_id: str, names: Sequence[str]) -> None:
    meta = out / SET_DIR
    try:
        if _current(meta) != build_id:  # the same id is the same content: nothing to swap
            final = meta / build_id
            if final.exists():
                shutil.rmtree(final)
            os.rename(stage, final)
            fsync_dir(meta)
        if not all(_is_our_link(out, n) for n in names):
            _adopt(out, names, {n for n in names if (meta / build_id / n).is_dir()})
        _point_current(meta, build_id)
    except OSError as e:  # its filename is a staged or internal name: name the folder
        raise OutputError(out, e.strerror or str(e)) from e


def _current(meta: Path) -> str | None:
    try:
        return os.readlink(meta / CURRENT)
    except OSError:
        return None


def _link_target(name: str) -> str:
    return f"{SET_DIR}/{CURRENT}/{name}"


def _is_our_link(out: Path, name: str) -> bool:
    try:
        return os.readlink(out / name) == _link_target(name)
    except OSError:
        return False


def _point_current(meta: Path, target: str) -> None:
    tmp = meta / _NEW_LINK
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    os.symlink(target, tmp)
    os.replace(tmp, meta / CURRENT)
    fsync_dir(meta)


def _adopt(out: Path, names: Sequence[str], folders: set[str]) -> None:
    """Turn every output name into a link through ``current`` without changing what it shows.

    The files a person sees now (plain files of an older version, links of a set) are linked
    into ``.landscape/adopted-a`` (or ``-b``, whichever ``current`` is not), ``current`` is
    pointed there, and only then is each name replaced by a link: at every step each name
    shows the same bytes as before.
    """
    meta = out / SET_DIR
    folder = _ADOPTED[0] if _current(meta) != _ADOPTED[0] else _ADOPTED[1]
    adopted = meta / folder
    shutil.rmtree(adopted, ignore_errors=True)
    adopted.mkdir()
    for name in names:
        src = out / name
        if src.is_dir():
            if name not in folders:
                raise OutputError(src, "is a folder, not a file")
            if not _is_our_link(out, name):
                raise OutputError(src, "is a folder landscape did not write; move it away")
            shutil.copytree(src, adopted / name, copy_function=_link_or_copy)
        elif src.exists() and name in folders:
            raise OutputError(src, "is a file; the output set writes a folder here")
        elif src.exists():
            _link_or_copy(src, adopted / name)
    fsync_dir(adopted)
    _point_current(meta, folder)
    for name in names:
        if not _is_our_link(out, name):
            tmp = out / _LINK_TMP
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            os.symlink(_link_target(name), tmp)
            os.replace(tmp, out / name)
    fsync_dir(out)


def _link_or_copy(src, dst) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


# Stray temporary files of the per-file writer of earlier versions: .graph.json.k3j_9x2a.tmp
_OLD_TEMP = re.compile(r"\.(.+)\.[a-z0-9_]{8}\.tmp\Z")


def clean(out: str | os.PathLike, names: Sequence[str] = ()) -> list[str]:
    """Remove what interrupted runs left in ``out`` (recognised by name); return the names.

    ``names`` are the outputs: ``.{name}.XXXXXXXX.tmp`` beside them is an old version's.

    Call with the folder's lock held (:func:`publish` does): a live run's staging folder would
    look like a leftover.
    """
    out = Path(out)
    meta = out / SET_DIR
    keep = {LOCK, CURRENT, _current(meta)}
    removed = []
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(meta):
            name = entry.name
            if name in keep:
                continue
            if name.startswith((_STAGE_PREFIX, _REPLACED_PREFIX)) or _SET_NAME.match(name) or name in _ADOPTED:
                shutil.rmtree(entry.path, ignore_errors=True)
            elif name in (_NEW_LINK, _PROBE):
                os.unlink(entry.path)
            else:
                continue
            removed.append(f"{SET_DIR}/{name}")
    with contextlib.suppress(FileNotFoundError):
        for entry in os.scandir(out):
            old = _OLD_TEMP.match(entry.name)
            if entry.name == _LINK_TMP or (old and old[1] in names):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(entry.name)
    if removed:
        log.info("%s: removed leftovers of interrupted runs: %s", out, ", ".join(removed))
    return removed


def build_id_of(out: str | os.PathLike) -> str | None:
    """The build id of the set published in ``out`` (``None`` when there is none)."""
    target = _current(Path(out) / SET_DIR)
    return target if target and _SET_NAME.match(target) else None


def is_output_folder(folder: str | os.PathLike) -> bool:
    """Whether ``folder`` holds a published output set (its markdown is not input)."""
    return os.path.islink(os.path.join(folder, SET_DIR, CURRENT))


def check_out_not_in_data(out: str | os.PathLike, data: Sequence[str | os.PathLike], *,
                          allow_inside: bool = False) -> None:
    """Refuse an output folder that is, or is inside, a data folder: the next run would read
    its own reports as input (``allow_inside``: the caller skips it when reading, only the
    data folder itself is refused). Raises :class:`UsageError` naming both."""
    o = Path(out).resolve()
    for d in data:
        try:
            is_dir = stat.S_ISDIR(os.stat(d).st_mode)
        except OSError:
            continue
        r = Path(d).resolve()
        if is_dir and (o == r or (r in o.parents and not allow_inside)):
            where = "is" if o == r else "is inside"
            raise UsageError(f"the output folder {safe_path(out)} {where} the data folder "
                             f"{safe_path(d)}; write the outputs somewhere else")
