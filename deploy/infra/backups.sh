# Backups with pgBackRest: WAL archiving into a repository ($COOP_DATA/backups, or COOP_BACKUP_REPO), a backup now
# (`backup`), on a schedule (`backup-schedule`, which the run command keeps running), the list of those kept (`backups`),
# and a restore, in place or into a folder of its own beside the live cluster (`restore`). The broker's definitions are
# saved next to each backup and imported with it. pgBackRest runs as the PostgreSQL OS user, as the archive_command does.
# shellcheck shell=bash

BK_STANZA="cooperation"
BK_REPO="$(realpath -m "${COOP_BACKUP_REPO:-$COOP_DATA/backups}")"
BK_DIR="$PG_DIR/pgbackrest"                       # its configuration, lock and log, owned by the PostgreSQL OS user
BK_CONF="$BK_DIR/pgbackrest.conf"
BK_CONF_D="$COOP_DATA/pgbackrest.conf.d"          # the operator's own settings (a second repository, object storage)
# Archiving and backups are on, but for a throwaway cluster of the tests (COOP_PG_THROWAWAY=1), which nobody restores.
COOP_BACKUPS="${COOP_BACKUPS:-$([[ "$COOP_PG_THROWAWAY" == "1" ]] && echo 0 || echo 1)}"
COOP_BACKUP_ARCHIVE_TIMEOUT="${COOP_BACKUP_ARCHIVE_TIMEOUT:-60}"
COOP_BACKUP_FULL_EVERY="${COOP_BACKUP_FULL_EVERY:-7d}"
COOP_BACKUP_DIFF_EVERY="${COOP_BACKUP_DIFF_EVERY:-1d}"
COOP_BACKUP_KEEP_FULL="${COOP_BACKUP_KEEP_FULL:-2}"
COOP_BACKUP_KEEP_DIFF="${COOP_BACKUP_KEEP_DIFF:-7}"
BK_BROKER_FILE="rabbitmq-definitions.json"        # beside each backup's files, in its folder of the repository

# The lines coop.conf takes for archiving (none when backups are off): every WAL segment goes to the repository, at the
# latest archive_timeout seconds after it was begun, so that a quiet system loses no more than that.
bk_settings() {  # the cluster's data folder
  [[ "$COOP_BACKUPS" == "1" ]] || return 0
  cat <<EOF
archive_mode = on
archive_command = 'pgbackrest --config="$BK_CONF" --config-include-path="$BK_CONF_D" --stanza=$BK_STANZA --pg1-path="$1" archive-push "%p"'
archive_timeout = $COOP_BACKUP_ARCHIVE_TIMEOUT
EOF
}

# pgBackRest's configuration, rewritten on every use (the repository's path and the cluster's port follow the knobs).
bk_conf() {
  [[ "$COOP_BACKUP_KEEP_FULL" =~ ^[1-9][0-9]*$ && "$COOP_BACKUP_KEEP_DIFF" =~ ^[1-9][0-9]*$ ]] \
    || die "COOP_BACKUP_KEEP_FULL and COOP_BACKUP_KEEP_DIFF are numbers of backups"
  command -v pgbackrest >/dev/null 2>&1 || "$REPO_ROOT/deploy/tools.sh" pgbackrest
  mkdir -p "$BK_REPO" "$BK_CONF_D"
  if [[ -n "$PG_OS_USER" ]]; then
    chown "$PG_OS_USER:" "$BK_REPO"
    as_pg test -w "$BK_REPO" || die "user $PG_OS_USER cannot write $BK_REPO; make its parent folders traversable (chmod o+x)"
  fi
  as_pg mkdir -p "$BK_DIR/log" "$BK_DIR/lock" "$BK_DIR/spool"
  as_pg tee "$BK_CONF" >/dev/null <<EOF
# Written by deploy/infra.sh on every use; edits here are overwritten: put yours in $BK_CONF_D/*.conf.
[global]
repo1-path=$BK_REPO
repo1-retention-full=$COOP_BACKUP_KEEP_FULL
repo1-retention-diff=$COOP_BACKUP_KEEP_DIFF
log-path=$BK_DIR/log
lock-path=$BK_DIR/lock
spool-path=$BK_DIR/spool
log-level-console=warn
log-level-file=info
start-fast=y
compress-type=lz4

[$BK_STANZA]
pg1-path=$PGDATA_DIR
pg1-port=$COOP_PG_PORT
pg1-socket-path=$PG_SOCKET_DIR
pg1-user=$PG_USER
EOF
  # With a standby, pgBackRest knows both nodes and backs up whichever is the primary; each node's archive_command names
  # its own folder, so that a promoted standby archives into the same stanza.
  [[ "$COOP_PG_STANDBY" == "1" ]] && as_pg tee -a "$BK_CONF" >/dev/null <<EOF
pg2-path=$PGS_DATA_DIR
pg2-port=$PGS_PORT
pg2-socket-path=$PGS_DIR/run
pg2-user=$PG_USER
EOF
  return 0
}

