"""Issue 7: the library never names a CLI command or flag; the CLI alone turns hints into them.

Every string constant in ``graph/`` (docstrings left out: they document, they are not shown to
anyone) is scanned for ``landscape <command>`` with any command of the real group, for a long
flag (``--word``) and for the group's short flags (``-o``, ``-q``...). A message that points to
a next step carries a :class:`graph.hints.Hint`; ``cli/hints.py`` says it as a command.
"""

from __future__ import annotations

import ast
import re

import click
import pytest

from landscape_paths import DATA, FIXTURES, package_folder
from rivalscape.cli.hints import COMMANDS, diagnostic_line, hint_text, note_line
from rivalscape.graph.errors import Diagnostic
from rivalscape.graph.hints import Hint, HintCode, Note

# (path under graph/, the constant) -> why it may stay. Keep this short; every entry is a reason.
ALLOWED = {
    # The stamp at the top of every Markdown file of a build names the program that wrote the
    # file (checked when the output set is published); it tells nobody to run anything.
    ("build_outputs.py", "<!-- landscape build {} -->\n"):
        "the build stamp of Markdown outputs, not advice",
    # The report's own title, "Acme: landscape report": a noun phrase, not the command.
    ("report.py", ": landscape report"): "the report's heading",
}

# A whole constant that is one argument of another program (git, spark-submit) or the
# separator of a battlecard's file name: not a message, and not our flag.
ARGUMENT = re.compile(r"--[\w-]+(=\S*)?")


def _cli_names() -> tuple[list[str], list[str]]:
    """The group's command names and its short options (``-o``...), read from click."""
    from rivalscape.cli.main import cli

    shorts = {o for c in [cli, *cli.commands.values()] for p in c.params
              if isinstance(p, click.Option) for o in [*p.opts, *p.secondary_opts]
              if not o.startswith("--")}
    return sorted(cli.commands), sorted(shorts)


def _patterns() -> re.Pattern:
    commands, shorts = _cli_names()
    return re.compile(
        r"\blandscape (?:" + "|".join(map(re.escape, commands)) + r")\b"
        r"|(?<![\w-])--[a-z][\w-]*"
        r"|(?<![\w-])(?:" + "|".join(map(re.escape, shorts)) + r")(?![\w-])")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring constants: first statements of modules, classes and functions,
    and bare strings after an assignment (attribute docstrings)."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)}


