"""The environment for CLI processes the tests start (not a conftest: imported by name)."""

from __future__ import annotations

import os


def child_env(**extra: str) -> dict[str, str]:
    """A CLI process imports the same project as the tests: the installed one (the folders
    graph/ and cli/ are installed as ``rivalscape.graph`` and ``rivalscape.cli``, so no
    working folder can shadow them)."""
    return {**os.environ, **extra}
