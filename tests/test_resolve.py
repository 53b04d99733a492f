"""Unit tests of the name rules in graph/resolve.py: key, acronym, is_generic, split_targets,
readable_label and parse_funding, plus the merges they make across documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from rivalscape.graph.pipeline import load
from rivalscape.graph.names import (
    acronym,
    is_acronym_like,
    is_generic,
    key,
    mixed_case_spellings,
    readable_label,
    split_targets,
)
from rivalscape.graph.resolve import parse_funding

# --- key ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("a, b", [
    ("Modal", "Modal Labs"),
    ("MODAL", "Modal Labs"),
    ("modal labs", "MODAL LABS"),
    ("Together", "Together AI"),
    ("Neptune.ai", "Neptune"),
    ("Weights and Biases", "Weights & Biases"),
    ("Self managed", "Self-managed"),
    ("HuggingFace", "Hugging Face"),
    ("Acme, Inc.", "Acme"),
    ("Globex Corp", "Globex"),
    ("Replicate Inc", "replicate"),
])
def test_key_merges(a, b):
    assert key(a) == key(b)


@pytest.mark.parametrize("a, b", [
    ("AWS", "AWS Lambda"),
    ("Flow AI", "Metaflow"),
    ("Google", "Google Cloud"),
    ("Modal", "Model Labs"),
    ("Together AI", "Together Computer"),
    ("Neptune", "Neptune Labs Cloud"),
])
def test_key_does_not_over_merge(a, b):
    assert key(a) != key(b)


@pytest.mark.parametrize("name, expected", [
    ("Labs", "labs"),  # a suffix alone is never dropped
    ("AI", "ai"),
    ("Modal Labs", "modal"),
    ("Weights & Biases", "weights&biases"),
])
def test_key_never_empty(name, expected):
    assert key(name) == expected


# --- acronym -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [
    ("Weights & Biases", "W&B"),
    ("Amazon Web Services", "AWS"),
    ("Google Cloud Platform", "GCP"),
    ("Hugging Face", "HF"),
    ("Modal Labs", None),   # one word once the suffix is dropped
    ("Together AI", None),
    ("AWS", None),
    ("Replicate", None),
])
def test_acronym(name, expected):
    assert acronym(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("W&B", True), ("AWS", True), ("GCP", True),
    ("Modal", False), ("MODAL LABS", False), ("aws", False), ("A", False),
])
def test_is_acronym_like(name, expected):
    assert is_acronym_like(name) is expected


# --- is_generic ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "Self-managed", "Cloud providers", "Custom deployment", "Internal tools", "Custom solutions",
    "General MLOps", "In-house teams", "Spreadsheets", "Manual picking", "CI/CD tools",
    "Legacy systems", "Open-source alternatives", "Point solutions", "Existing vendors",
    "Status quo", "Build-your-own",
])
def test_is_generic(name):
    assert is_generic(name) is True


@pytest.mark.parametrize("name", [
    "AWS", "Modal Labs", "Hugging Face", "OpenAI Fine-tuning", "LangChain", "dbt Cloud",
    "Google Cloud", "RunPod", "Weights & Biases", "Lambda Labs", "Cloud Run", "Vertex AI",
    "Amazon Bedrock", "Palo Alto Networks", "Google Cloud Platform",
])
def test_named_rivals_are_not_generic(name):
    assert is_generic(name) is False


@pytest.mark.parametrize("name", [
    "Amazon Web Services", "Microsoft Teams", "Cisco Systems", "Oracle Cloud Infrastructure",
])
def test_proper_names_ending_in_a_generic_word_are_not_generic(name):
    assert is_generic(name) is False


# --- split_targets -----------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("AWS/GCP", ["AWS", "GCP"]),
    ("Snowflake / BigQuery", ["Snowflake", "BigQuery"]),
    ("Airflow, Dagster and Prefect", ["Airflow", "Dagster", "Prefect"]),
    ("Airflow, Dagster, and Prefect", ["Airflow", "Dagster", "Prefect"]),
    ("AWS, GCP, or Azure", ["AWS", "GCP", "Azure"]),
    ("Modal; Replicate", ["Modal", "Replicate"]),
    ("Weights & Biases", ["Weights & Biases"]),
    ("Replicate", ["Replicate"]),
    # The helper splits on 'and'; keeping a known name whole is the resolver's job
    # (see test_known_name_with_and_is_not_split).
    ("Smith and Jones", ["Smith", "Jones"]),
])
def test_split_targets(text, expected):
    assert split_targets(text) == expected


# --- readable_label ------------------------------------------------------------------------------


def _label(name: str, *texts: str) -> str:
    return readable_label(name, mixed_case_spellings({name}, texts))


@pytest.mark.parametrize("name, expected", [
    ("MODAL LABS", "Modal Labs"),
    ("WEIGHTS & BIASES", "Weights & Biases"),
    ("TOGETHER AI", "Together AI"),
    ("HUMANLOOP", "Humanloop"),
    ("BANK OF AMERICA", "Bank of America"),
    ("AWS", "AWS"),            # short acronyms stay
    ("Replicate", "Replicate"),  # mixed case is kept as written
    ("dbt Cloud", "dbt Cloud"),
])
def test_readable_label_title_case(name, expected):
    assert readable_label(name) == expected
    assert _label(name) == expected


def test_readable_label_prefers_a_mixed_case_mention():
    assert _label("LANGCHAIN", "We use LangChain daily") == "LangChain"
    assert _label("OPENPIPE", "OpenPipe was founded", "(OpenPipe)") == "OpenPipe"
    # ALL-CAPS repetitions of the heading do not count as mentions.
    assert _label("MODAL LABS", "MODAL LABS again", "MODAL LABS", "Modal Labs once") == "Modal Labs"


@pytest.mark.parametrize("name, texts, expected", [
    ("MODAL LABS", ["vs. modal labs: different"], "Modal Labs"),
    ("HUGGING FACE", ["Hugging Face hub", "hugging face", "hugging face"], "Hugging Face"),
])
def test_readable_label_ignores_lowercase_mentions(name, texts, expected):
    assert _label(name, *texts) == expected


def _spellings_word_by_word(names, texts):
    """mixed_case_spellings as it was before its ASCII fast path: the reference."""
    from collections import Counter

    from rivalscape.graph.names import needs_label, norm

    wanted = {norm(n) for n in names if needs_label(n)}
    lengths = {}
    for w in wanted:
        lengths.setdefault(w.split()[0], set()).add(len(w.split()))
    out = {}
    for text in texts:
        words = text.translate(str.maketrans("():,", "    ")).split()
        for i, first in enumerate(words):
            for n in lengths.get(first.casefold(), ()):
                run = " ".join(words[i:i + n])
                if norm(run) in wanted and not run.isupper() and not run.islower():
                    out.setdefault(norm(run), Counter())[run] += 1
    return out


def test_mixed_case_spellings_fast_path_counts_as_word_by_word():
    names = {"MODAL LABS", "LANGCHAIN", "WEIGHTS & BIASES", "STRASSE AG", "ÉCOLE DATA", "OPEN AI CO"}
    texts = ["We use LangChain, and Modal Labs (Modal Labs) daily", "modal labs: MODAL LABS Modal labs",
             "Weights & Biases:Weights & biases", "Straße AG vs. Strasse AG", "École Data, école data",
             "LangChain\u00a0Modal Labs", "Open AI Co and Open Ai Co(OPEN AI CO)", "Modal", "",
             "LANGCHAIN LangChain Langchain langchain", "x Modal\tLabs y", "Ｍodal Labs"]
    texts = texts + [t.upper() + " " + t for t in texts]
    expected = _spellings_word_by_word(names, texts)
    assert expected  # the case is not empty
    assert mixed_case_spellings(names, texts) == expected
    assert mixed_case_spellings(names, reversed(texts)) == _spellings_word_by_word(names, reversed(texts))


# --- parse_funding -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("$60M Series A at $400M valuation (2024)", (60e6, "Series A", 400e6)),
    ("$16M Series A", (16e6, "Series A", None)),
    ("$102.5M Series A at $1.25B valuation", (102.5e6, "Series A", 1.25e9)),
    ("$135M+ total funding", (135e6, None, None)),
    ("$12.5M Series A", (12.5e6, "Series A", None)),
    ("$5M Seed, expanding rapidly", (5e6, "Seed", None)),
    ("Bootstrapped", (None, "Bootstrapped", None)),
    ("$1.5B raised, valued at $9B (Series D)", (1.5e9, "Series D", 9e9)),
    ("$2.5 billion valuation, $300M Series C", (300e6, "Series C", 2.5e9)),
    ("Series A ($12.5M)", (12.5e6, "Series A", None)),
    ("$40 M", (40e6, None, None)),
    ("pre-seed", (None, "Pre-seed", None)),
    ("$300M valuation", (None, None, 300e6)),
    ("$10M seed at $50M post-money", (10e6, "Seed", 50e6)),
    ("$500K angel", (500e3, "Angel", None)),
    ("$12.5 million Series B led by a16z", (12.5e6, "Series B", None)),
    ("IPO 2021", (None, "IPO", None)),
    ("$3.2bn Series F", (3.2e9, "Series F", None)),
    ("$20 million in Series A funding at a $100 million valuation", (20e6, "Series A", 100e6)),
    ("€20M Series A", (None, "Series A", None)),  # not USD: no amount
    ("Not disclosed", (None, None, None)),
])
def test_parse_funding(text, expected):
    funding, rnd, valuation = parse_funding(text)
    assert (funding, rnd, valuation) == (
        None if expected[0] is None else pytest.approx(expected[0]),
        expected[1],
        None if expected[2] is None else pytest.approx(expected[2]),
    )


@pytest.mark.parametrize("text, expected", [
    ("$1,200,000 seed round", 1.2e6),
    ("$2,500,000", 2.5e6),
])
def test_parse_funding_thousands_separators(text, expected):
    assert parse_funding(text)[0] == pytest.approx(expected)


def test_parse_funding_usd_prefix():
    assert parse_funding("USD 20M Series A") == (pytest.approx(20e6), "Series A", None)


# --- resolution across a corpus ----------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_acronym_mention_merges_with_the_spelled_out_name(tmp_path):
    _write(tmp_path, "a.md", "# A\n\n### 1. Skyline: Serverless\n\n- Founded: 2020\n- Focus: Functions\n\n"
           "Competition:\n- vs. Amazon Web Services: Simpler\n- vs. AWS: Cheaper\n"
           "- vs. Google Cloud Platform: Faster\n- vs. GCP: Smaller\n- vs. Google Cloud: Simpler console\n")
    G = load([tmp_path]).graph
    # 'Amazon Web Services' ends in a generic word but is a proper name: a competitor, not an
    # alternative (test_proper_names_ending_in_a_generic_word_are_not_generic).
    assert sorted(G.nodes) == ["amazon-web-services", "google-cloud", "google-cloud-platform", "skyline"]
    assert dict(G.nodes(data="kind")) == {"skyline": "company", "amazon-web-services": "competitor",
                                          "google-cloud": "competitor",
                                          "google-cloud-platform": "competitor"}
    assert G.nodes["amazon-web-services"]["aliases"] == ["AWS"]
    assert G.nodes["google-cloud-platform"]["aliases"] == ["GCP"]
    assert [c["text"] for c in G.edges["skyline", "amazon-web-services"]["claims"]] == ["Simpler", "Cheaper"]
    assert [c["text"] for c in G.edges["skyline", "google-cloud-platform"]["claims"]] == ["Faster", "Smaller"]


def test_known_name_with_and_is_not_split(tmp_path):
    """`Smith and Jones` is profiled in a later document: the rival list is one name."""
    _write(tmp_path, "a.md", "# A\n\n### 1. Dagflow: Orchestration\n\n- Founded: 2019\n- Focus: Data\n\n"
           "Competition:\n- vs. Smith and Jones: Open source\n- vs. Airflow and Dagster: Assets\n")
    _write(tmp_path, "b.md", "# B\n\n### 1. SMITH AND JONES: Consulting\n\n- Founded: 1990\n- Focus: Data\n")
    G = load([tmp_path]).graph
    assert {n: d["kind"] for n, d in G.nodes(data=True)} == {
        "dagflow": "company", "smith-and-jones": "company", "airflow": "competitor", "dagster": "competitor",
    }
    assert G.nodes["smith-and-jones"]["label"] == "Smith and Jones"
    assert G.edges["dagflow", "smith-and-jones"]["claims"][0]["source"] == {
        "path": "a.md", "line": 9, "section": "1. Dagflow: Orchestration"}


def test_profiled_company_found_by_heading_alias_in_another_document(tmp_path):
    _write(tmp_path, "a.md", "# A\n\n### 1. ANYSPHERE (CURSOR): Editors\n\n- Founded: 2023\n- Product: Editor\n")
    _write(tmp_path, "b.md", "# B\n\n### 1. Codeium: Editors\n\n- Founded: 2021\n- Product: Plugin\n\n"
           "Competition:\n- vs. cursor: Works in every IDE\n")
    G = load([tmp_path]).graph
    assert {n: d["kind"] for n, d in G.nodes(data=True)} == {"anysphere": "company", "codeium": "company"}
    assert G.nodes["anysphere"]["label"] == "Anysphere"
    assert [a.casefold() for a in G.nodes["anysphere"]["aliases"]] == ["cursor"]
    assert [(c["by"], c["text"]) for c in G.edges["anysphere", "codeium"]["claims"]] == [
        ("codeium", "Works in every IDE")]


def test_heading_alias_keeps_readable_spelling(tmp_path):
    test_profiled_company_found_by_heading_alias_in_another_document(tmp_path)
    G = load([tmp_path]).graph
    assert G.nodes["anysphere"]["aliases"] == ["Cursor"]


@pytest.mark.parametrize("heading, expected", [
    ("Case Study 3: Stripe — Payments", ("Stripe", [], True, True)),
    ("Company 2: ACME ROBOTICS (Acme) - Robots", ("ACME ROBOTICS", ["Acme"], True, True)),
    ("IV. GLOBEX: Logistics", ("GLOBEX", [], True, True)),
    ("Civic. Something: else", ("Civic. Something", [], False, True)),
])
def test_heading_numbering_forms(heading, expected):
    from rivalscape.graph.ingest.markdown import split_heading

    assert split_heading(heading) == expected


def test_claims_against_one_rival_are_not_compared_pairwise(tmp_path, monkeypatch):
    # Found by the linear-time property of tests/test_fuzz.py: each claim against a rival
    # looked its source up in a list of that rival's sources, so n claims made n^2/2 model
    # comparisons (2,500 claims: 1.2 million, seconds). Counted, not timed.
    from rivalscape.graph.models import Source

    n = 1500
    items = "\n".join(f"- vs. Beta: claim {i}" for i in range(n))
    (tmp_path / "a.md").write_text(f"# T\n\n### 1. Acme: x\n\n{items}\n", encoding="utf-8")
    calls = []
    eq = Source.__eq__
    monkeypatch.setattr(Source, "__eq__", lambda self, other: calls.append(1) or eq(self, other))
    ls = load([tmp_path]).landscape
    assert sum(len(r.claims) for r in ls.rivalries) == n
    assert len(calls) < 20 * n
