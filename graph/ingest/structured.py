"""Structured inputs (tables, data files, CNCF ``landscape.yml``): one entry point by suffix.

The helpers those readers share (decoding, YAML/JSON with line numbers) are in
:mod:`graph.ingest.treetext`.
"""

from __future__ import annotations

from rivalscape.graph.errors import Diagnostic
from rivalscape.graph.ingest.cncf import is_cncf, read_cncf
from rivalscape.graph.ingest.datafile import read_datafile
from rivalscape.graph.ingest.records import DocumentRecord
from rivalscape.graph.ingest.tables import read_tables
from rivalscape.graph.ingest.treetext import DATA_SUFFIXES, TABLE_SUFFIXES, Job, decode, load_tree


def read_structured(jobs: list[Job]) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    """Read every table, data file and ``landscape.yml`` among ``jobs``, in their order.

    Tables are read together, because a connections table may name elements by the IDs
    of an elements table in the same folder or workbook.
    """
    jobs = [tuple(j[:3]) for j in jobs]  # (file, provenance, display); anything after is not ours
    tables = [j for j in jobs if j[0].suffix.lower() in TABLE_SUFFIXES]
    docs, diags = read_tables(tables)
    for job in jobs:
        if job[0].suffix.lower() in DATA_SUFFIXES:
            more_docs, more_diags = read_data(job)
            docs.extend(more_docs)
            diags.extend(more_diags)
    return docs, diags


def read_data(job: Job) -> tuple[list[DocumentRecord], list[Diagnostic]]:
    """A YAML or JSON file: a CNCF ``landscape.yml`` (either spelling) or our data file."""
    path, rel, display = job
    text, err = decode(path, display)
    if err is not None:
        return [], [err]
    try:
        data, lines = load_tree(text, path.suffix.lower() == ".json")
    except ValueError as e:
        line, msg = e.args
        return [], [Diagnostic("error", display, line, msg)]
    if is_cncf(data):
        return read_cncf(data, lines, rel, display)
    return read_datafile(data, lines, rel, display)
