#!/usr/bin/env bash
# Throwaway local infrastructure for development and tests:
# a PostgreSQL 15 cluster and a RabbitMQ 3.10 node, loopback only,
# with all data, logs and sockets under one project-local folder.
#
# Usage: deploy/infra.sh COMMAND [ARG]; without a command, or with one it does not know, it lists the commands with
# what each does (usage below). The work is done by the files of deploy/infra/, one per concern, which this file
# sources after its settings.
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
#   COOP_PG_STANDBY   1: a synchronous standby on COOP_PG_PORT + 1, failed over to by pg_auto_failover, whose monitor
#                     listens on COOP_PG_MONITOR_PORT (default: COOP_PG_PORT + 3) (default: COOP_HA)
#   COOP_BACKUPS      1: WAL archived and backups made with pgBackRest (default: 1, but 0 with COOP_PG_THROWAWAY=1);
#                     COOP_BACKUP_* in infra/backups.sh
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
# different COOP_DATA, COOP_PG_PORT and COOP_AMQP_PORT. The defaults, and every port derived from them (PostgreSQL's
# standby + 1, a restore beside it + 2, the monitor + 3; the broker's nodes, distribution, epmd and CLI ports up to
# AMQP + 3010), sit below Linux's ephemeral range (32768-60999), so that no outgoing connection can hold a port a server
# is about to listen on; keep your own below it too.
# shellcheck source-path=SCRIPTDIR
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
  "agreements  Agreements   register-visit-document complete-plan-item-for-visit agreements-places"
  "delegations Delegations  delegations-follow-agreements delegations-places"
  "trade       Trade        trade-follow-agreements trade-places"
  "dashboard   -            dashboard-log dashboard-places"
  "identity    -"
)
RMQ_ADMIN="cooperation"          # the broker's administrator: the operator's user
RMQ_READER="reader"              # outside clients: their own reader.* queues on cooperation.events, and replay.* queues

SECRETS_DIR="$COOP_DATA/secrets"

# The standby (COOP_PG_STANDBY=1): node 2 of pg_auto_failover (infra/postgres-ha.sh), a copy of the primary kept up to
# date by synchronous streaming replication; either node may be the primary.
PGS_DIR="$COOP_DATA/postgres-standby"
PGS_DATA_DIR="$PGS_DIR/data"
PGS_PORT=$((COOP_PG_PORT + 1))

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

# The functions, one file per concern, found beside this script whatever the caller's current directory.
INFRA_LIB="$REPO_ROOT/deploy/infra"
# shellcheck source=infra/ports.sh
source "$INFRA_LIB/ports.sh"
# shellcheck source=infra/secrets.sh
source "$INFRA_LIB/secrets.sh"
# shellcheck source=infra/postgres.sh
source "$INFRA_LIB/postgres.sh"
# shellcheck source=infra/postgres-access.sh
source "$INFRA_LIB/postgres-access.sh"
# shellcheck source=infra/postgres-ha.sh
source "$INFRA_LIB/postgres-ha.sh"
# shellcheck source=infra/rabbitmq.sh
source "$INFRA_LIB/rabbitmq.sh"
# shellcheck source=infra/rabbitmq-users.sh
source "$INFRA_LIB/rabbitmq-users.sh"
# shellcheck source=infra/backups.sh
source "$INFRA_LIB/backups.sh"
# shellcheck source=infra/commands.sh
source "$INFRA_LIB/commands.sh"
# shellcheck source=infra/fault-hooks.sh
source "$INFRA_LIB/fault-hooks.sh"

# Every command with what it does, on stderr: stdout stays clean for callers (eval "$(deploy/infra.sh env)").
usage() {
  cat >&2 <<EOF
usage: $0 {up|down|status|queues|env|broker-stop|broker-start|pg-stop [immediate]|pg-start|switchover|kill-node N|backup [full|diff|incr]|backups|backup-schedule|restore [--to TIME] [--into FOLDER]}
  up                   install rabbitmq-server if missing, init (first time), start both, wait until ready;
                       a second run changes nothing
  down                 stop both, kill our epmd; safe when nothing runs
  status               print each server's state; exit 0 if all answer
  queues               list the broker's queues: name, type, messages, consumers
  env                  print \`export\` lines (connection strings with their passwords); use: eval "\$($0 env)"
  broker-stop          stop the broker's AMQP side (the node stays up), for fault tests
  broker-start         start the broker's AMQP side again
  pg-stop [immediate]  stop the PostgreSQL primary, for fault tests; immediate: as a crash would
                       (pg_ctl -m immediate: no checkpoint, recovery on start; with a standby, kill -9 of the
                       primary's node, its keeper and PostgreSQL, and pg_auto_failover promotes the standby)
  pg-start             start the PostgreSQL primary again (with a standby: the node stopped, which rejoins)
  switchover           the PostgreSQL standby becomes the primary and the primary its standby, for maintenance (COOP_HA=1)
  kill-node N          kill -9 RabbitMQ node N (1-based), for fault tests; \`up\` starts it again
  backup [TYPE]        a pgBackRest backup now: full, diff or incr (default; full when there is none), with the
                       broker's definitions beside it
  backups              the backups kept, and what PostgreSQL says of its WAL archiving
  backup-schedule      the backups' schedule (COOP_BACKUP_FULL_EVERY, COOP_BACKUP_DIFF_EVERY), until stopped; run.sh runs it
  restore [--to TIME] [--into FOLDER]
                       the latest backup and archived WAL (or the state at TIME) in place of the stopped cluster, or
                       into FOLDER as a cluster of its own on COOP_RESTORE_PORT (PG port + 2), for an auditor;
                       --services-up: even while the run's services are up (the fault suite's rehearsal)
EOF
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
    switchover) cmd_switchover ;;
    kill-node) cmd_kill_node "${2:-}" ;;
    backup) cmd_backup "${2:-}" ;;
    backups) cmd_backups ;;
    backup-schedule) cmd_backup_schedule ;;
    restore) shift; cmd_restore "$@" ;;
    *) usage; exit 2 ;;
  esac
}

main "$@"
