"""Every rule about names, in one place: readers, resolve, query and the page use these.

* :func:`norm` and :func:`key`: exact and matching forms (case, spacing, hyphens, ``and``/``&``,
  suffixes such as ``Labs`` or ``.ai`` dropped, never the whole name);
* :func:`acronym`: ``Weights & Biases`` -> ``W&B``;
* :func:`is_generic`: a generic option (``Self-managed``, ``Cloud providers``) rather than a name;
* :func:`readable_label`: ALL-CAPS heading names made readable;
* :func:`split_targets`, :func:`split_parenthetical`: ``A / B``, ``A, B and C``, ``Name (Alias)``;
* :func:`looks_like_name`: short text that can be a company's or product's name;
* :func:`search_keys` and :data:`SEARCH_SUFFIXES`: what the page's search box matches, computed
  here so that the page finds what ``landscape show`` finds.

Every pattern here runs on single-spaced text or is anchored and bounded, so it is linear in
the length of its input.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

_SUFFIXES = {
    "labs", "lab", "ai", "inc", "incorporated", "corp", "corporation", "co", "company",
    "ltd", "limited", "llc", "gmbh", "plc", "technologies", "hq", "orm",
}
_DOMAIN = re.compile(r"\.(ai|io|com|co|dev|app|so|org|net)$")
# Generic alternatives: options rather than named rivals. Kept small and documented; matched
# on whole words of a lower-cased name.
GENERIC_FIRST_WORDS = {
    "self-managed", "self-hosted", "self-built", "self-serve", "custom", "internal", "in-house",
    "homegrown", "home-grown", "diy", "general", "generic", "traditional", "legacy", "manual",
    "existing", "other", "status", "doing", "build-your-own", "spreadsheets", "incumbent",
    "incumbents", "open-source", "point", "foss", "floss", "oss", "proprietary", "closed-source",
    "plain", "vanilla", "built-in", "builtin", "hand-rolled", "handwritten", "hand-written",
}
GENERIC_LAST_WORDS = {
    "providers", "provider", "tools", "tooling", "solutions", "vendors", "platforms",
    "incumbents", "alternatives", "approaches", "services", "frameworks", "consultancies",
    "agencies", "deployment", "deployments", "infrastructure", "workflows", "processes",
    "scripts", "spreadsheets", "stack", "stacks", "teams", "apis", "clouds", "hyperscalers",
    "options", "systems", "software",
}
_SMALL_WORDS = {"and", "of", "the", "for", "in", "on", "to", "a", "an", "by", "with", "or"}
_UPPER_WORDS = {"AI", "ML", "API", "APIS", "LLM", "IO", "HQ", "AWS", "GCP", "IBM", "SAP", "UK", "US", "EU"}


@lru_cache(maxsize=1 << 18)
def norm(text: str) -> str:
    """Case-folded, NFKC, single-spaced form used for exact comparisons."""
    text = unicodedata.normalize("NFKC", text).replace("\u2019", "'").casefold()
    return " ".join(text.split())


@lru_cache(maxsize=1 << 18)
def key(name: str) -> str:
    """Matching key: :func:`norm`, ``and`` as ``&``, suffixes dropped, spaces and hyphens removed.

    Examples
    --------
    >>> key("Mistral AI") == key("Mistral"), key("Drizzle ORM") == key("Drizzle"), key("Vue CLI") == key("Vue")
    (True, True, False)
    """
    words = norm(name).replace(" and ", " & ").split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    if words:
        words[-1] = _DOMAIN.sub("", words[-1]) or words[-1]
    while len(words) > 1 and words[-1].strip(".,") in _SUFFIXES:
        words.pop()
    k = "".join(words)
    return re.sub(r"[\s\-_.,'\"]", "", k) or norm(name)


@lru_cache(maxsize=1 << 18)
def acronym(name: str) -> str | None:
    """``Weights & Biases`` -> ``W&B``; None for one-word names (suffixes not counted)."""
    words = [w for w in name.replace("-", " ").split() if w]
    while len(words) > 1 and words[-1].lower().strip(".,") in _SUFFIXES:
        words.pop()
    if len([w for w in words if w != "&"]) < 2:
        return None
    letters = [w if w == "&" else w[0] for w in words if w.lower() not in _SMALL_WORDS or w == "&"]
    return "".join(letters).upper()


def is_acronym_like(name: str) -> bool:
    s = name.strip()
    return 2 <= len(s) <= 8 and " " not in s and s.replace("&", "").isalpha() and s.isupper()


# Words that open a common-noun phrase: "Cloud Providers", "ML Platforms", "Data Tools".
_COMMON_HEADS = {
    "cloud", "proprietary", "open", "enterprise", "managed", "hosted", "commercial", "big",
    "ml", "ai", "llm", "data", "analytics", "mlops", "devops", "saas", "database", "monitoring",
    "observability", "orchestration", "workflow", "public", "private", "on-prem", "on-premise",
    "on-premises", "no-code", "low-code", "bi", "crm", "erp", "gpu", "vector", "model",
}


def is_generic(name: str) -> bool:
    """Whether a rival's name is a generic alternative (``Self-managed``, ``Cloud providers``)
    rather than a named company or product (``Amazon Web Services``, ``Microsoft Teams``).

    Examples
    --------
    >>> [is_generic(n) for n in ("Internal tools", "General MLOps", "Cloud Providers", "Cisco Systems")]
    [True, True, True, False]
    >>> is_generic("Banks' own payout APIs"), is_generic("Typeform-like"), is_generic("Self-Coded OAuth")
    (True, True, True)
    """
    words = norm(name).split()
    if not words:
        return False
    if len(words) == 2 and words[0] in _NATIVE_WORDS and words[1] in _LANGUAGE_WORDS:
        return True  # "Native JavaScript", "Pure CSS": the language itself, no product
    if words[0] in GENERIC_FIRST_WORDS or words[0].startswith(("self-", "hand-")) or "own" in words \
            or words[-1].endswith("-like"):
        return True
    orig = name.split()
    if words[-1] in GENERIC_LAST_WORDS and (
        len(orig) == 1 or orig[-1][:1].islower() or words[0] in _COMMON_HEADS or words[0] in _CATEGORY_ADJECTIVES
    ):
        return True
    # A sentence-case common-noun phrase: "Cloud providers", "In-house teams".
    return len(orig) > 1 and all(w[:1].islower() for w in orig[1:]) and not any(
        any(c.isupper() for c in w[1:]) for w in orig
    )


def needs_label(name: str) -> bool:
    """ALL-CAPS names (``MODAL LABS``) get a readable label; ``AWS``-like acronyms do not."""
    return name.isupper() and sum(c.isalpha() for c in name) > 3


def readable_label(name: str, spellings: dict[str, Counter] | None = None) -> str:
    """A readable label for an ALL-CAPS heading name: the commonest mixed-case spelling of it in
    the documents (``spellings``, from :func:`mixed_case_spellings`) if there is one, else title
    case that keeps ``&`` and well-known acronyms.

    Examples
    --------
    >>> readable_label("WEIGHTS & BIASES"), readable_label("TOGETHER AI")
    ('Weights & Biases', 'Together AI')
    >>> readable_label("OPENAI"), readable_label("JPMORGAN CHASE")
    ('OpenAI', 'JPMorgan Chase')
    """
    if not needs_label(name):
        return name
    seen = (spellings or {}).get(norm(name))
    if seen:
        return sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    out = []
    casing = _casing()
    for i, w in enumerate(name.split()):
        if w.lower() in casing:
            out.append(casing[w.lower()])
        elif w.upper() in _UPPER_WORDS or (len(w) <= 3 and not w.isalpha()):
            out.append(w.upper() if w.isalpha() else w)
        elif i and w.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


@lru_cache(maxsize=1)
def _casing() -> dict[str, str]:
    """``{lower case: spelling}`` of well-known names (``lexicon/casing.yaml``)."""
    import yaml
    from importlib.resources import files

    data = yaml.safe_load(files(__package__).joinpath("lexicon/casing.yaml").read_text(encoding="utf-8"))
    return {w.lower(): w for w in data["spellings"]}


def slug(label: str) -> str:
    s = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().lower()
    s = s.replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "entity"


_SPLIT = re.compile(r"\s*/\s*|\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*;\s*|\s*<br\s?/?>\s*", re.IGNORECASE)


# Words that close a list of rivals without naming one: "AWS, GCP, etc."
_LIST_FILLERS = {"etc", "etc.", "others", "other", "more", "and more", "and others", "the like"}


# A scoped package's name (npm): "@firebase/auth", "@aws-amplify/auth".
_SCOPED_PACKAGE = re.compile(r"^@[a-z0-9][a-z0-9._-]{0,50}/[a-z0-9][a-z0-9._-]{0,50}$")


def split_targets(text: str) -> list[str]:
    """``'Airflow, Dagster and Prefect'`` -> ``['Airflow', 'Dagster', 'Prefect']``.

    Examples
    --------
    >>> split_targets("AWS/GCP"), split_targets("Snowflake / BigQuery, etc.")
    (['AWS', 'GCP'], ['Snowflake', 'BigQuery'])
    >>> split_targets("Zotero <br> JabRef<br/>")  # lines of a table cell
    ['Zotero', 'JabRef']
    """
    if _SCOPED_PACKAGE.match(text.strip()):
        return [text.strip()]  # "@firebase/auth": one package, not two names
    parts = [p.strip() for p in _SPLIT.split(" ".join(text.split())) if p and p.strip()]
    return [p for p in parts if p.lower() not in _LIST_FILLERS]



# Parentheticals that describe rather than name: "SigNoz (Open-Source)", "Sonar (formerly X)".
_DESCRIPTOR = re.compile(
    r"^(?:open[- ]?source|oss|beta|alpha|preview|new|legacy|deprecated|self[- ]hosted|cloud|saas|"
    r"free|freemium|paid|managed|hosted|enterprise|commercial|proprietary|recommended|"
    r"(?:formerly|previously|now|acquired|owned|part|built|based)\b.*|"
    # the text of a link after a name ("SWR (Website)"), not another name of it
    r"(?:official )?(?:website|web ?site|site|home ?page|docs|documentation|repo|repository|source|demo|link)s?)$",
    re.IGNORECASE,
)
# A parenthetical of several words is an alias only when it reads as a name (``AWS Cloud``,
# ``Weights & Biases``), not as a description (``Market Leader``, ``Premium UX``).
_NAMEISH = re.compile(r"^(?:[A-Z0-9][A-Z0-9&.+-]*|[A-Z][a-z]+[A-Z][\w]*)(?: (?:&|[A-Z0-9][A-Z0-9&.+-]*|[A-Z][a-z]+[A-Z][\w]*|[A-Z][a-z]+))*$")
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")


def split_parenthetical(text: str) -> tuple[str, list[str]]:
    """``'Amazon Web Services (AWS)'`` -> ``('Amazon Web Services', ['AWS'])``.

    A parenthetical that does not look like a name (lowercase words, digits only) is dropped.
    """
    aliases: list[str] = []

    def take(m: re.Match) -> str:
        inner = m.group(1).strip()
        words = inner.split()
        if inner and len(words) <= 4 and inner[0].isupper() and not inner[0].isdigit() \
                and not _DESCRIPTOR.match(inner) and (len(words) == 1 or _NAMEISH.match(inner)):
            aliases.append(inner)
        return " "
    name = _PAREN.sub(take, text)
    return " ".join(name.split()), aliases


# How a document names its own subject in a rivalry position ("Us vs. Globex").
SUBJECT_WORDS = {"us", "we", "our product", "our platform", "our company", "our solution",
                 "our tool", "our service", "ourselves", "our offering", "our app"}


def is_subject_word(text: str) -> bool:
    """``Us``, ``We``, ``our product``...: the document's subject, whatever its name.

    Examples
    --------
    >>> is_subject_word("Us"), is_subject_word("our platform"), is_subject_word("Usbek")
    (True, True, False)
    """
    return " ".join(text.lower().split()).strip(".:!") in SUBJECT_WORDS


def strip_marks(text: str) -> str:
    """Markers before the words of a heading or item (emoji, check marks, arrows, bullets):
    ``'🎯 VS TOAST'`` -> ``'VS TOAST'``, ``'❌ Zoho: slow'`` -> ``'Zoho: slow'``.

    Examples
    --------
    >>> strip_marks("\u274c Zoho: slow"), strip_marks("(Acme)"), strip_marks("$5 plan")
    ('Zoho: slow', '(Acme)', '$5 plan')
    """
    k = 0
    while k < len(text) and not (text[k].isalnum() or text[k] in "([\"'$@#*_`"):
        k += 1
    return text[k:]


# A phrase that says what is missing ("No MCP Gateway", "Lack of SSO"), never a name.
_MISSING = {"no", "not", "lack", "lacks", "lacking", "missing", "without"}


def looks_like_name(text: str) -> bool:
    """A rival's or company's name: short, starts with a letter or digit, has a letter, and
    says nothing is missing.

    Examples
    --------
    >>> [looks_like_name(t) for t in ("Globex Cloud", "No MCP Gateway", "Lack of SSO", "No")]
    [True, False, False, True]
    """
    text = text.strip()
    if not text or not any(c.isalpha() for c in text) or "<-" in text or "->" in text:
        return False
    if " " in text and text.split()[0].lower() in _MISSING:
        return False
    if not (text[0].isalnum() or _SCOPED_PACKAGE.match(text)):
        return False
    if len(text.split()) > 6 or len(text) > 60:
        return False
    return True


# --- rival names in running text ---------------------------------------------------------

# Words that say what a heading, lead or column is about, never a rival's name.
_NOT_A_NAME = {
    "feature", "features", "pricing", "price", "prices", "cost", "costs", "summary", "overview",
    "conclusion", "conclusions", "verdict", "faq", "faqs", "comparison", "comparisons", "table",
    "matrix", "strengths", "strength", "weaknesses", "weakness", "pros", "cons", "why", "when",
    "how", "what", "use", "cases", "performance", "benchmark", "benchmarks", "notes", "note",
    "methodology", "migration", "migrating", "community", "ecosystem", "support", "license",
    "licensing", "installation", "setup", "positioning", "differentiation", "differentiators",
    "threats", "threat", "opportunities", "risks", "risk", "takeaways", "takeaway", "insight",
    "insights", "recommendation", "recommendations", "bottom", "line", "tl;dr", "tldr",
    "introduction", "background", "landscape", "market", "segment", "segments", "category",
    "categories", "direct", "indirect", "competitors", "competitor", "competition", "alternatives",
    "alternative", "players", "other", "others", "more", "key", "main", "win", "loss", "wins",
    "losses", "win/loss", "objections", "objection", "landmines", "landmine", "positioning",
    "traction", "team", "thesis", "ask", "terms", "valuation", "funding", "customers", "product",
    "products", "roadmap", "status", "example", "examples", "details", "description", "build",
    "buy", "vs", "vs.", "versus", "we", "us", "our", "strategy", "approach", "architecture",
    "scalability", "security", "reliability", "integration", "integrations", "deployment",
    "reviews", "review", "references", "sources", "appendix", "contents", "glossary", "next",
    "steps", "questions", "answer", "answers", "feedback", "limitations", "tradeoffs", "trade-offs",
    "advantage", "advantages", "winner", "target", "follow-up", "comments", "comment", "result",
    "results", "score", "rating", "verdict", "limits", "visualize", "overall", "swot", "metrics",
    "profiles", "profile", "trends", "sectors", "presence", "type", "date", "priority", "impact",
    "analysis", "cost-benefit", "short-term", "long-term", "mid-term", "near-term", "done", "todo",
    "parameter", "parameters", "criterion", "criteria", "option", "options", "decision", "example",
    "total", "totals", "subtotal", "sum", "average", "weighted", "avg", "avg.", "mean", "median",
    "baseline", "ideal", "personas", "buyers", "icp",
}
# One-word headings that name a topic of a comparison page, never a product on their own.
_TOPIC_WORDS = {
    "search", "configuration", "deployment", "indexing", "filtering", "sorting", "relevancy",
    "relevance", "analytics", "monitoring", "logging", "tracing", "storage", "hosting", "scaling",
    "sdks", "api", "apis", "documentation", "docs", "speed", "language", "languages", "usage",
    "testing", "debugging", "setup", "installation", "compatibility", "extensibility", "plugins",
    "ecosystem", "adoption", "maturity", "popularity", "simplicity", "flexibility", "cost",
}
# A figure that opens a phrase: "50m+", "$100b+", "40%" (not "10x Genomics", "1Password").
_FIGURE = re.compile(r"^(?:[$\u20ac\u00a3\u00a5]\d[\d.,]*[a-z]{0,2}\+?|\d[\d.,]*[a-z]{0,2}[+%])$")
_PERIOD = re.compile(r"^(?:q[1-4]|h[12]|fy\s?\d{2,4}|\d{4}s?|\d+[a-z]{0,2})$", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^[\w&.+'/-]+$")



def rival_name(text: str) -> bool:
    """A heading, lead or cell that can be a rival's name: short, name-like, not a topic word."""
    name = split_parenthetical(text)[0]
    if not looks_like_name(name) or len(name.split()) > 5:
        return False
    words = [w.strip(".,:;!?()").lower() for w in name.split()]
    if all(_PERIOD.match(w) for w in words) or _FIGURE.match(words[0]):
        return False  # "Q3", "2025"; "50M+ users", "$2B ARR", "40% share" are figures
    plain = [w for w, orig in zip(words, name.split()) if not any(c.isupper() for c in orig[1:])]
    if any(w in _NOT_A_NAME for w in plain):  # "Executive Summary"; "HubSpot" has inner capitals
        return False
    if words[0] in _NOT_A_NAME or " ".join(words) in _NOT_A_NAME:
        return False
    return not is_document_part(name)


