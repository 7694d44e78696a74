#!/usr/bin/env bash
# The README's run command: infrastructure, every service, the gateway on http://127.0.0.1:8080 and the demo data.
# Ctrl-C stops all of it; the data stays in .data/ for the next run.
#   COOP_INSTANCES=N  N instances of every service (default 1, or 2 with COOP_HA=1), each on its port + 10*(i-1)
#   COOP_HA=1         three broker nodes, a PostgreSQL primary with a synchronous standby, and two of every service
#   COOP_PORT_BASE=B  every host of deploy/topology.txt on B + its port % 100 instead (the gateway of 8080 on B + 80,
#                     agreements' 5101 on B + 1, ...), as the API tests do, so that a second run can go beside this one;
#                     give it its own COOP_DATA, COOP_PG_PORT, COOP_AMQP_PORT and COOP_RABBIT_NODE too (deploy/infra.sh)
#   COOP_BUILD=0      skip the build (the caller has just built the solution: deploy/test.sh before its fault suite)
#   COOP_DEMO_DATA=0  load no demo data (a throwaway run that brings data of its own: the fault suite in deploy/test.sh)
# Every process it starts is supervised: one that dies is started again, with back-off, and the log says so.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export COOP_DATA=${COOP_DATA:-$root/.data}
export COOP_HA=${COOP_HA:-0}
instances=${COOP_INSTANCES:-$([ "$COOP_HA" = 1 ] && echo 2 || echo 1)}
[[ "$instances" =~ ^[1-9]$ ]] || { echo "COOP_INSTANCES=$instances: give a number from 1 to 9." >&2; exit 2; }
port_base=${COOP_PORT_BASE:-}
[[ -z "$port_base" || ( "$port_base" =~ ^[0-9]+$ && port_base -ge 1024 && port_base -le 65400 ) ]] \
  || { echo "COOP_PORT_BASE=$port_base: give a port from 1024 to 65400." >&2; exit 2; }
# A host's port from deploy/topology.txt, moved above COOP_PORT_BASE when it is set.
port_of() { if [ -n "$port_base" ]; then echo $((port_base + $1 % 100)); else echo "$1"; fi; }
mkdir -p "$COOP_DATA/logs"
chmod 755 "$COOP_DATA"

# name, project folder, assembly, port: one host a line, the gateway among them.
mapfile -t hosts < <(grep -Ev '^[[:space:]]*(#|$)' deploy/topology.txt)

supervisors=()
stop() {
  trap - INT TERM EXIT
  # Keep stopping even if our output went to a pipe that Ctrl-C has already closed (run.sh | tee ...).
  set +e
  trap '' PIPE
  echo "Stopping..."
  for pid in "${supervisors[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${supervisors[@]}"; do wait "$pid" 2>/dev/null || true; done
  deploy/infra.sh down || true
}
trap stop EXIT
trap 'exit 130' INT TERM

# The dashboard's page is built with npm; pgBackRest makes the backups; pg_auto_failover fails over under COOP_HA=1.
tools=(nuget node pgbackrest)
[ "${COOP_PG_STANDBY:-$COOP_HA}" = 1 ] && tools+=(autofailover)
deploy/tools.sh "${tools[@]}"
deploy/infra.sh up
# Backups on their schedule beside everything else (deploy/README.md, Backups and restore): the first one at once.
deploy/infra.sh backup-schedule >> "$COOP_DATA/logs/backups.log" 2>&1 & supervisors+=($!)
eval "$(deploy/infra.sh env)"
# The connection strings carry passwords: none goes to every process; each service is given its own pair (below).
credentials=$(compgen -v | grep -E '^(ConnectionStrings__|COOP_POSTGRES_|COOP_RABBITMQ_)' || true)
for variable in $credentials; do export -n "$variable"; done

# Tokens come from the OpenID Connect provider (services/Identity), whose issuer is the gateway's address; every host reads
# its discovery document and keys from the provider itself. Only the provider holds a key that signs, in its own schema.
rm -f "$COOP_DATA/signing.key"  # the shared secret of an earlier version
for host in "${hosts[@]}"; do
  read -r name _ _ port <<< "$host"
  [ "$name" = gateway ] && export Identity__Issuer="http://127.0.0.1:$(port_of "$port")/"
  [ "$name" = identity ] && export Identity__MetadataAddress="http://127.0.0.1:$(port_of "$port")/.well-known/openid-configuration"
done
export DOTNET_ENVIRONMENT=Production ASPNETCORE_ENVIRONMENT=Production

[ "${COOP_BUILD:-1}" = 0 ] || dotnet build Cooperation.sln -c Release -nologo -clp:ErrorsOnly

