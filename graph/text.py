"""Untrusted text made safe for each place it is written: terminal, markdown, XML, JSON.

Document text and file names are untrusted. Whatever the place, a character that would act
instead of being shown is replaced by a visible escape, always in the same notation:

- ``\\xNN`` for a code point below U+0100 (C0 controls, DEL, C1 controls), and for a byte
  of a file name that was not UTF-8 (decoded by Python with ``surrogateescape`` into a lone
  surrogate U+DC80..U+DCFF, which no encoder can write): ``b'caf\\xe9.md'`` is shown as
  ``caf\\xe9.md``, the way Python writes the bytes;
- ``\\uNNNN`` for any other code point (U+2028/U+2029 line and paragraph separators, bidi
  controls, U+FFFE/U+FFFF, other lone surrogates).

A backslash already in the text is left alone: the escapes are for people to read, not to
be decoded back.

Examples
--------
>>> printable("Acme\\x1b[2J\\r")
'Acme\\\\x1b[2J\\\\x0d'
>>> safe_text("caf\\udce9.md")
'caf\\\\xe9.md'
>>> md_cell("a | b\\nc")
'a \\\\| b\\\\x0ac'
>>> xml_text("ok\\x07\\ufffe")
'ok\\\\x07\\\\ufffe'
"""

from __future__ import annotations

import json
import math
import re

# Lone surrogates (from surrogateescape, or from JSON/markdown escapes): never encodable.
_SURROGATE = "\ud800-\udfff"
# Bidi embeddings, overrides and isolates, and the implicit marks: they reorder what is shown.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# C0 (minus tab), DEL, C1, line/paragraph separators, bidi, surrogates.
_TERMINAL = re.compile(f"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_SURROGATE}]")
_TERMINAL_MULTILINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}{_SURROGATE}]")
# XML 1.0 Char excludes C0 but tab, LF, CR; surrogates; U+FFFE and U+FFFF.
_XML_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_SURROGATE}\ufffe\uffff]")
# Allowed in XML but unsafe on a terminal: written as character references instead.
_XML_REFERENCE = re.compile(f"[\x7f-\x9f\u2028\u2029{_BIDI}]")
# Not escaped by json.dumps(ensure_ascii=False) yet unsafe on a terminal or in JavaScript.
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029{_BIDI}]")


def _escape(ch: str) -> str:
    """The visible escape of one character (see the module docstring)."""
    cp = ord(ch)
    if 0xDC80 <= cp <= 0xDCFF:  # a byte that surrogateescape could not decode
        return f"\\x{cp - 0xDC00:02x}"
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def _escape_match(m: re.Match) -> str:
    return _escape(m.group())


def safe_text(s: str) -> str:
    """``s`` with lone surrogates escaped, so it can be encoded as UTF-8 and written anywhere.

    Use it on every path that came from the file system before writing it out.
    """
    if s.isascii():
        return s
    return re.sub(f"[{_SURROGATE}]", _escape_match, s)


def printable(s: str, *, multiline: bool = False) -> str:
    """``s`` fit for a terminal: control characters, ESC, U+2028/U+2029, bidi controls and
    lone surrogates become visible escapes; tab is kept. With ``multiline=True`` (text whose
    line breaks we produced ourselves) newline is kept too; CR never is.
    """
    pattern = _TERMINAL_MULTILINE if multiline else _TERMINAL
    return pattern.sub(_escape_match, s)


def md_cell(s: str) -> str:
    """``s`` as one markdown table cell: everything :func:`printable` escapes (CR, LF, VT,
    FF, U+2028 included), and ``|`` as ``\\|`` so the row keeps its columns."""
    return printable(s).replace("|", "\\|")


def xml_text(s: str) -> str:
    """``s`` with the characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/U+FFFF,
    lone surrogates) replaced by visible escapes. Returns ``s`` itself when nothing changes."""
    return _XML_FORBIDDEN.sub(_escape_match, s)


def xml_has_forbidden(s: str) -> bool:
    return _XML_FORBIDDEN.search(s) is not None


def xml_references(xml: str) -> str:
    """Allowed but terminal-unsafe characters in XML text (DEL, C1, U+2028/U+2029, bidi) as
    numeric character references: the document reads back the same and prints safely."""
    return _XML_REFERENCE.sub(lambda m: f"&#x{ord(m.group()):x};", xml)


def json_safe(obj, path: str = "$", found: list[str] | None = None):
    """``obj`` with every non-finite float (NaN, ±Infinity) replaced by ``None`` and every
    string passed through :func:`safe_text`. Paths of the replaced numbers are appended to
    ``found`` (``$.facts[0]``-style). Returns new containers; ``obj`` is not changed."""
    if isinstance(obj, float) and not math.isfinite(obj):
        if found is not None:
            found.append(path)
        return None
    if isinstance(obj, str):
        return safe_text(obj)
    if isinstance(obj, dict):
        return {safe_text(str(k)): json_safe(v, f"{path}.{k}", found) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_safe(v, f"{path}[{i}]", found) for i, v in enumerate(obj)]
    return obj


def json_raw_escaped(text: str) -> str:
    """JSON text with DEL, C1, U+2028/U+2029 and bidi controls as ``\\uNNNN`` escapes.

    Such characters can only stand inside JSON strings, where the escape means the same
    character: the document parses to the same value and prints safely on a terminal.
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps_json(obj, found: list[str] | None = None, **kwargs) -> str:
    """``json.dumps`` that always gives valid, terminal-safe JSON: never NaN or Infinity
    (written as ``null``, their paths appended to ``found``), never a lone surrogate, never a
    raw control character. Keyword arguments go to ``json.dumps`` (``ensure_ascii`` defaults
    to False).

    >>> dumps_json({"funding_usd": float("inf"), "path": "caf\\udce9.md"})
    '{"funding_usd": null, "path": "caf\\\\\\\\xe9.md"}'
    """
    kwargs.setdefault("ensure_ascii", False)
    try:
        text = json.dumps(obj, allow_nan=False, **kwargs)
    except ValueError:
        text = None
    if text is None or re.search(f"[{_SURROGATE}]", text):
        text = json.dumps(json_safe(obj, found=found), allow_nan=False, **kwargs)
    return json_raw_escaped(text)
