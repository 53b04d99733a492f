"""Reader for CNCF-style ``landscape.yml`` files, in both spellings.

v1 (cncf/landscape) writes ``landscape:`` with ``- category:`` / ``- subcategory:`` /
``- item:`` marker keys beside ``name``; landscape2 writes ``categories:`` (or ``landscape:``)
without the markers. Either way:

* every item is an entity, with facts from ``homepage_url``, ``repo_url``, ``crunchbase``,
  ``description``, ``project`` (maturity), ``joined`` and the dates in ``extra``;
* every category and every subcategory is a theme (``Category`` and
  ``Category / Subcategory``) and an item is a member of both;
* ``second_path`` (v1) and ``additional_categories`` (landscape2) list an item in more
  places; an item listed twice under the same name is one entity, member of each place.

The file states no rivalries and none are made up: being listed together is membership only.
"""

from __future__ import annotations

from typing import Any

from rivalscape.graph.errors import Diagnostic
from rivalscape.graph.ingest.records import DocumentRecord, EntityRecord, FactRecord, MemberRecord, ThemeRecord
from rivalscape.graph.ingest.treetext import line_of

# item key -> fact label
ITEM_FACTS = {"homepage_url": "Homepage", "repo_url": "Repository", "crunchbase": "Crunchbase",
              "description": "Description", "project": "Maturity", "joined": "Joined"}
EXTRA_DATES = {"accepted": "Accepted", "incubating": "Incubating", "graduated": "Graduated",
               "archived": "Archived"}


def is_cncf(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("categories", data.get("landscape")), list)


def _text(v: Any) -> str:
    return v.strip() if isinstance(v, str) else ""


def _facts(item: dict, line: int) -> list[FactRecord]:
    facts = [FactRecord(label, t, line) for k, label in ITEM_FACTS.items() if (t := _text(item.get(k)))]
    extra = item.get("extra")
    extras = extra if isinstance(extra, list) else [extra]
    for x in extras:
        if isinstance(x, dict):
            facts.extend(FactRecord(label, t, line) for k, label in EXTRA_DATES.items()
                         if (t := _text(x.get(k))))
    return facts


def _more_places(item: dict, at) -> list[tuple[str, int]]:
    """Other ``Category / Subcategory`` places of an item, each with its line."""
    places = [(_text(p), at("second_path", i)) for i, p in enumerate(item.get("second_path") or [])
              if _text(p)]
    for i, extra in enumerate(item.get("additional_categories") or []):
        if isinstance(extra, dict) and _text(extra.get("category")):
            sub = _text(extra.get("subcategory"))
            places.append((_text(extra["category"]) + (f" / {sub}" if sub else ""),
                           at("additional_categories", i)))
    return places


def read_cncf(data: dict, lines: dict[tuple, int], rel: str,
              display: str) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    top = "categories" if "categories" in data else "landscape"
    doc = DocumentRecord(path=rel, display=display)
    diags: list[Diagnostic] = []
    themes: dict[str, ThemeRecord] = {}
    items: dict[str, EntityRecord] = {}

    def place(where: str, name: str, line: int) -> None:
        parts = [p.strip() for p in where.split("/", 1)]
        for theme in (parts[0], " / ".join(parts)) if len(parts) > 1 else (parts[0],):
            t = themes.setdefault(theme, ThemeRecord(theme, line))
            if not any(m.lead == name for m in t.items):
                t.items.append(MemberRecord(name, "", line, exact=True))

    for ci, cat in enumerate(data[top]):
        cname = _text(cat.get("name")) if isinstance(cat, dict) else ""
        if not cname:
            diags.append(Diagnostic("error", display, line_of(lines, (top, ci)), "category has no name"))
            continue
        themes.setdefault(cname, ThemeRecord(cname, line_of(lines, (top, ci, "name")) or 1))
        for si, sub in enumerate(cat.get("subcategories") or []):
            sname = _text(sub.get("name")) if isinstance(sub, dict) else ""
            sline = line_of(lines, (top, ci, "subcategories", si, "name")) or 1
            if not sname:
                diags.append(Diagnostic("error", display, sline, "subcategory has no name"))
                continue
            themes.setdefault(f"{cname} / {sname}", ThemeRecord(f"{cname} / {sname}", sline))
            for ii, item in enumerate(sub.get("items") or []):
                iline = line_of(lines, (top, ci, "subcategories", si, "items", ii, "name")) or 1
                name = _text(item.get("name")) if isinstance(item, dict) else ""
                if not name:
                    diags.append(Diagnostic("error", display, iline, "item has no name"))
                    continue
                if name not in items:
                    items[name] = EntityRecord(name=name, aliases=[], heading=f"{cname} / {sname}",
                                               line=iline, facts=_facts(item, iline))
                path = (top, ci, "subcategories", si, "items", ii)
                at = lambda *p: line_of(lines, path + p) or iline  # noqa: E731
                for where, line in [(f"{cname} / {sname}", iline), *_more_places(item, at)]:
                    place(where, name, line)
    doc.companies = list(items.values())
    doc.themes = list(themes.values())
    return [doc], diags