# pgBackRest as the PostgreSQL OS user, with the operator's password for the connections it makes.
bk() {
  PGPASSWORD="$(secret "postgres-$PG_USER")" as_pg pgbackrest --config="$BK_CONF" --config-include-path="$BK_CONF_D" --stanza="$BK_STANZA" "$@"
}

# Every repository configured: repo1, and those the operator's files add.
bk_repos() {
  cat "$BK_CONF" "$BK_CONF_D"/*.conf 2>/dev/null | sed -nE 's/^repo([0-9]+)-.*/\1/p' | sort -un
}

# The stanza (the repository's record of this cluster), made once the primary runs; `up` calls it every time.
bk_up() {
  [[ "$COOP_BACKUPS" == "1" ]] || return 0
  bk_conf
  bk stanza-create >/dev/null 2>&1 || log "pgBackRest could not make its stanza in $BK_REPO (see $BK_DIR/log); WAL is not archived until it can"
}

# A backup now (full, diff or incr; default incr, which pgBackRest makes full when there is none) into every repository,
# then the broker's definitions beside it.
cmd_backup() {  # [full|diff|incr]
  local type=${1:-incr} repo label
  [[ "$type" =~ ^(full|diff|incr)$ ]] || die "backup takes full, diff or incr, not '$type'"
  [[ "$COOP_BACKUPS" == "1" ]] || die "backups are off here (COOP_BACKUPS=0, or a throwaway cluster)"
  pg_ready || die "PostgreSQL does not answer on 127.0.0.1:$COOP_PG_PORT"
  bk_conf
  bk stanza-create >/dev/null
  for repo in $(bk_repos); do
    log "$type backup into repository $repo"
    bk --repo="$repo" --type="$type" backup || die "the backup failed, see $BK_DIR/log"
    label="$(bk --repo="$repo" --output=json info | jq -r '.[0].backup[-1].label')"
    bk_save_broker "$repo" "$label"
    log "backup $label made in repository $repo"
  done
}

# The broker's definitions (users, permissions, queues, exchanges, bindings, policies) in the backup's folder, where
# pgBackRest removes them with the backup. Only for a repository on this machine's file system.
bk_save_broker() {  # repo label
  local path
  path="$(bk_repo_path "$1")" || path=""
  [[ -n "$path" && -d "$path/backup/$BK_STANZA/$2" ]] || { log "repository $1 is not a folder here: the broker's definitions are not saved there"; return 0; }
  rmq_select 1; rmq_env
  local file="$path/backup/$BK_STANZA/$2/$BK_BROKER_FILE"
  if (umask 077 && timeout 120 "$RMQ_SBIN/rabbitmqctl" -n "$COOP_RABBIT_NODE" -q export_definitions "$file.new" >/dev/null 2>&1); then
    [[ -n "$PG_OS_USER" ]] && chown "$PG_OS_USER:" "$file.new"
    mv "$file.new" "$file"
  else
    rm -f "$file.new"
    log "the broker did not answer: backup $2 holds no broker definitions"
  fi
}

