"""Analysis commands (report, segments, similar, path); see issue "Analysis that scales"."""
