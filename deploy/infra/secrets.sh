# Credentials: the passwords made on first use under $SECRETS_DIR, the services that each get their own,
# and the connection strings that carry them (printed by `env`).
# shellcheck shell=bash

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
