# The everyday commands: up, down, status, env and queues, and each_node, which runs a step on every
# broker node.
# shellcheck shell=bash

# Runs the rest of the command once per broker node, node 1 first (down: last), each with its own environment.
each_node() {  # up|down command...
  local order=$1 n
  shift
  local nodes=($(seq 1 "$COOP_RABBIT_NODES"))
  [[ "$order" == "down" ]] && nodes=($(seq "$COOP_RABBIT_NODES" -1 1))
  for n in "${nodes[@]}"; do rmq_select "$n"; rmq_env; "$@"; done
  rmq_select 1; rmq_env
}

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
  [[ "$COOP_PG_STANDBY" == "1" ]] && postgres="127.0.0.1:$COOP_PG_PORT and 127.0.0.1:$PGS_PORT (primary: 127.0.0.1:$PG_PRIMARY_PORT)"
  log "ready in $((SECONDS - t0))s: PostgreSQL $postgres, RabbitMQ 127.0.0.1:$COOP_AMQP_PORT ($COOP_RABBIT_NODES node(s)); data: $COOP_DATA"
}

cmd_down() {
  each_node down rmq_down
  pg_down
  log "stopped (data kept in $COOP_DATA)"
}

cmd_status() {
  local rc=0
  if [[ "$COOP_PG_STANDBY" == "1" ]]; then
    local port
    for port in "$COOP_PG_PORT" "$PGS_PORT"; do
      if ha_primary && [[ "$PG_PRIMARY_PORT" == "$port" ]]; then echo "postgres: primary (127.0.0.1:$port)"
      elif "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port"; then echo "postgres: standby (127.0.0.1:$port)"
      else echo "postgres: down (127.0.0.1:$port)"; rc=1; fi
    done
    ha_show || { echo "pg_auto_failover monitor: down (127.0.0.1:$COOP_PG_MONITOR_PORT)"; rc=1; }
  elif pg_ready; then echo "postgres: up (127.0.0.1:$COOP_PG_PORT)"
  else echo "postgres: down (127.0.0.1:$COOP_PG_PORT)"; rc=1; fi
  # shellcheck disable=SC2317  # reached through each_node, which shellcheck does not follow when it reads this file alone
  node_status() {
    if rmq_running && port_open "$COOP_AMQP_PORT"; then echo "rabbitmq: up ($COOP_RABBIT_NODE, 127.0.0.1:$COOP_AMQP_PORT)"
    else echo "rabbitmq: down ($COOP_RABBIT_NODE)"; rc=1; fi
  }
  each_node up node_status
  return $rc
}

# The broker's queues, as an operator checks them: name, type (quorum for every queue of the services), messages, consumers.
cmd_queues() {
  rmq_select 1 && rmq_env && rmqctl -q list_queues name type messages consumers
}
