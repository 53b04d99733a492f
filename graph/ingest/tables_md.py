"""Rivalries in markdown tables (GFM): a relation column, a comparison matrix, a competitor list.

* a column whose header says the relation (``Alternative to``, ``Competitors``, ``vs``): each
  row's entity against every name in that cell (``[Name](url)`` is a name, its URL a fact);
  ``Instead of | Use``: the second column's name replaces the first's;
* a comparison matrix whose header lists products (``Feature | Us | HubSpot | Pipedrive``): the
  subject (or, in a document with a subject of its own, the first product column) against each
  other product column; a market's matrix with no own product makes its products rivals of
  each other;
* a table of kinds side by side (``Task | Proprietary | Free and open-source``): in each row
  the names of one kind against the names of the others (``A <br> B``: two names);
* under a competition heading, a table whose first column names rivals
  (``Competitor | Strength | Weakness``): each row a rival, the other cells its claim.

Every rivalry keeps the line of its row (of the header row for a matrix).
"""

from __future__ import annotations

import re
from collections import Counter

from rivalscape.graph.ingest.decisions import decision_rows
from rivalscape.graph.ingest.records import EntityRecord, FactRecord
from rivalscape.graph.names import (
    is_generic, is_subject_word, key, proper_name, rival_name, rival_names, split_parenthetical, strip_marks, targets_of,
)

_RELATION = re.compile(
    r"^(?:open[- ]source |oss |main |key |direct )?(?:competitors?|alternatives?(?: to| for)?|"
    r"alternative (?:to|for)|rivals?|vs\.?|versus|competes? with|competing (?:with|against)|"
    r"replaces|replacement for|compared (?:to|with)|instead of|replace)$",
    re.IGNORECASE,
)
# A first column that lists rivals wherever the table stands.
_RIVAL_HEADER = re.compile(r"^(?:main |key |direct )?(?:competitors?|rivals?|alternatives?|competing products?)$",
                           re.IGNORECASE)
_NAME_HEADERS = {
    "name", "project", "product", "tool", "company", "software", "app", "application", "service",
    "alternative", "solution", "library", "framework", "platform", "vendor", "competitor",
    "player", "rival", "provider", "startup", "brand", "option", "database", "engine", "oem",
    "manufacturer", "firm", "peer", "organization", "tool name", "project name", "product name",
    "company name",
}
# Kinds of package that head a column of names in a competition section ("Plugin | Rules").
_PACKAGE_HEADERS = {"plugin", "plugins", "package", "packages", "extension", "extensions", "module", "modules",
                    "linter", "linters", "add-on", "addon", "sdk", "crate", "gem", "library name", "package name"}
_FEATURE_HEADERS = {
    "", "feature", "features", "capability", "capabilities", "criteria", "criterion", "aspect",
    "dimension", "comparison", "metric", "attribute", "area", "function", "functionality",
    "requirement", "requirements", "category", "item", "factor", "characteristic", "spec",
    "specification", "property", "dimension", "question", "topic", "what", "parameter", "parameters",
    "measure", "measures", "kpi", "kpis", "criteria", "trait", "traits",
}
# A table cell that says whether the subject competes in a row, or does not.
_COMPETES = re.compile(r"^(?:direct(?:ly)? |head-to-head |we )?(?:compete|competes|competing|competitors?|"
                       r"competition|rivals?|overlap|threat)\b", re.IGNORECASE)
_DOES_NOT = re.compile(r"^(?:we )?(?:integrate|integrates|integration|complement\w*|partner\w*|adjacent|"
                       r"no overlap|not a competitor|coexist\w*|supplier|channel|ignore)\b", re.IGNORECASE)
# The column that names what to use in a table whose first column says what it replaces
# ("Instead of | Use", "Replace | With").
_USE_HEADERS = {"use", "try", "use this", "try this", "switch to", "with", "use instead", "replacement",
                "alternative", "free alternative", "recommended"}