bk_repo_path() {  # repo: its folder, if it is one (repoN-type unset or posix)
  local conf
  conf="$(cat "$BK_CONF" "$BK_CONF_D"/*.conf 2>/dev/null)"
  grep -Eq "^repo$1-type=(s3|azure|gcs|sftp|cifs)" <<<"$conf" && return 1
  sed -nE "s/^repo$1-path=//p" <<<"$conf" | tail -n 1
}

# The backups kept (pgBackRest's own listing), and what PostgreSQL says of its archiving.
cmd_backups() {
  bk_conf
  bk info
  if pg_ready; then
    pg_psql -d postgres -c "SELECT last_archived_wal, last_archived_time, failed_count, last_failed_wal, last_failed_time FROM pg_stat_archiver"
  fi
}

# Seconds in a duration: 90, 90s, 30m, 12h, 7d.
bk_seconds() {
  [[ "$1" =~ ^([0-9]+)([smhd]?)$ ]] || die "'$1' is not a duration (90, 90s, 30m, 12h, 7d)"
  local n=${BASH_REMATCH[1]}
  case "${BASH_REMATCH[2]}" in m) n=$((n * 60)) ;; h) n=$((n * 3600)) ;; d) n=$((n * 86400)) ;; esac
  echo "$n"
}

# The schedule, run by the run command beside the services until it is stopped: a full backup when there is none or the
# last is COOP_BACKUP_FULL_EVERY old (7d), a differential one when the last backup of any kind is COOP_BACKUP_DIFF_EVERY old (1d).
cmd_backup_schedule() {
  local full_every diff_every now last_full last_any type child=""
  full_every="$(bk_seconds "$COOP_BACKUP_FULL_EVERY")"
  diff_every="$(bk_seconds "$COOP_BACKUP_DIFF_EVERY")"
  [[ "$COOP_BACKUPS" == "1" ]] || { log "backups are off (COOP_BACKUPS=0)"; return 0; }
  # Stopped (the run's Ctrl-C): a backup under way stops too, pgBackRest and all, and is resumed or made again next time.
  trap '[[ -n "$child" ]] && bk_kill_tree "$child"; exit 0' TERM
  log "backups: full every $COOP_BACKUP_FULL_EVERY, differential every $COOP_BACKUP_DIFF_EVERY, into $BK_REPO"
  while true; do
    (bk_conf) || log "pgBackRest's configuration could not be written"
    now=$(date +%s)
    read -r last_full last_any < <(bk --repo=1 --output=json info 2>/dev/null \
      | jq -r '[.[0].backup // [] | (map(select(.type == "full")) | last | .timestamp.stop // 0), (last | .timestamp.stop // 0)] | @tsv' \
      || echo "0 0")
    type=""
    if (( now - ${last_full:-0} >= full_every )); then type="full"
    elif (( now - ${last_any:-0} >= diff_every )); then type="diff"; fi
    if [[ -n "$type" ]]; then
      (cmd_backup "$type") & child=$!
      wait "$child" || log "the scheduled $type backup failed; trying again in a minute"
      child=""
    fi
    sleep 60 & child=$!
    wait "$child"
    child=""
  done
}

bk_kill_tree() {  # pid: it and every process under it
  local pid
  for pid in $(ps -o pid= --ppid "$1"); do bk_kill_tree "$pid"; done
  kill -TERM "$1" 2>/dev/null || true
}

# The PostgreSQL processes started from these binaries, or the run's services, for this data folder.
bk_services_running() {
  local dir
  for dir in /proc/[0-9]*; do
    # Read in place (-z: NUL-separated), not through a pipe, whose writer pipefail would count as failed once grep -q has its answer.
    grep -qzxF "COOP_DATA=$COOP_DATA" "$dir/environ" 2>/dev/null || continue
    grep -qz 'Cooperation\.[A-Za-z]*\.dll' "$dir/cmdline" 2>/dev/null && return 0
  done
  return 1
}

