# Who may connect to PostgreSQL and what each may do: pg_hba.conf (passwords only), the operator's password
# on an older cluster, and each service's role owning its schema.
# shellcheck shell=bash

# Who may connect, and how: a password (SCRAM-SHA-256) on every connection, the socket's as well as loopback's.
pg_hba_write() {  # data folder
  as_pg tee "$1/pg_hba.conf" >/dev/null <<EOF
# Written by deploy/infra.sh on every start; edits here are overwritten. Nothing is trusted: every connection gives a password.
# TYPE  DATABASE     USER      ADDRESS       METHOD
local   all          all                     scram-sha-256
host    all          all       127.0.0.1/32  scram-sha-256
local   replication  $PG_USER                scram-sha-256
host    replication  $PG_USER  127.0.0.1/32  scram-sha-256
EOF
  # With a standby: pg_auto_failover's replication (and pg_rewind's) logs in as its own role.
  [[ "$COOP_PG_STANDBY" == "1" ]] && echo "host    replication  pgautofailover_replicator  127.0.0.1/32  scram-sha-256" | as_pg tee -a "$1/pg_hba.conf" >/dev/null
  return 0
}

# A cluster made by an earlier version trusted every local connection: while it still does, the operator's role gets its
# password; from then on only passwords are accepted. Run on every start; the second time it changes nothing.
pg_require_passwords() {
  # With a standby, every cluster was made by this version (ha_node_up writes each node's pg_hba.conf).
  [[ "$COOP_PG_STANDBY" == "1" ]] && return 0
  if as_pg grep -Eq '^[^#]*[[:space:]]trust([[:space:]]|$)' "$PGDATA_DIR/pg_hba.conf"; then
    log "PostgreSQL trusted local connections: giving $PG_USER its password and requiring passwords from now on"
    pg_psql -d postgres <<EOF
ALTER ROLE $PG_USER PASSWORD '$(secret "postgres-$PG_USER")';
EOF
  fi
  pg_hba_write "$PGDATA_DIR"
  as_pg "$PG_BIN/pg_ctl" reload -D "$PGDATA_DIR" >/dev/null
}

# Each service's role: it logs in with its password, owns its schema and everything in it (an earlier version's objects,
# made by the operator's role, are handed over), and has no right in any other schema; nobody may create in `public`.
# Marten creates and alters its tables and functions in the service's schema at start and takes advisory locks (open to
# every role); it needs nothing more. Run on every start; the second time it changes nothing.
pg_provision() {
  local service roles=()
  for service in $(service_names); do roles+=("$service"); done
  {
    echo "SET client_min_messages = warning;"
    for service in "${roles[@]}"; do
      cat <<EOF
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$service') THEN CREATE ROLE $service; END IF;
END \$\$;
ALTER ROLE $service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$(secret "postgres-$service")';
CREATE SCHEMA IF NOT EXISTS $service AUTHORIZATION $service;
ALTER SCHEMA $service OWNER TO $service;
DO \$\$ DECLARE o record; BEGIN
  -- Tables first: the sequences and types a table owns go with it.
  FOR o IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
           WHERE c.relnamespace = '$service'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relowner <> '$service'::regrole LOOP
    EXECUTE format('ALTER %s %s OWNER TO $service',
      CASE o.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, o.name);
  END LOOP;
  FOR o IN SELECT c.oid::regclass AS name FROM pg_class c
           WHERE c.relnamespace = '$service'::regnamespace AND c.relkind = 'S' AND c.relowner <> '$service'::regrole LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO $service', o.name);
  END LOOP;
  FOR o IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p
           WHERE p.pronamespace = '$service'::regnamespace AND p.proowner <> '$service'::regrole LOOP
    EXECUTE format('ALTER %s %s OWNER TO $service', CASE o.prokind WHEN 'a' THEN 'AGGREGATE' ELSE 'ROUTINE' END, o.name);
  END LOOP;
  FOR o IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t
           WHERE t.typnamespace = '$service'::regnamespace AND t.typtype IN ('e', 'd', 'r') AND t.typowner <> '$service'::regrole LOOP
    EXECUTE format('ALTER %s %s OWNER TO $service', CASE o.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, o.name);
  END LOOP;
END \$\$;
EOF
    done
    cat <<EOF
REVOKE ALL ON DATABASE $PG_DB FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE $PG_DB TO $(IFS=,; echo "${roles[*]}");
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
EOF
  } | pg_psql -d "$PG_DB" || die "could not set up the services' roles in PostgreSQL, see $PG_LOG"
}
