# Port checks: the knobs' ports (and those derived from them) are valid TCP ports, and whether something
# already listens on one.
# shellcheck shell=bash

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
  check_port_number "the standby's port (COOP_PG_PORT+1)" "$PGS_PORT"
  check_port_number COOP_PG_MONITOR_PORT "$COOP_PG_MONITOR_PORT"
  check_port_number COOP_RESTORE_PORT "${COOP_RESTORE_PORT:-$((COOP_PG_PORT + 2))}"
  check_port_number "CLI dist port (COOP_AMQP_PORT+3010)" "$CTL_DIST_PORT_MAX"
}

# True if something accepts TCP connections on 127.0.0.1:port.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
