"""The reading rules for documents people actually write (issue: read real documents).

One fixture folder per form (``tests/fixtures/read_*``), each checked exactly: which entities
of which kind, which rivalries read how (evidence) and from which line, and the trap each
fixture holds that must not be read.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path

import pytest

from rivalscape.graph.ingest.markdown import read_markdown
from rivalscape.graph.pipeline import load

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@lru_cache(maxsize=None)
def _load(case: str, subject: str | None = None, evidence: str = "all"):
    return load([FIXTURES / case], subject=subject, evidence=evidence)


def kinds(G) -> dict[str, str]:
    return dict(G.nodes(data="kind"))


def read(G) -> dict[tuple[str, str], list[tuple[str, int, str]]]:
    """``{(a, b): [(by, line, evidence), ...]}`` for every rivalry, claims in stored order."""
    return {
        tuple(sorted((u, v))): [(c["by"], c["source"]["line"], c["evidence"]) for c in d["claims"]]
        for u, v, d in G.edges(data=True) if d["kind"] == "competes"
    }


def warnings(case: str, **kw) -> list[str]:
    """Every warning ``landscape validate`` gives, as ``line: message``."""
    from rivalscape.graph.reading import unread_diagnostics

    loaded = _load(case, **kw)
    found = sorted([*loaded.diagnostics, *unread_diagnostics(loaded)], key=lambda d: d.sort_key())
    return [f"{d.line}: {d.message}" for d in found]


# --- the document's subject ----------------------------------------------------------------------


def test_subject_from_front_matter_with_aliases_and_date():
    loaded = _load("read_subject_front_matter")
    G = loaded.graph
    assert kinds(G) == {"lumen-ledger": "company", "abacus-books": "competitor", "tally-cloud": "competitor"}
    assert G.nodes["lumen-ledger"]["aliases"] == ["Lumen"]
    assert read(G) == {
        ("abacus-books", "lumen-ledger"): [("lumen-ledger", 14, "section")],
        ("lumen-ledger", "tally-cloud"): [("lumen-ledger", 19, "lead")],
    }
    (doc,) = loaded.documents
    assert (doc.subject, doc.subject_how, doc.date) == ("Lumen Ledger", "front matter", "2026-03-02")
    # Trap: "Us vs. Tally Cloud is not how we pitch it." is a sentence, not a rival's name:
    # not read, and reported.
    assert warnings("read_subject_front_matter") == [
        "15: looks competitive, but no rule read it: 'Us vs. Tally Cloud is not how we pitch it.'"]


def test_subject_from_the_title_with_its_ticker():
    G = _load("read_subject_title").graph
    assert kinds(G) == {"orbit-freight": "company", "haulwise": "competitor", "portly": "competitor",
                        "cargonaut": "competitor"}
    assert G.nodes["orbit-freight"]["aliases"] == ["ORBF"]
    assert G.nodes["haulwise"]["aliases"] == ["HW"]
    assert read(G) == {
        ("cargonaut", "orbit-freight"): [("orbit-freight", 11, "lead")],
        ("haulwise", "orbit-freight"): [("orbit-freight", 11, "lead"), ("orbit-freight", 13, "section")],
        ("orbit-freight", "portly"): [("orbit-freight", 11, "lead"), ("orbit-freight", 14, "section")],
    }
    # Traps: "22% vs 18%" is no rivalry; "Spreadsheets and email" names no rival, said so.
    assert warnings("read_subject_title") == [
        "15: looks competitive, but no rule read it: 'Spreadsheets and email - what most shippers still use.'"]


def test_subject_from_the_command_line_for_a_document_that_never_names_itself():
    G = _load("read_subject_option", subject="Scribe").graph
    assert read(G) == {("inkwell", "scribe"): [("scribe", 6, "section")],
                       ("quillpad", "scribe"): [("scribe", 5, "section")]}
    # Without it the rivals are entities, and each unattached rivalry is a warning.
    G = _load("read_subject_option").graph
    assert kinds(G) == {"quillpad": "competitor", "inkwell": "competitor"}
    assert all("names no subject" in w for w in warnings("read_subject_option"))


@pytest.mark.parametrize("title, subject", [
    ("Parcelpay (PARCEL): Seed Memo", ("Parcelpay", ["PARCEL"])),
    ("Competitive Analysis: Beacon CRM", ("Beacon CRM", [])),
    ("Why Acme?", ("Acme", [])),
    ("How Quarry compares", ("Quarry", [])),
    ("Comparing The Top 9 Datadog Alternatives in 2024", ("Datadog", [])),
    ("Acme vs Globex", ("Acme", [])),
    # traps: titles that name no product
    ("Open-source alternatives to SaaS tools", None),
    ("AI INFRASTRUCTURE CASE STUDIES (2025)", None),
    ("Meeting Notes", None),
    ("Field notes, spring", None),
    ("Comparisons with Other Test Runners", None),
])
def test_title_subject(title, subject):
    from rivalscape.graph.ingest.competition import title_subject

    assert title_subject(title) == subject


# --- competition sections, headings, leads ---------------------------------------------------------


def test_competition_section_sub_headings_items_and_table():
    G = _load("read_competition_section").graph
    assert kinds(G) == {"beaconly": "company", "harbor-crm": "competitor", "pipewell": "competitor",
                        "dealnest": "competitor", "leadloop": "competitor"}
    assert read(G) == {
        ("beaconly", "dealnest"): [("beaconly", 11, "section")],
        ("beaconly", "pipewell"): [("beaconly", 11, "section")],
        # the rival's own claim against the subject is the rival's ("Strengths vs Beaconly")
        ("beaconly", "harbor-crm"): [("beaconly", 5, "section"), ("harbor-crm", 8, "lead"),
                                     ("beaconly", 9, "lead"), ("beaconly", 23, "table")],
        ("beaconly", "leadloop"): [("beaconly", 24, "table")],
    }
    facts = [(f["label"], f["text"]) for f in G.nodes["harbor-crm"]["facts"]]
    assert facts == [("Founded", "2009")]
    claims = {c["source"]["line"]: c["text"] for c in G.edges["beaconly", "harbor-crm"]["claims"]}
    assert claims[8] == "large partner network"
    assert claims[23] == "Strength: Brand; Weakness: Slow setup"
    # Trap: "### Pricing" under the section is a topic, not a rival.
    assert "pricing" not in G


def test_vs_headings_and_their_traps():
    G = _load("read_vs_headings").graph
    assert kinds(G) == {"streamlet": "company", "kafkette": "competitor", "ferrybox": "competitor",
                        "conduo": "competitor", "pipely": "competitor", "theme:speed-vs-safety": "theme"}
    assert read(G) == {
        ("kafkette", "streamlet"): [("streamlet", 3, "heading")],
        ("ferrybox", "streamlet"): [("streamlet", 7, "heading")],  # "Case study 1: ... - retail sync"
        ("conduo", "streamlet"): [("streamlet", 11, "heading")],  # "Streamlet vs Conduo/Pipely"
        ("pipely", "streamlet"): [("streamlet", 11, "heading")],
    }
    # Traps: "Build vs. Buy", "Infrastructure vs. Application Strategy", "Speed vs. Safety" (themes).
    for trap in ("build", "buy", "infrastructure", "safety", "speed"):
        assert trap not in G


def test_rivalry_leads_and_a_lead_that_names_nobody():
    G = _load("read_rivalry_leads").graph
    assert read(G) == {
        ("gridline", "tessellate"): [("tessellate", 3, "lead"), ("tessellate", 7, "lead")],
        ("mosaica", "tessellate"): [("tessellate", 3, "lead"), ("tessellate", 5, "lead")],
        ("patchwork", "tessellate"): [("tessellate", 6, "lead")],
        ("tessellate", "tiler"): [("tessellate", 3, "lead")],
    }
    # Traps: "Competition is fierce and mostly on price." names nobody, "Competitors: Mostly
    # static lessons" describes them: reported, not read.
    assert warnings("read_rivalry_leads") == [
        "9: looks competitive, but no rule read it: 'Competition is fierce and mostly on price.'",
        "11: 'Mostly' opens a description, not a name the documents use elsewhere; not read as a rival"]
    assert "mostly" not in _load("read_rivalry_leads").graph


# --- tables -------------------------------------------------------------------------------------


def test_table_with_a_relation_column():
    G = _load("read_table_relation").graph
    assert read(G) == {
        ("jotbox", "quillnote"): [("quillnote", 5, "table")],
        ("notarium", "quillnote"): [("quillnote", 5, "table")],
        ("dayplan", "timely-cloud"): [("dayplan", 6, "table")],
    }
    assert [(f["label"], f["text"]) for f in G.nodes["quillnote"]["facts"]] == [
        ("Website", "https://example.org/quillnote")]
    # Traps: the Category column names no entity; "Board-like tools" is generic, said so.
    assert "notes" not in G and "calendars" not in G
    assert kinds(G)["kanbo"] == "competitor"
    assert any("'Board-like tools' is a generic option" in w for w in warnings("read_table_relation"))


def test_comparison_matrix_from_us_and_a_plans_table_that_is_not_one():
    G = _load("read_table_matrix").graph
    assert kinds(G) == {"rowan-analytics": "company", "metricly": "competitor", "chartwise": "competitor"}
    assert read(G) == {
        ("metricly", "rowan-analytics"): [("rowan-analytics", 5, "table")],
        ("chartwise", "rowan-analytics"): [("rowan-analytics", 5, "table")],
    }
    (claim,) = G.edges["metricly", "rowan-analytics"]["claims"]
    assert claim["text"] == "Live dashboards: Yes vs No; Price per seat: $30 vs $90"


def test_a_market_matrix_with_no_own_product_makes_its_products_rivals_of_each_other():
    G = _load("read_market_matrix").graph
    assert kinds(G) == {"quillpad": "competitor", "inkwell": "competitor", "scribblr": "competitor",
                        "us": "company", "pagebound": "competitor", "notably": "competitor",
                        "tidyfmt": "competitor", "neatr": "competitor", "prettyfy": "competitor",
                        "syncly": "competitor", "driftbox": "competitor"}
    assert read(G) == {
        # an alternatives page that writes its first column's name (`tidyfmt`) and no other:
        # that column is the writer's own, against each other column
        ("neatr", "tidyfmt"): [("tidyfmt", 6, "table")],
        ("prettyfy", "tidyfmt"): [("tidyfmt", 6, "table")],
        ("inkwell", "quillpad"): [("quillpad", 7, "table")],
        ("quillpad", "scribblr"): [("quillpad", 7, "table")],
        ("inkwell", "scribblr"): [("inkwell", 7, "table")],
        # a matrix with the writer's own column keeps its reading: Us against each, no more
        ("notably", "us"): [("us", 3, "table")],
        ("pagebound", "us"): [("us", 3, "table")],
        # a side-by-side comparison whose rows are products, in a document with none of its own
        ("driftbox", "syncly"): [("syncly", 26, "table")],
    }
    # Traps: "Industry Avg" is a figure's column, not a product; the plans table ("Basic",
    # "Plus", "Max") under "## Plans" compares no products.
    assert not {"industry-avg", "basic", "plus", "max"} & set(G)


def test_a_table_of_kinds_side_by_side_pairs_the_names_of_each_row_across_kinds():
    G = _load("read_kind_columns").graph
    assert set(G) == {"drawmatic", "sketchlane", "linewright", "plotsy", "ledgerly", "tallybook",
                      "scriptorium", "pyxis", "rubra", "ticketdesk", "helpline", "chatterbox", "murmur", "parley"}
    # "Plotsy (Pyxis)": Pyxis is a name of the table's own row, what Plotsy runs on, no alias
    assert G.nodes["plotsy"]["aliases"] == []
    assert read(G) == {
        ("drawmatic", "linewright"): [("drawmatic", 7, "table")],
        ("drawmatic", "plotsy"): [("drawmatic", 7, "table")],
        ("linewright", "sketchlane"): [("sketchlane", 7, "table")],
        ("plotsy", "sketchlane"): [("sketchlane", 7, "table")],
        ("ledgerly", "tallybook"): [("ledgerly", 8, "table")],
        ("pyxis", "scriptorium"): [("scriptorium", 9, "table")],
        ("rubra", "scriptorium"): [("scriptorium", 9, "table")],
        # "Commercial tools | Self-hosted alternatives": the first column is a kind too
        ("helpline", "ticketdesk"): [("ticketdesk", 15, "table")],
        ("chatterbox", "murmur"): [("chatterbox", 16, "table")],
        ("chatterbox", "parley"): [("chatterbox", 16, "table")],
    }
    # Traps: names in one cell are no rivals of each other (Drawmatic, Sketchlane); an
    # edition matrix ("Feature | Open source | Cloud") holds values ("Yes", "Community",
    # "Included"), no names; so does a plans table ("Plan | Free | Paid": "5 GB", "Forum").
    assert not {"yes", "no", "community", "included", "manual", "5-gb", "forum", "phone", "three"} & set(G)


def test_a_battle_card_titled_with_its_rival_has_the_subject_its_headings_say_wins():
    loaded = _load("read_battle_card_rival")
    G = loaded.graph
    subjects = {Path(d.path).name: (d.subject, d.subject_how, d.subject_line) for d in loaded.documents}
    # "## Where Tideline Wins": the writer's product; "## Why we win" over a card titled with the
    # rival: the unnamed "Us"; a card titled with the writer's own product keeps its title
    assert subjects == {"harbor.md": ("Tideline", "card", 10), "kestrel.md": ("Us", "unnamed", 7),
                        "lumenpay.md": ("Lumenpay", "title", 1), "versus.md": ("Larkspur", "title", 1),
                        "compete.md": ("Ostrava", "card", 7)}
    assert kinds(G) == {"tideline": "company", "harbor-analytics": "competitor", "us": "company",
                        "kestrel-payments": "competitor", "lumenpay": "company", "coinly": "competitor",
                        "larkspur": "company", "foxglove": "competitor", "ostrava": "company",
                        "marlow-crm": "competitor"}
    assert read(G) == {("foxglove", "larkspur"): [("larkspur", 1, "heading")],
                       ("marlow-crm", "ostrava"): [("ostrava", 1, "section")],  # "# Compete Card — Marlow CRM"
                       ("harbor-analytics", "tideline"): [("tideline", 1, "section")],
                       ("kestrel-payments", "us"): [("us", 1, "section")],
                       ("coinly", "lumenpay"): [("lumenpay", 9, "section")]}
    # Traps: "### 1. No Offline Mode — Sync vs. Local" says what the rival lacks (no company);
    # "Where they win" and "Where Kestrel wins" are the rival's; "# Larkspur vs. Foxglove Sales
    # Battlecard" names Foxglove, not "Foxglove Sales Battlecard".
    assert not {"no-offline-mode", "they", "kestrel", "foxglove-sales-battlecard"} & set(G)


def test_headings_over_qualities_name_no_rivals_and_markup_tags_are_no_part_of_a_heading():
    loaded = _load("read_quality_headings")
    G = loaded.graph
    assert kinds(G) == {"globex": "company", "hooli": "competitor", "initech": "competitor",
                        "vandelay": "competitor", "quokka": "company", "wombat": "competitor",
                        "numbat": "competitor", "kiln": "company", "potterly": "competitor"}
    assert read(G) == {
        ("kiln", "potterly"): [("kiln", 5, "section")],  # "### Limitations of going desktop" beside it
        ("globex", "hooli"): [("globex", 7, "section")],
        # "## <a name=...></a>Initech", "## <a ...>Globex vs Vandelay</a>": the anchors are markup
        ("globex", "initech"): [("globex", 23, "section")],
        ("globex", "vandelay"): [("globex", 31, "heading")],
        # a title given only in front matter, "Quokka vs Wombat vs Numbat [2024]": every pair,
        # read from its "title:" line
        ("numbat", "quokka"): [("quokka", 2, "heading")],
        ("numbat", "wombat"): [("wombat", 2, "heading")],
        ("quokka", "wombat"): [("quokka", 2, "heading")],
    }
    # Traps: the parts under "### Advantages of going hosted", "### Cons", "### Key Features"
    # hold qualities ("Developer Experience", "Completely Open Source", "Realtime Sync"); the
    # front-matter title "Q1 vs Q2 planning" compares quarters.
    assert not {"developer-experience", "completely-open-source", "realtime-sync", "steep-pricing",
                "q1", "q2", "offline-mode", "manual-updates"} & set(G)


def test_a_sub_heading_of_a_rivals_part_that_names_one_like_it_names_one_more_rival():
    G = _load("read_rival_and_others").graph
    assert kinds(G) == {"quillo": "company", "inkwell": "competitor", "notepadly": "competitor",
                        "scribe": "competitor"}
    assert read(G) == {("inkwell", "quillo"): [("quillo", 3, "section")],
                       ("notepadly", "quillo"): [("quillo", 15, "section")],
                       # "### Scribe and Other Inkwell-Like Editors" inside Inkwell's part
                       ("quillo", "scribe"): [("quillo", 11, "section")]}
    # Traps: "### Performance" is an aspect; "### Plugins and Other Add-on Tools" names no product.
    assert not {"performance", "plugins"} & set(G)


def test_alternatives_tables_that_say_what_replaces_what():
    loaded = _load("read_alternatives_tables")
    G = loaded.graph
    # "# Self-hosting list" names a kind of tool, no subject
    assert [(d.subject, d.subject_how) for d in loaded.documents] == [(None, None)]
    assert read(G) == {
        # "Instead of | Use": the second column names what replaces the first
        ("pixelforge", "rastera"): [("rastera", 9, "table")],
        ("inkpath", "vectorly"): [("inkpath", 10, "table")],
        # "Commercial | Open Source Alternative | License": a relation column whose rows have
        # no name column of their own, read as a table of kinds
        ("kanbanix", "taskmaster-pro"): [("taskmaster-pro", 16, "table")],
        ("pagefold", "wikiworks"): [("wikiworks", 17, "table")],
    }
    # Trap: a style guide's "Instead of | Use" table holds words and commands, no names.
    assert not {"utilize", "use", "git-checkout", "git-switch", "to", "self-hosting"} & set(G)


def test_parts_of_an_analysis_that_are_segments_personas_or_motions_name_no_rivals():
    G = _load("read_landscape_parts").graph
    assert kinds(G) == {"corvid": "company", "magpie-labs": "competitor", "jaybird": "competitor",
                        "rookery": "competitor", "wren-finch": "competitor"}
    assert read(G) == {
        # under "### Older engines" (no rival), a name the text writes ("Finch ... Wren")
        ("corvid", "wren-finch"): [("corvid", 47, "section")],
        # "### Market Leaders" groups rivals, as "### Direct Competitors" does
        ("corvid", "magpie-labs"): [("corvid", 7, "section"), ("corvid", 37, "section")],
        ("corvid", "jaybird"): [("corvid", 8, "section")],
        ("corvid", "rookery"): [("corvid", 41, "section")],
    }
    # Traps: "### Buyer Personas" (a persona is no product), and the sub-headings of parts that
    # name no rival ("#### Mid-Market" under "### Customer Segments", "#### Product-Led Growth"
    # and "#### Channel Partners" under "### Go-To-Market Motion"), never written outside their
    # headings as they are there ("mid-market buyers"); the descriptive leads ("SMB Owners",
    # "Speed", "TAM").
    assert not {"buyer-personas", "mid-market", "startups", "product-led-growth", "channel-partners",
                "smb-owners", "speed", "tam", "operations-manager", "finance-lead"} & set(G)


# --- prose and comparison pages ---------------------------------------------------------------------


def test_prose_only_between_entities_known_from_structure():
    G = _load("read_prose").graph
    assert kinds(G) == {"vanta-rail": "company", "signalbox": "competitor", "trackside": "competitor"}
    assert read(G) == {
        ("signalbox", "trackside"): [("signalbox", 10, "prose")],
        ("signalbox", "vanta-rail"): [("vanta-rail", 5, "section"), ("vanta-rail", 10, "prose")],
        ("trackside", "vanta-rail"): [("vanta-rail", 6, "section"), ("vanta-rail", 10, "prose")],
    }
    # Traps: "Pointwork" is named only in prose; "Q1 vs. Q2", "$5 vs $10", "99% vs 97%".
    assert "pointwork" not in G and not any(n.startswith(("q1", "q2")) for n in G)
    assert warnings("read_prose") == []


def test_evidence_structural_leaves_prose_out():
    G = _load("read_prose", evidence="structural").graph
    assert read(G) == {
        ("signalbox", "vanta-rail"): [("vanta-rail", 5, "section")],
        ("trackside", "vanta-rail"): [("vanta-rail", 6, "section")],
    }
    assert _load("read_prose").graph.edges["signalbox", "trackside"]["evidence"] == ["prose"]


def test_comparison_page_titled_alternatives():
    loaded = _load("read_comparison_page")
    G = loaded.graph
    assert kinds(G) == {"tidepool": "company", "shorefs": "competitor", "raftly": "competitor",
                        "quorumdb": "competitor"}
    assert read(G) == {
        ("shorefs", "tidepool"): [("tidepool", 14, "section")],
        ("raftly", "tidepool"): [("tidepool", 22, "section")],
        ("quorumdb", "tidepool"): [("tidepool", 23, "section")],
    }
    assert loaded.documents[0].subject_how == "text"
    # Traps: "Getting Started", "Configuration", "Consensus-based replication" are topics.
    assert not {"getting-started", "configuration", "consensus-based-replication"} & set(G)


# --- warnings -------------------------------------------------------------------------------------


def test_a_rival_one_letter_from_another_is_flagged():
    assert warnings("read_typo_rivals") == [
        "9: 'Stripe' and 'Stripee' differ by one letter: a typo? (they are kept as two entities)"]


def test_deep_nesting_and_a_mid_file_byte_order_mark_are_reported_and_the_heading_kept():
    G = _load("read_nesting_and_bom").graph
    assert kinds(G)["bomco"] == "company"  # the heading after the mark is a heading
    assert ("bomco", "markless") in {tuple(sorted(e)) for e in G.edges}
    assert not G.has_edge("deepco", "bomco")
    msgs = warnings("read_nesting_and_bom")
    assert "219: byte-order mark inside the document (removed)" in msgs
    assert any("nested deeper than" in m for m in msgs)
    # every item is read, the deepest as if less deep
    assert sum(1 for n in G if n.startswith("rival")) == 210


def test_validate_lists_each_document_and_what_was_not_read(invoke):
    r = invoke("validate", "--data", FIXTURES / "read_rivalry_leads")
    assert r.exit_code == 0
    assert r.stderr.splitlines()[0].endswith(
        "notes.md: subject 'Tessellate' (title, line 1); rivalries read: 4 (lead 4); "
        "1 competitive-looking line(s) not read")
    line = r.stdout.splitlines()[0]
    assert line.endswith("read_rivalry_leads/notes.md:9: warning: looks competitive, but no rule "
                         "read it: 'Competition is fierce and mostly on price.'")
    assert len(r.stdout.splitlines()) == 2  # and the description at line 11
    assert invoke("validate", "--strict", "--data", FIXTURES / "read_rivalry_leads").exit_code == 1


def test_subject_and_evidence_options_reach_every_command(invoke):
    r = invoke("competitors", "Scribe", "--subject", "Scribe", "--json",
               "--data", FIXTURES / "read_subject_option")
    assert r.exit_code == 0, r.stderr
    r = invoke("competitors", "Trackside", "--evidence", "structural", "--json",
               "--data", FIXTURES / "read_prose")
    assert "signalbox" not in r.stdout


# --- patterns run in linear time (hostile input) --------------------------------------------------------

HOSTILE = {
    "spaces in a vs item": lambda n: "### 1. Acme: T\n\n- vs. X" + " " * n + "y\n",
    "no-break spaces in a vs item": lambda n: "### 1. Acme: T\n\n- vs. X" + "\u00a0" * n + "y\n",
    "spaces in a heading": lambda n: "## Acme" + " " * n + "x\n",
    "spaces in a vs heading": lambda n: "## Acme vs" + " " * n + "Globex\n",
    "dashes in a heading": lambda n: "## Acme " + "- " * (n // 2) + "x\n",
    "colons in a lead": lambda n: "## Competitors\n\n- **A**" + ":" * n + "\n",
    "nested brackets": lambda n: "# T\n\n" + "(" * (n // 2) + ")" * (n // 2) + "\n",
    "pipes in a table": lambda n: "| a | b |\n|---|---|\n| " + "|" * n + " |\n",
    "capitalised words in prose": lambda n: "# Acme\n\n" + "Word " * (n // 5) + "competes with Globex.\n",
    "commas in a lead": lambda n: "Competitors: " + "A, " * (n // 3) + "\n",
    # found by the fuzz suite: every sub-heading searched the whole document for its name
    "repeated rival sub-headings": lambda n: "# Acme\n\n## Alternatives\n\n"
    + "### Globex Corp Competitive Threat\n\nGlobex Corp is here.\n\n" * (n // 60),
    # the rules for documents that never name themselves, and for descriptive leads
    "tables with one bold column": lambda n: "# Notes\n\n"
    + "| F | A | B | **C** |\n|---|---|---|---|\n| x | 1 | 2 | 3 |\n\n" * (n // 60),
    "a title that never comes back": lambda n: "# Acme" + " x" * (n // 4) + "\n\n" + "Acme, we are.\n\n" * (n // 30),
    "names opening sentences": lambda n: "# Acme\n\n## Competitors\n\n- " + "Globex, Initech and Hooli ship. " * (n // 33),
    "descriptive leads": lambda n: "# Acme\n\n## Competitors\n\n" + "- **Scale Gap**: the scale gap\n" * (n // 30),
    "lines broken by hand": lambda n: "# Acme\n\n## Alternatives\n\n" + "**Globex** - x vs. y  \n" * (n // 24),
    "numbered rival headings": lambda n: "# Acme\n\n## Competitors\n\n"
    + "### 1. Get Well (Owner Co)\nAcquired by Owner Co.\n\n" * (n // 50),
    "a long option list": lambda n: "# Notes\n\nOptions compared:\n\n" + "- Globex\n" * (n // 9),
    "a long decision table": lambda n: "| Option | Fit |\n|---|---|\n" + "| Globex | 1 |\n" * (n // 15),
    "a relation table keyed by situations": lambda n: "# Notes\n\n| OS | Alternative |\n|---|---|\n"
    + "| Winix 11 | Globex |\n" * (n // 22),
    "examples in an arrow item": lambda n: "- Acme <-- Globex " + "(e.g. Hooli " * (n // 13) + "\n",
    "a positioning table": lambda n: "| Seg | Vendors | Stance |\n|---|---|---|\n"
    + "| A | Globex, Hooli | Compete |\n" * (n // 30),
    "link text after column names": lambda n: "| | Acme | Globex (" + "Website " * (n // 8) + ") |\n|---|---|---|\n| x | 1 | 2 |\n",
    "a phrase before competition from": lambda n: "# Acme\n\n- **Competition:** " + "Stiff " * (n // 6)
    + "competition from Globex\n",
    "an area label over threats": lambda n: "# Acme\n\n**" + "Regional " * (n // 9) + "Competition:**\n- **Globex**: x\n",
    "a combination of names": lambda n: "# Acme\n\n## Competitors\n\n- **Acme " + "+ Globex " * (n // 9) + "**: x\n",
    "an introduction naming a subject": lambda n: "Some alternatives to `" + "x" * (n // 2) + "` are:\n\n"
    + "Alternatives to " + "Globex " * (n // 14) + "include:\n\n- [a](u): b\n",
    "a list of links": lambda n: "## Alternatives\n\nAlternatives to `hop`:\n\n" + "- [rake](u): x\n" * (n // 16),
    "an alternatives table with a long introduction": lambda n: "# Alternatives\n\n" + "Acme and " * (n // 18)
    + "\n\n| Name | Git |\n|---|---|\n| Acme | x |\n| Globex | y |\n| Hooli | z |\n",
    "many alternatives tables": lambda n: "# Alternatives\n\n" + "Acme here.\n\n| Name | Git |\n|---|---|\n"
    "| Globex | x |\n| Hooli | y |\n| Initech | z |\n\n" * (n // 80),
    "many option headings in a decision record": lambda n: "# X\n\n" + "## Decision\n\nUse x.\n\n" * (n // 40)
    + "## Options\n\n- Globex\n- Hooli\n\n### Globex\n\n" * (n // 45),
    "many alternative consideration headings": lambda n: "# ADR 1: X\n\n## Status\n\nok\n\n## Context\n\nx\n\n"
    + "## Alternative Considerations\n\n### Globex (G" + "(" * (n // 40) + ")\n\n### Hooli\n\n" * (n // 40),
    "a wide market matrix": lambda n: "## Feature comparison\n\n| Feature Area | "
    + " | ".join(f"P{i}" for i in range(n // 200)) + " |\n|" + "---|" * (n // 200 + 1) + "\n| x |\n",
    "line breaks in a table of kinds": lambda n: "| Task | Proprietary | Open source |\n|---|---|---|\n"
    + "| x | Globex" + " <br>" * (n // 10) + " | Hooli <br> Initech |\n| y | Acme | Vandelay |\n",
    "a battle card with long win headings": lambda n: "# Battle Card: Globex\n\n"
    + "## Where " + "Acme " * (n // 20) + "wins\n\n## Why " + "we " * (n // 20) + "\n\n" + "## Where x wins\n\n" * (n // 40),
    "an unclosed anchor in a heading": lambda n: "# Acme alternatives\n\n## <a name=" + "x " * (n // 2) + "Globex\n",
    "many quality headings": lambda n: "# Acme alternatives\n\n## Hosted\n\n"
    + "### Advantages of using " + "Globex " * (n // 40) + "\n\n#### Developer Experience\n\n" * (n // 60),
    "a long and-others sub-heading": lambda n: "# How Acme compares\n\n## Globex\n\nx\n\n"
    + ("### " + "Hooli " * (n // 40) + "and other " + "like-" * (n // 40) + "tools\n\n") * 20,
    "a vs title ending in document words": lambda n: "# Acme vs Globex" + " sales" * (n // 6) + " battlecard\n",
    "a long choice sentence": lambda n: "# X\n\n## Decision\n\nWe will use " + "Globex " * (n // 7) + "\n\n"
    + "## Alternatives\n\n### Hooli\n\n### Initech\n",
    "a long quoted choice": lambda n: "# X\n\n## Decision\n\nChosen option: \"" + "Globex " * (n // 7) + "\n\n"
    + "## Alternatives\n\n### Hooli\n\n### Initech\n",
    "an instead-of table": lambda n: "| Instead of | Use |\n|---|---|\n" + "| Globex | Hooli |\n" * (n // 17),
    "a long side-by-side comparison of products": lambda n: "# Notes\n\n## Comparison\n\n| Product | Price |\n|---|---|\n"
    + "".join(f"| P{i} | 1 |\n" for i in range(n // 12)),
    "many topic sub-headings": lambda n: "# Acme: Analysis\n\n## Competitors\n\n### Segments\n\n"
    + "".join(f"#### Quorx{i} Cloud\n\nx\n\n" for i in range(n // 30)),
    "bold comparison items": lambda n: "# X\n\n" + "- **Globex vs. Hooli**:\n    - x\n" * (n // 30),
    "possessives before a rival noun": lambda n: "Acme's " * (n // 7) + "main competitors are Globex.\n",
    "another competitor, again and again": lambda n: "Acme's rival is Hooli. " + "Another competitor is Globex. " * (n // 30),
    "a long sentence offering competition": lambda n: "Globex " + "offers " * (n // 7) + "competition to Acme.\n",
    "name sections compared with one name": lambda n: "# P\n\n"
    + "### Globex\n\n- worse compared to Acme versus Acme's vs. Acme\n\n" * (n // 60),
    "a long run of versus": lambda n: "# P\n\n### A\n\n### B\n\n### C\n\n" + "versus " * (n // 7) + "\n",
    "feature comparison headings": lambda n: "# Acme\n\n" + "## Feature comparison\n\n- **Minimal**: x\n\n" * (n // 40),
    "many swot headings": lambda n: "# Notes\n\n" + "## SWOT Analysis: " + "Acme " * (n // 10) + "\n\n"
    + "## Globex SWOT\n\nGlobex x.\n\n" * (n // 30),
    "many sections said not to compete": lambda n: "# Acme: Analysis\n\n## Competitors\n\n"
    + "### Globex\n\n**Not really a competitor** - x\n\n" * (n // 50),
    "many persona sub-headings": lambda n: "# Acme: Analysis\n\n## Competitors\n\n"
    + "### Casual User\n\n- **Acme:** a\n- **Globex:** b\n- **Hooli:** c\n\n" * (n // 60),
    "a long list of traits": lambda n: "# Acme\n\n## Competitors\n\n" + "- Limited support\n- Expensive\n" * (n // 30),
    "a comparison with other projects": lambda n: "# Comparison with other projects\n\n" + "We know " * (n // 16)
    + "\n\n| Name | x |\n|---|---|\n" + "| acme | y |\n" * (n // 24),
    "an alternatives heading with no title": lambda n: "## Alternatives to " + "Acme " * (n // 10) + "\n\n- Globex\n",
    "scoped package names": lambda n: "# Alternatives to Acme\n\n" + "- @" + "a" * (n // 2) + "/b\n" + "- @x/y\n" * (n // 16),
}


def reading_time_ratio(make) -> tuple[float, float, float]:
    """Read 100 KB and 1 MB of the hostile text ``make(n)`` makes, in the same run: the ratio
    of the two times (near 10 when reading is linear, near 100 when quadratic) and the times.
    No absolute time is asserted anywhere."""

    def cost(n: int) -> float:
        text = make(n)
        best = float("inf")
        for _ in range(3):  # the best of three: the machine is shared
            t = time.perf_counter()
            read_markdown(text, "x.md", "x.md")
            best = min(best, time.perf_counter() - t)
        return best

    small, large = cost(100_000), cost(1_000_000)
    return large / max(small, 1e-4), small, large


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_reading_is_linear_in_hostile_text(case):
    """1 MB against 100 KB of the same hostile text: linear, far from quadratic."""
    ratio, small, large = reading_time_ratio(HOSTILE[case])
    assert ratio < 40, (case, small, large)


def test_left_arrows_list_replacements_and_right_arrows_are_decisions():
    G = _load("read_arrow_list").graph
    assert read(G) == {
        ("mailbox-pro", "postbird"): [("mailbox-pro", 3, "lead")],
        ("mailbox-pro", "quillmail"): [("mailbox-pro", 3, "lead")],
        ("notely", "pagewise"): [("notely", 4, "lead")],
    }
    # Trap: "Yes → Postbird" and "No → Quillmail" are steps of a decision, not rivalries.
    assert "yes" not in G and "no" not in G
    assert warnings("read_arrow_list") == []


def test_subject_from_a_later_title_and_numbered_profiles_in_a_landscape_are_rivals():
    loaded = _load("read_profiles_of_rivals")
    G = loaded.graph
    assert kinds(G) == {"lumio": "company", "zentra-health": "competitor", "carepoint": "competitor"}
    assert read(G) == {("lumio", "zentra-health"): [("lumio", 11, "section")],
                       ("carepoint", "lumio"): [("lumio", 15, "section")]}
    assert (loaded.documents[0].subject_how, loaded.documents[0].subject_line) == ("title", 3)
    # Traps: "Company Profiles" and "Consolidation Trends" are topics, "Founded" no subject.
    assert not {"company-profiles", "consolidation-trends", "founded"} & set(G)


def test_headings_that_open_with_vs_name_rivals_of_the_subject():
    G = _load("read_vs_lead_headings").graph
    assert read(G) == {
        ("tablewise", "tillo"): [("tablewise", 7, "heading")],  # "VS TILLO (market leader)"
        ("cashbox", "tablewise"): [("tablewise", 11, "heading")],  # the names in parentheses
        ("registro", "tablewise"): [("tablewise", 11, "heading")],
    }
    assert G.nodes["tillo"]["label"] == "Tillo"
    # Traps: "LEGACY SYSTEMS" (generic) and "the status quo" are no rivals.
    assert set(G) == {"tablewise", "tillo", "cashbox", "registro"}


# --- documents that never name themselves, and how their rivals are written ------------------------


def test_a_document_that_speaks_as_we_and_never_names_itself_has_the_subject_us():
    G = _load("read_subject_unnamed").graph
    assert kinds(G) == {"us": "company", "harvestly": "competitor", "gridbook": "competitor",
                        "cellar": "competitor"}
    assert read(G) == {
        ("harvestly", "us"): [("us", 19, "table"), ("us", 3, "heading")],  # "⚔️ VS HARVESTLY (...)"
        # a category heading with examples names the examples ("VS SPREADSHEET TOOLS (A, B)")
        ("gridbook", "us"): [("us", 19, "table"), ("us", 11, "heading")],
        ("cellar", "us"): [("us", 11, "heading")],
    }
    # the title's words never come back below it: a name of the document, not of its product
    assert "sales-cheat-sheet" not in G
    assert "1: the document never names its own product" not in " ".join(warnings("read_subject_unnamed"))
    assert any(w.startswith("None: the document never names its own product (it says 'we', 'us'); "
                            "drawn as 'Us'") for w in warnings("read_subject_unnamed"))


def test_a_document_that_addresses_the_reader_gets_no_unnamed_subject():
    """Trap: "your buyer" is not the writer's product; its rivals stay unattached, said so."""
    G = _load("read_subject_unnamed_not_first_person").graph
    assert kinds(G) == {"harvestly": "competitor", "gridbook": "competitor"}
    assert read(G) == {}
    assert sum("names no subject" in w for w in warnings("read_subject_unnamed_not_first_person")) == 2


