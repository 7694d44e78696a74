#!/usr/bin/env bash
# Installs, with Debian's apt, the tools the build and the tests need beyond the .NET SDK and PostgreSQL:
#   deploy/tools.sh node       Node.js and npm, which build the dashboard's page (services/Dashboard/ClientApp)
#   deploy/tools.sh chromium   Chromium, which the browser test drives through Playwright
#   deploy/tools.sh wrk        wrk, the HTTP load generator of the benchmark (deploy/bench.sh)
#   deploy/tools.sh pgbackrest pgBackRest, which archives PostgreSQL's WAL and makes and restores its backups (deploy/infra/backups.sh)
#   deploy/tools.sh autofailover  pg_auto_failover (pg_autoctl and its monitor's extension), which fails the PostgreSQL primary
#                              over to its standby under COOP_HA=1 (deploy/infra/postgres-ha.sh)
#   deploy/tools.sh contract   Spectral and Prism (tests/contract/package-lock.json), which the contract tests run on the
#                              gateway's OpenAPI document; needs npm (deploy/tools.sh node first)
#   deploy/tools.sh nuget      drops a cached empty stand-in of Patched.DistributedLock.Postgres that older checkouts
#                              built; the real package (the daemon's leader election needs its code) is then restored
# Only what is missing is installed; as root directly, otherwise through sudo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

packages=()
for tool in "$@"; do
  case "$tool" in
    node) command -v npm >/dev/null 2>&1 || packages+=(nodejs npm) ;;
    chromium) command -v chromium >/dev/null 2>&1 || packages+=(chromium fonts-liberation) ;;
    wrk) command -v wrk >/dev/null 2>&1 || packages+=(wrk) ;;
    pgbackrest)  # and jq, which reads its listing
      command -v pgbackrest >/dev/null 2>&1 || packages+=(pgbackrest)
      command -v jq >/dev/null 2>&1 || packages+=(jq) ;;
    autofailover) { command -v pg_autoctl && [ -f /usr/lib/postgresql/15/lib/pgautofailover.so ]; } >/dev/null 2>&1 || packages+=(postgresql-15-auto-failover) ;;
    contract)
      if [ ! -x "$root/tests/contract/node_modules/.bin/prism" ] || [ "$root/tests/contract/package-lock.json" -nt "$root/tests/contract/node_modules/.package-lock.json" ]; then
        echo "tools: installing tests/contract (npm ci)" >&2
        (cd "$root/tests/contract" && npm ci --no-audit --no-fund --loglevel=error >&2)
      fi ;;
    nuget)
      cached="${NUGET_PACKAGES:-$HOME/.nuget/packages}/patched.distributedlock.postgres/1.3.3"
      if [ -d "$cached" ] && [ ! -d "$cached/lib" ]; then echo "tools: removing the stand-in $cached" >&2; rm -rf "$cached"; fi ;;
    *) echo "tools: unknown tool '$tool'" >&2; exit 2 ;;
  esac
done
[ ${#packages[@]} -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "tools: ${packages[*]} missing and sudo is not available; as root: apt-get install -y ${packages[*]}" >&2; exit 1; }
  sudo=(sudo)
fi
echo "tools: installing ${packages[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >&2
