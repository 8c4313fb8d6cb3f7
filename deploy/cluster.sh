#!/usr/bin/env bash
# Starts the local multi-region cluster: Azurite plus a silo per region (emea, amer, apac by default), each with its
# frontend, and prints their endpoints; Ctrl-C stops the silos first and Azurite last. Builds the silo and the tool first.
#
#   deploy/cluster.sh                                   three regions, ports from 7100, data in .azurite/cluster
#   deploy/cluster.sh --regions emea,amer --base-port 7200
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
cd "$repo"
bash "$here/azurite.sh" install
dotnet build src/Silo -c Release -v quiet -nologo
dotnet build src/Cli -c Release -v quiet -nologo
exec dotnet src/Cli/bin/Release/net10.0/incidentactors.dll cluster "$@"
