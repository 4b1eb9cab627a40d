#!/usr/bin/env bash
# The benchmark, end to end, in one command (bench/README.md says what each step measures and the targets):
#   bench/run.sh [--households N] [--seed S] [--duration 30s] [--reuse] [--import]
# 1. a dedicated PostgreSQL cluster in $BENCH_DIR (default /tmp/eligibility-bench, port 54400), run as postgres;
# 2. a fresh database with db/migrations applied in name order (skipped with --reuse when it already holds N households);
# 3. bench/generate (N households, default 1,000,000);
# 4. the API in Release (Production environment, Auth__SigningKey set, rate limits raised) and the baseline app;
# 5. wrk: eligibility of random households vs the baseline at 32 connections; lookup of 1,000 ID numbers; the
#    eligible-households list of the 10,000+ commune; the XLSX export of a 10,000-line confirmation list; the
#    re-derivation of within_income_150; API RSS after each load; EXPLAIN (ANALYZE, BUFFERS) of the hot queries.
# 6. with --import, then bench/import.sh: N survey rows imported into one round vs a plain COPY of the same file, on a
#    cluster and data set of its own ($BENCH_DIR-import, port $PGPORT_BENCH + 10; --reuse passed on), after this run's
#    API and baseline are stopped; its summary is appended to this one.
# Results: $BENCH_DIR/results/ (summary.txt, raw wrk output, explain.txt). Needs wrk (apt-get install -y wrk).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
n=1000000; seed=42; duration=30s; reuse=0; big_commune=25747; import=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --households) n="$2"; shift 2;; --seed) seed="$2"; shift 2;; --duration) duration="$2"; shift 2;;
    --reuse) reuse=1; shift;; --import) import=1; shift;; *) echo "unknown option $1" >&2; exit 2;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
source "$repo/bench/lib/cluster.sh"
out="$BENCH_DIR/results"; rm -rf "$out"; mkdir -p "$out"
summary="$out/summary.txt"
log() { echo "$*" | tee -a "$summary"; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

log "# Eligibility benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
log "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -r)"
log "dotnet $(dotnet --version), $("$PGBIN/postgres" --version), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
log "households: $n, seed: $seed, wrk duration: $duration"

# --- 1-3. cluster, schema, data -----------------------------------------------------------------------------------
cluster_start
have=$(psql -X -At -c "SELECT count(*) FROM households" 2>/dev/null || echo 0)
if [[ $reuse -eq 1 && "$have" == "$n" ]]; then
  log "data: reused ($have households already loaded)"
else
  database_create "$repo"
  start=$(date +%s)
  "$repo/bench/generate" --households "$n" --seed "$seed" --big-commune "$big_commune" > "$out/generate.log" 2>&1
  log "data: generated in $(( $(date +%s) - start )) s"
  grep -A12 "^ *check" "$out/generate.log" >> "$summary" || true
fi
psql -X -At -F' ' -c "SELECT 'rows: households', (SELECT count(*) FROM households), 'members', (SELECT count(*) FROM members),
    'statuses', (SELECT count(*) FROM household_statuses), 'reviews', (SELECT count(*) FROM poverty_reviews),
    'communes with households', (SELECT count(DISTINCT commune_code) FROM households),
    'database size', pg_size_pretty(pg_database_size(current_database()))" | tee -a "$summary"
psql -X -At -F' ' -c "SELECT 'commune $big_commune households:', count(*) FROM households WHERE commune_code = '$big_commune'" | tee -a "$summary"

# --- 4. the API and the baseline ----------------------------------------------------------------------------------
source "$repo/bench/lib/apps.sh"
start_apps
rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2/1024}' "/proc/$api_pid/status"; }
log "API pid $api_pid started: $(rss)"

# Random households of one province (a commune official's token names its communes; the province's is ~1 KB).
province=$(psql -X -At -c "SELECT province_code FROM communes WHERE code = '$big_commune'")
communes=$(psql -X -At -c "SELECT string_agg(code, ',') FROM communes WHERE province_code = '$province'")
official=$("$repo/bench/mint-token.py" "$key" commune-official "$communes")
integrator=$("$repo/bench/mint-token.py" "$key" integrator)
psql -X -At -c "SELECT id FROM households WHERE province_code = '$province' ORDER BY md5(id::text) LIMIT 50000" > "$out/ids.txt"
log "random households: $(wc -l < "$out/ids.txt") of province $province ($(echo "$communes" | tr ',' '\n' | wc -l) communes)"

# --- 5a. eligibility vs baseline, 32 connections, same run ---------------------------------------------------------
url=$baseline run_wrk baseline-warmup 32 5s random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/baseline/households/{id}" TOKEN=
url=$api run_wrk eligibility-warmup 32 5s random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/api/v1/households/{id}/eligibility" TOKEN="$official"
url=$baseline run_wrk baseline 32 "$duration" random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/baseline/households/{id}" TOKEN=
url=$api run_wrk eligibility 32 "$duration" random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/api/v1/households/{id}/eligibility" TOKEN="$official"
log "API after eligibility load: $(rss)"
# Diagnostic, not a target: the same load with the cluster's synchronous_commit off, to show how much of the gap is
# the audit chain's serialised, fsynced commit per personal-data read (bench/README.md, findings).
psql -X -q -c "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" >/dev/null
url=$api run_wrk eligibility-diagnostic-async-commit 32 15s random-get.lua IDS_FILE="$out/ids.txt" PATH_TEMPLATE="/api/v1/households/{id}/eligibility" TOKEN="$official"
psql -X -q -c "ALTER SYSTEM RESET synchronous_commit" -c "SELECT pg_reload_conf()" >/dev/null

