"""Reading the competitive documents people write, beyond company profiles with ``vs.`` items.

Each rule below emits :class:`~graph.ingest.records.RivalryRecord` s with the evidence that
says how they were read; :mod:`graph.resolve` decides, across all documents, which uncertain
ones (``heading``, ``prose``) name real entities. The rules, in the order they take blocks:

* **subject** of the document: front matter ``subject:``, ``--subject``, the product a battle
  card titled with its rival says wins (``# Battle Card: Globex`` over ``## Where Acme Wins``;
  the rival is the subject's), the name in the H1
  title (``# Acme: Competitive Analysis``, ``# Why Acme?``, ``# ADR-7: Acme over Globex``), else
  the name that leads the most ``X vs Y`` headings, the one bold product column of a matrix, the
  name an introduction over a list gives (``Some alternatives to `just` include:``), the name a
  page of rival sections is compared with (``worse UX compared to Headjack``), the first row of
  an alternatives table that the introduction names. ``Us``/``We``/``our product`` in a rivalry
  position mean the subject (a decision record's "we" is a buyer: no subject);
* **lists of replacements** (``A list of Heroku replacements``, ``# Replacing Heroku``): each
  item that opens with a name, a product's link or a domain is a rival of the product replaced
  (:mod:`graph.ingest.listing`);
* **decision records** (``Status:``/``Deciders:`` leads, a Decision heading, Status and Context
  headings): the options under ``## Considered Options`` (``Alternatives Considered``,
  ``Alternative Considerations``, ``Rejected Alternatives``, ``Pros and Cons of the Options``)
  are rivals of each other, or of the choice its Decision part names (in bold, quoted after
  ``Chosen option:``, or said: ``We will use PostgreSQL``);
* **decision records without a Considered Options list** (:mod:`graph.ingest.decisions`): name
  sub-headings of ``## Alternatives`` and named table rows are options, rivals of the one a
  label sets against the rest or of the one the Decision part chooses (in bold or in prose);
* **competition sections** (``## Competitors``, ``## Alternatives``, ``## How it compares``...):
  sub-headings, bold or ``Name:`` leads and first table columns name rivals of the subject or
  of the company whose profile holds the section (``section``);
* **rival profiles known by their parts** (:mod:`graph.ingest.profiles`): a name heading over
  ``### Strengths``, ``### Weaknesses``, ``### Overview`` is a rival of the subject; a
  sub-heading naming a kind of product (``### Security Plugins``) is a group of rivals;
* **"X vs Y" headings** outside themes (``heading``);
* **rivalry leads**: ``Competitors: A, B and C``, ``Lost to: X``, ``Alternative to X``
  (``lead``); inside a rival's own section ``**Strengths vs Acme**:`` is that rival's claim;
* **replacement lines** (:mod:`graph.ingest.instead`): two lines or more of the form ``A instead
  of B`` / ``A or B instead of C``, each a rivalry (``lead``);
* **tables**: a column that says the relation (``Alternative to``), a comparison matrix whose
  header lists products (``table``);
* **prose**: ``X competes with Y``, ``X is an alternative to Y``, ``X vs. Y``, ``unlike Y, X``
  in sentences, kept only where both ends are entities known from structure (``prose``);
  sentences that say so in so many words (``One of S's main competitors is A``, ``A offers
  fierce competition to S``, ``Another notable competitor is B``) between any two proper names.

Lines that look competitive but that no rule took are listed in ``doc.unread``.
Every pattern here is anchored or runs on single-spaced short text.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter

from rivalscape.graph.ingest.blocks import (
    BREAK, CODE, END_LINK, END_STRONG, HTML, LINK, OTHER, STRONG, TEXT, Block, leading_strong,
)
from rivalscape.graph.ingest.forms import (
    _COMPETITION_WORDS, _LEAD_WORDS, _TAGLINE, FACT_KEYS, VS_INSIDE, Outline, _key_value, heading_words,
    is_competition_heading, parse_vs, split_heading, strip_numbering, strip_separator,
)
from rivalscape.graph.ingest.decisions import read_alternative_parts
from rivalscape.graph.ingest.profiles import rival_profiles
from rivalscape.graph.ingest.instead import replacement_lines
from rivalscape.graph.ingest.listing import replaced_subject, replacements
from rivalscape.graph.ingest.records import DocumentRecord, EntityRecord, FactRecord, RivalryRecord, Unread
from rivalscape.graph.ingest.prose import relations, sentences, stated
from rivalscape.graph.ingest.tables_md import read_table, words_outside_tables
from rivalscape.graph.names import (
    _CONNECTORS, _COMMON_WORDS, ABSTRACT_ENDING,
    combination_parts, is_generic, is_subject_word, looks_like_name, name_prefix, proper_name, rival_name, rival_names, strip_gerund, split_parenthetical,
    strip_marks, targets_of,
)

# --- patterns on short, single-spaced text ----------------------------------------------------

_COMPARE_HEADING = re.compile(
    r"^(?:how (?:does|do|is|are) (?P<a>.+?) (?:compare|stack up) (?:to|with|against)|"
    r"why (?:use |choose |pick )?(?P<a2>.+?) (?:over|instead of)) (?P<b>.+)$",
    re.IGNORECASE,
)
_VS_SPLIT = re.compile(r" (?:vs\.?|versus|v\.) ", re.IGNORECASE)
# A lead that states the relation: "Competitors: A, B", "Lost to X", "Alternative to X".
_RIVALRY_LEAD = re.compile(
    r"^" + _LEAD_WORDS +
    r"(?P<rel>competitors?|competition|competes? (?:with|against)|competing (?:with|against)|"
    r"alternatives?(?: to)?|alternative to|lost (?:deals )?to|losing to|rivals?|replaces|"
    r"compared (?:to|with)|vs\.?|versus)\b[ :\-\u2014\u2013]*",
    re.IGNORECASE,
)
# "**Strengths vs Acme**", "Advantages over Acme", "Where they beat Acme".
_CLAIM_AGAINST = re.compile(
    r"^(?:strengths?|advantages?|where (?:they|it) (?:wins?|beats?)|wins?|edge|"
    r"differentiators?|weaknesses?|gaps?)\s+(?:vs\.?|versus|over|against|compared to)\s+(?P<who>.+)$",
    re.IGNORECASE,
)
# A title that makes the whole document a comparison ("Comparisons with Other Test Runners",
# "Top 9 Datadog Alternatives"), as against one with parts of its own ("Competitive Analysis").
_COMPARES = re.compile(r"\b(?:alternatives?|comparisons?|compared|comparing|compares|stacks? up|"
                       r"competitors)\b", re.IGNORECASE)
_GROUPING = re.compile(
    r"^(?:(?:direct|indirect|adjacent|emerging|established|legacy|new|open[- ]source|commercial|"
    r"enterprise|other|key|main|major|notable|primary|secondary)\s+)+"
    r"(?:competitors?|competition|players|alternatives|rivals|vendors|entrants|options|threats)\b|"
    r"^(?:(?:market|category|industry|niche|established|emerging|new)\s+)?(?:leaders|challengers|incumbents|"
    r"visionaries|disruptors|upstarts|contenders)$",
    re.IGNORECASE,
)
# A heading that compares features, prices or performance, not products: "Feature Comparison",
# "Pricing comparison", "Performance compared".
_ASPECT_COMPARISON = re.compile(
    r"^(?:(?:detailed|quick|side-by-side|full) )?(?:features?|feature set|pricing|prices?|costs?|performance|"
    r"benchmarks?|technical|security|api|query|speed|capabilit(?:y|ies)|functionality|specs?|"
    r"specifications|plans?|integrations?) (?:comparisons?|compared|matrix|breakdown)$",
    re.IGNORECASE,
)
# A heading over the qualities of one product ("Advantages of using Globex", "Cons", "Key
# Features", "What we like"): its sub-headings and leads are qualities ("Developer Experience",
# "Completely Open Source"), never rivals.
_QUALITIES = re.compile(
    r"^(?:the |key |main |some |its |their )?(?:advantages?|disadvantages?|pros(?: (?:and|&) cons)?|cons|"
    r"strengths?|weaknesses?|benefits?|drawbacks?|limitations?|downsides?|upsides?|shortcomings?|"
    r"caveats?|(?:key |main )?features|highlights|trade-?offs|what (?:we|i|you|users) (?:like|love|dislike|hate)"
    r")(?: (?:of|for|with|in) (?:using )?\S.{0,60})?$", re.IGNORECASE)
_DOC_TYPES = re.compile(
    r"\b(?:competitive|competitor|competition|market|investment|seed|series [a-z]|"
    r"case|product|company|sales)?\s*(?:analysis|analyses|landscape|battle ?cards?|memo|overview|"
    r"comparisons?|case stud(?:y|ies)|deep dive|notes|review|report|teardown|profile|one-pager|"
    r"brief|research|market map|intelligence|positioning|study|primer|guide|meeting|minutes|agenda|"
    r"reading list|list|plan|roadmap|update|newsletter|digest|summary|retrospective|postmortem|"
    r"cheat ?sheets?|quick reference|reference|lessons?|handbook|playbook|findings|checklist|"
    r"worksheet|template|faq|scorecard|decision(?: record| notes?)?)\b",
    re.IGNORECASE,
)
_TITLE_FORMS = (
    re.compile(r"^(?P<n>.+?) (?:vs\.?|versus) .+$", re.IGNORECASE),
    re.compile(r"^why (?:choose |use |pick )?(?P<n>.+?)\??$", re.IGNORECASE),
    re.compile(r"^(?:use |choose |adopt |pick )?(?P<n>.+?) (?:over|instead of) \S.*$", re.IGNORECASE),
    re.compile(r"^(?:comparing |the |top |best |leading |\d+ )*(?P<n>.+?) (?:alternatives|competitors|rivals)"
               r"(?: in \d{4}| for \d{4}| \(\d{4}\))?$", re.IGNORECASE),
    re.compile(r"^(?:the |top |best |\d+ )*alternatives? (?:to|for) (?P<n>.+?)(?: in \d{4})?$", re.IGNORECASE),
    re.compile(r"^how (?P<n>.+?) (?:compares?|stacks? up)\b.*$", re.IGNORECASE),
    re.compile(r"^(?:competitive analysis|competitor analysis|battle ?card|analysis|profile|"
               r"memo)(?: of| for| on)? (?P<n>.+)$", re.IGNORECASE),
)
# A document's number, not a name: "ADR-001", "RFC 12", "MADR 003", "Decision 4".
_DOC_ID = re.compile(r"^(?:m?adr|rfc|dr|decision|proposal|pep)[- #]?\d+$", re.IGNORECASE)
_MARKET_WORDS = {"infrastructure", "market", "markets", "industry", "tools", "companies", "startups",
                 "landscape", "ecosystem", "space", "sector", "trends", "vendors", "platforms",
                 "solutions", "software", "players", "alternatives", "competitors", "state", "saas",
                 # categories of software ("JavaScript/TypeScript Linter Competitor Landscape")
                 "linter", "linters", "databases", "frameworks", "libraries", "editors", "browsers",
                 "runtimes", "bundlers", "formatters", "plugins", "extensions", "apps", "clis", "editor",
                 "editors", "database", "framework", "library", "browser", "runtime", "bundler", "formatter",
                 "generator", "generators"}
_COMPETITIVE_LINE = re.compile(
    r"\b(?i:competitors?|competition|competes|competing|rivals?|"
    r"alternatives? to|compared (?:to|with)|versus)\b|"
    r"(?:^|[^\w])(?!Q[1-4]\b|H[12]\b|FY)[A-Z][\w.&-]* (?i:vs\.?|versus) (?!Q[1-4]\b|H[12]\b|FY)[A-Z]",
)


# --- the document's subject --------------------------------------------------------------------


def title_subject(title: str) -> tuple[str, list[str]] | None:
    """The product or company a title names: ``'Parcelpay (PARCEL): Seed Memo'`` ->
    ``('Parcelpay', ['PARCEL'])``; None for ``'Open-source alternatives to SaaS tools'``."""
    title = title.strip().lstrip("#*_ ").strip()
    title = "".join(c for c in title if c.isalnum() or c in " .,:;!?&()'/-|\u2014\u2013+")
    parts = [p.strip() for p in _title_parts(title) if not _DOC_ID.match(p.strip())]  # "ADR-001: ..."
    for part in parts:
        matched = False
        for form in _TITLE_FORMS:
            m = form.match(part)
            if m:
                part, matched = m.group("n"), True
                break
        had_type = bool(_DOC_TYPES.search(part))
        bare = _DOC_TYPES.sub(" ", part).strip(" :-,") if had_type else part
        bare = re.sub(r"\s*\(\s*\d{4}\s*\)\s*", " ", bare).strip()
        words = bare.split()
        while words and words[-1].lower() in _CONNECTORS:  # "Tanqory [Analysis] & [...]"
            words.pop()
        bare = " ".join(words)
        if had_type and bare.lower() in _DOC_QUALIFIERS:
            continue  # "Prospect Research: Ramp": the kind of research, not its subject
        name, aliases = split_parenthetical(bare)
        if not name or not proper_name(name) or len(name.split()) > 4:
            continue
        if {w.lower() for w in name.split()} & _MARKET_WORDS or name.lower().startswith("open") or is_generic(name):
            continue  # "Self-hosting list": a kind of tool, no product
        if name[0].isupper() or name[0].isdigit() or (matched and _LOWER_NAME.match(name)
                                                       and name.lower() not in _COMMON_WORDS):
            return name, aliases  # "Why strio?": a project's name in lower case, in a title's form
    return None


# Words that say whom a document type is about, before the type: "Prospect Research",
# "Account Plan", "Customer Profile", "Deal Review".
_DOC_QUALIFIERS = {"prospect", "account", "customer", "client", "target", "deal", "partner", "vendor",
                   "lead", "buyer", "investor", "acquisition", "opportunity", "supplier", "due diligence"}
# A project's name written in lower case ("strio", "left-pad", "date-fns", "lodash.get").
_LOWER_NAME = re.compile(r"^[a-z][a-z0-9]{1,30}(?:[._-][a-z0-9]{1,30}){0,3}$")


def decide_subject(doc: DocumentRecord, o: Outline, fields: dict, option: str | None,
                   profiles: bool = False) -> None:
    """The document's subject, in the order of the module docstring (``profiles``: the document
    has company profiles, whose sections are no rivals of a name they are compared with)."""
    aliases = fields.get("aliases") or []
    aliases = [str(a) for a in (aliases if isinstance(aliases, list) else [aliases])]
    if isinstance(fields.get("subject"), str) and fields["subject"].strip():
        name, more = split_parenthetical(fields["subject"])
        _set_subject(doc, name, aliases + more, "front matter", 1)
    elif option:
        name, more = split_parenthetical(option)
        _set_subject(doc, name, aliases + more, "option", None)
    elif card := _battle_card(doc, o):  # "# Battle Card: Globex" over "## Where Acme Wins"
        _set_subject(doc, card[1], aliases, "unnamed" if card[1] == UNNAMED else "card", card[2])
    elif not title_subject(doc.title or "") and (found := replaced_subject(o, doc.title)):
        _set_subject(doc, found[0], aliases, "replaced", found[1])  # "A list of Heroku replacements"
    elif (found := _titled(doc, o)) and (not _is_decision_record(o) or _CHOICE_TITLE.search(doc.title or "")):
        # a decision record's title names the decision ("Image Resizing"), unless it names the choice
        _set_subject(doc, found[0], aliases + found[1], "title", found[2])
    else:
        lefts: dict[str, list[int]] = {}
        for b in o.blocks:
            if b.kind == "heading" and (sides := vs_heading(b.text)):
                lefts.setdefault(sides[0], []).append(b.line)
        best = sorted(lefts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        if best and len(best[0][1]) >= 2 and rival_name(best[0][0]):
            _set_subject(doc, best[0][0], aliases, "headings", best[0][1][0])
        elif found := _emphasised_column(o):
            _set_subject(doc, found[0], aliases, "table", found[1])
        elif found := _self_column(o):  # "| Feature | This Project | Typeform |"
            _set_subject(doc, found[0], aliases, "table", found[1])
        elif found := _intro_subject(o):
            _set_subject(doc, found[0], aliases, "text", found[1])

        elif not profiles and (found := _compared_against(o)):
            _set_subject(doc, found[0], aliases, "compared", found[1])
        elif found := _first_row_subject(doc, o):
            _set_subject(doc, found[0], aliases, "table", found[1])
        elif found := _swot_subject(o):
            _set_subject(doc, found[0], aliases, "heading", found[1])
        elif (found := _positioned(o)) and _first_person(o):  # "for positioning the Interlace plugin"
            _set_subject(doc, found[0], aliases, "text", found[1])
        elif doc.title and _ABOUT_RIVALS.search(doc.title) and (found := _most_named(o)):
            _set_subject(doc, found[0], aliases, "text", found[1])
        elif not _is_decision_record(o) and (line := _first_person(o)):  # a buyer's "we" is no rival
            _set_subject(doc, UNNAMED, aliases, "unnamed", line)


# A label over a list of rivals: "**Competitive Landscape**:", "Main competitors include:"
# (not "Competitive Position:", whose list says where one stands).
_RIVAL_LABEL = re.compile(r"\b(?:competitors|competition|competitive landscape|key players|alternatives|"
                          r"rivals|competing (?:products|solutions|tools|vendors))\b", re.IGNORECASE)
# The heading over the options a decision record weighs ("## Considered Options", "## Options").
# "Alternatives Considered", "Alternative Consideration(s)", "Rejected Alternatives", "Other
# Options Considered", "Pros and Cons of the Options" (MADR): each a heading over the options.
_OPTIONS_HEADING = re.compile(
    r"^(?:the )?(?:other |considered |candidate |rejected |discarded )?(?:options|alternatives)"
    r"(?: (?:considered|compared|evaluated|weighed|reviewed|rejected|discarded|explored))?$|"
    r"^alternatives? considerations?$|^candidates$|^pros and cons of (?:the )?(?:options|alternatives)$",
    re.IGNORECASE)
_OPTION_NUMBER = re.compile(r"^(?:option|alternative|choice)\s*\d*\s*[:.)-]?\s+", re.IGNORECASE)
_DECISION_PART = re.compile(r"^(?:the )?decision(?: outcome| made)?$", re.IGNORECASE)
_CHOICE_TITLE = re.compile(r"\b(?:over|instead of|vs\.?|versus)\b|(?:^|: )(?:use|choose|adopt|pick) ", re.IGNORECASE)
_DECISION_MARK = re.compile(r"\bdecision\b", re.IGNORECASE)
_ADR_PARTS = {"context", "consequences", "context and problem statement"}
# "**2. Regional Competition:**", "Market Competition:": a label over the threats of an area,
# not a list of rivals (as "Competition:" or "Direct competition:" is).
_AREA_LABEL = re.compile(r"^(?!(?:the|key|main|major|direct|indirect|primary|notable|closest|emerging)\b)"
                         r"[\w-]+(?: [\w-]+)? competition$", re.IGNORECASE)
# A label over a list of options weighed in a decision ("Options compared:", "Candidates:").
_OPTION_LABEL = re.compile(r"\b(?:options|alternatives|tools|candidates|choices|contenders)\s+"
                           r"(?:compared|considered|evaluated|reviewed|assessed|weighed|shortlisted)\b|"
                           r"^(?:candidates|shortlist|contenders|options)\b", re.IGNORECASE)
_MAX_OPTIONS = 12
# Words that may follow a rival's name in a lead ("Lost to: Hubble CRM in 3 deals"); any other
# word makes the lead a description ("Competitors: Mostly static lessons").
_AFTER_A_NAME = {"in", "for", "on", "at", "with", "by", "to", "from", "over", "during", "since",
                 "after", "because", "when", "across", "due", "last", "this", "and", "or", "(", "-",
                 "\u2014", "\u2013", "which", "who", "whose", "is", "was", "has", "had"}
# Examples in parentheses: "(e.g. Palemoon, Waterfox)", "(such as A or B)".
_EXAMPLES = re.compile(r"\((?:e\.g\.|eg|like|such as|for example|for instance)[,:]? ([^()]*)\)", re.IGNORECASE)
# A phrase before the rivals a lead names: "Strong competition from A, B", "pressure from A".
_FROM_RIVALS = re.compile(r"^(?:[\w-]+ ){0,3}?(?:competition|competitors?|rivals?|pressure|threats?|"
                          r"challengers?) (?:from|by|such as|like|including|e\.g\.,?) ", re.IGNORECASE)
# A sub-heading that names one product and others like it: "Preact and Other React-Like
# Libraries", "Hugo and similar generators".
_AND_OTHERS = re.compile(r"^(?P<n>[^,;:()]{1,40}?) and (?:other|similar) (?:[\w-]+ ){0,3}[\w-]+s$", re.IGNORECASE)
# A sub-heading of a competition section that names a kind of product, in the plural: a group
# ("### Security Plugins", "### Import/Module Plugins", "### Self-hosted Libraries").
_CATEGORY_HEADING = re.compile(
    r"^(?:[\w/&.+-]{1,40} ){0,3}(?:plugins|extensions|libraries|tools|linters|packages|modules|apps|frameworks|"
    r"integrations|add-ons|addons|sdks|clients|services|platforms|solutions|products|engines|databases)$",
    re.IGNORECASE,
)
# A part whose sub-headings are situations, each with its best choice ("## Use Case Mapping",
# "## When to use which", "## Scenarios"), not rivals.
_SITUATIONS = re.compile(
    r"^(?:(?:common|typical|example|recommended|best) )?(?:use[- ]cases?|scenarios|situations|personas)"
    r"(?: (?:mapping|map|guide|matrix|recommendations|and recommendations|breakdown))?$|"
    r"^(?:by use[- ]case|which (?:one |tool |to )?(?:to )?(?:choose|pick|use)|when to use (?:which|what)|"
    r"choosing the right (?:tool|one)|decision guide|recommendations(?: by use[- ]case)?)$",
    re.IGNORECASE,
)
# The nouns of a rivalry lead that a verb may follow in a sentence ("Competitors evolve").
_RIVAL_NOUNS = {"competitors", "competitor", "rivals", "rival", "competition", "alternatives", "alternative"}
_VS_LEAD = re.compile(r"^(?:vs\.?|versus) (?=\S)", re.IGNORECASE)
_ARROW = re.compile(r" (?:<-{1,2}|\u2190) ")
_POSSESSIVE = re.compile(r"['\u2019]s$")


# A title about rivals ("Competitive Notes", "Comparisons with Other Test Runners"): a page
# whose subject, when the title does not name it, is the name its sentences use most.
_ABOUT_RIVALS = re.compile(r"\b(?:compet\w*|compar\w*|alternatives?|rivals?|versus|vs)\b", re.IGNORECASE)
# The document speaks for its own product ("We have", "Our advantages", an "Us" column).
_FIRST_PERSON = re.compile(r"\b(?:we|our|ours)\b", re.IGNORECASE)
# The subject of a document that speaks as "we" and never names itself.
UNNAMED = "Us"


def _is_decision_record(o: Outline) -> bool:
    """A record of a decision among options: a ``Decision ...`` heading, a ``Status:`` or
    ``Deciders:`` lead among its first lines, or ``Status`` and ``Context`` (or
    ``Consequences``) headings (the usual ADR templates)."""
    parts = {heading_words(o.blocks[i].text).lower() for i in o.headings}
    return any(_DECISION_MARK.search(o.blocks[i].text) for i in o.headings) or any(
        b.kind in ("item", "para") and (lead := _lead(b)[0]) is not None and lead.lower() in ("status", "deciders")
        for b in o.blocks[:40]) or ("status" in parts and bool(parts & _ADR_PARTS))


# The product a strategy note is written to position: "for positioning the Interlace ESLint
# plugin ecosystem", "to position our Acme app".
_POSITIONING = re.compile(r"\b(?:positioning|to position|go-to-market for|launching|to launch) (?:the |our )?"
                          r"(?P<rest>[A-Z].{0,80})")


def _positioned(o: Outline) -> tuple[str, int] | None:
    """In the first blocks of a document that speaks as "we", the name of the product it
    positions; a trailing word that names a rival of a heading or a table row (``ESLint`` of
    ``Interlace ESLint plugin``) says what the product works with, not its name."""
    for b in o.blocks[:6]:
        if b.kind != "para" or not (m := _POSITIONING.search(b.text[:1000])):
            continue
        words = name_prefix(m.group("rest")).split()
        others = {split_heading(heading_words(x.text))[0].lower() for x in o.blocks if x.kind == "heading"}
        others |= {strip_marks(x.cells[0]).lower() for x in o.blocks if x.kind == "row" and x.cells}
        while len(words) > 1 and words[-1].lower() in others:
            words.pop()
        name = " ".join(words)
        if name and proper_name(name) and not is_generic(name):
            return name, b.line
    return None


# A column that stands for the writer's own product without naming it: "This Project".
_SELF_COLUMN = re.compile(r"^(?:this|our) (?:project|product|library|tool|app|plugin|package|framework|service|"
                          r"platform|solution|repo|repository|crate|gem|module|extension|starter|template|kit)$",
                          re.IGNORECASE)


def _self_column(o: Outline) -> tuple[str, int] | None:
    """The header of a comparison matrix's column that stands for the document's own product
    (``This Project``): the subject, under the name the document gives it."""
    for b in o.blocks:
        if b.kind == "row" and b.header:
            for cell in b.cells[1:]:
                if _SELF_COLUMN.match(" ".join(strip_marks(cell).split())):
                    return " ".join(strip_marks(cell).split()), b.line
    return None


def _first_person(o: Outline) -> int | None:
    """Whether the document speaks for its own product: ``we``/``our`` three times or more, or
    a table column headed ``Us``. The line that shows it: the title's, else the first such line."""
    seen, first = 0, None
    title = next((b.line for b in o.blocks if b.kind == "heading" and b.level == 1), None)
    for b in o.blocks:
        if b.kind == "row" and b.header and any(is_subject_word(c) for c in b.cells):
            return title or b.line
        found = len(_FIRST_PERSON.findall(b.text))
        first = first or (b.line if found else None)
        seen += found
        if seen >= 3:
            return title or first
    return None


