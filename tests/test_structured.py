"""Structured inputs: Kumu and Gephi tables (CSV, xlsx), our data file (YAML, JSON), CNCF
landscape.yml in both spellings; errors with places; overrides; export and read back."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from rivalscape.cli.main import cli
from rivalscape.graph.errors import InputError
from rivalscape.graph.export_tables import TABLE_FORMATS, export_tables
from rivalscape.graph.ingest.datafile import schema, validate
from rivalscape.graph.cells import quote_cell, unquote_cell
from rivalscape.graph.ingest.treetext import load_tree
from rivalscape.graph.pipeline import load
from graph_shape import shape

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent


def read(case: str):
    loaded = load([FIXTURES / case])
    return loaded.landscape, [str(d) for d in loaded.diagnostics]


def entities(ls) -> dict[str, tuple]:
    """label -> (kind, aliases, ((fact label, text, source), ...))"""
    return {e.label: (e.kind, e.aliases, tuple((f.label, f.text, str(f.source)) for f in e.facts))
            for e in ls.entities}


def claims(ls) -> list[tuple]:
    label = {e.id: e.label for e in ls.entities}
    return sorted((label[c.by], label[c.against], c.text, str(c.source))
                  for r in ls.rivalries for c in r.claims)


def members(ls) -> list[tuple]:
    label = {e.id: e.label for e in ls.entities}
    return sorted((label[m.theme], label[m.member], m.description, str(m.source))
                  for m in ls.memberships)


# --- Kumu and Gephi tables ----------------------------------------------------------------------


def test_kumu_csv_pair():
    ls, warnings = read("tables_kumu_csv")
    assert entities(ls) == {
        "Beacon DB": ("competitor", (), ()),
        "Driftwood": ("competitor", (), ()),
        "Home-grown scripts": ("alternative", (), ()),
        "Lattice Labs": ("company", ("Lattice", "LTX"), (
            ("Founded", "2019", "elements.csv:2"), ("Funding", "$12M Series A", "elements.csv:2"),
            ("Notes", "Ships weekly, from Oslo", "elements.csv:2"))),
        # the leading quote our CSV writer adds against formula injection is taken off
        "Quarry": ("competitor", (), (("Founded", "2021", "elements.csv:3"),
                                      ("Notes", "=HYPERLINK(1)", "elements.csv:3"))),
        "Hybrid Search": ("theme", (), ()),
        "Vector Search": ("theme", (), ()),
    }
    assert claims(ls) == [
        ("Lattice Labs", "Beacon DB", "Older but cheaper", "connections.csv:7"),  # no Type: rivalry
        ("Lattice Labs", "Home-grown scripts", "Managed instead of maintained", "connections.csv:4"),
        ("Lattice Labs", "Quarry", "Cheaper at scale, per their pricing page", "connections.csv:2"),
        ("Quarry", "Lattice Labs", "Faster ingestion", "connections.csv:3"),  # Description as claim
    ]
    assert members(ls) == [
        ("Hybrid Search", "Driftwood", "Newcomer", "connections.csv:5"),
        ("Hybrid Search", "Quarry", "", "elements.csv:3"),  # Tags, '|' separated
        ("Vector Search", "Lattice Labs", "", "elements.csv:2"),
        ("Vector Search", "Quarry", "", "elements.csv:3"),
    ]
    assert len(warnings) == 1 and warnings[0].endswith(
        "tables_kumu_csv/connections.csv:6: warning: unknown connection type 'partners with' "
        "(expected competes, rival, vs, theme or member); row skipped")


def test_gephi_csv_pair_ids_and_directions():
    ls, warnings = read("tables_gephi_csv")
    assert warnings == []
    assert entities(ls) == {
        "Ferrous": ("company", (), (("Founded", "2018", "nodes.csv:2"),)),
        "Oxide Works": ("competitor", (), ()),
        "Metal Tools": ("theme", (), ()),
    }
    # Edges name nodes by Id; Gephi's Type (Directed/Undirected) is not a relation: an edge to
    # a theme is a membership, any other a rivalry, claimed by its Source.
    assert claims(ls) == [("Ferrous", "Oxide Works", "Claims lower latency", "edges.csv:2"),
                          ("Oxide Works", "Ferrous", "", "edges.csv:3")]
    assert members(ls) == [("Metal Tools", "Ferrous", "Tooling", "edges.csv:4"),
                           ("Metal Tools", "Oxide Works", "", "edges.csv:5")]


def test_kumu_xlsx_two_sheets_ids_and_ignored_sheet():
    ls, warnings = read("tables_kumu_xlsx")
    # the '(ignore)' sheet has a header no table has: read, it would be an error
    assert warnings == []
    assert entities(ls) == {
        "Lattice Labs": ("company", (), (("Founded", "2019", "landscape.xlsx[Elements]:2"),
                                         ("Valuation", "1.5", "landscape.xlsx[Elements]:2"))),
        "Quarry": ("competitor", (), ()),
        "Vector Search": ("theme", (), ()),
    }
    assert claims(ls) == [
        ("Lattice Labs", "Quarry", "Cheaper at scale", "landscape.xlsx[Connections]:2"),
        ("Quarry", "Lattice Labs", "=SUM(A1)", "landscape.xlsx[Connections]:3"),
    ]
    assert members(ls) == [
        ("Vector Search", "Lattice Labs", "", "landscape.xlsx[Elements]:2"),
        # Tags and a connection state the same membership: the first reading (elements) wins
        ("Vector Search", "Quarry", "", "landscape.xlsx[Elements]:3"),
    ]


def test_a_tags_theme_name_is_not_split():
    """``|`` separates values; commas and slashes inside one value stay."""
    from rivalscape.graph.ingest.tables import _values

    assert _values(["A / B, C | D"], 0) == ["A / B, C", "D"]
    assert _values([" | "], 0) == []


# --- our data file ------------------------------------------------------------------------------


def test_yaml_data_file():
    ls, warnings = read("data_yaml")
    assert warnings == []
    assert ls.title == "Tiny Database Landscape"
    assert entities(ls) == {
        # every value is text as written: no int 2020, no False for 'No'
        "Pebble DB": ("company", ("Pebble",), (("Founded", "2020", "landscape.yaml:8"),
                                               ("Funding", "$5M Seed", "landscape.yaml:9"),
                                               ("Answer", "No", "landscape.yaml:10"))),
        "Cobble": ("competitor", (), ()),
        "Gravel": ("competitor", (), ()),  # named only in a rivalry and a theme
        "Embedded Databases": ("theme", (), ()),
    }
    assert claims(ls) == [("Cobble", "Gravel", "", "landscape.yaml:18"),
                          ("Pebble DB", "Cobble", "Smaller binary", "landscape.yaml:15")]
    assert members(ls) == [
        ("Embedded Databases", "Cobble", "", "landscape.yaml:23"),
        ("Embedded Databases", "Gravel", "Legacy choice", "landscape.yaml:24"),
        ("Embedded Databases", "Pebble DB", "", "landscape.yaml:11"),
    ]


def test_json_data_file():
    ls, warnings = read("data_json")
    assert warnings == []
    assert entities(ls) == {
        "Pebble DB": ("company", (), (("Founded", "2020", "landscape.json:3"),)),
        "Cobble": ("alternative", (), ()),
        "Embedded Databases": ("theme", (), ()),
    }
    assert claims(ls) == [("Pebble DB", "Cobble", "Smaller binary", "landscape.json:7")]
    assert [m[:2] for m in members(ls)] == [("Embedded Databases", "Cobble"),
                                             ("Embedded Databases", "Pebble DB")]


def test_published_schema_is_valid_and_matches_the_example_in_the_reader():
    from jsonschema import Draft202012Validator

    from rivalscape.graph.ingest import datafile

    Draft202012Validator.check_schema(schema())
    example = datafile.__doc__.split("::", 1)[1]
    data, lines = load_tree(example, json_file=False)
    assert validate(data, lines, "doc") == []
    assert validate({"entities": [{"name": "X", "kind": "startup"}]}, {}, "doc") != []


# --- CNCF landscape.yml -------------------------------------------------------------------------


@pytest.mark.parametrize("case, name", [("cncf_v1", "landscape.yml"), ("cncf_landscape2", "data.yml")])
def test_cncf_landscape_both_spellings(case, name):
    ls, warnings = read(case)
    assert warnings == []
    assert ls.rivalries == ()  # co-listing is membership, never a rivalry
    ents = entities(ls)
    assert {k: v[0] for k, v in ents.items()} == {
        "Terraformer": "company", "Shellbox": "company", "Gridlock": "company",
        "Provisioning": "theme", "Provisioning / Automation & Configuration": "theme",
        "Provisioning / Security & Compliance": "theme", "Orchestration & Management": "theme",
        "Orchestration & Management / Scheduling": "theme",
    }
    facts = {label: text for label, text, _ in ents["Terraformer"][2]}
    assert facts == {
        "Homepage": "https://terraformer.example",
        "Repository": "https://github.com/example/terraformer",
        "Crunchbase": "https://www.crunchbase.com/organization/example",
        "Description": "Turns clouds into code", "Maturity": "sandbox",
        "Accepted": "2021-06-01", "Incubating": "2023-01-10",
    }
    assert {label: text for label, text, _ in ents["Gridlock"][2]}["Joined"] == "2019-03-04"
    got = sorted(m[:2] for m in members(ls))
    assert got == [
        ("Orchestration & Management", "Gridlock"),
        ("Orchestration & Management", "Terraformer"),  # second_path
        ("Orchestration & Management / Scheduling", "Gridlock"),
        ("Orchestration & Management / Scheduling", "Terraformer"),  # second_path
        ("Provisioning", "Shellbox"),  # listed twice in one category: one membership
        ("Provisioning", "Terraformer"),
        ("Provisioning / Automation & Configuration", "Shellbox"),
        ("Provisioning / Automation & Configuration", "Terraformer"),
        ("Provisioning / Security & Compliance", "Shellbox"),  # the second listing
    ]
    lines = (FIXTURES / case / name).read_text().splitlines()
    for e in ls.entities:
        for s in e.sources:
            assert e.kind == "theme" or lines[s.line - 1].strip().endswith(e.label), s
    themes = {e.id: e.label for e in ls.entities}
    for m in ls.memberships:  # an item's name line, or the second_path entry that places it
        ln = lines[m.source.line - 1]
        assert "name:" in ln or ln.strip().startswith("- " + themes[m.theme]), (m, ln)


def test_cncf_spellings_give_the_same_graph():
    assert shape(read("cncf_v1")[0]) == shape(read("cncf_landscape2")[0])


def test_cncf_additional_categories(tmp_path):
    (tmp_path / "landscape.yml").write_text(
        "categories:\n"
        "  - name: A\n    subcategories:\n      - name: B\n        items:\n"
        "          - name: X\n            additional_categories:\n"
        "              - {category: C, subcategory: D}\n")
    ls = load([tmp_path]).landscape
    assert sorted(m[:2] for m in members(ls)) == [("A", "X"), ("A / B", "X"), ("C", "X"), ("C / D", "X")]


# --- malformed input: errors with places, never a traceback --------------------------------------

ERRORS = {
    "bad_table_missing_column": ["connections.csv:1: error: connections table has no To column"],
    "bad_table_unknown_kind": [
        "elements.csv:3: error: unknown kind 'Organisation' (expected company, competitor, "
        "alternative or theme)",
        "elements.csv:4: error: element has no Label"],
    "bad_table_empty_name": ["connections.csv:3: error: connection with an empty To",
                             "connections.csv:4: error: connection with an empty From"],
    "bad_table_header": ["things.csv:1: error: header row has no Label or ID column (an elements "
                         "table) and no From/To or Source/Target columns (a connections table)"],
    "bad_yaml_syntax": ["landscape.yaml:4: error: YAML syntax error: while parsing a block "
                        "collection did not find expected '-' indicator"],
    "bad_json_syntax": ["landscape.json:4: error: JSON syntax error: Expecting value (column 3)"],
    "bad_datafile_schema": [
        "landscape.yaml:1: error: file: Additional properties are not allowed ('owners' was "
        "unexpected)",
        "landscape.yaml:3: error: entities[0].kind: 'startup' is not one of ['company', "
        "'competitor', 'alternative']",
        "landscape.yaml:4: error: entities[1].name: a name must not be empty",
        "landscape.yaml:6: error: rivalries[0]: 'against' is a required property"],
    "bad_xlsx": ["book.xlsx: error: not a readable .xlsx workbook (File is not a zip file)"],
    "bad_cncf_item": ["landscape.yml:8: error: item has no name"],
}


@pytest.mark.parametrize("case", sorted(ERRORS))
def test_malformed_input_is_an_error_with_its_place(case, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    result = CliRunner().invoke(cli, ["validate", "--data", case])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 1
    assert "Traceback" not in result.stdout + result.stderr
    got = [ln for ln in result.stdout.splitlines() if ": error: " in ln]
    assert got == [f"{case}/{e}" for e in ERRORS[case]]
    with pytest.raises(InputError):
        load([FIXTURES / case])


# --- a mixed folder and overrides -----------------------------------------------------------------


def test_mixed_folder_merged_exactly():
    ls, warnings = read("mixed")
    assert warnings == []
    assert ls.documents == ("notes.md", "market.xlsx[Elements]", "market.xlsx[Connections]",
                            "fixes.yaml")
    assert entities(ls) == {
        "AWS": ("competitor", (), ()),  # named in prose; its only rivalry was dropped
        "Graphite": ("company", (), (("Founded", "2020", "notes.md:5"),
                                     ("Focus", "Graph plus vector search", "notes.md:6"))),
        "Lattice Labs": ("company", ("Lattice",), (("HQ", "Oslo", "market.xlsx[Elements]:2"),)),
        "Quarry": ("competitor", ("Quarry Search",), (("HQ", "Lyon", "market.xlsx[Elements]:3"),)),
        "Vector Search": ("theme", (), ()),
    }
    assert claims(ls) == [
        ("Graphite", "Lattice Labs", "Richer queries", "notes.md:9"),
        ("Graphite", "Quarry", "Better recall", "notes.md:10"),  # same_as Quarry Search
        ("Lattice Labs", "Graphite", "Graphite is slower", "market.xlsx[Connections]:4"),
        ("Quarry", "Lattice Labs", "Open source core", "market.xlsx[Connections]:2"),
    ]
    assert members(ls) == [
        ("Vector Search", "Graphite", "", "fixes.yaml:9"),
        ("Vector Search", "Quarry", "Challenger", "market.xlsx[Connections]:3"),
    ]


def _edges(ls) -> set[tuple[str, str]]:
    label = {e.id: e.label for e in ls.entities}
    return {tuple(sorted((label[r.a], label[r.b]))) for r in ls.rivalries}


def test_overrides_take_effect():
    before = load([FIXTURES / "overrides" / "notes.md"]).landscape
    after, warnings = read("overrides")
    assert warnings == []
    b, a = entities(before), entities(after)
    # same_as: two names the rules keep apart become one entity, labelled with the first
    assert "GCP" in b and "Google Cloud" in b
    assert "GCP" not in a and a["Google Cloud"][1] == ("GCP",)
    # not_same: 'Modal' no longer matches 'Modal Labs' by the suffix rule
    assert b["Modal Labs"][1] == ("Modal",) and "Modal" not in b
    assert a["Modal"][0] == "competitor" and a["Modal Labs"][1] == ()
    # not_a_rival: the claim read from prose is gone
    assert ("AWS", "Modal Labs") in _edges(before)
    assert ("AWS", "Modal Labs") not in _edges(after)
    # kind: the profile RunPod becomes a competitor
    assert b["RunPod"][0] == "company" and a["RunPod"][0] == "competitor"
    assert _edges(after) == {("Google Cloud", "Modal Labs"), ("Google Cloud", "RunPod"),
                             ("Modal", "RunPod")}


def test_override_naming_nothing_is_a_warning(tmp_path):
    (tmp_path / "a.md").write_text((FIXTURES / "overrides" / "notes.md").read_text())
    (tmp_path / "fix.yaml").write_text("overrides:\n  not_a_rival:\n    - [Modal Labs, Nobody]\n"
                                       "  kind:\n    Nobody: alternative\n")
    warnings = [str(d).split(": ", 1)[1] for d in load([tmp_path]).diagnostics]
    assert warnings == ["warning: not_a_rival names no entity: 'Nobody'",
                        "warning: kind names no entity: 'Nobody'"]


# --- export and read back ---------------------------------------------------------------------------

WRITES = [("kumu", False), ("kumu", True), ("gephi", False), ("yaml", False)]


def _round_trip(ls, fmt, xlsx, folder: Path):
    folder.mkdir(parents=True)
    for name, content in export_tables(ls, fmt, xlsx=xlsx).items():
        (folder / name).write_bytes(content)
    loaded = load([folder])
    assert [str(d) for d in loaded.diagnostics] == []
    return loaded.landscape


@pytest.mark.parametrize("fmt, xlsx", WRITES)
def test_round_trip_shipped_data(fmt, xlsx, tmp_path):
    ls = load([ROOT / "data"]).landscape
    back = _round_trip(ls, fmt, xlsx, tmp_path / "out")
    assert shape(back) == shape(ls)
    assert len(shape(ls)["claims"]) > 10 and len(shape(ls)["memberships"]) > 5


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    out = tmp_path_factory.mktemp("generated")
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"),
                    "--entities", "5000", "--out", str(out)], check=True, capture_output=True)
    return load([out]).landscape


@pytest.mark.parametrize("fmt, xlsx", WRITES)
def test_round_trip_generated_5000(generated, fmt, xlsx, tmp_path):
    assert len(generated.entities) >= 5000
    back = _round_trip(generated, fmt, xlsx, tmp_path / "out")
    assert shape(back) == shape(generated)


@pytest.mark.parametrize("fmt, xlsx", WRITES)
def test_same_landscape_same_bytes(fmt, xlsx):
    ls = load([FIXTURES / "mixed"]).landscape
    assert export_tables(ls, fmt, xlsx=xlsx) == export_tables(ls, fmt, xlsx=xlsx)


def test_round_trip_keeps_mixed_fixture_including_by():
    ls = read("mixed")[0]
    for fmt, xlsx in WRITES:
        import tempfile

        with tempfile.TemporaryDirectory() as d:
            assert shape(_round_trip(ls, fmt, xlsx, Path(d) / "x")) == shape(ls), fmt


# --- formula injection -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+x", "-x", "@x", "\tx", "\rx", "'=x", "''+x", "plain",
                                  "'quoted'", "", "a=b"])
def test_quote_cell_round_trips(text):
    assert unquote_cell(quote_cell(text)) == text
    assert not quote_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_export_neutralises_formulas():
    ls = read("tables_kumu_csv")[0]
    files = export_tables(ls, "kumu")
    rows = list(csv.reader(io.StringIO(files["elements.csv"].decode("utf-8"))))
    notes = rows[0].index("Notes")
    assert [r[notes] for r in rows if r[0] == "Quarry"] == ["'=HYPERLINK(1)"]


# --- the export command ------------------------------------------------------------------------------


def test_export_command_writes_tables_and_yaml(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    run = CliRunner().invoke
    r = run(cli, ["export", "--format", "kumu", "-o", str(tmp_path / "k")])
    assert r.exit_code == 0, r.stderr
    assert sorted(p.name for p in (tmp_path / "k").iterdir()) == ["connections.csv", "elements.csv"]
    r = run(cli, ["export", "--format", "kumu", "-o", str(tmp_path / "k.xlsx")])
    assert r.exit_code == 0 and (tmp_path / "k.xlsx").read_bytes()[:2] == b"PK"
    r = run(cli, ["export", "--format", "yaml"])
    assert r.exit_code == 0
    data = yaml.safe_load(r.stdout)  # pure YAML on stdout
    assert {"title", "entities", "rivalries", "themes"} <= set(data)
    r = run(cli, ["export", "--format", "gephi"])
    assert r.exit_code == 2 and "give a folder with -o" in r.stderr
    r = run(cli, ["export", "--format", "gephi", "-o", str(tmp_path / "g.xlsx")])
    assert r.exit_code == 2 and "only --format kumu writes a .xlsx" in r.stderr
    assert set(TABLE_FORMATS) == {"kumu", "gephi", "yaml"}


def test_yaml_aliases_and_deep_nesting_are_errors_not_hangs(tmp_path):
    (tmp_path / "bomb.yaml").write_text('a: &a ["x", "x"]\nb: &b [*a, *a]\nc: [*b, *b]\n')
    (tmp_path / "deep.json").write_text('{"entities": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(InputError) as e:
        load([tmp_path])
    assert [str(d).split(tmp_path.name + "/", 1)[1] for d in e.value.diagnostics] == [
        "bomb.yaml:1: error: YAML anchors and aliases (&name, *name) are not supported; "
        "write the value out",
        "deep.json: error: JSON nested too deeply",
    ]


def test_export_tables_onto_a_file_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    (tmp_path / "taken.csv").write_text("keep me")
    r = CliRunner().invoke(cli, ["export", "--format", "gephi", "-o", str(tmp_path / "taken.csv")])
    assert r.exit_code == 2 and "is a file" in r.stderr
    assert (tmp_path / "taken.csv").read_text() == "keep me"


def test_a_connections_table_alone_is_a_landscape(tmp_path):
    (tmp_path / "links.csv").write_text("From,To,Type,Label\nAcme,Bolt,competes,Cheaper\n")
    ls = load([tmp_path]).landscape
    assert claims(ls) == [("Acme", "Bolt", "Cheaper", "links.csv:2")]
    assert {e.label: e.kind for e in ls.entities} == {"Acme": "competitor", "Bolt": "competitor"}


@pytest.mark.parametrize("case", ["tables_kumu_csv", "tables_gephi_csv", "data_yaml", "data_json",
                                  "cncf_v1", "cncf_landscape2", "mixed"])
def test_every_source_points_at_a_line_that_holds_it(case):
    """Sources are rows and keys of the files read: the line names the entity, holds the fact
    or the claim, or names who made the claim (a data file's rivalry starts with ``by:``)."""
    ls = load([FIXTURES / case]).landscape
    texts = {}
    for d in ls.documents:
        p = FIXTURES / case / d.split("[")[0]
        texts[d] = None if p.suffix == ".xlsx" else p.read_text(encoding="utf-8").splitlines()

    def line(src) -> str:
        assert src.path in texts, src
        if texts[src.path] is None:  # a workbook sheet: a row number, not a text line
            return ""
        assert isinstance(src.line, int) and 1 <= src.line <= len(texts[src.path]), src
        return texts[src.path][src.line - 1]

    label = {e.id: e.label for e in ls.entities}
    stated = {c.source for r in ls.rivalries for c in r.claims}
    for e in ls.entities:
        assert e.sources, e.id
        found = [line(s).casefold() for s in e.sources]
        names = {e.label.casefold(), e.label.split(" / ")[-1].casefold()}
        if all(texts[s.path] is not None for s in e.sources):
            # the entity is named there, or it is named only as the other end of a claim
            assert (any(n in ln for n in names for ln in found)
                    or set(e.sources) <= stated), (e.id, found)
        for f in e.facts:
            if not case.startswith("cncf"):  # an item's facts all point at its name line
                assert texts[f.source.path] is None or f.text in line(f.source), f
    for r in ls.rivalries:
        for c in r.claims:
            ln = line(c.source)
            assert texts[c.source.path] is None or c.text in ln or label[c.by] in ln, c
    for m in ls.memberships:
        ln = line(m.source)
        assert texts[m.source.path] is None or m.description in ln or label[m.member] in ln, m


def test_tables_pair_by_name_for_ids():
    """``north.nodes.csv`` + ``north.edges.csv`` and ``south-nodes.csv`` + ``south-edges.csv``
    use the same Ids for different trees; ``links.csv`` has no partner: it names by label, or
    by an ID of any elements table in the folder (``p9`` from ``people.csv``)."""
    ls, warnings = read("tables_pairs")
    assert warnings == []
    assert [c[:3] for c in claims(ls)] == [
        ("Alder", "Birch", "Taller"), ("Alder", "Cedar", "Older"),
        ("Douglas", "Cedar", "Greener"), ("Elm", "Alder", "Shorter")]
