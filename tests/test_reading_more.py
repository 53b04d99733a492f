"""More reading rules for documents people actually write (issue 9, held-out set 6).

As in ``test_reading.py``: one fixture folder per form (``tests/fixtures/read_*``), each
checked exactly, each with a trap that must not be read, and a hostile linear-time case.
"""

from __future__ import annotations

import pytest

from rivalscape.graph.errors import InputError
from rivalscape.graph.ingest.markdown import read_markdown
from rivalscape.graph.pipeline import load
from test_reading import _load, kinds, read, reading_time_ratio, warnings


# --- the subject: a lower-case project's name in the title ---------------------------------------


def test_a_lower_case_name_in_the_title_is_the_subject_and_its_vs_sub_headings_its_rivals():
    loaded = _load("read_lower_case_title")
    (doc,) = loaded.documents
    assert (doc.subject, doc.subject_how) == ("tidbit", "title")
    G = loaded.graph
    # Traps: "Consider alternatives if:" names no subject ("Consider"); "vs. Plain JavaScript"
    # is a generic option, not a named rival.
    assert kinds(G) == {"tidbit": "company", "chunkster": "competitor", "wordsmith-js": "competitor"}
    assert read(G) == {
        ("chunkster", "tidbit"): [("tidbit", 7, "heading")],
        ("tidbit", "wordsmith-js"): [("tidbit", 12, "heading")],
    }
    assert warnings("read_lower_case_title") == []


def test_an_everyday_word_in_lower_case_in_the_title_is_no_subject(tmp_path):
    # Trap: "Why bother?" has the form of "Why tidbit?", but the text never uses "bother" as a
    # name. (Inline text: a refused document is no valid fixture for test_variants.)
    text = ("# Why bother?\n\nMost teams never measure their build times. Here is what we saw.\n\n"
            "## Comparison with Alternatives\n\n### vs. Chunkster\n\n- **Size**: a fifth of the download\n")
    assert read_markdown(text, "notes.md", "notes.md").subject is None
    (tmp_path / "notes.md").write_text(text)
    with pytest.raises(InputError, match="names no subject"):
        load([tmp_path])


@pytest.mark.parametrize("intro, subject", [
    ("Popular Acme alternatives:", "Acme"),
    ("Consider alternatives if:", None),
    ("Explore competitors below:", None),
])
def test_a_verb_asking_to_look_at_alternatives_names_no_subject(intro, subject):
    doc = read_markdown(intro + "\n\n- Globex\n- Hooli\n", "x.md", "x.md")
    assert doc.subject == subject


# --- parts of an analysis are no companies -----------------------------------------------------


def test_porter_forces_personas_and_phases_are_no_companies():
    G = _load("read_analysis_parts").graph
    # Traps: "1. Threat of New Entrants: **MODERATE**" has the form of a numbered company
    # profile with snapshot facts, so have "Primary Persona 1: ..." and "Phase 1: ..."; nor is
    # "Customer Segmentation" or "Rollout" a company for the facts of the parts below it.
    assert kinds(G) == {"plateful": "company", "tablenow": "competitor", "bookly": "competitor"}
    assert read(G) == {
        ("bookly", "plateful"): [("plateful", 6, "section")],
        ("plateful", "tablenow"): [("plateful", 5, "section")],
    }
    assert warnings("read_analysis_parts") == []


@pytest.mark.parametrize("name, part", [
    ("Threat of New Entrants", True), ("Threat of Substitutes", True), ("Bargaining Power of Suppliers", True),
    ("Supplier Power", True), ("Competitive Rivalry", True), ("Rivalry Among Existing Competitors", True),
    ("Primary Persona 1", True), ("Persona B", True), ("Phase 2", True), ("Trend 3", True),
    ("Customer Segmentation", True), ("Target Audience", True), ("User Personas", True),
    # traps: names with numbers, and names that only start like a part
    ("Windows 11", False), ("Office 365", False), ("Stage Door", False), ("Phase Two Labs", False),
    ("Persona Studio", False), ("Power BI", False), ("Acme", False),
])
def test_parts_of_an_analysis(name, part):
    from rivalscape.graph.names import is_document_part, rival_name

    assert is_document_part(name) is part
    assert rival_name(name) is not part


