#!/usr/bin/env bash
# Import of N survey rows into one review round (issue 6: at most 60 s, and at most 3x a plain COPY of the same file
# into a bare table, measured in the same run), on a cluster of its own:
#   bench/import.sh [--rows N] [--seed S] [--commune CODE] [--reuse] [--no-cli] [--no-floor]
# 1. a dedicated PostgreSQL cluster in $BENCH_DIR (default /tmp/eligibility-bench-import, port $PGPORT_BENCH, default
#    54410; not run.sh's data set, which spreads its households over every commune);
# 2. data: bench/generate with N households in one commune (default 25747) and N/20 spread over the others; two
#    regular review rounds of that commune opened through the API (A: last month, B: the month before); a request
#    filed in both for each household not already on their lists (SQL, the rows POST .../requests writes, without its
#    per-request audit entries: set-up, not measured); the survey CSVs (SQL COPY ... TO STDOUT) in the documented
#    columns, one row per household, derivable indicators left empty. The state is kept as a template database, so
#    --reuse starts each run from the same state (no earlier import) without regenerating;
# 3. the API in Release (Production environment, Auth__SigningKey set, rate limits raised), as run.sh starts it, built
#    into $BENCH_DIR/build so as not to touch the shared bin/ and obj/ folders;
# 4. measured, in this order:
#    (a) the reference: psql \copy of the round-A file into a bare table (the CSV's columns as text, no index), 3 times;
#    (b) POST /api/v1/review-rounds/{A}/survey-imports with the same file: wall time, the API's VmRSS sampled every
#        0.1 s (and VmHWM), CPU of the API, of this cluster and of the whole machine over the import;
#    (c) the same file again (same bytes: 200, the first report, nothing new) and the same rows with other bytes
#        (CRLF line endings: 201, every row alreadyImported, nothing new);
#    (d) round B's file with one bad row (the last, surveyed before the window): 422 listing it, nothing stored;
#    (e) round B's good file through the CLI (import-survey), unless --no-cli;
#    (f) the floor, unless --no-floor: the reviews (b) stored, COPied back (binary) into an empty copy of poverty_reviews
#        with its indexes, checks, foreign keys and compression: what storing those rows costs by itself.
# Results: $BENCH_DIR/results-import/ (summary.txt, the reports, RSS samples, logs). Stops what it started (the API and,
# if it was not running, the cluster); leaves the data directory in place.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
n=1000000; seed=42; commune=25747; reuse=0; cli=1; floor=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rows) n="$2"; shift 2;; --seed) seed="$2"; shift 2;; --commune) commune="$2"; shift 2;;
    --reuse) reuse=1; shift;; --no-cli) cli=0; shift;; --no-floor) floor=0; shift;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
export BENCH_DIR="${BENCH_DIR:-/tmp/eligibility-bench-import}" PGPORT_BENCH="${PGPORT_BENCH:-54410}"
api_port="${IMPORT_API_PORT:-5095}"
source "$repo/bench/lib/cluster.sh"
base_db="${PGDATABASE}_base"
data="$BENCH_DIR/import-data"
out="$BENCH_DIR/results-import"; rm -rf "$out"; mkdir -p "$out" "$data"
summary="$out/summary.txt"
log() { echo "$*" | tee -a "$summary"; }
now() { date +%s.%N; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; }
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {'d': d}))" "$@"; }
api_pid=""; sampler=""; started_cluster=0
cleanup() {
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null || true
  [[ -n "$api_pid" ]] && { kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; }
  [[ $started_cluster -eq 1 ]] && cluster_stop
  true
}
trap cleanup EXIT

log "# Survey import benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- src db || echo ' (src/db dirty)')"
log "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(uname -r)"
log "dotnet $(dotnet --version), $("$PGBIN/postgres" --version); cluster $BENCH_DIR port $PGPORT_BENCH"
as_pg "$PGBIN/pg_ctl" -D "$BENCH_DIR/data" status >/dev/null 2>&1 || started_cluster=1
cluster_start