# The first column of a decision table, and the label of one named by its rows' kind.
_OPTION_HEADERS = {"option", "options", "candidate", "candidates", "choice", "choices", "contender", "contenders"}
_DECISION_LABEL = re.compile(r"\b(?:decision|evaluation|scor(?:e|es|ing|ecard)|shortlist|options|selection)\b",
                             re.IGNORECASE)
_COMPARISON_LABEL = re.compile(r"\b(?:compar\w*|vs\.?|versus|competit\w*|alternatives?|matrix)\b", re.IGNORECASE)


def _header_word(cell: str) -> str:
    return " ".join(cell.lower().strip(" *:_").split())


def read_table(reader, idx: list[int], owner: str | None, in_section: bool) -> bool:
    """Read one table (its row blocks ``idx``) with ``reader`` (a ``competition._Reader``)."""
    blocks = [reader.blocks[j] for j in idx]
    if not blocks or not blocks[0].header or len(blocks) < 2:
        return False
    header, body = blocks[0], blocks[1:]
    hdr = [_header_word(c) for c in header.cells]
    rel = next((k for k, h in enumerate(hdr) if _RELATION.match(h)), None)
    if rel is not None and rel > 0 and _relation_column(reader, header, body, hdr, rel):
        return True
    if rel == 0 and len(hdr) > 1 and hdr[1] in _USE_HEADERS and _named_cells(body, 1):  # "Instead of | Use"
        return _relation_column(reader, header, body, hdr, rel, col=1)
    if _sides(reader, header, body, hdr, owner):
        return True
    if _verdicts(reader, header, body, hdr, owner):
        return True
    if _matrix(reader, header, body, hdr, owner, in_section):
        return True
    if _options(reader, header, body, hdr, owner):
        return True
    if reader.decision and owner is None and decision_rows(reader, header, body):
        return True
    if in_section or _RIVAL_HEADER.match(hdr[0]):
        return _rival_rows(reader, header, body, hdr, owner, reader.heading_above(idx[0]))
    return False


def _named_cells(body, k: int) -> bool:
    """Whether most cells of column ``k`` are names (capitalised, or a link's text), not the
    words or commands of a style guide ("utilize | use", "`git checkout` | `git switch`")."""
    cells = [(b.cells[k], b.links[k] if k < len(b.links) else None) for b in body if k < len(b.cells) and b.cells[k]]
    good = sum(1 for c, link in cells if proper_name(split_parenthetical(c)[0]) and (c[:1].isupper() or link))
    return len(cells) >= 2 and 5 * good >= 3 * len(cells)


def _name_column(body, hdr: list[str], skip: int, written: set[str]) -> int | None:
    """The column that names each row's entity: one headed like ``Name`` or ``Product``, else
    one whose cells are mostly names that the document also writes outside its tables (rows
    keyed by ``Windows 11``, ``macOS`` are situations, not entities)."""
    for k, h in enumerate(hdr):
        if k != skip and h in _NAME_HEADERS:
            return k
    for k in range(len(hdr)):
        cells = [b.cells[k] for b in body if k < len(b.cells) and b.cells[k]]
        if k != skip and cells and sum(rival_name(c) for c in cells) >= 0.6 * len(cells) \
                and len(set(cells)) == len(cells) \
                and 2 * sum(_written(split_parenthetical(c)[0], written) for c in cells) >= len(cells):
            return k
    return None


def _written(name: str, written: set[str]) -> bool:
    words = [w.strip(".,;:!?()[]\"'`*").lower() for w in name.split()]
    return bool(words) and all(w in written for w in words if w)


def words_outside_tables(blocks) -> Counter:
    """Every word the document writes outside its tables, in lower case, with how often."""
    return Counter(w.strip(".,;:!?()[]\"'`*").lower() for b in blocks if b.kind != "row" for w in b.text.split())


