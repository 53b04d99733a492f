"""Markdown -> a flat list of blocks (headings, paragraphs, list items, table rows).

Two parsers feed the one block builder here (:class:`_Builder`); the readers never know
which did:

* pyromark (pulldown-cmark, in Rust), the default: about ten times faster than markdown-it-py
  on large folders, with byte ranges that give each block its line;
* markdown-it-py, the reference. Tests read every fixture with both and require the same
  records. A document with what the two are known to read differently (a table, a link
  reference definition, a tab, Unicode spaces, nesting past markdown-it's limits...: see
  :func:`_markdown_it_only` and :class:`_Refused`) is read by markdown-it-py whichever is
  chosen, so the choice never changes what is read.

``$LANDSCAPE_MARKDOWN_PARSER`` (``pyromark`` or ``markdown-it``), or :data:`PARSER` set by a
test, chooses. A block's ``inline`` is a tuple of ``(kind, value)`` pieces (:data:`TEXT`,
:data:`CODE`, :data:`HTML`, :data:`BREAK`, :data:`STRONG`, :data:`END_STRONG`, :data:`LINK`
with its href as markdown-it normalises it, :data:`END_LINK`, :data:`OTHER` for emphasis and
images). The readers look only at the blocks, never at the file's text with patterns; inline
text is single-spaced, so the short patterns applied to it stay linear in its length.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from dataclasses import dataclass, field

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from rivalscape.graph.errors import UsageError

try:  # a platform without a pyromark wheel still reads everything, with the reference
    import pyromark
except ImportError:  # pragma: no cover - pyromark ships wheels for every platform we support
    pyromark = None

PARSERS = ("pyromark", "markdown-it")
PARSER_ENV = "LANDSCAPE_MARKDOWN_PARSER"
# Set by tests to read with one parser whatever the environment says; None: the environment.
PARSER: str | None = None

# markdown-it stops nesting at ``maxNesting`` and drops what is deeper; ours is high enough
# for any real document, and a document that reaches it gets a warning (see ``too_deep``).
MAX_NESTING = 400
_MD = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")

# Inline text is parsed with markdown-it's usual limit instead: its link-label parser recurses
# (three Python frames per level) once per nested '[', so a run of brackets under the block
# limit above would overflow Python's stack with a RecursionError.
INLINE_NESTING = 100
_INLINE_MD = MarkdownIt("commonmark", {"maxNesting": INLINE_NESTING}).enable("table")


def _parse_inlines(state) -> None:
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            _INLINE_MD.inline.parse(token.content, _INLINE_MD, state.env, token.children)


_MD.core.ruler.at("inline", _parse_inlines)

# Inline pieces: (kind, value). Text of TEXT, CODE and HTML pieces is the inline's text;
# BREAK reads as a space (its value is "\n" for a hard break, " " for a soft one); LINK carries the link's href (normalised as markdown-it does).
TEXT, CODE, HTML, BREAK = "text", "code", "html", "break"
STRONG, END_STRONG, LINK, END_LINK, OTHER = "strong", "/strong", "link", "/link", "other"
Inline = tuple[tuple[str, str], ...]
_TEXTUAL = frozenset((TEXT, CODE, HTML))


@dataclass(slots=True)
class Block:
    kind: str  # "heading" | "para" | "item" | "row"
    line: int
    text: str
    level: int = 0  # heading level
    inline: Inline | None = None
    list_id: int = -1  # items: which list they belong to; rows: which table
    label_before: str = ""  # items: the paragraph/heading just before their list
    cells: list[str] = field(default_factory=list)  # rows: cell texts
    links: list[str | None] = field(default_factory=list)  # rows: first link of each cell
    strong: list[bool] = field(default_factory=list)  # rows: whether each cell is all bold
    header: bool = False  # rows: the table's header row


def single_spaced(text: str) -> str:
    return " ".join(text.split())


# An inline HTML tag that marks text up without adding any (``<a name="x">``, ``</span>``,
# ``<img src=...>``): no part of the text. A line break (``<br>``) stays: it parts a cell's names.
_MARKUP_TAG = re.compile(r"</?(?:a|span|img|sup|sub|em|b|strong|i|u|small|font|mark|abbr|kbd|ins|del|s|picture|"
                         r"source)(?:\s[^<>]*)?/?>$", re.IGNORECASE)


def inline_text(inline: Inline | None) -> str:
    """Plain, single-spaced text of an inline (emphasis and markup tags dropped, code and link
    text kept).

    Examples
    --------
    >>> inline_text(((HTML, '<a name="x" href="">'), (TEXT, "Acme"), (HTML, "</a>"), (HTML, "<br>")))
    'Acme<br>'
    """
    # A list, not a generator: str.join makes one of a generator anyway.
    return " ".join("".join([v if k in _TEXTUAL and not (k == HTML and _MARKUP_TAG.match(v)) else
                             " " if k == BREAK else "" for k, v in inline or ()]).split())


def first_link(inline: Inline | None) -> str | None:
    for k, v in inline or ():
        if k == LINK:
            return v or None
    return None


def leading_strong(inline: Inline | None) -> tuple[str, str] | None:
    """If the inline starts with bold (``**lead**rest``), return ``(lead, rest)`` as plain text."""
    # Most inlines do not start with bold: said after one look, before any list is made.
    first = next((p for p in inline or () if not (p[0] == TEXT and p[1] == "")), None)
    if first is None or first[0] != STRONG:
        return None
    pieces = [p for p in inline if not (p[0] == TEXT and p[1] == "")]
    if not pieces or pieces[0][0] != STRONG:
        return None
    depth, lead, i = 0, [], 0
    for i, (k, v) in enumerate(pieces):
        if k == STRONG:
            depth += 1
        elif k == END_STRONG:
            depth -= 1
            if depth == 0:
                break
        elif k == TEXT or k == CODE:
            lead.append(v)
        elif k == BREAK:
            lead.append(" ")
    return single_spaced("".join(lead)), inline_text(tuple(pieces[i + 1:]))


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


def parser_name() -> str:
    """The parser in use: :data:`PARSER`, else ``$LANDSCAPE_MARKDOWN_PARSER``, else pyromark
    (markdown-it-py where pyromark is not installed)."""
    name = PARSER or os.environ.get(PARSER_ENV, "").strip() or "pyromark"
    if name not in PARSERS:
        raise UsageError(f"{PARSER_ENV}={name!r} is not one of {', '.join(PARSERS)}")
    return name if pyromark is not None else "markdown-it"


def parse(text: str) -> tuple[list[Block], bool]:
    """Blocks of a document, and whether its nesting reached markdown-it's limit (then the
    deepest items are read as if they were at the deepest level that fits)."""
    if parser_name() == "pyromark":
        blocks = _from_events(text)
        if blocks is not None:
            return blocks, False
    return _parse_markdown_it(text)


# --- the one block builder both parsers feed --------------------------------------------------


class _Builder:
    """Headings, paragraphs, list items (their first paragraph) and table rows, in order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.list_stack: list[int] = []
        self.item_stack: list[bool] = []  # has this open item got its text yet?
        self.lists = 0
        self.tables = 0
        self.list_labels: dict[int, str] = {}
        self.last_text = ""
        self.row: Block | None = None
        self.in_head = False

    def heading(self, line: int, level: int, inline: Inline) -> None:
        text = inline_text(inline)
        self.blocks.append(Block("heading", line, text, level, inline))
        self.last_text = text

    def paragraph(self, line: int, inline: Inline) -> None:
        text = inline_text(inline)
        if self.item_stack and not self.item_stack[-1]:
            self.item_stack[-1] = True
            lid = self.list_stack[-1]
            self.blocks.append(Block("item", line, text, 0, inline, lid, self.list_labels[lid]))
        else:
            self.blocks.append(Block("para", line, text, 0, inline))
            if not self.item_stack:
                self.last_text = text

    def list_open(self) -> None:
        self.lists += 1
        self.list_stack.append(self.lists)
        self.list_labels[self.lists] = self.last_text

    def list_close(self) -> None:
        self.list_stack.pop()

    def item_open(self) -> None:
        self.item_stack.append(False)

    def item_close(self) -> None:
        self.item_stack.pop()

    def table_open(self) -> None:
        self.tables += 1

    def head(self, inside: bool) -> None:
        self.in_head = inside

    def row_open(self, line: int) -> None:
        self.row = Block("row", line, "", list_id=self.tables, header=self.in_head,
                         label_before=self.last_text)

    def cell(self, inline: Inline) -> None:
        if self.row is not None:
            self.row.cells.append(inline_text(inline))
            self.row.links.append(first_link(inline))
            lead = leading_strong(inline)
            self.row.strong.append(lead is not None and bool(lead[0]) and not lead[1])

    def row_close(self) -> None:
        if self.row is not None:
            self.row.text = " | ".join(self.row.cells)
            self.blocks.append(self.row)
        self.row = None


