"""The baseline of bench/webinar_wire.py: a minimal standalone websocket broadcast
server (the `websockets` library, nothing of ours). Every client gets a welcome
when it connects; every text a client sends is sent, as the same bytes, to every
connected client.

    python bench/bare_broadcast.py PORT
"""

import asyncio
import json
import resource
import sys

from websockets.asyncio.server import broadcast, serve

CLIENTS: set = set()
WELCOME = json.dumps({"type": "welcome"})


async def handler(socket) -> None:
    CLIENTS.add(socket)
    try:
        await socket.send(WELCOME)
        async for message in socket:
            broadcast(CLIENTS, message)
    finally:
        CLIENTS.discard(socket)


async def main(port: int) -> None:
    async with serve(
        handler, "127.0.0.1", port, ping_interval=None, max_size=4096, backlog=4096
    ) as server:
        await server.serve_forever()


if __name__ == "__main__":
    import logging

    # Port probes from the bench would be logged as failed handshakes.
    logging.basicConfig(level=logging.CRITICAL)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(main(int(sys.argv[1])))
