"""The project is installed under one namespace (``rivalscape.graph``, ``rivalscape.cli``), so a
user's own ``graph.py`` or another ``cli`` package in the working folder breaks nothing."""

from __future__ import annotations

import subprocess
import sys

from cli_process import child_env
from landscape_paths import DATA


def test_a_users_graph_py_and_cli_package_do_not_shadow_the_tool(tmp_path):
    (tmp_path / "graph.py").write_text("raise ImportError('the user graph.py was imported')\n")
    (tmp_path / "cli").mkdir()
    (tmp_path / "cli" / "__init__.py").write_text("raise ImportError('the user cli was imported')\n")
    # "-c" puts the working folder first on sys.path, where those two would win
    r = subprocess.run([sys.executable, "-c", "from rivalscape.cli.main import cli; cli()",
                        "validate", "--data", str(DATA)],
                       cwd=tmp_path, env=child_env(), capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines()[-1] == "0 error(s), 0 warning(s)"


def test_the_distribution_and_console_script_names():
    from importlib.metadata import distribution

    dist = distribution("rivalscape")
    (script,) = [e for e in dist.entry_points if e.group == "console_scripts"]
    assert (script.name, script.value) == ("landscape", "rivalscape.cli.main:cli")
