# PostgreSQL: the primary cluster's binaries and OS user, its initialisation and settings (coop.conf),
# and starting and stopping it.
# shellcheck shell=bash

# The PostgreSQL binaries dir: pg_ctl on PATH is a symlink into it; psql/pg_isready live only there.
PG_BIN="/usr/lib/postgresql/15/bin"
if command -v pg_ctl >/dev/null 2>&1; then
  PG_BIN="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
fi

# PostgreSQL refuses to run as root, so as root we run it as `nobody`.
if [[ $EUID -eq 0 ]]; then PG_OS_USER="nobody"; else PG_OS_USER=""; fi

# Run a command as the PostgreSQL OS user (cd / avoids "cannot access cwd" warnings as nobody).
as_pg() {
  if [[ -n "$PG_OS_USER" ]]; then
    (cd / && runuser -u "$PG_OS_USER" -- "$@")
  else
    "$@"
  fi
}

pg_running() {
  [[ -f "$PGDATA_DIR/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" status -D "$PGDATA_DIR" >/dev/null 2>&1
}

# The primary's port: COOP_PG_PORT, or with a standby whichever of the two nodes is the primary now (ha_primary sets it).
PG_PRIMARY_PORT="$COOP_PG_PORT"

pg_ready() {
  if [[ "$COOP_PG_STANDBY" == "1" ]]; then ha_primary; return; fi
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$COOP_PG_PORT" -U "$PG_USER" -d postgres
}

pg_psql() {  # extra psql args...
  PGPASSWORD="$(secret "postgres-$PG_USER")" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PRIMARY_PORT" -U "$PG_USER" "$@"
}


pg_init() {
  [[ -x "$PG_BIN/initdb" ]] || die "PostgreSQL 15 binaries not found in $PG_BIN"
  mkdir -p "$PG_DIR"
  if [[ -n "$PG_OS_USER" ]]; then
    # nobody must be able to traverse COOP_DATA (mktemp -d creates it 0700).
    chmod o+x "$COOP_DATA"
    chown "$PG_OS_USER:" "$PG_DIR"
    as_pg test -w "$PG_DIR" || die "user $PG_OS_USER cannot write $PG_DIR; make its parent folders traversable (chmod o+x)"
  fi
  as_pg mkdir -p "$PG_SOCKET_DIR"
  if [[ ! -f "$PGDATA_DIR/PG_VERSION" ]]; then
    log "initializing PostgreSQL cluster in $PGDATA_DIR"
    # The superuser's password goes in through a file only the PostgreSQL OS user reads, removed at once.
    local pwfile="$PG_DIR/initdb.pw"
    secret "postgres-$PG_USER" | as_pg sh -c "umask 077 && cat > '$pwfile'"
    as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U "$PG_USER" --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C \
      >"$COOP_DATA/initdb.log" 2>&1 || { as_pg rm -f "$pwfile"; die "initdb failed, see $COOP_DATA/initdb.log"; }
    as_pg rm -f "$pwfile"
    # Our settings live in an included file that is rewritten on every start (ports/paths follow the knobs).
    as_pg sh -c "echo \"include_if_exists = 'coop.conf'\" >> '$PGDATA_DIR/postgresql.conf'"
  fi
  pg_conf "$PGDATA_DIR" "$COOP_PG_PORT" "$PG_SOCKET_DIR"
}

# Our settings for a cluster (coop.conf, included by its postgresql.conf after pg_auto_failover's own file, so ours win),
# rewritten on every start: ports and paths follow the knobs.
pg_conf() {  # data folder, port, socket folder
  as_pg tee "$1/coop.conf" >/dev/null <<EOF
# Written by deploy/infra.sh on every start; edits here are overwritten.
listen_addresses = '127.0.0.1'
port = $2
unix_socket_directories = '$3'
max_connections = 200
password_encryption = 'scram-sha-256'
# The daemon waits for any gap in the event sequence that an open transaction could still fill; one left open and idle
# (a forgotten BEGIN in psql) is ended after this long, so it cannot hold publication back for longer.
idle_in_transaction_session_timeout = '5min'
# What each statement costs, for the operator and the benchmark (deploy/bench.sh): pg_stat_statements, in the server package.
shared_preload_libraries = 'pg_stat_statements'
EOF
  bk_settings "$1" | as_pg tee -a "$1/coop.conf" >/dev/null
  [[ "$COOP_PG_STANDBY" == "1" ]] && ha_settings | as_pg tee -a "$1/coop.conf" >/dev/null
  if [[ "$COOP_PG_THROWAWAY" == "1" ]]; then
    # A cluster deleted after the run (deploy/test.sh) may lose its last commits in a crash; any other keeps
    # PostgreSQL's durable defaults: a commit is acknowledged only once its WAL is on disk.
    echo "fsync = off" | as_pg tee -a "$1/coop.conf" >/dev/null
    # With a standby, a commit still waits for it (that wait is what the standby is for), and pg_rewind needs full pages.
    [[ "$COOP_PG_STANDBY" == "1" ]] || printf 'full_page_writes = off\nsynchronous_commit = off\n' | as_pg tee -a "$1/coop.conf" >/dev/null
  fi
  return 0
}

pg_up() {
  if [[ "$COOP_PG_STANDBY" == "1" ]]; then ha_up; else pg_up_alone; fi
  pg_require_passwords
  if [[ "$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]]; then
    log "creating database $PG_DB"
    pg_psql -d postgres -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
  fi
  pg_provision
  bk_up
  return 0
}

# The primary alone (no COOP_PG_STANDBY), started by pg_ctl.
pg_up_alone() {
  local deadline=$((SECONDS + COOP_TIMEOUT))
  # A postmaster that is still starting, or that just died and is not yet reaped,
  # looks "running" but does not answer: wait until it is one or the other.
  while pg_running && ! pg_ready; do
    (( SECONDS < deadline )) || die "PostgreSQL is running but not answering on 127.0.0.1:$COOP_PG_PORT, see $PG_LOG"
    sleep 0.5
  done
  if pg_running; then
    log "PostgreSQL already running"
  else
    port_open "$COOP_PG_PORT" && die "port $COOP_PG_PORT is already in use by something else (set COOP_PG_PORT)"
    pg_init
    log "starting PostgreSQL on 127.0.0.1:$COOP_PG_PORT (log: $PG_LOG)"
    # -w waits until the server accepts connections (or fails / times out).
    as_pg "$PG_BIN/pg_ctl" start -D "$PGDATA_DIR" -l "$PG_LOG" -w -t "$COOP_TIMEOUT" >/dev/null \
      || { tail -n 20 "$PG_LOG" >&2 || true; die "PostgreSQL did not start, see $PG_LOG"; }
  fi
  until pg_ready; do
    (( SECONDS < deadline )) || die "PostgreSQL not answering on 127.0.0.1:$COOP_PG_PORT after ${COOP_TIMEOUT}s, see $PG_LOG"
    sleep 0.5
  done
}


pg_down() {
  if [[ "$COOP_PG_STANDBY" == "1" ]]; then ha_down; return; fi
  if pg_running; then
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w -t "$COOP_TIMEOUT" >/dev/null
  fi
}
