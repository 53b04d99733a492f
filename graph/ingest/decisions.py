"""Decision records that weigh named options outside a ``## Considered Options`` list.

Architecture decision records are written in many shapes besides the MADR template. Two read
here, in a record (a ``Decision`` heading, a ``Status:`` lead) that names no product of its own:

* options as name sub-headings of an ``## Alternatives`` (or ``## Options evaluated``) part,
  with the choice said in the Decision part in prose (``We decided to choose Power BI as ...``);
* options as the rows of a comparison table (``Technology | Throughput | Cost``), whose first
  cells are names.

The options are rivals of the one the record compares them with: the name a label over a table
sets against the rest (``Compare Kafka vs Alternatives``), else the option chosen (the first
option written in bold or after a choice verb in the Decision part); else they are rivals of
each other. Every pattern here is anchored or runs on one short text.
"""

from __future__ import annotations

import re

from rivalscape.graph.ingest.blocks import END_STRONG, STRONG, TEXT, CODE, Block
from rivalscape.graph.ingest.forms import Outline, heading_words, split_heading, strip_numbering
from rivalscape.graph.names import ABSTRACT_ENDING, is_generic, key, proper_name, rival_name, split_parenthetical, strip_marks

# A part holding options: "## Alternatives", "## Options evaluated", "## Candidates considered".
_ALTERNATIVES_PART = re.compile(
    r"^(?:the )?(?:alternatives|options|candidates|solutions|tools)(?: (?:evaluated|considered|compared|reviewed|"
    r"assessed|explored))?$",
    re.IGNORECASE,
)
_DECISION_PART = re.compile(r"^(?:the )?(?:decision|decision outcome|outcome|resolution|choice)$", re.IGNORECASE)
# Words that say the choice: "We decided to choose X", "we will use X", "Select X", "Chosen option: X".
_CHOICE = re.compile(
    r"(?:\bdecided (?:to|on)(?: (?:choose|use|go with|adopt|select|pick|move to))?|"
    r"\b(?:we|i|the team) (?:will |shall |are going to |have |would )?(?:chose|choose|use|selected|select|"
    r"picked|pick|went with|go with|adopted|adopt|recommend|settled on)|"
    r"\b(?:chosen|selected|recommended|preferred) (?:option|solution|tool|technology|approach)(?: is)?:?|"
    r"^(?:decision: )?(?:select|use|adopt|choose|pick|go with))\s+(?:the |an? )?",
    re.IGNORECASE,
)
# A label that sets one name against the others: "Kafka vs Alternatives", "Postgres versus the rest".
_AGAINST_REST = re.compile(r"^(?:compare |comparing )?(?P<name>.{1,60}?) (?:vs\.?|versus|compared (?:to|with)) "
                           r"(?:the )?(?:alternatives|others|the rest|rest|competitors|other options)$",
                           re.IGNORECASE)
_MAX_OPTIONS = 12
# The first header of a table of criteria, not of options.
_CRITERIA_HEADER = re.compile(
    r"^(?:(?:quality |evaluation |decision |key )?(?:criteri(?:on|a)|requirements?|metrics?|aspects?|dimensions?|"
    r"factors?|attributes?|concerns?|features?|capabilit(?:y|ies)|categor(?:y|ies)|areas?|risks?|drivers?|"
    r"qualit(?:y|ies)|qas?|goals?|needs?|properties|property|characteristics?|considerations?|parameters?|"
    r"weights?|scores?)|#|id)$",
    re.IGNORECASE,
)


def option_headings(o: Outline, used: set[int]) -> list[tuple[int, list[tuple[str, int]]]]:
    """``[(part, [(name, line), ...])]``: the name sub-headings of each ``## Alternatives`` part
    (two at least), at the level just below the part's first sub-headings'."""
    out = []
    for i in o.headings:
        if i in used or not _ALTERNATIVES_PART.match(heading_words(o.blocks[i].text)):
            continue
        subs = o.headings_within(i, o.scope_end(i))
        top = min((o.blocks[j].level for j in subs), default=0)
        named = [(n, o.blocks[j].line) for j in subs if o.blocks[j].level == top
                 and (n := split_heading(heading_words(o.blocks[j].text))[0])
                 and proper_name(n) and not is_generic(n)]
        if len(named) >= 2 and 3 * len(named) >= 2 * len([j for j in subs if o.blocks[j].level == top]):
            out.append((i, named[:_MAX_OPTIONS]))
    return out


