#!/usr/bin/env bash
# Throwaway local infrastructure for development and tests:
# a PostgreSQL 15 cluster and a RabbitMQ 3.10 node, loopback only,
# with all data, logs and sockets under one project-local folder.
#
# Usage:
#   deploy/infra.sh up      # install rabbitmq-server if missing, init (first time), start both, wait until ready
#   deploy/infra.sh down    # stop both, kill our epmd; safe when nothing runs
#   deploy/infra.sh status  # exit 0 if both answer
#   deploy/infra.sh env     # print `export` lines; use: eval "$(deploy/infra.sh env)"
#
# Knobs (environment variables):
#   COOP_DATA         data folder              (default: <repo root>/.data)
#   COOP_PG_PORT      PostgreSQL TCP port      (default: 54329)
#   COOP_AMQP_PORT    RabbitMQ AMQP port       (default: 35672)
#   COOP_RABBIT_NODE  Erlang node name         (default: coop@localhost)
#   COOP_TIMEOUT      readiness timeout, s     (default: 90)
#   COOP_PG_THROWAWAY 1: fsync and synchronous commit off, for a cluster deleted after use (default: 0)
# Ports derived from COOP_AMQP_PORT (override if they clash with something):
#   COOP_RABBIT_DIST_PORT  Erlang distribution port   (default: AMQP + 1000)
#   COOP_EPMD_PORT         our private epmd           (default: AMQP + 2000)
#   CLI tools' distribution ports                      (AMQP + 3000 .. AMQP + 3010)
#
# Running a second, independent instance (e.g. for tests) only needs a
# different COOP_DATA, COOP_PG_PORT and COOP_AMQP_PORT.
set -euo pipefail

# A closed output (run.sh | tee, then Ctrl-C) must not stop a shutdown halfway.
log() { echo "infra: $*" >&2 2>/dev/null || true; }
die() { echo "infra: ERROR: $*" >&2; exit 1; }

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Absolute path: we cd elsewhere and run commands as another user.
COOP_DATA="$(realpath -m "${COOP_DATA:-$REPO_ROOT/.data}")"
COOP_PG_PORT="${COOP_PG_PORT:-54329}"
COOP_AMQP_PORT="${COOP_AMQP_PORT:-35672}"
COOP_RABBIT_NODE="${COOP_RABBIT_NODE:-coop@localhost}"
COOP_TIMEOUT="${COOP_TIMEOUT:-90}"
COOP_PG_THROWAWAY="${COOP_PG_THROWAWAY:-0}"
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
PG_USER="cooperation"

RMQ_DIR="$COOP_DATA/rabbitmq"
RMQ_LOG_DIR="$RMQ_DIR/log"
RMQ_LOG="$RMQ_LOG_DIR/rabbit.log"
RMQ_STARTUP_LOG="$RMQ_LOG_DIR/startup.log"   # stdout/stderr of the server start script
RMQ_PID_FILE="$RMQ_DIR/rabbit.pid"
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
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$COOP_PG_PORT" -U "$PG_USER" "$@"
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
    as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U "$PG_USER" --auth=trust -E UTF8 --locale=C >"$COOP_DATA/initdb.log" 2>&1 \
      || die "initdb failed, see $COOP_DATA/initdb.log"
    # Our settings live in an included file that is rewritten on every start (ports/paths follow the knobs).
    as_pg sh -c "echo \"include_if_exists = 'coop.conf'\" >> '$PGDATA_DIR/postgresql.conf'"
  fi
  as_pg tee "$PGDATA_DIR/coop.conf" >/dev/null <<EOF
# Written by deploy/infra.sh on every start; edits here are overwritten.
listen_addresses = '127.0.0.1'
port = $COOP_PG_PORT
unix_socket_directories = '$PG_SOCKET_DIR'
max_connections = 200
EOF
  if [[ "$COOP_PG_THROWAWAY" == "1" ]]; then
    # A cluster deleted after the run (deploy/test.sh) may lose its last commits in a crash; any other keeps
    # PostgreSQL's durable defaults: a commit is acknowledged only once its WAL is on disk.
    as_pg tee -a "$PGDATA_DIR/coop.conf" >/dev/null <<EOF
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
  fi
}

pg_up() {
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
  if [[ "$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]]; then
    log "creating database $PG_DB"
    pg_psql -d postgres -c "CREATE DATABASE $PG_DB OWNER $PG_USER"
  fi
}

pg_down() {
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
  # The CLI's default range (35672-35682) collides with our default AMQP port.
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
  cat >"$RABBITMQ_CONFIG_FILE" <<EOF
# Written by deploy/infra.sh on every start; edits here are overwritten.
# guest/guest stays usable, but only from loopback (RabbitMQ's default).
loopback_users.guest = true
disk_free_limit.absolute = 50MB
EOF
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

cmd_env() {
  printf 'export COOP_DATA=%q\n' "$COOP_DATA"
  printf 'export COOP_PG_PORT=%q\n' "$COOP_PG_PORT"
  printf 'export COOP_AMQP_PORT=%q\n' "$COOP_AMQP_PORT"
  printf 'export COOP_RABBIT_NODE=%q\n' "$COOP_RABBIT_NODE"
  echo "export ConnectionStrings__Postgres=\"Host=127.0.0.1;Port=$COOP_PG_PORT;Username=$PG_USER;Database=$PG_DB\""
  echo "export ConnectionStrings__RabbitMq=\"amqp://guest:guest@127.0.0.1:$COOP_AMQP_PORT/\""
}

cmd_up() {
  local t0=$SECONDS
  ensure_rabbitmq_installed
  system_broker_off
  mkdir -p "$COOP_DATA"
  pg_up
  rmq_env
  rmq_up
  log "ready in $((SECONDS - t0))s: PostgreSQL 127.0.0.1:$COOP_PG_PORT, RabbitMQ 127.0.0.1:$COOP_AMQP_PORT (data: $COOP_DATA)"
}

cmd_down() {
  rmq_env
  rmq_down
  pg_down
  log "stopped (data kept in $COOP_DATA)"
}

cmd_status() {
  local rc=0
  rmq_env
  if pg_ready; then echo "postgres: up (127.0.0.1:$COOP_PG_PORT)"; else echo "postgres: down"; rc=1; fi
  if rmq_running && port_open "$COOP_AMQP_PORT"; then
    echo "rabbitmq: up ($COOP_RABBIT_NODE, 127.0.0.1:$COOP_AMQP_PORT)"
  else
    echo "rabbitmq: down"; rc=1
  fi
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

main() {
  check_ports
  case "${1:-}" in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    broker-stop) cmd_broker_stop ;;
    broker-start) cmd_broker_start ;;
    *) echo "usage: $0 {up|down|status|env|broker-stop|broker-start}" >&2; exit 2 ;;
  esac
}

main "$@"