# --- combinations and categories are no rivals --------------------------------------------------


def test_a_combination_of_products_names_each_and_a_category_names_none():
    G = _load("read_combination_rivals").graph
    # Traps: "Specialized CRM Tools" is a category, "### Specialized Bookkeeping Platforms" a
    # group; "Acme + more" is no combination of names (and "Acme and a long tail" names no rival).
    assert kinds(G) == {"ledgerly": "company", "sheets": "competitor", "zapier": "competitor",
                        "trello": "competitor", "slack": "competitor"}
    assert read(G) == {
        ("ledgerly", "sheets"): [("ledgerly", 5, "lead")],
        ("ledgerly", "zapier"): [("ledgerly", 5, "lead")],
        ("ledgerly", "trello"): [("ledgerly", 9, "section")],
        ("ledgerly", "slack"): [("ledgerly", 9, "section")],
    }
    assert warnings("read_combination_rivals") == [
        "5: 'Specialized CRM Tools' is a generic option, not a named rival; not drawn "
        "(a 'vs.' item draws it as an alternative)",
    ]


@pytest.mark.parametrize("text, parts", [
    ("ChatGPT + Notion", ["ChatGPT", "Notion"]),
    ("Sheets + Zapier combo", ["Sheets", "Zapier"]),
    ("Jira + Confluence + Slack Stack", ["Jira", "Confluence", "Slack"]),
    # traps
    ("C++", []), ("Acme + more", []), ("Acme+Globex", []), ("AI + ML Tools", []), ("Acme", []),
])
def test_combination_parts(text, parts):
    from rivalscape.graph.names import combination_parts

    assert combination_parts(text) == parts


# --- a list of replacements ----------------------------------------------------------------------


def test_a_list_whose_introduction_says_what_it_replaces_names_its_rivals_by_name_link_or_domain():
    loaded = _load("read_replacements_list")
    (doc,) = loaded.documents
    assert (doc.subject, doc.subject_how, doc.subject_line) == ("Mailgrid", "replaced", 1)
    G = loaded.graph
    # Traps: the use-case headings ("Transactional", "Other:") are groups; a link to a blog post
    # and a link to a publishing site name no product; "Bulk email tools" is a category; the
    # item naming Mailgrid itself is no rivalry.
    assert kinds(G) == {"mailgrid": "company", "postbox": "competitor", "letterfly": "competitor",
                        "stampmail": "competitor", "pigeonly": "competitor", "sendkit-app": "competitor",
                        "relaymail": "competitor"}
    assert {n: G.nodes[n]["label"] for n in ("postbox", "sendkit-app")} == {"postbox": "Postbox",
                                                                           "sendkit-app": "sendkit.app"}
    assert read(G) == {tuple(sorted(("mailgrid", n))): [("mailgrid", line, how)] for n, line, how in (
        ("postbox", 6, "section"), ("letterfly", 7, "section"), ("stampmail", 8, "section"),
        ("pigeonly", 12, "section"), ("sendkit-app", 13, "section"), ("relaymail", 19, "lead"))}
    assert warnings("read_replacements_list") == []


@pytest.mark.parametrize("text, subject", [
    ("# Notes\n\nA list of Heroku replacements I tried.\n\n- Render\n", ("Heroku", "replaced")),
    ("# Moving off Firebase\n\n- Supabase\n", ("Firebase", "replaced")),
    ("# Heroku replacements\n\n- Render\n", ("Heroku", "replaced")),
    ("A growing collection of free Airtable substitutes.\n\n- Baserow\n", ("Airtable", "replaced")),
    # traps: a title that names the subject wins; lists that replace no named product
    ("# Render: Competitive Analysis\n\nRender heads a list of Heroku replacements.\n\n- Fly\n", ("Render", "title")),
    ("# Notes\n\nA list of cheap replacements for our laptops.\n\n- Render\n", (None, None)),
    ("# Notes\n\nA list of things we replaced.\n\n- Render\n", (None, None)),
])
def test_the_product_a_list_of_replacements_replaces(text, subject):
    doc = read_markdown(text, "x.md", "x.md")
    assert (doc.subject, doc.subject_how) == subject