# "alternatives to `just` include:", "competitors of Acme are:", "Popular Acme alternatives:".
_RIVALED = re.compile(r"\b(?:alternatives?|competitors?|rivals?|replacements?|substitutes?) (?:to|for|of) "
                      r"(?:`(?P<code>[^`]{1,40})`|(?P<text>\S.*))", re.IGNORECASE)
_BEFORE_ALTERNATIVES = {"popular", "best", "top", "other", "good", "great", "notable", "similar", "common",
                        "leading", "free", "some", "many", "the", "main", "key", "known", "cheaper", "open-source"}
# A verb that asks the reader to look at alternatives ("Consider alternatives if:", "Explore
# competitors"): never the name they are alternatives to.
_ASKING_VERBS = {"consider", "explore", "compare", "evaluate", "try", "see", "check", "find", "choose",
                 "pick", "review", "discover", "browse", "weigh", "assess", "look", "avoid", "skip"}
_RIVALS_WORD = re.compile(r" (?:alternatives|competitors|rivals)\b", re.IGNORECASE)


def _intro_subject(o: Outline) -> tuple[str, int] | None:
    """The name an introduction over a list or table of rivals gives them as rivals of:
    ``Some alternatives to `just` include:``. Only a paragraph that ends with a colon, or that
    stands right before the list or table, and only a name (code spans are names)."""
    for k, b in enumerate(o.blocks):
        if b.kind != "para" or not (b.text.endswith(":") or (
                k + 1 < len(o.blocks) and o.blocks[k + 1].kind in ("item", "row"))):
            continue
        text = _marked_text(b)
        found = []
        if m := _RIVALED.search(text):
            found.append((m.group("code"), name_prefix(m.group("text") or "")))
        for m in _RIVALS_WORD.finditer(text):
            # the words just before "alternatives": "popular Acme alternatives", "`hop` alternatives"
            words = text[max(0, m.start() - 120):m.start()].split()[-3:]
            if words and len(words[-1]) > 2 and words[-1][0] == words[-1][-1] == "`":
                found.append((words[-1][1:-1], ""))
                continue
            while words and (not words[0][:1].isupper() or words[0].lower() in _BEFORE_ALTERNATIVES
                             or words[0].lower() in _ASKING_VERBS):
                words.pop(0)
            found.append((None, " ".join(words)))
        for code, name in found:
            name = (code or name).strip(" .,:;*_")
            if name and rival_name(name) and not is_generic(name) and not is_subject_word(name) \
                    and (code or proper_name(name)):
                return name, b.line
    return None