def test_two_unnamed_subjects_are_two_entities(tmp_path):
    src = (FIXTURES / "read_subject_unnamed" / "card.md").read_text(encoding="utf-8")
    (tmp_path / "a.md").write_text(src, encoding="utf-8")
    (tmp_path / "b.md").write_text(src.replace("HARVESTLY", "TILLTOP"), encoding="utf-8")
    G = load([tmp_path]).graph
    assert {n for n, k in G.nodes(data="kind") if k == "company"} == {"us-a-md", "us-b-md"}
    assert G.has_edge("us-a-md", "harvestly") and G.has_edge("us-b-md", "tilltop")
    assert not G.has_edge("us-a-md", "tilltop")


def test_the_one_bold_product_column_of_a_matrix_is_the_writers_own():
    loaded = _load("read_subject_emphasised_column")
    G = loaded.graph
    assert (loaded.documents[0].subject, loaded.documents[0].subject_how) == ("Lingofy", "table")
    assert kinds(G) == {"lingofy": "company", "parlo": "competitor", "vocado": "competitor"}
    assert read(G) == {("lingofy", "parlo"): [("lingofy", 26, "table")],
                       ("lingofy", "vocado"): [("lingofy", 26, "table")]}
    # Traps: the price list bolds two columns (no subject); "Self-Built Deck" is a generic
    # option (said so, not drawn).
    assert "26: 'Self-Built Deck' is a generic option, not a named rival; not drawn (a 'vs.' item " \
           "draws it as an alternative)" in warnings("read_subject_emphasised_column")