@pytest.mark.parametrize("token, name", [
    ("https://www.koyeb.com/pricing", "Koyeb"), ("https://render.com/render-vs-heroku-comparison", "Render"),
    ("fly.io", "fly.io"), ("<https://qoddi.com/>", "Qoddi"),
    # traps: articles, publishing sites, code hosts, words
    ("https://acme.io/blog/why", None), ("https://dev.to/a/b", None), ("https://github.com/a/b", None),
    ("fly.io/docs", None), ("Vercel", None), ("e.g.", None),
])
def test_the_product_a_link_names(token, name):
    from rivalscape.graph.ingest.listing import product_of_link

    assert product_of_link(token) == name


# --- decision records: options as headings under "Alternatives", or as table rows ---------------


def test_options_of_a_decision_record_as_headings_or_table_rows_are_rivals_of_the_one_chosen():
    loaded = _load("read_decision_headings")
    assert [(d.subject, d.subject_how) for d in loaded.documents] == [(None, None), (None, None)]
    G = loaded.graph
    # Traps: "Build our own" is no option's name; "Self-hosted" is a generic row; the criteria
    # table (Latency, Durability, Throughput) names no option; "Quarrix came close" after the
    # choice is no choice; the record's "we" is the buyer, no subject.
    assert kinds(G) == {n: "competitor" for n in (
        "quarrix", "findly", "sievebox", "relaybus-cloud", "tasklane", "queuesmith-managed",
        "relaybus-core", "jobhopper", "spoolwise")}
    assert read(G) == {
        # "We decided to go with Findly": the chosen option against each other one
        ("findly", "quarrix"): [("findly", 16, "section")],
        ("findly", "sievebox"): [("findly", 24, "section")],
        # "**Decision:** Select **Relaybus Cloud (hosted Relaybus)**": the chosen row
        ("relaybus-cloud", "tasklane"): [("relaybus-cloud", 15, "table")],
        ("queuesmith-managed", "relaybus-cloud"): [("relaybus-cloud", 16, "table")],
        # "Compare Relaybus vs Alternatives": the row the label sets against the rest
        ("jobhopper", "relaybus-core"): [("relaybus-core", 23, "table")],
        ("relaybus-core", "spoolwise"): [("relaybus-core", 24, "table")],
    }
    assert warnings("read_decision_headings") == []


@pytest.mark.parametrize("decision, chosen", [
    ("We decided to choose Sievebox as it is free.", "Sievebox"),
    ("After a trial we will use **Findly**.", "Findly"),
    ("Chosen option: Quarrix, because it is hosted.", "Quarrix"),
    ("Select Findly for now.", "Findly"),
    # traps: an option named without a choice, a choice of something else
    ("Quarrix was cheaper, but slower to index.", None),
    ("We decided to use our own servers.", None),
])
def test_the_option_a_decision_part_chooses(decision, chosen):
    from rivalscape.graph.ingest.blocks import parse
    from rivalscape.graph.ingest.decisions import chosen_option
    from rivalscape.graph.ingest.forms import Outline

    o = Outline(parse(f"# ADR\n\n## Decision\n\n{decision}\n")[0])
    assert chosen_option(o, ["Quarrix", "Findly", "Sievebox"]) == chosen


@pytest.mark.parametrize("label, anchor", [
    ("Compare **Relaybus vs Alternatives**", "Relaybus Core"),
    ("Relaybus versus the rest", "Relaybus Core"),
    ("Jobhopper compared with other options", "Jobhopper"),
    # traps: no "against the rest"; a name that no row has
    ("Compare hosting models", None), ("Relaybus vs Jobhopper", None), ("Kafka vs Alternatives", None),
])
def test_the_option_a_label_sets_against_the_rest(label, anchor):
    from rivalscape.graph.ingest.decisions import anchor as set_against

    assert set_against(label, ["Relaybus Core", "Jobhopper", "Spoolwise"]) == anchor


# --- a prospect-research memo: the kind of research is no subject --------------------------------


