"""The scale-out part of the landscape report, as one Spark job over the Parquet tables.

Run it on the tables ``landscape export --format parquet`` writes::

    spark-submit --master yarn spark_report.py PARQUET_DIR OUT_DIR

This file is shipped to a cluster as it is: it imports nothing of the landscape library, only
the standard library and PySpark, and uses DataFrame operations only (no GraphFrames). Each
table below has the definition the single-machine report uses (``graph.analysis``), on the
same competition graph: companies, competitors and alternatives joined by rivalries, themes
left out (themes count only in the hidden-rival similarity, as there).

``degree``
    ``id, label, kind, rivals, degree``: degree centrality, rivals / (n - 1), ``n`` the
    entities of the competition graph (isolated ones included); 1.0 when ``n`` is 1.
``pagerank``
    ``id, label, kind, pagerank``: PageRank of the undirected competition graph, damping
    0.85, uniform teleport, an entity with no rivalry spreading its rank over all entities
    (igraph's PRPACK and NetworkX do the same), summing to 1. Iterated by joins (Chebyshev's
    semi-iterative method, see :func:`pagerank`) until the L1 change of a step is below
    :data:`PAGERANK_TOL`; values rounded to 12 decimals.
``groups``
    ``id, label, kind, group, size``: connected groups of rivals by min-label propagation;
    ``group`` is the smallest entity id of the group, ``size`` its number of entities.
``most_contested``
    ``id, label, kind, companies, named_by``: competitors and alternatives against which at
    least :data:`MIN_COMPANIES` distinct entities made a claim; ``named_by`` their labels.
``mutual`` / ``one_sided``
    ``a_id, a, b_id, b`` (both ends made a claim) / ``by_id, by, against_id, against``
    (claims from one end only); rivalries with no claim are in neither.
``hidden_rivals``
    ``a_id, a, b_id, b, score, shared_rivals, shared_themes``: pairs of companies with no
    rivalry between them that share at least one rival, scoring at least
    :data:`HIDDEN_RIVAL_THRESHOLD` by the Jaccard similarity of their rivals and themes
    together; every qualifying pair (the report shows the first 1,000), the shared rivals
    and themes as counts, not lists.
``summary``
    one row: entity, rivalry and group counts, PageRank iterations and last L1 change.

Rankings are sorted as the report sorts them: score descending (rounded to 12 decimals), then
the lower-cased label, the label and the id (the report folds case with Python's
``str.casefold``, which differs from lower-casing on a few non-ASCII letters such as ``ß``).

Every table is written as Parquet (``OUT_DIR/parquet/NAME``) and CSV with a header
(``OUT_DIR/csv/NAME``; lists joined with ``"; "``, a cell a spreadsheet would run as a formula
prefixed with ``'``), rows in the order above across the part files. The tables are written
into a staging folder under ``OUT_DIR`` first: a run that fails leaves the earlier tables as
they were; the two folders are then swapped in by renames.
"""

from __future__ import annotations

import argparse
import sys
import uuid

try:  # the library imports this module to run it; without PySpark it says what to install
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql import functions as F
except ImportError:  # pragma: no cover - exercised by tests without pyspark
    DataFrame = SparkSession = F = None

PARQUET_VERSION = "1"
DAMPING = 0.85
PAGERANK_TOL = 1e-10
PAGERANK_MAX_ITER = 500
PAGERANK_CHECK_EVERY = 10
GROUP_CHECK_EVERY = 4
HIDDEN_RIVAL_THRESHOLD = 0.2
MIN_COMPANIES = 2
INSTALL_HINT = "pip install 'rivalscape[spark]'"

TABLES = ("summary", "degree", "pagerank", "groups", "most_contested", "mutual", "one_sided",
          "hidden_rivals")
_COLUMNS = {
    "entities": {"id", "label", "kind"},
    "rivalries": {"a", "b", "claimants", "claims"},
    "memberships": {"theme", "member"},
}
_FORMULA = r"^'*[=+\-@\t\r]"


class JobError(Exception):
    """A problem a person can act on: bad input, no Java, no PySpark."""