def test_names_that_open_a_sentence_in_a_competition_section_are_rivals():
    loaded = _load("read_sentence_rivals")
    G = loaded.graph
    # the subject is the name the notes' sentences use most; "Time: ..." labels are no name
    assert (loaded.documents[0].subject, loaded.documents[0].subject_how) == ("Emberlog", "text")
    assert read(G) == {
        ("ashbin", "emberlog"): [("emberlog", 14, "section")],
        ("cindervault", "emberlog"): [("emberlog", 14, "section")],
        ("emberlog", "sootly"): [("emberlog", 14, "section")],
        ("emberlog", "flarestack"): [("emberlog", 15, "section")],  # capitalised in a sentence below
    }
    # Traps: "Running Emberlog as a server", "Public benchmarks", "Emberlog's cluster mode".
    assert set(G) == {"emberlog", "ashbin", "cindervault", "sootly", "flarestack"}


def test_descriptive_leads_are_no_rivals():
    G = _load("read_descriptive_leads").graph
    assert kinds(G) == {"kestrel-rail": "company", "signalworks": "competitor", "railbright": "competitor",
                        "trackmind": "competitor"}
    assert read(G) == {
        ("kestrel-rail", "signalworks"): [("kestrel-rail", 14, "section"), ("kestrel-rail", 19, "section"),
                                          ("kestrel-rail", 27, "table")],
        ("kestrel-rail", "railbright"): [("kestrel-rail", 15, "section"), ("kestrel-rail", 27, "table")],
        ("kestrel-rail", "trackmind"): [("kestrel-rail", 20, "section")],  # "❌ Trackmind: ..."
    }
    # Traps: a list whose leads mostly describe ("Technology Lead" among "Scale Gap", "Pricing
    # Pressure"), a label it uses that comes back in a list of names ("Scale Gap"), and the
    # features listed under "Feature comparison" ("Minimal", "Modular"), whose table is read.
    assert not {"technology-lead", "scale-gap", "minimal", "modular"} & set(G)