# --- the API (Release, Production), built apart from the shared bin/obj ----------------------------------------------
dotnet build -c Release "$repo/src/Eligibility.Api" --artifacts-path "$BENCH_DIR/build" -v q -nologo > "$out/build.log" 2>&1 \
  || { echo "the build failed; see $out/build.log" >&2; exit 1; }
bin="$BENCH_DIR/build/bin/Eligibility.Api/release"
key="$(openssl rand -base64 32)"
cs="Host=127.0.0.1;Port=$PGPORT_BENCH;Username=postgres;Database=$PGDATABASE;Maximum Pool Size=64"
api="http://127.0.0.1:$api_port"
app_env=(ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Eligibility="${cs/Username=postgres/Username=eligibility_api}" Auth__SigningKey="$key"
  Audit__CheckpointKey="$(head -c 32 /dev/urandom | base64)" Audit__CheckpointDirectory="$out/checkpoints" Audit__CheckpointIntervalMinutes=0
  RateLimiting__PermitsPerMinute=100000000 RateLimiting__AnonymousPermitsPerMinute=100000000 Logging__LogLevel__Default=Warning
  Logging__LogLevel__Eligibility.Infrastructure.SurveyImport=Information)
start_api() {
  (cd "$bin" && exec env "${app_env[@]}" ./Eligibility.Api --urls "$api" >> "$out/api.log" 2>&1) &
  api_pid=$!
  for _ in $(seq 1 120); do curl -fs "$api/health/ready" >/dev/null 2>&1 && break; sleep 1; done
  curl -fs "$api/health/ready" >/dev/null && kill -0 "$api_pid" 2>/dev/null \
    || { echo "the API did not start (or another process answers on $api); see $out/api.log" >&2; exit 1; }
}
stop_api() { kill "$api_pid"; wait "$api_pid" 2>/dev/null || true; api_pid=""; }
official=$("$repo/bench/mint-token.py" "$key" commune-official "$commune")