# Everyday words that make a heading a phrase rather than a name ("Getting Started",
# "Final Thoughts", "Why Look Elsewhere"); inner connectors ("Bank of America") are allowed.
_COMMON_WORDS = set("""
a about after all also an any are as at be before being best better between beyond both but by
can choose choosing closing common compare comparing considerations deep did do does each easy
every final finally first from further get getting go going good great has have here how if
important in into introducing is it its just last learn learned let like look looking make making
many may meet mention mentions more most much must my need next not now off one only or other
our out over quick read real right see should simple so some start started step steps still such
take than that their them then there these they thing things think this those thoughts through
tips to top try under up us use used using very want was way ways we well what when where which
while who why will with without work works would wrap wrapping you your bonus honorable verdict
criteria list however although because since therefore also no yes none done today tomorrow
""".split())
_CONNECTORS = {"of", "and", "&", "for", "de", "on", "the", "+", "x", "by"}
# The last word of a name that says its legal form ("Ramp Business Corporation", "Apache
# Software Foundation"), though it ends like an abstract noun.
_LEGAL_FORMS = {"corporation", "incorporation", "foundation", "association", "federation", "organization",
                "organisation", "institution", "cooperation"}
# The last word of a topic phrase rather than a product's name.
# A word written as a brand is: an inner capital after a small letter ("GitHub", "CloudForge")
# or a digit ("Auth0"); "Go-To-Market" is Title Case, no brand.
_BRAND_WORD = re.compile(r"[a-z][A-Z]|\d")
ABSTRACT_ENDING = re.compile(r"(?:ments?|ships?|tions?|ities|ity|ness)$")