# --- 5b. lookup of 1,000 ID numbers -------------------------------------------------------------------------------
psql -X -At -c "SELECT json_build_object('personalIds', json_agg(personal_id)) FROM (SELECT personal_id FROM members
    WHERE personal_id IS NOT NULL ORDER BY md5(id::text) LIMIT 1000) x" > "$out/lookup-body.json"
url=$api run_wrk lookup-1000-warmup 1 5s fixed.lua METHOD=POST REQ_PATH=/api/v1/eligibility/lookup BODY_FILE="$out/lookup-body.json" TOKEN="$integrator"
url=$api run_wrk lookup-1000-c1 1 "$duration" fixed.lua METHOD=POST REQ_PATH=/api/v1/eligibility/lookup BODY_FILE="$out/lookup-body.json" TOKEN="$integrator"
url=$api run_wrk lookup-1000-c4 4 "$duration" fixed.lua METHOD=POST REQ_PATH=/api/v1/eligibility/lookup BODY_FILE="$out/lookup-body.json" TOKEN="$integrator"
log "API after lookup load: $(rss)"

# --- 5c. eligible-households of the 10,000+ commune, page of 100 ----------------------------------------------------
bigtoken=$("$repo/bench/mint-token.py" "$key" commune-official "$big_commune")
for programme in poor-household near-poor-household newly-escaped-household income-150 job-creation; do
  # Warm-up (first request of a query shape: JIT and the connection's first plans, up to ~0.9 s), not measured.
  url=$api run_wrk "list-$programme-warmup" 1 3s fixed.lua METHOD=GET \
    REQ_PATH="/api/v1/communes/$big_commune/eligible-households?programme=$programme&pageSize=100&page=2" TOKEN="$bigtoken"
  for page in 1 3; do
    url=$api run_wrk "list-$programme-p$page" 1 10s fixed.lua METHOD=GET \
      REQ_PATH="/api/v1/communes/$big_commune/eligible-households?programme=$programme&pageSize=100&page=$page" TOKEN="$bigtoken"
  done
done
url=$api run_wrk list-poor-household-c8 8 10s fixed.lua METHOD=GET \
  REQ_PATH="/api/v1/communes/$big_commune/eligible-households?programme=poor-household&pageSize=100" TOKEN="$bigtoken"
log "API after list load: $(rss)"

# --- 5d. XLSX export of a 10,000-line confirmation list (and a 1,000-line one, for memory vs size) -----------------
small_commune=$(psql -X -At -c "SELECT commune_code FROM households WHERE commune_code <> '$big_commune' GROUP BY 1 HAVING count(*) >= 1000 ORDER BY count(*) LIMIT 1")
psql -X -q -v commune="$big_commune" -v lines=10000 -f "$repo/bench/sql/loan-requests.sql"
psql -X -q -v commune="$small_commune" -v lines=1000 -f "$repo/bench/sql/loan-requests.sql"
export_list() { # commune lines
  local commune="$1" lines="$2" token; token=$("$repo/bench/mint-token.py" "$key" commune-official "$commune")
  local created; created=$(curl -s -w '\n%{http_code} %{time_total}' -X POST "$api/api/v1/communes/$commune/confirmation-lists" \
    -H "Authorization: Bearer $token" -H 'content-type: application/json' -d '{"programme":"job-creation"}')
  local id; id=$(echo "$created" | head -1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  log "compile $lines-line list in $commune: HTTP/time $(echo "$created" | tail -1) s"
  local i t sampler peak
  for i in 1 2 3 4 5; do
    ( peak=0; while kill -0 "$api_pid" 2>/dev/null; do r=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$api_pid/status"); \
      (( r > peak )) && peak=$r && echo "$peak" > "$out/rss-peak"; sleep 0.02; done ) & sampler=$!
    local before; before=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$api_pid/status")
    t=$(curl -s -o "$out/list-$lines.xlsx" -w '%{http_code} %{time_total} %{size_download}' -H "Authorization: Bearer $token" \
      "$api/api/v1/confirmation-lists/$id?format=xlsx")
    sleep 0.1; kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    log "export $lines lines xlsx #$i: HTTP/time/bytes $t; API RSS before ${before} MB, peak during $(cat "$out/rss-peak") MB"
    rm -f "$out/rss-peak"
  done
}
export_list "$small_commune" 1000
export_list "$big_commune" 10000
log "API after export: $(rss)"

# --- 5e. re-derivation of within_income_150 for every status (rolled back) -----------------------------------------
psql -X -f "$repo/bench/sql/rederive.sql" > "$out/rederive.txt" 2>&1
grep -E "^(UPDATE|Time|NOTICE|re-derive)" "$out/rederive.txt" | tee -a "$summary"

# --- 5f. EXPLAIN (ANALYZE, BUFFERS) of the hot queries ---------------------------------------------------------------
one=$(head -1 "$out/ids.txt")
psql -X -v id="$one" -v commune="$big_commune" -f "$repo/bench/sql/explain.sql" > "$out/explain.txt" 2>&1
log "API final: $(rss)"
log "results in $out"

# --- 6. optional: the bulk survey import (bench/import.sh, its own cluster and data set) ----------------------------
if [[ $import -eq 1 ]]; then
  cleanup; pids=()
  import_args=(--rows "$n" --seed "$seed"); [[ $reuse -eq 1 ]] && import_args+=(--reuse)
  BENCH_DIR="$BENCH_DIR-import" PGPORT_BENCH=$(( PGPORT_BENCH + 10 )) "$repo/bench/import.sh" "${import_args[@]}" \
    || log "bench/import.sh failed (exit $?)"
  cat "$BENCH_DIR-import/results-import/summary.txt" >> "$summary" 2>/dev/null || true
fi
