#!/usr/bin/env bash
# Hostile survey files against a running API (issue 12): peak RSS of the API for each upload, which must stay under
# 400 MB whatever the file, up to the 200 MiB body limit.
#   bench/hostile-files.sh [--keep-files]
# 1. generates the files in $HOSTILE_DIR (default /tmp/eligibility-hostile-files; python3 only): a zip bomb (1 GiB of
#    empty elements in the sheet), a shared-string table at its bounds (2,000,000 strings, 64 MB), 20,000 rows of 500 cells each, a row nested 50,000
#    deep, a CSV of 200 MiB on one line, and a CSV of 200 MiB of rows whose values are all wrong;
# 2. starts the API (Development, its own local cluster: LocalDatabase__Port $HOSTILE_PGPORT, default 54332, and
#    --urls http://127.0.0.1:$HOSTILE_PORT, default 5182) from the Debug build (dotnet build first), opens a review round
#    of the demo commune 24778 through the API;
# 3. posts each file, resetting the API's peak RSS before (/proc/PID/clear_refs) and reading VmHWM after, with the
#    status, the time and the file-refused reason;
# 4. stops the API and its cluster. Results: $HOSTILE_DIR/summary.txt.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
keep=0; [[ "${1:-}" == "--keep-files" ]] && keep=1
dir="${HOSTILE_DIR:-/tmp/eligibility-hostile-files}"; port="${HOSTILE_PORT:-5182}"; pgport="${HOSTILE_PGPORT:-54332}"
mkdir -p "$dir"; summary="$dir/summary.txt"; : > "$summary"
log() { echo "$*" | tee -a "$summary"; }
api_pid=""
cleanup() {
  [[ -n "$api_pid" ]] && { kill "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; }
  [[ -d "$repo/.local/postgres/data" ]] && runuser -u postgres -- /usr/lib/postgresql/15/bin/pg_ctl -D "$repo/.local/postgres/data" stop -m fast >/dev/null 2>&1 || true
  [[ $keep -eq 1 ]] || rm -f "$dir"/*.xlsx "$dir"/*.csv
}
trap cleanup EXIT

log "# Hostile survey files, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$repo" rev-parse --short HEAD)"
log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, load $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$dir" <<'PY'
import os, random, sys, zipfile
out = sys.argv[1]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEADER = ["household_id", "survey_date", "income_per_person_monthly", "floor_area", "employment"]
head = '<row r="1">' + "".join(f'<c t="inlineStr"><is><t>{h}</t></is></c>' for h in HEADER) + "</row>"

def workbook(name, sheet_chunks, shared_chunks=None):
    """sheet_chunks / shared_chunks: iterables of str, streamed into the entries (never whole in memory)."""
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>')
        shared = "" if shared_chunks is None else f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>{shared}</Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(f'<worksheet xmlns="{MAIN}"><sheetData>{head}'.encode())
            for chunk in sheet_chunks:
                f.write(chunk.encode())
            f.write(b"</sheetData></worksheet>")
        if shared_chunks is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                f.write(f'<sst xmlns="{MAIN}">'.encode())
                for chunk in shared_chunks:
                    f.write(chunk.encode())
                f.write(b"</sst>")

rnd = random.Random(12)
workbook("zip-bomb.xlsx", ("<x/>" * (1 << 20) for _ in range(256)))
workbook("shared-strings-at-bounds.xlsx", [], (
    "".join(f"<si><t>{rnd.getrandbits(128):032x}</t></si>" for _ in range(10_000)) for _ in range(200)))
workbook("500-cells-per-row.xlsx", (
    "".join(f'<row r="{r}">' + "".join(f"<c><v>{rnd.randrange(10**6)}</v></c>" for _ in range(500)) + "</row>" for r in range(b * 1000 + 2, b * 1000 + 1002))
    for b in range(20)))
workbook("nested-50000.xlsx", ['<row r="2">' + "<x>" * 50_000 + "</x>" * 50_000 + "</row>"])
size = 200 * 1024 * 1024 - 1024
with open(os.path.join(out, "one-line-200mib.csv"), "w") as f:
    f.write(",".join(HEADER) + "\n")
    line = "a," * (1 << 19)
    for _ in range(size // len(line)):
        f.write(line)
with open(os.path.join(out, "bad-rows-200mib.csv"), "w") as f:
    f.write(",".join(HEADER) + "\n")
    written = 0
    while written < size:
        block = "".join(f"{rnd.getrandbits(64):x},2026-13-{rnd.randrange(40)},lots,{rnd.random()},maybe\n" for _ in range(10_000))
        block = block[:size - written]
        f.write(block); written += len(block)
PY
ls -l "$dir" | tee -a "$summary"

cd "$repo"
ASPNETCORE_ENVIRONMENT=Development LocalDatabase__Port="$pgport" RateLimiting__PermitsPerMinute=100000 \
  dotnet run --no-build --project src/Eligibility.Api --urls "http://127.0.0.1:$port" > "$dir/api.log" 2>&1 &
launcher=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null && break; sleep 1; done
api_pid="$(pgrep -P "$launcher" -f Eligibility.Api | head -1)"; [[ -n "$api_pid" ]] || api_pid="$launcher"
token="$(curl -sf -X POST "http://127.0.0.1:$port/dev/token" -H 'Content-Type: application/json' \
  -d '{"role":"commune-official","communes":["24778"]}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')"
round="$(curl -sf -X POST "http://127.0.0.1:$port/api/v1/communes/24778/review-rounds" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"kind":"regular","month":"'"$(date -u +%Y-%m)"'"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
log "API pid $api_pid, RSS after start $(awk '/VmRSS/ {print $2/1024 " MB"}' /proc/$api_pid/status), round $round"
log ""
log "| file | bytes | status | seconds | peak RSS (MB) | answer |"
log "|---|---|---|---|---|---|"
for f in zip-bomb.xlsx shared-strings-at-bounds.xlsx 500-cells-per-row.xlsx nested-50000.xlsx one-line-200mib.csv bad-rows-200mib.csv; do
  type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"; [[ "$f" == *.csv ]] && type="text/csv"
  echo 5 > "/proc/$api_pid/clear_refs"
  start=$(date +%s.%N)
  status=$(curl -s -o "$dir/$f.answer.json" -w '%{http_code}' -X POST "http://127.0.0.1:$port/api/v1/review-rounds/$round/survey-imports" \
    -H "Authorization: Bearer $token" -H "Content-Type: $type" --data-binary "@$dir/$f")
  seconds=$(awk -v a="$(date +%s.%N)" -v b="$start" 'BEGIN { printf "%.1f", a - b }')
  peak=$(awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$api_pid/status")
  answer=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
e=d.get("errors") or []
print((d.get("code") or "") + ": " + (e[0]["message"].split(" / ")[-1] if e else d.get("detail","")) + (f" ({len(e)} errors)" if len(e) > 1 else ""))' "$dir/$f.answer.json" 2>/dev/null || echo "?")
  log "| $f | $(stat -c %s "$dir/$f") | $status | $seconds | $peak | $answer |"
done
log ""
log "temporary directory after the run: $(ls -A "${TMPDIR:-/tmp}/eligibility-$(id -un)" 2>/dev/null | wc -l) file(s)"