def proper_name(text: str) -> bool:
    """A rival's name where only a name may stand alone (a sub-heading, a bare list item): as
    :func:`rival_name`, and no sentence-case phrase or everyday word (``Periodic SQLite
    backups``, ``Getting Started``). ``io-ts``, ``Web Test Runner``, ``Bank of America`` pass.

    Examples
    --------
    >>> [proper_name(t) for t in ("Web Test Runner", "io-ts", "Getting Started", "Periodic SQLite backups")]
    [True, True, False, False]
    >>> proper_name("Market Segmentation"), proper_name("GitHub Actions"), proper_name("Go-To-Market Motion")
    (False, True, False)
    """
    if not rival_name(text):
        return False
    words = split_parenthetical(text)[0].split()
    inner = [w for w in words[1:] if w.lower() not in _CONNECTORS]
    if len(words) > 1 and any(w[:1].islower() for w in inner):
        return False
    low = [w.strip(".,:;!?()").lower() for w in words]
    if len(low) == 1 and low[0] in _TOPIC_WORDS:
        return False
    if len(low) > 1 and ABSTRACT_ENDING.search(low[-1]) and low[-1] not in _LEGAL_FORMS \
            and not any(_BRAND_WORD.search(w) for w in words):
        return False  # "Battery Chemistry Leadership", "Geographic Expansion": a topic ("GitHub Actions" is a name)
    return low[0] not in _CONNECTORS and low[-1] not in _CONNECTORS and not any(
        w in _COMMON_WORDS for w in low if w not in _CONNECTORS)


