"""The text of structured inputs: decoding a file, and YAML/JSON parsed into a tree whose
nodes keep their line numbers. Shared by the table, data-file and CNCF readers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from rivalscape.graph.errors import Diagnostic

TABLE_SUFFIXES = (".csv", ".xlsx")
DATA_SUFFIXES = (".yaml", ".yml", ".json")
STRUCTURED_SUFFIXES = TABLE_SUFFIXES + DATA_SUFFIXES

Job = tuple[Path, str, str]  # (file, provenance path, display path)

def decode(path: Path, display: str) -> tuple[str | None, Diagnostic | None]:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        return None, Diagnostic("error", display, line,
                                f"not valid UTF-8 (byte 0x{data[e.start]:02x}); save the file as UTF-8")


# libyaml's parser when PyYAML has it (ten times faster on a 5,000-entity file).
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrLoader(_BaseLoader):
    """Every plain scalar is text: ``Founded: 2021``, ``date: 2024-05-14`` and ``No`` stay as
    written (no ints, dates or the Norway problem); our data files hold only text."""


_StrLoader.yaml_implicit_resolvers = {}


def _lines(root: yaml.Node | None) -> dict[tuple, int]:
    """1-based line of every node by its path of keys and indexes.

    An alias (``*name``) is refused: no landscape file needs one, and a few nested aliases
    expand to billions of values for whatever walks the data next.
    """
    out: dict[tuple, int] = {}
    stack: list[tuple[tuple, yaml.Node]] = [((), root)] if root is not None else []
    seen: set[int] = set()
    while stack:
        path, node = stack.pop()
        out[path] = node.start_mark.line + 1
        if id(node) in seen:
            raise ValueError(out[path], "YAML anchors and aliases (&name, *name) are not "
                                        "supported; write the value out")
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend((path + (k.value,), v) for k, v in node.value
                         if isinstance(k, yaml.ScalarNode))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((path + (i,), v) for i, v in enumerate(node.value))
    return out


def load_tree(text: str, json_file: bool) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML (or JSON) into plain values and a map of paths to lines.

    Raises ``ValueError("line N: message")`` on a syntax error.
    """
    if json_file:
        try:
            data = json.loads(text, parse_int=str, parse_float=str)
        except json.JSONDecodeError as e:
            raise ValueError(e.lineno, f"JSON syntax error: {e.msg} (column {e.colno})") from None
        except RecursionError:
            raise ValueError(None, "JSON nested too deeply") from None
        try:  # JSON is YAML for line numbers; a file YAML cannot read just has none
            return data, _lines(yaml.compose(text, Loader=_StrLoader))
        except yaml.YAMLError:
            return data, {}
    loader = _StrLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except RecursionError:
        raise ValueError(None, "YAML nested too deeply") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        what = " ".join(str(x) for x in (getattr(e, "context", None), getattr(e, "problem", None)) if x)
        raise ValueError(mark.line + 1 if mark else None, f"YAML syntax error: {what or e}") from None
    finally:
        loader.dispose()
    return data, _lines(node)


def line_of(lines: dict[tuple, int], path: tuple) -> int | None:
    """The line of ``path``, or of its nearest ancestor that has one."""
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path)
