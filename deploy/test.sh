#!/usr/bin/env bash
# The README's test command: throwaway PostgreSQL and RabbitMQ, the whole suite, the fault suite's short form
# (deploy/faults.sh --short, on a throwaway highly available run of its own), then everything stopped again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

export COOP_DATA=$(mktemp -d "${TMPDIR:-/tmp}/cooperation-test.XXXXXX")
export COOP_PG_PORT=${COOP_TEST_PG_PORT:-25442}
export COOP_AMQP_PORT=${COOP_TEST_AMQP_PORT:-21682}
export COOP_RABBIT_NODE=${COOP_TEST_RABBIT_NODE:-coop-test@localhost}
export COOP_TEST_HTTP_BASE=${COOP_TEST_HTTP_BASE:-15100}  # services at base+1.., the gateway at base+80
export COOP_PG_THROWAWAY=1  # this cluster is deleted afterwards, so it may skip fsync; the run command's never does
chmod 755 "$COOP_DATA"  # PostgreSQL may run as another user and needs to reach its folder inside

cleanup() {
  deploy/infra.sh down || true
  rm -rf "$COOP_DATA"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
# npm builds the dashboard's page; the browser test drives Debian's Chromium. Installed first: apt allows one at a time.
deploy/tools.sh nuget node chromium wrk pgbackrest autofailover
# The page's lockfile must install unchanged with the npm found here (npm 9, 10 and 11 read it alike).
if ! (cd services/Dashboard/ClientApp && npm ci --dry-run --no-audit --no-fund --loglevel=error > "$COOP_DATA/npm-check.log" 2>&1); then
  grep -E '^npm (error|ERR!)' "$COOP_DATA/npm-check.log" | head -n 8 >&2
  cat >&2 <<MSG
services/Dashboard/ClientApp/package-lock.json does not install with npm $(npm --version).
Regenerate it, keeping every platform's optional packages, and check it with the oldest npm we support:
  cd services/Dashboard/ClientApp && npm install --package-lock-only --no-audit --no-fund
  rm -rf node_modules && npx -y npm@9.2.0 ci && npx -y npm@11 ci && git status --short
MSG
  exit 1
fi
# The contract tests' Spectral and Prism, from their lockfile (npm is there now).
deploy/tools.sh contract
# Infrastructure boots while the solution builds: both take a while, and mostly not on the same resource.
deploy/infra.sh up > "$COOP_DATA/infra-up.log" 2>&1 &
infra=$!
dotnet build Cooperation.sln -c Release -nologo -clp:ErrorsOnly
if ! wait "$infra"; then cat "$COOP_DATA/infra-up.log"; exit 1; fi
eval "$(deploy/infra.sh env)"

status=0
dotnet test --solution Cooperation.sln -c Release --no-build 2>&1 | tee "$COOP_DATA/test.log" || status=$?

# The fault suite's short form, on a throwaway run of its own with data of its own, on the suite's ports (never the run
# command's): the suite's hosts have ended, and its infrastructure is stopped first. It runs as COOP_HA=1 runs: three
# broker nodes, a PostgreSQL primary with a synchronous standby failed over by pg_auto_failover and two instances of every
# service, so that a broker node's kill -9, a switchover and the kill -9 of the primary's node (the standby promoted with
# no command typed) are among its faults (the suite's own single-node settings, exported above, are dropped for it).
faults=skipped
if [ "$status" -eq 0 ]; then
  faults=ok
  deploy/infra.sh down > "$COOP_DATA/infra-down.log" 2>&1
  env -u COOP_RABBIT_NODES -u COOP_PG_STANDBY COOP_HA=1 COOP_FAULTS_BUILT=1 COOP_FAULTS_PORT_BASE=$COOP_TEST_HTTP_BASE COOP_FAULTS_PG_PORT=$COOP_PG_PORT COOP_FAULTS_AMQP_PORT=$COOP_AMQP_PORT \
    COOP_FAULTS_RABBIT_NODE=$COOP_RABBIT_NODE deploy/faults.sh --throwaway --short || { status=$?; faults=failed; }
fi

passed=$(grep -E '^\s+succeeded: [0-9]+' "$COOP_DATA/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s+failed: [0-9]+' "$COOP_DATA/test.log" | awk '{s+=$2} END {print s+0}')
echo "Suite time: $(( $(date +%s) - started )) s"
echo "Faults (short): $faults"
echo "Tests: $passed passed, $failed failed"
if [ "$passed" -eq 0 ]; then echo "No test ran." >&2; exit 1; fi
exit $status
