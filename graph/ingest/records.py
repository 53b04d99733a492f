"""Reader-neutral records: what every reader emits and :func:`graph.resolve.resolve` reads.

Plain shapes, no markdown, no CSV: a reader for any format fills these, and resolving names
across all documents happens in one place. Names stay as the document wrote them; lines are
1-based (a table reader puts the row number in ``line``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

@dataclass
class FactRecord:
    """A ``Key: value`` fact about an entity, as text."""

    label: str
    text: str
    line: int


@dataclass
class RivalryRecord:
    """One stated rivalry: ``by`` says ``claim`` against the entity (or entities) in ``target``.

    ``by`` is a name, or None for the entity whose record holds this one (a profile's own
    ``vs.`` items) or, at document level, the document's subject. ``target`` may name several
    rivals (``AWS/GCP``, ``A, B and C``) unless ``split`` is False.
    """

    target: str
    claim: str
    line: int
    evidence: str = "vs-item"  # how it was read: one of graph.models.EVIDENCE
    by: str | None = None
    split: bool = True
    vouch: bool = False  # resolve keeps it only where the rival's name is known from elsewhere
    named: bool = False  # the text of a link ("[Git submodules](url)"): a name, never a generic option
    stated: bool = False  # prose that says so in so many words ("Acme's main rival is Globex"): kept
    #                       between two proper names, even ones no structure knows


@dataclass
class EntityRecord:
    """An entity a document describes: a company profile, or a rival with a section of its own.

    ``kind`` is None when resolve decides it (``company`` for a profile); a data file may set it.
    """

    name: str
    aliases: list[str]
    heading: str  # the section it was read from, for provenance
    line: int
    facts: list[FactRecord] = field(default_factory=list)
    rivals: list[RivalryRecord] = field(default_factory=list)
    kind: str | None = None


@dataclass
class MemberRecord:
    lead: str  # names the member (one or several entities)
    description: str
    line: int
    exact: bool = False  # a table or data file names exactly one entity: no splitting


@dataclass
class ThemeRecord:
    name: str
    line: int
    items: list[MemberRecord] = field(default_factory=list)


OVERRIDES = ("same_as", "not_same", "not_a_rival", "kind")


@dataclass
class OverrideRecord:
    """A correction to name resolution, written by a person in a data file.

    * ``same_as``: ``names`` are one entity, labelled with the first;
    * ``not_same``: ``names`` never merge by the matching rules (suffixes, acronyms);
    * ``not_a_rival``: drop every claim between ``names[0]`` and ``names[1]``;
    * ``kind``: ``names[0]`` gets ``kind``, whatever the documents made it.

    Overrides apply to every document read together, not only to their own file.
    """

    action: str  # one of OVERRIDES
    names: list[str]
    line: int
    kind: str | None = None


@dataclass
class Unread:
    """A line that looks competitive (``vs``, ``competitor``, ``alternative``...) that no rule took."""

    line: int
    text: str


@dataclass
class Problem:
    """Something a reader could not read as written (a warning with its line)."""

    line: int | None
    message: str


@dataclass
class DocumentRecord:
    """Everything one reader took from one input file."""

    path: str  # relative to the data folder: provenance
    display: str  # as a person finds it from the working directory: messages
    title: str | None = None
    title_line: int | None = None  # the H1's line, or the front matter's ``title:`` line
    subject: str | None = None  # the product or company the document is about
    subject_how: str | None = None  # "front matter", "option", "title", "headings"
    subject_line: int | None = None
    subject_aliases: list[str] = field(default_factory=list)
    subject_entity: str | None = None  # set by resolve: the entity id, when a rivalry needed it
    date: str | None = None  # front matter ``date``, ISO text
    companies: list[EntityRecord] = field(default_factory=list)  # profiles
    rivals: list[EntityRecord] = field(default_factory=list)  # rivals with a section of their own
    rivalries: list[RivalryRecord] = field(default_factory=list)  # the subject's, or with ``by``
    themes: list[ThemeRecord] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)  # every inline text, for label casing
    overrides: list[OverrideRecord] = field(default_factory=list)  # from data files only