def test_lines_broken_by_hand_are_read_as_items_and_example_comparisons():
    G = _load("read_broken_lines").graph
    assert kinds(G) == {"tilecraft": "company", "pagemint": "competitor", "weblume-io": "competitor",
                        "frameshop": "competitor", "brickhouse": "competitor", "mortarly": "competitor"}
    assert read(G) == {
        ("pagemint", "tilecraft"): [("tilecraft", 7, "section")],
        ("tilecraft", "weblume-io"): [("tilecraft", 8, "section")],
        ("frameshop", "tilecraft"): [("tilecraft", 9, "section")],
        ("brickhouse", "mortarly"): [("brickhouse", 19, "section")],  # "**Example:** A vs. B (...)"
        # the table under an "Example: A vs. B" heading: "Parameter" heads a list of features
        ("pagemint", "weblume-io"): [("pagemint", 27, "table"), ("pagemint", 25, "heading")],
    }
    # Traps: lines whose bold leads are mostly topics ("Speed", "Hosting"), "Basic vs. Pro plans".
    assert not {"speed", "hosting", "basic", "pro-plans"} & set(G)
    assert warnings("read_broken_lines") == [
        "22: looks competitive, but no rule read it: 'Plans that only look alike. Example: Basic vs. Pro plans'"]


