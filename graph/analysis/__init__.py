"""Analysis of a landscape graph: centrality, segments, rival structure, claim dimensions, themes.

Every function takes the landscape graph ``G`` (the shape documented in :mod:`graph.build`)
and returns plain data (lists of rows, dicts with a stable key order); nothing here prints.
Rankings sort by ``(-score, name)`` so ties come out the same way every time; randomised
steps take ``seed=`` and give the same answer for the same seed.

The package, one concern per module:

- :mod:`.engine`: :class:`Settings` (sampling mode, one seed, sample size, resolution), the
  one NetworkX-to-igraph conversion (:class:`Engine`), the one seeded RNG, the sampling plan.
- :mod:`.centrality`: degree, betweenness, PageRank, eigenvector, closeness.
- :mod:`.segments`: communities of the competition graph.
- :mod:`.rivals`: most contested, mutual and one-sided rivalries, hidden rivals, similar
  entities, the chain of rivalries between two entities.
- :mod:`.claims`: the claim lexicon, classification and dimensions.
- :mod:`.themes`: theme coverage.
- :mod:`.result`: :func:`analyze`, the one entry point, and its :class:`Analysis` result.

The package exports the functions ``centrality`` and ``segments`` under the names of their
modules, so ``A.centrality(G)`` reads as before; reach the modules themselves with
``importlib.import_module("rivalscape.graph.analysis.segments")`` or ``from ... import``.
"""

from rivalscape.graph.analysis.centrality import (
    EIGENVECTOR_NOTE,
    centrality,
)
from rivalscape.graph.analysis.claims import claim_dimensions, classifier_version, classify_claim, load_lexicon
from rivalscape.graph.analysis.engine import (
    COMPETITION_GRAPH_NOTE,
    DEFAULT_SAMPLE,
    EXACT_LIMIT,
    HIDDEN_RIVAL_THRESHOLD,
    METRICS,
    PAGERANK_DAMPING,
    SAMPLINGS,
    Engine,
    Sampling,
    SamplingPlan,
    Settings,
    ranking_key,
    rounded,
    sampling_plan,
    seeded_rng,
)
from rivalscape.graph.analysis.result import (
    ALL_PARTS,
    HUB_RANK,
    PARTS,
    Analysis,
    NotComputedError,
    analyze,
)
from rivalscape.graph.analysis.rivals import (
    HIDDEN_RIVALS_MAX,
    hidden_rivals,
    most_contested,
    one_sided_by,
    rivalry_directions,
    rivalry_path,
    similar,
)
from rivalscape.graph.analysis.segments import EXACT_SEGMENTS_LIMIT, SEGMENT_RUNS, segments
from rivalscape.graph.analysis.themes import theme_coverage

__all__ = [
    "ALL_PARTS", "Analysis", "COMPETITION_GRAPH_NOTE", "DEFAULT_SAMPLE", "EIGENVECTOR_NOTE", "EXACT_LIMIT",
    "EXACT_SEGMENTS_LIMIT", "Engine", "HIDDEN_RIVALS_MAX", "HIDDEN_RIVAL_THRESHOLD", "HUB_RANK",
    "METRICS", "NotComputedError", "PAGERANK_DAMPING", "PARTS", "SAMPLINGS", "SEGMENT_RUNS", "Sampling", "SamplingPlan",
    "Settings", "analyze", "centrality", "claim_dimensions",
    "classifier_version", "classify_claim", "hidden_rivals", "load_lexicon", "most_contested", "one_sided_by",
    "ranking_key", "rivalry_directions", "rivalry_path", "rounded", "sampling_plan", "seeded_rng", "segments",
    "similar", "theme_coverage",
]
