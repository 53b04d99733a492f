"""The one place where library errors become messages and exit codes."""

from __future__ import annotations

import contextlib
from typing import Iterator

import click

from rivalscape.cli.hints import diagnostic_line
from rivalscape.graph.errors import InputError, LandscapeError, TooLargeError, UsageError, safe_path
from rivalscape.graph.text import printable


# Where a landscape too large for one machine goes instead.
SPARK_PATH = ("For a landscape this large, write its tables with `landscape export --format "
              "parquet` and compute the report with Spark: `landscape spark-report` (see the "
              "README). Earlier outputs were left as they were.")


@contextlib.contextmanager
def handle_errors() -> Iterator[None]:
    """Misuse -> exit 2 (click.UsageError); other domain errors and I/O errors -> exit 1;
    bugs keep their traceback."""
    try:
        yield
    except UsageError as e:
        raise click.UsageError(printable(str(e))) from e
    except InputError as e:
        for d in e.diagnostics:
            click.echo(printable(diagnostic_line(d)), err=True)
        n = sum(1 for d in e.diagnostics if d.severity == "error")
        raise click.ClickException(f"{n} error(s) in the input; nothing was written") from e
    except TooLargeError as e:
        raise click.ClickException(f"{printable(str(e))}.\n{SPARK_PATH}") from e
    except LandscapeError as e:
        raise click.ClickException(printable(str(e))) from e
    except MemoryError as e:  # the guard's estimate was short (an address-space limit)
        raise click.ClickException(f"ran out of memory; nothing was written.\n{SPARK_PATH}") from e
    except OSError as e:  # a file that vanished mid-run; outputs raise OutputError instead
        reason = e.strerror or str(e)
        message = f"{safe_path(e.filename)}: {reason}" if e.filename else reason
        raise click.ClickException(printable(message)) from e