def rival_names(text: str, proper: bool = False) -> list[str]:
    """One rival (``Hubble CRM``) or several (``PipeWorks / DealDesk``, ``A, B and C``);
    ``proper`` asks :func:`proper_name` of each instead of :func:`rival_name`.

    Examples
    --------
    >>> rival_names("PipeWorks / DealDesk"), rival_names("Getting Started", proper=True)
    (['PipeWorks', 'DealDesk'], [])
    """
    test = proper_name if proper else rival_name
    parts = split_targets(text)
    if len(parts) > 1 and all(test(p) and not p[:1].islower() for p in parts):
        return parts
    return [text] if test(text) else []


def strip_gerund(text: str) -> str:
    """``'DESTROYING SALESFORCE'`` -> ``'SALESFORCE'``, ``'Beating Oracle'`` -> ``'Oracle'``:
    a heading that opens with a verb in -ing before a name (a one-word name is kept)."""
    words = text.split()
    if len(words) > 1 and len(words[0]) >= 6 and words[0].lower().endswith("ing"):
        rest = words[1:]
        if rest and rest[0].lower() in ("against", "vs", "vs.", "versus", "over"):
            rest = rest[1:]
        return " ".join(rest) or text
    return text


def name_prefix(text: str) -> str:
    """The name that opens ``text``: ``'Hubble CRM in 3 deals'`` -> ``'Hubble CRM'``.

    Capitalised words (and ``&``, digits, ``of``) up to the first lower-case word or clause.
    """
    words = text.split(maxsplit=8)[:8]  # a name has six words at most
    out: list[str] = []
    for w in words:
        bare = w.rstrip(".,;:!?)")
        if not bare or not _NAME_TOKEN.match(bare.lstrip("(")):
            break
        camel = not out and any(c.isupper() for c in bare[1:]) and bare[:1].isalpha()  # "iPhone", "pgAdmin"
        if bare[0].isupper() or bare[0].isdigit() or bare == "&" or camel or (out and bare in ("of", "for", "de")):
            out.append(bare if bare == w else bare)
            if bare != w:
                break
            continue
        break
    while out and out[-1] in ("of", "for", "de", "&"):
        out.pop()
    return " ".join(out)