def _relation_column(reader, header, body, hdr: list[str], rel: int, col: int | None = None) -> bool:

    col = _name_column(body, hdr, rel, reader.outside_tables()) if col is None else col
    if col is None:
        return False
    desc = next((k for k, h in enumerate(hdr) if h in ("description", "summary", "what it does", "notes")), None)
    found = False
    for row in body:
        if max(col, rel) >= len(row.cells):
            continue
        name, aliases = split_parenthetical(row.cells[col])
        if not rival_name(name):
            continue
        facts = [FactRecord("Website", row.links[col], row.line)] if row.links[col] else []
        reader.doc.rivals.append(EntityRecord(name, aliases, header.text, row.line, facts))
        claim = row.cells[desc] if desc is not None and desc < len(row.cells) else ""
        for t in targets_of(row.cells[rel]):
            reader.add(t, claim, row.line, "table", name)
            found = True
    return found


def _matrix(reader, header, body, hdr: list[str], owner: str | None, in_section: bool) -> bool:

    cols = [k for k in range(1, len(header.cells))
            if is_subject_word(header.cells[k]) or rival_name(header.cells[k])]
    if len(cols) < 2 or len(cols) < len(header.cells) - 2:
        return False
    subject = reader.doc.subject
    mine = [k for k in cols if is_subject_word(header.cells[k]) or (
        subject and key(header.cells[k]) == key(subject))]
    if not _feature_header(hdr[0]) and not mine:
        return False
    labelled = in_section or bool(_COMPARISON_LABEL.search(header.label_before))
    if not mine and not labelled:
        return False
    if not mine and subject is None and _no_own_column(reader, header, cols):
        return _market_matrix(reader, header, body, cols)
    base = mine[0] if mine else cols[0]
    by = None if (mine and is_subject_word(header.cells[base])) else header.cells[base]
    for k in cols:
        if k == base:
            continue
        claim = "; ".join(f"{r.cells[0]}: {r.cells[base]} vs {r.cells[k]}"
                          for r in body[:3] if k < len(r.cells) and r.cells[0])
        reader.add(header.cells[k], claim, header.line, "table", by)
    return True


def _feature_header(h: str) -> bool:
    """The first header of a matrix: ``Feature``, or a kind of one (``Feature category``,
    ``Capability area``, ``Evaluation criteria``)."""
    words = h.split()
    return h in _FEATURE_HEADERS or (len(words) <= 3 and words[-1] in _FEATURE_HEADERS)


def _no_own_column(reader, header, cols: list[int]) -> bool:
    """Whether a matrix compares a market rather than the writer's own product (its first
    column, as on an alternatives page that writes `bat` three times and no rival once): the
    text names two of its products or more, and its first no more than twice as often as any
    other."""
    counts = reader.outside_tables()
    named = [counts[header.cells[k].split()[0].strip(".,;:!?()[]\"'`*").lower()] for k in cols]
    return sum(1 for n in named if n) >= 2 and named[0] < 2 * max(named[1:])


def _market_matrix(reader, header, body, cols: list[int]) -> bool:
    """A matrix of products with none of them the writer's own (a market's feature matrix):
    the products it compares are rivals of each other, each pair once."""
    names = [header.cells[k] for k in cols][:12]
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            claim = "; ".join(f"{r.cells[0]}: {r.cells[cols[a]]} vs {r.cells[cols[b]]}"
                              for r in body[:3] if cols[b] < len(r.cells) and r.cells[0])
            reader.add(names[b], claim, header.line, "table", names[a])
    return True


# A column header that names a kind of product rather than products: "Proprietary", "Free and
# open-source", "Commercial tools", "Self-hosted alternative", "SaaS".
_SIDE_WORDS = {"proprietary", "commercial", "paid", "closed", "open", "free", "libre", "foss", "floss", "oss",
               "self-hosted", "hosted", "cloud", "saas", "on-prem", "on-premise", "on-premises", "managed",
               "closed-source", "open-source", "non-free"}
