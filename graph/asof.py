"""As-of dates for lines of the input documents (what counts as stale is the battlecard's rule).

A line's as-of date is, in order:

1. the ``date`` of its document's YAML front matter (a leading ``---`` ... ``---`` block);
2. else, when the document is in a git repository, the committer date of the last commit that
   touched that line (``git blame --porcelain``, run once per file; lines not yet committed
   have no date);
3. else none.

Git is optional: when it is missing, slow (:data:`GIT_TIMEOUT`) or the folder is not a
repository, lines simply have no git date. Nothing here reads the clock; "today" is always
passed in, so the same input gives the same output.

Front matter is read by the markdown reader's own :func:`graph.ingest.blocks.front_matter`,
so a battlecard's date is the one ``landscape validate`` reads.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Sequence

from rivalscape.graph.ingest.blocks import front_matter

from rivalscape.graph.errors import UsageError
from rivalscape.graph.pipeline import discover

log = logging.getLogger(__name__)

GIT_TIMEOUT = 30
"""Seconds one git call may take before its answer is given up (the command goes on)."""

_AGE_UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}


def parse_age(text: str) -> dt.timedelta:
    """``180d``, ``26w``, ``6m`` (30 days each) or ``1y`` (365 days) as a timedelta.

    Examples
    --------
    >>> parse_age("180d").days, parse_age("2w").days, parse_age("1y").days
    (180, 14, 365)
    """
    t = str(text).strip().lower()
    unit = t[-1:] if t[-1:] in _AGE_UNITS else "d"
    number = t[:-1] if t[-1:] in _AGE_UNITS else t
    if not number.isdigit():
        raise UsageError(f"{text!r} is not an age; write a number of days, weeks, months or "
                         "years such as 180d, 26w, 6m, 1y")
    return dt.timedelta(days=int(number) * _AGE_UNITS[unit])


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def front_matter_date(text: str, where: str = "document") -> dt.date | None:
    """The ``date`` of a leading ``---`` YAML block, or None (no block, no date, bad YAML).

    Examples
    --------
    >>> front_matter_date("---\\ndate: 2025-03-01\\n---\\n# Notes\\n")
    datetime.date(2025, 3, 1)
    >>> front_matter_date("# Notes\\n---\\ndate: 2025-03-01\\n---\\n") is None
    True
    """
    fields, _, problem = front_matter(text.lstrip("\ufeff"))
    if problem:
        log.warning("%s: %s, so it gives no date", where, problem)
        return None
    return _as_date(fields.get("date"))


def document_dates(paths: Sequence[str | os.PathLike]) -> dict[str, dt.date]:
    """``{provenance path: date}`` for the documents under ``paths`` with a front-matter date.

    Provenance paths are the ones sources carry (see :func:`graph.pipeline.discover`).
    """
    out: dict[str, dt.date] = {}
    for path, rel in discover(paths)[0]:
        try:
            text = path.read_bytes().decode("utf-8-sig", errors="replace")
        except OSError:
            continue
        d = front_matter_date(text, rel)
        if d is not None:
            out[rel] = d
    return out


def _blame_porcelain(output: str) -> dict[int, dt.date]:
    """``{final line: committer date}`` from ``git blame --porcelain``; uncommitted lines left out."""
    dates: dict[int, dt.date] = {}
    commits: dict[str, dict] = {}
    sha, line, info = None, 0, {}
    for row in output.split("\n"):
        if row.startswith("\t"):  # the line's content ends its record
            if sha and set(sha) != {"0"} and "time" in info:
                dates[line] = info["date"]
            sha = None
            continue
        parts = row.split(" ")
        if sha is None and len(parts) >= 3 and len(parts[0]) == 40:
            sha, line = parts[0], int(parts[2])
            info = commits.setdefault(sha, {})
        elif sha is not None and parts[0] == "committer-time":
            info["time"] = int(parts[1])
        elif sha is not None and parts[0] == "committer-tz" and "time" in info:
            tz = parts[1]
            sign = -1 if tz.startswith("-") else 1
            offset = dt.timedelta(hours=int(tz[1:3]), minutes=int(tz[3:5])) * sign
            info["date"] = dt.datetime.fromtimestamp(info["time"], dt.timezone(offset)).date()
    return dates


def blame_dates(path: str | os.PathLike) -> dict[int, dt.date] | None:
    """``{line: date of the last commit touching it}`` for one file: ``{}`` when the file is not
    committed in a repository, None when git itself cannot answer (missing, timed out)."""
    path = Path(path)
    try:
        r = subprocess.run(
            ["git", "blame", "--porcelain", "--", path.name], cwd=path.parent or ".",
            capture_output=True, timeout=GIT_TIMEOUT, check=False,
        )
    except (OSError, subprocess.SubprocessError) as e:
        log.info("no git dates (%s): %s", path, e)
        return None
    if r.returncode != 0:
        log.info("no git dates for %s: %s", path, r.stderr.decode(errors="replace").strip())
        return {}
    return _blame_porcelain(r.stdout.decode("utf-8", errors="replace"))


@dataclass(frozen=True)
class AsOf:
    """As-of dates by provenance path: front matter for whole documents, git per line."""

    documents: Mapping[str, dt.date] = field(default_factory=dict)
    lines: Mapping[str, Mapping[int, dt.date]] = field(default_factory=dict)

    def of(self, source: Mapping | None) -> tuple[dt.date | None, str | None]:
        """``(date, "front matter" | "git")`` for a source dict, ``(None, None)`` when undated."""
        if not source:
            return None, None
        path = source.get("path")
        if path in self.documents:
            return self.documents[path], "front matter"
        d = self.lines.get(path, {}).get(source.get("line"))
        return (d, "git") if d is not None else (None, None)


def as_of_dates(paths: Sequence[str | os.PathLike], *, git: bool = True) -> AsOf:
    """Read front-matter dates of every document, and git dates of those without one."""
    documents = document_dates(paths)
    lines: dict[str, dict[int, dt.date]] = {}
    if git:
        for path, rel in discover(paths)[0]:
            if rel not in documents:
                found = blame_dates(path)
                if found is None:  # git is missing or hangs: do not try each file in turn
                    break
                lines[rel] = found
    return AsOf(documents, lines)

