#!/usr/bin/env bash
# Installs the pinned Azurite (npm ci) when absent and runs it on loopback in the foreground.
#
#   deploy/azurite.sh install          install only
#   deploy/azurite.sh run              run (exec: the caller's process becomes Azurite)
#
# Settings (environment):
#   AZURITE_LOCATION    data folder                  (default: <repo>/.azurite)
#   AZURITE_BLOB_PORT   blob endpoint port            (default: 10000)
#   AZURITE_QUEUE_PORT  queue endpoint port           (default: 10001)
#   AZURITE_TABLE_PORT  table endpoint port           (default: 10002)
#   AZURITE_IN_MEMORY   1: keep everything in memory, lost when Azurite stops (tests and
#                       benchmarks, which throw their data away); AZURITE_LOCATION is then unused
#
# Azurite keeps tables in memory and saves them to its data folder every few seconds, so an
# Azurite that is killed may lose its last seconds of table writes. That is the emulator, not
# IncidentActors: production Azure Storage acknowledges a write only once it is durable.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
azurite="$here/node_modules/azurite/dist/src/azurite.js"

install() {
  if [ ! -f "$azurite" ]; then
    echo "azurite.sh: installing the pinned Azurite into deploy/node_modules" >&2
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

case "${1:-run}" in
  install)
    install
    ;;
  run)
    install
    if [ "${AZURITE_IN_MEMORY:-0}" = 1 ]; then
      # Saving to disk rewrites the whole table database every 5 s, stalling every request for
      # longer as the data grows; a run that throws its data away has no use for it.
      storage=(--inMemoryPersistence)
    else
      location="${AZURITE_LOCATION:-$repo/.azurite}"
      mkdir -p "$location"
      storage=(--location "$location")
    fi
    exec node "$azurite" \
      --silent --disableTelemetry --skipApiVersionCheck \
      "${storage[@]}" \
      --blobHost 127.0.0.1 --blobPort "${AZURITE_BLOB_PORT:-10000}" \
      --queueHost 127.0.0.1 --queuePort "${AZURITE_QUEUE_PORT:-10001}" \
      --tableHost 127.0.0.1 --tablePort "${AZURITE_TABLE_PORT:-10002}"
    ;;
  *)
    echo "usage: deploy/azurite.sh [install|run]" >&2
    exit 2
    ;;
esac
