# The PostgreSQL primary with a synchronous standby (COOP_PG_STANDBY=1, the default under COOP_HA=1), failed over by
# pg_auto_failover: a monitor (a small PostgreSQL of its own, on COOP_PG_MONITOR_PORT) and a keeper (`pg_autoctl run`) per
# node, which starts and watches its node's PostgreSQL and does what the monitor assigns it. Node 1 keeps the primary's
# folder and port (COOP_PG_PORT), node 2 the standby's (COOP_PG_PORT + 1); either may be the primary. When the primary's
# node dies, the monitor promotes the standby; the old primary, when its keeper is started again, is rewound (pg_rewind)
# and follows the new one. `switchover` swaps them on purpose.
# shellcheck shell=bash

HA_DIR="$COOP_DATA/postgres-ha"            # the keepers' and the monitor's configuration, state, pid files and .pgpass
MON_DIR="$COOP_DATA/postgres-monitor"
MON_DATA_DIR="$MON_DIR/data"
COOP_PG_MONITOR_PORT="${COOP_PG_MONITOR_PORT:-$((COOP_PG_PORT + 3))}"
# How soon the monitor acts (its settings, in ms): a node is failed when its PostgreSQL has not answered a health check
# (every 2 s, 2 s to answer, one retry 1 s later) and its keeper has not reported for 5 s; the standby then waits up to
# 8 s for the old primary to say it stepped down (a keeper cut off from the monitor and the standby steps down by itself
# after its network_partition_timeout, 4 s, below that) before it takes writes.
HA_MONITOR_SETTINGS=(health_check_period=2000 health_check_timeout=2000 health_check_max_retries=1
  health_check_retry_delay=1000 node_considered_unhealthy_timeout=5000 primary_demote_timeout=8000)
HA_PARTITION_TIMEOUT=4

# Node N's data folder, port, socket folder and name.
ha_node() {  # n
  if (( $1 == 1 )); then NODE_DATA="$PGDATA_DIR" NODE_PORT="$COOP_PG_PORT" NODE_SOCKET="$PG_SOCKET_DIR"
  else NODE_DATA="$PGS_DATA_DIR" NODE_PORT="$PGS_PORT" NODE_SOCKET="$PGS_DIR/run"; fi
  NODE_NAME="node$1"
}

# A command as the PostgreSQL OS user in pg_autoctl's environment: its files under $HA_DIR, the passwords of $HA_DIR/pgpass.
ha_as() {  # socket folder, command...
  local socket=$1
  shift
  as_pg env XDG_CONFIG_HOME="$HA_DIR/config" XDG_DATA_HOME="$HA_DIR/state" XDG_RUNTIME_DIR="$HA_DIR/run" \
    PGPASSFILE="$HA_DIR/pgpass" PGUSER="$PG_USER" PGHOST="$socket" PG_CONFIG="$PG_BIN/pg_config" "$@"
}

autoctl() { local socket=$1; shift; ha_as "$socket" pg_autoctl "$@"; }  # socket folder, pg_autoctl arguments...

# Settings every node takes after pg_auto_failover's own file: its tuning takes a share of the machine's memory for one
# server alone, and its wal_keep_size (8 GB) would keep that much WAL; replication slots keep what the standby needs.
ha_settings() {
  cat <<EOF
shared_buffers = '128MB'
work_mem = '4MB'
maintenance_work_mem = '64MB'
effective_cache_size = '4GB'
wal_keep_size = '256MB'
EOF
}

# The passwords pg_autoctl, the keepers, PostgreSQL's replication and the monitor's health checks log in with: the
# operator's role, the monitor's autoctl_node, the nodes' pgautofailover_replicator and pgautofailover_monitor.
ha_files() {
  [[ -n "$PG_OS_USER" ]] && { mkdir -p "$HA_DIR"; chown "$PG_OS_USER:" "$HA_DIR"; }
  as_pg mkdir -p -m 700 "$HA_DIR/config" "$HA_DIR/state" "$HA_DIR/run"
  {
    local role
    for role in "$PG_USER" autoctl_node pgautofailover_replicator pgautofailover_monitor; do echo "*:*:*:$role:$(secret "postgres-$role")"; done
  } | as_pg sh -c "umask 077 && cat > '$HA_DIR/pgpass'"
}

ha_running() {  # data folder: its keeper runs
  [[ -f "$1/PG_VERSION" ]] && autoctl / status --pgdata "$1" >/dev/null 2>&1
}

ha_registered() {  # data folder: pg_autoctl has made it a node (or the monitor)
  as_pg test -f "$HA_DIR/config/pg_autoctl$1/pg_autoctl.cfg"
}

