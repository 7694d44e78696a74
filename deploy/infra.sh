#!/usr/bin/env bash
# Throwaway local infrastructure for development and tests:
# a PostgreSQL 15 cluster and a RabbitMQ 3.10 node, loopback only,
# with all data, logs and sockets under one project-local folder.
#
# Usage:
#   deploy/infra.sh up      # install rabbitmq-server if missing, init (first time), start both, wait until ready
#   deploy/infra.sh down    # stop both, kill our epmd; safe when nothing runs
#   deploy/infra.sh status  # exit 0 if both answer
#   deploy/infra.sh env     # print `export` lines (connection strings with their passwords); use: eval "$(deploy/infra.sh env)"
#   deploy/infra.sh failover        # promote the PostgreSQL standby once the primary is gone (COOP_HA=1)
#   deploy/infra.sh kill-node N     # kill -9 RabbitMQ node N (1-based), for fault tests; `up` starts it again
#   deploy/infra.sh broker-stop|broker-start  # stop / start the broker's AMQP side, for fault tests
#   deploy/infra.sh pg-stop|pg-start          # stop / start the PostgreSQL primary, for fault tests
#   deploy/infra.sh pg-stop immediate         # stop it as a crash would (pg_ctl -m immediate: no checkpoint, recovery on start)
#
# Knobs (environment variables):
#   COOP_DATA         data folder              (default: <repo root>/.data)
#   COOP_PG_PORT      PostgreSQL TCP port      (default: 25432)
#   COOP_AMQP_PORT    RabbitMQ AMQP port       (default: 21672)
#   COOP_RABBIT_NODE  Erlang node name         (default: coop@localhost)
#   COOP_TIMEOUT      readiness timeout, s     (default: 90)
#   COOP_PG_THROWAWAY 1: fsync and synchronous commit off, for a cluster deleted after use (default: 0)
#   COOP_HA           1: three RabbitMQ nodes in one cluster, and a synchronous PostgreSQL standby (default: 0)
#   COOP_RABBIT_NODES number of RabbitMQ nodes (default: 3 with COOP_HA=1, else 1); node N listens on AMQP + 100*(N-1)
#   COOP_PG_STANDBY   1: a streaming standby on COOP_PG_PORT + 1, synchronous (default: COOP_HA)
# Ports derived from COOP_AMQP_PORT (override if they clash with something):
#   COOP_RABBIT_DIST_PORT  Erlang distribution port   (default: AMQP + 1000)
#   COOP_EPMD_PORT         our private epmd           (default: AMQP + 2000)
#   CLI tools' distribution ports                      (AMQP + 3000 .. AMQP + 3010)
#
# Nothing is trusted: every PostgreSQL connection authenticates with a password (SCRAM-SHA-256), each service logs in as
# a role of its own that owns its schema and nothing else, and the broker has no guest, only a user per service (allowed
# the exchanges and queues that service uses), a reader for outside clients and the operator's administrator. The
# passwords are made on first use under $COOP_DATA/secrets/ (mode 0600); `up` brings an older data folder (trust, guest)
# to this state, and running it again changes nothing.
#
# Running a second, independent instance (e.g. for tests) only needs a
# different COOP_DATA, COOP_PG_PORT and COOP_AMQP_PORT. The defaults sit below Linux's ephemeral range
# (32768-60999), so that no outgoing connection can hold a port a server is about to listen on.
set -euo pipefail