def naming_constants(source: str, pattern: re.Pattern) -> list[tuple[int, str, str]]:
    """``(line, what matched, the constant)`` of every string constant of ``source`` that
    names a command or a flag (docstrings and whole program arguments left out)."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            m = pattern.search(node.value)
            if m and not ARGUMENT.fullmatch(node.value):
                found.append((node.lineno, m.group(0), node.value))
    return found


def test_no_string_in_the_library_names_a_command_or_a_flag():
    pattern = _patterns()
    folder = package_folder("graph")
    found, allowed_seen = [], set()
    for path in sorted(folder.rglob("*.py")):
        rel = path.relative_to(folder).as_posix()
        for line, what, text in naming_constants(path.read_text(encoding="utf-8"), pattern):
            if (rel, text) in ALLOWED:
                allowed_seen.add((rel, text))
            else:
                found.append(f"graph/{rel}:{line}: {what!r} in {text[:80]!r}")
    assert not found, ("the library names a command or flag; attach a graph.hints.Hint and "
                       "let cli/hints.py say it:\n" + "\n".join(found))
    assert allowed_seen == set(ALLOWED), f"stale ALLOWED entries: {set(ALLOWED) - allowed_seen}"


def test_the_scan_can_fail():
    pattern = _patterns()
    source = '''
"""A docstring may say `landscape show X --json`."""
def f(label, n):
    """So may this one: landscape report --top 5."""
    a = f"{label} is a theme (landscape show {label!r} lists them)"
    b = "the document names no subject (pass --subject)"
    c = "warnings in the input (-q to hide)"
    d = ["git", "rev-parse", "--show-toplevel"]
    e = f"{n} more: `landscape report --top {n}`"
    return "landscapes compared", "a -- b", "x--vs--y"
'''
    found = [(line, what) for line, what, _ in naming_constants(source, pattern)]
    assert sorted(found) == [(5, "landscape show"), (6, "--subject"), (7, "-q"),
                             (9, "landscape report")]


# --------------------------------------------------------------------------- the one table


def test_every_hint_has_a_command_and_library_words():
    assert set(COMMANDS) == set(HintCode)
    params = {HintCode.SHOW_THEME: {"name": "Open Source Integration"},
              HintCode.MORE_ROWS: {"top": 15}, HintCode.MAKE_CARD: {"a": "A", "b": "B"}}
    pattern = _patterns()
    for code in HintCode:
        hint = Hint.of(code, **params.get(code, {}))
        assert not pattern.search(str(hint)), f"library words of {code} name a command"
        assert pattern.search(hint_text(hint)), f"the CLI words of {code} name no command"
        assert hint.as_json()["code"] == code.value


def test_the_cli_says_a_diagnostics_hint_as_a_command():
    d = Diagnostic("warning", "a.md", 3, "'X' is named as a rival, but the document names no "
                   "subject", Hint.of(HintCode.NAME_SUBJECT))
    assert str(d) == ("a.md:3: warning: 'X' is named as a rival, but the document names no "
                      "subject (add 'subject:' front matter or give the subject to read it with)")
    assert diagnostic_line(d) == ("a.md:3: warning: 'X' is named as a rival, but the document "
                                  "names no subject (add 'subject:' front matter or pass --subject)")
    assert diagnostic_line(Diagnostic("error", "b.md", None, "plain")) == "b.md: error: plain"
    assert note_line(Note("n", Hint.of("more-rows", top=3), "{text}: {hint}")) == \
        "n: `landscape report --top 3`"


@pytest.mark.parametrize("args", [("validate",), ("themes",)])
def test_every_cli_path_that_prints_a_diagnostic_says_the_command(invoke, args):
    folder = FIXTURES / "read_subject_option"
    r = invoke(*args, "--data", folder)
    out = r.stdout + r.stderr
    assert "names no subject (add 'subject:' front matter or pass --subject)" in out
    assert "give the subject to read it with" not in out


def test_diff_prints_each_sides_diagnostics_with_commands(invoke):
    folder = FIXTURES / "read_subject_option"
    r = invoke("diff", folder, folder, "--data", folder, "--no-cache")
    assert r.exit_code == 0, r.stderr
    lines = [x for x in r.stderr.splitlines() if "names no subject" in x]
    assert len(lines) == 4 and all(x.endswith("(add 'subject:' front matter or pass --subject)")
                                   for x in lines), lines


def test_an_input_error_lists_its_diagnostics_with_commands(capsys):
    from rivalscape.cli.errors import handle_errors
    from rivalscape.graph.errors import InputError

    hinted = Diagnostic("warning", "a.md", 2, "names no subject", Hint.of(HintCode.NAME_SUBJECT))
    with pytest.raises(click.ClickException, match="1 error"):
        with handle_errors():
            raise InputError([hinted, Diagnostic("error", "b.md", 1, "broken")])
    assert capsys.readouterr().err.splitlines() == [
        "a.md:2: warning: names no subject (add 'subject:' front matter or pass --subject)",
        "b.md:1: error: broken"]


def test_a_theme_note_says_the_show_command_on_stderr(invoke):
    for args in (("competitors", "Open Source Integration"),
                 ("similar", "Open Source Integration"),
                 ("path", "Open Source Integration", "Modal")):
        r = invoke(*args, "--data", DATA)
        assert r.exit_code == 0, r.stderr
        assert ("'Open Source Integration' is a theme: it has 4 members, not rivals "
                "(landscape show 'Open Source Integration' lists them)") in r.stderr, args


def test_the_page_note_is_named_by_the_build_not_the_renderer(invoke, tmp_path):
    r = invoke("build", "--data", DATA, "--out", tmp_path / "out", "--focus", "W&B")
    assert r.exit_code == 0, r.stderr
    assert "landscape.html: showing the neighbourhood of Weights & Biases" in r.stderr
    # the page built by the command line knows the command that makes a card it has not
    html = (tmp_path / "out" / "landscape.html").read_text(encoding="utf-8")
    assert page_data(html)["cardCommand"] == CARD_COMMAND


CARD_COMMAND = "landscape battlecard {a} --vs {b} --format html -o card.html"


def page_data(html: str) -> dict:
    import json

    m = re.search(r'<script type="application/json" id="landscape-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def test_the_page_and_the_card_index_say_the_make_card_hint_only_in_the_callers_words(shipped):
    from rivalscape.graph.battlecard import render_card_index
    from rivalscape.graph.render import render_html

    assert page_data(render_html(shipped.graph, hints=hint_text).html)["cardCommand"] == CARD_COMMAND
    assert "cardCommand" not in page_data(render_html(shipped.graph).html)
    rows = [("Modal Labs", "Replicate", "modal-labs--vs--replicate.html")]
    assert ("for any other: <code>landscape battlecard A --vs B --format html -o card.html</code>"
            in render_card_index(rows, 5, hints=hint_text))
    assert "for any other" not in render_card_index(rows, 5)
    assert "for any other" not in render_card_index(rows, 1, hints=hint_text)  # none left out


def test_json_outputs_carry_the_hint_code_not_the_command(invoke):
    import json

    from landscape_paths import ROOT

    schema = json.loads((ROOT / "schema" / "landscape-cli.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["hint"]["properties"]["code"]["enum"] == [c.value for c in HintCode]
    expected = [{"code": "show-theme", "name": "Open Source Integration"}]
    for args in (("competitors", "Open Source Integration"),
                 ("similar", "Open Source Integration"),
                 ("path", "Open Source Integration", "Modal")):
        r = invoke(*args, "--data", DATA, "--json")
        assert r.exit_code == 0, r.stderr
        doc = json.loads(r.stdout)
        assert doc["hints"] == expected, args
        assert "landscape show" not in r.stdout and "landscape show" in r.stderr
    r = invoke("competitors", "Modal", "--data", DATA, "--json")
    assert "hints" not in json.loads(r.stdout)  # no next step, no key