ha_start() {  # data folder, socket folder, log: `pg_autoctl run` in the background, on its own after we exit
  ha_running "$1" && return 0
  ha_as "$2" sh -c 'setsid pg_autoctl run --pgdata "$1" >>"$2" 2>&1 </dev/null &' - "$1" "$3"
}

ha_psql() {  # port, psql args...: as the operator's role
  local port=$1
  shift
  PGPASSWORD="$(secret "postgres-$PG_USER")" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$PG_USER" "$@"
}

# The monitor: initialised once (passwords only, like every cluster here), then started by its `pg_autoctl run`.
ha_monitor_up() {
  if [[ ! -f "$MON_DATA_DIR/PG_VERSION" ]]; then
    log "initializing the pg_auto_failover monitor in $MON_DATA_DIR"
    mkdir -p "$MON_DIR"
    [[ -n "$PG_OS_USER" ]] && chown "$PG_OS_USER:" "$MON_DIR"
    local pwfile="$MON_DIR/initdb.pw"
    secret "postgres-$PG_USER" | as_pg sh -c "umask 077 && cat > '$pwfile'"
    as_pg "$PG_BIN/initdb" -D "$MON_DATA_DIR" -U "$PG_USER" --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C \
      >"$MON_DIR/initdb.log" 2>&1 || { as_pg rm -f "$pwfile"; die "initdb failed, see $MON_DIR/initdb.log"; }
    as_pg rm -f "$pwfile"
    as_pg sh -c "echo \"include_if_exists = 'coop.conf'\" >> '$MON_DATA_DIR/postgresql.conf'"
  fi
  as_pg mkdir -p "$MON_DIR/run"
  as_pg touch "$MON_DIR/pg_autoctl.log"
  as_pg tee "$MON_DATA_DIR/coop.conf" >/dev/null <<EOF
# Written by deploy/infra.sh on every start; edits here are overwritten.
listen_addresses = '127.0.0.1'
port = $COOP_PG_MONITOR_PORT
unix_socket_directories = '$MON_DIR/run'
password_encryption = 'scram-sha-256'
EOF
  ha_settings | as_pg tee -a "$MON_DATA_DIR/coop.conf" >/dev/null
  pg_hba_write "$MON_DATA_DIR"
  if ! ha_registered "$MON_DATA_DIR"; then
    autoctl "$MON_DIR/run" create monitor --pgdata "$MON_DATA_DIR" --pgport "$COOP_PG_MONITOR_PORT" --hostname 127.0.0.1 \
      --skip-pg-hba --no-ssl --pgctl "$PG_BIN/pg_ctl" >>"$MON_DIR/pg_autoctl.log" 2>&1 \
      || die "pg_autoctl could not make the monitor, see $MON_DIR/pg_autoctl.log"
    # It starts PostgreSQL with its own listen_addresses (every interface) on the command line: loopback only.
    autoctl "$MON_DIR/run" config set --pgdata "$MON_DATA_DIR" postgresql.listen_addresses 127.0.0.1 >/dev/null
  fi
  ha_start "$MON_DATA_DIR" "$MON_DIR/run" "$MON_DIR/pg_autoctl.log"
  local deadline=$((SECONDS + COOP_TIMEOUT))
  until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$COOP_PG_MONITOR_PORT"; do
    (( SECONDS < deadline )) || die "the pg_auto_failover monitor does not answer on 127.0.0.1:$COOP_PG_MONITOR_PORT, see $MON_DIR/pg_autoctl.log"
    sleep 0.5
  done
  {
    echo "ALTER ROLE autoctl_node PASSWORD '$(secret postgres-autoctl_node)';"
    local setting
    for setting in "${HA_MONITOR_SETTINGS[@]}"; do echo "ALTER SYSTEM SET pgautofailover.${setting%%=*} = ${setting#*=};"; done
    echo "SELECT pg_reload_conf();"
  } | ha_psql "$COOP_PG_MONITOR_PORT" -d pg_auto_failover >/dev/null || die "could not set up the monitor, see $MON_DIR/pg_autoctl.log"
}

