"""A minimal websocket client (RFC 6455) for tests that talk to real daphne
processes over TCP. The project has no websocket client library, and this needs
only the handshake, masked client frames (text or binary, any length) and
unmasked server frames, including the close frame and its code."""

import asyncio
import base64
import contextlib
import json
import os
import struct

OPCODE_TEXT = 0x1
OPCODE_BINARY = 0x2
OPCODE_CLOSE = 0x8


class WebsocketClosed(ConnectionError):
    """The server sent a close frame (``code``) or dropped the connection
    (``code`` None: what a browser reports as 1006)."""

    def __init__(self, code: int | None, reason: str = ""):
        super().__init__(f"closed: {code} {reason}")
        self.code = code
        self.reason = reason


class WebsocketClient:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter):
        self.reader = reader
        self.writer = writer

    @classmethod
    async def connect(cls, *, port: int, path: str, cookie: str) -> "WebsocketClient":
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**22)
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {path} HTTP/1.1\r\n"
            f"Host: 127.0.0.1:{port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: http://127.0.0.1:{port}\r\nCookie: {cookie}\r\n\r\n"
        )
        writer.write(request.encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        status = head.split(b"\r\n", 1)[0]
        if b" 101 " not in status:
            raise ConnectionError(status.decode())
        return cls(reader, writer)

    async def send_json(self, message: dict) -> None:
        await self.send_frame(json.dumps(message).encode())

    async def send_frame(self, payload: bytes, *, opcode: int = OPCODE_TEXT) -> None:
        """One final frame; the payload is masked as RFC 6455 requires of clients."""
        mask = os.urandom(4)
        header = bytes([0x80 | opcode])
        if len(payload) < 126:
            header += bytes([0x80 | len(payload)])
        elif len(payload) < 2**16:
            header += bytes([0x80 | 126]) + struct.pack("!H", len(payload))
        else:
            header += bytes([0x80 | 127]) + struct.pack("!Q", len(payload))
        # XOR as big integers: fast enough for a megabyte, no per-byte Python loop.
        repeated = (mask * (len(payload) // 4 + 1))[: len(payload)]
        masked = (
            int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")
        ).to_bytes(len(payload), "big")
        self.writer.write(header + mask + masked)
        await self.writer.drain()

    async def receive_json(self, timeout: float = 10) -> dict:
        return json.loads(await asyncio.wait_for(self._frame(), timeout))

    async def _frame(self) -> bytes:
        try:
            first, second = await self.reader.readexactly(2)
        except (asyncio.IncompleteReadError, ConnectionError) as error:
            raise WebsocketClosed(None) from error
        length = second & 0x7F
        if length == 126:
            (length,) = struct.unpack("!H", await self.reader.readexactly(2))
        elif length == 127:
            (length,) = struct.unpack("!Q", await self.reader.readexactly(8))
        payload = await self.reader.readexactly(length)
        if first & 0x0F == OPCODE_CLOSE:
            code = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None
            raise WebsocketClosed(code, payload[2:].decode(errors="replace"))
        return payload

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(ConnectionError):
            await self.writer.wait_closed()
