"""Reads for courses, split by area: offerings, learning, certificates."""
