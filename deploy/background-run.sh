# Sourced by the tools that need the system running for their length (bench.sh, faults.sh): whether a port answers, and
# the run command started in the background, with the caller's environment, and stopped again by stop_run.

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

run_pid=""
# TERM, not INT: a shell started in the background ignores INT, and the run command stops everything it started on TERM.
stop_run() { if [ -n "$run_pid" ]; then kill -TERM "$run_pid" 2>/dev/null || true; wait "$run_pid" 2>/dev/null || true; fi; }

# start_run TOOL LOG: deploy/run.sh in the background, its output in LOG; returns once the system runs, else exits saying why.
start_run() {
  local tool=$1 log=$2
  setsid deploy/run.sh > "$log" 2>&1 &
  run_pid=$!
  for _ in $(seq 1 600); do
    grep -q "Cooperation is running" "$log" && return 0
    kill -0 "$run_pid" 2>/dev/null || { tail -n 20 "$log" >&2; echo "$tool: deploy/run.sh stopped" >&2; exit 1; }
    sleep 1
  done
  echo "$tool: the run did not come up in 10 minutes" >&2
  exit 1
}