def targets_of(text: str, generic: bool = True) -> list[str]:
    """Rival names in a lead's or cell's text: ``'A, B and C.'``, ``'Hubble CRM in 3 deals'``.

    A part that does not open with a name (``'is fierce'``) gives none; a generic option
    (``'in-house tools'``) is kept whole when ``generic`` (a list after ``Alternatives:``).

    Examples
    --------
    >>> targets_of("Mosaica, Gridline and Tiler."), targets_of("Patchwork for small studios")
    (['Mosaica', 'Gridline', 'Tiler'], ['Patchwork'])
    """
    text = text.strip().rstrip(".;")
    out = []
    for part in split_targets(text):
        if is_subject_word(part):
            out.append(part)
            continue
        name, aliases = split_parenthetical(part)
        words = name.split()
        if generic and is_generic(name) and len(words) <= 4 and is_generic(name_prefix(name) or name):
            out.append(name)  # "Board-like tools": resolve says it is no named rival
            continue
        if len(words) > 4 or any(w[:1].islower() and w not in _CONNECTORS for w in words[1:]):
            name = name_prefix(name)
        if name and rival_name(name):
            out.append(name + "".join(f" ({a})" for a in aliases))
    return out


def mixed_case_spellings(names: set[str], texts) -> dict[str, Counter]:
    """For each ALL-CAPS name (by :func:`norm`), how often each mixed-case spelling of it
    occurs in ``texts`` as whole words. Linear in the text; counts only wanted names.

    An ASCII text (nearly all of them) is lower-cased and split once: for ASCII,
    ``str.lower`` is ``casefold`` and :func:`norm` of single-spaced words is their lower
    case, so its words are looked up without a call per word; other texts word by word.
    """
    wanted = {norm(n) for n in names if needs_label(n)}
    out: dict[str, Counter] = {}
    if not wanted:
        return out
    lengths: dict[str, set[int]] = {}  # first word -> word counts of wanted names starting so
    for w in wanted:
        parts = w.split()
        lengths.setdefault(parts[0], set()).add(len(parts))
    for text in texts:
        spaced = text.replace("(", " ").replace(")", " ").replace(":", " ").replace(",", " ")
        if not spaced.isascii():
            _count_spellings(spaced.split(), lengths, wanted, out)
            continue
        folded = spaced.lower().split()
        if lengths.keys().isdisjoint(folded):
            continue
        words = spaced.split()
        for i, first in enumerate(folded):
            sizes = lengths.get(first)
            if sizes is None:
                continue
            for n in sizes:
                k = " ".join(folded[i:i + n])
                if k in wanted:
                    run = " ".join(words[i:i + n])
                    if not run.isupper() and not run.islower():
                        out.setdefault(k, Counter())[run] += 1
    return out