# --- data: households, two rounds, requests, files (kept as a template database) -------------------------------------
month_a=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m); month_b=$(date -d "$(date +%Y-%m-01) -2 month" +%Y-%m)
want="files=2 rows=$n seed=$seed commune=$commune months=$month_a,$month_b migrations=$(cat "$repo"/db/migrations/*.sql | sha256sum | cut -c1-12)"
have_base=$(psql -X -At -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$base_db'")
if [[ $reuse -eq 1 && "$have_base" == 1 && -f "$data/dataset" && "$(cat "$data/dataset")" == "$want" ]]; then
  start=$(now)
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE WITH (FORCE)" -c "CREATE DATABASE $PGDATABASE TEMPLATE $base_db STRATEGY FILE_COPY"
  log "data: reused ($want), database restored from $base_db in $(minus "$(now)" "$start") s"
else
  rm -f "$data/dataset"
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $base_db"
  database_create "$repo"
  start=$(now)
  "$repo/bench/generate" --households $(( n + n / 20 )) --seed "$seed" --big-commune "$commune" --big-count "$n" > "$out/generate.log" 2>&1
  log "data: generated $(( n + n / 20 )) households ($n in commune $commune) in $(minus "$(now)" "$start") s"
  grep -A10 "^ *check" "$out/generate.log" >> "$summary" || true
  start_api
  for month in "$month_a" "$month_b"; do
    code=$(curl -s -o "$out/round-$month.json" -w '%{http_code}' -X POST "$api/api/v1/communes/$commune/review-rounds" \
      -H "Authorization: Bearer $official" -H 'content-type: application/json' -d "{\"kind\":\"regular\",\"month\":\"$month\"}")
    [[ "$code" == 201 || "$code" == 200 ]] || { echo "opening the $month round: HTTP $code ($(cat "$out/round-$month.json"))" >&2; exit 1; }
  done
  stop_api
  start=$(now)
  # The rows POST /review-rounds/{id}/requests writes (ReviewRoundRequest.File), for each household of the commune that
  # is not on the round's list already (poor or near-poor on its first day).
  psql -X -q -v ON_ERROR_STOP=1 -c "
    INSERT INTO review_round_requests (round_id, household_id, province_code, commune_code, filed_on, reason, created_at)
    SELECT r.id, h.id, r.province_code, r.commune_code, r.window_start, 'Đề nghị rà soát (bench)', now()
    FROM review_rounds r JOIN households h ON h.commune_code = r.commune_code
    WHERE r.commune_code = '$commune' AND r.kind = 'regular'
      AND NOT EXISTS (SELECT 1 FROM household_statuses st WHERE st.household_id = h.id AND st.classification IN ('poor', 'near-poor')
                      AND st.effective_date <= r.window_start AND (st.valid_to IS NULL OR st.valid_to > r.window_start))" \
    -c "VACUUM (ANALYZE) review_round_requests, review_rounds, poverty_reviews"
  log "data: requests filed in $(minus "$(now)" "$start") s: $(psql -X -At -c "SELECT string_agg(r.year || '-' || lpad(r.month::text, 2, '0') || ' ' || (SELECT count(*) FROM review_round_requests q WHERE q.round_id = r.id), ', ') FROM review_rounds r WHERE r.commune_code = '$commune'")"
  # One row per household of the commune, in village order; the answers are functions of the household id. 80% give the
  # monthly income per person, 20% the household's yearly income; dependants, health-insurance and housing-area are
  # left empty (derived from the members and floor_area), the other indicators 0/1 (child-schooling too: the generated
  # attendance is recorded for ages 3-15 on 2026-11-21, not on an earlier survey date, so it is not always derivable).
  for month in "$month_a" "$month_b"; do
    start=$(now)
    psql -X -q -v ON_ERROR_STOP=1 -c "COPY (
      WITH w AS (SELECT id, window_start, (window_end - window_start + 1) AS days FROM review_rounds
                 WHERE commune_code = '$commune' AND kind = 'regular' AND year = ${month%-*} AND month = ${month#*-}),
      h AS (SELECT h.id, h.village_id, w.window_start, w.days,
                   (hashtextextended(h.id::text, $seed) & 1048575) / 1048576.0 AS u FROM households h, w WHERE h.commune_code = '$commune')
      SELECT h.id AS household_id,
             h.window_start + (hashtextextended(h.id::text, $seed + 1) & 2147483647)::int % h.days AS survey_date,
             CASE WHEN h.u < 0.8 THEN round(400000 + 3600000 * h.u / 0.8, -3) END AS income_per_person_monthly,
             CASE WHEN h.u >= 0.8 THEN round(12000000 + 150000000 * (h.u - 0.8) / 0.2, -3) END AS household_income_12_months,
             15 + (hashtextextended(h.id::text, $seed + 2) & 2147483647) % 100 AS floor_area,
             $(i=3; for c in employment dependants nutrition health-insurance adult-education child-schooling housing-quality \
                 housing-area drinking-water sanitation telecom-use information-access; do
                 case "$c" in dependants|health-insurance|housing-area) printf "NULL AS \"%s\", " "$c";;
                   *) printf "CASE WHEN (hashtextextended(h.id::text, %d) & 1023) < 160 THEN 1 ELSE 0 END AS \"%s\", " $((seed + i)) "$c";; esac
                 i=$((i + 1)); done | sed 's/, $//')
      FROM h ORDER BY h.village_id, h.id) TO STDOUT WITH (FORMAT csv, HEADER true)" > "$data/survey-$month.csv"
    log "data: $data/survey-$month.csv, $(( $(wc -l < "$data/survey-$month.csv") - 1 )) rows, $(du -m "$data/survey-$month.csv" | cut -f1) MB, in $(minus "$(now)" "$start") s"
  done
  sed 's/$/\r/' "$data/survey-$month_a.csv" > "$data/survey-$month_a-crlf.csv"
  # The last row surveyed the day before round B's window: refused, and with it the whole file.
  awk -F, -v OFS=, -v last=$(( n + 1 )) -v day="$(date -d "$month_b-01 -1 day" +%F)" 'NR == last { $2 = day } 1' \
    "$data/survey-$month_b.csv" > "$data/survey-$month_b-bad.csv"
  psql -X -q -d postgres -c "CREATE DATABASE $base_db TEMPLATE $PGDATABASE STRATEGY FILE_COPY"
  echo "$want" > "$data/dataset"