def name_run(o: Outline) -> list[int]:
    """Sibling headings that are names: of the level (2 to 4) with the most headings, at least
    three, and three in four, are names by the strict test (``### Bluesky``, ``### lens.xyz``)."""
    by_level: dict[int, list[int]] = {}
    for i in o.headings:
        if 2 <= o.blocks[i].level <= 4 and not o.in_themes(i):
            by_level.setdefault(o.blocks[i].level, []).append(i)
    if not by_level:
        return []
    level = max(by_level, key=lambda lv: (len(by_level[lv]), -lv))
    names = [i for i in by_level[level] if rival_names(split_heading(heading_words(o.blocks[i].text))[0], proper=True)]
    return names if len(names) >= 3 and 4 * len(names) >= 3 * len(by_level[level]) else []


_COMPARED_TO = ("compared to ", "compared with ", "versus ", "vs. ", "vs ", "unlike ", "relative to ",
                "worse than ", "better than ")


def _compared_against(o: Outline) -> tuple[str, int] | None:
    """A page of rivals' sections that never names its own product in a heading: the name
    (not one of the sections') its sentences compare the rivals with, twice at least and
    more often than any other (``worse UX compared to Headjack``, ``versus Headjack's URIs``)."""
    run = name_run(o)
    if not run:
        return None
    headed = {split_heading(heading_words(o.blocks[i].text))[0].lower() for i in run}
    counts: dict[str, list[int]] = {}
    for i in range(run[0], len(o.blocks)):
        b = o.blocks[i]
        if b.kind not in ("para", "item"):
            continue
        low = b.text.lower()
        for phrase in _COMPARED_TO:
            start = 0
            while (k := low.find(phrase, start)) >= 0:
                start = k + len(phrase)
                if k and low[k - 1].isalnum():
                    continue  # inside a word
                name = _POSSESSIVE.sub("", name_prefix(b.text[start:start + 80].replace("\u2019", "'")))
                if name and proper_name(name) and name.lower() not in headed and not is_generic(name):
                    counts.setdefault(name, []).append(b.line)
    if counts:  # "compared to Cloud" in a text that also writes "cloud": a word, not a product
        lower = {w.strip(".,;:!?()[]\"'`*") for b in o.blocks if b.kind in ("para", "item") for w in b.text.split()}
        counts = {n: lines for n, lines in counts.items() if not (n.istitle() and n.isalpha() and n.lower() in lower)}
    ranked = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    if not ranked or len(ranked[0][1]) < 2 or (len(ranked) > 1 and len(ranked[1][1]) == len(ranked[0][1])):
        return None
    return ranked[0][0], ranked[0][1][0]


# "Comparison with other projects", "Similar tools": the table holds the writer's own too.
_WITH_OTHERS = re.compile(r"\b(?:other|similar|related|existing) (?:projects|tools|libraries|frameworks|"
                          r"packages|software|solutions|products|implementations|approaches)\b", re.IGNORECASE)


