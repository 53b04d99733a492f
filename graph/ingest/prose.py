"""Relations stated in sentences: ``X competes with Y``, ``X is an alternative to Y``,
``X vs. Y``, ``X compared to Y``, ``Unlike Y, X ...``.

Only the names right next to the phrase are taken, and :mod:`graph.resolve` keeps a prose
rivalry only where both ends are entities known from the documents' structure. Sentences
are found by plain string search, so reading is linear in the text.
"""

from __future__ import annotations

import re

from rivalscape.graph.names import is_subject_word, name_prefix, proper_name, rival_name

_INFIX = (
    " competes with ", " compete with ", " competes against ", " competing with ",
    " competing against ", " is an alternative to ", " is a competitor to ", " is a competitor of ",
    " an alternative to ", " alternative to ", " vs. ", " vs ", " versus ", " compared to ",
    " compared with ", " rivals ",
)
# A sentence ends at ". ", "; ", "! " or "? " not followed by a lower-case letter. Two such
# ends never overlap (the second character is a space), so the pattern finds every one; it is
# one character class and a space, linear in the text.
_SENTENCE_END = re.compile(r"[.;!?] ")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped, in order.

    Examples
    --------
    >>> sentences("Acme sells tools. e.g. hammers; Globex does not!  Really? yes")
    ['Acme sells tools. e.g. hammers;', 'Globex does not!', 'Really? yes']
    """
    out, start, n = [], 0, len(text)
    for m in _SENTENCE_END.finditer(text):
        i = m.start()
        if i + 2 >= n or not text[i + 2].islower():
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


# --- sentences that state who competes with whom in so many words --------------------------------

_RIVAL_NOUNS = ("competitors", "competitor", "rivals", "rival", "challengers", "challenger")
_VERBS_AFTER = ("is", "are", "include", "includes", "remains", "remain", "was", "were")
_OFFER_VERBS = ("offers", "offer", "provides", "provide", "poses", "pose", "gives", "presents", "brings")
_ANOTHER = ("another", "a second", "a third", "one more", "the other")


def _names_listed(text: str) -> list[str]:
    """``'Apple Music, launched in 2015 by Apple.'`` -> ``['Apple Music']``: the names that open
    ``text``, separated by commas, ``and``, ``or``, up to the first part that is no name."""
    out: list[str] = []
    rest = text
    while rest:
        name = name_prefix(rest)
        if not name or not proper_name(name) or is_subject_word(name):
            break
        out.append(name)
        rest = rest[len(name):].lstrip(" ,")
        for joiner in ("and ", "or ", "as well as "):
            if rest.startswith(joiner):
                rest = rest[len(joiner):]
                break
    return out


def _possessive(s: str, low: str) -> tuple[str, list[str]] | None:
    """``One of Acme's main competitors is Globex``, ``Our rivals are A and B``."""
    for mark in ("'s ", "\u2019s ", "our "):
        k = low.find(mark)
        if k < 0 or (mark == "our " and k and low[k - 1] != " "):
            continue
        owner = "Us" if mark == "our " else _name_before(s[:k])
        after = low[k + len(mark):].split(" ", 6)
        noun = next((n for n, w in enumerate(after[:5]) if w in _RIVAL_NOUNS), None)
        if not owner or noun is None or len(after) <= noun + 2 or after[noun + 1].rstrip(":") not in _VERBS_AFTER:
            continue
        start = len(s) - len(" ".join(after[noun + 2:]))
        names = _names_listed(s[start:])
        if names:
            return owner, names
    return None


_COMPETITION_PHRASES = (" competition to ", " competition for ", " competitor of ", " competitor to ",
                        " rival of ", " rival to ")


def _offers_competition(s: str, low: str) -> tuple[str, list[str]] | None:
    """``Tidal is another service that offers fierce competition to Spotify``; ``Globex is a
    strong competitor of Acme``."""
    # Most sentences say none of the phrases: answered before the name is read (the phrases
    # are looked for after the name, in a part of the same text, so none there is none after).
    if not any(phrase in low for phrase in _COMPETITION_PHRASES):
        return None
    left = name_prefix(s)
    if not left or not proper_name(left):
        return None
    mid = low[len(left):]
    # ("A is an alternative to S" is not enough alone: only between names known from structure)
    for phrase in _COMPETITION_PHRASES:
        k = mid.find(phrase)
        if k < 0:
            continue
        words = mid[:k].split()
        # "offers fierce competition to S"; "is a competitor of S", "was once a real rival of S"
        verb = any(w in _OFFER_VERBS for w in words) if "competition" in phrase else bool(
            set(words[:2]) & {"is", "was", "remains", "became"})
        right = _names_listed(s[len(left) + k + len(phrase):])
        if verb and len(words) <= 8 and right:
            return right[0], [left]
    return None


def stated(text: str, rivaled_so_far: dict[str, int] | None = None) -> list[tuple[str, str, str]]:
    """``(rivaled, rival, sentence)`` for each sentence that states a rivalry in so many words
    (``Acme's main competitors are A and B``, ``A offers fierce competition to Acme``,
    ``A is a competitor of Acme``), and ``Another competitor is B`` for the name rivaled most
    so far (the first of equals). ``rivaled_so_far`` counts them, carried from block to block.

    Examples
    --------
    >>> stated("One of Acme's main rivals is Globex, founded in 2001. Another notable competitor is Initech.")
    [('Acme', 'Globex', "One of Acme's main rivals is Globex, founded in 2001."), ('Acme', 'Initech', 'Another notable competitor is Initech.')]
    """
    found = []
    counts = {} if rivaled_so_far is None else rivaled_so_far
    for s in sentences(text):
        low = s.lower()
        hit = _possessive(s, low) or _offers_competition(s, low)
        # dicts keep their first-seen order: max() gives the first of equals
        last = max(counts, key=counts.__getitem__) if counts else None
        if hit is None and last and low.startswith(_ANOTHER):
            words = low.split(" ", 6)
            noun = next((n for n, w in enumerate(words[:5]) if w in _RIVAL_NOUNS), None)
            if noun is not None and len(words) > noun + 2 and words[noun + 1] in _VERBS_AFTER:
                names = _names_listed(s[len(" ".join(s.split(" ", 6)[:noun + 2])) + 1:])
                hit = (last, names) if names else None
        if hit is None:
            continue
        rivaled, names = hit
        found.extend((rivaled, n, s) for n in names if n.lower() != rivaled.lower())
        counts[rivaled] = counts.get(rivaled, 0) + 1
    return found