fi
round_a=$(psql -X -At -c "SELECT id FROM review_rounds WHERE commune_code = '$commune' AND kind = 'regular' AND year = ${month_a%-*} AND month = ${month_a#*-}")
round_b=$(psql -X -At -c "SELECT id FROM review_rounds WHERE commune_code = '$commune' AND kind = 'regular' AND year = ${month_b%-*} AND month = ${month_b#*-}")
file="$data/survey-$month_a.csv"
rows=$(( $(wc -l < "$file") - 1 ))
log "rows: $rows in commune $commune ($(psql -X -At -c "SELECT count(*) FROM households WHERE commune_code = '$commune'") households; $(psql -X -At -c "SELECT count(*) FROM households") in all), file $(du -m "$file" | cut -f1) MB; round A $month_a $round_a, round B $month_b $round_b"
log "database: $(psql -X -At -c "SELECT pg_size_pretty(pg_database_size(current_database()))"), poverty_reviews: $(psql -X -At -c "SELECT count(*) FROM poverty_reviews")"

start_api
rss_now() { local k v u; while read -r k v u; do [[ "$k" == "$1:" ]] && { echo $(( v / 1024 )); return; }; done < "/proc/$api_pid/status"; }
cpu_ticks() { local t=0 p; for p in "$@"; do [[ -r "/proc/$p/stat" ]] && t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$p/stat") )); done; echo "$t"; }
cluster_pids() { local pm; pm=$(head -1 "$BENCH_DIR/data/postmaster.pid"); echo "$pm $(pgrep -P "$pm" | xargs)"; }
machine() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
hz=$(getconf CLK_TCK)
reviews_in() { psql -X -At -c "SELECT count(*) FROM poverty_reviews WHERE round_id = '$1'"; }
log "load average before: $(cut -d' ' -f1-3 /proc/loadavg); API pid $api_pid: VmRSS $(rss_now VmRSS) MB"

# measure NAME CMD...: runs CMD (its output is the caller's) with the API's RSS sampled every 0.1 s into rss-NAME.tsv
# and CPU counted; sets elapsed, rss_start, rss_peak, rss_end, cpu_api, cpu_pg, busy.
measure() {
  local name="$1"; shift
  psql -X -q -c "CHECKPOINT"
  local pg_pids; pg_pids=$(cluster_pids)
  local a0 p0 m0 t0; a0=$(cpu_ticks "$api_pid"); p0=$(cpu_ticks $pg_pids); m0=$(machine); t0=$(now)
  rss_start=$(rss_now VmRSS)
  ( s=$(now); while kill -0 "$api_pid" 2>/dev/null; do echo "$(minus "$(now)" "$s") $(rss_now VmRSS)"; sleep 0.1; done ) > "$out/rss-$name.tsv" &
  sampler=$!
  "$@"
  elapsed=$(minus "$(now)" "$t0")
  kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true; sampler=""
  rss_end=$(rss_now VmRSS); rss_peak=$(awk -v p="$rss_end" '$2 > p { p = $2 } END { print p }' "$out/rss-$name.tsv")
  local m1; m1=$(machine)
  cpu_api=$(awk -v a="$(( $(cpu_ticks "$api_pid") - a0 ))" -v hz="$hz" 'BEGIN { printf "%.1f", a / hz }')
  cpu_pg=$(awk -v a="$(( $(cpu_ticks $(cluster_pids)) - p0 ))" -v hz="$hz" 'BEGIN { printf "%.1f", a / hz }')
  busy=$(echo "$m0 $m1" | awk '{ printf "%.0f", 100 * ($3 - $1) / ($4 - $2) }')
}
post() { # round file content-type report -> sets code
  code=$(curl -s -o "$4" -w '%{http_code}' -X POST "$api/api/v1/review-rounds/$1/survey-imports" \
    -H "Authorization: Bearer $official" -H "Content-Type: $3" --data-binary "@$2")
}
report() { json "$1" '"rows %s, created %s, alreadyImported %s, errors %s" % (d.get("rows"), d.get("created"), d.get("alreadyImported"), len(d.get("errors") or []))'; }
quartiles() { awk '{ t[NR] = $1; r[NR] = $2 } END { if (NR) printf "RSS at 25/50/75/100%% of the time: %s/%s/%s/%s MB", r[int(NR/4)+1], r[int(NR/2)+1], r[int(3*NR/4)+1], r[NR] }' "$1"; }

# --- (a) the reference: a plain COPY of the same file into a bare table ---------------------------------------------
columns=$(head -1 "$file" | tr -d '\r' | tr ',' '\n' | sed 's/.*/"&" text/' | paste -sd, -)
copies=()
for i in 1 2 3; do
  psql -X -q -c "DROP TABLE IF EXISTS bench_copy_reference" -c "CREATE TABLE bench_copy_reference ($columns)" -c "CHECKPOINT"
  t0=$(now)
  psql -X -q -c "\\copy bench_copy_reference FROM '$file' WITH (FORMAT csv, HEADER true)"
  copies+=("$(minus "$(now)" "$t0")")
done
copy_rows=$(psql -X -At -c "SELECT count(*) FROM bench_copy_reference")
psql -X -q -c "DROP TABLE bench_copy_reference"
copy_s=$(printf '%s\n' "${copies[@]}" | sort -n | sed -n 2p)
log "(a) COPY of the file into a bare table ($copy_rows rows): ${copies[*]} s; median $copy_s s"

# --- (b) the import through the API ----------------------------------------------------------------------------------
measure import post "$round_a" "$file" text/csv "$out/import.json"
import_s=$elapsed
log "(b) import via API: HTTP $code in $import_s s; $(report "$out/import.json"); reviews in round A: $(reviews_in "$round_a")"
log "    API VmRSS start $rss_start MB, peak $rss_peak MB, end $rss_end MB, VmHWM $(rss_now VmHWM) MB; $(quartiles "$out/rss-import.tsv")"
log "    CPU over the import: API $cpu_api s, this cluster $cpu_pg s, machine busy $busy% of $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
ratio=$(awk -v a="$import_s" -v b="$copy_s" 'BEGIN { printf "%.1f", a / b }')
verdict() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b ? "pass" : "FAIL") }'; }
log "    target: import ≤ 60 s: $(verdict "$import_s" 60) ($import_s s); ≤ 3x COPY: $(verdict "$ratio" 3) (${ratio}x of $copy_s s)"
[[ "$code" == 201 ]] || log "    the import did not answer 201: $(head -c 600 "$out/import.json")"
phases=$(grep -ho "rows staged in.*committed in [0-9]* ms" "$out/api.log" | tail -1 || true)
[[ -n "$phases" ]] && log "    the API's log of it: $phases"

