"""What the cache buys: cold (``--no-cache``) against warm runs, whole commands in fresh processes.

For each size, a synthetic landscape is generated as markdown files (benchmarks/generate.py)
and timed, process start included, as the median of --repeat runs:

* ``show NAME`` and ``competitors NAME``: cold (``--no-cache``, the baseline) and warm (the
  cache filled by an earlier run, nothing changed);
* ``build``: cold (the baseline), warm with nothing changed, and after editing one file
  (one new rivalry appended to one document, a different one each run, so every run reads
  that document again and resolves, analyses and writes again).

Ratios are against the cold run of the same command in the same run. The targets of issue 14
(at 100,000 entities): warm show/competitors under 1.5 s; build after one edit under 25 % of a
cold build.

Usage (run by hand; cap the memory, e.g. ``prlimit --as=8000000000``)::

    python benchmarks/bench_cache.py --sizes 20000 --repeat 3
    python benchmarks/bench_cache.py --sizes 100000 --skip-cold-queries --queries-only
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANDSCAPE = [sys.executable, "-c", "from rivalscape.cli.main import cli; cli()"]


def _time(args: list[str]) -> float:
    t = time.perf_counter()
    r = subprocess.run([*LANDSCAPE, *args], capture_output=True)
    elapsed = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"landscape {' '.join(args)} failed:\n{r.stderr.decode()[-2000:]}")
    return elapsed


def _median(args: list[str], repeat: int, before=None) -> float:
    times = []
    for n in range(repeat):
        if before:
            before(n)
        times.append(_time(args))
    return statistics.median(times)


def _first_company(folder: Path) -> str:
    for line in (folder / "landscape_00.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"### 1\. ([^:(]+?)\s*[:(]", line)
        if m:
            return m.group(1).title()
    raise SystemExit("no company heading in the generated corpus")


def bench(entities: int, repeat: int, tmp: Path, cold_queries: bool, builds: bool = True):
    """Rows ``(command, cold seconds, case, warm seconds)``, yielded as they are measured."""
    corpus = tmp / f"corpus-{entities}"
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--entities", str(entities),
                    "--out", str(corpus)], check=True, capture_output=True)
    cache = ["--cache-dir", str(tmp / f"cache-{entities}")]
    data = ["--data", str(corpus), "-q"]
    name = _first_company(corpus)
    for command in ("show", "competitors"):
        args = [command, name, *data]
        cold = _median([*args, "--no-cache"], repeat) if cold_queries else None
        _time([*args, *cache])  # fills the cache
        warm = _median([*args, *cache], repeat)
        yield f"{command} NAME", cold, "warm cache", warm
    if not builds:
        return
    out = ["-o", str(tmp / f"out-{entities}")]
    cold = _median(["build", *data, *out, "--no-cache"], repeat)
    _time(["build", *data, *out, *cache])
    unchanged = _median(["build", *data, *out, *cache], repeat)
    files = sorted(corpus.glob("*.md"))
    edited = files[len(files) // 2]  # one file of many
    original = edited.read_text(encoding="utf-8")

    def edit(n: int) -> None:
        edited.write_text(original.replace("**Competitive Positioning**\n",
                                           f"**Competitive Positioning**\n- **vs. Benchedit{n}**: "
                                           f"an edit\n", 1), encoding="utf-8")

    try:
        after_edit = _median(["build", *data, *out, *cache], repeat, before=edit)
    finally:
        edited.write_text(original, encoding="utf-8")
    yield "build", cold, "nothing changed", unchanged
    yield "build", cold, "one file edited", after_edit


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="20000", help="comma-separated entity counts")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--skip-cold-queries", action="store_true",
                    help="do not time cold show/competitors (slow at large sizes)")
    ap.add_argument("--queries-only", action="store_true", help="do not time builds")
    ns = ap.parse_args()
    print(f"{'entities':>9}  {'command':<16} {'cold (baseline)':>16}  {'case':<16} "
          f"{'warm':>8}  {'warm/cold':>9}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-cache-") as tmp:
        for size in (int(s) for s in ns.sizes.split(",")):
            for command, cold, case, warm in bench(size, ns.repeat, Path(tmp), not ns.skip_cold_queries,
                                                not ns.queries_only):
                ratio = f"{warm / cold:9.1%}" if cold else f"{'-':>9}"
                cold_s = f"{cold:15.2f}s" if cold else f"{'-':>16}"
                print(f"{size:>9}  {command:<16} {cold_s}  {case:<16} {warm:7.2f}s  {ratio}",
                      flush=True)


if __name__ == "__main__":
    main()
