#!/usr/bin/env bash
# Starts IncidentActors for development: Azurite (installed on first use, data in .azurite/)
# and one silo with its co-hosted gRPC frontend. Ctrl-C stops both.
# The silo runs in the Development environment, which generates its timeline key on first start.
#
# Arguments are passed to the silo as configuration, e.g. a second silo in another region:
#   deploy/run.sh --IncidentActors:Silo:Region=amer --IncidentActors:Silo:SiloPort=11112 \
#     --IncidentActors:Silo:GatewayPort=30001 --IncidentActors:Api:GrpcPort=5090 --IncidentActors:Api:HttpPort=5091
# A silo started while Azurite already answers on its port reuses that Azurite.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
table_port="${AZURITE_TABLE_PORT:-10002}"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

azurite_pid=""
cleanup() { [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if ! listening "$table_port"; then
  bash "$here/azurite.sh" install
  mkdir -p "$repo/.azurite"
  echo "run.sh: starting Azurite on 127.0.0.1 (log: .azurite/azurite.log)"
  # A process group of its own, so that Ctrl-C reaches only the silo: it must still reach Azurite
  # while it shuts down (to leave the cluster), and Azurite is stopped once it has exited.
  setsid bash "$here/azurite.sh" run >"$repo/.azurite/azurite.log" 2>&1 &
  azurite_pid=$!
  for _ in $(seq 1 300); do
    listening "$table_port" && break
    kill -0 "$azurite_pid" 2>/dev/null || { cat "$repo/.azurite/azurite.log"; echo "run.sh: Azurite exited" >&2; exit 1; }
    sleep 0.2
  done
  listening "$table_port" || { echo "run.sh: Azurite did not answer on $table_port" >&2; exit 1; }
fi

# Development tokens: an issuer on the loopback HTTP port, its key kept beside Azurite's data so that tokens outlive
# a restart and every silo started by this script accepts them; "admin" is an org admin.
key_file="$repo/.azurite/dev-token-key"
mkdir -p "$repo/.azurite"
[ -s "$key_file" ] || head -c 32 /dev/urandom | base64 >"$key_file"
DOTNET_ENVIRONMENT="${DOTNET_ENVIRONMENT:-Development}" \
IncidentActors__Auth__Development__Enabled=true \
IncidentActors__Auth__Development__SigningKey="$(cat "$key_file")" \
IncidentActors__Auth__OrgAdmins__0=admin \
  dotnet run --project "$repo/src/Silo" -c Release -- "$@"
