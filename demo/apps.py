from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site and demo logins of ``make run`` (``manage.py seed_demo``).
    Installed by the dev and test settings only, never in production: it depends on
    every domain app, and no domain app imports it."""

    name = "demo"
