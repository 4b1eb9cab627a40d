#!/usr/bin/env bash
# Runs http-samples/*.http against a freshly started API in the Development environment and exits with
# httpyac's status. Builds nothing: run `dotnet build` first.
#
#   .ci/http-samples.sh                 API on http://localhost:5080
#   HTTP_SAMPLES_PORT=5181 .ci/http-samples.sh
#
# The API uses its usual database: ConnectionStrings__Eligibility if set, otherwise the project-local
# cluster in .local/postgres (started if needed; stopped again at the end if this script started it).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
port="${HTTP_SAMPLES_PORT:-5080}"
host="http://localhost:${port}"
log="$(mktemp "${TMPDIR:-/tmp}/eligibility-api.XXXXXX")"
api_pid=""

local_cluster=""
if [[ -z "${ConnectionStrings__Eligibility:-}" ]]; then
  local_cluster="${LocalDatabase__Directory:-.local/postgres}/data"
fi
cluster_was_running=false
if [[ -n "$local_cluster" && -f "$local_cluster/postmaster.pid" ]]; then
  cluster_was_running=true
fi

stop_local_cluster() {
  [[ -n "$local_cluster" && "$cluster_was_running" == false && -f "$local_cluster/postmaster.pid" ]] || return 0
  local bin="${ELIGIBILITY_PG_BIN:-}"
  if [[ -z "$bin" ]]; then
    bin="$(pg_config --bindir 2>/dev/null || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  fi
  [[ -x "$bin/pg_ctl" ]] || return 0
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$local_cluster" -m fast -w stop >/dev/null || true
  else
    "$bin/pg_ctl" -D "$local_cluster" -m fast -w stop >/dev/null || true
  fi
}

cleanup() {
  if [[ -n "$api_pid" ]] && kill -0 "$api_pid" 2>/dev/null; then
    # The API runs in its own process group (setsid): stop dotnet run and the app it started.
    kill -TERM -- "-$api_pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$api_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$api_pid" 2>/dev/null || true
  fi
  stop_local_cluster
  rm -f "$log"
}
trap cleanup EXIT

show_log() {
  echo "----- API log ($log) -----" >&2
  cat "$log" >&2
  echo "----- end of API log -----" >&2
}

if curl -s -o /dev/null --max-time 2 "$host/health/live"; then
  echo "Something already answers on $host; stop it or set HTTP_SAMPLES_PORT." >&2
  exit 1
fi

echo "Starting the API on $host ..."
ASPNETCORE_ENVIRONMENT=Development setsid dotnet run --no-build --project src/Eligibility.Api -- --urls "$host" >"$log" 2>&1 &
api_pid=$!

ready=false
for _ in $(seq 90); do
  if ! kill -0 "$api_pid" 2>/dev/null; then
    echo "The API exited before it was ready." >&2
    show_log
    exit 1
  fi
  if curl -sf -o /dev/null --max-time 2 "$host/health/ready"; then
    ready=true
    break
  fi
  sleep 1
done
if [[ "$ready" != true ]]; then
  echo "The API was not ready within 90 s." >&2
  show_log
  exit 1
fi

echo "Linting the OpenAPI document with spectral's oas ruleset ..."
openapi="$(mktemp "${TMPDIR:-/tmp}/openapi.XXXXXX.json")"
curl -sf "$host/openapi/v1.json" -o "$openapi"
if ! npx --yes @stoplight/spectral-cli lint "$openapi" --ruleset .spectral.yaml --fail-severity error; then
  echo "The OpenAPI document has lint errors." >&2
  exit 1
fi

status=0
npx --yes httpyac send http-samples/*.http --all --var "host=$host" --output short --output-failed exchange || status=$?
if [[ "$status" != 0 ]]; then
  echo "httpyac failed with status $status." >&2
  show_log
fi
exit "$status"