class MissingPySpark(JobError):
    """PySpark is not installed."""


def _need_pyspark() -> None:
    if F is None:
        raise MissingPySpark(f"the Spark report needs PySpark, an optional extra: install it "
                             f"with {INSTALL_HINT} (and Java 17 or later)")


def session(master: str | None = None, *, app: str = "landscape-spark-report",
            shuffle_partitions: int | None = None):
    """A SparkSession (``master`` e.g. ``local[*]``; None: as ``spark-submit`` set it up)."""
    _need_pyspark()
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            builder = builder.config("spark.ui.enabled", "false") \
                .config("spark.ui.showConsoleProgress", "false")
            builder = builder.config("spark.sql.shuffle.partitions", shuffle_partitions or 8)
    elif shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", shuffle_partitions)
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # PySparkRuntimeError (JAVA_GATEWAY_EXITED) and the like
        raise JobError(f"could not start Spark ({type(e).__name__}); Spark needs Java 17 or "
                       "later on the PATH or in JAVA_HOME (check `java -version`)") from e
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run_job(src: str, out: str, master: str | None = None) -> dict:
    """:func:`run` in a session of its own (stopped after), or in the session already
    active in this process (left running: it belongs to its caller)."""
    _need_pyspark()
    active = SparkSession.getActiveSession()
    spark = session(master)
    try:
        return run(spark, src, out)
    finally:
        if spark is not active:
            spark.stop()