def _count_spellings(words: list[str], lengths: dict[str, set[int]], wanted: set[str],
                     out: dict[str, Counter]) -> None:
    """:func:`mixed_case_spellings` of one text's ``words``, one word at a time."""
    for i, first in enumerate(words):
        sizes = lengths.get(first.casefold())
        if sizes is None:
            continue
        for n in sizes:
            run = " ".join(words[i:i + n])
            k = norm(run)
            if k in wanted and not run.isupper() and not run.islower():
                out.setdefault(k, Counter())[run] += 1


# --- the page's search ----------------------------------------------------------------------

# Word suffixes a query may carry that a name's key leaves out ("Neptune.ai", "Modal Labs").
SEARCH_SUFFIXES = tuple(sorted(_SUFFIXES | {"ai", "io", "com", "co", "dev", "app", "so", "org", "net"},
                               key=lambda s: (-len(s), s)))


def loose(text: str) -> str:
    """The search form of a text: NFKC, lower case, ``&`` read as ``and``, letters and digits only.

    The page applies the same three steps to what is typed (``page.js``: ``loose``).

    Examples
    --------
    >>> loose("Weights & Biases"), loose("hugging-face"), loose("Neptune.ai")
    ('weightsandbiases', 'huggingface', 'neptuneai')
    """
    text = unicodedata.normalize("NFKC", text).lower().replace("&", "and")
    return "".join(c for c in text if c.isalnum())