def test_a_prospect_research_memo_has_the_prospect_as_subject_and_its_competitor_table_as_rivals():
    loaded = _load("read_prospect_research")
    (doc,) = loaded.documents
    assert (doc.subject, doc.subject_how) == ("Tallyho Payments Corporation", "title")
    G = loaded.graph
    # Traps: "Prospect" (the kind of research) is no subject; the attribute table names nobody.
    assert kinds(G) == {"tallyho-payments-corporation": "company", "coinstack": "competitor",
                        "ledgerline-spend-and-travel": "competitor", "paperclip-procurement": "competitor"}
    assert read(G) == {tuple(sorted(("tallyho-payments-corporation", n))): [("tallyho-payments-corporation", line, "table")]
                       for n, line in (("coinstack", 18), ("ledgerline-spend-and-travel", 19),
                                       ("paperclip-procurement", 20))}


@pytest.mark.parametrize("title, subject", [
    ("Prospect Research: Ramp Business Corporation", ("Ramp Business Corporation", [])),
    ("Account Plan: Globex", ("Globex", [])),
    ("Customer Profile - Initech Foundation", ("Initech Foundation", [])),
    # traps: only the kind of document; a topic ending like a legal form's word does not make a name
    ("Prospect Research", None), ("Deal Review", None), ("Market Research: Notes", None),
])
def test_a_title_that_says_whom_its_research_is_about(title, subject):
    from rivalscape.graph.ingest.competition import title_subject

    assert title_subject(title) == subject


@pytest.mark.parametrize("name, ok", [
    ("Ramp Business Corporation", True), ("Apache Software Foundation", True),
    ("Geographic Segmentation", False), ("Market Consolidation", False),
])
def test_a_legal_form_ending_like_an_abstract_noun_still_ends_a_name(name, ok):
    from rivalscape.graph.names import proper_name

    assert proper_name(name) is ok


# --- groups of rivals, rival profiles known by their parts, the product a note positions --------


def test_a_sub_heading_naming_a_kind_of_product_is_a_group_whose_items_and_rows_are_rivals():
    G = _load("read_category_groups").graph
    # Traps: "Styling Plugins" and "Deploy Tools" are groups, not rivals; the title names a
    # category ("Static Site Generator"), no subject.
    assert kinds(G) == {"pagewright": "company", "inkpress": "competitor", "styleforge": "competitor",
                        "skinnable": "competitor", "shipwell": "competitor", "hoistly": "competitor"}
    assert read(G) == {tuple(sorted(("pagewright", n))): [("pagewright", line, "section")] for n, line in (
        ("inkpress", 9), ("styleforge", 15), ("skinnable", 16), ("shipwell", 20), ("hoistly", 21))}


def test_a_plugin_table_in_a_group_of_rivals_names_them():
    # (inline text: a fixture with a table is one the faster parser hands on, see test_parsers)
    text = ("# Pagewright: Landscape\n\n## Competitors\n\n### Security Plugins\n\n"
            "| Plugin | Rules | Our Advantage |\n|---|---|---|\n| `guard-lint` | 13 | more rules |\n"
            "| `safe-check` | 3 | maintained |\n\n### Metrics\n\n| Metric | Value |\n|---|---|\n| Stars | 10 |\n")
    doc = read_markdown(text, "x.md", "x.md")
    # Trap: the "Metric" table under a topic heading names no rival ("Stars").
    assert [(r.target, r.line, r.evidence) for r in doc.rivalries] == [
        ("guard-lint", 9, "table"), ("safe-check", 10, "table")]


def test_sections_with_strengths_and_weaknesses_are_rival_profiles_of_the_product_the_note_positions():
    loaded = _load("read_rival_profiles")
    (doc,) = loaded.documents
    # "positioning the Quillset Pagewell plugin": "Pagewell" is a rival's heading, what the
    # plugin works with, not part of its name
    assert (doc.subject, doc.subject_how, doc.subject_line) == ("Quillset", "text", 3)
    G = loaded.graph
    # Traps: "Market Trends" (an overview and trends, no competitive part) and "Team Notes"
    # (not a name) are no rivals; "(The Incumbent)" is no alias.
    assert kinds(G) == {"quillset": "company", "pagewell": "competitor", "inkling": "competitor"}
    assert G.nodes["pagewell"]["aliases"] == []
    assert read(G) == {("pagewell", "quillset"): [("quillset", 5, "section")],
                       ("inkling", "quillset"): [("quillset", 19, "section")]}


