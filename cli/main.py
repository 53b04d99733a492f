"""Entry point of the ``landscape`` console script."""

from __future__ import annotations

import logging

import click

from rivalscape.cli import analysis_commands, battlecard_commands, cache_commands, commands, spark_commands
from rivalscape.cli.options import quiet_option


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rivalscape")
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
@quiet_option
def cli(verbose: bool) -> None:
    """Explore a competitive landscape read from markdown case studies.

    Example:

    \b
        landscape build --data data/ --out output/
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(message)s")


# Command modules define plain click commands and never import this module: no cycle.
COMMANDS = (*commands.COMMANDS, *analysis_commands.COMMANDS, *battlecard_commands.COMMANDS,
            *cache_commands.COMMANDS, *spark_commands.COMMANDS)
for command in COMMANDS:
    cli.add_command(command)