def search_keys(label: str, aliases=()) -> list[str]:
    """Every search form under which an entity is found: each name, each name without its
    suffixes (``Modal Labs`` -> ``modal``), its acronym (``W&B`` -> ``wandb``), sorted.

    Examples
    --------
    >>> search_keys("Weights & Biases", ["W&B"])
    ['wandb', 'weightsandbiases']
    >>> search_keys("Neptune")
    ['neptune']
    """
    keys: set[str] = set()
    for name in (label, *aliases):
        keys.add(loose(name))
        keys.add(loose(key(name)))
        a = acronym(name)
        if a:
            keys.add(loose(a))
    keys.discard("")
    return sorted(keys)


# --- parts of an analysis and combinations of products --------------------------------------

# The parts of a strategy framework, never a company: Porter's five forces ("Threat of New
# Entrants", "Bargaining Power of Buyers", "Competitive Rivalry").
_FRAMEWORK_PART = re.compile(
    r"^(?:porter'?s )?(?:threats? of (?:new )?(?:entrants?|entry|substitutes?|substitution|new players)|"
    r"(?:the )?(?:bargaining )?power of (?:buyers|suppliers|customers|vendors|sellers)|"
    r"(?:customer|market|user|audience) (?:segmentation|segments|personas?)|(?:target|ideal) (?:audience|market|"
    r"customers?|users?|customer profiles?)|(?:user|buyer|customer) personas?|"
    r"(?:buyer|supplier|customer)s?'? (?:bargaining )?power|(?:competitive|industry|existing) rivalry|"
    r"rivalry (?:among|between|with(?:in)?) (?:existing )?(?:competitors|firms|players|rivals)|"
    r"barriers? to entry|five forces(?: analysis)?)$",
    re.IGNORECASE,
)
# A numbered part of a document ("Primary Persona 1", "Phase 2", "Trend 3", "Persona B"), or a
# persona heading without a number ("Primary Persona", "Buyer Persona"): a part, not a name.
_NUMBERED_PART = re.compile(
    r"^(?:[a-z-]{1,20} ){0,2}(?:(?:persona|phase|stage|step|trend|segment|tier|scenario|milestone|wave|"
    r"horizon|pillar|use case|theme|objective|goal|priority|initiative|chapter|hypothesis|assumption|"
    r"lesson|finding|insight|pain point|requirement|experiment|archetype|user|buyer|customer|icp|"
    r"sprint|quarter|week|month|year)(?: ?#?\d{1,3}| #?(?:[ivx]{1,4}|[a-h]))|personas?|archetypes?|icps?)$",
    re.IGNORECASE,
)


