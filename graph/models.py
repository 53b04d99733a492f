"""The validated landscape: the one interchange format between reading and everything else.

Readers in :mod:`graph.ingest` produce raw, format-specific shapes; :mod:`graph.resolve`
turns them into a :class:`Landscape`; :mod:`graph.build` turns that into a NetworkX graph.
Models are strict (unknown fields are errors) and frozen.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rivalscape.graph.errors import path_line

Kind = Literal["company", "competitor", "alternative", "theme"]
Evidence = Literal["vs-item", "section", "heading", "lead", "table", "data", "prose"]
EVIDENCE: tuple[str, ...] = Evidence.__args__
KINDS: tuple[str, ...] = Kind.__args__
"""The one list of entity kinds, in the order outputs list them."""
RIVAL_KINDS: tuple[str, ...] = tuple(k for k in KINDS if k != "theme")
"""The kinds that can be rivals: every kind but a theme."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Source(_Strict):
    """Where something was read: a path relative to its data folder, a 1-based line, a heading."""

    path: str
    line: int | None = None
    section: str | None = None

    def __str__(self) -> str:
        return path_line(self.path, self.line)


class Fact(_Strict):
    """A ``Key: value`` snapshot fact of a company, as text."""

    key: str = Field(description="normalised key, e.g. 'founded', 'funding'")
    label: str = Field(description="the key as the document wrote it, e.g. 'Founded'")
    text: str
    source: Source


class Entity(_Strict):
    id: str
    label: str
    kind: Kind
    aliases: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    # Values parsed from facts where that is obvious; None where not given or not parseable.
    founded: int | None = None
    funding_usd: float | None = None
    funding_round: str | None = None
    valuation_usd: float | None = None
    sources: tuple[Source, ...] = ()


class Claim(_Strict):
    """One "vs." statement: ``by`` says something about itself ``against`` another entity."""

    by: str
    against: str
    text: str
    source: Source
    evidence: Evidence = Field("vs-item", description="how it was read: " + ", ".join(EVIDENCE))


class Rivalry(_Strict):
    """An unordered pair of entities with every claim made about the pair (in either direction)."""

    a: str
    b: str
    claims: tuple[Claim, ...]


class Membership(_Strict):
    theme: str
    member: str
    description: str
    source: Source


class Landscape(_Strict):
    title: str
    documents: tuple[str, ...]
    entities: tuple[Entity, ...]
    rivalries: tuple[Rivalry, ...]
    memberships: tuple[Membership, ...]