_SIDE_FILLERS = {"and", "or", "&", "/", "source", "software", "tool", "tools", "option", "options", "alternative",
                 "alternatives", "product", "products", "solution", "solutions", "app", "apps", "equivalent",
                 "equivalents", "version", "versions", "offering", "offerings", "programs", "program"}
# Values of a feature matrix, never names: a matrix whose headers are kinds ("Open source | Cloud").
_VALUES = {"yes", "no", "partial", "partly", "limited", "included", "full", "none", "n/a", "na", "native", "basic",
           "unlimited", "built-in", "manual", "optional", "available", "planned", "supported", "unsupported",
           "free", "paid", "beta", "soon", "coming soon", "add-on", "plugin", "varies", "custom", "unknown"}


def _side_header(h: str) -> bool:
    words = re.findall(r"[\w-]+|&|/", h.lower())
    return bool(words) and any(w in _SIDE_WORDS for w in words) \
        and all(w in _SIDE_WORDS or w in _SIDE_FILLERS for w in words)


# A row that is a feature or a plan's limit, not a kind of tool ("Feature | Free | Paid").
_FEATURE_ROWS = {"feature", "features", "capability", "capabilities", "plan", "plans", "tier", "tiers", "limit",
                 "limits", "pricing", "price", "quota", "quotas", "spec", "specs", "specification"}
_AMOUNT = re.compile(r"^[$\u20ac\u00a3]|^\d[\d.,]*\s")  # "$10", "5 GB", "100 users"


def _side_names(cell: str) -> list[str]:
    names = targets_of(cell, generic=False)
    return [n for n in names if strip_marks(n).lower() not in _VALUES and not is_subject_word(n)
            and not _AMOUNT.match(n)][:12]


def _sides(reader, header, body, hdr: list[str], owner: str | None) -> bool:
    """A table of kinds side by side (``Category | Proprietary | Free and open-source``), names
    in each cell (``LibreOffice <br> OpenOffice``): in each row the names of one kind are rivals
    of the names of the others. A parenthetical that is a name of the table's own
    (``Matplotlib (Python)``, ``Python`` in another row) says what it runs on, no other name."""
    sides = [k for k, h in enumerate(hdr) if _side_header(h)]
    if len(sides) < 2 or hdr[0] in _FEATURE_ROWS:
        return False
    rows = [[_side_names(r.cells[k]) if k < len(r.cells) else [] for k in sides] for r in body]
    filled = [cells for cells in rows if sum(bool(c) for c in cells) >= 2]
    every = [n for cells in filled for names in cells for n in names]
    if len(filled) < 2 or len(set(every)) < 0.6 * len(every):
        return False  # values that come back row after row ("Yes", "Limited") are no names
    own = {split_parenthetical(n)[0].lower() for n in every}
    for row, cells in zip(body, rows):
        cells = [[n if not any(a.lower() in own for a in split_parenthetical(n)[1]) else split_parenthetical(n)[0]
                  for n in names] for names in cells]
        claim = f"{row.cells[0]}" if sides[0] > 0 and row.cells else ""
        for a in range(len(cells)):
            for b in range(a + 1, len(cells)):
                for x in cells[a]:
                    for y in cells[b]:
                        reader.add(y, claim, row.line, "table", owner or x, split=False)
    return True


def _verdict_column(body, hdr: list[str]) -> int | None:
    """The column that says, row by row, whether the subject competes (``⚔️ Compete``) or not
    (``✅ Integrate with``, ``Complementary``)."""
    for v in range(len(hdr)):
        cells = [strip_marks(r.cells[v]) for r in body if v < len(r.cells) and r.cells[v]]
        said = [c for c in cells if _COMPETES.match(c) or _DOES_NOT.match(c)]
        if len(cells) >= 2 and 2 * len(said) >= len(cells) and any(_COMPETES.match(c) for c in cells):
            return v
    return None


