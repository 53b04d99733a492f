"""Issue 10.8: every command that takes a name accepts a theme and says what a theme has."""

from __future__ import annotations

import json

from landscape_paths import DATA

D = ("--data", DATA)
OSI = "Open Source Integration"
MEMBERS = ["Modal Labs", "Replicate", "Together AI", "Weights & Biases"]


def test_show_theme_lists_members_once(invoke):
    r = invoke("show", OSI, *D)
    assert r.exit_code == 0
    for m in MEMBERS:
        assert sum(line.strip().startswith(f"{m}:") for line in r.stdout.splitlines()) == 1, m
    doc = json.loads(invoke("show", OSI, *D, "--json").stdout)
    assert doc["themes"] == [] and [m["name"] for m in doc["members"]] == MEMBERS


def test_competitors_of_a_theme_says_it_has_members(invoke):
    r = invoke("competitors", OSI, *D)
    assert r.exit_code == 0 and r.stdout == ""
    assert "'Open Source Integration' is a theme: it has 4 members, not rivals" in r.stderr
    j = invoke("competitors", OSI, *D, "--json")
    doc = json.loads(j.stdout)
    assert j.exit_code == 0 and doc["kind"] == "theme" and doc["competitors"] == []


def test_similar_and_path_accept_a_theme(invoke):
    r = invoke("similar", OSI, *D, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["similar"] == []
    assert "is a theme" in r.stderr
    r = invoke("path", OSI, "Modal", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["steps"] == []
    assert "is a theme" in r.stderr
