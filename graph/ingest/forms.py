"""The forms of headings and list items that the markdown readers recognise.

Patterns here run on single-spaced text taken from one block (a heading's text, one list
item's text) and none has two quantifiers over the same characters side by side, so each
runs in time linear in its input.
"""

from __future__ import annotations

import bisect
import re

from rivalscape.graph.ingest.blocks import Block, Inline, inline_text, leading_strong, single_spaced
from rivalscape.graph.names import split_parenthetical

# --- patterns ----------------------------------------------------------------------

# "1.", "3)", "#4", "IV.", "B)", optionally after "Company", "Case study", "Profile", "No.".
_NUMBERING = re.compile(
    r"^\s*(?:(?i:company|case study|case|profile|no\.?)\s+)?"
    r"(?:#?\d+(?:\.\d+)*[.):]?|[IVXLC]+[.)]|[A-Za-z][.)])\s+"
)
# Separators after a name: ": ", " — ", " | ", " - ". No quantifier meets another over the same
# characters (a run of spaces once made these cubic); the text is single-spaced as well.
_TAGLINE = re.compile(r"(?::(?= |$)|(?<= )[\u2014\u2013|](?= )|(?<= )--?(?= ))")
_VS = re.compile(r"^\s*(?:vs\.?|versus)(?=[\s:*_]|$)", re.IGNORECASE)
_CLAIM_SEP = re.compile(r"(?::(?= |$)|[\u2014\u2013]|(?<= )--?(?= ))")
_KEY_VALUE = re.compile(r"^([A-Z][\w&/ .'-]{0,40}?)\s*:\s+(\S.*)$")
_THEMES_HEADING = re.compile(r"\bthemes?\b", re.IGNORECASE)
_SNAPSHOT_LABEL = re.compile(
    r"\b(snapshot|at a glance|key facts|fast facts|quick facts|fact sheet|profile|company info)\b",
    re.IGNORECASE,
)
# Keys a snapshot fact list is recognised by when it has no "Snapshot" label above it.
FACT_KEYS = {
    "founded", "founders", "founder", "team", "focus", "product", "products", "funding",
    "customers", "users", "models", "platform", "hq", "headquarters", "location", "employees",
    "revenue", "valuation", "website", "ceo", "investors", "stage", "category", "pricing",
}
# Subheadings of a company profile that hold one part of it (never a company's name).
_SUBSECTION = re.compile(
    r"^(?:company |key |quick |fast )?(snapshot|at a glance|facts|fact sheet|profile|overview|"
    r"numbers|metrics|funding|team|founders|customers|product|products|competition|competitors|"
    r"competitive (?:landscape|positioning|position|dynamics|strategy)|positioning)$",
    re.IGNORECASE,
)
# Headings that structure a document and are never company names.
_STRUCTURAL = re.compile(
    r"^(overview|introduction|summary|executive summary|conclusions?|methodology|background|"
    r"appendix|references|sources|notes|lessons.*|key takeaways|takeaways|contents|"
    r"table of contents|market overview|competitive landscape|glossary)$",
    re.IGNORECASE,
)


def split_heading(text: str) -> tuple[str, list[str], bool, bool]:
    """``'1. ANYSPHERE (CURSOR): Tagline'`` -> ``('ANYSPHERE', ['CURSOR'], numbered, has_tagline)``."""
    m = _NUMBERING.match(text)
    numbered = m is not None
    rest = single_spaced(text[m.end():] if m else text)
    t = _TAGLINE.search(rest)
    name = rest[: t.start()].rstrip() if t else rest
    name, aliases = split_parenthetical(name)
    return name.strip(), aliases, numbered, bool(t)


def strip_separator(text: str) -> str:
    """Remove a leading claim separator (``:``, dash) and spaces."""
    return re.sub(r"^\s*(?::|[\u2014\u2013]|-{1,2})\s*", "", text).strip()


def parse_vs(tok: Inline, plain: str | None = None) -> tuple[str, str] | None:
    """Target and claim of a ``vs.`` list item, or None when the item is not a ``vs.`` item.

    ``plain`` is ``inline_text(tok)`` when the caller has it already (a block's ``text``)."""
    if plain is None:
        plain = inline_text(tok)
    m = _VS.match(plain)
    if not m:
        return None
    lead = leading_strong(tok)
    if lead is not None:
        lm = _VS.match(lead[0])
        if lm and lead[0][lm.end():].strip(" :*_-\u2014\u2013"):
            # **vs. AWS/GCP**: claim   or   **vs. AWS/GCP:** claim
            target = lead[0][lm.end():].strip().rstrip(":").strip()
            return target, strip_separator(lead[1])
    rest = plain[m.end():].lstrip(" .")
    if rest.startswith(":"):  # "vs.: claim" names nobody
        return "", strip_separator(rest)
    sep = _CLAIM_SEP.search(rest)
    if sep:
        return rest[: sep.start()].strip().rstrip(".;,"), rest[sep.end():].strip()
    return rest.strip().rstrip(".;,"), ""