# Node N: made once (node 1 from the cluster pg_init made, node 2 copied from the primary by pg_basebackup), then its
# keeper started.
ha_node_up() {  # n
  ha_node "$1"
  local dir
  dir="$(dirname "$NODE_DATA")"
  mkdir -p "$dir"
  [[ -n "$PG_OS_USER" ]] && chown "$PG_OS_USER:" "$dir"
  as_pg mkdir -p "$NODE_SOCKET"
  as_pg touch "$dir/pg_autoctl.log"
  if (( $1 == 1 )); then
    ha_registered "$NODE_DATA" && [[ ! -f "$NODE_DATA/PG_VERSION" ]] \
      && die "node 1's data folder $NODE_DATA is gone: restore it (deploy/infra.sh restore), which makes the standby again"
    pg_init
  fi
  if ! ha_registered "$NODE_DATA"; then
    log "making $NODE_DATA node $1 of pg_auto_failover$( (( $1 == 2 )) && echo ", copied from the primary")"
    (( $1 == 1 )) && pg_hba_write "$NODE_DATA"
    autoctl "$NODE_SOCKET" create postgres --pgdata "$NODE_DATA" --pgport "$NODE_PORT" --listen 127.0.0.1 --hostname 127.0.0.1 \
      --name "$NODE_NAME" --username "$PG_USER" --dbname "$PG_DB" --pgctl "$PG_BIN/pg_ctl" --skip-pg-hba --no-ssl \
      --monitor "postgres://autoctl_node@127.0.0.1:$COOP_PG_MONITOR_PORT/pg_auto_failover?sslmode=prefer" \
      >>"$dir/pg_autoctl.log" 2>&1 || die "pg_autoctl could not make node $1, see $dir/pg_autoctl.log"
    autoctl "$NODE_SOCKET" config set --pgdata "$NODE_DATA" timeout.network_partition_timeout "$HA_PARTITION_TIMEOUT" >/dev/null
  fi
  pg_conf "$NODE_DATA" "$NODE_PORT" "$NODE_SOCKET"
  pg_hba_write "$NODE_DATA"
  as_pg "$PG_BIN/pg_ctl" status -D "$NODE_DATA" >/dev/null 2>&1 && as_pg "$PG_BIN/pg_ctl" reload -D "$NODE_DATA" >/dev/null
  ha_start "$NODE_DATA" "$NODE_SOCKET" "$dir/pg_autoctl.log"
}

# Sets PG_PRIMARY_PORT to the node that takes writes now; false when neither does.
ha_primary() {
  local port
  for port in "$COOP_PG_PORT" "$PGS_PORT"; do
    if [[ "$(ha_psql "$port" -d postgres -tAc "SELECT NOT pg_is_in_recovery() AND current_setting('default_transaction_read_only') = 'off'" 2>/dev/null)" == "t" ]]; then
      PG_PRIMARY_PORT=$port
      return 0
    fi
  done
  return 1
}

ha_wait_primary() {
  local deadline=$((SECONDS + COOP_TIMEOUT))
  until ha_primary; do
    (( SECONDS < deadline )) || die "no PostgreSQL node takes writes after ${COOP_TIMEOUT}s; see $(ha_state_hint)"
    sleep 0.5
  done
}

ha_state_hint() { echo "deploy/infra.sh status and $PG_DIR/pg_autoctl.log, $PGS_DIR/pg_autoctl.log"; }

ha_up() {
  command -v pg_autoctl >/dev/null 2>&1 || "$REPO_ROOT/deploy/tools.sh" autofailover
  ha_files
  ha_monitor_up
  ha_node_up 1
  ha_wait_primary
  # pg_autoctl made these roles on the first primary; the standby's copy, replication and health checks log in with them.
  ha_psql "$PG_PRIMARY_PORT" -d postgres >/dev/null <<EOF || die "could not set the passwords of pg_auto_failover's roles"
ALTER ROLE pgautofailover_replicator PASSWORD '$(secret postgres-pgautofailover_replicator)';
ALTER ROLE pgautofailover_monitor PASSWORD '$(secret postgres-pgautofailover_monitor)';
EOF
  ha_node_up 2
  ha_wait_primary
  # Once the standby streams, the primary waits for it on every commit (pg_auto_failover sets synchronous_standby_names).
  local deadline=$((SECONDS + COOP_TIMEOUT))
  until [[ "$(ha_psql "$PG_PRIMARY_PORT" -d postgres -tAc "SELECT count(*) FROM pg_stat_replication WHERE sync_state IN ('sync', 'quorum')" 2>/dev/null)" == "1" ]]; do
    if (( SECONDS >= deadline )); then log "the standby is not streaming synchronously yet; writes go on without it (see $(ha_state_hint))"; break; fi
    sleep 0.5
    ha_wait_primary
  done
  log "PostgreSQL primary on 127.0.0.1:$PG_PRIMARY_PORT, its standby on 127.0.0.1:$([[ $PG_PRIMARY_PORT == "$COOP_PG_PORT" ]] && echo "$PGS_PORT" || echo "$COOP_PG_PORT"), failed over by pg_auto_failover (monitor 127.0.0.1:$COOP_PG_MONITOR_PORT)"
}

