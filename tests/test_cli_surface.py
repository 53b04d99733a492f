"""The command line stays the same while its code moves: every command, option, argument,
default and help text of ``landscape`` is compared with a snapshot taken before the move.

When the CLI is changed on purpose, refresh the snapshot::

    python3 -c "import click, json; from rivalscape.cli.main import cli; \
print(json.dumps(cli.to_info_dict(click.Context(cli, info_name='landscape', **cli.context_settings)), sort_keys=True, indent=1))" \
> tests/snapshots/cli_surface.json
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from rivalscape.cli.main import cli

SNAPSHOT = Path(__file__).parent / "snapshots" / "cli_surface.json"


def _normalised(info: dict) -> dict:
    """Without click's own help option (``help``, or ``_click_default_help`` in some click
    versions): click creates and caches it per command on first use,
    so whether it is listed depends on which tests ran before (its names: ``-h``/``--help``,
    come from the group's context settings, tested by the help tests)."""
    for command in [info, *info.get("commands", {}).values()]:
        command["params"] = [p for p in command["params"]
                             if p["name"] != "help" and not p["name"].startswith("_click")]
    return info


def _snapshot() -> dict:
    return _normalised(json.loads(SNAPSHOT.read_text()))


def _surface() -> dict:
    # The group's context settings (``-h``) as when the console script runs.
    ctx = click.Context(cli, info_name="landscape", **cli.context_settings)
    return _normalised(json.loads(json.dumps(cli.to_info_dict(ctx))))


def test_command_names_unchanged():
    assert sorted(_surface()["commands"]) == sorted(_snapshot()["commands"])


def test_every_command_and_param_unchanged():
    want = _snapshot()
    got = _surface()
    for name, command in want["commands"].items():
        params = {p["name"]: p for p in got["commands"][name]["params"]}
        for param in command["params"]:
            was, now = param, params.get(param["name"], {})
            changed = {k: (was[k], now.get(k)) for k in was if was[k] != now.get(k)}
            assert not changed, f"landscape {name}: {param['name']} changed (was, now): {changed}"
        assert sorted(params) == sorted(p["name"] for p in command["params"]), f"landscape {name}"
        assert got["commands"][name]["help"] == command["help"], f"landscape {name}: help changed"
    assert sorted(p["name"] for p in got["params"]) == sorted(p["name"] for p in want["params"])
