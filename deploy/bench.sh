#!/usr/bin/env bash
# The project's benchmark. Uses the local run if one answers on :8080, else starts deploy/run.sh for the length of the
# benchmark; warms the write path up (unmeasured), measures pgbench's append on a scratch database of the same server
# (before and after), writes at c=1, 8 and 32 through the gateway and directly, reads, ?asOf, a rebuild, the lag from
# commit to cooperation.events, memory and CPU per process, and every process's CPU per write until the consumers have
# caught up; prints one table and writes the figures as JSON under .data/bench/.
#   deploy/bench.sh           the full run (about 10 minutes): the figures in deploy/Cooperation.Bench/README.md
#   deploy/bench.sh --quick   a few seconds per step, to check that the benchmark works
#   deploy/bench.sh --data N  the reads at the run's size and again after about N more events (the demo data's records
#                             written again under other regions and years), side by side with the ratio;
#                             --regions A,B,... for committees other than the seven Belarusian ones
# Its writes are draft agreements titled "Bench ..." in the run's data. All traffic stays on loopback.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export COOP_DATA=${COOP_DATA:-$root/.data}
deploy/tools.sh wrk
eval "$(deploy/infra.sh env)"

# The run's ports: the gateway's 8080 and the Agreements service's 5101, moved above COOP_PORT_BASE as deploy/run.sh moves them.
port_of() { if [ -n "${COOP_PORT_BASE:-}" ]; then echo $((COOP_PORT_BASE + $1 % 100)); else echo "$1"; fi; }
gateway=$(port_of 8080) direct=$(port_of 5101)

source deploy/background-run.sh
trap stop_run EXIT
trap 'exit 130' INT TERM

if answers "$gateway"; then
  echo "bench: using the run that answers on :$gateway (its gateway's rate limits, if on, bound the figures through it)"
  dotnet build deploy/Cooperation.Bench -c Release -nologo -clp:ErrorsOnly
else
  echo "bench: starting deploy/run.sh (log: $COOP_DATA/logs/bench-run.log)"
  mkdir -p "$COOP_DATA/logs"
  # The load comes from one caller: the gateway's per-caller rate limit would measure itself, not the system.
  RateLimits__PerCallerPerSecond=0 start_run bench "$COOP_DATA/logs/bench-run.log"
fi

out="$COOP_DATA/bench/bench-$(date -u +%Y%m%dT%H%M%SZ).json"
dotnet deploy/Cooperation.Bench/bin/Release/net10.0/Cooperation.Bench.dll \
  --gateway "http://127.0.0.1:$gateway" --direct "http://127.0.0.1:$direct" --out "$out" \
  --root "$root" --postmaster-pid-file "$COOP_DATA/postgres/data/postmaster.pid" "$@"