def option_rows(header: Block, body: list[Block]) -> list[tuple[str, int, str]]:
    """``(name, line, claim)`` of a table's rows whose first cells are names, when most are;
    none for a table of criteria (``Criterion | Weight``: ``Latency``, ``Durability``)."""
    if not header.cells or _CRITERIA_HEADER.match(strip_marks(header.cells[0])):
        return []
    named = []
    for row in body:
        cell = strip_marks(row.cells[0]) if row.cells else ""
        name = split_parenthetical(cell)[0]
        if name and rival_name(name) and proper_name(name) and not is_generic(name) \
                and not (" " not in name and ABSTRACT_ENDING.search(name.lower())):
            claim = "; ".join(f"{h}: {c}" for h, c in zip(header.cells[1:], row.cells[1:]) if c)
            named.append((name, row.line, claim))
    return named[:_MAX_OPTIONS] if len(named) >= 2 and 3 * len(named) >= 2 * len(body) else []


def _matching(text: str, names: list[str]) -> str | None:
    """The option ``text`` opens with: ``'Amazon MSK (Managed ...) as the queue'`` -> ``'Amazon MSK'``."""
    low = " ".join(strip_marks(text).split()).lower()
    for n in sorted(names, key=len, reverse=True):
        if low.startswith(n.lower()) and (len(low) == len(n) or not low[len(n)].isalnum()):
            return n
    return None


def _bold_runs(b: Block) -> list[str]:
    out, run = [], None
    for kind, value in b.inline or ():
        if kind == STRONG:
            run = []
        elif kind == END_STRONG and run is not None:
            out.append(" ".join("".join(run).split()))
            run = None
        elif run is not None and kind in (TEXT, CODE):
            run.append(value)
    return out


def chosen_option(o: Outline, names: list[str]) -> str | None:
    """The option the Decision part chooses: the first option it writes in bold, or after a
    choice verb (``We decided to choose Power BI as ...``, ``**Decision:** Select **Amazon MSK**``)."""
    parts = [i for i in o.headings if _DECISION_PART.match(heading_words(o.blocks[i].text))]
    blocks = [o.blocks[k] for i in parts for k in range(i + 1, o.scope_end(i))]
    blocks += [b for b in o.blocks if b.kind == "para" and b.text.lower().startswith("decision:")]
    for b in [b for b in blocks if b.kind in ("para", "item")][:12]:
        texts = _bold_runs(b) + [b.text[m.end():m.end() + 120] for m in _CHOICE.finditer(b.text[:2000])]
        for text in texts:
            if found := _matching(text, names):
                return found
    return None


def anchor(label: str, names: list[str]) -> str | None:
    """The option a label sets against the rest: ``'Compare Kafka vs Alternatives'`` over rows
    ``Apache Kafka``, ``AWS Kinesis``, ... -> ``'Apache Kafka'`` (a row that has the name's words)."""
    m = _AGAINST_REST.match(" ".join(strip_numbering(label.replace("*", "")).split()))
    if not m:
        return None
    wanted = key(m.group("name"))
    hits = [n for n in names if key(n) == wanted or wanted in {key(w) for w in n.split()}]
    return hits[0] if len(hits) == 1 else None


def read_alternative_parts(reader) -> None:
    """The options of each ``## Alternatives`` part of a decision record, with ``reader`` (a
    ``competition._Reader``): rivals of the chosen one, else of each other."""
    for i, named in option_headings(reader.o, reader.used):
        chosen = chosen_option(reader.o, [n for n, _ in named])
        end = reader.o.scope_end(i)
        reader.used.add(i)
        reader.used.update(j for j in reader.o.headings_within(i, end))
        reader.options([(n, line, "") for n, line in named], chosen, "section")


def decision_rows(reader, header: Block, body: list[Block]) -> bool:
    """A table of a decision record whose rows are named options (``Technology | Latency``):
    rivals of the one its label sets against the rest, else of the chosen one, else mutual."""
    named = option_rows(header, body)
    if not named:
        return False
    names = [n for n, _, _ in named]
    owner = anchor(header.label_before, names) or chosen_option(reader.o, names)
    reader.options(named, owner, "table")
    return True