def is_document_part(name: str) -> bool:
    """A heading's or lead's text that names a part of an analysis, not a company: a force of
    Porter's model, a numbered persona, phase or trend.

    Examples
    --------
    >>> [is_document_part(t) for t in ("Threat of New Entrants", "Bargaining Power of Buyers",
    ...                                 "Primary Persona 1", "Phase 2", "Persona", "Windows 11", "Acme")]
    [True, True, True, True, True, False, False]
    """
    text = " ".join(name.split()).strip(" :*_")
    if len(text) > 80:
        return False
    return bool(_FRAMEWORK_PART.match(text) or _NUMBERED_PART.match(text))


# "Native JavaScript", "Pure Python", "Raw SQL": a language or the platform's own API, written
# as an option against libraries.
_NATIVE_WORDS = {"native", "pure", "raw", "standard"}
_LANGUAGE_WORDS = {"javascript", "js", "typescript", "ts", "python", "css", "html", "sql", "java", "go", "rust",
                   "ruby", "php", "c", "c++", "c#", "swift", "kotlin", "bash", "shell", "dom", "fetch", "apis", "api",
                   "browser", "node", "node.js", "es6", "ecmascript", "webassembly", "wasm", "git", "unix", "posix"}
# Words that close a combination of products used together: "ChatGPT + Notion Combo".
_COMBINATION_WORDS = {"combo", "combination", "stack", "bundle", "pairing", "setup", "duo", "workflow"}


def combination_parts(text: str) -> list[str]:
    """The products of a combination used together (``'ChatGPT + Notion'``, ``'Sheets + Zapier
    combo'``): each a name of its own; ``[]`` for any other text, and for a part that is no
    name (``'Acme + more'``). Two to four parts.

    Examples
    --------
    >>> combination_parts("ChatGPT + Notion Combo"), combination_parts("Acme + more"), combination_parts("C++")
    (['ChatGPT', 'Notion'], [], [])
    """
    if " + " not in text or len(text) > 200:
        return []
    parts = [" ".join(p.split()) for p in text.split(" + ")]
    if not 2 <= len(parts) <= 4:
        return []
    words = parts[-1].split()
    if len(words) > 1 and words[-1].lower() in _COMBINATION_WORDS:
        parts[-1] = " ".join(words[:-1])
    return parts if all(proper_name(p) and not is_generic(p) for p in parts) else []


# The first word of a category rather than a name when the last is a generic one ("Specialized
# PM Tools", "Dedicated Consultancy Platforms", "Standalone Apps" aside: "Modern Treasury" is a name).
_CATEGORY_ADJECTIVES = {
    "specialized", "specialised", "dedicated", "standalone", "stand-alone", "niche", "vertical",
    "conventional", "typical", "basic", "simple", "classic", "established", "various", "similar",
    "competing", "all-in-one", "general-purpose", "single-purpose", "older", "newer", "larger",
    "smaller", "bigger", "big", "small", "large", "mainstream", "popular", "free", "paid",
    "premium", "budget", "cheap", "cheaper", "expensive", "heavyweight", "lightweight", "horizontal",
}
