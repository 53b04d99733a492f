"""Paths the tests share. Not named conftest: tests/browser has a conftest of its own, and
two modules called ``conftest`` cannot both be imported by name."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
