# The API and the baseline as the measurements run them (sourced by run.sh and eligibility-only.sh, after
# lib/cluster.sh; they define repo, out, pids and log). Sets key, api, baseline and api_pid.
key="$(openssl rand -base64 32)"
api="http://127.0.0.1:5090"; baseline="http://127.0.0.1:5091"

# Builds both in Release and starts them on the bench cluster; returns when both answer.
start_apps() {
  dotnet build -c Release "$repo/src/Eligibility.Api" -v q -nologo > "$out/build.log" 2>&1
  dotnet build -c Release "$repo/bench/Eligibility.Bench.Baseline" -v q -nologo >> "$out/build.log" 2>&1
  local cs="Host=127.0.0.1;Port=$PGPORT_BENCH;Username=postgres;Database=$PGDATABASE;Maximum Pool Size=64"
  # The built app host (what `dotnet run -c Release --no-build` starts), run from its folder so appsettings.json and
  # the migrations beside it are found; its PID is then the API's own, for RSS.
  (cd "$repo/src/Eligibility.Api/bin/Release/net10.0" && exec env ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Eligibility="${cs/Username=postgres/Username=eligibility_api}" Auth__SigningKey="$key" \
    Audit__CheckpointKey="$(head -c 32 /dev/urandom | base64)" Audit__CheckpointDirectory="$out/checkpoints" Audit__CheckpointIntervalMinutes=0 \
    RateLimiting__PermitsPerMinute=100000000 \
    RateLimiting__AnonymousPermitsPerMinute=100000000 Logging__LogLevel__Default=Warning \
    ./Eligibility.Api --urls "$api" > "$out/api.log" 2>&1) &
  api_pid=$!; pids+=("$api_pid")
  # Raw Npgsql with its defaults, as issue 6 defines the baseline.
  (cd "$repo/bench/Eligibility.Bench.Baseline/bin/Release/net10.0" && exec env ConnectionStrings__Eligibility="$cs" \
    ./Eligibility.Bench.Baseline --urls "$baseline" > "$out/baseline.log" 2>&1) &
  pids+=("$!")
  for _ in $(seq 1 120); do
    curl -fs "$api/health/ready" >/dev/null 2>&1 && curl -s -o /dev/null "$baseline/" 2>/dev/null && break; sleep 1
  done
  curl -fs "$api/health/ready" >/dev/null || { echo "the API did not start; see $out/api.log" >&2; exit 1; }
}

run_wrk() { # name connections duration script env...   (against $url)
  local name="$1" c="$2" d="$3" script="$4"; shift 4
  env "$@" wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"$d" --timeout 10s -s "$repo/bench/wrk/$script" "${url:?}" > "$out/wrk-$name.txt" 2>&1 || true
  local result; result=$(grep '^RESULT' "$out/wrk-$name.txt" || echo "RESULT failed (see wrk-$name.txt)")
  log "$name: ${result#RESULT }"
}