def _join_path(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def read_tables(spark, src: str) -> dict:
    """The three Parquet tables of ``src``, checked for the columns the job reads."""
    out = {}
    for name, needed in _COLUMNS.items():
        path = _join_path(src, f"{name}.parquet")
        try:
            df = spark.read.parquet(path)
        except Exception as e:  # AnalysisException: path not found, not Parquet
            raise JobError(f"{path}: cannot read the {name} table ({type(e).__name__}); give the "
                           "folder the landscape Parquet export wrote") from e
        missing = sorted(needed - set(df.columns))
        if missing:
            raise JobError(f"{path}: not a landscape {name} table (no column "
                           f"{', '.join(missing)})")
        out[name] = df
    return out


# --------------------------------------------------------------------------- the graph


def _frames(t: dict) -> dict:
    """Nodes of the competition graph, its edges (``a < b``) and arcs (both directions)."""
    nodes = t["entities"].where(F.col("kind") != "theme").select("id", "label", "kind")
    edges = t["rivalries"].select(F.least("a", "b").alias("a"), F.greatest("a", "b").alias("b")) \
        .where(F.col("a") != F.col("b")).distinct()
    arcs = edges.select(F.col("a").alias("src"), F.col("b").alias("dst")).unionByName(
        edges.select(F.col("b").alias("src"), F.col("a").alias("dst")))
    deg = arcs.groupBy(F.col("src").alias("id")).agg(F.count("*").alias("rivals"))
    nodes = nodes.join(deg, "id", "left").fillna(0, ["rivals"]).cache()
    return {"nodes": nodes, "edges": edges.cache(), "arcs": arcs.cache()}


def _by_score(df, score: str):
    """Rows most central first: ``(-score, lower(label), label, id)``."""
    return df.orderBy(F.desc(F.round(score, 12)), F.lower("label"), "label", "id")


def degree(g: dict, n: int):
    scale = 1.0 if n <= 1 else 1.0 / (n - 1)
    value = F.lit(1.0) if n == 1 else F.col("rivals") * F.lit(scale)
    df = g["nodes"].select("id", "label", "kind", F.col("rivals").cast("long").alias("rivals"),
                           value.cast("double").alias("degree"))
    return _by_score(df, "degree")


def _isolated_rank(n: int, isolated: int) -> float:
    """The PageRank of an entity with no rivalry, in closed form.

    Such an entity is dangling: its rank goes to every entity alike, so every isolated entity
    has the same rank ``x`` and the ranks flowing in from all of them sum to ``isolated * x``:
    ``x = (1 - d) / n + d * isolated * x / n``. The same ``x`` is the constant term of every
    other entity's rank, so the iteration needs no per-step total of dangling rank.
    """
    return (1.0 - DAMPING) / n / (1.0 - DAMPING * isolated / n)


def _chebyshev_weights(count: int, rho: float = DAMPING) -> list[float]:
    """Weights of Chebyshev's semi-iterative method for ``x = G x + b`` whose ``G`` has real
    eigenvalues in ``[-rho, rho]`` (Golub and Van Loan, *Matrix Computations*, 11.2.8):
    ``w1 = 1``, ``w2 = 1 / (1 - rho^2 / 2)``, ``w(k+1) = 1 / (1 - rho^2 w(k) / 4)``."""
    out = [1.0]
    while len(out) < count:
        out.append(1.0 / (1.0 - rho * rho / 2.0) if len(out) == 1
                   else 1.0 / (1.0 - rho * rho * out[-1] / 4.0))
    return out


def _rank_step(arcs, ranks, x: float, omega: float):
    """One step on the entities with rivals: ``new = omega (x + d sum(cur(u) / deg(u)) - prev)
    + prev`` over their rivals ``u``. ``ranks`` holds ``id, cur, prev``; ``arcs`` holds
    ``src, dst, w`` (``1 / deg(src)``) and one ``self`` arc per entity, which brings its own
    ``cur`` and ``prev`` along, so each step reads ``ranks`` once (a plan that stays linear)."""
    got = arcs.join(ranks.withColumnRenamed("id", "src"), "src").groupBy(
        F.col("dst").alias("id")).agg(
        F.sum(F.when(~F.col("self"), F.col("cur") * F.col("w"))).alias("s"),
        F.max(F.when(F.col("self"), F.col("cur"))).alias("cur"),
        F.max(F.when(F.col("self"), F.col("prev"))).alias("prev"))
    jacobi = F.lit(x) + DAMPING * F.coalesce(F.col("s"), F.lit(0.0))
    new = F.lit(omega) * (jacobi - F.col("prev")) + F.col("prev")
    return got.select("id", new.alias("cur"), F.col("cur").alias("prev"))


def _rank_arcs(g: dict):
    nodes = g["nodes"].where(F.col("rivals") > 0)
    w = nodes.select(F.col("id").alias("src"), (1.0 / F.col("rivals")).alias("w"))
    arcs = g["arcs"].join(w, "src").withColumn("self", F.lit(False))
    own = nodes.select(F.col("id").alias("src"), F.col("id").alias("dst"),
                       F.lit(0.0).alias("w"), F.lit(True).alias("self"))
    return arcs.unionByName(own).localCheckpoint()


def pagerank(g: dict, n: int, *, tol: float = PAGERANK_TOL, max_iter: int = PAGERANK_MAX_ITER,
             every: int = PAGERANK_CHECK_EVERY) -> tuple:
    """``(table, iterations, last L1 change)``.

    The entities with no rivalry have the closed-form rank :func:`_isolated_rank`; the others
    solve ``pr = x + d P pr`` (``P`` the random walk over rivalries), whose eigenvalues are
    real (``P`` is similar to a symmetric matrix) and within ``[-d, d]``: Chebyshev's
    semi-iterative method converges about three times faster than the power iteration
    (factor ~0.56 a step instead of 0.85) to the same fixed point. Starting from ranks in
    proportion to degree, each step is one join and one aggregation; the change is measured
    and the lineage cut every ``every`` steps.
    """
    nodes = g["nodes"]
    if n == 0:
        return _by_score(nodes.select("id", "label", "kind", F.lit(0.0).alias("pagerank")),
                         "pagerank"), 0, 0.0
    row = nodes.agg(F.sum((F.col("rivals") == 0).cast("long")), F.sum("rivals")).first()
    isolated, ends = int(row[0] or 0), int(row[1] or 0)
    x = _isolated_rank(n, isolated)
    arcs = _rank_arcs(g)
    start = F.lit(x) + F.lit((1.0 - n * x) / max(ends, 1)) * F.col("rivals")
    ranks = nodes.where(F.col("rivals") > 0).select(
        "id", start.alias("cur"), start.alias("prev")).localCheckpoint()
    omegas = _chebyshev_weights(max_iter)
    change, it = float("inf") if ends else 0.0, 0
    while change >= tol and it < max_iter:
        for _ in range(min(every, max_iter - it)):
            ranks, it = _rank_step(arcs, ranks, x, omegas[it]), it + 1
        ranks = ranks.localCheckpoint()
        change = ranks.agg(F.sum(F.abs(F.col("cur") - F.col("prev")))).first()[0] or 0.0
    pr = F.coalesce(F.col("cur"), F.lit(x))
    table = nodes.join(ranks, "id", "left").select(
        "id", "label", "kind", (F.round(pr, 12) + F.lit(0.0)).alias("pagerank"))
    return _by_score(table, "pagerank"), it, float(change)


def groups(g: dict, *, every: int = GROUP_CHECK_EVERY) -> tuple:
    """``(table, iterations)``: every entity labelled with the smallest id reachable from it,
    by propagating the least label over rivalries (and to itself) until nothing changes;
    checked every ``every`` steps."""
    ids = g["nodes"].select(F.col("id").alias("src"), F.col("id").alias("dst"))
    arcs = g["arcs"].unionByName(ids).localCheckpoint()
    labels = g["nodes"].select("id", F.col("id").alias("group")).localCheckpoint()

    def step(lab):
        return arcs.join(lab.withColumnRenamed("id", "src"), "src") \
            .groupBy(F.col("dst").alias("id")).agg(F.min("group").alias("group"))

    it, changed = 0, True
    while changed:
        for _ in range(every):
            new = step(labels if _ == 0 else new)
        new, it = new.localCheckpoint(), it + every
        changed = new.join(labels.withColumnRenamed("group", "old"), "id") \
            .where(F.col("group") != F.col("old")).limit(1).count() > 0
        labels = new
    sizes = labels.groupBy("group").agg(F.count("*").alias("size"))
    table = g["nodes"].join(labels, "id").join(sizes, "group").select(
        "id", "label", "kind", "group", "size")
    return table.orderBy(F.desc("size"), "group", F.lower("label"), "label", "id"), it


def _sorted_labels(col: str):
    """An array of ``struct(key, label)`` as the labels in name order."""
    return F.transform(F.array_sort(F.col(col)), lambda s: s["label"])


def _name_struct(label: str):
    return F.struct(F.lower(F.col(label)).alias("k"), F.col(label).alias("label"))


def most_contested(t: dict, g: dict, *, min_companies: int = MIN_COMPANIES):
    claims = t["rivalries"].select(F.explode("claims").alias("c")) \
        .select(F.col("c.by").alias("by"), F.col("c.against").alias("id")).distinct()
    labels = t["entities"].select(F.col("id").alias("by"), F.col("label").alias("by_label"))
    named = claims.join(labels, "by").groupBy("id").agg(
        F.count("*").alias("companies"), F.collect_list(_name_struct("by_label")).alias("n"))
    df = g["nodes"].join(named, "id") \
        .where(F.col("kind").isin("competitor", "alternative")
               & (F.col("companies") >= min_companies)) \
        .select("id", "label", "kind", F.col("companies").cast("long").alias("companies"),
                _sorted_labels("n").alias("named_by"))
    return df.orderBy(F.desc("companies"), F.lower("label"), "label", "id")


def _with_labels(df, t: dict, *cols: str):
    ents = t["entities"].select("id", "label")
    for c in cols:
        df = df.join(ents.select(F.col("id").alias(f"{c}_id"), F.col("label").alias(c)),
                     f"{c}_id")
    return df


def directions(t: dict) -> tuple:
    """``(mutual, one_sided)``: rivalries both ends made claims about, and one end only."""
    r = t["rivalries"].select("a", "b", "claimants")
    both = F.array_contains("claimants", F.col("a")) & F.array_contains("claimants", F.col("b"))
    mutual = _with_labels(r.where(both).select(F.col("a").alias("x_id"), F.col("b").alias("y_id")),
                          t, "x", "y")
    x_first = F.struct(F.lower("x"), "x", "x_id") <= F.struct(F.lower("y"), "y", "y_id")
    mutual = mutual.select(
        F.when(x_first, F.col("x_id")).otherwise(F.col("y_id")).alias("a_id"),
        F.when(x_first, F.col("x")).otherwise(F.col("y")).alias("a"),
        F.when(x_first, F.col("y_id")).otherwise(F.col("x_id")).alias("b_id"),
        F.when(x_first, F.col("y")).otherwise(F.col("x")).alias("b"))
    one = r.where(~both & (F.size("claimants") > 0)).select(
        F.col("claimants")[0].alias("by_id"),
        F.when(F.col("claimants")[0] == F.col("a"), F.col("b")).otherwise(F.col("a"))
        .alias("against_id"))
    one = _with_labels(one, t, "by", "against").select("by_id", "by", "against_id", "against")
    return (mutual.orderBy(F.lower("a"), "a", "a_id", F.lower("b"), "b", "b_id"),
            one.orderBy(F.lower("by"), "by", "by_id", F.lower("against"), "against",
                        "against_id"))


def hidden_rivals(t: dict, g: dict, *, threshold: float = HIDDEN_RIVAL_THRESHOLD):
    """Company pairs sharing a rival, not rivals themselves, by Jaccard of rivals + themes."""
    companies = g["nodes"].where(F.col("kind") == "company").select("id")
    rival_of = g["arcs"].join(companies.withColumnRenamed("id", "src"), "src")
    themes = t["memberships"].select(F.col("member").alias("x"), F.col("theme").alias("w"))
    size = g["arcs"].select(F.col("src").alias("x"), F.col("dst").alias("w")) \
        .unionByName(themes).distinct().groupBy("x").agg(F.count("*").alias("deg"))
    pairs = rival_of.alias("p").join(rival_of.alias("q"), "dst") \
        .where(F.col("p.src") < F.col("q.src")) \
        .groupBy(F.col("p.src").alias("u"), F.col("q.src").alias("v")) \
        .agg(F.count("*").alias("shared_rivals"))
    pairs = pairs.join(g["edges"], (pairs.u == g["edges"].a) & (pairs.v == g["edges"].b),
                       "left_anti").cache()
    tu = themes.withColumnRenamed("x", "u")
    tv = themes.withColumnRenamed("x", "v")
    shared_t = pairs.select("u", "v").join(tu, "u").join(tv, ["v", "w"]) \
        .groupBy("u", "v").agg(F.count("*").alias("shared_themes"))
    inter = F.col("shared_rivals") + F.col("shared_themes")
    scored = pairs.join(shared_t, ["u", "v"], "left").fillna(0, ["shared_themes"]) \
        .join(size.select(F.col("x").alias("u"), F.col("deg").alias("du")), "u") \
        .join(size.select(F.col("x").alias("v"), F.col("deg").alias("dv")), "v") \
        .withColumn("score", inter / (F.col("du") + F.col("dv") - inter)) \
        .where(F.col("score") >= threshold - 1e-12)
    return _pair_rows(scored, t)


def _pair_rows(scored, t: dict):
    """Scored id pairs as rows ``a, b`` in name order, best first."""
    df = _with_labels(scored.select(F.col("u").alias("x_id"), F.col("v").alias("y_id"),
                                    "score", "shared_rivals", "shared_themes"), t, "x", "y")
    x_first = F.struct(F.lower("x"), "x", "x_id") <= F.struct(F.lower("y"), "y", "y_id")
    pick = lambda p, q: F.when(x_first, F.col(p)).otherwise(F.col(q))  # noqa: E731
    df = df.select(pick("x_id", "y_id").alias("a_id"), pick("x", "y").alias("a"),
                   pick("y_id", "x_id").alias("b_id"), pick("y", "x").alias("b"),
                   "score", F.col("shared_rivals").cast("long").alias("shared_rivals"),
                   F.col("shared_themes").cast("long").alias("shared_themes"))
    return df.orderBy(F.desc(F.round("score", 12)), F.lower("a"), "a", "a_id",
                      F.lower("b"), "b", "b_id")


def compute(spark, t: dict) -> dict:
    """Every table of the report (see the module docstring), by name, as DataFrames."""
    _need_pyspark()
    g = _frames(t)
    n = g["nodes"].count()
    pr, pr_iter, pr_change = pagerank(g, n)
    grp, grp_iter = groups(g)
    mutual, one_sided = directions(t)
    out = {"degree": degree(g, n), "pagerank": pr, "groups": grp,
           "most_contested": most_contested(t, g), "mutual": mutual, "one_sided": one_sided,
           "hidden_rivals": hidden_rivals(t, g)}
    summary = spark.createDataFrame([(
        int(t["entities"].count()), n, int(g["edges"].count()),
        int(t["memberships"].count()), int(grp.select("group").distinct().count()),
        int(pr_iter), float(pr_change), int(grp_iter))],
        "entities long, competition_nodes long, rivalries long, memberships long, "
        "groups long, pagerank_iterations long, pagerank_l1_change double, "
        "group_iterations long")
    return {"summary": summary, **out}


# --------------------------------------------------------------------------- writing


def _csv_frame(df):
    """Lists joined with ``"; "``; strings a spreadsheet would run get a leading ``'``."""
    cols = []
    for f in df.schema.fields:
        c = F.col(f.name)
        kind = f.dataType.typeName()
        if kind == "array":
            c = F.array_join(c, "; ")
        if kind in ("array", "string"):
            c = F.when(c.rlike(_FORMULA), F.concat(F.lit("'"), c)).otherwise(c)
        cols.append(c.alias(f.name))
    return df.select(*cols)


def _fs(spark, path: str):
    jvm = spark.sparkContext._jvm
    p = jvm.org.apache.hadoop.fs.Path(path)
    return p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()), jvm.org.apache.hadoop.fs.Path