def test_a_numbered_run_of_rival_headings_and_owners_in_parentheses():
    G = _load("read_numbered_rival_run").graph
    assert kinds(G) == {"harborline-care": "company", "wardwise": "competitor", "stay-well": "competitor",
                        "home-recovery-services": "competitor", "bedside-labs": "competitor",
                        "nightowl-nursing": "competitor", "clinicom": "competitor"}
    assert read(G) == {tuple(sorted(("harborline-care", n))): [("harborline-care", line, "section")]
                       for n, line in (("wardwise", 7), ("stay-well", 10), ("home-recovery-services", 13),
                                       ("bedside-labs", 16), ("nightowl-nursing", 21), ("clinicom", 24))}
    # "Stay Well" is a name in a run of names; an acronym or one-word form in parentheses is
    # an alias, the owner the text names ("Acquired by", "Part of") is not: no merged node.
    assert G.nodes["stay-well"]["aliases"] == ["StayWellNet"]
    assert G.nodes["home-recovery-services"]["aliases"] == ["HRS"]
    assert G.nodes["bedside-labs"]["aliases"] == [] and G.nodes["nightowl-nursing"]["aliases"] == []
    # Trap: a numbered run of topics ("Price Wars", "Going Further", "Getting Started").
    assert not {"going-further", "getting-started", "price-wars"} & set(G)


