#!/usr/bin/env bash
# The README's run command: infrastructure, every service, the gateway on http://127.0.0.1:8080 and the demo data.
# Ctrl-C stops all of it; the data stays in .data/ for the next run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export COOP_DATA=${COOP_DATA:-$root/.data}
mkdir -p "$COOP_DATA/logs"
chmod 755 "$COOP_DATA"

# name, project folder, assembly, port: one host a line, the gateway among them.
mapfile -t hosts < <(grep -Ev '^[[:space:]]*(#|$)' deploy/topology.txt)

pids=()
stop() {
  trap - INT TERM EXIT
  # Keep stopping even if our output went to a pipe that Ctrl-C has already closed (run.sh | tee ...).
  set +e
  trap '' PIPE
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  deploy/infra.sh down || true
}
trap stop EXIT
trap 'exit 130' INT TERM

deploy/tools.sh nuget node  # the dashboard's page is built with npm
deploy/infra.sh up
eval "$(deploy/infra.sh env)"

# A signing key made once per machine: tokens survive restarts, and no secret lives in the repository.
if [ ! -s "$COOP_DATA/signing.key" ]; then
  head -c 48 /dev/urandom | base64 -w0 > "$COOP_DATA/signing.key"
  chmod 600 "$COOP_DATA/signing.key"
fi
export Identity__SigningKey=$(cat "$COOP_DATA/signing.key")
export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production

dotnet build Cooperation.sln -c Release -nologo -clp:ErrorsOnly

start() {  # name folder assembly port [extra env...]
  local name=$1 folder=$2 assembly=$3 port=$4
  shift 4
  # From its output folder, which is the host's content root (appsettings.json).
  (cd "$folder/bin/Release/net10.0" && exec env "$@" Urls="http://127.0.0.1:$port" dotnet "$assembly.dll") \
    > "$COOP_DATA/logs/$name.log" 2>&1 &
  pids+=($!)
}
gateway=() proxy=(Identity__DevTokens=true)
for host in "${hosts[@]}"; do
  read -r name folder assembly port <<< "$host"
  if [ "$name" = gateway ]; then gateway=("$name" "$folder" "$assembly" "$port"); continue; fi
  start "$name" "$folder" "$assembly" "$port"
  # The gateway's cluster of that name gets the instance as its destination.
  proxy+=("ReverseProxy__Clusters__${name}__Destinations__instance0__Address=http://127.0.0.1:$port/")
done
[ ${#gateway[@]} -eq 4 ] || { echo "deploy/topology.txt names no gateway." >&2; exit 1; }
start "${gateway[@]}" "${proxy[@]}"
gw="http://127.0.0.1:${gateway[3]}"

# What the API refuses is reported above; the system keeps running with the rest.
dotnet deploy/Cooperation.DemoData/bin/Release/net10.0/Cooperation.DemoData.dll "$gw" || echo "Some demo data was refused (see above)." >&2

cat <<INFO

Cooperation is running.
  Gateway     $gw   (health: /health/ready, OpenAPI: /openapi/v1.json on each service)
  Dashboard   $gw/dashboard   (signs in as the ministry with a dev token)
  Tokens      curl -s -X POST $gw/api/dev/tokens -H 'Content-Type: application/json' \\
                -d '{"role":"ministry","sub":"me"}'
  PostgreSQL  $ConnectionStrings__Postgres
  RabbitMQ    $ConnectionStrings__RabbitMq  (exchange: cooperation.events)
  Logs        $COOP_DATA/logs/
Press Ctrl-C to stop.
INFO
wait