# --- (c) idempotence: the same file, then the same rows with other bytes ---------------------------------------------
measure replay post "$round_a" "$file" text/csv "$out/replay.json"
first=$(json "$out/import.json" 'd.get("importId")'); again=$(json "$out/replay.json" 'd.get("importId")')
same=$([[ "$first" != None && "$first" == "$again" ]] && echo yes || echo no)
log "(c) same file again: HTTP $code in $elapsed s; $(report "$out/replay.json"); same importId: $same; reviews in round A: $(reviews_in "$round_a"); API RSS peak $rss_peak MB"
measure crlf post "$round_a" "$data/survey-$month_a-crlf.csv" text/csv "$out/crlf.json"
log "    same rows, CRLF line endings (other bytes): HTTP $code in $elapsed s; $(report "$out/crlf.json"); reviews in round A: $(reviews_in "$round_a"); API RSS peak $rss_peak MB"

# --- (d) all or nothing: one bad row at the end --------------------------------------------------------------------
measure bad post "$round_b" "$data/survey-$month_b-bad.csv" text/csv "$out/bad.json"
log "(d) round B, last row surveyed before the window: HTTP $code in $elapsed s; $(report "$out/bad.json"): $(json "$out/bad.json" '(d.get("errors") or [None])[0]'); reviews in round B: $(reviews_in "$round_b"); API RSS peak $rss_peak MB"