def test_options_weighed_in_a_decision_note_are_rivals_of_each_other():
    loaded = _load("read_option_choices")
    G = loaded.graph
    assert loaded.documents[0].subject is None  # "Queue Decision Scorecard" names no product
    assert kinds(G) == {"larkqueue": "competitor", "tidewater-mq": "competitor", "pipewren": "competitor"}
    assert read(G) == {
        ("larkqueue", "tidewater-mq"): [("larkqueue", 10, "section"), ("larkqueue", 27, "table")],
        ("larkqueue", "pipewren"): [("larkqueue", 11, "section")],
        ("pipewren", "tidewater-mq"): [("tidewater-mq", 11, "section")],
    }
    # Traps: the generic "In-house cron only", the "Total" rows, the criteria table.
    assert not {"in-house-cron-only", "total", "fit", "cost"} & set(G)


def test_a_relation_table_keyed_by_situations_names_no_entity_for_them():
    G = _load("read_relation_rows").graph
    assert read(G) == {("jotbox", "scribblepad"): [("jotbox", 17, "table")],
                       ("inkling", "pagewell"): [("pagewell", 18, "table")]}
    # Trap: rows keyed by "Windows 11", "macOS" (never written outside the table) are
    # situations, not entities with alternatives.
    assert not {"windows-11", "macos", "chromeos"} & set(G)


def test_a_list_of_names_reads_a_name_of_everyday_words():
    G = _load("read_name_run_list").graph
    assert read(G) == {tuple(sorted(("strideline", n))): [("strideline", line, "section")]
                       for n, line in (("peakfoot", 6), ("ridgeway", 7), ("on-track", 8), ("tarnrun", 13))}
    # Trap: in a list of mostly phrases, "Go Further" and "Keep It Simple" stay phrases.
    assert not {"go-further", "keep-it-simple"} & set(G)


def test_a_positioning_table_names_rivals_only_in_rows_where_the_subject_competes():
    G = _load("read_verdict_table").graph
    assert read(G) == {tuple(sorted(("brightlane", n))): [("brightlane", line, "table")]
                       for n, line in (("noteline", 8), ("callcraft", 8), ("foresee", 9), ("trendwell", 9))}
    # Traps: vendors it integrates or partners with, and a table of quarters with notes.
    assert not {"mailforge", "postwise", "paylane", "q1", "q2"} & set(G)


def test_left_arrows_read_examples_in_parentheses_and_names_in_camel_case():
    G = _load("read_arrow_examples").graph
    assert read(G) == {tuple(sorted(("browsex", n))): [("browsex", 3, "lead")]
                       for n in ("foxglove", "bravado", "paleglow", "icefox")} | {
        ("ibrick", "phonely"): [("phonely", 5, "lead")]}
    # Trap: "No real pick yet" names nobody.
    assert not {"no", "tunes"} & set(G)


def test_link_text_in_parentheses_is_no_alias():
    G = _load("read_matrix_link_labels").graph
    assert kinds(G) == {"quillnote": "company", "jotterly": "competitor", "pagewise": "competitor",
                        "scrivo": "competitor"}
    # the front-matter title "Comparison | Quillnote vs Jotterly vs Pagewise" compares every pair
    assert read(G) == {("jotterly", "quillnote"): [("quillnote", 7, "table"), ("quillnote", 2, "heading")],
                       ("pagewise", "quillnote"): [("quillnote", 7, "table"), ("quillnote", 2, "heading")],
                       ("jotterly", "pagewise"): [("jotterly", 2, "heading")],
                       ("quillnote", "scrivo"): [("quillnote", 7, "table")]}
    # Trap: "(Website)" after two column names is link text; as an alias it made the two
    # products one entity. "(Docs)" is no other name of Scrivo either.
    assert all(G.nodes[n]["aliases"] == [] for n in G)


def test_a_memo_reads_its_rival_leads_and_none_of_its_figures_groups_or_threat_areas():
    G = _load("read_memo_traps").graph
    assert kinds(G) == {"parcelgo-inc": "company", "shipwell": "competitor", "boxhop": "competitor",
                        "crateline": "competitor", "routemark": "competitor", "fleetly": "competitor"}
    assert read(G) == {
        ("parcelgo-inc", "shipwell"): [("parcelgo-inc", 11, "lead"), ("parcelgo-inc", 28, "lead")],
        ("boxhop", "parcelgo-inc"): [("parcelgo-inc", 11, "lead"), ("parcelgo-inc", 39, "lead")],
        ("crateline", "parcelgo-inc"): [("parcelgo-inc", 28, "lead"), ("parcelgo-inc", 39, "lead")],
        ("parcelgo-inc", "routemark"): [("parcelgo-inc", 22, "section")],
        ("fleetly", "parcelgo-inc"): [("parcelgo-inc", 23, "section")],
    }
    # Traps: figures ("30M+ Recipients", "$40B+ Annual Volume"), the subject's own group after
    # a purchase ("Parcelgo + Lanewise"), the threats listed under "Regional Competition:",
    # "Stiff" before "competition from", and "Competitive pricing pressure".
    assert warnings("read_memo_traps") == [
        f"{line}: looks competitive, but no rule read it: {text!r}" for line, text in (
            (17, "30M+ Recipients: Combined monthly recipients"),
            (18, "$40B+ Annual Volume: Combined parcels shipped"),
            (21, "Parcelgo + Lanewise: 25 countries after the purchase"),
            (27, "1. Market Competition:"), (30, "2. Regional Competition:"),
            (40, "Pricing Pressure: Competitive pricing pressure on margins"))]


