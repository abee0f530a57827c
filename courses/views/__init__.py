"""Views for courses, split by area; each module has a matching ``courses/urls/``."""
