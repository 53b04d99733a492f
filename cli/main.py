"""Entry point of the ``landscape`` console script."""

from __future__ import annotations

import logging

import click

from cli.options import quiet_option


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="landscape")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@quiet_option
def cli(verbose: bool) -> None:
    """Explore a competitive landscape read from markdown case studies.

    Example:

    \b
        landscape build --data data/ --out output/
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


# Command modules register themselves on ``cli`` when imported.
from cli import commands  # noqa: E402,F401
from cli import analysis_commands  # noqa: E402,F401
from cli import battlecard_commands  # noqa: E402,F401