# --- (e) the CLI, round B's good file --------------------------------------------------------------------------------
if [[ $cli -eq 1 ]]; then
  psql -X -q -c "CHECKPOINT"
  t0=$(now)
  set +e
  (cd "$bin" && exec env "${app_env[@]}" /usr/bin/time -f '%e %M' -o "$out/cli.time" ./Eligibility.Api import-survey --round "$round_b" \
    --file "$data/survey-$month_b.csv") > "$out/cli.json" 2> "$out/cli.log"
  status=$?
  set -e
  elapsed=$(minus "$(now)" "$t0")
  sed -n '/^{/,/^}/p' "$out/cli.json" > "$out/cli-report.json"  # the report, without any log line printed before it
  log "(e) CLI import-survey, round B: exit $status in $elapsed s (process start included; max RSS $(tail -1 "$out/cli.time" | awk '{ printf "%d", $2 / 1024 }') MB); $(report "$out/cli-report.json" 2>/dev/null || head -c 300 "$out/cli.json"); reviews in round B: $(reviews_in "$round_b")"
fi

# --- (f) the floor: storing the imported reviews by themselves ------------------------------------------------------
if [[ $floor -eq 1 ]]; then
  psql -X -q -c "\\copy (SELECT * FROM poverty_reviews WHERE round_id = '$round_a') TO '$data/reviews-a.bin' WITH (FORMAT binary)"
  psql -X -q -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS bench_reviews_floor" -c "CREATE TABLE bench_reviews_floor (LIKE poverty_reviews INCLUDING ALL)" -c "
    DO \$\$ DECLARE k record; BEGIN
      FOR k IN SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'poverty_reviews'::regclass AND contype = 'f' LOOP
        EXECUTE 'ALTER TABLE bench_reviews_floor ADD ' || k.def;
      END LOOP;
    END \$\$" -c "CHECKPOINT"
  t0=$(now)
  psql -X -q -c "\\copy bench_reviews_floor FROM '$data/reviews-a.bin' WITH (FORMAT binary)"
  floor_s=$(minus "$(now)" "$t0")
  log "(f) the $(psql -X -At -c "SELECT count(*) FROM bench_reviews_floor") reviews of (b) COPied (binary, $(du -m "$data/reviews-a.bin" | cut -f1) MB) into a copy of poverty_reviews with its indexes, foreign keys and compression: $floor_s s; import/this: $(awk -v a="$import_s" -v b="$floor_s" 'BEGIN { printf "%.1f", a / b }')x"
  psql -X -q -c "DROP TABLE bench_reviews_floor"; rm -f "$data/reviews-a.bin"
fi
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg); API final VmRSS $(rss_now VmRSS) MB, VmHWM $(rss_now VmHWM) MB"
log "results in $out"
