"""Collects every app's ``websocket_urlpatterns`` into one list."""

from core.routing import websocket_urlpatterns as core_patterns
from webinars.routing import websocket_urlpatterns as webinar_patterns

websocket_urlpatterns = [*core_patterns, *webinar_patterns]
