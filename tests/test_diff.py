"""landscape diff: a git history built in the test, compared pair by pair (see history_repo.py)."""

from __future__ import annotations

import json
import shutil

import pytest
from history_repo import ACME_1, ACME_3, git, make_history

from rivalscape.graph.diff import diff_graphs, match_entities, render_diff
from rivalscape.graph.pipeline import load
from rivalscape.graph.revisions import load_revision

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    return make_history(tmp_path_factory.mktemp("history"))


@pytest.fixture(scope="module")
def graphs(history):
    notes, commits = history
    return [load_revision(c, notes).graph for c in commits]


def diff(graphs, i, j, **kw):
    return diff_graphs(graphs[i], graphs[j], **kw)


def claims(d):
    return [(c["by"], c["against"], c["change"], c["old"], c["new"]) for c in d["claims"]]


def pairs(rows):
    return [(r["a"], r["b"]) for r in rows]


def test_revisions_are_read_without_checking_out(history, graphs):
    notes, commits = history
    assert git(notes.parent, "status", "--porcelain") == ""
    assert sorted(graphs[0].graph["documents"]) == ["acme.md"]
    assert sorted(graphs[1].graph["documents"]) == ["acme.md", "hooli.md"]
    assert "globex" in graphs[0] and "global-export" in graphs[2]


def test_first_to_second_quarter(graphs):
    d = diff(graphs, 0, 1)
    assert [e["name"] for e in d["entities"]["added"]] == ["Hooli", "Vandelay"]
    assert d["entities"]["removed"] == [] and d["entities"]["renamed"] == []
    assert pairs(d["rivalries"]["added"]) == [("Acme", "Vandelay"), ("Globex", "Vandelay"), ("Hooli", "Initech")]
    assert pairs(d["rivalries"]["became_mutual"]) == [("Acme", "Globex")]
    assert d["rivalries"]["removed"] == [] and d["rivalries"]["no_longer_mutual"] == []
    assert claims(d) == [
        ("Acme", "Initech", "changed", "Faster delivery", "Faster delivery and round-the-clock support"),
        ("Acme", "Vandelay", "added", None, "Better quality at the same price"),
        ("Globex", "Acme", "added", None, "Enterprise-grade support contracts"),
        ("Globex", "Vandelay", "added", None, "More integrations"),
        ("Hooli", "Initech", "added", None, "Runs on our own cloud"),
    ]
    assert d["themes"] == [{"theme": "Self Service", "member": "Globex", "change": "joined"}]
    assert d["segment_moves"] == [{"name": "Initech", "from": "Acme", "to": "Initech"}]
    assert d["summary"][:3] == [
        "Vandelay is a new rival, named by 2 companies: Acme and Globex.",
        "Hooli entered the top 5 by PageRank (rank 5; new in the documents).",
        "The rivalry between Acme and Globex became mutual: both now make claims.",
    ]


def test_second_to_third_quarter_is_a_rename_and_a_dropped_rival(graphs):
    d = diff(graphs, 1, 2)
    assert d["entities"]["renamed"] == [{"old": "Globex", "new": "Global Export", "via": "Globex"}]
    assert d["entities"]["added"] == [] and d["entities"]["removed"] == []
    # The rename alone changes no rivalry, claim or membership.
    assert pairs(d["rivalries"]["added"]) == []
    assert pairs(d["rivalries"]["removed"]) == [("Acme", "Initech")]
    assert claims(d) == [("Acme", "Initech", "removed", "Faster delivery and round-the-clock support", None)]
    assert d["themes"] == [] and d["segment_moves"] == []
    assert d["summary"] == ["Globex is now Global Export (matched through 'Globex')."]
    assert d["counts"]["entities_renamed"] == 1 and d["counts"]["claims_removed"] == 1


def test_first_to_third_quarter(graphs):
    d = diff(graphs, 0, 2)
    assert d["entities"]["renamed"] == [{"old": "Globex", "new": "Global Export", "via": "Globex"}]
    assert pairs(d["rivalries"]["became_mutual"]) == [("Acme", "Global Export")]
    assert pairs(d["rivalries"]["removed"]) == [("Acme", "Initech")]
    assert ("Acme", "Initech", "removed", "Faster delivery", None) in claims(d)
    assert ("Global Export", "Vandelay", "added", None, "More integrations") in claims(d)
    assert d["themes"] == [{"theme": "Self Service", "member": "Global Export", "change": "joined"}]
    assert "Vandelay is a new rival, named by 2 companies: Acme and Global Export." in d["summary"]


def test_rank_changes_above_the_threshold(graphs):
    assert diff(graphs, 0, 1)["rank_changes"] == []
    rows = diff(graphs, 0, 1, rank_threshold=2)["rank_changes"]
    assert rows == [{"name": "Initech", "old_rank": 3, "new_rank": 1, "change": 2}]


def test_no_change_is_said_so(graphs):
    d = diff(graphs, 2, 2)
    assert d["summary"] == [] and all(v == 0 for v in d["counts"].values())
    assert "- No change that stands out." in render_diff(d, "md")


