"""Writes for courses, by area: offerings and calendars, learning, certificates."""