# A closed output (run.sh | tee, then Ctrl-C) must not stop a shutdown halfway.
log() { echo "infra: $*" >&2 2>/dev/null || true; }
die() { echo "infra: ERROR: $*" >&2; exit 1; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Absolute path: we cd elsewhere and run commands as another user.
COOP_DATA="$(realpath -m "${COOP_DATA:-$REPO_ROOT/.data}")"
COOP_PG_PORT="${COOP_PG_PORT:-25432}"
COOP_AMQP_PORT="${COOP_AMQP_PORT:-21672}"
COOP_RABBIT_NODE="${COOP_RABBIT_NODE:-coop@localhost}"
COOP_TIMEOUT="${COOP_TIMEOUT:-90}"
COOP_PG_THROWAWAY="${COOP_PG_THROWAWAY:-0}"
COOP_HA="${COOP_HA:-0}"
COOP_RABBIT_NODES="${COOP_RABBIT_NODES:-$([[ "$COOP_HA" == "1" ]] && echo 3 || echo 1)}"
COOP_PG_STANDBY="${COOP_PG_STANDBY:-$COOP_HA}"
[[ "$COOP_RABBIT_NODES" =~ ^[1-9]$ ]] || die "COOP_RABBIT_NODES=$COOP_RABBIT_NODES is not a number of nodes (1-9)"
# Validate before the arithmetic below (bash would treat "abc" as a variable name).
[[ "$COOP_AMQP_PORT" =~ ^[0-9]+$ ]] || die "COOP_AMQP_PORT=$COOP_AMQP_PORT is not a number"
[[ "$COOP_TIMEOUT" =~ ^[0-9]+$ ]] || die "COOP_TIMEOUT=$COOP_TIMEOUT is not a number of seconds"
COOP_RABBIT_DIST_PORT="${COOP_RABBIT_DIST_PORT:-$((COOP_AMQP_PORT + 1000))}"
COOP_EPMD_PORT="${COOP_EPMD_PORT:-$((COOP_AMQP_PORT + 2000))}"
CTL_DIST_PORT_MIN=$((COOP_AMQP_PORT + 3000))
CTL_DIST_PORT_MAX=$((COOP_AMQP_PORT + 3010))

PG_DIR="$COOP_DATA/postgres"     # container folder, owned by the PostgreSQL OS user
PGDATA_DIR="$PG_DIR/data"        # the cluster itself (initdb target)
PG_SOCKET_DIR="$PG_DIR/run"      # unix socket + lock file
PG_LOG="$PG_DIR/postgres.log"
PG_DB="cooperation"
PG_USER="cooperation"            # the cluster's superuser: the operator's role (backups, migrations, audits of the store)

# The services and what each may do. Each has a PostgreSQL role of its name owning the schema of its name, and a broker
# user of its name; on the broker it publishes the events of Cooperation.Contracts.<publishes> ("-": none) and consumes
# from the MassTransit endpoints (queues) listed.
# service     publishes     queues
SERVICES=(
  "agreements  Agreements   register-visit-document complete-plan-item-for-visit"
  "delegations Delegations  delegations-follow-agreements"
  "trade       Trade        trade-follow-agreements"
  "dashboard   -            dashboard-log"
)
RMQ_ADMIN="cooperation"          # the broker's administrator: the operator's user
RMQ_READER="reader"              # outside clients: their own reader.* queues on cooperation.events, and replay.* queues

SECRETS_DIR="$COOP_DATA/secrets"

# The standby (COOP_PG_STANDBY=1): a copy of the primary kept up to date by streaming replication, promoted by `failover`.
PGS_DIR="$COOP_DATA/postgres-standby"
PGS_DATA_DIR="$PGS_DIR/data"
PGS_PORT=$((COOP_PG_PORT + 1))
PGS_LOG="$PGS_DIR/postgres.log"
PG_FAILED_OVER="$COOP_DATA/postgres-failed-over"   # written by `failover`: the old primary stays down from then on

# Node 1 of the broker keeps the names and ports above; node N (COOP_RABBIT_NODES > 1) takes its own name, ports 100*(N-1)
# higher and a folder of its own, and joins node 1's cluster. rmq_select N points the functions below at node N.
RMQ_FIRST_NODE="$COOP_RABBIT_NODE"
RMQ_FIRST_AMQP_PORT="$COOP_AMQP_PORT"
RMQ_FIRST_DIST_PORT="$COOP_RABBIT_DIST_PORT"
rmq_select() {
  local n=$1
  if (( n == 1 )); then
    COOP_RABBIT_NODE="$RMQ_FIRST_NODE"; RMQ_DIR="$COOP_DATA/rabbitmq"
  else
    COOP_RABBIT_NODE="${RMQ_FIRST_NODE%@*}-$n@${RMQ_FIRST_NODE#*@}"; RMQ_DIR="$COOP_DATA/rabbitmq-$n"
  fi
  COOP_AMQP_PORT=$((RMQ_FIRST_AMQP_PORT + 100 * (n - 1)))
  COOP_RABBIT_DIST_PORT=$((RMQ_FIRST_DIST_PORT + 100 * (n - 1)))
  RMQ_LOG_DIR="$RMQ_DIR/log"
  RMQ_LOG="$RMQ_LOG_DIR/rabbit.log"
  RMQ_STARTUP_LOG="$RMQ_LOG_DIR/startup.log"   # stdout/stderr of the server start script
  RMQ_PID_FILE="$RMQ_DIR/rabbit.pid"
}
rmq_select 1
# The real start scripts; /usr/sbin/rabbitmq-* are Debian wrappers that switch to the `rabbitmq` user.
RMQ_SBIN="/usr/lib/rabbitmq/bin"

# ---------------------------------------------------------------- checks

check_port_number() {  # name value
  if ! [[ "$2" =~ ^[0-9]+$ ]] || (( $2 < 1 || $2 > 65535 )); then
    die "$1=$2 is not a valid TCP port (derived ports must stay below 65536)"
  fi
}

check_ports() {
  check_port_number COOP_PG_PORT "$COOP_PG_PORT"
  check_port_number COOP_AMQP_PORT "$COOP_AMQP_PORT"
  check_port_number COOP_RABBIT_DIST_PORT "$COOP_RABBIT_DIST_PORT"
  check_port_number COOP_EPMD_PORT "$COOP_EPMD_PORT"
  check_port_number "CLI dist port (COOP_AMQP_PORT+3010)" "$CTL_DIST_PORT_MAX"
}

# True if something accepts TCP connections on 127.0.0.1:port.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# The password kept in $SECRETS_DIR/<name>, made the first time it is asked for: 40 letters and digits (no character
# that needs escaping in a connection string or a URL), readable by its owner only.
secret() {  # name
  local file="$SECRETS_DIR/$1"
  if [[ ! -s "$file" ]]; then
    (umask 077 && mkdir -p "$SECRETS_DIR" && head -c 30 /dev/urandom | base64 -w0 | tr '+/' 'xy' > "$file.new" && mv "$file.new" "$file") \
      || die "cannot write $file"
  fi
  cat "$file"
}

service_names() { local line; for line in "${SERVICES[@]}"; do echo "${line%% *}"; done; }

# ---------------------------------------------------------------- PostgreSQL

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

pg_ready() {
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$COOP_PG_PORT" -U "$PG_USER" -d postgres
}

pg_psql() {  # extra psql args...
  PGPASSWORD="$(secret "postgres-$PG_USER")" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$COOP_PG_PORT" -U "$PG_USER" "$@"
}

# Who may connect, and how: a password (SCRAM-SHA-256) on every connection, the socket's as well as loopback's.
pg_hba_write() {  # data folder
  as_pg tee "$1/pg_hba.conf" >/dev/null <<EOF
# Written by deploy/infra.sh on every start; edits here are overwritten. Nothing is trusted: every connection gives a password.
# TYPE  DATABASE     USER      ADDRESS       METHOD
local   all          all                     scram-sha-256
host    all          all       127.0.0.1/32  scram-sha-256
local   replication  $PG_USER                scram-sha-256
host    replication  $PG_USER  127.0.0.1/32  scram-sha-256
EOF
}

# A cluster made by an earlier version trusted every local connection: while it still does, the operator's role gets its
# password; from then on only passwords are accepted. Run on every start; the second time it changes nothing.
pg_require_passwords() {
  if as_pg grep -Eq '^[^#]*[[:space:]]trust([[:space:]]|$)' "$PGDATA_DIR/pg_hba.conf"; then
    log "PostgreSQL trusted local connections: giving $PG_USER its password and requiring passwords from now on"
    pg_psql -d postgres <<EOF
ALTER ROLE $PG_USER PASSWORD '$(secret "postgres-$PG_USER")';
EOF
  fi
  pg_hba_write "$PGDATA_DIR"
  as_pg "$PG_BIN/pg_ctl" reload -D "$PGDATA_DIR" >/dev/null
}

# Each service's role: it logs in with its password, owns its schema and everything in it (an earlier version's objects,
# made by the operator's role, are handed over), and has no right in any other schema; nobody may create in `public`.
# Marten creates and alters its tables and functions in the service's schema at start and takes advisory locks (open to
# every role); it needs nothing more. Run on every start; the second time it changes nothing.
pg_provision() {
  local service roles=()
  for service in $(service_names); do roles+=("$service"); done
  {
    echo "SET client_min_messages = warning;"
    for service in "${roles[@]}"; do
      cat <<EOF
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$service') THEN CREATE ROLE $service; END IF;
END \$\$;
ALTER ROLE $service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$(secret "postgres-$service")';
CREATE SCHEMA IF NOT EXISTS $service AUTHORIZATION $service;
ALTER SCHEMA $service OWNER TO $service;
DO \$\$ DECLARE o record; BEGIN
  -- Tables first: the sequences and types a table owns go with it.
  FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
           WHERE c.relnamespace = '$service'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> '$service'::regrole LOOP
    EXECUTE format('ALTER %s %s OWNER TO $service',
      CASE o.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, o.name);
  END LOOP;
  FOR o IN SELECT c.oid::regclass AS name FROM pg_class c
           WHERE c.relnamespace = '$service'::regnamespace AND c.relkind = 'S' AND c.relowner <> '$service'::regrole LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO $service', o.name);
  END LOOP;
  FOR o IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p
           WHERE p.pronamespace = '$service'::regnamespace AND p.proowner <> '$service'::regrole LOOP
    EXECUTE format('ALTER %s %s OWNER TO $service', CASE o.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'ROUTINE' END, o.name);
  END LOOP;
  FOR o IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
           WHERE t.typnamespace = '$service'::regnamespace AND t.typtype IN ('e', 'd', 'r') AND t.typowner <> '$service'::regrole LOOP
    EXECUTE format('ALTER %s %s OWNER TO $service', CASE o.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, o.name);
  END LOOP;
END \$\$;
EOF
    done
    cat <<EOF
REVOKE ALL ON DATABASE $PG_DB FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $PG_DB TO $(IFS=,; echo "${roles[*]}");
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EOF
  } | pg_psql -d "$PG_DB" || die "could not set up the services' roles in PostgreSQL, see $PG_LOG"
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
  as_pg tee "$PGDATA_DIR/coop.conf" >/dev/null <<EOF
# Written by deploy/infra.sh on every start; edits here are overwritten.
listen_addresses = '127.0.0.1'
port = $COOP_PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
password_encryption = 'scram-sha-256'
# The daemon waits for any gap in the event sequence that an open transaction could still fill; one left open and idle
# (a forgotten BEGIN in psql) is ended after this long, so it cannot hold publication back for longer.
idle_in_transaction_session_timeout = '5min'
# What each statement costs, for the operator and the benchmark (deploy/bench.sh): pg_stat_statements, in the server package.
shared_preload_libraries = 'pg_stat_statements'
EOF
  if [[ "$COOP_PG_THROWAWAY" == "1" ]]; then
    # A cluster deleted after the run (deploy/test.sh) may lose its last commits in a crash; any other keeps
    # PostgreSQL's durable defaults: a commit is acknowledged only once its WAL is on disk.
    as_pg tee -a "$PGDATA_DIR/coop.conf" >/dev/null <<EOF
fsync = off
full_page_writes = off
EOF
    # With a standby, a commit still waits for it: that wait is what the standby is for.
    [[ "$COOP_PG_STANDBY" == "1" ]] || echo "synchronous_commit = off" | as_pg tee -a "$PGDATA_DIR/coop.conf" >/dev/null
  fi
}

pg_up() {
  if [[ -f "$PG_FAILED_OVER" ]]; then
    log "PostgreSQL failed over to the standby on 127.0.0.1:$PGS_PORT; the old primary stays down (see $PG_FAILED_OVER)"
    pgs_start
    return
  fi
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
  pg_require_passwords
  if [[ "$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]]; then
    log "creating database $PG_DB"
    pg_psql -d postgres -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
  fi
  pg_provision
  [[ "$COOP_PG_STANDBY" == "1" ]] && pgs_up
  return 0
}

# The standby: seeded from the primary once, then streaming; the primary waits for it on every commit
# (synchronous_standby_names), so an acknowledged write is on both before the client hears of it.
pgs_up() {
  if [[ ! -f "$PGS_DATA_DIR/PG_VERSION" ]]; then
    log "seeding the PostgreSQL standby in $PGS_DATA_DIR from the primary"
    mkdir -p "$PGS_DIR"
    [[ -n "$PG_OS_USER" ]] && chown "$PG_OS_USER:" "$PGS_DIR"
    PGPASSWORD="$(secret "postgres-$PG_USER")" as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$COOP_PG_PORT" -U "$PG_USER" -D "$PGS_DATA_DIR" -X stream -c fast \
      >"$PGS_DIR/basebackup.log" 2>&1 || die "pg_basebackup failed, see $PGS_DIR/basebackup.log"
    as_pg touch "$PGS_DATA_DIR/standby.signal"
  fi
  pgs_start
  # Only once the standby streams does the primary wait for it: before that, no commit could complete.
  grep -q "^synchronous_standby_names" "$PGDATA_DIR/coop.conf" \
    || echo "synchronous_standby_names = 'standby'" | as_pg tee -a "$PGDATA_DIR/coop.conf" >/dev/null
  as_pg "$PG_BIN/pg_ctl" reload -D "$PGDATA_DIR" >/dev/null
  local deadline=$((SECONDS + COOP_TIMEOUT))
  until [[ "$(pg_psql -d postgres -tAc "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'")" == "sync" ]]; do
    (( SECONDS < deadline )) || die "the standby is not streaming synchronously after ${COOP_TIMEOUT}s, see $PGS_LOG"
    sleep 0.5
  done
  log "PostgreSQL standby streaming synchronously on 127.0.0.1:$PGS_PORT"
}

pgs_start() {
  as_pg mkdir -p "$PGS_DIR/run"
  as_pg tee "$PGS_DATA_DIR/coop.conf" >/dev/null <<EOF
# Written by deploy/infra.sh on every start; edits here are overwritten.
listen_addresses = '127.0.0.1'
port = $PGS_PORT
unix_socket_directories = '$PGS_DIR/run'
max_connections = 200
hot_standby = on
# As on the primary: once promoted, it counts statements as the primary did.
shared_preload_libraries = 'pg_stat_statements'
primary_conninfo = 'host=127.0.0.1 port=$COOP_PG_PORT user=$PG_USER password=$(secret "postgres-$PG_USER") application_name=standby'
EOF
  pg_hba_write "$PGS_DATA_DIR"
  if as_pg "$PG_BIN/pg_ctl" status -D "$PGS_DATA_DIR" >/dev/null 2>&1; then return 0; fi
  port_open "$PGS_PORT" && die "port $PGS_PORT (the standby: COOP_PG_PORT + 1) is already in use"
  as_pg "$PG_BIN/pg_ctl" start -D "$PGS_DATA_DIR" -l "$PGS_LOG" -w -t "$COOP_TIMEOUT" >/dev/null \
    || { tail -n 20 "$PGS_LOG" >&2 || true; die "the PostgreSQL standby did not start, see $PGS_LOG"; }
}

pgs_down() {
  if [[ -f "$PGS_DATA_DIR/PG_VERSION" ]] && as_pg "$PG_BIN/pg_ctl" status -D "$PGS_DATA_DIR" >/dev/null 2>&1; then
    log "stopping the PostgreSQL standby"
    as_pg "$PG_BIN/pg_ctl" stop -D "$PGS_DATA_DIR" -m fast -w -t "$COOP_TIMEOUT" >/dev/null
  fi
}

# Promotes the standby once the primary is gone; the services' connection strings name both hosts and find the new
# primary by themselves (Target Session Attributes=read-write).
cmd_failover() {
  [[ -f "$PGS_DATA_DIR/PG_VERSION" ]] || die "there is no standby to promote (start with COOP_HA=1 or COOP_PG_STANDBY=1)"
  [[ -f "$PG_FAILED_OVER" ]] && { log "already failed over to 127.0.0.1:$PGS_PORT"; return 0; }
  if pg_ready; then die "the primary on 127.0.0.1:$COOP_PG_PORT still answers; stop it first (pg_ctl stop -m immediate)"; fi
  local t0=$SECONDS
  as_pg "$PG_BIN/pg_ctl" promote -D "$PGS_DATA_DIR" -w -t "$COOP_TIMEOUT" >/dev/null || die "promoting the standby failed, see $PGS_LOG"
  date -u +%FT%TZ > "$PG_FAILED_OVER"
  log "the standby on 127.0.0.1:$PGS_PORT is the primary now (promoted in $((SECONDS - t0))s)"
}

pg_down() {
  pgs_down
  if pg_running; then
    log "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w -t "$COOP_TIMEOUT" >/dev/null
  fi
}

# ---------------------------------------------------------------- RabbitMQ

# Everything the server and the CLI tools read; exported so both see the same node.
rmq_env() {
  # Erlang keeps its cookie in $HOME; the CLI must use the same HOME to authenticate.
  export HOME="$RMQ_DIR/home"
  export RABBITMQ_NODENAME="$COOP_RABBIT_NODE"
  export RABBITMQ_NODE_IP_ADDRESS="127.0.0.1"
  export RABBITMQ_NODE_PORT="$COOP_AMQP_PORT"
  export RABBITMQ_DIST_PORT="$COOP_RABBIT_DIST_PORT"
  # Our own epmd on our own port: no clash with a system node, and we can kill it on `down`.
  export ERL_EPMD_PORT="$COOP_EPMD_PORT"
  export ERL_EPMD_ADDRESS="127.0.0.1"
  # The CLI picks its own distribution port; keep it in our range, clear of the default one (35672-35682).
  export RABBITMQ_CTL_DIST_PORT_MIN="$CTL_DIST_PORT_MIN"
  export RABBITMQ_CTL_DIST_PORT_MAX="$CTL_DIST_PORT_MAX"
  # Keep Erlang distribution listeners on loopback too.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  # Point every file the node would read from /etc or write to /var into our folder.
  export RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf"
  export RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq.conf"
  export RABBITMQ_CONFIG_FILES="$RMQ_DIR/conf.d"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
  export RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia"
  export RABBITMQ_LOG_BASE="$RMQ_LOG_DIR"
  export RABBITMQ_LOGS="$RMQ_LOG"
  export RABBITMQ_PID_FILE="$RMQ_PID_FILE"
  export ERL_CRASH_DUMP="$RMQ_LOG_DIR/erl_crash.dump"
}

rmqctl() { "$RMQ_SBIN/rabbitmqctl" -n "$COOP_RABBIT_NODE" "$@"; }
rmqdiag() { "$RMQ_SBIN/rabbitmq-diagnostics" -n "$COOP_RABBIT_NODE" "$@"; }

ensure_rabbitmq_installed() {
  [[ -x "$RMQ_SBIN/rabbitmq-server" ]] && return 0
  log "rabbitmq-server not installed, installing it with apt-get"
  local sudo=()
  if [[ $EUID -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || die "rabbitmq-server is missing and sudo is not available; install it as root: apt-get install -y rabbitmq-server"
    sudo=(sudo)
  fi
  # apt output goes to stderr: stdout of this script stays clean for callers.
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y rabbitmq-server >&2
  [[ -x "$RMQ_SBIN/rabbitmq-server" ]] || die "rabbitmq-server installed but $RMQ_SBIN/rabbitmq-server not found"
  # Note: on machines with systemd the package starts a system node (port 5672, epmd 4369); ours does not clash with it.
}

# Debian's package starts a system node (5672) and an epmd on every interface (4369) where it can; this system uses
# neither (its nodes and their epmd listen on loopback, on their own ports), so both are stopped and kept from starting.
system_broker_off() {
  local sudo=()
  [[ $EUID -ne 0 ]] && command -v sudo >/dev/null 2>&1 && sudo=(sudo -n)
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    "${sudo[@]}" systemctl disable --now rabbitmq-server.service epmd.socket epmd.service >/dev/null 2>&1 || true
  elif [[ -x /etc/init.d/rabbitmq-server ]] && "${sudo[@]}" /etc/init.d/rabbitmq-server status >/dev/null 2>&1; then
    "${sudo[@]}" /etc/init.d/rabbitmq-server stop >/dev/null 2>&1 || true
  fi
  if epmd -port 4369 -names >/dev/null 2>&1; then
    log "stopping the system's epmd on port 4369"
    "${sudo[@]}" epmd -port 4369 -kill >/dev/null 2>&1 || log "could not stop the epmd on port 4369; stop it as root: epmd -kill"
  fi
}

# Our node name is registered with our epmd (cheap, no Erlang VM started).
rmq_registered() {
  epmd -port "$COOP_EPMD_PORT" -names 2>/dev/null | grep -q "^name ${COOP_RABBIT_NODE%@*} at port "
}

rmq_running() {  # the rabbit application is up on our node
  [[ -x "$RMQ_SBIN/rabbitmqctl" ]] || return 1
  # Cheap pre-checks: no cookie = never started from this folder (and the CLI would retry for ~8s); not registered = not running.
  [[ -f "$HOME/.erlang.cookie" ]] && rmq_registered || return 1
  rmqdiag -q check_running >/dev/null 2>&1
}

# PID of our beam.smp from the pid file, only if that process really is our node
# (its environment carries our mnesia folder), so we never signal a recycled PID.
rmq_pid() {
  local pid
  [[ -f "$RMQ_PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' <"$RMQ_PID_FILE")"
  [[ -n "$pid" && -r "/proc/$pid/environ" ]] || return 1
  tr '\0' '\n' <"/proc/$pid/environ" | grep -qxF "RABBITMQ_MNESIA_BASE=$RABBITMQ_MNESIA_BASE" || return 1
  echo "$pid"
}

rmq_init() {
  mkdir -p "$RMQ_DIR" "$HOME" "$RMQ_LOG_DIR" "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_CONFIG_FILES"
  : >"$RABBITMQ_CONF_ENV_FILE"                        # empty: ignore /etc/rabbitmq/rabbitmq-env.conf
  echo '[].' >"$RABBITMQ_ENABLED_PLUGINS_FILE"         # no plugins (no management UI)
  echo '[].' >"$RABBITMQ_ADVANCED_CONFIG_FILE"
  # Readable by its owner only: it holds the administrator's password.
  (umask 077 && cat >"$RABBITMQ_CONFIG_FILE") <<EOF
# Written by deploy/infra.sh on every start; edits here are overwritten.
# No guest: a new node's first user is the operator's administrator; \`up\` then sets every user (rmq_provision).
default_user = $RMQ_ADMIN
default_pass = $(secret "rabbitmq-$RMQ_ADMIN")
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.write = .*
default_permissions.read = .*
disk_free_limit.absolute = 50MB
EOF
}

# A password as RabbitMQ stores it (rabbit_password_hashing_sha256): base64(salt ‖ SHA-256(salt ‖ password)), 4 random salt bytes.
rmq_hash() {  # password
  local salt digest
  salt="$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  digest="$({ printf "$(sed 's/../\\x&/g' <<<"$salt")"; printf '%s' "$1"; } | sha256sum | cut -c1-64)"
  printf "$(sed 's/../\\x&/g' <<<"$salt$digest")" | base64 -w0
}

# One user of the broker in RabbitMQ's definitions format, with its permissions on the vhost / (regular expressions on
# exchange and queue names: configure = declare and delete, write = publish and bind into, read = consume and bind from).
rmq_users=() rmq_permissions=()
rmq_user() {  # name tags configure write read
  local re=("${@:3}") i
  for i in 0 1 2; do re[$i]="${re[$i]//\\/\\\\}"; done   # JSON escapes each backslash
  rmq_users+=("$(printf '{"name":"%s","password_hash":"%s","hashing_algorithm":"rabbit_password_hashing_sha256","tags":[%s]}' \
    "$1" "$(rmq_hash "$(secret "rabbitmq-$1")")" "${2:+\"$2\"}")")
  rmq_permissions+=("$(printf '{"user":"%s","vhost":"/","configure":"%s","write":"%s","read":"%s"}' "$1" "${re[@]}")")
}

# Every user of the broker, set in one import (run on every `up`; the second time it changes nothing), and guest removed.
# A service may declare the events' exchanges and any of Cooperation.Contracts.* (those it consumes), bind from them, and
# publish to cooperation.events and its own Cooperation.Contracts.<publishes>:* exchanges only; its own endpoints' queues
# (with their _error and _skipped queues, and the _migrating queue and exchange that move a classic queue of an earlier
# version to a quorum one), MassTransit's fault exchanges, and, for a service that replays, the replay.* queues auditors
# name. The reader may declare, bind and consume reader.* queues, bind them to cooperation.events, and
# consume replay.* queues (declare and delete them too, but never publish into them); it writes to no exchange of the services.
rmq_provision() {
  local definitions="$SECRETS_DIR/rabbitmq-definitions.json" line service publishes queues q own
  for line in "${SERVICES[@]}"; do
    read -r service publishes queues <<<"$line"
    own=""
    for q in $queues; do own+="|${q//./\\.}(_error|_skipped)?(_migrating)?"; done
    if [[ "$publishes" == "-" ]]; then
      rmq_user "$service" "" "^(cooperation\\.events|Cooperation\\.Contracts\\..+|MassTransit:.+$own)\$" "^(MassTransit:.+$own)\$" \
        "^(cooperation\\.events|Cooperation\\.Contracts\\..+|MassTransit:.+$own)\$"
    else
      rmq_user "$service" "" "^(cooperation\\.events|Cooperation\\.Contracts\\..+|MassTransit:.+|replay\\..+$own)\$" \
        "^(cooperation\\.events|Cooperation\\.Contracts\\.$publishes:.+|MassTransit:.+|replay\\..+$own)\$" \
        "^(cooperation\\.events|Cooperation\\.Contracts\\..+|MassTransit:.+|replay\\..+$own)\$"
    fi
  done
  rmq_user "$RMQ_READER" "" '^(reader|replay)\..+$' '^reader\..+$' '^(cooperation\.events|reader\..+|replay\..+)$'
  rmq_user "$RMQ_ADMIN" administrator '.*' '.*' '.*'
  (umask 077 && printf '{"users":[%s],"permissions":[%s]}\n' "$(IFS=,; echo "${rmq_users[*]}")" "$(IFS=,; echo "${rmq_permissions[*]}")" >"$definitions")
  rmqctl -q import_definitions "$definitions" >/dev/null || { rm -f "$definitions"; die "could not set the broker's users, see $RMQ_LOG"; }
  rm -f "$definitions"
  if rmqctl -q list_users 2>/dev/null | grep -q '^guest[[:space:]]'; then
    rmqctl -q delete_user guest >/dev/null && log "removed the broker's guest user"
  fi
}

rmq_up() {
  if rmq_running; then
    log "RabbitMQ already running"
  else
    port_open "$COOP_AMQP_PORT" && die "port $COOP_AMQP_PORT is already in use by something else (set COOP_AMQP_PORT)"
    port_open "$COOP_RABBIT_DIST_PORT" && die "port $COOP_RABBIT_DIST_PORT (Erlang distribution) is already in use (set COOP_RABBIT_DIST_PORT or COOP_AMQP_PORT)"
    local pid
    if pid="$(rmq_pid)"; then
      die "a node of ours (pid $pid) exists but does not answer; run '$0 down' first, see $RMQ_LOG"
    fi
    rmq_init
    # Nodes of one cluster authenticate one another by a shared cookie: node 1's.
    if [[ "$COOP_RABBIT_NODE" != "$RMQ_FIRST_NODE" ]]; then cp -p "$COOP_DATA/rabbitmq/home/.erlang.cookie" "$HOME/.erlang.cookie"; fi
    # Our epmd, started and answering before the node boots: left to the node, its start can race the node's
    # registration and the boot fails with 'nodistribution'.
    if ! port_open "$COOP_EPMD_PORT"; then
      setsid epmd -daemon -address 127.0.0.1 -port "$COOP_EPMD_PORT" </dev/null >/dev/null 2>&1
      for _ in $(seq 1 50); do epmd -port "$COOP_EPMD_PORT" -names >/dev/null 2>&1 && break; sleep 0.1; done
    fi
    local attempt start_pid deadline
    for attempt in 1 2; do
      log "starting RabbitMQ node $COOP_RABBIT_NODE on 127.0.0.1:$COOP_AMQP_PORT (log: $RMQ_LOG)"
      rm -f "$RMQ_PID_FILE"
      # setsid: detach from the caller's session so the node outlives it and ignores its Ctrl-C.
      (cd "$RMQ_DIR" && exec setsid "$RMQ_SBIN/rabbitmq-server" >>"$RMQ_STARTUP_LOG" 2>&1 </dev/null) &
      start_pid=$!
      deadline=$((SECONDS + COOP_TIMEOUT))
      while kill -0 "$start_pid" 2>/dev/null; do
        (( SECONDS < deadline )) || die "RabbitMQ not booted after ${COOP_TIMEOUT}s, see $RMQ_LOG and $RMQ_STARTUP_LOG (run '$0 down' to clean up)"
        # Cheap check first: the node registers with our epmd early in its boot.
        # Then await_startup blocks until the broker is fully booted (timeout caps it if the host name does not resolve).
        if rmq_registered && timeout $((deadline - SECONDS + 5)) "$RMQ_SBIN/rabbitmqctl" -n "$COOP_RABBIT_NODE" -q await_startup --timeout $((deadline - SECONDS + 1)) >/dev/null 2>&1; then
          break 2
        fi
        sleep 1
      done
      tail -n 20 "$RMQ_STARTUP_LOG" >&2 || true
      if (( attempt == 1 )); then log "RabbitMQ exited during startup; trying once more"; fi
    done
    kill -0 "$start_pid" 2>/dev/null || die "RabbitMQ exited during startup, see $RMQ_LOG and $RMQ_STARTUP_LOG"
  fi
  local deadline=$((SECONDS + COOP_TIMEOUT))
  until port_open "$COOP_AMQP_PORT"; do
    (( SECONDS < deadline )) || die "RabbitMQ AMQP port $COOP_AMQP_PORT not accepting connections, see $RMQ_LOG"
    sleep 0.5
  done
  if [[ "$COOP_RABBIT_NODE" != "$RMQ_FIRST_NODE" ]] && ! rmqctl -q cluster_status 2>/dev/null | grep -qF "$RMQ_FIRST_NODE"; then
    log "joining $COOP_RABBIT_NODE to the cluster of $RMQ_FIRST_NODE"
    rmqctl -q stop_app >/dev/null
    rmqctl -q join_cluster "$RMQ_FIRST_NODE" >/dev/null || die "$COOP_RABBIT_NODE could not join $RMQ_FIRST_NODE, see $RMQ_LOG"
    rmqctl -q start_app >/dev/null
    rmqctl -q await_startup >/dev/null
  fi
}

rmq_down() {
  local pid=""
  pid="$(rmq_pid)" || pid=""
  if [[ -f "$HOME/.erlang.cookie" ]] && rmq_registered && rmqctl -q shutdown >/dev/null 2>&1; then
    log "stopped RabbitMQ node $COOP_RABBIT_NODE"
  elif [[ -n "$pid" ]]; then
    # The node does not answer the CLI: terminate the OS process ourselves.
    log "RabbitMQ node not answering, terminating pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$pid" 2>/dev/null || true
    # Give epmd a moment to notice the dead node, so it can be stopped below.
    for _ in $(seq 1 10); do rmq_registered || break; sleep 0.5; done
  fi
  # Our private epmd (started by the node, outlives it). Leave it alone while any
  # node is still registered: then it is not idle (or not ours).
  if port_open "$COOP_EPMD_PORT"; then
    if epmd -port "$COOP_EPMD_PORT" -names 2>/dev/null | grep -q '^name '; then
      log "epmd on port $COOP_EPMD_PORT still has nodes registered, leaving it running"
    else
      log "stopping epmd on port $COOP_EPMD_PORT"
      epmd -port "$COOP_EPMD_PORT" -kill >/dev/null 2>&1 || true
    fi
  fi
  rm -f "$RMQ_PID_FILE"
}

# ---------------------------------------------------------------- commands

pg_connection() {  # role
  if [[ "$COOP_PG_STANDBY" == "1" ]]; then
    # Both hosts: Npgsql connects to whichever is the primary now, before and after a failover. It remembers for Host Recheck
    # Seconds that a host was a standby (10 by default): one second, so that a promoted standby is taken as the primary at once.
    echo "Host=127.0.0.1:$COOP_PG_PORT,127.0.0.1:$PGS_PORT;Target Session Attributes=read-write;Host Recheck Seconds=1;Username=$1;Password=$(secret "postgres-$1");Database=$PG_DB"
  else
    echo "Host=127.0.0.1;Port=$COOP_PG_PORT;Username=$1;Password=$(secret "postgres-$1");Database=$PG_DB"
  fi
}

amqp_url() { echo "amqp://$1:$(secret "rabbitmq-$1")@127.0.0.1:$COOP_AMQP_PORT/"; }  # user

cmd_env() {
  printf 'export COOP_DATA=%q\n' "$COOP_DATA"
  printf 'export COOP_PG_PORT=%q\n' "$COOP_PG_PORT"
  printf 'export COOP_AMQP_PORT=%q\n' "$COOP_AMQP_PORT"
  printf 'export COOP_RABBIT_NODE=%q\n' "$COOP_RABBIT_NODE"
  printf 'export COOP_HA=%q COOP_RABBIT_NODES=%q COOP_PG_STANDBY=%q\n' "$COOP_HA" "$COOP_RABBIT_NODES" "$COOP_PG_STANDBY"
  # Each service's own strings (run.sh gives each its pair as ConnectionStrings__Postgres and ConnectionStrings__RabbitMq),
  # the operator's (backups, migrations, audits of the store, tests behind the services' back) and the outside readers'.
  local service
  printf 'export ConnectionStrings__PostgresAdmin=%q\n' "$(pg_connection "$PG_USER")"
  for service in $(service_names); do printf 'export COOP_POSTGRES_%s=%q\n' "${service^^}" "$(pg_connection "$service")"; done
  printf 'export ConnectionStrings__RabbitMqAdmin=%q\n' "$(amqp_url "$RMQ_ADMIN")"
  printf 'export ConnectionStrings__RabbitMqReader=%q\n' "$(amqp_url "$RMQ_READER")"
  for service in $(service_names); do printf 'export COOP_RABBITMQ_%s=%q\n' "${service^^}" "$(amqp_url "$service")"; done
  if (( COOP_RABBIT_NODES > 1 )); then
    local nodes=() n
    for n in $(seq 1 "$COOP_RABBIT_NODES"); do nodes+=("127.0.0.1:$((RMQ_FIRST_AMQP_PORT + 100 * (n - 1)))"); done
    # Every node of the cluster: a client whose node dies reconnects to another.
    echo "export RabbitMq__Nodes=\"$(IFS=,; echo "${nodes[*]}")\""
  fi
}

# Runs the rest of the command once per broker node, node 1 first (down: last), each with its own environment.
each_node() {  # up|down command...
  local order=$1 n
  shift
  local nodes=($(seq 1 "$COOP_RABBIT_NODES"))
  [[ "$order" == "down" ]] && nodes=($(seq "$COOP_RABBIT_NODES" -1 1))
  for n in "${nodes[@]}"; do rmq_select "$n"; rmq_env; "$@"; done
  rmq_select 1; rmq_env
}

cmd_kill_node() {
  local n=${1:-}
  [[ "$n" =~ ^[1-9]$ ]] && (( n <= COOP_RABBIT_NODES )) || die "kill-node needs a node number from 1 to $COOP_RABBIT_NODES"
  rmq_select "$n"; rmq_env
  local pid
  pid="$(rmq_pid)" || die "node $n ($COOP_RABBIT_NODE) is not running"
  kill -KILL "$pid"
  for _ in $(seq 1 20); do rmq_registered || break; sleep 0.5; done
  log "killed RabbitMQ node $COOP_RABBIT_NODE (pid $pid)"
}

cmd_up() {
  local t0=$SECONDS
  ensure_rabbitmq_installed
  system_broker_off
  mkdir -p "$COOP_DATA"
  pg_up
  each_node up rmq_up
  rmq_provision
  # The dashboard's earlier queue (before it had a single active consumer) is dropped once nothing waits in it.
  if rmqctl -q list_queues name 2>/dev/null | grep -qx dashboard; then
    rmqctl -q delete_queue dashboard --if-empty >/dev/null 2>&1 && log "dropped the dashboard's earlier queue" \
      || log "the dashboard's earlier queue 'dashboard' still holds messages it has not recorded; move them to 'dashboard-log' (a shovel does), then delete it"
  fi
  local postgres="127.0.0.1:$COOP_PG_PORT"
  [[ "$COOP_PG_STANDBY" == "1" ]] && postgres+=" and its standby 127.0.0.1:$PGS_PORT"
  [[ -f "$PG_FAILED_OVER" ]] && postgres="127.0.0.1:$PGS_PORT (the promoted standby)"
  log "ready in $((SECONDS - t0))s: PostgreSQL $postgres, RabbitMQ 127.0.0.1:$COOP_AMQP_PORT ($COOP_RABBIT_NODES node(s)); data: $COOP_DATA"
}

cmd_down() {
  each_node down rmq_down
  pg_down
  log "stopped (data kept in $COOP_DATA)"
}

cmd_status() {
  local rc=0
  if pg_ready; then echo "postgres: up (127.0.0.1:$COOP_PG_PORT)"; else echo "postgres: down (127.0.0.1:$COOP_PG_PORT)"; rc=1; fi
  if [[ "$COOP_PG_STANDBY" == "1" ]]; then
    if "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGS_PORT" -U "$PG_USER" -d postgres; then echo "postgres standby: up (127.0.0.1:$PGS_PORT)"
    else echo "postgres standby: down (127.0.0.1:$PGS_PORT)"; rc=1; fi
  fi
  node_status() {
    if rmq_running && port_open "$COOP_AMQP_PORT"; then echo "rabbitmq: up ($COOP_RABBIT_NODE, 127.0.0.1:$COOP_AMQP_PORT)"
    else echo "rabbitmq: down ($COOP_RABBIT_NODE)"; rc=1; fi
  }
  each_node up node_status
  return $rc
}

# An outage of the broker alone, for tests: the node stays up, its AMQP side stops (closing every connection)
# and comes back with its durable queues and their messages.
cmd_broker_stop() {
  rmq_env
  rmqctl stop_app >/dev/null
  log "RabbitMQ application stopped on $COOP_RABBIT_NODE"
}

cmd_broker_start() {
  rmq_env
  rmqctl start_app >/dev/null
  rmqctl await_startup >/dev/null
  local deadline=$((SECONDS + COOP_TIMEOUT))
  until port_open "$COOP_AMQP_PORT"; do
    (( SECONDS < deadline )) || die "RabbitMQ did not open 127.0.0.1:$COOP_AMQP_PORT again"
    sleep 0.2
  done
  log "RabbitMQ application started on $COOP_RABBIT_NODE"
}

# An outage of PostgreSQL alone, for tests: the primary stops at once (every session is ended) and starts again with its data.
cmd_pg_stop() {  # [fast|immediate]
  local mode=${1:-fast}
  [[ "$mode" == fast || "$mode" == immediate ]] || die "pg-stop takes fast (the default) or immediate, not '$mode'"
  as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m "$mode" -w -t "$COOP_TIMEOUT" >/dev/null
  log "PostgreSQL stopped ($mode)"
}

cmd_pg_start() {
  pg_up
  log "PostgreSQL started"
}

# The broker's queues, as an operator checks them: name, type (quorum for every queue of the services), messages, consumers.
cmd_queues() {
  rmq_select 1 && rmq_env && rmqctl -q list_queues name type messages consumers
}

main() {
  check_ports
  case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    queues) cmd_queues ;;
    env) cmd_env ;;
    broker-stop) cmd_broker_stop ;;
    broker-start) cmd_broker_start ;;
    pg-stop) cmd_pg_stop "${2:-}" ;;
    pg-start) cmd_pg_start ;;
    failover) cmd_failover ;;
    kill-node) cmd_kill_node "${2:-}" ;;
    *) echo "usage: $0 {up|down|status|queues|env|broker-stop|broker-start|pg-stop [immediate]|pg-start|failover|kill-node N}" >&2; exit 2 ;;
  esac
}

main "$@"