# --- markdown-it-py: the reference ------------------------------------------------------------

# Past markdown-it's nesting limit the rest of a document is lost: such a document is read
# again with its indentation and quote markers clamped, so its deepest items become siblings.
_CLAMP_SPACES, _CLAMP_QUOTES = 160, 80


def _parse_markdown_it(text: str) -> tuple[list[Block], bool]:
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


_MD_PIECES = {"text": TEXT, "code_inline": CODE, "html_inline": HTML, "softbreak": BREAK,
              "hardbreak": BREAK, "strong_open": STRONG, "strong_close": END_STRONG,
              "link_close": END_LINK}


def _md_inline(tok: Token | None) -> Inline:
    """Pieces of an inline token's children; adjacent text joined, empty text left out (as
    pyromark gives them)."""
    pieces: list[tuple[str, str]] = []
    for c in (tok.children if tok is not None else None) or ():
        if c.type == "link_open":
            pieces.append((LINK, str(c.attrs.get("href") or "")))
            continue
        kind = _MD_PIECES.get(c.type, OTHER)
        if kind == TEXT:
            if not c.content:
                continue
            if pieces and pieces[-1][0] == TEXT:
                pieces[-1] = (TEXT, pieces[-1][1] + c.content)
                continue
        pieces.append((kind, c.content if kind in _TEXTUAL else _break(c.type) if kind == BREAK else ""))
    return tuple(pieces)


