"""landscape's domain package: read case studies, build the competitive-landscape graph, analyse it."""
