"""Shared fixtures. Tests import the installed project (tests/ is not a package)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from landscape_paths import DATA


@pytest.fixture(scope="session")
def shipped():
    """The shipped data set, loaded once."""
    from rivalscape.graph.pipeline import load

    return load([DATA])


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run the CLI; stdout and stderr are kept apart."""
    from rivalscape.cli.main import cli

    def run(*args, **kw):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kw)

    return run