# The keeper's pid and every process under it (its PostgreSQL too), or the postmaster alone if no keeper is left.
ha_pids() {  # data folder
  local pidfile="$HA_DIR/run/pg_autoctl$1/pg_autoctl.pid" pid
  if [[ -f "$pidfile" ]]; then pid="$(head -n 1 "$pidfile")"; [[ -n "$pid" && -d "/proc/$pid" ]] && ha_tree "$pid"; fi
  [[ -f "$1/postmaster.pid" ]] && { pid="$(head -n 1 "$1/postmaster.pid")"; [[ -d "/proc/$pid" ]] && echo "$pid"; }
  return 0
}

ha_tree() {  # pid: it and its descendants
  echo "$1"
  local child
  for child in $(ps -o pid= --ppid "$1"); do ha_tree "$child"; done
}

# Stopped: the standby first, then the primary (so the monitor has nobody to promote), then the monitor.
ha_down() {
  local first=2 second=1 n
  ha_primary && [[ "$PG_PRIMARY_PORT" == "$PGS_PORT" ]] && { first=1; second=2; }
  for n in $first $second; do ha_node "$n"; ha_stop "$NODE_DATA" "$NODE_SOCKET" "PostgreSQL node $n"; done
  ha_stop "$MON_DATA_DIR" "$MON_DIR/run" "the pg_auto_failover monitor"
}

ha_stop() {  # data folder, socket folder, what
  ha_running "$1" || return 0
  log "stopping $3"
  autoctl "$2" stop --pgdata "$1" >/dev/null 2>&1 || true
  local deadline=$((SECONDS + COOP_TIMEOUT))
  while ha_running "$1"; do
    if (( SECONDS >= deadline )); then log "$3 did not stop; killing it"; ha_kill "$1"; break; fi
    sleep 0.5
  done
}

ha_kill() {  # data folder: kill -9 of its keeper and PostgreSQL, as a machine's crash would; returns once they are gone
  local pids pid
  pids="$(ha_pids "$1")"
  [[ -n "$pids" ]] && kill -KILL $pids 2>/dev/null
  # A process killed holds its files until it has ended (a zombie holds none): the fault suite deletes the data folder next.
  for pid in $pids; do
    for _ in $(seq 1 100); do [[ "$(ps -o stat= -p "$pid" 2>/dev/null)" =~ ^[^Z] ]] || break; sleep 0.1; done
  done
  return 0
}

# The node that is primary now: every process on it killed (kill -9), as if its machine had died. Its keeper is started
# again by `up` or `pg-start`.
cmd_pg_kill_primary() {
  ha_primary || die "no PostgreSQL node takes writes now"
  local n=1
  [[ "$PG_PRIMARY_PORT" == "$PGS_PORT" ]] && n=2
  ha_node "$n"
  ha_kill "$NODE_DATA"
  log "killed PostgreSQL node $n (127.0.0.1:$NODE_PORT), the primary, and its keeper"
}

# Everything of the failover set-up killed and removed but node 1's data folder, for a restore in its place.
ha_reset() {
  local n
  for n in 1 2; do ha_node "$n"; ha_kill "$NODE_DATA"; done
  ha_kill "$MON_DATA_DIR"
  rm -rf "$PGS_DIR" "$MON_DIR" "$HA_DIR"
  as_pg rm -f "$PGDATA_DIR/standby.signal" "$PGDATA_DIR/postgresql-auto-failover-standby.conf" 2>/dev/null || true
}

# The primary and the standby swap, for maintenance: pg_auto_failover checks the standby has every commit, makes the
# primary read-only, promotes the standby and makes the old primary follow it. Writes pause for the seconds it takes.
cmd_switchover() {
  [[ "$COOP_PG_STANDBY" == "1" ]] || die "there is no standby to switch over to (start with COOP_HA=1)"
  ha_primary || die "no PostgreSQL node takes writes now"
  local before=$PG_PRIMARY_PORT t0=$SECONDS
  autoctl "$MON_DIR/run" perform switchover --pgdata "$MON_DATA_DIR" --wait "$COOP_TIMEOUT" >&2 \
    || die "the switchover did not complete; see $(ha_state_hint)"
  ha_wait_primary
  [[ "$PG_PRIMARY_PORT" != "$before" ]] || die "the primary is still 127.0.0.1:$before after the switchover"
  log "the primary is 127.0.0.1:$PG_PRIMARY_PORT now (switched over in $((SECONDS - t0))s)"
}

# The monitor's view: each node, its role and the state it is going to.
ha_show() {
  autoctl "$MON_DIR/run" show state --pgdata "$MON_DATA_DIR" 2>/dev/null
}
