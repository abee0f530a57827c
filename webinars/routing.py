"""Websocket routes of the webinar rooms."""

from django.urls import path

from .consumers import RoomConsumer

websocket_urlpatterns = [
    path("ws/webinar/<int:room_id>/", RoomConsumer.as_asgi()),
]
