"""What each document gave: its subject and how it was found, rivalries by evidence, and
the lines that look competitive but that no reading rule took (for ``landscape validate``)."""

from __future__ import annotations

from rivalscape.graph.errors import Diagnostic
from rivalscape.graph.models import EVIDENCE


def document_report(loaded) -> list[dict]:
    """One record per document read: ``path``, ``subject``, ``subject_how``, ``rivalries``
    (distinct pairs it gave, by evidence, in :data:`graph.models.EVIDENCE` order) and
    ``unread`` (how many competitive-looking lines no rule took).

    Examples
    --------
    >>> from rivalscape.graph.pipeline import load
    >>> [(r["subject"], r["rivalries"]) for r in document_report(load(["data"]))]
    [(None, {'vs-item': 16})]
    """
    by_doc: dict[str, dict[str, set]] = {}
    for r in loaded.landscape.rivalries:
        for c in r.claims:
            by_doc.setdefault(c.source.path, {}).setdefault(c.evidence, set()).add((r.a, r.b))
    out = []
    for d in loaded.documents:
        counts = by_doc.get(d.path, {})
        out.append({
            "path": d.display,
            "subject": d.subject if d.subject_entity or d.subject_how in ("front matter", "option") else None,
            "subject_how": d.subject_how,
            "subject_line": d.subject_line,
            "rivalries": {e: len(counts[e]) for e in EVIDENCE if e in counts},
            "unread": len(d.unread),
        })
    return out


def unread_diagnostics(loaded) -> list[Diagnostic]:
    """A warning for each line that looks competitive (``vs``, ``competitor``, ``alternative
    to``...) but that no reading rule took, so a writer learns what was ignored."""
    return [Diagnostic("warning", d.display, u.line,
                       f"looks competitive, but no rule read it: {u.text!r}")
            for d in loaded.documents for u in d.unread]


def describe(record: dict) -> str:
    """One line for a person: ``notes.md: subject 'Acme' (title, line 1); rivalries: 3 (section 2, lead 1)``."""
    if record["subject"]:
        where = f", line {record['subject_line']}" if record["subject_line"] else ""
        subject = f"subject {record['subject']!r} ({record['subject_how']}{where})"
    else:
        subject = "no subject"
    counts = record["rivalries"]
    total = sum(counts.values())
    parts = ", ".join(f"{e} {n}" for e, n in counts.items())
    line = f"{record['path']}: {subject}; rivalries read: {total}" + (f" ({parts})" if parts else "")
    if record["unread"]:
        line += f"; {record['unread']} competitive-looking line(s) not read"
    return line