# Runs one process and starts it again whenever it exits, waiting 1, 2, 4 ... 30 s between starts (back to 1 s once it
# has stayed up for a minute); TERM stops it and the process with it.
supervise() {  # instance folder assembly port [extra env...]
  local instance=$1 folder=$2 assembly=$3 port=$4 child="" delay=1 started status
  shift 4
  trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM
  while true; do
    started=$SECONDS
    # From its output folder, which is the host's content root (appsettings.json). A service's own connection strings
    # (deploy/infra.sh env: COOP_POSTGRES_<NAME>, COOP_RABBITMQ_<NAME>) are exported, not put on a command line, where any
    # local user could read their passwords; the gateway has none.
    (cd "$folder/bin/Release/net10.0" && credentials_of "${instance%-*}" && exec env "$@" Instance__Id="$instance" Urls="http://127.0.0.1:$port" dotnet "$assembly.dll") \
      >> "$COOP_DATA/logs/$instance.log" 2>&1 &
    child=$!
    status=0
    wait "$child" || status=$?
    (( SECONDS - started >= 60 )) && delay=1
    echo "run: $instance (port $port) exited with status $status; starting it again in ${delay}s" | tee -a "$COOP_DATA/logs/$instance.log" >&2
    sleep "$delay" & wait $!
    delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
  done
}
start() { supervise "$@" & supervisors+=($!); }
credentials_of() {  # service
  local postgres="COOP_POSTGRES_${1^^}" rabbitmq="COOP_RABBITMQ_${1^^}"
  [ "$1" = gateway ] && return 0
  export ConnectionStrings__Postgres="${!postgres:?deploy/infra.sh env gives no $postgres}" ConnectionStrings__RabbitMq="${!rabbitmq:?deploy/infra.sh env gives no $rabbitmq}"
}

gateway=() proxy=()
for host in "${hosts[@]}"; do
  read -r name folder assembly port <<< "$host"
  port=$(port_of "$port")
  if [ "$name" = gateway ]; then gateway=("$name" "$folder" "$assembly" "$port"); continue; fi
  own=()
  # The local run's dev tokens, signed by the provider, and its accounts, made on the first start with their passwords.
  [ "$name" = identity ] && own=(Identity__DevTokens=true Identity__LocalAccounts__File="$COOP_DATA/secrets/accounts")
  for i in $(seq 1 "$instances"); do
    instance_port=$((port + 10 * (i - 1)))
    start "$name-$i" "$folder" "$assembly" "$instance_port" "${own[@]}"
    # Each instance is a destination of the gateway's cluster of that name.
    proxy+=("ReverseProxy__Clusters__${name}__Destinations__${name}-${i}__Address=http://127.0.0.1:$instance_port/")
  done
done
[ ${#gateway[@]} -eq 4 ] || { echo "deploy/topology.txt names no gateway." >&2; exit 1; }
start "${gateway[@]}" "${proxy[@]}"
gw="http://127.0.0.1:${gateway[3]}"
# What the API refuses is reported above; the system keeps running with the rest.
[ "${COOP_DEMO_DATA:-1}" = 0 ] \
  || dotnet deploy/Cooperation.DemoData/bin/Release/net10.0/Cooperation.DemoData.dll "$gw" || echo "Some demo data was refused (see above)." >&2

postgres="127.0.0.1:$COOP_PG_PORT"
[ "${COOP_PG_STANDBY:-0}" = 1 ] && postgres+=" and 127.0.0.1:$((COOP_PG_PORT + 1)), a primary and its synchronous standby failed over by pg_auto_failover (deploy/infra.sh status; switchover)"
cat <<INFO

Cooperation is running: $instances instance(s) of every service$([ "$COOP_HA" = 1 ] && echo ", three broker nodes, a PostgreSQL primary and its standby").
  Gateway     $gw   (health: /health/ready; the API: $gw/openapi/v1.json, its reference page $gw/api/reference)
  Services    $(for host in "${hosts[@]}"; do read -r name _ _ port <<< "$host"; port=$(port_of "$port"); [ "$name" = gateway ] && continue; for i in $(seq 1 "$instances"); do printf '%s-%s :%s  ' "$name" "$i" $((port + 10 * (i - 1))); done; done)
  Dashboard   $gw/dashboard   (sign in as the demo analyst: one click on the sign-in page it opens)
  Sign-in     $gw/connect/signin   accounts and their passwords: $COOP_DATA/secrets/accounts (an admin, an auditor,
              the ministry analyst, a committee per region of the demo data); coop login signs the command line in
  Tokens      curl -s -X POST $gw/api/dev/tokens -H 'Content-Type: application/json' \\
                -d '{"role":"ministry","sub":"me"}'
  PostgreSQL  $postgres, database cooperation, a role per service owning its schema
  RabbitMQ    127.0.0.1:${COOP_AMQP_PORT}  (exchange: cooperation.events)${RabbitMq__Nodes:+; nodes $RabbitMq__Nodes}
  Secrets     $COOP_DATA/secrets/   (connection strings: deploy/infra.sh env; outside readers: ConnectionStrings__RabbitMqReader)
  Backups     ${COOP_BACKUP_REPO:-$COOP_DATA/backups}   (deploy/infra.sh backups; the schedule's log: logs/backups.log)
  Logs        $COOP_DATA/logs/
Every process is supervised: one that dies is started again (logs/<instance>.log says so).
Press Ctrl-C to stop.
INFO
wait
