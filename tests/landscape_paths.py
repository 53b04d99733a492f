"""Paths the tests share. Not named conftest: tests/browser has a conftest of its own, and
two modules called ``conftest`` cannot both be imported by name."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

NAMESPACE = "rivalscape"
"""The import namespace the top folders are installed under (``rivalscape.graph``)."""


def package_folder(top: str) -> Path:
    """The source folder of the package ``top`` (``graph`` or ``cli``): at the root of the
    checkout, or under the namespace folder if the folders move there."""
    for folder in (ROOT / top, ROOT / NAMESPACE / top, ROOT / "src" / NAMESPACE / top):
        if (folder / "__init__.py").is_file():
            return folder
    raise AssertionError(f"no package folder {top!r} under {ROOT}")


def generate_corpus(out: Path, entities: int, *options: str) -> Path:
    """A synthetic landscape of ``entities`` entities written into ``out`` by
    benchmarks/generate.py (``options``: more of its flags, such as ``--files 2``)."""
    import subprocess
    import sys

    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--entities", str(entities),
                    "--out", str(out), *options], check=True, capture_output=True)
    return out
