#!/usr/bin/env bash
# One web process as production runs it: daphne serving lms.asgi, several of them
# behind HAProxy (deploy/haproxy/haproxy.cfg lists them). PORT picks the port
# (8101, 8102, ...); settings come from the environment (.env.example).
# bench/webinar_wire.py starts its web processes with this script.
#
#   --proxy-headers            the client address from X-Forwarded-For, which the
#                              proxy replaces (never appends), so one hop is trusted
#   --websocket_connect_timeout a join storm can queue handshakes for a while; the
#                              room sheds load itself (close 4429) long before this
#   --ping-interval/-timeout   dead TCP connections are noticed within a minute
#   --websocket-max-message-size the hard limit; the room refuses more than 4 KB
#                              itself and keeps the socket open up to this
set -euo pipefail
cd "$(dirname "$0")/.."
exec "${VENV:-.venv}/bin/daphne" \
    --bind "${BIND:-127.0.0.1}" --port "${PORT:-8101}" \
    --proxy-headers \
    --websocket_connect_timeout 30 \
    --ping-interval 20 --ping-timeout 30 \
    --websocket-max-message-size 65536 \
    --application-close-timeout 10 \
    --access-log /dev/null \
    lms.asgi:application