def _verdicts(reader, header, body, hdr: list[str], owner: str | None) -> bool:
    """A positioning table (``Category | Leaders | Our position``): the names of each row whose
    verdict says the subject competes are its rivals; rows it integrates with or complements
    name none."""
    v = _verdict_column(body, hdr)
    if v is None:
        return False
    names_of: dict[int, list[list[str]]] = {}
    for k in range(len(hdr)):
        if k != v:
            rows = [targets_of(r.cells[k], generic=False) if k < len(r.cells) else [] for r in body]
            names_of[k] = [[n for n in t if proper_name(split_parenthetical(n)[0])] for t in rows]
    if not names_of:
        return False
    col = max(sorted(names_of), key=lambda k: sum(len(t) for t in names_of[k]))
    for row, names in zip(body, names_of[col]):
        if v < len(row.cells) and _COMPETES.match(strip_marks(row.cells[v])):
            for n in names:
                reader.add(n, row.cells[v], row.line, "table", owner, split=False)
    return True


def _options(reader, header, body, hdr: list[str], owner: str | None) -> bool:
    """A decision table (``Option | Cost | Fit | Total``): its rows are options weighed against
    each other, read as :meth:`competition._Reader.options` reads an option list."""
    if hdr[0] not in _OPTION_HEADERS and not (hdr[0] in _NAME_HEADERS and _DECISION_LABEL.search(header.label_before)):
        return False
    named = []
    for row in body:
        name = split_parenthetical(row.cells[0])[0] if row.cells else ""
        if rival_name(name) and not is_generic(name) and not name[:1].islower():
            named.append((name, row.line, "; ".join(f"{h}: {c}" for h, c in zip(header.cells[1:], row.cells[1:]) if c)))
    if len(named) < 2:
        return False
    reader.options(named, owner, "table")
    return True


# A label over a side-by-side comparison of products (not a list of one's competitors).
_SIDE_BY_SIDE = re.compile(r"\b(?:compar\w*|matrix|vs\.?|versus|side[- ]by[- ]side|head[- ]to[- ]head)\b",
                           re.IGNORECASE)


def _rival_rows(reader, header, body, hdr: list[str], owner: str | None, heading: str = "") -> bool:

    if hdr[0] not in _NAME_HEADERS and hdr[0] not in _PACKAGE_HEADERS and not _RIVAL_HEADER.match(hdr[0]):
        return False
    if owner is None and reader.doc.subject is None and (
            _SIDE_BY_SIDE.search(header.label_before) or _SIDE_BY_SIDE.search(heading)) \
            and not reader.with_others(heading):  # "Comparison with other projects": rivals of one unnamed
        return _compared_rows(reader, header, body)
    found = False
    subject = (reader.doc.subject or "").lower()
    for row in body:
        names = rival_names(split_parenthetical(row.cells[0])[0]) if row.cells else []
        if owner is None and [n.lower() for n in names] == [subject]:
            continue  # the subject's own row of its alternatives table
        claim = "; ".join(f"{h}: {cell}" for h, cell in zip(header.cells[1:], row.cells[1:]) if cell)
        linked = len(names) == 1 and bool(row.links and row.links[0])  # "[Git subtree](url)": a name
        for name in names:
            reader.add(row.cells[0] if len(names) == 1 else name, claim, row.line, "table", owner, split=False,
                       named=linked)
            found = True
    return found


def _compared_rows(reader, header, body) -> bool:
    """A comparison whose rows are products (``Product | SSO | Price``) in a document with no
    product of its own: the products are rivals of each other, as a market's matrix's columns."""
    named = []
    for row in body:
        name = split_parenthetical(row.cells[0])[0] if row.cells else ""
        if rival_name(name) and not is_generic(name) and not is_subject_word(name):
            named.append((name, row.line, "; ".join(f"{h}: {c}" for h, c in zip(header.cells[1:], row.cells[1:]) if c)))
    if len(named) < 2:
        return False
    reader.options(named, None, "table")
    return True
