"""A small git repository with three quarters of notes, built inside a test (``make_history``).

Commit 1 (2025-01-10): Acme (rivals Globex, Initech) and Globex (rival Initech); theme
Self Service with Acme.
Commit 2 (2025-04-10): Acme's claim against Initech reworded; Acme and Globex both name a new
rival, Vandelay; Globex answers Acme (the rivalry becomes mutual); Globex joins Self Service;
a new document, hooli.md, with front-matter date 2025-02-01.
Commit 3 (2025-07-10): Globex renamed Global Export (alias Globex); Acme drops Initech.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ACME_1 = """\
# Widget market notes

### 1. ACME: Widgets for everyone

**Company Snapshot**
- Founded: 2019
- Funding: $10M Series A

**Competitive Positioning**
- **vs. Globex**: Cheaper widgets for small teams
- **vs. Initech**: Faster delivery

### 2. GLOBEX: Enterprise widgets

**Company Snapshot**
- Founded: 2010

**Competitive Positioning**
- **vs. Initech**: Larger catalogue

## CROSS-CUTTING THEMES

### Self Service
- **Acme**: Sign up without talking to sales
"""

ACME_2 = """\
# Widget market notes

### 1. ACME: Widgets for everyone

**Company Snapshot**
- Founded: 2019
- Funding: $10M Series A

**Competitive Positioning**
- **vs. Globex**: Cheaper widgets for small teams
- **vs. Initech**: Faster delivery and round-the-clock support
- **vs. Vandelay**: Better quality at the same price

### 2. GLOBEX: Enterprise widgets

**Company Snapshot**
- Founded: 2010

**Competitive Positioning**
- **vs. Initech**: Larger catalogue
- **vs. Acme**: Enterprise-grade support contracts
- **vs. Vandelay**: More integrations

## CROSS-CUTTING THEMES

### Self Service
- **Acme**: Sign up without talking to sales
- **Globex**: Self-serve trial for enterprises
"""

ACME_3 = ACME_2.replace("### 2. GLOBEX: Enterprise widgets", "### 2. GLOBAL EXPORT (Globex): Enterprise widgets") \
    .replace("- **vs. Initech**: Faster delivery and round-the-clock support\n", "")

HOOLI = """\
---
title: Hooli notes
date: 2025-02-01
---

# Hooli

### 1. HOOLI: Widgets at scale

**Company Snapshot**
- Founded: 2004

**Competitive Positioning**
- **vs. Initech**: Runs on our own cloud
"""

DATES = ("2025-01-10T12:00:00+00:00", "2025-04-10T12:00:00+00:00", "2025-07-10T12:00:00+00:00")


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo)}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout


def make_history(root: Path) -> tuple[Path, list[str]]:
    """``(notes folder, [commit 1, 2, 3])`` of a new repository under ``root``."""
    repo = root / "repo"
    notes = repo / "notes"
    notes.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "README.txt").write_text("not markdown data\n")
    commits = []
    for i, (acme, hooli) in enumerate(((ACME_1, None), (ACME_2, HOOLI), (ACME_3, HOOLI))):
        (notes / "acme.md").write_text(acme, encoding="utf-8")
        if hooli:
            (notes / "hooli.md").write_text(hooli, encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"quarter {i + 1}", date=DATES[i])
        commits.append(git(repo, "rev-parse", "HEAD").strip())
    return notes, commits
