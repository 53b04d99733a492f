"""The scale-out command: the Spark job over Parquet tables, run from the command line."""

from __future__ import annotations

from pathlib import Path

import click

from rivalscape.cli.options import echo
from rivalscape.graph.errors import safe_path
from rivalscape.graph.text import printable


@click.command(name="spark-report")
@click.argument("parquet_dir", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--out", "out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the tables into (parquet/ and csv/ inside).")
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master URL: local[N], spark://HOST:PORT, yarn...")
def spark_report(parquet_dir, out, master):
    """Degree, PageRank, connected groups, most contested, mutual and one-sided rivalries and
    hidden rivals, computed by Spark from the Parquet tables of `export --format parquet`.

    Needs the spark extra (pip install 'rivalscape[spark]') and Java 17 or later. Writes
    every table as Parquet (OUT/parquet/NAME) and CSV (OUT/csv/NAME) and prints the
    summary row. The same job runs on a cluster with spark-submit: see the README.

    Example:

    \b
        landscape export --format parquet -o tables/
        landscape spark-report tables/ -o spark-out/ --master "local[2]"
    """
    from rivalscape.graph import spark_report as job

    try:
        summary = job.run_job(parquet_dir, out, master)
    except job.MissingPySpark as e:
        raise click.UsageError(str(e)) from e
    except job.JobError as e:
        raise click.ClickException(printable(str(e))) from e
    echo(" ".join(f"{k}={v}" for k, v in summary.items()))
    for part in ("parquet", "csv"):
        echo(f"wrote {safe_path(Path(out) / part)}", err=True)


COMMANDS = [spark_report]
