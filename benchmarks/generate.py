"""Synthetic landscapes written as real markdown case studies, for benchmarks.

The documents follow the shipped document's style (``data/ai_infrastructure_2025.md``):
numbered ``### N. NAME (ALIAS): tagline`` company headings, a ``**Company Snapshot**`` with
``- Founded: 2021`` facts, a ``**Competitive Positioning**`` list of ``- **vs. X**: claim``
items, and a ``## CROSS-CUTTING THEMES`` section of ``### Theme`` subheadings with
``- **Company**: description`` members.

Shape: about 40 % of the entities are profiled companies, a fixed set of generic alternatives
(``Self-managed``, ``Internal tools``...) and named competitors make up the rest; rivalries are
scale-free (each company names rivals by preferential attachment, so a few are named by
many) and about 10 % of company-company rivalries are claimed from both sides. Companies are
split over several files; everything is seeded.

Usage::

    python benchmarks/generate.py --entities 10000 --out /tmp/landscape-10k
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

ALTERNATIVES = ["Self-managed", "Internal tools", "Cloud providers", "Custom deployment",
                "Custom solutions", "General MLOps", "Open source frameworks", "Spreadsheets",
                "Manual processes", "In-house platforms"]
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "vo", "zu", "ex", "qu", "ly", "nor", "pix", "sa",
             "tor", "vel", "xa", "zen", "bri", "cor", "dal", "fen", "gri", "hal", "jun"]
SUFFIXES = ["Labs", "AI", "Systems", "Cloud", "Data", "Works", "Inc", "Technologies"]
TAGLINES = ["Serverless Inference", "Vector Search", "Model Monitoring", "Feature Stores",
            "Data Labelling", "GPU Cloud", "Prompt Tooling", "Agent Platforms", "Fine-tuning",
            "Edge Deployment", "Evaluation", "Synthetic Data"]
CLAIMS = ["10x simpler deployment, better pricing transparency",
          "More flexible, better for custom use cases",
          "Better developer experience, more reliable infrastructure",
          "Eliminates operational complexity and reduces costs",
          "Specialized for AI vs. general infrastructure",
          "Much faster time-to-market for model access",
          "More comprehensive platform vs. open source point solution",
          "Independent vs. vendor lock-in",
          "Enterprise-grade compliance and SOC2 out of the box",
          "Scales to billions of requests without tuning",
          "Model marketplace vs. general compute platform",
          "Lower latency at a fraction of the cost"]
THEMES = ["Abstraction Layer Value", "Developer Experience Focus", "Open Source Integration",
          "Usage-Based Pricing", "Enterprise Expansion", "Vertical Specialisation",
          "Data Flywheels", "Compliance as a Feature"]


def _names(rng: random.Random, count: int) -> list[str]:
    # 24**2 + 24**3 + 24**4 distinct bases of two to four syllables, with room for collisions;
    # past that, names of up to five syllables (24**5 more; smaller landscapes are unchanged).
    if count > 3_000_000:
        raise ValueError("at most 3,000,000 named entities")
    most = 4 if count <= 300_000 else 5
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < count:
        base = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, most))).capitalize()
        name = base if rng.random() < 0.5 else f"{base} {rng.choice(SUFFIXES)}"
        if name.casefold() not in seen and base.casefold() not in seen:
            seen.add(name.casefold())
            seen.add(base.casefold())
            out.append(name)
    return out


def generate(entities: int, *, seed: int = 0, files: int | None = None,
             rivalries_per_entity: float = 3.0) -> dict[str, str]:
    """``{file name: markdown}`` for a landscape of about ``entities`` entities and
    ``rivalries_per_entity * entities`` rivalries."""
    rng = random.Random(seed)
    n_alt = min(len(ALTERNATIVES), max(2, entities // 50))
    n_companies = max(2, int(entities * 0.4))
    n_competitors = max(0, entities - n_companies - n_alt)
    names = _names(rng, n_companies + n_competitors)
    companies, competitors = names[:n_companies], names[n_companies:]
    targets = companies + competitors + ALTERNATIVES[:n_alt]
    pool = list(range(len(targets)))  # preferential attachment: t appears (times named + 1) times
    want = max(n_companies, int(rivalries_per_entity * entities) - (len(targets) - n_companies))
    per_company = [max(1, int(rng.paretovariate(2.0) * want / n_companies / 2)) for _ in companies]
    scale = want / sum(per_company)
    per_company = [max(1, round(x * scale)) for x in per_company]
    rivals: list[list[int]] = [[] for _ in companies]
    pairs: set[tuple[int, int]] = set()
    forced: list[set[int]] = [set() for _ in companies]  # every competitor named at least once
    for t in range(n_companies, len(targets)):
        forced[rng.randrange(n_companies)].add(t)
        pool.append(t)
    for c in range(n_companies):
        chosen: set[int] = set(forced[c])
        for _ in range(per_company[c] * 3 + 3):
            if len(chosen) >= per_company[c] + len(forced[c]):
                break
            t = rng.choice(pool)
            if t == c or t in chosen:
                continue
            chosen.add(t)
        for t in sorted(chosen):
            if (min(c, t), max(c, t)) in pairs:
                continue
            pairs.add((min(c, t), max(c, t)))
            rivals[c].append(t)
            pool.append(t)
            if t < n_companies and rng.random() < 0.1:
                rivals[t].append(c)  # mutual: the rival names it back in its own section
    n_files = files or max(1, min(50, entities // 2000 + 1))
    docs: dict[str, list[str]] = {f"landscape_{i:02d}.md": [] for i in range(n_files)}
    keys = sorted(docs)
    aliases: dict[int, str] = {}
    for c, name in enumerate(companies):
        doc = docs[keys[c % n_files]]
        if not doc:
            doc += [f"# SYNTHETIC CASE STUDIES PART {keys.index(keys[c % n_files]) + 1}", "",
                    "## COMPANY PROFILES", ""]
        heading = name.upper()
        if rng.random() < 0.15:
            aliases[c] = "".join(w[0] for w in name.split()) + "X" + str(c)
            heading += f" ({aliases[c].upper()})"
        doc += [f"### {c + 1}. {heading}: {rng.choice(TAGLINES)}", "",
                "**Company Snapshot**",
                f"- Founded: {rng.randint(2005, 2024)}",
                f"- Focus: {rng.choice(TAGLINES)} for AI teams",
                f"- Funding: ${rng.randint(1, 300)}M Series {rng.choice('ABC')}",
                "",
                "**Competitive Positioning**"]
        for t in rivals[c]:
            doc.append(f"- **vs. {targets[t]}**: {rng.choice(CLAIMS)}")
        doc += ["", "---", ""]
    theme_members: dict[str, list[int]] = {t: [] for t in THEMES}
    for c in range(n_companies):
        if rng.random() < 0.3:
            theme_members[rng.choice(THEMES)].append(c)
    last = docs[keys[-1]]
    last += ["## CROSS-CUTTING THEMES IN THE MARKET", ""]
    for theme, members in theme_members.items():
        last += [f"### {theme}", "Companies that share this bet:"]
        for c in members:
            label = aliases.get(c, companies[c])
            last.append(f"- **{label}**: {rng.choice(TAGLINES)} built around it")
        last.append("")
    return {k: "\n".join(v) + "\n" for k, v in docs.items()}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--entities", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--files", type=int, default=None)
    a = p.parse_args(argv)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, text in generate(a.entities, seed=a.seed, files=a.files).items():
        (out / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
