# Dedicated PostgreSQL cluster for the benchmark (sourced by run.sh). Root runs the server as the postgres user,
# as src/Eligibility.Infrastructure/Database/LocalPostgres.cs does.
BENCH_DIR="${BENCH_DIR:-/tmp/eligibility-bench}"
PGPORT_BENCH="${PGPORT_BENCH:-54400}"
PGBIN="${ELIGIBILITY_PG_BIN:-$(pg_config --bindir 2>/dev/null || true)}"
[[ -x "$PGBIN/initdb" ]] || PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$PGBIN/initdb" ]] || PGBIN="$(dirname "$(command -v initdb)")"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
export PGHOST=127.0.0.1 PGPORT="$PGPORT_BENCH" PGUSER=postgres PGDATABASE=eligibility_bench

cluster_start() {
  mkdir -p "$BENCH_DIR"
  [[ $(id -u) -eq 0 ]] && chown postgres "$BENCH_DIR"
  if [[ ! -f "$BENCH_DIR/data/PG_VERSION" ]]; then
    as_pg "$PGBIN/initdb" -D "$BENCH_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
    cat >> "$BENCH_DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PGPORT_BENCH
unix_socket_directories = '$BENCH_DIR'
max_connections = 200
shared_buffers = 2GB
effective_cache_size = 12GB
work_mem = 16MB
maintenance_work_mem = 1GB
max_wal_size = 8GB
checkpoint_timeout = 30min
random_page_cost = 1.1
jit = off
CONF
  fi
  as_pg "$PGBIN/pg_ctl" -D "$BENCH_DIR/data" -l "$BENCH_DIR/postgres.log" -w -t 60 status >/dev/null 2>&1 \
    || as_pg "$PGBIN/pg_ctl" -D "$BENCH_DIR/data" -l "$BENCH_DIR/postgres.log" -w -t 60 start >/dev/null
}

cluster_stop() { as_pg "$PGBIN/pg_ctl" -D "$BENCH_DIR/data" -m fast -w stop >/dev/null 2>&1 || true; }

# A new empty database with db/migrations/*.sql applied in name order, recorded in schema_migrations with the
# checksum MigrationRunner computes (SHA-256 of the file with LF line endings), so the API starts without re-applying.
database_create() {
  local repo="$1"
  psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE WITH (FORCE)" -c "CREATE DATABASE $PGDATABASE"
  # The API's role of migration 0050 (README, "Database roles"): the API under measurement connects as it.
  psql -X -q -d postgres -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'eligibility_api') THEN CREATE ROLE eligibility_api LOGIN; END IF; END \$\$"
  psql -X -q -c "CREATE TABLE schema_migrations (name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
  local f
  for f in $(ls "$repo"/db/migrations/*.sql | LC_ALL=C sort); do
    local sum; sum=$(tr -d '\r' < "$f" | sha256sum | cut -d' ' -f1)
    { cat "$f"; printf "\nINSERT INTO schema_migrations (name, checksum) VALUES ('%s', '%s');\n" "$(basename "$f")" "$sum"; } \
      | psql -X -q -v ON_ERROR_STOP=1 -1 >/dev/null
  done
}