def test_rename_needs_a_shared_spelling(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "n.md").write_text(ACME_1)
    (tmp_path / "b" / "n.md").write_text(ACME_1.replace("GLOBEX", "UMBRELLA"))
    old, new = load([tmp_path / "a"]).graph, load([tmp_path / "b"]).graph
    mapping, renames = match_entities(old, new)
    assert renames == []  # Globex and Umbrella share no name: Umbrella is new, not a rename
    assert mapping["globex"] == "globex"  # still named by Acme, now without a profile
    d = diff_graphs(old, new)
    assert [e["name"] for e in d["entities"]["added"]] == ["Umbrella"]
    assert d["entities"]["kind_changed"] == [{"name": "Globex", "old": "company", "new": "competitor"}]


def test_cli_since_compares_a_revision_with_the_working_tree(invoke, history):
    notes, commits = history
    r = invoke("diff", "--since", commits[1], "--data", notes, "--format", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    assert list(doc)[:4] == ["old", "new", "summary", "counts"]
    assert doc["old"] == commits[1] and doc["new"] == "working tree"
    assert doc["entities"]["renamed"] == [{"old": "Globex", "new": "Global Export", "via": "Globex"}]
    again = invoke("diff", "--since", commits[1], "--data", notes, "--format", "json")
    assert again.stdout == r.stdout


def test_cli_two_revisions_and_a_file_against_a_file(invoke, history, tmp_path):
    notes, commits = history
    r = invoke("diff", commits[0], commits[1], "--data", notes)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith(f"# What changed: {commits[0]} -> {commits[1]}\n\n- Vandelay is a new rival")
    assert "| Acme | Initech | changed | Faster delivery | Faster delivery and round-the-clock support | acme.md:11 |" in r.stdout
    # A folder against a file: the working tree is read as it is on disk.
    old = tmp_path / "old.md"
    old.write_text(ACME_3.replace("Larger catalogue", "Biggest catalogue"))
    r = invoke("diff", old, notes / "acme.md", "--format", "json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)["claims"]
    assert [(c["change"], c["old"], c["new"]) for c in rows] == [
        ("changed", "Biggest catalogue", "Larger catalogue")]


def test_cli_errors(invoke, history, tmp_path):
    notes, commits = history
    r = invoke("diff", "--since", "no-such-rev", "--data", notes)
    assert r.exit_code == 2
    assert "'no-such-rev' is not a file or folder, nor a git revision" in r.stderr
    assert r.stdout == ""
    r = invoke("diff", commits[0], "--data", notes)
    assert r.exit_code == 2 and "give OLD and NEW" in r.stderr
    r = invoke("diff", "a", "b", "--since", "HEAD", "--data", notes)
    assert r.exit_code == 2 and "not both" in r.stderr
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "n.md").write_text(ACME_1)
    r = invoke("diff", "--since", "HEAD", "--data", plain)
    assert r.exit_code == 2 and "not in a git repository" in r.stderr


def test_html_diff_escapes_document_text(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "n.md").write_text(ACME_1)
    (tmp_path / "b" / "n.md").write_text(ACME_1.replace("Faster delivery", "<script>alert(1)</script>"))
    d = diff_graphs(load([tmp_path / "a"]).graph, load([tmp_path / "b"]).graph)
    html = render_diff(d, "html")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "default-src 'none'" in html
    md = render_diff(d, "md")
    assert "<script>" not in md and "\\<script\\>alert(1)\\</script\\>" in md


def test_problems_at_a_revision_are_located_there(invoke, tmp_path):
    notes, commits = make_history(tmp_path)
    (notes / "logo.md").write_bytes(b"\x89PNG\x00\x00")
    (notes / "prose.md").write_text("# Just prose\n")
    git(notes.parent, "add", "-A")
    git(notes.parent, "commit", "-q", "-m", "a binary", date="2025-08-01T00:00:00+00:00")
    r = invoke("diff", "--since", "HEAD", "--data", notes)
    assert r.exit_code == 1 and r.stdout == ""
    assert "HEAD:notes/logo.md: error: binary file, not a markdown document" in r.stderr
    (notes / "logo.md").unlink()
    git(notes.parent, "add", "-A")
    git(notes.parent, "commit", "-q", "-m", "no binary", date="2025-08-02T00:00:00+00:00")
    r = invoke("diff", "HEAD", commits[2], "--data", notes)
    assert r.exit_code == 0, r.stderr
    assert r.stderr == "HEAD:notes/prose.md: warning: no company section found\n"


def test_diff_sorts_claims_with_empty_text(tmp_path):
    # Found by tests/test_fuzz.py: a claim with no text beside one with text, on the same
    # pair, made the sort compare None with a string (TypeError traceback).
    from click.testing import CliRunner

    from rivalscape.cli.main import cli

    for side, items in (("old", "- vs. Gamma: older"), ("new", "- vs. Beta\n- vs. Beta: faster")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "a.md").write_text(f"# T\n\n### 1. Acme: x\n\n{items}\n",
                                              encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "old"), str(tmp_path / "new")])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 0 and "faster" in result.stdout
