# Who may do what on the broker: a user per service, the reader and the administrator, with their
# permissions, set in one import of definitions; guest removed.
# shellcheck shell=bash

# A password as RabbitMQ stores it (rabbit_password_hashing_sha256): base64(salt ‖ SHA-256(salt ‖ password)), 4 random salt bytes.
rmq_hash() {  # password
  local salt digest
  salt="$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  digest="$({ printf "$(sed 's/../\\x&/g' <<<"$salt")"; printf '%s' "$1"; } | sha256sum | cut -c1-64)"
  printf "$(sed 's/../\\x&/g' <<<"$salt$digest")" | base64 -w0
}

# One user of the broker in RabbitMQ's definitions format, with its permissions on the vhost / (regular expressions on
# exchange and queue names: configure = declare and delete, write = publish and bind into, read = consume and bind from).
rmq_users=() rmq_permissions=()
rmq_user() {  # name tags configure write read
  local re=("${@:3}") i
  for i in 0 1 2; do re[$i]="${re[$i]//\\/\\\\}"; done   # JSON escapes each backslash
  rmq_users+=("$(printf '{"name":"%s","password_hash":"%s","hashing_algorithm":"rabbit_password_hashing_sha256","tags":[%s]}' \
    "$1" "$(rmq_hash "$(secret "rabbitmq-$1")")" "${2:+\"$2\"}")")
  rmq_permissions+=("$(printf '{"user":"%s","vhost":"/","configure":"%s","write":"%s","read":"%s"}' "$1" "${re[@]}")")
}

# Every user of the broker, set in one import (run on every `up`; the second time it changes nothing), and guest removed.
# A service may declare the events' exchanges and any of Cooperation.Contracts.* (those it consumes), bind from them, and
# publish to cooperation.events and its own Cooperation.Contracts.<publishes>:* exchanges only; its own endpoints' queues
# (with their _error and _skipped queues, and the _migrating queue and exchange that move a classic queue of an earlier
# version to a quorum one), MassTransit's fault exchanges, and, for a service that replays, the replay.* queues auditors
# name. The reader may declare, bind and consume reader.* queues, bind them to cooperation.events, and
# consume replay.* queues (declare and delete them too, but never publish into them); it writes to no exchange of the services.
rmq_provision() {
  local definitions="$SECRETS_DIR/rabbitmq-definitions.json" line service publishes queues q own
  for line in "${SERVICES[@]}"; do
    read -r service publishes queues <<<"$line"
    own=""
    for q in $queues; do own+="|${q//./\\.}(_error|_skipped)?(_migrating)?"; done
    if [[ "$publishes" == "-" ]]; then
      rmq_user "$service" "" "^(cooperation\\.events|Cooperation\\.Contracts\\..+|MassTransit:.+$own)\$" "^(MassTransit:.+$own)\$" \
        "^(cooperation\\.events|Cooperation\\.Contracts\\..+|MassTransit:.+$own)\$"
    else
      rmq_user "$service" "" "^(cooperation\\.events|Cooperation\\.Contracts\\..+|MassTransit:.+|replay\\..+$own)\$" \
        "^(cooperation\\.events|Cooperation\\.Contracts\\.$publishes:.+|MassTransit:.+|replay\\..+$own)\$" \
        "^(cooperation\\.events|Cooperation\\.Contracts\\..+|MassTransit:.+|replay\\..+$own)\$"
    fi
  done
  rmq_user "$RMQ_READER" "" '^(reader|replay)\..+$' '^reader\..+$' '^(cooperation\.events|reader\..+|replay\..+)$'
  rmq_user "$RMQ_ADMIN" administrator '.*' '.*' '.*'
  (umask 077 && printf '{"users":[%s],"permissions":[%s]}\n' "$(IFS=,; echo "${rmq_users[*]}")" "$(IFS=,; echo "${rmq_permissions[*]}")" >"$definitions")
  rmqctl -q import_definitions "$definitions" >/dev/null || { rm -f "$definitions"; die "could not set the broker's users, see $RMQ_LOG"; }
  rm -f "$definitions"
  if rmqctl -q list_users 2>/dev/null | grep -q '^guest[[:space:]]'; then
    rmqctl -q delete_user guest >/dev/null && log "removed the broker's guest user"
  fi
}
