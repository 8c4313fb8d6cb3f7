#!/usr/bin/env bash
# Starts the local multi-region cluster: Azurite plus a silo per region (emea, amer, apac by default), each with its
# frontend, and prints their endpoints; Ctrl-C stops the silos first and Azurite last. The silo is built first.
#
#   deploy/cluster.sh                                   three regions, ports from 7100, data in .azurite/cluster
#   deploy/cluster.sh --regions emea,amer --base-port 7200
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/azurite.sh" install
exec "$here/incidentactors" cluster "$@"
