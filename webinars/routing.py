"""Websocket routes of the webinar rooms (added with the live-room capability)."""

websocket_urlpatterns: list = []