def write(spark, tables: dict, out: str) -> list[str]:
    """Write every table as Parquet and CSV under ``out``; return the folders written.

    Everything is written into a staging folder first; only then are the earlier
    ``parquet`` and ``csv`` folders moved aside and the new ones renamed in (an earlier
    folder is moved back if its replacement cannot be).
    """
    stage = _join_path(out, f"_staging-{uuid.uuid4().hex[:12]}")
    fs, Path = _fs(spark, out)
    try:
        for name, df in tables.items():
            df.write.mode("errorifexists").parquet(_join_path(stage, f"parquet/{name}"))
            _csv_frame(df).write.mode("errorifexists").option("header", True) \
                .option("escape", '"').csv(_join_path(stage, f"csv/{name}"))
        for part in ("parquet", "csv"):
            final, old = Path(_join_path(out, part)), Path(_join_path(stage, f"old-{part}"))
            if fs.exists(final) and not fs.rename(final, old):
                raise JobError(f"{_join_path(out, part)}: cannot move the earlier tables aside")
            if not fs.rename(Path(_join_path(stage, part)), final):
                if fs.exists(old):
                    fs.rename(old, final)
                raise JobError(f"{_join_path(out, part)}: cannot publish the new tables")
    finally:
        fs.delete(Path(stage), True)
    return [_join_path(out, p) for p in ("parquet", "csv")]


def run(spark, src: str, out: str) -> dict:
    """Read the tables in ``src``, compute, write into ``out``; return the summary row."""
    tables = compute(spark, read_tables(spark, src))
    summary = tables["summary"].first().asDict()
    write(spark, tables, out)
    return summary


def main(argv: list[str] | None = None) -> int:
    """``spark-submit spark_report.py PARQUET_DIR OUT_DIR [--master URL]``."""
    p = argparse.ArgumentParser(prog="spark_report.py", description=__doc__.split("\n")[0])
    p.add_argument("parquet_dir")
    p.add_argument("out_dir")
    p.add_argument("--master", default=None, help="Spark master (default: spark-submit's)")
    args = p.parse_args(argv)
    try:
        summary = run_job(args.parquet_dir, args.out_dir, args.master)
    except JobError as e:
        sys.stderr.write(f"spark_report: {e}\n")
        return 2 if isinstance(e, MissingPySpark) else 1
    sys.stdout.write(" ".join(f"{k}={v}" for k, v in summary.items()) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
