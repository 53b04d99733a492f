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

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rivalscape.graph.errors import Diagnostic
from rivalscape.graph.hints import Hint, HintCode
from rivalscape.graph.memory import check_memory
from rivalscape.graph.ingest.records import DocumentRecord, OverrideRecord, RivalryRecord
from rivalscape.graph.names import (
    acronym, is_acronym_like, is_generic, is_subject_word, key, looks_like_name,
    mixed_case_spellings, norm, proper_name, readable_label, rival_name, slug, split_parenthetical, split_targets,
)
from rivalscape.graph.models import Claim, Entity, Fact, Landscape, Membership, Rivalry, Source


@dataclass
class _Ent:
    id: str
    label: str
    kind: str
    aliases: set[str] = field(default_factory=set)
    facts: dict[str, Fact] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    # ``sources`` as a set of their fields, brought up to date on each lookup (see ``has_source``)
    _source_set: set[tuple] = field(default_factory=set)
    _indexed: int = 0

    def has_source(self, src: Source) -> bool:
        """``src in self.sources`` in constant time: a rival named by thousands of claims
        must not make reading quadratic. Sources are compared as their three fields (what
        ``Source.__eq__`` compares), hashed as a tuple: a fifth of the time of a model's hash."""
        if self._indexed < len(self.sources):
            self._source_set.update([(s.path, s.line, s.section) for s in self.sources[self._indexed:]])
            self._indexed = len(self.sources)
        return (src.path, src.line, src.section) in self._source_set


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
        # The parts of a lookup that depend on the name alone, once per name (see ``probe``);
        # emptied when ``apart`` changes.
        self.probes: dict[str, tuple[str, str | None, str | None, str | None]] = {}

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

    def probe(self, name: str) -> tuple[str, str | None, str | None, str | None]:
        """``(key, acronym form, key of its acronym, acronym)`` of a name: what ``find`` and
        ``add_name`` compute from the name alone (None where they would not look), made once
        per name (a rival is looked up once per claim that names it)."""
        p = self.probes.get(name)
        if p is None:
            k = self.key(name)
            if k.startswith(_EXACT):
                p = (k, None, None, None)
            else:
                a = acronym(name)
                p = (k, name.strip().upper() if is_acronym_like(name) else None,
                     key(a) if a else None, a)
            self.probes[name] = p
        return p

    def add_name(self, e: _Ent, name: str) -> None:
        if e.kind == "theme":
            self.by_key.setdefault("theme:" + key(name), e)
            return
        k, _, _, a = self.probe(name)
        self.by_key.setdefault(k, e)
        if name != e.label and norm(name) != norm(e.label):
            e.aliases.add(name)
        if a:
            self.by_acronym.setdefault(a, e)
        for other in self.same.get(k, ()):
            if self.by_key.setdefault(self.key(other), e) is e and norm(other) != norm(e.label):
                e.aliases.add(other)

    def find(self, name: str) -> _Ent | None:
        k, upper, acronym_key, _ = self.probe(name)
        e = self.by_key.get(k)
        if e is None and upper is not None:
            e = self.by_acronym.get(upper)
        if e is None and acronym_key is not None:
            hit = self.by_key.get(acronym_key)
            if hit is not None and is_acronym_like(hit.label):
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


def resolve(docs: list[DocumentRecord], *, evidence: str = "all") -> tuple[Landscape, list[Diagnostic]]:
    """Resolve names across documents into a validated :class:`Landscape`.

    ``evidence="structural"`` leaves out rivalries read only from prose. Raises
    :class:`graph.errors.TooLargeError` first when the records are too many for this
    machine's memory (see :func:`graph.memory.check_memory`).
    """
    check_memory("load", *record_counts(docs))
    r = _Resolver(docs)
    apply_name_overrides(r.reg, docs)
    r.companies()
    r.rival_profiles()
    r.profile_rivalries()
    r.document_rivalries(certain=True)
    add_stated_rivalries(r.reg, docs, r.claims, r.warn)
    r.document_rivalries(certain=False)
    r.themes()
    drop_not_rivals(r.reg, docs, r.claims, r.warn)
    apply_kind_overrides(r.reg, docs, r.warn)
    r.near_duplicates()
    return r.landscape(evidence), r.diags


