#!/usr/bin/env bash
# The fault suite: a bounded write load through the gateway, one fault at a time (kill -9 of a service instance and of the
# leader, PostgreSQL stopped immediately, the broker stopped and its node killed, every message delivered twice, 50 clients
# racing with If-Match, 20 with one Idempotency-Key, a rebuild under writes, a replay into an unusable queue beside a good
# one; with a standby, COOP_HA=1, a switchover, then the kill -9 of the primary's node with the standby promoted by
# pg_auto_failover and the old primary rejoined, last), then one table: per fault,
# what was acknowledged, stored, published, consumed by the dashboard, doubled and refused, and how long until writes
# and publication were back. Exits non-zero on a lost acknowledged write, a doubled
# effect or a 5xx other than 503 with Retry-After.
#   deploy/faults.sh           the full form (about 8 minutes; more with COOP_HA=1): each fault under load for tens of seconds
#   deploy/faults.sh --short   each fault once, seconds each, without the rebuild under writes and the switchover, which
#                              take minutes on a loaded machine (deploy/test.sh runs this form; under COOP_HA=1 it still
#                              kills the primary's node and checks the standby's promotion and the old primary's rejoin)
#   deploy/faults.sh --throwaway [--short]   always on a throwaway run, even if the run command's answers
# It uses the run command's system when its gateway answers (deploy/run.sh with the same COOP_DATA, COOP_PG_PORT,
# COOP_AMQP_PORT, COOP_RABBIT_NODE and COOP_PORT_BASE as here; run it with RateLimits__PerCallerPerSecond=0, since the
# races come from one caller), else it starts a throwaway run of its own for its length, on ports of its own:
#   COOP_FAULTS_PORT_BASE (15300: its gateway on 15380), COOP_FAULTS_PG_PORT (25452), COOP_FAULTS_AMQP_PORT (21712),
#   COOP_FAULTS_RABBIT_NODE (coop-faults@localhost), COOP_INSTANCES (2), and a COOP_DATA deleted afterwards.
# Its writes are draft agreements titled "Faults ..." by BY-VI with CN-HL. All traffic stays on loopback.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

source deploy/background-run.sh
port_of() { if [ -n "${COOP_PORT_BASE:-}" ]; then echo $((COOP_PORT_BASE + $1 % 100)); else echo "$1"; fi; }

throwaway=""
stop() {
  stop_run
  if [ -n "$throwaway" ]; then rm -rf "$throwaway"; fi
}
trap stop EXIT
trap 'exit 130' INT TERM

own=0 args=()
for arg in "$@"; do if [ "$arg" = --throwaway ]; then own=1; else args+=("$arg"); fi; done

if [ "$own" = 1 ] || ! answers "$(port_of 8080)"; then
  throwaway=$(mktemp -d "${TMPDIR:-/tmp}/cooperation-faults.XXXXXX")
  export COOP_DATA=$throwaway COOP_PORT_BASE=${COOP_FAULTS_PORT_BASE:-15300} COOP_PG_PORT=${COOP_FAULTS_PG_PORT:-25452}
  export COOP_AMQP_PORT=${COOP_FAULTS_AMQP_PORT:-21712} COOP_RABBIT_NODE=${COOP_FAULTS_RABBIT_NODE:-coop-faults@localhost}
  # PostgreSQL keeps its durable defaults even here (deploy/test.sh's cluster turns them off): a crash loses no
  # acknowledged commit only where fsync and synchronous_commit are on, and that is what the suite checks.
  export COOP_INSTANCES=${COOP_INSTANCES:-2} COOP_PG_THROWAWAY=0 RateLimits__PerCallerPerSecond=0
  # Its own run, deleted afterwards: the restore's rehearsal may delete its data folder.
  export COOP_FAULTS_THROWAWAY=1
  # deploy/test.sh has just built the solution, and its short form needs no demo data.
  [ -n "${COOP_FAULTS_BUILT:-}" ] && export COOP_BUILD=0 COOP_DEMO_DATA=0
  answers "$(port_of 8080)" && { echo "faults: port $(port_of 8080) is taken; set COOP_FAULTS_PORT_BASE" >&2; exit 1; }
  echo "faults: starting a throwaway deploy/run.sh (gateway :$(port_of 8080), log: $COOP_DATA/run.log)" >&2
  start_run faults "$COOP_DATA/run.log"
else
  echo "faults: using the run that answers on :$(port_of 8080)" >&2
  export COOP_DATA=${COOP_DATA:-$root/.data}
  dotnet build deploy/Cooperation.Faults -c Release -nologo -clp:ErrorsOnly
fi
eval "$(deploy/infra.sh env)"

agreements=$(port_of 5101) instances=${COOP_INSTANCES:-0}
if [ -z "$throwaway" ]; then  # the run's instances: as many as answer
  instances=0
  while (( instances < 9 )) && answers $((agreements + 10 * instances)); do instances=$((instances + 1)); done
fi
dotnet deploy/Cooperation.Faults/bin/Release/net10.0/Cooperation.Faults.dll --gateway "http://127.0.0.1:$(port_of 8080)" \
  --agreements-port "$agreements" --instances "$instances" --root "$root" "${args[@]}"
