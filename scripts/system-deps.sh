#!/usr/bin/env bash
# The system packages that pip and npm cannot install, for `make test` and `.ci/run`.
#
#   scripts/system-deps.sh          install what is missing (apt-get, as root or with
#                                   password-less sudo); otherwise print the command
#   scripts/system-deps.sh --check  only report what is missing (exit 1 if anything)
#
# To add a package, add one line to DEPENDENCIES: how to tell it is there
# (`command:<program>` on PATH or `library:<soname>` known to ldconfig), a bar, and
# the Debian packages that provide it.
set -euo pipefail

DEPENDENCIES=(
    "command:chromium|chromium"                                # browser tests
    "command:xgettext|gettext"                                 # translation checks
    "command:redis-server|redis-server"                        # services mode, CI
    "command:haproxy|haproxy"                                  # bench/webinar_wire.py (the production proxy)
    "library:libpangoft2-1.0.so.0|libpango-1.0-0 libpangoft2-1.0-0" # WeasyPrint PDFs
)

present() {
    local check=$1
    case "$check" in
        command:*) command -v "${check#command:}" >/dev/null 2>&1 ;;
        library:*) /sbin/ldconfig -p 2>/dev/null | grep -qF "${check#library:}" ;;
        *) echo "system-deps: unknown check '$check'" >&2; return 1 ;;
    esac
}

missing=()
for line in "${DEPENDENCIES[@]}"; do
    check=${line%%|*}
    packages=${line#*|}
    if ! present "$check"; then
        # shellcheck disable=SC2206  # packages are space-separated on purpose
        missing+=($packages)
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

command_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "${1:-}" = "--check" ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get update && sudo $command_line" >&2
    exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing system packages (Debian names): ${missing[*]}" >&2
    echo "This machine has no apt-get: install the equivalent packages with your" >&2
    echo "system's package manager, then run the command again." >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=(sudo -n)
else
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Installing them needs root. Run:" >&2
    echo "    sudo apt-get update && sudo $command_line" >&2
    exit 1
fi

echo "Installing system packages: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
