"""Markdown -> a flat list of blocks (headings, paragraphs, list items, table rows).

The document is parsed into markdown-it-py tokens (``token.map`` gives line numbers); the
readers in this package look only at the blocks, never at the file's text with patterns.
Inline text is single-spaced, so the short patterns applied to it stay linear in its length.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

# markdown-it stops nesting at ``maxNesting`` and drops what is deeper; ours is high enough
# for any real document, and a document that reaches it gets a warning (see ``too_deep``).
MAX_NESTING = 400
_MD = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")

# Inline text is parsed with markdown-it's usual limit instead: its link-label parser recurses
# (three Python frames per level) once per nested '[', so a run of brackets under the block
# limit above would overflow Python's stack with a RecursionError.
_INLINE_MD = MarkdownIt("commonmark", {"maxNesting": 100}).enable("table")


def _parse_inlines(state) -> None:
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            _INLINE_MD.inline.parse(token.content, _INLINE_MD, state.env, token.children)


_MD.core.ruler.at("inline", _parse_inlines)


@dataclass
class Block:
    kind: str  # "heading" | "para" | "item" | "row"
    line: int
    text: str
    level: int = 0  # heading level
    inline: Token | None = None
    list_id: int = -1  # items: which list they belong to; rows: which table
    label_before: str = ""  # items: the paragraph/heading just before their list
    cells: list[str] = field(default_factory=list)  # rows: cell texts
    links: list[str | None] = field(default_factory=list)  # rows: first link of each cell
    strong: list[bool] = field(default_factory=list)  # rows: whether each cell is all bold
    header: bool = False  # rows: the table's header row


def single_spaced(text: str) -> str:
    return " ".join(text.split())


def inline_text(tok: Token | None) -> str:
    """Plain, single-spaced text of an inline token (emphasis dropped, code and link text kept)."""
    parts: list[str] = []
    for c in (tok.children if tok is not None else None) or ():
        if c.type in ("text", "code_inline", "html_inline"):
            parts.append(c.content)
        elif c.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return single_spaced("".join(parts))


def first_link(tok: Token | None) -> str | None:
    for c in (tok.children if tok is not None else None) or ():
        if c.type == "link_open":
            return str(c.attrs.get("href") or "") or None
    return None


def leading_strong(tok: Token | None) -> tuple[str, str] | None:
    """If the inline starts with bold (``**lead**rest``), return ``(lead, rest)`` as plain text."""
    children = [c for c in (tok.children if tok is not None else None) or ()
                if not (c.type == "text" and c.content == "")]
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
    return single_spaced("".join(lead)), single_spaced("".join(rest))


def front_matter(text: str) -> tuple[dict, str, str | None]:
    """Split YAML front matter (``---`` ... ``---`` at the very start) from the document.

    Returns ``(fields, text, problem)``: the front matter's lines are blanked, not removed,
    so line numbers stay those of the file; a front matter that is not a YAML mapping is a
    problem (reported as a warning) and its fields are empty.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return {}, text, None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        return {}, text, None
    raw = "\n".join(lines[1:end])
    blank = "\n" * end + "\n"
    rest = blank + "\n".join(lines[end + 1:])
    try:
        data = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as e:
        return {}, rest, f"front matter is not valid YAML ({getattr(e, 'problem', None) or 'syntax error'})"
    except RecursionError:  # PyYAML recurses once per nesting level
        return {}, rest, "front matter is nested too deeply"
    if not isinstance(data, dict):
        return {}, rest, "front matter is not a list of 'key: value' fields"
    return {str(k).lower(): v for k, v in data.items()}, rest, None


# Past markdown-it's nesting limit the rest of a document is lost: such a document is read
# again with its indentation and quote markers clamped, so its deepest items become siblings.
_CLAMP_SPACES, _CLAMP_QUOTES = 160, 80


def parse(text: str) -> tuple[list[Block], bool]:
    """Blocks of a document, and whether its nesting reached markdown-it's limit (then the
    deepest items are read as if they were at the deepest level that fits)."""
    tokens = _MD.parse(text)
    too_deep = any(t.level >= MAX_NESTING - 2 for t in tokens)
    if too_deep:
        tokens = _MD.parse("\n".join(_clamp(line) for line in text.split("\n")))
    return to_blocks(tokens), too_deep


def _clamp(line: str) -> str:
    body = line.lstrip(" ")
    indent = min(len(line) - len(body), _CLAMP_SPACES)
    quotes = len(body) - len(body.lstrip(">"))
    if quotes > _CLAMP_QUOTES:
        body = ">" * _CLAMP_QUOTES + body.lstrip(">")
    return " " * indent + body


def to_blocks(tokens: list[Token]) -> list[Block]:
    """Flatten the token stream into headings, paragraphs, list items (their first paragraph)
    and table rows."""
    blocks: list[Block] = []
    st = _State()
    for i, tok in enumerate(tokens):
        handler = _HANDLERS.get(tok.type)
        if handler is not None:
            handler(st, tokens, i, blocks)
    return blocks


@dataclass
class _State:
    list_stack: list[int] = field(default_factory=list)
    item_stack: list[bool] = field(default_factory=list)  # has this open item got its text yet?
    lists: int = 0
    tables: int = 0
    list_labels: dict[int, str] = field(default_factory=dict)
    last_text: str = ""
    row: Block | None = None
    in_head: bool = False


def _heading(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    inl = tokens[i + 1]
    text = inline_text(inl)
    blocks.append(Block("heading", tokens[i].map[0] + 1, text, int(tokens[i].tag[1]), inl))
    st.last_text = text


def _list_open(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    st.lists += 1
    st.list_stack.append(st.lists)
    st.list_labels[st.lists] = st.last_text


def _list_close(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    st.list_stack.pop()


def _item_open(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    st.item_stack.append(False)


def _item_close(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    st.item_stack.pop()


def _inline(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    tok, prev = tokens[i], tokens[i - 1]
    if prev.type in ("th_open", "td_open") and st.row is not None:
        st.row.cells.append(inline_text(tok))
        st.row.links.append(first_link(tok))
        lead = leading_strong(tok)
        st.row.strong.append(lead is not None and bool(lead[0]) and not lead[1])
        return
    if prev.type != "paragraph_open":
        return
    text = inline_text(tok)
    line = prev.map[0] + 1
    if st.item_stack and not st.item_stack[-1]:
        st.item_stack[-1] = True
        lid = st.list_stack[-1]
        blocks.append(Block("item", line, text, 0, tok, lid, st.list_labels[lid]))
    else:
        blocks.append(Block("para", line, text, 0, tok))
        if not st.item_stack:
            st.last_text = text


def _table_open(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    st.tables += 1


def _thead(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    st.in_head = tokens[i].type == "thead_open"


def _tr_open(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    line = (tokens[i].map or [0])[0] + 1
    st.row = Block("row", line, "", list_id=st.tables, header=st.in_head, label_before=st.last_text)


def _tr_close(st: _State, tokens: list[Token], i: int, blocks: list[Block]) -> None:
    if st.row is not None:
        st.row.text = " | ".join(st.row.cells)
        blocks.append(st.row)
    st.row = None


_HANDLERS = {
    "heading_open": _heading,
    "bullet_list_open": _list_open, "ordered_list_open": _list_open,
    "bullet_list_close": _list_close, "ordered_list_close": _list_close,
    "list_item_open": _item_open, "list_item_close": _item_close,
    "inline": _inline,
    "table_open": _table_open, "thead_open": _thead, "thead_close": _thead,
    "tr_open": _tr_open, "tr_close": _tr_close,
}