def test_an_introduction_names_the_subject_and_a_list_of_links_names_rivals_in_lower_case():
    loaded = _load("read_intro_subject_links")
    G = loaded.graph
    (doc,) = loaded.documents
    assert (doc.subject, doc.subject_how, doc.subject_line) == ("hop", "text", 5)
    assert kinds(G) == {"hop": "company", "rake": "competitor", "invoke": "competitor",
                        "acme-hop": "competitor", "grunt": "competitor"}
    assert G.nodes["acme-hop"]["label"] == "acme/hop"  # a link's text is one name, not split at "/"
    assert read(G) == {tuple(sorted(("hop", n))): [("hop", line, "section")]
                       for n, line in (("rake", 7), ("invoke", 8), ("acme-hop", 9), ("grunt", 10))}
    # Traps: "alternatives to Gradle" in a sentence over no list names no subject; the
    # "Further reading:" links (Docs, Changelog, Design notes) are pages, not rivals.
    assert warnings("read_intro_subject_links") == [
        f"{line}: looks competitive, but no rule read it: {text!r}" for line, text in (
            (1, "People often ask us for alternatives to Gradle."), (14, "Docs: how to install."),
            (15, "Changelog: what changed."), (16, "Design notes: why recipes are not files."))]


@pytest.mark.parametrize("intro, subject", [
    ("Popular Globex alternatives include:", "Globex"),
    ("Good `hop` alternatives:", "hop"),
    ("Competitors of Initech Cloud are:", "Initech Cloud"),
    ("Some alternatives worth a look:", None),  # names nobody
    ("Other cloud alternatives to consider:", None),
    ("There are alternatives to in-house scripts:", None),  # a generic option
])
def test_the_subject_an_introduction_names(intro, subject):
    doc = read_markdown(f"## Options\n\n{intro}\n\n- **Hooli**: x\n- **Vandelay**: y\n", "x.md", "x.md")
    assert doc.subject == subject


def test_the_first_row_of_an_alternatives_table_is_the_subject_its_introduction_names():
    loaded = _load("read_subject_first_row")
    G = loaded.graph
    subjects = {Path(d.path).name: (d.subject, d.subject_how, d.subject_line) for d in loaded.documents}
    assert subjects == {"alternatives.md": ("Stowaway", "table", 8), "compared.md": (None, None, None)}
    assert kinds(G) == {"stowaway": "company", "pullkit": "competitor", "hg-subrepos": "competitor",
                        "treegraft": "competitor", "fernsync": "competitor", "driftbox": "competitor",
                        "copperline": "competitor"}
    # "[Hg subrepos](url)" is a link's text: a name, though it reads like a generic phrase
    assert read(G) == {**{tuple(sorted(("stowaway", n))): [("stowaway", line, "table")]
                          for n, line in (("pullkit", 9), ("hg-subrepos", 10), ("treegraft", 11))},
                       # a comparison of three products, none the writer's: rivals of each other
                       ("driftbox", "fernsync"): [("fernsync", 8, "table")],
                       ("copperline", "fernsync"): [("fernsync", 9, "table")],
                       ("copperline", "driftbox"): [("driftbox", 9, "table")]}
    # Trap: an introduction that names every row ("We compared Fernsync, Driftbox and
    # Copperline") gives no subject; the subject's own row is no rivalry (and no warning).
    assert [w for w in warnings("read_subject_first_row") if "itself" in w or "generic" in w] == []
    assert len([w for w in warnings("read_subject_first_row") if "names no subject" in w]) == 0


def test_the_considered_options_of_a_decision_record_are_rivals_of_each_other():
    loaded = _load("read_decision_options")
    G = loaded.graph
    subjects = {Path(d.path).name: (d.subject, d.subject_how) for d in loaded.documents}
    # "Payment Retry Queue" is a topic (every word also written in lower case), and the
    # record's "we" is the buyer, not a product: the record has no subject
    # "ADR-007: Quillmark over Inkpot" names its choice ("ADR-007" is no name); "ADR-008: Image
    # Resizing" names a decision, whose choice is the bold name of its Decision part
    assert subjects == {"adr.md": (None, None), "cli.md": ("Pebble CLI", "title"),
                        "adr_over.md": ("Quillmark", "title"), "adr_chosen.md": (None, None),
                        "adr_pair.md": (None, None)}
    assert kinds(G) == {"flagpole": "competitor", "togglr": "competitor", "switchyard": "competitor",
                        "pebble-cli": "company", "gravel": "competitor", "cobble": "competitor",
                        "quillmark": "company", "inkpot": "competitor", "scrollwork": "competitor",
                        "tessera": "competitor", "mosaicly": "competitor", "tilework": "competitor",
                        "ferroxa": "competitor", "lodestone": "competitor", "magnetar": "competitor"}
    assert read(G) == {
        # "Chosen option: Togglr, because ...": the other options are Togglr's rivals
        ("flagpole", "togglr"): [("togglr", 13, "section")],
        ("switchyard", "togglr"): [("togglr", 15, "section")],
        ("gravel", "pebble-cli"): [("pebble-cli", 3, "lead")],
        ("cobble", "pebble-cli"): [("pebble-cli", 3, "lead")],
        ("inkpot", "quillmark"): [("quillmark", 11, "section")],
        ("quillmark", "scrollwork"): [("quillmark", 12, "section")],
        ("mosaicly", "tessera"): [("tessera", 11, "section")],   # "### Option 1: Mosaicly"
        ("tessera", "tilework"): [("tessera", 15, "section")],
        # two chosen ("**Ferroxa and Lodestone**"): the options stay mutual; "- **Ferroxa vs.
        # Magnetar**:" over its points names both (not "**Q1 vs. Q2**:")
        ("ferroxa", "lodestone"): [("ferroxa", 10, "section")],
        ("ferroxa", "magnetar"): [("ferroxa", 11, "section"), ("ferroxa", 19, "section")],
        ("lodestone", "magnetar"): [("lodestone", 11, "section")],
    }
    # Trap: "## Options" of a tool's guide (Verbose, Quiet, Dry Run) is no decision record's.
    assert not {"verbose", "quiet", "dry-run", "q1", "q2"} & set(G)


def test_options_under_the_other_headings_decision_records_give_them():
    loaded = _load("read_decision_alternatives")
    G = loaded.graph
    # "## Alternative Considerations" (sub-headings) and "## Rejected Alternatives" (bold items)
    # hold rivals of the choice the Decision part names; "## Pros and Cons of the Options" (a
    # record marked by its Status and Context headings) holds options weighed against each other
    assert kinds(G) == {"redwood-kv": "competitor", "brambledb": "competitor", "thornstore": "competitor",
                        "micaflow": "competitor", "quartzline": "competitor", "feldspar": "competitor",
                        "willowauth": "competitor", "larchgate": "competitor", "sedgewood": "competitor",
                        "reedbank": "competitor", "marshlight": "competitor", "pondline": "competitor",
                        "brookway": "competitor", "rillgate": "competitor", "fernhollow": "competitor",
                        "mossgate": "competitor", "tidewheel": "competitor", "cronwell": "competitor",
                        "nightjar": "competitor", "hazelkv": "competitor", "burrowcache": "competitor",
                        "quillcache": "competitor", "cloudforge-actions": "competitor", "relaybuild": "competitor"}
    assert G.nodes["brambledb"]["label"] == "Brambledb"  # "(Bramble Database)" says what it is
    assert read(G) == {
        ("brambledb", "redwood-kv"): [("redwood-kv", 13, "section")],
        ("redwood-kv", "thornstore"): [("redwood-kv", 18, "section")],
        ("micaflow", "quartzline"): [("micaflow", 12, "section")],
        ("feldspar", "micaflow"): [("micaflow", 13, "section")],
        ("larchgate", "willowauth"): [("willowauth", 27, "section")],
        # a choice said in words: "We will use Sedgewood for ...", 'Chosen option: "Pondline", ...'
        ("reedbank", "sedgewood"): [("sedgewood", 17, "section")],
        ("marshlight", "sedgewood"): [("sedgewood", 21, "section")],
        ("brookway", "pondline"): [("pondline", 10, "section")],
        ("pondline", "rillgate"): [("pondline", 11, "section")],
        # "We will use a managed cache." chooses no option: the options stay mutual
        ("fernhollow", "mossgate"): [("fernhollow", 18, "section")],
        # "We decided to adopt Tidewheel ..." over "## Discarded Options"
        ("cronwell", "tidewheel"): [("tidewheel", 12, "section")],
        ("nightjar", "tidewheel"): [("tidewheel", 13, "section")],
        # "### Option 1: Use Hazelkv" names Hazelkv; "Option 1: Hazelkv." under Decision chooses it
        ("burrowcache", "hazelkv"): [("hazelkv", 17, "section")],
        ("hazelkv", "quillcache"): [("hazelkv", 25, "section")],
        # "We went with CloudForge Actions." ("Actions" ends like a topic; "CloudForge" is a name's)
        ("cloudforge-actions", "relaybuild"): [("cloudforge-actions", 11, "section")],
    }
    # Traps: "## Alternative Approaches" are ways of doing it ("Renew On Demand"), not products,
    # and the record's title names its topic ("Refresh Tokens"); "## Other Options" of a guide
    # (no decision record) are settings ("Verbose Output").
    assert not {"renew-on-demand", "polling-every-minute", "refresh-tokens", "verbose-output",
                "quiet-output", "an-in-process-cache", "build-an-in-process-cache"} & set(G)


