# RabbitMQ: a node's environment and files under $COOP_DATA, installing the package, keeping the system's
# broker off, and starting a node (joining node 1's cluster) and stopping it with our private epmd.
# shellcheck shell=bash

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
  # Read in place (-z: NUL-separated), not through a pipe, whose writer pipefail would count as failed once grep -q has its answer.
  grep -qzxF "RABBITMQ_MNESIA_BASE=$RABBITMQ_MNESIA_BASE" "/proc/$pid/environ" || return 1
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
