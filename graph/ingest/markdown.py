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

from rivalscape.graph.ingest import competition
from rivalscape.graph.ingest.blocks import front_matter, leading_strong, parse, single_spaced
from rivalscape.graph.ingest.forms import (
    _KEY_VALUE, _STRUCTURAL, _SUBSECTION, _VS, is_competition_heading, VS_INSIDE, Outline,
    _fact_items, _key_value, parse_vs, split_heading, strip_numbering, strip_separator,
)
from rivalscape.graph.ingest.records import (
    DocumentRecord, EntityRecord, FactRecord, MemberRecord, Problem, RivalryRecord, ThemeRecord,
)
from rivalscape.graph.names import is_document_part, looks_like_name


# --- the reader ------------------------------------------------------------------------------


def read_markdown(text: str, path: str, display: str, *, subject: str | None = None) -> DocumentRecord:
    """Read one document into reader-neutral records. Problems with names (a ``vs.`` item
    naming nobody, a fact given twice) are reported by :func:`graph.resolve.resolve`.

    ``subject`` names the document's subject when the document does not (``--subject``).
    """
    doc = DocumentRecord(path=path, display=display)
    text = _clean(text, doc)
    raw = text
    fields, text, problem = front_matter(text)
    if problem:
        doc.problems.append(Problem(1, problem))
    blocks, too_deep = parse(text)
    if too_deep:
        doc.problems.append(Problem(None, "lists or quotes nested deeper than markdown allows; the "
                                          "deepest items are read as if they were less deep"))
    outline = Outline(blocks)
    doc.texts = [b.text for b in blocks]
    h1 = next((b for b in blocks if b.kind == "heading" and b.level == 1), None)
    doc.title, doc.title_line = (h1.text, h1.line) if h1 is not None else (None, None)
    if doc.title is None and isinstance(fields.get("title"), str):
        doc.title = single_spaced(fields["title"])
        doc.title_line = _key_line(raw, "title")
    doc.date = _date_text(fields.get("date"))
    companies = _company_sections(outline)
    used: set[int] = set()
    ends = outline.company_ends(companies)
    for i in companies:
        doc.companies.append(_company(outline, i, companies[i], ends[i], used))
    doc.themes = _themes(outline)
    competition.read(doc, outline, fields, subject, companies, used)
    return doc


def _key_line(text: str, name: str) -> int:
    """The line of a front matter's ``name:`` key (1, its opening line, when not found)."""
    lines = text.split("\n", 200)[:200]
    for n, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            break
        if line.startswith(name + ":"):
            return n
    return 1


def _clean(text: str, doc: DocumentRecord) -> str:
    """Byte-order marks past the start hide the heading after them: drop them, with a warning."""
    if "\ufeff" not in text:
        return text
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        if "\ufeff" in line:
            doc.problems.append(Problem(n, "byte-order mark inside the document (removed)"))
            line = line.replace("\ufeff", "")
        out.append(line)
    return "\n".join(out)


def _date_text(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return single_spaced(str(value)) or None


def _company_candidates(o: Outline) -> tuple[dict[int, tuple[str, list[str]]], set[int]]:
    """Headings that can name a company, and those that are company headings by form alone."""
    strong_form: set[int] = set()
    candidates: dict[int, tuple[str, list[str]]] = {}
    for i in o.headings:
        b = o.blocks[i]
        if o.in_themes(i) or not 2 <= b.level <= 4:
            continue
        name, aliases, numbered, tagline = split_heading(b.text)
        if not looks_like_name(name) or _STRUCTURAL.match(name) or len(name.split()) > 5 or is_document_part(name):
            continue
        if VS_INSIDE.search(name) or is_competition_heading(b.text):
            continue
        candidates[i] = (name, aliases)
        if numbered and tagline:
            strong_form.add(i)
    return candidates, strong_form


def _company_sections(o: Outline) -> dict[int, tuple[str, list[str]]]:
    """Company headings in document order: by form, or when their own part of the document has
    facts or ``vs.`` items (unless they are subheadings inside a company's profile)."""
    candidates, strong_form = _company_candidates(o)
    blocks = o.blocks
    companies: dict[int, tuple[str, list[str]]] = {}
    stop = strong_form | o.themes_at | o.parts_at
    cur_end, cur_level = -1, 0

    def has_snapshot(i: int) -> bool:
        return len(_fact_items(blocks[i + 1:o.scope_end(i, stop)])) >= 2

    for i in sorted(candidates):
        end = o.scope_end(i, stop)
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
            if not owns and _parts_below(o, first_sub, end):
                continue  # "## Rollout" over "### Phase 1: ...": the facts are the parts'

        companies[i] = candidates[i]
        cur_end, cur_level = end, blocks[i].level
    return companies


def _parts_below(o: Outline, start: int, end: int) -> bool:
    """Whether the sub-headings from ``start`` are parts of an analysis ("Phase 1", "Threat of
    Substitutes"), whose facts belong to no company."""
    return any(o.blocks[j].kind == "heading" and is_document_part(split_heading(o.blocks[j].text)[0])
               for j in range(start, end))


def _company(o: Outline, i: int, names: tuple[str, list[str]], end: int, used: set[int]) -> EntityRecord:
    name, aliases = names
    body = range(i + 1, end)
    comp = EntityRecord(name=name, aliases=aliases, heading=o.blocks[i].text, line=o.blocks[i].line)
    for b in _fact_items([o.blocks[j] for j in body]):
        m = _key_value(b)
        if m:
            comp.facts.append(FactRecord(m[0], m[1], b.line))
    for j in body:
        b = o.blocks[j]
        if b.kind != "item":
            continue
        vs = parse_vs(b.inline, b.text)  # an item's text is inline_text of its inline
        if vs is None:
            continue
        used.add(j)
        comp.rivals.append(RivalryRecord(vs[0], vs[1], b.line))
    used.add(i)
    return comp


def _themes(o: Outline) -> list[ThemeRecord]:
    themes = []
    for i in sorted(o.themes_at):
        end = o.scope_end(i)
        sub = [j for j in range(i + 1, end) if o.blocks[j].kind == "heading"]
        for j in sub:
            jend = next((k for k in sub if k > j and o.blocks[k].level <= o.blocks[j].level), end)
            theme = ThemeRecord(name=strip_numbering(o.blocks[j].text), line=o.blocks[j].line)
            for b in o.blocks[j + 1:jend]:
                if b.kind != "item":
                    continue
                lead = leading_strong(b.inline)
                if lead is not None:
                    theme.items.append(MemberRecord(lead[0].rstrip(":").strip(), strip_separator(lead[1]), b.line))
                elif m := _KEY_VALUE.match(b.text):
                    theme.items.append(MemberRecord(m.group(1).strip(), m.group(2).strip(), b.line))
            themes.append(theme)
    return themes
