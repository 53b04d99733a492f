"""The Examples sections of the library's docstrings run, from the installed package."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import rivalscape.graph as graph
from landscape_paths import ROOT

MODULES = sorted(m.name for m in pkgutil.walk_packages(graph.__path__, "rivalscape.graph."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # examples read the shipped data/
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