@pytest.mark.parametrize("title", [
    "JavaScript/TypeScript Linter Competitor Landscape", "Python Web Frameworks Compared", "Static Site Generator Plugins",
])
def test_a_title_naming_a_kind_of_software_names_no_subject(title):
    from rivalscape.graph.ingest.competition import title_subject

    assert title_subject(title) is None


# --- "A instead of B" lines ------------------------------------------------------------------------


def test_lines_that_say_one_product_instead_of_another_are_rivalries():
    G = _load("read_instead_lines").graph
    # Traps: "Walk instead of the bus" (everyday words) and "Notebook, Jotter" (no relation).
    assert kinds(G) == {n: "competitor" for n in (
        "chatterbox", "slackline", "formkit", "pollster", "surveyjar", "mailmole", "inboxly",
        "pixelvault", "photohub")}
    assert read(G) == {
        ("chatterbox", "slackline"): [("slackline", 4, "lead")],
        ("formkit", "surveyjar"): [("surveyjar", 5, "lead")],
        ("pollster", "surveyjar"): [("surveyjar", 5, "lead")],
        ("inboxly", "mailmole"): [("inboxly", 6, "lead")],
        ("photohub", "pixelvault"): [("photohub", 12, "lead")],
    }


def test_one_line_instead_of_another_is_a_sentence_not_a_list():
    doc = read_markdown("# Notes\n\nGridlock instead of Tablespin\n", "x.md", "x.md")
    assert doc.rivalries == []


@pytest.mark.parametrize("line, got", [
    ("Tooljet instead of retool", (["Tooljet"], "retool")),
    ("Nocodb or baserow instead of airtable", (["Nocodb", "baserow"], "airtable")),
    ("Use Postgres instead of MySQL.", (["Postgres"], "MySQL")),
    ("Caddy rather than Nginx", (["Caddy"], "Nginx")),
    # traps
    ("Walk instead of the bus", None), ("Tooljet is used instead of retool by most teams", None),
    ("We chose it instead of that", None), ("In-house tools instead of Retool", None),
])
def test_a_replacement_line(line, got):
    from rivalscape.graph.ingest.instead import replacement_line

    assert replacement_line(line) == got


# --- a matrix column that stands for the writer's own product -----------------------------------


def test_a_this_project_column_is_the_subject_and_use_case_headings_are_no_rivals():
    loaded = _load("read_self_column")
    (doc,) = loaded.documents
    assert (doc.subject, doc.subject_how, doc.subject_line) == ("This Project", "table", 5)
    G = loaded.graph
    # Traps: "vs Native JavaScript" is the language, no product; the use-case headings under
    # "Use Case Mapping" are situations; "Competitors evolve." names no rival "evolve".
    assert kinds(G) == {"this-project": "company", "formwell": "competitor", "quickform": "competitor"}
    assert read(G) == {
        ("formwell", "this-project"): [("this-project", 5, "table"), ("this-project", 11, "heading")],
        ("quickform", "this-project"): [("this-project", 5, "table")],
    }
    assert warnings("read_self_column") == [
        "30: looks competitive, but no rule read it: 'Competitors evolve. Check their prices every quarter.'"]


@pytest.mark.parametrize("name, generic", [
    ("Native JavaScript", True), ("Pure CSS", True), ("Raw SQL", True),
    ("Native Instruments", False), ("Pure Storage", False), ("Standard Chartered", False),
])
def test_a_language_written_as_an_option_is_generic(name, generic):
    from rivalscape.graph.names import is_generic

    assert is_generic(name) is generic


# --- hostile text: every rule above runs in linear time ------------------------------------------

