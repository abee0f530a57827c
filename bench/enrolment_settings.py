"""Settings of the enrolment bench's server processes: production (DEBUG off), with
a psycopg connection pool per process (Django 5.2) as production runs it, so a
process borrows a connection per request instead of opening one per request or
keeping one per worker thread."""

from lms.settings.production import *  # noqa: F403
from lms.settings.production import DATABASES

if "pool" not in DATABASES["default"].get("OPTIONS", {}):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "pool": {"min_size": 1, "max_size": 8, "timeout": 10.0},
    }
