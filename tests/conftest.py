"""Shared fixtures. Tests import the installed project (tests/ is not a package)."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from click.testing import CliRunner
from landscape_paths import DATA


def pytest_configure(config):
    """The whole suite, subprocesses included, keeps its cache in a folder of its own, never in
    the real ~/.cache. The cache is on, as it is for every user: every command test then also
    checks that answers through the cache are right (tests/test_cache.py runs whole paths
    both ways and compares the bytes)."""
    config._landscape_cache = tempfile.mkdtemp(prefix="landscape-test-cache-")
    os.environ["LANDSCAPE_CACHE_DIR"] = config._landscape_cache


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    """A test that changes or removes the cache folder's variable for the tests after it
    (an example that deletes it) would send them to the real ~/.cache: it fails instead."""
    yield
    folder = item.config._landscape_cache
    if os.environ.get("LANDSCAPE_CACHE_DIR") != folder:
        os.environ["LANDSCAPE_CACHE_DIR"] = folder
        raise AssertionError(f"{item.nodeid} changed LANDSCAPE_CACHE_DIR and did not restore it")


def pytest_unconfigure(config):
    folder = getattr(config, "_landscape_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


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
