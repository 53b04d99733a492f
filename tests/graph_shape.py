"""A landscape as plain sets, without provenance: what a round-trip must keep."""

from __future__ import annotations

from rivalscape.graph.models import Landscape


def shape(ls: Landscape) -> dict:
    """Entities (label, kind, aliases, facts), claims (by, against, text) and memberships,
    all by label, so that two readings of the same landscape compare equal."""
    label = {e.id: e.label for e in ls.entities}
    return {
        "entities": sorted(
            (e.label, e.kind, tuple(sorted(e.aliases)),
             tuple(sorted((f.key, f.label, f.text) for f in e.facts)))
            for e in ls.entities),
        "claims": sorted((label[c.by], label[c.against], c.text)
                         for r in ls.rivalries for c in r.claims),
        "memberships": sorted((label[m.theme], label[m.member], m.description)
                              for m in ls.memberships),
    }