def _break(kind: str) -> str:
    """A line break's value: ``"\\n"`` for a hard break (two trailing spaces or ``\\``),
    ``" "`` for a soft one; both read as a space in text."""
    return "\n" if kind in ("hardbreak", "HardBreak") else " "


def to_blocks(tokens: list[Token]) -> list[Block]:
    """Flatten markdown-it's token stream into headings, paragraphs, list items (their first
    paragraph) and table rows."""
    b = _Builder()
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "inline":
            prev = tokens[i - 1].type
            if prev in ("th_open", "td_open"):
                b.cell(_md_inline(tok))
            elif prev == "paragraph_open":
                b.paragraph(tokens[i - 1].map[0] + 1, _md_inline(tok))
        elif kind == "heading_open":
            b.heading(tok.map[0] + 1, int(tok.tag[1]), _md_inline(tokens[i + 1]))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            b.list_open()
        elif kind in ("bullet_list_close", "ordered_list_close"):
            b.list_close()
        elif kind in ("list_item_open", "list_item_close"):
            b.item_open() if kind == "list_item_open" else b.item_close()
        elif kind == "table_open":
            b.table_open()
        elif kind in ("thead_open", "thead_close"):
            b.head(kind == "thead_open")
        elif kind == "tr_open":
            b.row_open((tok.map or [0])[0] + 1)
        elif kind == "tr_close":
            b.row_close()
    return b.blocks


# --- pyromark (pulldown-cmark): the default ---------------------------------------------------