def record_counts(docs: list[DocumentRecord]) -> tuple[int, int]:
    """About how many entities and rivalries the records make: distinct names (profiles,
    rivals, targets; case aside) and rivalry records."""
    names: set[str] = set()
    rivalries = 0
    for d in docs:
        for e in (*d.companies, *d.rivals):
            names.add(e.name.casefold())
            names.update(r.target.casefold() for r in e.rivals)
            rivalries += len(e.rivals)
        names.update(r.target.casefold() for r in d.rivalries)
        rivalries += len(d.rivalries)
    return len(names), rivalries


# Evidence whose rivalries are kept only where resolve can vouch for their names.
_UNCERTAIN = {"heading", "prose"}


class _Resolver:
    def __init__(self, docs: list[DocumentRecord]):
        self.docs = docs
        self.diags: list[Diagnostic] = []
        self.reg = _Registry()
        self.claims: dict[tuple[str, str], list[Claim]] = {}
        self.memberships: dict[tuple[str, str], Membership] = {}
        self.company_of: dict[tuple[int, int], _Ent] = {}
        self.subjects: dict[int, _Ent] = {}
        self.target_forms: dict[str, tuple[str, tuple, tuple]] = {}  # see read_target
        self.corpus = mixed_case_spellings(
            {n for d in docs for c in (*d.companies, *d.rivals) for n in (c.name, *c.aliases)}
            | {r.target for d in docs for r in d.rivalries} | {d.subject for d in docs if d.subject},
            (t for d in docs for t in d.texts),
        )

    def warn(self, d: DocumentRecord, line: int | None, msg: str, hint: Hint | None = None) -> None:
        self.diags.append(Diagnostic("warning", d.display, line, msg, hint))

    # entities -------------------------------------------------------------------------------

    def profile(self, d: DocumentRecord, names: list[str], kind: str, source: Source) -> _Ent:
        """The entity of a profile (a company section, a subject, a rival's section)."""
        e = next((hit for n in names if (hit := self.reg.find(n)) is not None and hit.kind != "theme"), None)
        if e is None:
            e = self.reg.new(readable_label(names[0], self.corpus), kind)
        else:
            e.kind = _stronger_kind(e.kind, kind)
        for i, n in enumerate(names):
            # A short ALL-CAPS alias is a ticker or an acronym (ORBF, LDG): kept as written.
            short = i > 0 and " " not in n.strip() and len(n.strip()) <= 5
            self.reg.add_name(e, n if short else readable_label(n, self.corpus))
        e.sources.append(source)
        return e

    def add_facts(self, d: DocumentRecord, e: _Ent, facts, section: str) -> None:
        for f in facts:
            fkey = FACT_KEY_ALIASES.get(norm(f.label), norm(f.label))
            fact = Fact(key=fkey, label=f.label, text=f.text,
                        source=Source(path=d.path, line=f.line, section=section))
            old = e.facts.get(fkey)
            if old is None:
                e.facts[fkey] = fact
            elif norm(old.text) != norm(f.text):
                self.warn(d, f.line, f"fact {f.label!r} of {e.label!r} given twice with different "
                                     f"values ({old.text!r} at {old.source}); keeping the first")

    def companies(self) -> None:
        """Profiled companies, merged across documents by name or alias."""
        for di, d in enumerate(self.docs):
            for ci, c in enumerate(d.companies):
                src = Source(path=d.path, line=c.line, section=c.heading)
                e = self.profile(d, [c.name, *c.aliases], c.kind or "company", src)
                self.company_of[(di, ci)] = e
                self.add_facts(d, e, c.facts, c.heading)

    def rival_profiles(self) -> None:
        """Rivals with a section or a table row of their own: their names, aliases and facts."""
        for d in self.docs:
            for c in d.rivals:
                name, more = split_parenthetical(c.name)
                names = [name, *c.aliases, *more]
                if not looks_like_name(name):
                    continue
                kind = c.kind or ("alternative" if is_generic(name) else "competitor")
                e = self.profile(d, names, kind, Source(path=d.path, line=c.line, section=c.heading))
                self.add_facts(d, e, c.facts, c.heading)

    def subject(self, di: int) -> _Ent | None:
        """The entity a document is about, made when first needed."""
        d = self.docs[di]
        if di not in self.subjects and d.subject:
            src = Source(path=d.path, line=d.subject_line, section=d.title or d.subject)
            if d.subject_how == "unnamed":  # never named: one entity per document, never merged
                self.subjects[di] = self.unnamed(d, src)
            else:
                self.subjects[di] = self.profile(d, [d.subject, *d.subject_aliases], "company", src)
            d.subject_entity = self.subjects[di].id
        return self.subjects.get(di)

    def unnamed(self, d: DocumentRecord, src: Source) -> _Ent:
        """The subject of a document that speaks as "we" and never names itself: ``Us`` (``Us
        (notes.md)`` when several documents do so), said in a warning."""
        several = sum(1 for x in self.docs if x.subject_how == "unnamed") > 1
        e = self.reg.new(f"{d.subject} ({d.path})" if several else d.subject, "company")
        e.sources.append(src)
        self.warn(d, None, f"the document never names its own product (it says 'we', 'us'); drawn as "
                           f"{e.label!r}: name it with 'subject:' front matter")
        return e

    def means_subject(self, di: int, name: str) -> bool:
        """``Us``, ``We``, or the first words of the subject's name (``Beacon`` in a document
        about ``Beacon CRM``) name the document's subject."""
        if is_subject_word(name):
            return True
        subject = self.docs[di].subject
        if not subject or not name[:1].isupper():
            return False
        words, mine = norm(name).split(), norm(subject).split()
        return key(name) == key(subject) or 0 < len(words) < len(mine) and mine[:len(words)] == words

    def entity(self, name: str, aliases: Sequence[str], named: bool = False) -> _Ent:
        e = self.reg.find(name) or next((x for a in aliases if (x := self.reg.find(a))), None)
        if e is None or e.kind == "theme":
            generic = is_generic(name) and not named  # a link's text is a name: "Git submodules"
            e = self.reg.new(readable_label(name, self.corpus), "alternative" if generic else "competitor")
        self.reg.add_name(e, name)
        for a in aliases:
            self.reg.add_name(e, a)
        return e

    # rivalries ------------------------------------------------------------------------------

    def targets(self, text: str, split: bool) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Names in a rival text: ``AWS/GCP`` gives two unless the whole text is a known name."""
        name, whole, parts = self.target_forms.get(text) or self.read_target(text)
        if not split or parts is whole or self.reg.find(name) is not None or self.reg.find(text) is not None:
            return whole
        return parts

    def read_target(self, text: str) -> tuple[str, tuple, tuple]:
        """What ``targets`` makes of a text before asking the registry, once per text (a
        rival is named in many claims): the name without its parenthetical, the text read
        whole, and the text split in its names (``whole`` itself where it does not split)."""
        name, _ = split_parenthetical(text)
        whole = _names_of([text])
        parts = split_targets(name)
        split = whole if len(parts) < 2 or is_generic(name) or not all(looks_like_name(p) for p in parts) \
            else _names_of(parts)
        self.target_forms[text] = (name, whole, split)
        return name, whole, split

    def claim(self, d: DocumentRecord, me: _Ent, e: _Ent, r: RivalryRecord, section: str) -> None:
        src = Source(path=d.path, line=r.line, section=section)
        if e is me:
            self.warn(d, r.line, f"{me.label!r} is compared with itself; ignored")
            return
        for end in (e, me):  # a rival (or a named claimant) is sourced where it was named
            if end.kind != "company" and not end.has_source(src):
                end.sources.append(src)
        self.claims.setdefault(_pair(me.id, e.id), []).append(
            Claim(by=me.id, against=e.id, text=r.claim, source=src, evidence=r.evidence))

    def profile_rivalries(self) -> None:
        """``vs.`` items of company profiles."""
        for di, d in enumerate(self.docs):
            for ci, c in enumerate(d.companies):
                me = self.company_of[(di, ci)]
                for r in c.rivals:
                    good = self.targets(r.target, r.split) if r.target else []
                    if not good:
                        self.warn(d, r.line, f"'vs.' item names no competitor: {r.target!r}" if r.target
                                  else "'vs.' item names no competitor")
                    for name, aliases in good:
                        other = self.subject(di) if is_subject_word(name) else self.entity(name, aliases)
                        if other is not None:
                            self.claim(d, me, other, r, c.heading)

    def document_rivalries(self, certain: bool) -> None:
        """Rivalries read outside profiles: of the subject, or between two named entities."""
        for di, d in enumerate(self.docs):
            for r in d.rivalries:
                if (r.evidence in _UNCERTAIN or r.vouch) == certain or r.evidence == "data":
                    continue  # stated rivalries of tables and data files: add_stated_rivalries
                me = self.claimant(di, r)
                if me is None:
                    if certain and r.by is None and r.evidence != "vs-item":  # a named rival: an entity
                        for name, aliases in self.targets(r.target, r.split):
                            if not is_subject_word(name) and not is_generic(name):
                                self.entity(name, aliases).sources.append(
                                    Source(path=d.path, line=r.line, section=d.title or d.path))
                    continue
                for name, aliases in self.targets(r.target, r.split):
                    if is_generic(name) and r.evidence != "vs-item" and not r.named:
                        self.warn(d, r.line, f"{name!r} is a generic option, not a named rival; "
                                             "not drawn (a 'vs.' item draws it as an alternative)")
                        continue
                    if self.means_subject(di, name):
                        other = self.subject(di)
                    elif not certain and not self.vouched(di, r, name, aliases):
                        if r.vouch:
                            self.warn(d, r.line, f"{name!r} opens a description, not a name the "
                                                 "documents use elsewhere; not read as a rival")
                        continue
                    else:
                        other = self.entity(name, aliases, named=r.named)
                    if other is not None:
                        self.claim(d, me, other, r, d.title or d.path)

    def claimant(self, di: int, r: RivalryRecord) -> _Ent | None:
        d = self.docs[di]
        if r.by is None or self.means_subject(di, r.by):
            me = self.subject(di)
            if me is None:
                self.warn(d, r.line, f"{r.target!r} is named as a rival, but the document names no "
                                     "subject", Hint.of(HintCode.NAME_SUBJECT))
            return me
        name, aliases = split_parenthetical(r.by)
        if r.evidence in _UNCERTAIN and not self.vouched(di, r, name, aliases, claimant=True):
            return None
        return self.entity(name, aliases)

    def vouched(self, di: int, r: RivalryRecord, name: str, aliases: Sequence[str], claimant=False) -> bool:
        """Whether an end of an uncertain rivalry names an entity: known from structure (or the
        subject) for prose; for a heading, both ends name-like and at least one known."""
        def known(n: str) -> bool:
            d = self.docs[di]
            hit = self.reg.find(n)
            return (hit is not None and hit.kind != "theme") or bool(d.subject and key(n) == key(d.subject))

        other = split_parenthetical(r.target)[0] if claimant else (r.by or self.docs[di].subject or "")
        if r.vouch:  # a name cut from a phrase: "Lost to: Hubble CRM in 3 deals"
            return known(name)
        if r.evidence == "prose" and r.stated:  # "Acme's main rival is Globex": two names suffice
            return proper_name(name) and (is_subject_word(other) or proper_name(other))
        if r.evidence == "prose":
            return known(name) and (is_subject_word(other) or known(other) or any(
                known(p) for p in split_targets(other)))
        if not rival_name(name):
            return False
        return known(name) or is_subject_word(other) or known(other) or (
            rival_name(other) and name[:1].isupper() and other[:1].isupper() and not claimant)

    # themes and checks --------------------------------------------------------------------------

    def themes(self) -> None:
        """Themes and their members (only leads that name known entities)."""
        reg = self.reg
        for d in self.docs:
            for t in d.themes:
                te = reg.theme(t.name) or reg.new(t.name, "theme")
                te.sources.append(Source(path=d.path, line=t.line, section=t.name))
                for item in t.items:
                    name = item.lead if item.exact else split_parenthetical(item.lead)[0]
                    parts = [name] if item.exact or reg.find(name) else split_targets(name)
                    # a table or data file names members exactly, known or not
                    hits = [reg.find(p) or (_unknown(reg, p, Source(path=d.path, line=item.line))
                                            if item.exact else None) for p in parts]
                    if not hits or any(h is None or h.kind == "theme" for h in hits):
                        continue
                    for h in hits:
                        reg.add_name(h, item.lead if len(hits) == 1 else name)
                        self.memberships.setdefault((te.id, h.id), Membership(
                            theme=te.id, member=h.id, description=item.description,
                            source=Source(path=d.path, line=item.line, section=t.name)))

    def near_duplicates(self) -> None:
        """Warn about a rival named once whose name is one letter from a name used more
        (``Stripee`` beside ``Stripe``).

        Linear: every key of five letters or more is indexed under each of its one-letter
        deletions, and only keys that meet there are compared.
        """
        ents = [e for e in self.reg.ents if e.kind != "theme" and len(key(e.label)) >= 5]
        weight = {e.id: len(e.sources) + 2 * (e.kind == "company") for e in ents}
        index: dict[str, list[_Ent]] = {}
        for e in ents:
            k = key(e.label)
            for v in {k} | {k[:i] + k[i + 1:] for i in range(len(k))}:
                index.setdefault(v, []).append(e)
        seen: set[tuple[str, str]] = set()
        for group in index.values():
            if len(group) < 2:  # most keys meet no other: nothing to sort or compare
                continue
            for a, b in itertools.combinations(sorted(group, key=lambda e: e.id)[:20], 2):
                if a is b or (a.id, b.id) in seen or not _one_edit(key(a.label), key(b.label)):
                    continue
                if min(weight[a.id], weight[b.id]) > 1 or max(weight[a.id], weight[b.id]) < 2:
                    continue  # a typo is named once, beside a name that is named more
                seen.add((a.id, b.id))
                rare = a if weight[a.id] <= weight[b.id] else b  # the likely typo: its place
                src = sorted(rare.sources, key=lambda s: (s.path, s.line or 0))[:1]
                doc = next((d for d in self.docs if src and d.path == src[0].path), self.docs[0])
                self.warn(doc, src[0].line if src else None,
                          f"{a.label!r} and {b.label!r} differ by one letter: a typo? "
                          "(they are kept as two entities)")

    # the result ------------------------------------------------------------------------------

    def landscape(self, evidence: str) -> Landscape:
        claims = self.claims
        if evidence == "structural":
            claims = {k: [c for c in cs if c.evidence != "prose"] for k, cs in claims.items()}
        # The keys sorted, not the items: keys are unique, so the order is the same, without
        # comparing (key, list) pairs (a third of this line's time at 100,000 entities).
        rivalries = [Rivalry(a=a, b=b, claims=tuple(cs)) for a, b in sorted(claims) if (cs := claims[a, b])]
        entities = [_entity(e) for e in sorted(self.reg.ents, key=lambda e: e.id)]
        titles = [d.title for d in self.docs if d.title]
        title = titles[0] if len(titles) == 1 else (
            f"{titles[0]} (+{len(titles) - 1} more)" if titles else "Competitive landscape")
        return Landscape(
            title=title,
            documents=tuple(d.path for d in self.docs),
            entities=tuple(entities),
            rivalries=tuple(rivalries),
            memberships=tuple(self.memberships[k] for k in sorted(self.memberships)),
        )


def _entity(e: _Ent) -> Entity:
    facts = tuple(sorted(e.facts.values(), key=lambda f: (f.source.path, f.source.line or 0)))
    founded = funding = rnd = valuation = None
    for f in facts:
        if f.key == "founded" and (m := _YEAR.search(f.text)):
            founded = int(m.group(1))
        if f.key == "funding":
            funding, rnd, valuation = parse_funding(f.text)
    aliases = _distinct_spellings(a for a in e.aliases if norm(a) != norm(e.label))
    return Entity(
        id=e.id, label=e.label, kind=e.kind, aliases=tuple(aliases), facts=facts,
        founded=founded, funding_usd=funding, funding_round=rnd, valuation_usd=valuation,
        sources=_sorted_sources(e.sources),
    )


def _sorted_sources(sources: list[Source]) -> tuple[Source, ...]:
    """Each place once, by path and line; places on one line (a rival named in a heading and
    in the section it opens) in the order they were read. (Deduplicated through a set, their
    order followed the string hashes, so it changed from run to run.)"""
    first: dict[tuple, Source] = {}
    for s in sources:  # keyed by the fields Source.__eq__ compares: a tuple hashes faster
        first.setdefault((s.path, s.line, s.section), s)
    return tuple(sorted(first.values(), key=lambda s: (s.path, s.line or 0)))


def _names_of(parts: list[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(name, aliases)`` of each part that names something (a name, or ``Us``)."""
    out = []
    for t in parts:
        n, a = split_parenthetical(t)
        if looks_like_name(n) or is_subject_word(n):
            out.append((n, tuple(a)))
    return tuple(out)


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by exactly one inserted, deleted or changed letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    if b[i].isdigit() or (i < len(a) and a[i].isdigit()):
        return False  # "GPT-3" and "GPT-4" are two products, not a typo
    return a[i + (len(a) == len(b)):] == b[i + 1:]


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
        reg.probes.clear()
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
                Claim(by=me.id, against=other.id, text=r.claim, source=src, evidence="data"))


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