# A restore: the latest state, or that at --to TIME (as PostgreSQL reads a time: '2026-12-07 14:05:00+00'), in place of
# the run's cluster (which must be stopped, with the services; the old data folder is moved aside, not deleted), or into
# a folder of its own (--into), started on a port of its own for an auditor, leaving the live cluster alone.
cmd_restore() {  # [--to TIME] [--into FOLDER] [--services-up]
  local to="" into="" services_up=0
  while (( $# )); do
    case "$1" in
      --to) to=${2:?--to needs a time}; shift 2 ;;
      --into) into=${2:?--into needs a folder}; shift 2 ;;
      # The fault suite's rehearsal: its services have published and recorded everything the restored database holds.
      --services-up) services_up=1; shift ;;
      *) die "restore takes --to TIME and --into FOLDER, not '$1'" ;;
    esac
  done
  bk_conf
  local target=()
  [[ -n "$to" ]] && target=(--type=time "--target=$to" --target-action=promote)
  if [[ -n "$into" ]]; then bk_restore_beside "$(realpath -m "$into")" "${target[@]}"; return; fi

  if [[ "$COOP_PG_STANDBY" == "1" ]]; then
    # The rehearsal kills what is left of the failover set-up; an operator stops it first.
    (( services_up )) || { ! ha_running "$PGDATA_DIR" && ! ha_running "$PGS_DATA_DIR"; } \
      || die "PostgreSQL's keepers are still running: stop the run first (Ctrl-C, or deploy/infra.sh down)"
  else
    pg_ready && die "PostgreSQL answers on 127.0.0.1:$COOP_PG_PORT: stop the run first (Ctrl-C, or deploy/infra.sh down)"
    pg_running && die "PostgreSQL is still running in $PGDATA_DIR: stop it first (deploy/infra.sh down)"
  fi
  (( services_up )) || ! bk_services_running || die "services of the run on $COOP_DATA are still running: stop the run first (Ctrl-C)"
  if [[ "$COOP_PG_STANDBY" == "1" ]]; then
    # The standby and the monitor's record of both nodes belong to the cluster being replaced: `up` makes the restored
    # cluster node 1 of a new set-up and copies the standby from it again.
    ha_reset
    log "the standby is copied again from the restored primary"
  fi
  if [[ -d "$PGDATA_DIR" ]] && [[ -n "$(ls -A "$PGDATA_DIR")" ]]; then
    local aside
    aside="$PG_DIR/data.before-restore.$(date -u +%Y%m%dT%H%M%SZ)"
    mv "$PGDATA_DIR" "$aside"
    log "the data folder as it was is in $aside (delete it once the restore is checked)"
  fi
  as_pg mkdir -p -m 700 "$PGDATA_DIR"
  local t0=$SECONDS
  log "restoring ${to:-the latest state} from $BK_REPO"
  bk "${target[@]}" restore || die "the restore failed, see $BK_DIR/log"
  # PostgreSQL replays the archived WAL, then becomes a primary on a new timeline; only then may `up` set it up.
  pg_init
  as_pg "$PG_BIN/pg_ctl" start -D "$PGDATA_DIR" -l "$PG_LOG" -w -t "$COOP_TIMEOUT" >/dev/null || die "PostgreSQL did not start, see $PG_LOG"
  until [[ "$(pg_psql -d postgres -tAc 'SELECT pg_is_in_recovery()' 2>/dev/null)" == "f" ]]; do
    as_pg "$PG_BIN/pg_ctl" status -D "$PGDATA_DIR" >/dev/null 2>&1 || die "PostgreSQL stopped during recovery, see $PG_LOG"
    sleep 0.5
  done
  log "PostgreSQL recovered in $((SECONDS - t0))s"
  # With a standby, its keeper starts it from now on.
  [[ "$COOP_PG_STANDBY" == "1" ]] && as_pg "$PG_BIN/pg_ctl" stop -D "$PGDATA_DIR" -m fast -w -t "$COOP_TIMEOUT" >/dev/null
  cmd_up
  bk_restore_broker "$to"
  log "restored in $((SECONDS - t0))s; start the services (deploy/run.sh)"
}