_LEAD_WORDS = r"(?:(?:our|the|main|key|major|direct|indirect|primary|top|notable|other|emerging|closest|biggest)\s+)*"
# Words that make a heading open a part about rivals ("## Competitors", "# Comparisons with
# Other Test Runners", "## Knockout competitor comparisons", "## How it stacks up").
_COMPETITION_WORDS = re.compile(
    r"\b(?:competitors?|competition|competing (?:products|solutions|tools|vendors)|"
    r"competitive (?:landscape|positioning|position|analysis|overview|set|environment|dynamics|"
    r"alternatives|comparison|intelligence)|comparisons?|compared (?:to|with)|comparing|"
    r"alternatives?|rivals|key players|market landscape|stacks? up|how (?:it|we|they|\w+) compares?|"
    r"similar (?:projects|tools|products)|replaces?|replacing|replacements? for)\b",
    re.IGNORECASE,
)


# Alternatives that are ways of doing a thing, not products: "Alternative Approaches",
# "Alternative designs", "Alternative implementation strategies".
_OTHER_WAYS = re.compile(r"\balternative (?:\w+ )?(?:approach(?:es)?|designs?|ideas?|implementations?|"
                         r"strateg(?:y|ies)|methods?|architectures?|workflows?|patterns?|techniques?)\b",
                         re.IGNORECASE)


def is_competition_heading(text: str) -> bool:
    """Whether a heading (eight words at most) opens a part about rivals.

    Examples
    --------
    >>> [is_competition_heading(t) for t in ("## 2. Competitive Landscape", "Key Competitors",
    ...  "Comparisons with Other Test Runners", "Competitive Strategy", "Competitive Advantages",
    ...  "Alternative Approaches")]
    [True, True, True, False, False, False]
    """
    words = heading_words(text)
    return len(words.split()) <= 8 and _COMPETITION_WORDS.search(words) is not None \
        and not _OTHER_WAYS.search(words)
VS_INSIDE = re.compile(r"(?<=\S) (?:vs\.?|versus) (?=\S)", re.IGNORECASE)

def heading_words(text: str) -> str:
    """A heading's words without numbering, emoji or trailing punctuation."""
    text = strip_numbering(text)
    # a standalone "+" joins products used together ("ChatGPT + Notion"), kept; "C++" loses its own
    text = " + ".join("".join(c for c in part if c.isalnum() or c in " .,:;&'/-?()") for part in text.split(" + "))
    return " ".join(text.split()).strip(" :?.+")


class Outline:
    """The blocks of one document with its headings, and where each heading's part ends."""

    def __init__(self, blocks: list[Block]):
        self.blocks = blocks
        self.headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
        self.themes_at = {i for i in self.headings
                          if blocks[i].level >= 2 and _THEMES_HEADING.search(blocks[i].text)}
        # Top-level parts such as "Lessons" or "Conclusion" end a company section at any level.
        self.parts_at = {i for i in self.headings if _STRUCTURAL.match(strip_numbering(blocks[i].text))}
        self.themes_scope = {j for i in self.themes_at for j in range(i, self.scope_end(i))}

    def scope_end(self, i: int, stop: set[int] = frozenset()) -> int:
        """Index just past heading ``i``'s part: the next heading at its level or above, or
        the next heading in ``stop``."""
        lvl = self.blocks[i].level
        for k in range(bisect.bisect_right(self.headings, i), len(self.headings)):
            j = self.headings[k]
            if self.blocks[j].level <= lvl or j in stop:
                return j
        return len(self.blocks)

    def headings_within(self, i: int, end: int) -> list[int]:
        """Headings strictly between block ``i`` and block ``end``, found by bisection."""
        return self.headings[bisect.bisect_right(self.headings, i):bisect.bisect_left(self.headings, end)]

    def in_themes(self, i: int) -> bool:
        return i in self.themes_scope

    def company_ends(self, companies) -> dict[int, int]:
        """Index just past each company heading's part (companies end each other), the
        headings that stop them gathered once, not once per company."""
        stop = set(companies) | self.themes_at | self.parts_at
        return {i: self.scope_end(i, stop) for i in companies}


def strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text, count=1).strip()


def _key_value(b: Block) -> tuple[str, str] | None:
    lead = leading_strong(b.inline) if b.inline is not None else None
    if lead is not None:
        key = lead[0].rstrip(":").strip()
        value = strip_separator(lead[1])
        if key.lower() in FACT_KEYS and value:
            return key, value
        return None
    m = _KEY_VALUE.match(b.text)
    if not m or len(m.group(1).split()) > 4:
        return None
    return m.group(1).strip(), m.group(2).strip()


def _fact_items(body: list[Block]) -> list[Block]:
    """Items of the snapshot list(s): a list labelled like 'Company Snapshot', or one whose
    items (``vs.`` items aside) are all ``Key: value`` with at least one well-known key."""
    by_list: dict[int, list[Block]] = {}
    for b in body:
        if b.kind == "item":
            by_list.setdefault(b.list_id, []).append(b)
    out: list[Block] = []
    for items in by_list.values():
        others = [b for b in items if not _VS.match(b.text)]
        pairs = [(b, pair) for b in others if (pair := _key_value(b)) is not None]
        if not pairs:
            continue
        kv = [b for b, _ in pairs]
        labelled = bool(_SNAPSHOT_LABEL.search(items[0].label_before))
        known = sum(1 for _, pair in pairs if pair[0].lower() in FACT_KEYS)
        # _key_value accepts a bold key only when it is a well-known one, so a list of bold
        # feature bullets ("**Monitoring**: ...") never passes the all-items test.
        if labelled or (len(kv) == len(others) and known >= 1):
            out.extend(kv)
    return out