HOSTILE = {
    "a long lower-case title": lambda n: "# Why " + "a" * (n // 2) + "?\n\n" + "tidbit " * (n // 14) + "\n",
    "many vs sub-headings": lambda n: "# Why tidbit?\n\ntidbit tidbit\n\n## Comparison with Alternatives\n\n"
    + "### vs. Chunkster\n\n- x\n\n" * (n // 26),
    "many verbs before alternatives": lambda n: "Consider " * (n // 18) + "alternatives if:\n\n- x\n",
    "many analysis parts": lambda n: "# Acme\n\n" + "### 1. Threat of New Entrants: HIGH\n\n- **Focus**: x\n\n" * (n // 54),
    "a long persona heading": lambda n: "# Acme\n\n### " + "Primary " * (n // 8) + "Persona 1\n\n- **Users**: x\n",
    "many combinations": lambda n: "# Acme\n\n## Competitors\n\n" + "### Globex + Hooli Combo\n\nx\n\n" * (n // 32),
    "a long list of replacements": lambda n: "A list of " + "cheap " * (n // 6) + "Heroku replacements.\n",
    "many capitalised words before replacements": lambda n: "A list of " + "Acme " * (n // 5) + "replacements.\n",
    "many link items": lambda n: "# Replacing Heroku\n\n" + "- https://www.render.com/pricing - x\n" * (n // 36),
    "a long link": lambda n: "# Replacing Heroku\n\n- https://render.com/" + "a" * n + "\n",
    "a long domain": lambda n: "# Replacing Heroku\n\n- " + "a." * (n // 2) + "io\n",
    "many option headings under alternatives": lambda n: "# ADR\n\n## Status\n\nAccepted\n\n## Alternatives\n\n"
    + "#### Quarrix\n\nx\n\n" * (n // 18) + "## Decision\n\nWe decided to choose Quarrix.\n",
    "a long decision sentence": lambda n: "# ADR\n\n## Alternatives\n\n#### Quarrix\n\n#### Findly\n\n## Decision\n\n"
    + "we will use " * (n // 12) + "Findly\n",
    "many option rows in a decision record": lambda n: "# ADR\n\n## Decision\n\n### Compare " + "Acme " * (n // 10)
    + "vs Alternatives\n\n| Technology | x |\n|---|---|\n" + "| **Acme Core** | 1 |\n" * (n // 40),
    "many category sub-headings": lambda n: "# Acme\n\n## Competitors\n\n" + "### Theme Plugins\n\n- **Globex**: x\n\n" * (n // 40),
    "a long category sub-heading": lambda n: "# Acme\n\n## Competitors\n\n### " + "Theme " * (n // 6) + "Plugins\n\n- x\n",
    "many rival profiles": lambda n: "# Acme: Landscape\n\n" + "## Globex\n\n### Strengths\n\nx\n\n### Overview\n\ny\n\n" * (n // 48),
    "a long positioning line": lambda n: "# Notes\n\nWe are positioning the " + "Acme " * (n // 5) + "plugin. We, our, us.\n",
    "many instead lines": lambda n: "# X\n\n" + "Tooljet instead of retool\n" * (n // 26),
    "a long instead line": lambda n: "# X\n\n" + "ab " * (n // 3) + "instead of retool\nTooljet instead of x\n",
    "many words around instead": lambda n: "# X\n\n" + "ab or ab instead of " * (n // 20) + "\n",
    "many self columns": lambda n: "| Feature | " + "This Project | " * (n // 15) + "\n|---|---|\n| x | y |\n",
    "many use-case headings": lambda n: "# Competitor Comparison\n\n## Use Case Mapping\n\n"
    + "### Freelancer Portfolio\n**Best Choice:** Acme\n\n" * (n // 50),
    "a long competitors sentence": lambda n: "# Acme\n\n" + "Competitors evolve " * (n // 19) + ".\n",
    "a long combination": lambda n: "# Acme\n\n## Competitors\n\n### " + "Globex + " * (n // 9) + "Hooli\n\nx\n",
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_reading_more_is_linear_in_hostile_text(case):
    """1 MB against 100 KB of the same hostile text: linear, far from quadratic."""
    ratio, small, large = reading_time_ratio(HOSTILE[case])
    assert ratio < 40, (case, small, large)
