"""The environment for CLI processes the tests start (not a conftest: imported by name)."""

from __future__ import annotations

import os


def child_env(**extra: str) -> dict[str, str]:
    """A CLI process imports the same project as the tests (the installed one, or a checkout
    first on PYTHONPATH), whatever its working folder."""
    import cli

    here = os.path.dirname(os.path.dirname(os.path.abspath(cli.__file__)))
    path = os.pathsep.join(p for p in (here, os.environ.get("PYTHONPATH")) if p)
    return {**os.environ, "PYTHONPATH": path, **extra}
