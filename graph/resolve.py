"""Turning names into entities, across every document read together.

Rules (each has a test in ``tests/test_resolve.py``):

* matching is case-insensitive and ignores spacing and hyphens (``Self managed`` = ``Self-managed``,
  ``HuggingFace`` = ``Hugging Face``) and ``and``/``&``;
* a parenthetical in a company heading is an alias (``ANYSPHERE (CURSOR)``);
* common suffixes are dropped for matching (``Modal`` = ``Modal Labs``, ``Together`` =
  ``Together AI``, ``Neptune.ai`` = ``Neptune``), never the whole name;
* an all-caps mention matches the acronym of a multi-word name, ``&`` kept
  (``W&B`` = ``Weights & Biases``, ``AWS`` = ``Amazon Web Services``), and only then;
* nothing else merges: ``AWS`` is not ``AWS Lambda``, ``Flow AI`` is not ``Metaflow``.

Rival lists such as ``AWS/GCP`` or ``Airflow, Dagster and Prefect`` give one rival each,
unless the whole text is itself a known name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.errors import Diagnostic
from graph.ingest.records import DocumentRecord, OverrideRecord
from graph.names import (
    acronym, is_acronym_like, is_generic, key, looks_like_name, mixed_case_spellings, norm,
    readable_label, slug, split_parenthetical, split_targets,
)
from graph.models import Claim, Entity, Fact, Landscape, Membership, Rivalry, Source


@dataclass
class _Ent:
    id: str
    label: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    facts: dict[str, Fact] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)


_EXACT = "\x00"  # prefixes the key of a name kept apart (no key() can start with it)


class _Registry:
    """Entities by matching key and by acronym; lookups never create."""

    def __init__(self) -> None:
        self.ents: list[_Ent] = []
        self.by_key: dict[str, _Ent] = {}
        self.by_acronym: dict[str, _Ent] = {}
        self.ids: set[str] = set()
        # Set by data-file overrides (see apply_name_overrides): names kept apart are keyed
        # exactly; names said to be the same share one entity, labelled with the first.
        self.apart: set[str] = set()
        self.same: dict[str, list[str]] = {}

    def key(self, name: str) -> str:
        if not self.apart:
            return key(name)
        n = norm(name)
        return _EXACT + n if n in self.apart else key(name)

    def new(self, label: str, kind: str) -> _Ent:
        if self.same and kind != "theme":
            label = self.same.get(self.key(label), [label])[0]
        base = ("theme:" if kind == "theme" else "") + slug(label)
        nid, n = base, 2
        while nid in self.ids:
            nid, n = f"{base}-{n}", n + 1
        self.ids.add(nid)
        e = _Ent(id=nid, label=label, kind=kind)
        self.ents.append(e)
        self.add_name(e, label)
        return e

    def add_name(self, e: _Ent, name: str) -> None:
        if e.kind == "theme":
            self.by_key.setdefault("theme:" + key(name), e)
            return
        k = self.key(name)
        self.by_key.setdefault(k, e)
        if name != e.label and norm(name) != norm(e.label):
            e.aliases.add(name)
        a = acronym(name) if not k.startswith(_EXACT) else None
        if a:
            self.by_acronym.setdefault(a, e)
        for other in self.same.get(k, ()):
            if self.by_key.setdefault(self.key(other), e) is e and norm(other) != norm(e.label):
                e.aliases.add(other)

    def find(self, name: str) -> _Ent | None:
        k = self.key(name)
        e = self.by_key.get(k)
        if k.startswith(_EXACT):
            return e
        if e is None and is_acronym_like(name):
            e = self.by_acronym.get(name.strip().upper())
        if e is None:
            a = acronym(name)
            if a and (hit := self.by_key.get(key(a))) is not None and is_acronym_like(hit.label):
                e = hit
        return e

    def theme(self, name: str) -> _Ent | None:
        return self.by_key.get("theme:" + key(name))


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONEY = re.compile(
    r"(?:\$|\bUSD\s?)\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(k|m|b|bn|thousand|million|billion)?\b\+?",
    re.I,
)
_ROUND = re.compile(r"\b(pre-seed|seed|series [a-z]\+?|ipo|bootstrapped|angel)\b", re.I)
_SCALE = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9}

FACT_KEY_ALIASES = {"founder": "founders", "products": "product", "headquarters": "hq"}


def _money(m: re.Match) -> float:
    return float(m.group(1).replace(",", "")) * _SCALE.get((m.group(2) or "").lower(), 1.0)


def parse_funding(text: str) -> tuple[float | None, str | None, float | None]:
    """``'$60M Series A at $400M valuation'`` -> ``(60e6, 'Series A', 400e6)``."""
    amounts = list(_MONEY.finditer(text))
    valuation = None
    funding = None
    for m in amounts:
        after = text[m.end():m.end() + 20].lower()
        before = text[max(0, m.start() - 4):m.start()].lower()
        if "valuation" in after or "valued" in before or before.strip().endswith("at"):
            valuation = valuation if valuation is not None else _money(m)
        elif funding is None:
            funding = _money(m)
    r = _ROUND.search(text)
    rnd = None
    if r:
        rnd = r.group(1)
        rnd = rnd.upper() if rnd.lower() == "ipo" else rnd[0].upper() + rnd[1:].lower()
        if rnd.lower().startswith("series"):
            rnd = "Series " + rnd.split()[1].upper()
    return funding, rnd, valuation


def resolve(docs: list[DocumentRecord]) -> tuple[Landscape, list[Diagnostic]]:
    """Resolve names across documents into a validated :class:`Landscape`."""
    diags: list[Diagnostic] = []
    reg = _Registry()
    corpus = mixed_case_spellings(
        {n for d in docs for c in d.companies for n in (c.name, *c.aliases)},
        (t for d in docs for t in d.texts),
    )

    def warn(d: DocumentRecord, line: int | None, msg: str) -> None:
        diags.append(Diagnostic("warning", d.display, line, msg))

    apply_name_overrides(reg, docs)

    # 1. Companies (profiled), merged across documents by name or alias.
    company_of: dict[tuple[int, int], _Ent] = {}
    for di, d in enumerate(docs):
        for ci, c in enumerate(d.companies):
            names = [c.name, *c.aliases]
            e = next((hit for n in names if (hit := reg.find(n)) is not None), None)
            if e is None:
                e = reg.new(readable_label(c.name, corpus), c.kind or "company")
            else:
                e.kind = _stronger_kind(e.kind, c.kind or "company")
            for n in names:
                reg.add_name(e, readable_label(n, corpus))
            e.sources.append(Source(path=d.path, line=c.line, section=c.heading))
            company_of[(di, ci)] = e
            for f in c.facts:
                fkey = FACT_KEY_ALIASES.get(norm(f.label), norm(f.label))
                fact = Fact(key=fkey, label=f.label, text=f.text,
                            source=Source(path=d.path, line=f.line, section=c.heading))
                old = e.facts.get(fkey)
                if old is None:
                    e.facts[fkey] = fact
                elif norm(old.text) != norm(f.text):
                    warn(d, f.line, f"fact {f.label!r} of {e.label!r} given twice with different "
                                    f"values ({old.text!r} at {old.source}); keeping the first")

    # 2. Rivals. Whole targets first, so that "known name" covers names seen anywhere.
    def resolve_target(text: str) -> list[str]:
        name, aliases = split_parenthetical(text)
        if reg.find(name) is not None or reg.find(text) is not None:
            return [text]
        parts = split_targets(name)
        if len(parts) > 1 and not is_generic(name) and all(looks_like_name(p) for p in parts):
            return parts
        return [text]

    claims: dict[tuple[str, str], list[Claim]] = {}
    for di, d in enumerate(docs):
        for ci, c in enumerate(d.companies):
            me = company_of[(di, ci)]
            for v in c.rivals:
                targets = resolve_target(v.target) if v.target else []
                good = []
                for t in targets:
                    name, aliases = split_parenthetical(t)
                    if looks_like_name(name):
                        good.append((name, aliases))
                if not good:
                    warn(d, v.line, f"'vs.' item names no competitor: {v.target!r}" if v.target
                         else "'vs.' item names no competitor")
                    continue
                for name, aliases in good:
                    e = reg.find(name) or next((x for a in aliases if (x := reg.find(a))), None)
                    if e is None:
                        e = reg.new(name, "alternative" if is_generic(name) else "competitor")
                    reg.add_name(e, name)
                    for a in aliases:
                        reg.add_name(e, a)
                    src = Source(path=d.path, line=v.line, section=c.heading)
                    if e is me:
                        warn(d, v.line, f"{me.label!r} is compared with itself; ignored")
                        continue
                    if e.kind != "company":
                        e.sources.append(src)
                    claims.setdefault(_pair(me.id, e.id), []).append(
                        Claim(by=me.id, against=e.id, text=v.claim, source=src))

    add_stated_rivalries(reg, docs, claims, warn)

    # 3. Themes and their members (only leads that name known entities).
    memberships: dict[tuple[str, str], Membership] = {}
    for d in docs:
        for t in d.themes:
            te = reg.theme(t.name) or reg.new(t.name, "theme")
            te.sources.append(Source(path=d.path, line=t.line, section=t.name))
            for item in t.items:
                name = item.lead if item.exact else split_parenthetical(item.lead)[0]
                parts = [name] if item.exact or reg.find(name) else split_targets(name)
                hits = [reg.find(p) or (_unknown(reg, p, Source(path=d.path, line=item.line))
                                        if item.exact else None) for p in parts]
                if not hits or any(h is None or h.kind == "theme" for h in hits):
                    continue
                for h in hits:
                    reg.add_name(h, item.lead if len(hits) == 1 else name)
                    memberships.setdefault((te.id, h.id), Membership(
                        theme=te.id, member=h.id, description=item.description,
                        source=Source(path=d.path, line=item.line, section=t.name)))

    drop_not_rivals(reg, docs, claims, warn)
    apply_kind_overrides(reg, docs, warn)
    rivalries = [Rivalry(a=a, b=b, claims=tuple(cs)) for (a, b), cs in sorted(claims.items())]
    entities = []
    for e in sorted(reg.ents, key=lambda e: e.id):
        facts = tuple(sorted(e.facts.values(), key=lambda f: (f.source.path, f.source.line or 0)))
        founded = funding = rnd = valuation = None
        for f in facts:
            if f.key == "founded" and (m := _YEAR.search(f.text)):
                founded = int(m.group(1))
            if f.key == "funding":
                funding, rnd, valuation = parse_funding(f.text)
        aliases = _distinct_spellings(a for a in e.aliases if norm(a) != norm(e.label))
        entities.append(Entity(
            id=e.id, label=e.label, kind=e.kind, aliases=tuple(aliases), facts=facts,
            founded=founded, funding_usd=funding, funding_round=rnd, valuation_usd=valuation,
            sources=tuple(sorted(set(e.sources), key=lambda s: (s.path, s.line or 0))),
        ))
    titles = [d.title for d in docs if d.title]
    title = titles[0] if len(titles) == 1 else (
        f"{titles[0]} (+{len(titles) - 1} more)" if titles else "Competitive landscape")
    landscape = Landscape(
        title=title,
        documents=tuple(d.path for d in docs),
        entities=tuple(entities),
        rivalries=tuple(rivalries),
        memberships=tuple(memberships[k] for k in sorted(memberships)),
    )
    return landscape, diags


def _distinct_spellings(names) -> list[str]:
    """One spelling per name (by :func:`norm`), mixed case preferred to ALL CAPS to lowercase."""
    best: dict[str, str] = {}
    rank = lambda s: (s.islower(), s.isupper(), s)  # noqa: E731
    for n in names:
        k = norm(n)
        if k not in best or rank(n) < rank(best[k]):
            best[k] = n
    return sorted(best.values(), key=norm)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


# --- records from tables and data files ------------------------------------------------------
# Structured readers state what prose leaves to the rules above: an entity's kind, who makes a
# claim (``RivalryRecord.by``), and corrections a person wrote (``DocumentRecord.overrides``).

_KIND_RANK = {"company": 0, "competitor": 1, "alternative": 2}


def _stronger_kind(a: str, b: str) -> str:
    """Two readings of one entity's kind: a profile (company) beats a competitor, which beats
    an alternative. A ``kind`` override decides in the end (:func:`apply_kind_overrides`)."""
    return min(a, b, key=lambda k: _KIND_RANK.get(k, 9))


def _overrides(docs: list[DocumentRecord], action: str):
    for d in docs:
        for o in d.overrides:
            if o.action == action:
                yield d, o


def apply_name_overrides(reg: _Registry, docs: list[DocumentRecord]) -> None:
    """``not_same`` and ``same_as``, set before any name is registered."""
    for _, o in _overrides(docs, "not_same"):
        reg.apart.update(norm(n) for n in o.names)
    for _, o in _overrides(docs, "same_as"):
        group = [n for n in o.names if n.strip()]
        for n in group:
            reg.same.setdefault(reg.key(n), group)


def _unknown(reg: _Registry, name: str, source: Source | None = None) -> _Ent:
    """A name a table or data file states and nothing profiles: a competitor (or alternative)."""
    e = reg.new(name, "alternative" if is_generic(name) else "competitor")
    if source is not None:
        e.sources.append(source)
    return e


def add_stated_rivalries(reg: _Registry, docs: list[DocumentRecord],
                         claims: dict[tuple[str, str], list[Claim]], warn) -> None:
    """Rivalries a table or data file states with an explicit ``by`` (``evidence="data"``).

    Both names are taken whole (no ``A / B`` split); a name seen nowhere else becomes a
    competitor (an alternative if it is generic, like ``in-house tools``).
    """
    def entity(name: str) -> _Ent:
        e = reg.find(name) or _unknown(reg, name)
        reg.add_name(e, name)
        return e

    for d in docs:
        for r in d.rivalries:
            if r.evidence != "data" or r.by is None:
                continue
            me, other = entity(r.by), entity(r.target)
            src = Source(path=d.path, line=r.line)
            if me is other:
                warn(d, r.line, f"{me.label!r} is compared with itself; ignored")
                continue
            for e in (me, other):
                if e.kind != "company":
                    e.sources.append(src)
            claims.setdefault(_pair(me.id, other.id), []).append(
                Claim(by=me.id, against=other.id, text=r.claim, source=src))


def _named(reg: _Registry, d: DocumentRecord, o: OverrideRecord, warn) -> list[_Ent] | None:
    found = [reg.find(n) for n in o.names]
    missing = [n for n, e in zip(o.names, found) if e is None]
    if missing:
        warn(d, o.line, f"{o.action} names no entity: " + ", ".join(repr(n) for n in missing))
        return None
    return found


def drop_not_rivals(reg: _Registry, docs: list[DocumentRecord],
                    claims: dict[tuple[str, str], list[Claim]], warn) -> None:
    """``not_a_rival``: every claim between the two entities goes, whoever read it."""
    for d, o in _overrides(docs, "not_a_rival"):
        ents = _named(reg, d, o, warn)
        if ents and claims.pop(_pair(ents[0].id, ents[1].id), None) is None:
            warn(d, o.line, f"not_a_rival: {ents[0].label!r} and {ents[1].label!r} "
                            "are not rivals anyway")


def apply_kind_overrides(reg: _Registry, docs: list[DocumentRecord], warn) -> None:
    """``kind``: the last word on an entity's kind."""
    for d, o in _overrides(docs, "kind"):
        ents = _named(reg, d, o, warn)
        if ents and o.kind:
            ents[0].kind = o.kind
