#!/usr/bin/env bash
# Only step 5a of run.sh: GET /households/{id}/eligibility vs the baseline at 32 connections, on the data set already
# loaded in $BENCH_DIR by run.sh (nothing is generated or migrated). Results in $BENCH_DIR/results-eligibility/.
#   bench/eligibility-only.sh [--duration 30s] [--rounds 1]
# Stops what it started: the API, the baseline and, if it was not already running, the cluster.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
duration=30s; rounds=1
while [[ $# -gt 0 ]]; do
  case "$1" in --duration) duration="$2"; shift 2;; --rounds) rounds="$2"; shift 2;; *) echo "unknown option $1" >&2; exit 2;; esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
source "$repo/bench/lib/cluster.sh"
out="$BENCH_DIR/results-eligibility"; rm -rf "$out"; mkdir -p "$out"
summary="$out/summary.txt"
log() { echo "$*" | tee -a "$summary"; }
pids=(); started_cluster=0
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [[ $started_cluster -eq 1 ]] && cluster_stop
  true
}
trap cleanup EXIT

log "# Eligibility only, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet || echo ' (dirty)')"
log "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
as_pg "$PGBIN/pg_ctl" -D "$BENCH_DIR/data" status >/dev/null 2>&1 || started_cluster=1
cluster_start
log "households: $(psql -X -At -c 'SELECT count(*) FROM households'), audit entries before: $(psql -X -At -c 'SELECT count(*) FROM audit_log')"

source "$repo/bench/lib/apps.sh"
start_apps

big_commune=25747
province=$(psql -X -At -c "SELECT province_code FROM communes WHERE code = '$big_commune'")
communes=$(psql -X -At -c "SELECT string_agg(code, ',') FROM communes WHERE province_code = '$province'")
official=$("$repo/bench/mint-token.py" "$key" commune-official "$communes")
psql -X -At -c "SELECT id FROM households WHERE province_code = '$province' ORDER BY md5(id::text) LIMIT 50000" > "$out/ids.txt"

url=$baseline run_wrk baseline-warmup 32 5s random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/baseline/households/{id}" TOKEN=
url=$api run_wrk eligibility-warmup 32 5s random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/api/v1/households/{id}/eligibility" TOKEN="$official"
for r in $(seq 1 "$rounds"); do
  url=$baseline run_wrk "baseline-$r" 32 "$duration" random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/baseline/households/{id}" TOKEN=
  before=$(psql -X -At -c "SELECT count(*) FROM audit_log WHERE action = 'read'")
  # Mid-run: CPU per process and what the database backends wait on.
  ( sleep 10; top -b -n 2 -d 3 -w 200 | awk '/^top -/ {n++} n == 2' | head -20 > "$out/top-$r.txt"
    for _ in 1 2 3 4 5; do psql -X -At -c "SELECT coalesce(wait_event_type || ':' || wait_event, state), count(*) FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 2 DESC" >> "$out/waits-$r.txt"; echo --- >> "$out/waits-$r.txt"; sleep 1; done ) &
  url=$api run_wrk "eligibility-$r" 32 "$duration" random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/api/v1/households/{id}/eligibility" TOKEN="$official"
  log "  read entries written during eligibility-$r: $(psql -X -At -F' ' -c "SELECT count(*), 'in', count(DISTINCT xmin::text), 'transactions'
    FROM audit_log WHERE action = 'read' AND id > (SELECT max(id) FROM audit_log) - $(( $(psql -X -At -c "SELECT count(*) FROM audit_log WHERE action = 'read'") - before ))")"
done
if [[ "${DIAGNOSTIC:-0}" == 1 ]]; then
  psql -X -q -c "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" >/dev/null
  url=$api run_wrk eligibility-diagnostic-async-commit 32 15s random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/api/v1/households/{id}/eligibility" TOKEN="$official"
  psql -X -q -c "ALTER SYSTEM RESET synchronous_commit" -c "SELECT pg_reload_conf()" >/dev/null
fi
log "audit entries after: $(psql -X -At -c 'SELECT count(*) FROM audit_log')"
