from django.urls import path

from .consumers import UserConsumer

websocket_urlpatterns = [
    path("ws/bruger/", UserConsumer.as_asgi()),
]
