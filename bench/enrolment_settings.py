"""Settings of the enrolment bench's server processes: production (DEBUG off), with
the psycopg connection pool per process that every PostgreSQL setting now has
(lms/settings/base.py), as production runs it."""

from lms.settings.production import *  # noqa: F403
