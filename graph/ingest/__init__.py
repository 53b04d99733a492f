"""Readers, one per input format. Their raw shapes stay private to this package."""
