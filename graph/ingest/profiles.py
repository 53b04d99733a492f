"""Rival profiles known by their parts: ``## 2. Biome (The All-in-One)`` over ``### Strengths``,
``### Weaknesses``, ``### Market Position``.

A landscape note often gives each rival a section of its own whose heading carries no tagline
and whose facts sit in tables, so neither the company-section form (``### 1. ACME: Tagline`` with
snapshot facts) nor a ``## Competitors`` section reads it. Its sub-headings say what it is: two
or more parts of a profile, one of them a competitive one (strengths, weaknesses, threat level,
how we differ). Such a heading names a rival of the document's subject.

Every pattern here is anchored and runs on one heading's words.
"""

from __future__ import annotations

import re

from rivalscape.graph.ingest.forms import Outline, heading_words, split_heading
from rivalscape.graph.names import is_generic, is_document_part, proper_name, split_parenthetical

# The parts of a rival's profile ("Overview", "Market Position", "Our Positioning vs ESLint").
_PROFILE_PART = re.compile(
    r"^(?:company |product |quick )?(?:overview|summary|snapshot|background|architecture|pricing|market position|"
    r"positioning|target (?:market|users|customers)|key facts|facts|funding|customers|product|products|"
    r"key (?:features|pain points)(?: .{0,40})?|coexistence(?: strategy)?|recent (?:news|developments))$",
    re.IGNORECASE,
)
# The competitive parts: at least one must be there.
_COMPETITIVE_PART = re.compile(
    r"^(?:key |main |their |its )?(?:strengths?|weaknesses?|pros|cons|pros and cons|pros & cons|threat(?: level)?|"
    r"threat assessment|risks? to us|(?:our |how we |where we )(?:differentiation|differ|win|beat them|positioning"
    r"(?: vs\.? .{1,40})?|advantages?)|why we win|how to (?:win|beat them|compete)|(?:our )?counter[- ]?strategy)$",
    re.IGNORECASE,
)


def rival_profiles(o: Outline, used: set[int]) -> list[tuple[int, str]]:
    """``(heading, name)`` of each section (level 2 or 3) whose heading is a name and whose direct
    sub-headings are two parts of a profile or more, one of them a competitive part."""
    out = []
    for i in o.headings:
        b = o.blocks[i]
        if i in used or not 2 <= b.level <= 3 or o.in_themes(i):
            continue
        subs = [j for j in o.headings_within(i, o.scope_end(i)) if o.blocks[j].level == b.level + 1]
        words = [heading_words(o.blocks[j].text) for j in subs]
        competitive = sum(1 for w in words if _COMPETITIVE_PART.match(w))
        parts = competitive + sum(1 for w in words if _PROFILE_PART.match(w))
        if competitive < 1 or parts < 2:
            continue
        name = split_parenthetical(split_heading(heading_words(b.text))[0])[0]
        if proper_name(name) and not is_generic(name) and not is_document_part(name):
            out.append((i, name))
    return out
