"""ASGI entry point (uvicorn in production, daphne under `runserver`): HTTP through
Django, websockets through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")

# Django must be set up before anything imports models, so the routing import waits.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from core.admission import JoinAdmission  # noqa: E402
from core.health import HealthRouter  # noqa: E402
from core.ws_auth import ParallelAuthMiddlewareStack  # noqa: E402
from lms.routing import websocket_urlpatterns  # noqa: E402

try:
    from daphne.ws_protocol import WebSocketProtocol
except ImportError:  # another ASGI server
    pass
else:
    # A frame over daphne's --websocket-max-message-size (1 MiB by default) fails
    # the connection, and autobahn's default for that is to drop TCP: the browser
    # sees 1006. An option set on the protocol class wins over the factory's, and
    # with this one the client gets a close frame with 1009 ("message too big").
    WebSocketProtocol.failByDrop = False

application = ProtocolTypeRouter(
    {
        # /livez and /readyz are answered before Django (core/health.py).
        "http": HealthRouter(django_asgi_app),
        # At most WEBINAR_MAX_PENDING_JOINS handshakes at a time; the rest are told
        # to come back (core/admission.py).
        "websocket": JoinAdmission(
            AllowedHostsOriginValidator(
                ParallelAuthMiddlewareStack(URLRouter(websocket_urlpatterns))
            )
        ),
    }
)
