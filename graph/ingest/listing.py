"""Lists of replacements: a page whose introduction says what its list replaces.

``A list of Heroku replacements, now that ...`` or ``# Replacing Heroku`` over list items
grouped under use-case headings (``# Fullstack``, ``## Postgres:``): every item that opens with
a product's name, or with a link to a product's site, names a rival of the product replaced.
People write such lists fast: many items are bare links (``https://render.com/pricing``) or
domains (``fly.io``). A link's host names the product (``render.com`` -> ``Render``) unless it
is an article about one (``/blog/...``, a publishing site), which names none.

Every pattern here is anchored, bounded, and applied to one short token or a short text.
"""

from __future__ import annotations

import re

from rivalscape.graph.ingest.blocks import Block
from rivalscape.graph.ingest.forms import Outline
from rivalscape.graph.names import is_generic, is_subject_word, proper_name, rival_name

# "A list of Heroku replacements", "a short list of Firebase alternatives", "Heroku
# substitutes I tried": the capitalised name just before the word.
_REPLACED = re.compile(
    r"\b(?:list|collection|round-?up|set|bunch) of (?:[a-z-]{1,20} ){0,3}?"
    r"(?P<name>[A-Z][\w.&-]{0,40}(?: [A-Z][\w.&-]{0,40}){0,2}) (?:alternatives|replacements|substitutes)\b",
)
# A title that says the page replaces something: "Replacing Heroku", "replacing-heroku",
# "Moving off Heroku", "Leaving Heroku", "Heroku replacements".
_REPLACING_TITLE = re.compile(
    r"^(?:replacing|moving (?:off|away from)|migrating (?:off|away from)|leaving|life after)[ -](?P<name>[\w.-]{1,40})$|"
    r"^(?P<name2>[\w.-]{1,40}) (?:replacements|substitutes)$",
    re.IGNORECASE,
)
# One token that is a link or a domain: "https://www.render.com/pricing", "fly.io", "<https://x.dev>".
_LINK = re.compile(
    r"^<?(?P<scheme>https?://)?(?:www\.)?(?P<host>[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,3}\.[a-z]{2,12})"
    r"(?P<path>/[^\s>]{0,2000})?>?$",
    re.IGNORECASE,
)
# Hosts that publish articles about products, and path words of an article, not a product's page.
_PUBLISHERS = {"medium.com", "dev.to", "towardsdev.com", "hashnode.com", "substack.com", "youtube.com",
               "youtu.be", "reddit.com", "news.ycombinator.com", "stackoverflow.com", "twitter.com", "x.com",
               "linkedin.com", "wikipedia.org", "en.wikipedia.org", "google.com", "hackernoon.com",
               "freecodecamp.org", "github.com", "gitlab.com", "gist.github.com"}
_ARTICLE_PATH = re.compile(r"/(?:blog|posts?|articles?|news|stories|tutorials?|guides?|learn|p)(?:/|$)", re.IGNORECASE)
# What ends the name that opens an item: " - note", ", note", ": note", " (note)", "."
_NAME_END = re.compile(r" [-\u2013\u2014] |[,:;(]| \(|\.(?: |$)")
_MAX_ITEMS = 200


def replaced_subject(o: Outline, title: str | None) -> tuple[str, int] | None:
    """The product a page of replacements replaces: named by the title (``# Replacing Heroku``)
    or by an introduction among the first blocks (``A list of Heroku replacements, ...``)."""
    h1 = next((b for b in o.blocks[:3] if b.kind == "heading" and b.level == 1), None)
    for text, line in ((title, h1.line if h1 else 1),):
        if text and (m := _REPLACING_TITLE.match(" ".join(text.split())[:200])):
            name = (m.group("name") or m.group("name2")).replace("-", " ").strip()
            if proper_name(name.title()) and not is_generic(name):
                return (name if any(c.isupper() for c in name) else name.title()), line
    for b in o.blocks[:4]:
        if b.kind == "para" and (m := _REPLACED.search(b.text[:500])):
            name = m.group("name")
            if proper_name(name) and not is_generic(name) and not is_subject_word(name):
                return name, b.line
    return None


def product_of_link(token: str) -> str | None:
    """``https://render.com/pricing`` -> ``Render``; ``fly.io`` -> ``fly.io`` (a domain written as
    the name); None for an article (``https://dev.to/x/...``, ``https://acme.io/blog/...``).

    Examples
    --------
    >>> [product_of_link(t) for t in ("https://www.koyeb.com/pricing", "fly.io", "https://acme.io/blog/x",
    ...                               "https://medium.com/@a/b", "Vercel")]
    ['Koyeb', 'fly.io', None, None, None]
    """
    m = _LINK.match(token.rstrip(".,;:"))
    if not m:
        return None
    host = m.group("host").lower()
    if host in _PUBLISHERS or host.split(".", 1)[-1] in _PUBLISHERS or _ARTICLE_PATH.search(m.group("path") or ""):
        return None
    if not m.group("scheme"):
        return token.rstrip(".,;:").strip("<>") if not m.group("path") else None
    label = host.split(".")[-2]
    return label[:1].upper() + label[1:] if len(label) > 1 else None


def _opening_name(text: str) -> str | None:
    """The product an item opens with: a link's, a domain, or a name before its note."""
    words = text.split(maxsplit=1)
    if not words:
        return None
    if (found := product_of_link(words[0])) is not None:
        return found
    if _LINK.match(words[0].rstrip(".,;:")):
        return None  # an article: it names no product
    m = _NAME_END.search(text[:120])
    name = (text[:m.start()] if m else text[:120]).strip()
    return name if rival_name(name) and proper_name(name) and not is_generic(name) else None


def replacements(o: Outline, used: set[int], subject: str) -> list[tuple[int, str, str]]:
    """``(block, name, text)`` of each list item (and each paragraph that opens with a link) of a
    page of replacements that names a product other than the one replaced."""
    out: list[tuple[int, str, str]] = []
    seen = {subject.lower()}
    for j, b in enumerate(o.blocks):
        if j in used or not _item_like(b):
            continue
        name = _opening_name(b.text)
        if name and name.lower() not in seen:
            seen.add(name.lower())
            out.append((j, name, b.text))
            if len(out) >= _MAX_ITEMS:
                break
    return out


def _item_like(b: Block) -> bool:
    return b.kind == "item" or (b.kind == "para" and b.text.lower().startswith(("http://", "https://", "<http")))
