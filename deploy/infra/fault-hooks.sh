# The fault tests' hooks: a broker node killed, the broker's AMQP side stopped and started, the PostgreSQL
# primary stopped (as a crash would, if asked) and started.
# shellcheck shell=bash

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
# With a standby: the primary's node stops (fast: its keeper stops it; immediate: kill -9 of everything on it, as a
# machine's crash), and pg_auto_failover promotes the standby; `pg-start` starts the node's keeper again, which rejoins it.
cmd_pg_stop() {  # [fast|immediate]
  local mode=${1:-fast}
  [[ "$mode" == fast || "$mode" == immediate ]] || die "pg-stop takes fast (the default) or immediate, not '$mode'"
  if [[ "$COOP_PG_STANDBY" == "1" ]]; then
    [[ "$mode" == immediate ]] && { cmd_pg_kill_primary; return; }
    ha_primary || die "no PostgreSQL node takes writes now"
    local n=1
    [[ "$PG_PRIMARY_PORT" == "$PGS_PORT" ]] && n=2
    ha_node "$n"
    ha_stop "$NODE_DATA" "$NODE_SOCKET" "PostgreSQL node $n, the primary"
    return
  fi
  as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m "$mode" -w -t "$COOP_TIMEOUT" >/dev/null
  log "PostgreSQL stopped ($mode)"
}

cmd_pg_start() {
  pg_up
  log "PostgreSQL started"
}