_OPTIONS = 0  # CommonMark only: documents with tables are read by markdown-it
# Deeper than this many lists, items and quotes, markdown-it's own limits start to shape the
# reading (see MAX_NESTING): such a document is read by markdown-it, warning included.
_CONTAINER_LIMIT = 100
# markdown-it stops looking for a link's end past INLINE_NESTING nested '['; pulldown-cmark
# does not. A document with brackets nested that deep is read by markdown-it.
_BRACKET_LIMIT = INLINE_NESTING - 10
_BRACKET = re.compile(r"[\[\]]")
# A line that could be a table's delimiter row (``|---|:--:|``). The two parsers' table
# extensions end a table, and take a line as a header, on different rules.
_DELIMITER_ROW = re.compile(r"^[ \t>]*[|:-][ \t|:-]*$", re.MULTILINE)
_NEWLINE = re.compile(r"\r\n?")
# Whitespace other than space, tab and line ends (no-break space, em space...): markdown-it-py
# strips and matches it as whitespace (Python's str.strip and \s) where CommonMark and
# pulldown-cmark take it as text.
_ODD_SPACE = re.compile("[\x0b\x0c\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
# A '>' after four spaces or more: markdown-it-py may take it as a quote marker.
_DEEP_QUOTE = re.compile(r"^ {4,}>", re.MULTILINE)


def _markdown_it_only(text: str) -> bool:
    """Whether a document has what the two parsers are known to read differently: a table
    (or a line that may make one), a link reference definition (``[x]: /url``; markdown-it
    takes it before the lines that follow, pulldown-cmark after, and refuses unsafe ones),
    a tab (pulldown-cmark 0.13 misses a closing fence or heading sequence after one), or
    brackets nested past markdown-it's limit. Each test is one pass over the text."""
    if "]:" in text or "\t" in text or _ODD_SPACE.search(text) or _DEEP_QUOTE.search(text):
        return True
    if "|" in text and any("-" in m.group() for m in _DELIMITER_ROW.finditer(text)):
        return True
    if text.count("[") >= _BRACKET_LIMIT:
        depth = deepest = 0
        for m in _BRACKET.finditer(text):
            depth = depth + 1 if m.group() == "[" else max(0, depth - 1)
            deepest = max(deepest, depth)
        return deepest >= _BRACKET_LIMIT
    return False


def _from_events(text: str) -> list[Block] | None:
    """Blocks from pyromark's events, or None where markdown-it-py would read the document
    differently (then the caller reads it with markdown-it-py)."""
    if "\r" in text:  # line ends as markdown-it counts them
        text = _NEWLINE.sub("\n", text)
    text = text.replace("\0", "\ufffd")
    if _markdown_it_only(text):
        return None
    data = text.encode("utf-8")
    starts, pos = [0], 0
    for line in data.split(b"\n"):
        pos += len(line) + 1
        starts.append(pos)
    reader = _Events(starts, data)
    try:
        for event, span in pyromark.events_with_range(text, options=_OPTIONS, merge_text=True):
            reader.feed(event, span)
    except _Refused:
        return None
    return reader.b.blocks


class _Refused(Exception):
    """pyromark's reading would differ from markdown-it's: read the document with markdown-it."""


class _Events:
    """pyromark's events -> the builder's calls. Tight list items have no paragraph events:
    their text, up to the next block, is read as the paragraph markdown-it would see."""

    def __init__(self, starts: list[int], data: bytes | None) -> None:
        self.b = _Builder()
        self.starts = starts
        self.data = data  # the document, UTF-8 encoded (spans are offsets into it)
        self.pieces: list[tuple[str, str]] | None = None  # the inline being read
        self.line = self.level = self.end = 0  # the inline's first line, and where it ends
        self.implicit = False  # the inline is a tight item's text (no paragraph events)
        self.raw = 0  # inside a code or HTML block
        self.image = 0  # inside an image's description
        self.containers: list[str] = []  # open lists, items and quotes

    def feed(self, event, span) -> None:
        if event.__class__ is str:
            if event == "Rule":
                self.block()
            elif self.inline(span):
                self.pieces.append((BREAK, _break(event)))
            return
        (key, value), = event.items()
        if key == "Text" or key == "Code" or key == "InlineHtml":
            if key == "Code" and self.data.find(b"\n ", span["start"], span["end"]) >= 0:
                raise _Refused  # pulldown-cmark keeps a lazy line's indent in a code span
            if self.pieces is not None and not self.raw and not self.image:
                self.end = span["end"]  # inline()'s answer for text inside an open inline
                self.pieces.append((_EVENT_PIECES[key], value))
            elif self.inline(span):
                self.pieces.append((_EVENT_PIECES[key], value))
        elif key == "Start":
            name = value if value.__class__ is str else next(iter(value))
            _STARTS.get(name, _Events.other_start)(self, value, span)
        elif key == "End":
            name = value if value.__class__ is str else next(iter(value))
            _ENDS.get(name, _Events.other_end)(self, value, span)

    def check_lines(self) -> None:
        """In a list or quote, markdown-it ends a paragraph at a line indented four spaces or
        more that starts like a block (a fence, a quote, a list item...) where pulldown-cmark
        continues the paragraph: such a paragraph makes markdown-it read."""
        last = bisect_right(self.starts, self.end - 1)
        for line in range(self.line + 1, last + 1):
            head = self.data[self.starts[line - 1]:self.starts[line - 1] + 64]
            body = head.lstrip(b" ")
            if len(head) - len(body) >= 4 and body[:1] in _BLOCK_STARTS:
                raise _Refused

    def line_of(self, span) -> int:
        return bisect_right(self.starts, span["start"])

    def inline(self, span) -> bool:
        """Whether an inline event is read (not in a code block or an image's description);
        a tight item's text starts its paragraph here."""
        if self.raw or self.image:
            return False
        if self.pieces is None:
            if not self.containers or self.containers[-1] != "item":
                return False
            self.pieces, self.implicit, self.line = [], True, self.line_of(span)
        self.end = span["end"]
        return True

    def block(self) -> None:
        """A block starts or ends: a tight item's text read so far is its paragraph."""
        if self.implicit:
            self.implicit = False
            self.b.paragraph(self.line, self.close_inline())

    def open_inline(self, span) -> None:
        self.block()
        self.pieces, self.line = [], self.line_of(span)

    def close_inline(self) -> Inline:
        pieces, self.pieces = tuple(self.pieces or ()), None
        if self.containers and self.end > self.starts[self.line]:
            self.check_lines()
        return pieces

    def check_ends(self, pieces: Inline) -> None:
        """markdown-it strips a paragraph's or heading's source with ``str.strip``, which also
        takes Unicode spaces (no-break space...) that pulldown-cmark keeps as text: where such
        a space is written as itself (not as ``&nbsp;``) at either end, markdown-it reads."""
        kind, value = pieces[0]
        if kind == TEXT and value[:1].isspace() and self.first_span is not None:
            src = self.data[self.first_span["start"]:][:4].decode("utf-8", "ignore")
            if src[:1] == value[:1]:
                raise _Refused
        kind, value = pieces[-1]
        if kind == TEXT and value[-1:].isspace() and self.last_span is not None:
            src = self.data[:self.last_span["end"]][-4:].decode("utf-8", "ignore")
            if src[-1:] == value[-1:]:
                raise _Refused

    def container(self, kind: str) -> None:
        self.block()
        self.containers.append(kind)
        if len(self.containers) > _CONTAINER_LIMIT:
            raise _Refused

    # Start and end handlers, by tag -------------------------------------------------------

    def paragraph_start(self, value, span) -> None:
        self.open_inline(span)

    def paragraph_end(self, value, span) -> None:
        self.b.paragraph(self.line, self.close_inline())

    def heading_start(self, value, span) -> None:
        self.open_inline(span)
        self.level = int(value["Heading"]["level"][1])

    def heading_end(self, value, span) -> None:
        self.b.heading(self.line, self.level, self.close_inline())

    def list_start(self, value, span) -> None:
        self.container("list")
        self.b.list_open()

    def item_start(self, value, span) -> None:
        self.container("item")
        self.b.item_open()

    def quote_start(self, value, span) -> None:
        self.container("quote")

    def container_end(self, value, span) -> None:
        self.block()
        kind = self.containers.pop()
        if kind == "list":
            self.b.list_close()
        elif kind == "item":
            self.b.item_close()

    def raw_start(self, value, span) -> None:
        self.block()
        self.raw += 1

    def raw_end(self, value, span) -> None:
        self.raw -= 1

    def strong_start(self, value, span) -> None:
        if self.inline(span):
            self.pieces.append((STRONG, ""))

    def strong_end(self, value, span) -> None:
        if self.inline(span):
            self.pieces.append((END_STRONG, ""))

    def link_start(self, value, span) -> None:
        href = _href(value["Link"])
        if self.inline(span):
            self.pieces.append((LINK, href))

    def link_end(self, value, span) -> None:
        if self.inline(span):
            self.pieces.append((END_LINK, ""))

    def image_start(self, value, span) -> None:
        _href(value["Image"])
        if self.inline(span):
            self.pieces.append((OTHER, ""))
        self.image += 1

    def image_end(self, value, span) -> None:
        self.image -= 1

    def other_start(self, value, span) -> None:  # emphasis
        if self.inline(span):
            self.pieces.append((OTHER, ""))

    other_end = other_start


# First characters of a line that may start a block other than a paragraph.
_BLOCK_STARTS = frozenset(bytes([c]) for c in b">#`~<-*+_=0123456789")
_EVENT_PIECES = {"Text": TEXT, "Code": CODE, "InlineHtml": HTML}
_STARTS = {
    "Paragraph": _Events.paragraph_start, "Heading": _Events.heading_start,
    "List": _Events.list_start, "Item": _Events.item_start, "BlockQuote": _Events.quote_start,
    "CodeBlock": _Events.raw_start, "HtmlBlock": _Events.raw_start,
    "Strong": _Events.strong_start, "Link": _Events.link_start, "Image": _Events.image_start,
}
_ENDS = {
    "Paragraph": _Events.paragraph_end, "Heading": _Events.heading_end,
    "List": _Events.container_end, "Item": _Events.container_end,
    "BlockQuote": _Events.container_end,
    "CodeBlock": _Events.raw_end, "HtmlBlock": _Events.raw_end,
    "Strong": _Events.strong_end, "Link": _Events.link_end, "Image": _Events.image_end,
}


def _href(link: dict) -> str:
    """A link's href as markdown-it gives it; a target markdown-it refuses ends the reading."""
    dest = link["dest_url"]
    if link["link_type"] == "Email":
        dest = "mailto:" + dest
    href = _MD.normalizeLink(dest)
    if not _MD.validateLink(href):
        raise _Refused
    return href