def test_sentences_that_state_a_rivalry_in_so_many_words_are_read_between_two_names():
    loaded = _load("read_prose_stated")
    G = loaded.graph
    assert kinds(G) == {"brewly": "competitor", "kettleworks": "competitor", "steepwise": "competitor",
                        "leafhouse": "competitor", "potlatch": "competitor"}
    assert read(G) == {("brewly", "kettleworks"): [("brewly", 5, "prose")],   # "One of Brewly's main competitors is"
                       ("brewly", "steepwise"): [("brewly", 7, "prose")],     # "Another notable competitor is"
                       ("brewly", "leafhouse"): [("brewly", 9, "prose")],     # "offers stiff competition to Brewly"
                       ("kettleworks", "potlatch"): [("kettleworks", 5, "prose")]}  # "was once a real rival of"
    # Traps: "Another notable competitor" before anyone is rivaled (Gristmill); the retailer
    # behind a rival (Homestead); "Brewly's main competitors are growing fast"; "Brewly's
    # biggest costs"; "Another notable competitor is price".
    assert warnings("read_prose_stated") == [
        "1: looks competitive, but no rule read it: "
        "'Tea by post is a crowded business. Another notable competitor is Gristmill, but of what?'"]
    assert load([FIXTURES / "read_prose_stated"], evidence="structural").graph.number_of_edges() == 0


def test_a_page_of_rival_sections_has_the_subject_they_are_compared_with():
    loaded = _load("read_subject_compared")
    G = loaded.graph
    subjects = {Path(d.path).name: (d.subject, d.subject_how, d.subject_line) for d in loaded.documents}
    assert subjects == {"others.md": ("Loomcast", "compared", 5), "tour.md": (None, None, None)}
    assert kinds(G) == {"loomcast": "company", "driftnet": "competitor", "pollen": "competitor",
                        "threadline": "competitor"}
    assert read(G) == {tuple(sorted(("loomcast", n))): [("loomcast", line, "section")]
                       for n, line in (("driftnet", 3), ("pollen", 8), ("threadline", 12))}
    # Traps: "compared to Driftnet" names one of the sections, not the subject; "Others" is no
    # rival; a page compared once with a name ("compared to Basil"), or with a word it also
    # writes in lower case ("compared to Winter"; "through winter"), has no subject.
    assert not {"others", "basil", "winter", "rosemary"} & set(G)


def test_a_swot_heading_names_the_subject_of_a_page_of_rival_sections():
    loaded = _load("read_subject_swot")
    G = loaded.graph
    subjects = {Path(d.path).name: (d.subject, d.subject_how, d.subject_line) for d in loaded.documents}
    # "## SWOT Analysis: Tidewise" names the writer's own product; the title names nobody
    assert subjects == {"notes.md": ("Tidewise", "heading", 23), "market.md": (None, None, None)}
    assert kinds(G) == {"tidewise": "company", "kelpline": "competitor", "brinewatch": "competitor",
                        "saltmarsh": "competitor"}
    assert read(G) == {tuple(sorted(("tidewise", n))): [("tidewise", line, "section")]
                       for n, line in (("kelpline", 5), ("brinewatch", 9), ("saltmarsh", 13))}
    # Trap: "## Competitive SWOT" assesses nobody by name (no subject "Competitive")
    assert "competitive" not in G


def test_a_rival_section_that_says_it_is_not_a_competitor_names_no_rival():
    G = _load("read_not_a_rival").graph
    assert kinds(G) == {"ferrylog": "company", "harbourdesk": "competitor", "portolan": "competitor"}
    assert read(G) == {("ferrylog", "harbourdesk"): [("ferrylog", 5, "section")],
                       ("ferrylog", "portolan"): [("ferrylog", 17, "section")]}
    # "**Not really a competitor** - ..." and "- **Not a direct competitor**: ..." are read (no
    # warning); trap: "It is not a competitor of Harbourdesk" inside a sentence drops nobody
    assert warnings("read_not_a_rival") == []


def test_sub_headings_over_a_comparison_of_the_subject_with_others_are_aspects():
    G = _load("read_aspect_subheadings").graph
    # "### Planting & Harvest" (a matrix of the three), "### Weekend Gardener" (items led by the
    # three) and "### Hobby Farmer" compare products on an aspect: no rival; their tables are read
    assert kinds(G) == {"trellis": "company", "sprout": "competitor", "furrow": "competitor",
                        "loamly": "competitor"}
    assert read(G) == {("furrow", "trellis"): [("trellis", 7, "table"), ("trellis", 22, "table")],
                       ("sprout", "trellis"): [("trellis", 7, "table"), ("trellis", 22, "table")],
                       # Trap: a rival's section with one item led by the subject stays a rival
                       ("loamly", "trellis"): [("trellis", 28, "section")]}


def test_a_name_among_items_that_say_things_is_a_trait_not_a_rival():
    G = _load("read_trait_lists").graph
    # "Expensive ($12/month)" among "Limited offline support", "No shared layers": a trait of Arborist
    assert kinds(G) == {"canopy": "company", "groveline": "competitor", "timberly": "competitor",
                        "barkhouse": "competitor"}
    # Trap: a list of bare names with one described item keeps every name
    assert read(G) == {tuple(sorted(("canopy", n))): [("canopy", line, "section")]
                       for n, line in (("groveline", 13), ("timberly", 14), ("barkhouse", 15))}


def test_the_first_row_of_a_comparison_with_other_projects_written_as_we_is_the_subject():
    loaded = _load("read_subject_first_row_ours")
    G = loaded.graph
    subjects = {Path(d.path).name: (d.subject, d.subject_how, d.subject_line) for d in loaded.documents}
    # "We know of several projects with a similar purpose": the first row is the writer's own,
    # though the introduction never writes its name (a name in lower case, "loomgrid", counts)
    assert subjects == {"comparison.md": ("loomgrid", "table", 8), "survey.md": (None, None, None)}
    assert read(G) == {("loomgrid", "shuttlepy"): [("loomgrid", 10, "table")],
                       ("loomgrid", "weftnet"): [("loomgrid", 9, "table")]}
    # Trap: the same title over a table introduced without "we" gives no subject
    assert len([w for w in warnings("read_subject_first_row_ours") if "names no subject" in w]) == 3


def test_notes_without_a_title_opened_by_an_alternatives_to_heading_have_its_subject():
    loaded = _load("read_subject_alternatives_heading")
    G = loaded.graph
    subjects = {Path(d.path).name: (d.subject, d.subject_how, d.subject_line) for d in loaded.documents}
    assert subjects == {"notes.md": ("Quokkapay", "title", 2), "other.md": (None, None, None)}
    assert kinds(G) == {"quokkapay": "company", "wallabee": "competitor", "numbatcash": "competitor"}
    assert read(G) == {("quokkapay", "wallabee"): [("quokkapay", 5, "section")],
                       ("numbatcash", "quokkapay"): [("quokkapay", 8, "section")]}
    # Traps: "## Payment providers compared" names no subject; the subject listed among its own
    # alternatives is no rivalry
    assert "6: 'Quokkapay' is compared with itself; ignored" in warnings("read_subject_alternatives_heading")


def test_a_scoped_package_is_one_name():
    G = _load("read_scoped_packages").graph
    assert {n: G.nodes[n]["label"] for n in G} == {
        "dayglass": "Dayglass", "tickwise-core": "@tickwise/core", "chronojs": "chronojs",
        "moment-ish-tz": "@moment-ish/tz"}
    assert read(G) == {tuple(sorted(("dayglass", n))): [("dayglass", line, "section")]
                       for n, line in (("tickwise-core", 3), ("chronojs", 4), ("moment-ish-tz", 5))}
    # Trap: a handle ("@dayglass-team") is no package
    assert warnings("read_scoped_packages") == ["6: looks competitive, but no rule read it: '@dayglass-team'"]
