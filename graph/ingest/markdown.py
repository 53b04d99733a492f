"""Reader for markdown case-study documents.

The document is parsed into markdown-it-py tokens (``token.map`` gives line numbers); only
short strings taken from single tokens (a heading's text, one list item's text) are looked at
with regular expressions, never the file as a whole.

What is read (see the README for the conventions with examples):

* company sections: headings (levels 2-4) like ``### 1. ANYSPHERE (CURSOR): Tagline``;
* snapshot facts: ``- Key: value`` bullets of the section's snapshot list;
* rivalries: list items of a company section that start with ``vs.``, ``vs`` or ``versus``;
* themes: subheadings of a section whose heading names themes, with ``- **Name**: text`` items.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from graph.ingest.records import (
    DocumentRecord, EntityRecord, FactRecord, MemberRecord, RivalryRecord, ThemeRecord,
)
from graph.names import looks_like_name, split_parenthetical


# --- small string rules ----------------------------------------------------------------------

# "1.", "3)", "#4", "IV.", "B)", optionally after "Company", "Case study", "Profile", "No.".
_NUMBERING = re.compile(
    r"^\s*(?:(?i:company|case study|case|profile|no\.?)\s+)?"
    r"(?:#?\d+(?:\.\d+)*[.):]?|[IVXLC]+[.)]|[A-Za-z][.)])\s+"
)
_TAGLINE = re.compile(r"\s*(?::\s+|:$|\s[\u2014\u2013|]\s|\s-{1,2}\s)")
_VS = re.compile(r"^\s*(?:vs\.?|versus)(?=[\s:*_]|$)", re.IGNORECASE)
_CLAIM_SEP = re.compile(r"\s*(?::(?:\s+|$)|\s*[\u2014\u2013]\s*|\s-{1,2}\s)")
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
    rest = text[m.end():] if m else text
    t = _TAGLINE.search(rest)
    name = rest[: t.start()] if t else rest
    name, aliases = split_parenthetical(name)
    return name.strip(), aliases, numbered, bool(t)


def inline_text(tok: Token) -> str:
    """Plain text of an inline token (emphasis dropped, code and link text kept)."""
    parts: list[str] = []
    for c in tok.children or ():
        if c.type in ("text", "code_inline", "html_inline"):
            parts.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip()


def leading_strong(tok: Token) -> tuple[str, str] | None:
    """If the inline starts with bold (``**lead**rest``), return ``(lead, rest)`` as plain text."""
    children = [c for c in tok.children or () if not (c.type == "text" and c.content == "")]
    if not children or children[0].type != "strong_open":
        return None
    depth, lead, i = 0, [], 0
    for i, c in enumerate(children):
        if c.type == "strong_open":
            depth += 1
        elif c.type == "strong_close":
            depth -= 1
            if depth == 0:
                break
        elif c.type in ("text", "code_inline"):
            lead.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            lead.append(" ")
    rest = []
    for c in children[i + 1:]:
        if c.type in ("text", "code_inline", "html_inline"):
            rest.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            rest.append(" ")
    return "".join(lead).strip(), "".join(rest)


def strip_separator(text: str) -> str:
    """Remove a leading claim separator (``:``, dash) and spaces."""
    return re.sub(r"^\s*(?::|[\u2014\u2013]|-{1,2})\s*", "", text).strip()


def parse_vs(tok: Token) -> tuple[str, str] | None:
    """Target and claim of a ``vs.`` list item, or None when the item is not a ``vs.`` item."""
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


# --- the reader ------------------------------------------------------------------------------

_MD = MarkdownIt("commonmark")


@dataclass
class _Block:
    kind: str  # "heading" | "para" | "item"
    line: int
    text: str
    level: int = 0  # heading level
    inline: Token | None = None
    list_id: int = -1  # items: which list they belong to
    label_before: str = ""  # items: the paragraph/heading just before their list


def _blocks(tokens: list[Token]) -> list[_Block]:
    """Flatten the token stream into headings, paragraphs and list items (first paragraph)."""
    blocks: list[_Block] = []
    list_stack: list[int] = []
    item_stack: list[bool] = []  # has this open item got its text yet?
    lists = 0
    list_labels: dict[int, str] = {}
    last_text = ""
    for i, tok in enumerate(tokens):
        t = tok.type
        if t == "heading_open":
            inl = tokens[i + 1]
            text = inline_text(inl)
            blocks.append(_Block("heading", tok.map[0] + 1, text, int(tok.tag[1]), inl))
            last_text = text
        elif t in ("bullet_list_open", "ordered_list_open"):
            lists += 1
            list_stack.append(lists)
            list_labels[lists] = last_text
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_stack.pop()
        elif t == "list_item_open":
            item_stack.append(False)
        elif t == "list_item_close":
            item_stack.pop()
        elif t == "inline" and tokens[i - 1].type == "paragraph_open":
            text = inline_text(tok)
            line = tokens[i - 1].map[0] + 1
            if item_stack and not item_stack[-1]:
                item_stack[-1] = True
                lid = list_stack[-1]
                blocks.append(_Block("item", line, text, 0, tok, lid, list_labels[lid]))
            else:
                blocks.append(_Block("para", line, text, 0, tok))
                if not item_stack:
                    last_text = text
    return blocks


def read_markdown(text: str, path: str, display: str) -> DocumentRecord:
    """Read one document into its raw shape. Problems with names (a ``vs.`` item naming
    nobody, a fact given twice) are reported by :func:`graph.resolve.resolve`."""
    tokens = _MD.parse(text)
    blocks = _blocks(tokens)
    doc = DocumentRecord(path=path, display=display, title=None)
    doc.texts = [b.text for b in blocks]
    for b in blocks:
        if b.kind == "heading" and b.level == 1:
            doc.title = b.text
            break

    headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
    themes_at = {i for i in headings if blocks[i].level >= 2 and _THEMES_HEADING.search(blocks[i].text)}
    # Top-level parts such as "Lessons" or "Conclusion" end a company section at any level.
    parts_at = {i for i in headings if _STRUCTURAL.match(_NUMBERING.sub("", blocks[i].text, count=1).strip())}

    def scope_end(i: int, stop: set[int]) -> int:
        lvl = blocks[i].level
        for j in range(i + 1, len(blocks)):
            if blocks[j].kind == "heading" and (blocks[j].level <= lvl or j in stop):
                return j
        return len(blocks)

    # Pass 1: headings that are company headings by their form alone.
    strong_form: set[int] = set()
    candidates: dict[int, tuple[str, list[str]]] = {}
    in_themes_until = -1
    for i in headings:
        b = blocks[i]
        if i in themes_at:
            in_themes_until = scope_end(i, set())
            continue
        if i < in_themes_until or not 2 <= b.level <= 4:
            continue
        name, aliases, numbered, tagline = split_heading(b.text)
        if not looks_like_name(name) or _STRUCTURAL.match(name) or len(name.split()) > 5:
            continue
        candidates[i] = (name, aliases)
        if numbered and tagline:
            strong_form.add(i)

    # Pass 2, in document order: other candidates count when their own part of the document
    # has facts or rivals, unless they are subheadings inside a company's profile.
    companies: list[int] = []
    stop = strong_form | themes_at | parts_at
    cur_end, cur_level = -1, 0
    def has_snapshot(i: int) -> bool:
        return len(_fact_items(blocks[i + 1:scope_end(i, stop)])) >= 2

    for i in sorted(candidates):
        end = scope_end(i, stop)
        if i not in strong_form:
            if i < cur_end and blocks[i].level > cur_level:
                continue
            body = blocks[i + 1:end]
            has_vs = any(b.kind == "item" and _VS.match(b.text) for b in body)
            if not has_vs and len(_fact_items(body)) < 2:
                continue
            # A grouping heading ("## Payment processors") has nothing of its own before its
            # subheadings, and a subheading named like a company has a snapshot of its own.
            first_sub = next((j for j in range(i + 1, end) if blocks[j].kind == "heading"), end)
            direct = blocks[i + 1:first_sub]
            owns = any(b.kind == "item" and _VS.match(b.text) for b in direct) or _fact_items(direct)
            if not owns and any(
                j in candidates and blocks[j].level > blocks[i].level
                and not _SUBSECTION.match(blocks[j].text) and has_snapshot(j)
                for j in range(first_sub, end)
            ):
                continue
        companies.append(i)
        cur_end, cur_level = end, blocks[i].level
    stop = set(companies) | themes_at | parts_at

    for i in companies:
        name, aliases = candidates[i]
        end = scope_end(i, stop)
        body = blocks[i + 1:end]
        comp = EntityRecord(name=name, aliases=aliases, heading=blocks[i].text, line=blocks[i].line)
        for b in _fact_items(body):
            m = _key_value(b)
            if m:
                comp.facts.append(FactRecord(m[0], m[1], b.line))
        for b in body:
            if b.kind != "item":
                continue
            vs = parse_vs(b.inline)
            if vs is None:
                continue
            target, claim = vs
            comp.rivals.append(RivalryRecord(target, claim, b.line))
        doc.companies.append(comp)

    for i in sorted(themes_at):
        end = scope_end(i, set())
        sub = [j for j in range(i + 1, end) if blocks[j].kind == "heading"]
        for j in sub:
            jend = next((k for k in sub if k > j and blocks[k].level <= blocks[j].level), end)
            theme = ThemeRecord(name=_NUMBERING.sub("", blocks[j].text, count=1).strip(), line=blocks[j].line)
            for b in blocks[j + 1:jend]:
                if b.kind != "item":
                    continue
                lead = leading_strong(b.inline)
                if lead is not None:
                    theme.items.append(MemberRecord(lead[0].rstrip(":").strip(), strip_separator(lead[1]), b.line))
                else:
                    m = _KEY_VALUE.match(b.text)
                    if m:
                        theme.items.append(MemberRecord(m.group(1).strip(), m.group(2).strip(), b.line))
            doc.themes.append(theme)
    return doc


def _key_value(b: _Block) -> tuple[str, str] | None:
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


def _fact_items(body: list[_Block]) -> list[_Block]:
    """Items of the snapshot list(s): a list labelled like 'Company Snapshot', or one whose
    items (``vs.`` items aside) are all ``Key: value`` with at least one well-known key."""
    by_list: dict[int, list[_Block]] = {}
    for b in body:
        if b.kind == "item":
            by_list.setdefault(b.list_id, []).append(b)
    out: list[_Block] = []
    for items in by_list.values():
        kv = [b for b in items if _key_value(b) is not None and not _VS.match(b.text)]
        if not kv:
            continue
        labelled = bool(_SNAPSHOT_LABEL.search(items[0].label_before))
        others = [b for b in items if not _VS.match(b.text)]
        known = sum(1 for b in kv if _key_value(b)[0].lower() in FACT_KEYS)
        # _key_value accepts a bold key only when it is a well-known one, so a list of bold
        # feature bullets ("**Monitoring**: ...") never passes the all-items test.
        if labelled or (len(kv) == len(others) and known >= 1):
            out.extend(kv)
    return out
