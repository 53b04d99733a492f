"""Relations stated in sentences: ``X competes with Y``, ``X is an alternative to Y``,
``X vs. Y``, ``X compared to Y``, ``Unlike Y, X ...``.

Only the names right next to the phrase are taken, and :mod:`graph.resolve` keeps a prose
rivalry only where both ends are entities known from the documents' structure. Sentences
are found by plain string search, so reading is linear in the text.
"""

from __future__ import annotations

from rivalscape.graph.names import is_subject_word, name_prefix, rival_name

_INFIX = (
    " competes with ", " compete with ", " competes against ", " competing with ",
    " competing against ", " is an alternative to ", " is a competitor to ", " is a competitor of ",
    " an alternative to ", " alternative to ", " vs. ", " vs ", " versus ", " compared to ",
    " compared with ", " rivals ",
)
_SENTENCE_ENDS = (". ", "; ", "! ", "? ")


def sentences(text: str) -> list[str]:
    out, start = [], 0
    for i in range(len(text) - 1):
        if text[i:i + 2] in _SENTENCE_ENDS and (i + 2 >= len(text) or not text[i + 2].islower()):
            out.append(text[start:i + 1])
            start = i + 2
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _name_before(text: str) -> str:
    """The capitalised words that end ``text``: ``'Today Parcelpay'`` -> ``'Parcelpay'``."""
    words = text.rstrip(" ,").split()[-7:]  # a name has six words at most
    out: list[str] = []
    for w in reversed(words):
        bare = w.strip(",;:()\"'")
        if bare and (bare[0].isupper() or bare[0].isdigit() or bare == "&"):
            out.append(bare)
            if bare != w.strip():
                break
        else:
            break
    out.reverse()
    while out and out[0] == "&":
        out.pop(0)
    return " ".join(out) if len(out) <= 6 else ""


def relations(text: str) -> list[tuple[str, str, str]]:
    """``(left, right, sentence)`` for each relation between two names stated in ``text``."""

    found = []
    for s in sentences(text):
        low = s.lower()
        if low.startswith("unlike "):
            k = s.find(", ")
            right, left = name_prefix(s[7:k] if k > 0 else s[7:]), name_prefix(s[k + 2:]) if k > 0 else ""
            if left and right:
                found.append((left, right, s))
            continue
        for phrase in _INFIX:
            k = low.find(phrase)
            if k <= 0:
                continue
            left, right = _name_before(s[:k]), name_prefix(s[k + len(phrase):])
            if not left and is_subject_word(s[:k].split()[-1] if s[:k].split() else ""):
                left = s[:k].split()[-1]
            def ok(n: str) -> bool:  # a name, never a figure ("1.64M vs 2.26M")
                return (is_subject_word(n) or rival_name(n)) and not n[:1].isdigit()
            if left and right and ok(left) and ok(right) and left != right:
                found.append((left, right, s))
            break
    return found
