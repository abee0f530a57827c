"""Production settings with the demo app installed by mistake: the seed must still
refuse (tests/demo/test_guard.py)."""

from lms.settings.production import *  # noqa: F403
from lms.settings.production import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
