#!/usr/bin/env bash
# One web process as production runs it: uvicorn serving lms.asgi (HTTP and the
# webinar websockets through Channels), several of them behind HAProxy
# (deploy/haproxy/haproxy.cfg lists them). PORT picks the port (8101, 8102, ...);
# settings come from the environment (.env.example).
# bench/webinar_wire.py and tests/webinars/test_wire.py start their web processes
# with this script.
#
# Why uvicorn and not daphne: in the wire benchmark's join storm (1,000 people in
# 10 s, two processes on two cores) daphne answered p99 6.8 s to `welcome` and shed
# load; uvicorn with uvloop, httptools and the websockets library answered p99
# 0.59 s with nothing shed (docs/benchmarks.md). daphne still serves `runserver`
# in development. WEB_SERVER=daphne runs the old command, for comparison.
#
#   --proxy-headers          the client address from X-Forwarded-For, believed only
#                            from FORWARDED_ALLOW_IPS (the proxy's address), which
#                            replaces the header (never appends), so one hop is
#                            trusted
#   --ws-ping-interval/-timeout dead TCP connections are noticed within a minute
#   --ws-max-size            the hard limit: a bigger frame gets close 1009; the room
#                            refuses more than 4 KB itself and keeps the socket open
#   --log-level warning      no line per websocket (a storm wrote thousands)
#   --timeout-graceful-shutdown sockets get 10 s to close on a restart, then the
#                            page reconnects to another process and catches up
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${WEB_SERVER:-uvicorn}" = daphne ]; then
    exec "${VENV:-.venv}/bin/daphne" \
        --bind "${BIND:-127.0.0.1}" --port "${PORT:-8101}" \
        --proxy-headers \
        --websocket_connect_timeout 30 \
        --ping-interval 20 --ping-timeout 30 \
        --websocket-max-message-size 65536 \
        --application-close-timeout 10 \
        --access-log /dev/null \
        lms.asgi:application
fi
# LISTEN_FD: accept on an inherited listening socket instead (several processes
# sharing one port, as bench/enrolment.py starts them).
if [ -n "${LISTEN_FD:-}" ]; then
    listen=(--fd "$LISTEN_FD")
else
    listen=(--host "${BIND:-127.0.0.1}" --port "${PORT:-8101}")
fi
exec "${VENV:-.venv}/bin/uvicorn" lms.asgi:application \
    "${listen[@]}" \
    --proxy-headers --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
    --loop uvloop --http httptools --ws websockets \
    --ws-max-size 65536 --ws-ping-interval 20 --ws-ping-timeout 30 \
    --timeout-graceful-shutdown 10 --no-access-log --lifespan off --log-level warning
