# The PostgreSQL standby (COOP_PG_STANDBY=1): seeded from the primary, streaming synchronously, and promoted
# by `failover`.
# shellcheck shell=bash

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