def _first_row_subject(doc: DocumentRecord, o: Outline) -> tuple[str, int] | None:
    """An alternatives table whose first row is the writer's own product: under a title or
    heading about alternatives, the first row's name is the one name of the table's first
    column that the introduction before the table writes ("The problem *Dfetch* solves")."""
    tables: dict[int, list[int]] = {}
    for k, b in enumerate(o.blocks):
        if b.kind == "row" and not b.header:
            tables.setdefault(b.list_id, []).append(k)
    for rows in tables.values():
        names = [split_parenthetical(o.blocks[k].cells[0])[0] if o.blocks[k].cells else "" for k in rows]
        if len(rows) < 3 or 3 * sum(1 for n in names if rival_name(n)) < 2 * len(names):
            continue
        top = next((k for k in range(rows[0], -1, -1) if o.blocks[k].kind == "heading"), -1)
        heading = o.blocks[top].text if top >= 0 else ""
        if not _ABOUT_RIVALS.search(heading) and not (doc.title and _ABOUT_RIVALS.search(doc.title)):
            continue
        # the first such table decides; its introduction is the text between its heading and it
        intro = " ".join(o.blocks[k].text for k in range(top + 1, rows[0]) if o.blocks[k].kind == "para")[:5000]
        names = names[:50]
        written = [n for n in names if n and re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", intro)]
        # "Comparison with other projects" introduced as "we": the first row is the writer's own
        ours = not written and _WITH_OTHERS.search(heading or doc.title or "") and _FIRST_PERSON.search(intro)
        if (written == names[:1] or ours) and rival_name(names[0]) and not is_generic(names[0]) \
                and (ours or proper_name(names[0])):
            return names[0], o.blocks[rows[0]].line
        return None
    return None


# "Not really a competitor", "Not a direct competitor": a section that says it names no rival.
_NOT_A_RIVAL = re.compile(r"^not (?:really |quite |actually |strictly )?(?:an? )?(?:direct |real |true )?"
                          r"(?:competitor|rival|alternative)\b", re.IGNORECASE)
# "## SWOT Analysis: Acme", "### Acme SWOT": the assessment of the writer's own product.
_SWOT = re.compile(r"^swot(?: analysis)?(?::| of| for| -) (?P<n>\S.*)$|^(?P<m>\S.*?)(?:'s)? swot(?: analysis)?$",
                   re.IGNORECASE)


def _swot_subject(o: Outline) -> tuple[str, int] | None:
    """The one name that the SWOT headings of a document assess (``## SWOT Analysis: Acme``);
    None when they assess several (a SWOT per profiled company)."""
    found: dict[str, int] = {}
    for i in o.headings:
        m = _SWOT.match(heading_words(o.blocks[i].text))
        name = split_parenthetical((m.group("n") or m.group("m") or "").strip())[0] if m else ""
        if name and proper_name(name) and rival_name(name) and not is_generic(name) and not is_subject_word(name) \
                and not _DOC_TYPES.search(name) and not _ABOUT_RIVALS.search(name) \
                and not {w.lower() for w in name.split()} & _MARKET_WORDS:  # not "Competitive SWOT"
            found.setdefault(name, o.blocks[i].line)
            if len(found) > 1:
                return None
    one = next(iter(found.items()), None)
    return one if one and not _common_word(o, one[0]) else None  # "Team SWOT" of a "team"


def _marked_text(b: Block) -> str:
    """A block's text with its code spans in backticks (``alternatives to `just```)."""
    if b.inline is None:
        return b.text
    return " ".join("".join(f"`{v}`" if k == CODE else v if k in (TEXT, HTML) else " " if k == BREAK else ""
                            for k, v in b.inline).split())


def _emphasised_column(o: Outline) -> tuple[str, int] | None:
    """``| Feature | Duolingo | Babbel | **Langflix** |`` in a document that speaks as "we":
    the one product column set in bold is the writer's own."""
    for b in o.blocks:
        if b.kind != "row" or not b.header or len(b.cells) < 4 or len(b.strong) != len(b.cells):
            continue
        bold = [k for k in range(1, len(b.cells)) if b.strong[k]]
        if len(bold) == 1 and rival_name(b.cells[bold[0]]) and not is_subject_word(b.cells[bold[0]]) \
                and sum(rival_name(c) for c in b.cells[1:]) >= 3:
            return (b.cells[bold[0]], b.line) if _first_person(o) else None
    return None


def _title_parts(title: str) -> list[str]:
    return [p for p in re.split(r": | [\u2014\u2013|-] ", " ".join(title.split())) if p.strip()]


def _most_named(o: Outline) -> tuple[str, int] | None:
    """On a comparison page that never names itself: the name its sentences use most (at least
    three times, and clearly more often than any other), leaving out the names of its headings."""
    headed = {heading_words(b.text).lower() for b in o.blocks if b.kind == "heading"}
    headed |= {split_heading(heading_words(b.text))[0].lower() for b in o.blocks if b.kind == "heading"}
    counts: dict[str, list[int]] = {}
    inside: set[str] = set()  # seen inside a sentence: a sentence's first word is capitalised anyway
    for b in o.blocks:
        if b.kind not in ("para", "item"):
            continue
        words = b.text.split()
        label = b.text.find(": ")
        label = len(b.text[:label].split()) if 0 < label and len(b.text[:label].split()) <= 4 else 0
        for n, raw in enumerate(words):
            w = _POSSESSIVE.sub("", raw.strip(".,;:!?()[]\"'`*"))
            if n < label or raw.rstrip("*").endswith(":") or words[n + 1:n + 2] and words[n + 1][0].isdigit():
                continue  # a label ("Time: 2 hours", "Phase 2"), not a name
            if len(w) >= 3 and (w[0].isupper() or any(c.isupper() for c in w[1:])) and w.lower() not in headed \
                    and proper_name(w) and not w.isupper() and not ABSTRACT_ENDING.search(w) \
                    and w.lower() not in FACT_KEYS:
                counts.setdefault(w, []).append(b.line)
                if n and words[n - 1][-1:] not in ".:!?":
                    inside.add(w)
    ranked = sorted(((w, lines) for w, lines in counts.items() if w in inside),
                    key=lambda kv: (-len(kv[1]), kv[0]))
    if not ranked or len(ranked[0][1]) < 3:
        return None
    if len(ranked) > 1 and len(ranked[0][1]) < 1.1 * len(ranked[1][1]):
        return None
    return ranked[0][0], ranked[0][1][0]


# A heading about the rivals of one name: "Alternatives to Acme", "Acme competitors".
_RIVALS_OF = re.compile(r"^(?:the |top |best |\d+ )*(?:alternatives?|competitors?|rivals?) (?:to|for|of) \S|"
                        r"\S (?:alternatives|competitors|rivals)$", re.IGNORECASE)


def _titled(doc: DocumentRecord, o: Outline) -> tuple[str, list[str], int] | None:
    """The subject named by the title, or by another level-1 heading when the first names none
    ("# Competitors" over "# Acme Competitive Landscape: Summary")."""
    h1s = [b for b in o.blocks if b.kind == "heading" and b.level == 1]
    tops = [(doc.title, h1s[0].line if h1s else 1)] + [(b.text, b.line) for b in h1s[1:]]
    first = next((b for b in o.blocks if b.kind == "heading"), None)
    if doc.title is None and first is not None and _RIVALS_OF.search(heading_words(first.text)):
        tops = [(first.text, first.line)]  # no title: "## Alternatives to Acme" opens the notes
    for text, line in tops:
        if text and (found := title_subject(text)) and not _common_word(o, found[0]) \
                and (found[0][:1].isupper() or found[0][:1].isdigit() or _lower_name_used(o, found[0])):
            return found[0], found[1], line
    return None


def _lower_name_used(o: Outline, name: str) -> bool:
    """A lower-case name from the title (``Why strio?``) that the text uses as a name, twice at
    least (``strio is designed to be small``): not an everyday word of the title (``Why bother?``)."""
    seen = 0
    for b in o.blocks:
        if b.kind in ("para", "item", "row", "heading") and b.level != 1:
            seen += sum(1 for w in b.text.split() if w.strip(".,;:!?()[]\"'`*") == name)
            if seen >= 2:
                return True
    return False


def _common_word(o: Outline, name: str) -> bool:
    """``Orchestration`` (of "Orchestration Decision Scorecard"): one word that the text writes
    in lower case and never capitalised inside a sentence is a topic, not a product; so is a
    title of such words only (``Logging and Monitoring Platform``)."""
    if " " in name:
        words = [w for w in name.split() if w.lower() not in _CONNECTORS]
        return bool(words) and all(_common_word(o, w) for w in words)
    if not name[:1].isupper() or any(c.isupper() for c in name[1:]):
        return False
    low, inside = name.lower(), False
    for b in o.blocks:
        if b.kind in ("para", "item", "row"):
            words = b.text.split()
            for n, w in enumerate(words):
                bare = w.strip(".,;:!?()[]\"'`*")
                if bare == name and n and words[n - 1][-1:] not in ".:!?":
                    return False
                inside = inside or bare == low
    return inside



# A sales battle card, which most often names the rival it is about ("Battle Card: Globex").
_CARD_TITLE = re.compile(r"\b(?:battle ?cards?|compete ?cards?|competitive cards?|kill ?sheets?)\b", re.IGNORECASE)
_CARD_WORDS = re.compile(r"\b(?:sales|competitive|competitor|battle ?cards?|compete ?cards?|cards?|kill ?sheets?|"
                         r"vs\.?|versus|against|competing|beating|how to beat)\b", re.IGNORECASE)
# A heading of the card that says who wins: "Where Acme Wins", "Why we win", "How Acme beats them",
# "Acme's advantages" (a name, or "we"; "they" is the rival).
_WINS_HEADING = re.compile(
    r"^(?:where|why|how|when) (?P<n>[^,:;]{1,60}?) (?:wins?|beats?|leads?|has the edge|is stronger|is better)\b|"
    r"^(?P<m>[^,:;]{1,60}?)(?:['\u2019]s)? (?:advantages?|strengths|differentiators|edge)$", re.IGNORECASE)


def _battle_card(doc: DocumentRecord, o: Outline) -> tuple[str, str, int] | None:
    """A battle card about one rival: ``(rival, own, title line)``, the rival named by the
    title (``# Battle Card: Globex``), the writer's own product by the headings that say who
    wins (``## Where Acme Wins``; ``## Where we win``: own is ``Us``). None when the title names
    the writer's own product (``# Acme Sales Battlecard``, no other name wins)."""
    title = doc.title or ""
    if not _CARD_TITLE.search(title):
        return None
    names = [n for part in _title_parts(title) if (n := " ".join(_CARD_WORDS.sub(" ", part).split()).strip(" :-"))]
    if len(names) != 1 or not looks_like_name(names[0]) or len(names[0].split()) > 4 or not names[0][:1].isupper():
        return None  # "Oasis Security": a name, though "security" alone is a topic
    rival = names[0]
    own: dict[str, int] = {}
    for i in o.headings:
        m = _WINS_HEADING.match(heading_words(split_heading(strip_marks(o.blocks[i].text))[0]))
        name = (m.group("n") or m.group("m")).strip() if m else ""
        if name.lower() in ("we", "us", "our"):
            name = UNNAMED
        elif not rival_name(name) or not name[:1].isupper() or name.lower() in ("they", "it", "competitors"):
            continue
        if not rival.lower().startswith(name.lower()) and name.lower() not in rival.lower().split():
            own.setdefault(name, o.blocks[i].line)
    named = sorted((n for n in own if n != UNNAMED), key=lambda n: own[n])
    if named:
        return rival, named[0], own[named[0]]
    return (rival, UNNAMED, own[UNNAMED]) if UNNAMED in own else None


# How a decision says its choice in words: "We will use PostgreSQL for ...", "Chosen option:
# "Apache Kafka", because ...", "We decided to adopt Temporal".
_CHOICE_SAID = re.compile(
    r"^(?:we(?: will|'ll| shall| are going to| have decided to| decided to| chose to| choose to)? "
    r"(?:use|adopt|go with|move to|migrate to|switch to|standardi[sz]e on|chose|choose|picked|selected|"
    r"went with|settled on|opted for)|chosen option:?|selected option:?|we go with|option \d+[:.)]) (?P<rest>\S.*)$",
    re.IGNORECASE)
# The verb an option's heading opens with: "Option 1: Use Redis", "Option B: Migrate to Kafka".
_USE_VERB = re.compile(r"^(?:use|adopt|keep|stay on|stay with|move to|migrate to|switch to|go with|buy) (?=\S)",
                       re.IGNORECASE)


def _said_choice(text: str) -> str | None:
    """The name a decision's sentence chooses: ``'We will use PostgreSQL for all services.'``
    -> ``'PostgreSQL'``; None for ``'We will use a queue.'``."""
    m = _CHOICE_SAID.match(text.strip())
    if not m:
        return None
    rest = m.group("rest").lstrip("\"'\u201c`")
    if rest[:1] != m.group("rest")[:1]:  # quoted: the quoted words
        name = re.split("[\"'\u201d`]", rest, maxsplit=1)[0]
    else:
        name = name_prefix(rest)
    return name if name and proper_name(name) and not is_generic(name) and len(name.split()) <= 4 else None


def _set_subject(doc: DocumentRecord, name: str, aliases: list[str], how: str, line: int | None) -> None:
    doc.subject, doc.subject_aliases, doc.subject_how, doc.subject_line = name.strip(), aliases, how, line


# --- the rules ---------------------------------------------------------------------------------


def vs_heading(text: str) -> list[str] | None:
    """``'Case study 1: OpenAI vs. Google - chat'`` -> ``['OpenAI', 'Google']``; None when the
    heading does not compare names."""
    text = strip_marks(strip_numbering(strip_marks(text)))
    if (m := _COMPARE_HEADING.match(text)) is not None:  # "How does Ruff compare to Flake8?"
        a = name_prefix((m.group("a") or m.group("a2")).replace("\u2019", "'"))
        a = _POSSESSIVE.sub("", a)
        return [a, m.group("b").strip().rstrip("?.!:")] if a else None
    if not VS_INSIDE.search(text):
        return None
    sides = _VS_SPLIT.split(text)
    if len(sides) < 2:
        return None
    first = sides[0]
    if (t := _TAGLINE.search(first)) is not None:  # "Case: OpenAI vs Google"
        first = first[t.end():].strip()
    last = sides[-1]
    if (t := _TAGLINE.search(last)) is not None:  # "Google - conversational AI"
        last = last[:t.start()].strip()
    sides = [first, *sides[1:-1], _without_doc_type(last)]
    sides = [s.strip().rstrip("?.!:") for s in sides]
    if any(not s for s in sides):
        return None
    return sides


# What a document is, after the last name of its "A vs B" title: "Acme vs Globex Battlecard".
_DOC_TAIL = {"battlecard", "battlecards", "comparison", "comparisons", "analysis", "review", "breakdown",
             "showdown", "face-off", "faceoff", "matchup", "overview"}
_DOC_TAIL_BEFORE = {"sales", "competitive", "feature", "product", "detailed", "quick", "full", "in-depth",
                    "honest", "battle", "head-to-head", "side-by-side", "pricing"}


def _without_doc_type(side: str) -> str:
    """``'Globex Sales Battlecard'`` -> ``'Globex'`` (``Battle Card``, ``Comparison``,
    ``Feature Comparison`` too); a side that is nothing else stays as it is."""
    words = side.split()
    if len(words) < 2 or words[-1].lower() not in _DOC_TAIL | {"card", "cards"}:
        return side
    if words[-1].lower() in ("card", "cards") and words[-2].lower() != "battle":
        return side
    words.pop()
    while len(words) > 1 and words[-1].lower() in _DOC_TAIL_BEFORE:
        words.pop()
    return " ".join(words)


class _Reader:
    """The rules of this module over one document; ``used`` holds blocks already read."""

    def __init__(self, doc: DocumentRecord, o: Outline, companies: dict, used: set[int]):
        self.doc, self.o, self.blocks, self.used = doc, o, o.blocks, used
        self.companies = companies
        self._lower: set[str] | None = None
        self._described: set[int] | None = None
        self._labels: set[str] = set()
        self._outside: Counter | None = None
        self._text_words: set[str] | None = None
        self._name_lists: set[int] | None = None
        self._link_lists: set[int] | None = None
        self._said_lists: set[int] | None = None
        self._chosen: tuple[str | None] | None = None
        self.decision = False  # a decision record with no subject of its own
        self._capital: set[str] = set()
        self.in_sections: set[int] = set()
        self._writers: dict[str, list[int]] = {}  # name -> the first two blocks that write it
        self.owner_of: list[str | None] = [None] * len(o.blocks)  # the company a block belongs to
        for i, end in o.company_ends(companies).items():
            for j in range(i, end):
                self.owner_of[j] = companies[i][0]

    def named_elsewhere(self, name: str, j: int) -> bool:
        """Whether ``name`` is written as a word of the document outside heading ``j``.

        The blocks that write each name are found once per name (a section may repeat one
        sub-heading many times), so the check stays linear in the document."""
        key = name.lower()
        if key not in self._writers:
            pattern = re.compile(r"(?<![\w&] )(?<!\w)" + re.escape(name) + r"(?!\w)(?! &)", re.IGNORECASE)
            self._writers[key] = [k for k, b in enumerate(self.blocks) if pattern.search(b.text)][:2]
        return any(k != j for k in self._writers[key])

    def common_noun(self, name: str) -> bool:
        """``Configuration``, ``Limits``: a one-word heading that the text uses in lower case
        and never capitalised inside a sentence is a topic, not a name."""
        if " " in name or not name.istitle() or len(name) < 5:  # "Ow", "Joi": short names
            return False
        lower, capital = self.words_of_text()
        return name.lower() in lower and name not in capital

    def add(self, target: str, claim: str, line: int, evidence: str, by: str | None, split=True,
            vouch: bool = False, named: bool = False, stated: bool = False) -> None:
        if parts := combination_parts(target):  # "ChatGPT + Notion": each product a rival
            mine = {(by or self.doc.subject or "").lower()}
            for part in parts:
                if part.lower() not in mine:
                    self.add(part, claim, line, evidence, by, False, vouch, named, stated)
            return
        self.doc.rivalries.append(RivalryRecord(target, claim[:500], line, evidence, by, split, vouch, named,
                                                stated))

    # competition sections --------------------------------------------------------------

    def sections(self) -> None:
        """Competition sections; a document titled like one (``title: Alternatives``,
        ``# Comparisons with Other Test Runners``) is one as a whole."""
        h1 = next((i for i in self.o.headings if self.blocks[i].level == 1), None)
        if h1 is None and self.doc.title and _COMPARES.search(self.doc.title):
            self.section(-1, None)
        for i in self.o.headings:
            if i in self.used or self.o.in_themes(i):
                continue
            text = self.blocks[i].text
            if i == h1 and not _COMPARES.search(text):
                continue  # "# Competitive Analysis: Acme" is a title; its parts say more
            if _ASPECT_COMPARISON.match(heading_words(text)):
                self.aspect_part(i, self.owner_of[i])
            elif is_competition_heading(text) and not vs_heading(text):
                self.section(i, self.owner_of[i])

    def aspect_part(self, i: int, owner: str | None) -> None:
        """``## Feature Comparison``: a part that compares features, not rivals; its lists and
        sub-headings name features (``**Minimal**``, ``GraphQL``), only its tables are read."""
        self.used.add(i)
        self.tables(range(i + 1, self.o.scope_end(i)), owner, in_section=True)

    def section(self, i: int, owner: str | None, topic: bool = False) -> None:
        """Rivals of ``owner`` (None: the subject) in the part under heading ``i`` (-1: all).

        A ``topic`` is a part inside one whose heading names no rival ("Raft-based consensus"):
        there only bare names are rivals, as ``**Key point**: text`` items are features."""
        o = self.o
        self.used.add(i)
        end = o.scope_end(i) if i >= 0 else len(self.blocks)
        if i >= 0 and self.owner_of[i] is not None:
            end = min(end, next(j for j in range(i + 1, len(self.blocks) + 1)
                                if j == len(self.blocks) or self.owner_of[j] != self.owner_of[i]))
        subs = [j for j in o.headings_within(i, end) if self.blocks[j].level > 1]
        top = min((self.blocks[j].level for j in subs), default=0)
        first_sub = subs[0] if subs else end
        self.section_items(range(i + 1, first_sub), owner, topic)
        lenient = self.numbered_run([j for j in subs if self.blocks[j].level == top])
        for j in subs:
            if self.blocks[j].level != top or j in self.used or self.o.in_themes(j):
                continue
            if vs_heading(self.blocks[j].text):
                continue
            text = self.blocks[j].text
            if _QUALITIES.match(heading_words(text)):
                self.used.update(range(j, self.o.scope_end(j)))  # "### Advantages of using Globex"
            elif owner is None and _VS_LEAD.match(heading_words(text)) and self.vs_lead_heading(j):
                self.used.add(j)  # "### vs. Lodash" in "## Comparison with Alternatives"
            elif _ASPECT_COMPARISON.match(heading_words(text)) or _SITUATIONS.match(heading_words(text)):
                self.aspect_part(j, owner)  # "## Use Case Mapping": its sub-headings are situations
            elif _GROUPING.match(heading_words(text)) or is_competition_heading(text) \
                    or _CATEGORY_HEADING.match(heading_words(text)):
                self.section(j, owner)
            elif not self.rival_heading(j, owner, lenient=j in lenient, topic=topic):
                self.section(j, owner, topic=True)  # its own parts may name rivals

    def numbered_run(self, subs: list[int]) -> set[int]:
        """Numbered sibling headings (``### 1. Ada``, ``### 2. ...``) of which at least three, and
        three quarters, are names by the strict test: a list of rivals, every one read leniently."""
        numbered = [j for j in subs if split_heading(self.blocks[j].text)[2]]
        names = sum(1 for j in numbered if rival_names(split_heading(heading_words(self.blocks[j].text))[0], proper=True))
        return set(numbered) if names >= 3 and 4 * names >= 3 * len(numbered) else set()

    def section_items(self, span: range, owner: str | None, topic: bool = False) -> None:
        described = self.described_lists()
        for j in span:
            b = self.blocks[j]
            if j in self.used or b.kind == "heading":
                continue
            if b.kind == "para" and self.broken_lines(j, owner):
                self.used.add(j)
            elif self.lead(j, owner) or self.labelled_list(j, owner) or self.option_list(j, owner) or (
                    b.kind == "item" and b.list_id not in described and not self.is_label(j)
                    and self.named_item(j, owner, bare=topic)) \
                    or (b.kind == "item" and not topic and self.sentence_item(j, owner)):
                self.used.add(j)
            elif b.kind == "item" and not topic:
                self.in_sections.add(j)  # an item of a competition section: reported if unread
        self.tables(span, owner, in_section=True)

    def broken_lines(self, j: int, owner: str | None) -> bool:
        """A paragraph of lines broken by hand, read as items: ``**Quillo** - simple but
        limited`` lines name rivals (when most of their bold leads are names), and a line
        that is a comparison (``**Example:** Acme vs. Globex (both banks)``) names two."""
        lines = _broken_lines(self.blocks[j])
        if len(lines) < 2 and not any(VS_INSIDE.search(t) for _, t in lines):
            return False
        line = self.blocks[j].line
        found = False
        for k, (lead, rest) in enumerate(lines):
            sides = self.vs_line(rest if lead is not None and _EXAMPLE.match(lead) else
                                 (lead or "") + " " + rest if lead is not None else rest)
            if sides:
                self.add(sides[1], lead or "", line + k, "section", sides[0], split=False)
                found = True
        named = [(k, lead, rest) for k, (lead, rest) in enumerate(lines) if lead is not None
                 and rival_names(split_parenthetical(lead)[0], proper=True) and not self.described(lead)]
        if len(lines) >= 2 and all(lead is not None for lead, _ in lines) and 2 * len(named) > len(lines):
            for k, lead, rest in named:
                self.add(lead, strip_separator(rest), line + k, "section", owner, split=False)
                found = True
        return found

    def vs_line(self, text: str) -> list[str] | None:
        """``'Acme vs. Globex (both banks)'`` -> ``['Acme', 'Globex']``: a line that is a
        comparison of two names and nothing more."""
        text = text.strip()
        if not VS_INSIDE.search(text) or len(text.split()) > 14:
            return None
        sides = vs_heading(split_parenthetical(text)[0] if text.endswith(")") else text)
        if not sides or len(sides) != 2:
            return None
        sides = [split_parenthetical(x)[0] for x in sides]
        return sides if all(proper_name(x) and not is_subject_word(x) for x in sides) else None

    # descriptive leads and rivals named in sentences ----------------------------------------

    def written_in_text(self, name: str) -> bool:
        """Whether every word of ``name`` is written, as the heading writes it, in the
        document's text (not only in its headings; ``Lucene-Solr`` when the text writes
        ``Lucene`` and ``Solr``); the words are gathered once, so many headings stay linear."""
        if self._text_words is None:
            self._text_words = {w.strip(".,;:!?()[]\"'`*") for b in self.blocks
                                if b.kind in ("para", "item", "row") for w in b.text.split()}
            self._text_words |= {p for w in list(self._text_words) if "-" in w for p in w.split("-")}
        words = [w.strip(".,;:!?()[]\"'`*") for w in name.split() if w.lower() not in _CONNECTORS]
        return bool(words) and all(w in self._text_words or ("-" in w and all(p in self._text_words for p in w.split("-")))
                                   for w in words)

    def with_others(self, heading: str) -> bool:
        """Whether a heading or the title compares with *other* projects (the writer's own unnamed)."""
        return bool(_WITH_OTHERS.search(heading) or _WITH_OTHERS.search(self.doc.title or ""))

    def heading_above(self, j: int) -> str:
        """The text of the last heading before block ``j`` ("" when none)."""
        k = bisect.bisect_left(self.o.headings, j)
        return self.blocks[self.o.headings[k - 1]].text if k else ""

    def outside_tables(self) -> Counter:
        if self._outside is None:
            self._outside = words_outside_tables(self.blocks)
        return self._outside

    def words_of_text(self) -> tuple[set[str], set[str]]:
        """Words the document writes in lower case, and words it capitalises inside a sentence."""
        if self._lower is None:
            self._lower, self._capital = set(), set()
            for b in self.blocks:
                if b.kind in ("para", "item", "row"):
                    raw = b.text.split()
                    words = [w.strip(".,;:!?()[]\"'`*") for w in raw]
                    self._lower.update(w for w in words if w.islower())
                    # capitalised after a word that ends no sentence, clause or label
                    self._capital.update(w for n, w in enumerate(words) if n and w[:1].isupper()
                                         and raw[n - 1][-1:] not in ".:!?;-\u2013\u2014|>" and words[n - 1])
        return self._lower, self._capital

    def described(self, lead: str) -> bool:
        """``Technology Gap``, ``Minimal``: a lead whose every word the document also writes in
        lower case (and, for one word, never capitalises inside a sentence) describes; it is no
        name. A word with inner capitals, digits or dots (``HubSpot``, ``Keystone.js``) is a name's."""
        lower, capital = self.words_of_text()
        words = [w.strip("()") for w in split_parenthetical(lead.rstrip(":"))[0].split()
                 if w.lower() not in _CONNECTORS]
        if not words or any(not w.replace("-", "").isalpha() or any(c.isupper() for c in w[1:]) for w in words):
            return False
        if len(words) == 1 and words[0] in capital:
            return False
        return all(w.lower() in lower for w in words)

    def described_lists(self) -> set[int]:
        """Lists whose leads mostly describe (``**Technology Gap**:``, ``**Production Scaling**:``):
        none of their leads is read as a rival. A lead that a descriptive list uses counts as a
        description in every list (reports repeat their labels from part to part)."""
        if self._described is not None:
            return self._described
        leads = [(b.list_id, lead) for b in self.blocks if b.kind == "item" and (lead := _lead(b)[0]) is not None]
        labels: set[str] = set()
        lists: set[int] = set()
        for _ in range(2):
            votes: dict[int, list[bool]] = {}
            for lid, lead in leads:
                votes.setdefault(lid, []).append(lead.lower() not in labels and not self.described(lead) and bool(
                    rival_names(split_parenthetical(lead)[0], proper=True)))
            lists = {lid for lid, v in votes.items() if len(v) >= 2 and 2 * sum(v) < len(v)} - self.link_lists()
            labels = {lead.lower() for lid, lead in leads if lid in lists}
        self._described = lists
        self._labels = labels
        return lists

    def name_lists(self) -> set[int]:
        """Lists whose leads are names by the strict test, two at least and two in three: a lead
        of everyday words there (``On Running``, ``Baidu Apollo Go``) is a name too."""
        if self._name_lists is None:
            votes: dict[int, list[bool]] = {}
            for b in self.blocks:
                if b.kind == "item" and (lead := _lead(b)[0]) is not None:
                    votes.setdefault(b.list_id, []).append(bool(rival_names(split_parenthetical(lead)[0], proper=True)))
            self._name_lists = {lid for lid, v in votes.items() if sum(v) >= 2 and 3 * sum(v) >= 2 * len(v)}
        return self._name_lists

    def is_label(self, j: int) -> bool:
        """Whether item ``j`` is led by a description that a descriptive list also uses."""
        self.described_lists()
        lead = _lead(self.blocks[j])[0]
        return lead is not None and lead.lower() in self._labels

    def sentence_item(self, j: int, owner: str | None) -> bool:
        """``- **No clustering**: Quillbase and Vectra ship clusters today.``: in a competition
        section, the names that open a sentence of an item, before its verb, are rivals."""
        b = self.blocks[j]
        lead, rest = _lead(b)
        if lead is not None and (is_subject_word(lead) or leading_strong(b.inline) is None):
            return False  # "Us: Full leaderboard", "Impact: Viral growth": a field, not sentences
        found = False
        for s in sentences(strip_separator(rest) if lead is not None else b.text):
            for n in self.opening_names(s):
                self.add(n, s, b.line, "section", owner, split=False)
                found = True
        return found

    def opening_names(self, sentence: str) -> list[str]:
        """``'Quillbase, Vectra, and Pinedb ship clusters'`` -> the three names; none when a word
        of the opening is no name or the name is the subject's."""
        words = sentence.split()
        k = 0
        while k < min(len(words), 12) and (words[k][:1].isupper() or words[k] in ("and", "&", "or")):
            k += 1
        if k == 0 or k >= len(words) or not words[k][:1].islower() or words[k - 1] in ("and", "or", "&") \
                or not words[k].isalpha() \
                or any(_POSSESSIVE.search(w.rstrip(",")) for w in words[:k]):
            return []
        names = targets_of(" ".join(words[:k]).rstrip(","), generic=False)
        lower, capital = self.words_of_text()
        if len(names) == 1 and names[0].isalpha() and names[0].istitle() and names[0].lower() in lower:
            return []  # "Competitive pricing pressure": a word the text also writes in lower case
        subject = (self.doc.subject or "").lower()
        # each name is written capitalised inside some sentence, except the first of a list
        strong = [n for i, n in enumerate(names) if proper_name(n) and n.lower() != subject
                  and not is_subject_word(n) and (i == 0 < len(names) - 1 or all(
                      w in capital or w.lower() in _CONNECTORS or (len(names) > 1 and any(
                          c.isupper() or c.isdigit() for c in w[1:])) for w in n.split()))]
        return names if names and len(strong) == len(names) and len(" ".join(names).split()) <= k else []

    def rival_heading(self, j: int, owner: str | None, lenient: bool = False, topic: bool = False) -> bool:
        """``### 2. PipeWorks / DealDesk``: rivals of ``owner``, described by the part below.

        ``lenient``: the heading is one of a numbered run of rival headings, so a name made of
        everyday words (``Get Well``, ``Aetna Care Management``) is a name there. ``topic``:
        the heading is inside a part that names no rival ("Customer Segments", "Go-To-Market
        Motion"), where a name is a rival only when the document writes it outside its heading
        (``#### Mid-Market`` over "Integrations matter most." is a segment)."""
        text = self.blocks[j].text
        if _GROUPING.match(heading_words(text)) or _CATEGORY_HEADING.match(heading_words(text)):
            return False  # "### Security Plugins": a group of rivals, read as a part
        if owner is None and self.doc.subject is None:
            return False  # nobody to be a rival of: read what the part holds instead
        words = strip_gerund(heading_words(text))
        if is_competition_heading(text):
            # "Rivian Competitive Position": a rival's own part when the words before the
            # competition words are a name the document also uses elsewhere
            words = _COMPETITION_WORDS.split(strip_numbering(words), maxsplit=1)[0].strip()
            if not words or not self.named_elsewhere(words, j):
                return False
        name, aliases, _, _ = split_heading(words)
        names = [n for n in rival_names(name, proper=True) if not self.common_noun(n)]
        if not names and lenient and rival_name(name) and not is_generic(name) and not name[:1].islower():
            names = [name]
        aliases = [a for a in aliases if not self.owned_by(j, a)]
        parts = [p.strip() for p in name.split(" & ")]
        if len(names) == 1 and len(parts) == 2 and all(proper_name(p) and self.named_elsewhere(p, j) for p in parts):
            names = parts  # "Bleve & Tantivy", named apart in the text ("Weights & Biases" is not)
        if not names or (topic and not lenient and not split_heading(text)[2]
                         and not any(self.written_in_text(n) for n in names)):
            return False  # a numbered heading ("### 1. Zentra Health") is one of a list of names
        end = self.o.scope_end(j)
        if len(names) == 1 and self.rates_several(j, end, names[0], owner):
            self.aspect_part(j, owner)  # "### Casual Learner" over ratings of Acme, Globex, Hooli
            return True
        self.used.add(j)
        said = [k for k in range(j + 1, end) if self.blocks[k].kind in ("para", "item")
                and _NOT_A_RIVAL.match(strip_marks(self.blocks[k].text))]
        if said:  # "**Not really a competitor** - a tool for ...": said not to be one
            self.used.update(said)
            return True
        claim = next((b.text for b in self.blocks[j + 1:end] if b.kind == "para"), "")
        for n in names:
            self.add(n + "".join(f" ({a})" for a in aliases), claim, self.blocks[j].line,
                     "section", owner, split=False)
        if len(names) == 1 and not combination_parts(names[0]):  # a combination has no one profile
            self.rival_body(j, end, names[0], aliases, owner)
        return True

    def rates_several(self, j: int, end: int, name: str, owner: str | None) -> bool:
        """A sub-heading over a comparison of the subject with two others or more (a table headed
        by their names, items led by them): an aspect (a persona, a category), not a rival."""
        own = {x.lower() for x in (owner, self.doc.subject) if x}
        if not own or name.lower() in own:
            return False
        stop = next((k for k in range(j + 1, end) if self.blocks[k].kind == "heading"), end)
        named: set[str] = set()
        for b in self.blocks[j + 1:stop]:
            if b.kind == "row" and b.header:
                named |= {c.strip(" *").lower() for c in b.cells[1:] if rival_name(c.strip(" *"))}
            elif b.kind == "item" and (lead := _lead(b)[0]) is not None and rival_name(lead):
                named.add(lead.lower())
        return bool(named & own) and len(named - own) >= 2

    def owned_by(self, j: int, alias: str) -> bool:
        """``### Contessa (Amedisys)`` over "Acquired by Amedisys": the parenthetical names the
        owner, not another name of the rival (two companies must not become one)."""
        end = min(self.o.scope_end(j), j + 4)
        pattern = re.compile(r"\b(?:acquired by|subsidiary of|owned by|part of|division of|unit of|"
                             r"parent(?: company)?:?|a brand of|backed by|spun out of|spin-off of) (?:the )?"
                             + re.escape(alias) + r"(?!\w)", re.IGNORECASE)
        return any(pattern.search(b.text) for b in self.blocks[j + 1:end])

    def rival_body(self, j: int, end: int, name: str, aliases: list[str], owner: str | None) -> None:
        facts = [FactRecord(*kv, b.line) for b in self.blocks[j + 1:end]
                 if b.kind == "item" and (kv := _key_value(b)) and kv[0].lower() in FACT_KEYS]
        self.doc.rivals.append(EntityRecord(name, aliases, self.blocks[j].text, self.blocks[j].line, facts))
        for k in range(j + 1, end):
            b = self.blocks[k]
            if b.kind in ("item", "para"):
                if self.claim_against(k, name) or self.lead(k, owner, rival=name):
                    self.used.add(k)
            if b.kind in ("item", "para"):
                self.used.add(k)
            elif b.kind == "heading" and (m := _AND_OTHERS.match(heading_words(b.text))) \
                    and proper_name(m.group("n")) and not is_generic(m.group("n")):
                # "### Preact and Other React-Like Libraries" in React's part: one more rival
                self.add(m.group("n"), "", b.line, "section", owner, split=False)
                self.used.add(k)

    def claim_against(self, k: int, rival: str) -> bool:
        """``**Strengths vs Beacon**: brand`` inside Hubble's section: Hubble's claim."""
        lead, rest = _lead(self.blocks[k])
        m = _CLAIM_AGAINST.match(lead) if lead else None
        if not m:
            return False
        for t in targets_of(m.group("who")):
            self.add(t, strip_separator(rest), self.blocks[k].line, "lead", rival)
        return True

    def named_item(self, j: int, owner: str | None, bare: bool = False) -> bool:
        """``1. **Ledgerline (LDG)** - the incumbent``, ``Tillwise: POS first``: a rival
        (with ``bare``, only an item that is a name and nothing else: ``- [rqlite](url)``)."""
        b = self.blocks[j]
        lead, rest = _lead(b)
        if lead is None:
            lead, rest = b.text, ""
        elif bare:
            return False
        if _RESOURCE_LABEL.match(heading_words(b.label_before)):
            return False  # "Further reading:" lists pages, not rivals
        if lead == b.text and b.list_id in self.said_lists():
            return False  # "Expensive ($10/mo)" among "Limited languages", "No community": a trait
        name, aliases = split_parenthetical(lead.rstrip(":"))
        if _key_value(b) is not None and name.lower() in _FACT_KEYS_LOWER:
            return False
        names = rival_names(name, proper=True)
        if not names and not bare and b.list_id in self.name_lists() and rival_name(name) \
                and not is_generic(name) and name[:1].isupper() and not self.described(name):
            names = [name]  # "On Running" in a list of names ("Adidas", "New Balance")
        if not names and not bare and (linked := _link_lead(b)) is not None and b.list_id in self.link_lists() \
                and rival_name(linked) and not is_generic(linked) and not _FIGURE_OR_DOC.match(linked):
            name, aliases, names = linked, [], [linked]  # "[task](url): a runner": a link names one thing
        named = (linked := _link_lead(b)) is not None and names == [linked]
        if not names or self.combines_own(name, owner):
            return False
        for n in names:
            self.add(n + "".join(f" ({a})" for a in aliases) if len(names) == 1 else n,
                     strip_separator(rest), b.line, "section", owner, split=False, named=named)
        return True

    def compared_run(self) -> None:
        """The name sections of a page whose subject is what they are compared with: rivals."""
        for j in name_run(self.o):
            if j not in self.used and self.owner_of[j] is None:
                self.rival_heading(j, None)

    def said_lists(self) -> set[int]:
        """Lists of bare items that mostly say things (``Limited languages (11)``, ``No community
        features``): three items at least, fewer than one in three a name. A name there
        (``Expensive``) is a trait of what the list describes."""
        if self._said_lists is None:
            votes: dict[int, list[bool]] = {}
            for b in self.blocks:
                if b.kind == "item" and _lead(b)[0] is None:
                    votes.setdefault(b.list_id, []).append(
                        bool(rival_names(split_parenthetical(b.text)[0], proper=True)))
            self._said_lists = {lid for lid, v in votes.items() if len(v) >= 3 and 3 * sum(v) < len(v)}
        return self._said_lists

    def link_lists(self) -> set[int]:
        """Lists of links: two items at least, and two in three, led by a link (``- [task](url):
        a runner``). A link's text there is a name even in lower case (``make``, ``maid``)."""
        if self._link_lists is None:
            votes: dict[int, list[bool]] = {}
            for b in self.blocks:
                if b.kind == "item":
                    votes.setdefault(b.list_id, []).append(_link_lead(b) is not None)
            self._link_lists = {lid for lid, v in votes.items() if sum(v) >= 2 and 3 * sum(v) >= 2 * len(v)}
        return self._link_lists

    def combines_own(self, name: str, owner: str | None) -> bool:
        """``Acme + Brightco + Cellar`` under Acme: a combination that holds the subject (or the
        profile's owner), such as a group after an acquisition, is no rival of it."""
        if " + " not in name:
            return False
        own = {x.lower() for x in (owner, self.doc.subject) if x}
        own |= {x.split()[0].lower() for x in own}  # "DoorDash" of "DoorDash Inc."
        return any(p.strip().lower() in own for p in name.split(" + "))

    def labelled_list(self, j: int, owner: str | None) -> bool:
        """``**Competitive Landscape**:`` (or ``Main competitors include:``) over a list: its
        items name rivals, as in a competition section."""
        b = self.blocks[j]
        if b.kind != "para" or not b.text.endswith(":") or not _RIVAL_LABEL.search(b.text) \
                or len(b.text.split()) > 6 or _AREA_LABEL.match(heading_words(b.text)):
            return False
        items = [k for k in range(j + 1, len(self.blocks)) if self.blocks[k].kind == "item"
                 and self.blocks[k].label_before == b.text]
        found = False
        for k in items:
            if k not in self.used and self.named_item(k, owner):
                self.used.add(k)
                found = True
        return found

    def option_list(self, j: int, owner: str | None) -> bool:
        """``Options compared:`` (``Candidates:``, ``Options considered:``) over a list of names:
        rivals of the subject, or of each other when the document has none (a decision note)."""
        b = self.blocks[j]
        if b.kind != "para" or not b.text.endswith(":") or not _OPTION_LABEL.search(b.text) \
                or len(b.text.split()) > 6:
            return False
        named: list[tuple[str, int, str]] = []
        k = j + 1
        while k < len(self.blocks) and self.blocks[k].kind == "item":
            item = self.blocks[k]
            lead, rest = _lead(item)
            name = split_parenthetical((lead or item.text).rstrip(":"))[0]
            if item.label_before == b.text and k not in self.used and rival_names(name, proper=True) \
                    and not is_generic(name):
                named.append((name, item.line, strip_separator(rest) if lead else ""))
                self.used.add(k)
            k += 1
        self.options(named, owner, "section")
        return len(named) >= 2

    def option_headings(self) -> None:
        """``## Considered Options`` in a decision record (a document with a ``Decision ...``
        heading or a ``Status:``/``Deciders:`` lead): the options its list names (else its
        name sub-headings) are weighed against each other, as an ``Options compared:`` list."""
        heads = [i for i in self.o.headings if _OPTIONS_HEADING.match(heading_words(self.blocks[i].text))]
        if not heads or not _is_decision_record(self.o):
            return
        for i in heads:
            end = self.o.scope_end(i)
            subs = self.o.headings_within(i, end)
            named = []
            for k in range(i + 1, subs[0] if subs else end):
                b = self.blocks[k]
                name = split_parenthetical((_lead(b)[0] or b.text).rstrip(":"))[0] if b.kind == "item" else ""
                if name and k not in self.used and rival_names(name, proper=True) and not is_generic(name):
                    named.append((name, b.line, strip_separator(_lead(b)[1]) if _lead(b)[0] else ""))
            if len(named) < 2:
                named = [(n, self.blocks[j].line, "") for j in subs if self.blocks[j].level == self.blocks[i].level + 1
                         and (n := _USE_VERB.sub("", split_heading(_OPTION_NUMBER.sub(
                             "", heading_words(self.blocks[j].text)))[0]))
                         and rival_names(n, proper=True) and not is_generic(n)]
            if len(named) >= 2 or (named and self.doc.subject is None and self.chosen() is not None):
                self.used.update(k for k in range(i, subs[0] if subs else end))
                owner = self.owner_of[i] or (self.chosen() if self.doc.subject is None else None)
                self.options(named, owner, "section")

    def chosen(self) -> str | None:
        """The option a decision record chose: the first bold name of its ``Decision`` part
        (``We will use **PostgreSQL**``, ``Chosen option: **MongoDB**``); found once."""
        if self._chosen is None:
            self._chosen = (self.find_chosen(),)
        return self._chosen[0]

    def find_chosen(self) -> str | None:
        for i in self.o.headings:
            if not _DECISION_PART.match(heading_words(self.blocks[i].text)):
                continue
            for b in self.blocks[i + 1:self.o.scope_end(i)][:6]:
                if b.kind in ("para", "item", "heading") and b.inline is not None and (bold := _first_bold(b)):
                    names = rival_names(bold, proper=True)
                    if len(names) > 1:
                        return None  # "Chosen: **Sentry and Datadog**": the options stay mutual
                    if names and not is_generic(bold):
                        return bold
                if b.kind in ("para", "item") and (said := _said_choice(b.text)):
                    return said
        return None

    def options(self, named: list[tuple[str, int, str]], owner: str | None, evidence: str) -> None:
        """Options weighed against each other: each a rival of ``owner`` or the subject, else
        each pair of them a rivalry (the first twelve options)."""
        subject = (owner or self.doc.subject or "").lower()
        named = [x for x in named if x[0].lower() != subject]
        if owner is not None or self.doc.subject is not None:
            for name, line, claim in named:
                self.add(name, claim, line, evidence, owner, split=False)
            return
        named = named[:_MAX_OPTIONS]
        for a in range(len(named)):
            for c in range(a + 1, len(named)):
                self.add(named[c][0], named[c][2], named[c][1], evidence, named[a][0], split=False)

    # leads, vs items, vs headings --------------------------------------------------------

    def lead(self, j: int, owner: str | None, rival: str | None = None) -> bool:
        """``Competitors: A, B and C``, ``Lost to: X``, ``Alternative to X``."""
        b = self.blocks[j]
        lead, rest = _lead(b)
        text = f"{lead}: {rest}" if lead is not None else b.text
        m = _RIVALRY_LEAD.match(text)
        if not m:
            return False
        rel = m.group("rel").lower()
        by = owner if rival is None or rel.startswith(("lost", "losing")) else rival
        after = text[m.end():]
        listed = m.group(0).rstrip()[-1:] in (":", "-", "\u2014", "\u2013")  # "Alternatives: ..."
        clause = after.split(". ")[0]
        if (src := _FROM_RIVALS.match(clause)) is not None:
            clause = clause[src.end():]  # "Strong competition from Uber, Lyft": the names after "from"
        names = targets_of(clause, generic=listed)
        if not listed and rel in _RIVAL_NOUNS and names and names[0][:1].islower():
            names = []  # "Competitors evolve.": a sentence about rivals, its verb no rival
        if rival is not None and rel.startswith(("lost", "losing")):
            names = [n for n in names if n.lower() != rival.lower()] or [rival]
        # "Competitors: Mostly static lessons" is a sentence, "Lost to: Hubble CRM in 3 deals"
        # names a rival before one: a single name cut from a phrase must be known elsewhere
        words = clause.split()
        nxt = words[len(names[0].split())].lower() if len(names) == 1 and len(words) > len(names[0].split()) else ""
        phrase = bool(nxt) and nxt not in _AFTER_A_NAME
        for n in names:
            self.add(n, text, b.line, "lead", by, vouch=phrase)
        return bool(names)

    def loose_items(self) -> None:
        """``vs.`` items and rivalry leads outside company profiles and competition sections."""
        for j, b in enumerate(self.blocks):
            if j in self.used or self.o.in_themes(j) or b.kind not in ("item", "para"):
                continue
            if b.kind == "item" and self.arrow_item(j):
                self.used.add(j)
                continue
            owner = self.owner_of[j]
            if b.kind == "item" and (sides := self.vs_item(b)) is not None:
                self.add(sides[1], "", b.line, "section", sides[0], split=False)
                self.used.add(j)
                continue
            if b.kind == "item" and (vs := parse_vs(b.inline)) is not None and owner is None:
                self.add(vs[0], vs[1], b.line, "vs-item", None)
                self.used.add(j)
            elif self.lead(j, owner) or self.labelled_list(j, owner) or self.option_list(j, owner):
                self.used.add(j)

    def vs_item(self, b: Block) -> list[str] | None:
        """``- **Sentry vs. LogRocket**:`` over the points that compare them: an item that is a
        bold comparison of two names and nothing more names two rivals, as a ``vs`` line does."""
        lead = leading_strong(b.inline) if b.inline is not None else None
        if lead is None or strip_separator(lead[1]) or not VS_INSIDE.search(lead[0]):
            return None
        sides = self.vs_line(lead[0].rstrip(":").strip())
        return [split_parenthetical(s)[0] for s in sides] if sides else None

    def arrow_item(self, j: int) -> bool:
        """``- Gmail <-- ProtonMail, Tutanota``: the names a left arrow brings in replace the
        name it points at (a right arrow, ``Yes → LangSmith``, is a step of a decision)."""
        b = self.blocks[j]
        m = _ARROW.search(b.text)
        if not m:
            return False
        left, right = b.text[:m.start()].strip(), b.text[m.end():].strip()
        head = split_parenthetical(left)[0]
        if not proper_name(head):
            return False
        listed = right.split(" (")[0] + "".join(", " + m.group(1) for m in _EXAMPLES.finditer(right))
        names = [n for n in targets_of(listed) if proper_name(split_parenthetical(n)[0])]
        for n in names:
            self.add(n, b.text, b.line, "lead", head)
        return bool(names)

    def card(self) -> None:
        """A battle card about one rival (``# Battle Card: Globex``): that rival is the
        subject's, read from the title's line."""
        if self.doc.subject is None or (card := _battle_card(self.doc, self.o)) is None:
            return
        if card[0].lower() != self.doc.subject.lower():
            self.add(card[0], self.doc.title or "", self.doc.title_line or 1, "section", None, split=False,
                     named=True)

    def headings_vs(self) -> None:
        """``## Acme vs Globex`` headings (``A vs B vs C``: every pair), and a title given only
        in front matter (``title: "Top Acme alternatives: Acme vs Globex vs Initech"``), read
        from its ``title:`` line."""
        if self.doc.title and not any(self.blocks[j].level == 1 for j in self.o.headings) \
                and (sides := vs_heading(re.sub(r"\s*[\[(]\d{4}[\])]\s*", " ", self.doc.title))):
            for a in range(len(sides)):
                for c in range(a + 1, len(sides)):
                    self.add(sides[c], self.doc.title, self.doc.title_line or 1, "heading",
                             None if is_subject_word(sides[a]) else sides[a])
        for j in self.o.headings:
            b = self.blocks[j]
            if j in self.used or self.o.in_themes(j):
                continue
            sides = vs_heading(b.text)
            if not sides:
                if self.vs_lead_heading(j):
                    self.used.add(j)
                continue
            end = self.o.scope_end(j)
            claim = next((x.text for x in self.blocks[j + 1:end] if x.kind in ("para", "item")), "")
            for a in range(len(sides)):
                for c in range(a + 1, len(sides)):
                    by = None if is_subject_word(sides[a]) else sides[a]
                    self.add(sides[c], claim, b.line, "heading", by)
            self.used.add(j)

    def vs_lead_heading(self, j: int) -> bool:
        """``## VS TOAST (market leader)``, ``## Versus legacy systems (Micros, Aloha)``: the
        subject against the rival named, or against the names in parentheses of a generic one."""
        text = heading_words(self.blocks[j].text)
        m = _VS_LEAD.match(text)
        if not m:
            return False
        rest = text[m.end():]
        name = split_parenthetical(rest)[0]
        inside = rest[rest.find("(") + 1:rest.rfind(")")] if "(" in rest and rest.endswith(")") else ""
        listed = [n for n in targets_of(inside) if proper_name(n)] if inside else []
        # a category with examples ("VS DELIVERY APPS (Rushly, Dasher)") names the examples
        names = listed if len(listed) >= 2 else [name] if proper_name(name) and not is_generic(name) else listed
        end = self.o.scope_end(j)
        claim = next((x.text for x in self.blocks[j + 1:end] if x.kind in ("para", "item")), "")
        for n in names:
            self.add(n, claim, self.blocks[j].line, "heading", None, split=False)
        return bool(names)

    # tables ----------------------------------------------------------------------------

    def tables(self, span, owner: str | None, in_section: bool = False) -> None:
        rows: dict[int, list[int]] = {}
        for j in span:
            if self.blocks[j].kind == "row" and j not in self.used and not self.o.in_themes(j):
                rows.setdefault(self.blocks[j].list_id, []).append(j)
        for idx in rows.values():
            who = owner if in_section else self.owner_of[idx[0]]
            if read_table(self, idx, who, in_section):
                self.used.update(idx)

    # prose and what was not read -----------------------------------------------------------

    def prose(self) -> None:
        so_far: dict[str, int] = {}  # names rivaled so far, for "Another competitor is B"
        for j, b in enumerate(self.blocks):
            if j in self.used or self.o.in_themes(j) or b.kind not in ("para", "item"):
                continue
            said = stated(b.text, so_far)
            for rivaled, rival, sentence in said:
                self.add(rival, sentence, b.line, "prose", None if is_subject_word(rivaled) else rivaled,
                         split=False, stated=True)
            taken = {sentence for _, _, sentence in said}
            found = bool(said)
            for left, right, sentence in relations(b.text):
                if sentence in taken:
                    continue
                by = None if is_subject_word(left) else left
                self.add(right, sentence, b.line, "prose", by, split=False)
                found = True
            if found:
                self.used.add(j)

    def unread(self) -> None:
        for j, b in enumerate(self.blocks):
            if j in self.used or self.o.in_themes(j) or not b.text:
                continue
            if self.doc.subject_how == "text" and b.line == self.doc.subject_line and b.kind == "para":
                continue  # the introduction that named the subject ("alternatives to `hop`:")
            if j not in self.in_sections and not _COMPETITIVE_LINE.search(b.text):
                continue
            text = b.text if len(b.text) <= 120 else b.text[:117] + "..."
            self.doc.unread.append(Unread(b.line, text))


_FACT_KEYS_LOWER = {"founded", "founders", "founder", "funding", "hq", "headquarters", "employees",
                    "revenue", "valuation", "website", "ceo", "investors", "stage", "pricing"}


# A lead that introduces an example: "**Example:** Acme vs. Globex", "e.g. Acme vs. Globex".
_EXAMPLE = re.compile(r"^(?:examples?|e\.g\.?|eg|for example|for instance|case|illustration)$", re.IGNORECASE)


def _broken_lines(b: Block) -> list[tuple[str | None, str]]:
    """The lines of a paragraph broken by hand (a hard break: two trailing spaces or ``\\``),
    each as ``(bold lead or None, the rest)``; one line for a paragraph that has none."""
    lines: list[tuple[str | None, str]] = []
    lead: list[str] | None = None
    rest: list[str] = []
    depth, start = 0, True
    for kind, value in b.inline or ():
        if kind == BREAK and value == "\n":
            lines.append((None if lead is None else " ".join("".join(lead).split()).rstrip(":").strip(),
                          " ".join("".join(rest).split())))
            lead, rest, depth, start = None, [], 0, True
        elif kind == STRONG:
            depth += 1
            if start and depth == 1:
                lead = []
        elif kind == END_STRONG:
            depth -= 1
            start = False
        elif kind in (TEXT, CODE, BREAK):
            text = " " if kind == BREAK else value
            if start and depth == 0 and text.strip():
                start = False
            (lead if lead is not None and depth > 0 else rest).append(text)
    lines.append((None if lead is None else " ".join("".join(lead).split()).rstrip(":").strip(),
                  " ".join("".join(rest).split())))
    return [(lead, text) for lead, text in lines if lead or text]


# A label over a list of pages to read, not of rivals: "Further reading:", "See also:".
_RESOURCE_LABEL = re.compile(r"^(?:further reading|reading|resources|references|links|useful links|see also|"
                             r"learn more|read more|sources|credits|acknowledg\w*)$", re.IGNORECASE)
# Link texts that name a page, not a product: "[Docs](url)", "[Pricing](url)", "[1](url)".
_FIGURE_OR_DOC = re.compile(r"^(?:\d+|here|link|this|docs?|documentation|website|home ?page|blog|"
                            r"github|source|repo|pricing|changelog|readme|wiki|faq|issues?|demo|"
                            r"download|more|see more|read more)$", re.IGNORECASE)


def _first_bold(b: Block) -> str | None:
    """The text of the first bold run of a block."""
    text: list[str] | None = None
    for kind, value in b.inline or ():
        if kind == STRONG and text is None:
            text = []
        elif kind == END_STRONG and text is not None:
            return " ".join("".join(text).split()) or None
        elif text is not None and kind in (TEXT, CODE):
            text.append(value)
    return None


def _link_lead(b: Block) -> str | None:
    """The text of the link that leads an item, when the item is the link alone or the link
    then a separator (``[task](url): A runner``); else None."""
    pieces = b.inline or ()
    if not pieces or pieces[0][0] != LINK:
        return None
    text: list[str] = []
    for n, (kind, value) in enumerate(pieces[1:], 1):
        if kind == END_LINK:
            rest = "".join(v for k, v in pieces[n + 1:] if k in (TEXT, CODE, HTML)).lstrip()
            name = " ".join("".join(text).split())
            if name and (not rest or rest[:1] in ":\u2014\u2013" or rest.startswith("- ")):
                return name
            return None
        if kind in (TEXT, CODE):
            text.append(value)
        elif kind != OTHER:
            return None  # a link with bold or nested pieces in it
    return None


def _lead(b: Block) -> tuple[str | None, str]:
    """The lead of an item or paragraph: its bold opening, or the text before ``': '``, ``' - '``."""
    strong = leading_strong(b.inline) if b.inline is not None else None
    if strong is not None and strong[0]:
        return strong[0].rstrip(":").strip(), strong[1]
    text = strip_marks(b.text)
    for sep in (": ", " - ", " \u2014 ", " \u2013 "):
        k = text.find(sep)
        if 0 < k <= 80:
            return text[:k].strip(), text[k + len(sep):]
    return None, text


def read(doc: DocumentRecord, o: Outline, fields: dict, subject: str | None,
         companies: dict, used: set[int]) -> None:
    """Apply every rule of this module to one document (see the module docstring)."""
    decide_subject(doc, o, fields, subject, profiles=bool(companies))
    r = _Reader(doc, o, companies, used)
    r.card()
    r.option_headings()
    if doc.subject is None and _is_decision_record(o):
        r.decision = True  # its option tables are read as such (graph.ingest.decisions)
        read_alternative_parts(r)
    r.sections()
    if doc.subject_how == "compared":
        r.compared_run()
    if doc.subject is not None:  # "## 2. Biome" over "### Strengths", "### Weaknesses"
        for j, name in rival_profiles(o, r.used | set(companies)):
            if name.lower() != doc.subject.lower():
                r.add(name, "", o.blocks[j].line, "section", None, split=False)
                r.used.add(j)
    r.headings_vs()
    if doc.subject_how == "replaced":
        for j, name, text in replacements(o, r.used, doc.subject):  # an item, or a line opening with a link
            r.add(name, text, o.blocks[j].line, "section" if o.blocks[j].kind == "item" else "lead", None, split=False)
            r.used.add(j)
    for j, line, text, names, replaced in replacement_lines(o.blocks, r.used):  # "Tooljet instead of Retool"
        for name in names:
            r.add(name, text, line, "lead", replaced, split=False)
        r.used.add(j)
    r.loose_items()
    r.tables(range(len(o.blocks)), None)
    r.prose()
    r.unread()
