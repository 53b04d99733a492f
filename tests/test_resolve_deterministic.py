"""Same input, same landscape, whatever the process's string hashes: an entity named twice on
one line (a rival's own heading, and the document's rivalry read from it) keeps its places in
the order they were read, not in an order that follows ``hash()`` of the strings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rivalscape.graph.pipeline import load

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "read_aspect_subheadings"

_SOURCES = """
from rivalscape.graph.pipeline import load
import sys
ls = load([sys.argv[1]]).landscape
print(repr([(e.id, e.sources) for e in ls.entities]))
"""


def test_places_on_one_line_keep_their_reading_order():
    loamly = next(e for e in load([FIXTURE]).landscape.entities if e.id == "loamly")
    assert [(s.line, s.section) for s in loamly.sources] == [
        (28, "Loamly"), (28, "Trellis: Competitive Analysis")]


def test_the_landscape_does_not_depend_on_the_hash_seed():
    runs = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run([sys.executable, "-c", _SOURCES, str(FIXTURE)], env=env,
                             capture_output=True, text=True, check=True).stdout
        runs.add(out)
    assert len(runs) == 1