# The broker's definitions saved with the backup restored (the newest, or the newest that ended by TIME, as pgBackRest
# chooses): queues, exchanges, bindings and policies come back; users and permissions are set again from the secrets.
bk_restore_broker() {  # [TIME]
  local path label file by
  path="$(bk_repo_path 1)" || return 0
  by="$(if [[ -n "${1:-}" ]]; then date -d "$1" +%s; else date +%s; fi)" || by="$(date +%s)"
  label="$(bk --repo=1 --output=json info | jq -r --argjson by "$by" \
    '.[0].backup | (map(select(.timestamp.stop <= $by)) | last // null) // last | .label')"
  file="$path/backup/$BK_STANZA/$label/$BK_BROKER_FILE"
  [[ -f "$file" ]] || { log "backup $label holds no broker definitions"; return 0; }
  rmq_select 1; rmq_env
  rmqctl -q import_definitions "$file" >/dev/null || die "the broker did not take the definitions of $file"
  rmq_provision
  log "the broker's definitions of backup $label imported"
}

# A cluster of its own in FOLDER (FOLDER/data, its socket in FOLDER/run), on COOP_RESTORE_PORT (default: COOP_PG_PORT + 2),
# archiving nothing: the live cluster and its repository are only read.
bk_restore_beside() {  # folder [target options...]
  local folder=$1 port=${COOP_RESTORE_PORT:-$((COOP_PG_PORT + 2))}
  shift
  [[ -d "$folder" && -n "$(ls -A "$folder")" ]] && die "$folder is not empty"
  port_open "$port" && die "port $port is in use (set COOP_RESTORE_PORT)"
  mkdir -p "$folder"
  [[ -n "$PG_OS_USER" ]] && chown "$PG_OS_USER:" "$folder"
  as_pg mkdir -p -m 700 "$folder/data" "$folder/run"
  local t0=$SECONDS
  bk --pg1-path="$folder/data" --archive-mode=off "$@" restore || die "the restore failed, see $BK_DIR/log"
  # The live cluster's settings as they were (recovery needs them as large), on a port and a socket of its own.
  as_pg sed -i -E '/^(port|unix_socket_directories|archive_[a-z]+) /d' "$folder/data/coop.conf"
  as_pg tee -a "$folder/data/coop.conf" >/dev/null <<EOF
# A restored copy for reading (deploy/infra.sh restore --into): its own port and socket; it archives nothing.
port = $port
unix_socket_directories = '$folder/run'
EOF
  as_pg "$PG_BIN/pg_ctl" start -D "$folder/data" -l "$folder/postgres.log" -w -t "$COOP_TIMEOUT" >/dev/null \
    || die "the restored cluster did not start, see $folder/postgres.log"
  until [[ "$(PGPASSWORD="$(secret "postgres-$PG_USER")" "$PG_BIN/psql" -X -h 127.0.0.1 -p "$port" -U "$PG_USER" -d postgres -tAc 'SELECT pg_is_in_recovery()' 2>/dev/null)" == "f" ]]; do
    as_pg "$PG_BIN/pg_ctl" status -D "$folder/data" >/dev/null 2>&1 || die "the restored cluster stopped during recovery, see $folder/postgres.log"
    sleep 0.5
  done
  log "restored in $((SECONDS - t0))s into $folder, running on 127.0.0.1:$port"
  cat <<EOF
Connect (the operator's password as it was then, the same as now unless it was changed):
  PGPASSWORD=\$(cat $SECRETS_DIR/postgres-$PG_USER) psql -h 127.0.0.1 -p $port -U $PG_USER $PG_DB
Stop it and remove it when done:
  ${PG_OS_USER:+runuser -u $PG_OS_USER -- }$PG_BIN/pg_ctl stop -D $folder/data && rm -rf $folder
EOF
}
