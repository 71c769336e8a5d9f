#!/usr/bin/env bash
# Reproduces every figure in BENCHMARKS.md: generates datasets of 10k, 100k and 1M claims,
# times `treatywatch validate` on them (wall time and peak memory, GNU time), shows where the
# time goes (TREATYWATCH_TIMINGS), and runs the schema-only validators people use today —
# check-jsonschema (PyPI) and ajv-cli (npm) — on the same files and the same schemas.
#
#   bash bench/run.sh            # all sizes; check-jsonschema only at 10k (it takes minutes)
#   SIZES="10000" bash bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000 1000000"}
work=${WORK:-$(mktemp -d)}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"

cargo build --locked -q -p treatywatch -p treatywatch-datagen
tw=target/debug/treatywatch
gen=target/debug/treatywatch-datagen

# Schema-only tools, installed beside the work folder.
if [ -z "${SKIP_OTHERS:-}" ]; then
  python3 -m venv "$work/venv" && "$work/venv/bin/pip" install -q --disable-pip-version-check check-jsonschema==0.37.1 >/dev/null
  npm install --silent --no-audit --no-fund --prefix "$work/npm" ajv-cli@5.0.0 ajv-formats@3.0.1 >/dev/null
  # A list file's schema: an array of claims, the claim schema's definitions at the root.
  python3 - "$work" <<'PY'
import json, sys
claim = json.load(open("schemas/claim.schema.json"))
defs = claim.pop("$defs")
for key in ("$schema", "$id"):
    claim.pop(key, None)
wrapper = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "array", "items": claim, "$defs": defs}
json.dump(wrapper, open(sys.argv[1] + "/claims-list.schema.json", "w"))
PY
fi

measure() { # label, command…
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
  read -r secs kb < <(tail -1 "$work/time")
  printf '%-42s %8.2f s %8d MiB\n' "$label" "$secs" "$((kb / 1024))"
}

# This VM's timings vary by ±20% from run to run: treatywatch is run REPEAT times (default 3)
# and the median run (by wall time) is reported, with its peak memory.
REPEAT=${REPEAT:-3}
measure_median() { # label, command…
  local label=$1; shift
  : > "$work/runs"
  for _ in $(seq "$REPEAT"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
    tail -1 "$work/time" >> "$work/runs"
  done
  read -r secs kb < <(sort -n "$work/runs" | sed -n "$(( (REPEAT + 1) / 2 ))p")
  printf '%-42s %8.2f s %8d MiB   (median of %d: %s s)\n' "$label" "$secs" "$((kb / 1024))" "$REPEAT" "$(cut -d' ' -f1 "$work/runs" | sort -n | tr '\n' ' ')"
}

for n in $SIZES; do
  data="$work/data-$n"
  quoted="$work/quoted-$n"
  [ -d "$data" ] || $gen --claims "$n" --out "$data"
  [ -d "$quoted" ] || $gen --claims "$n" --out "$quoted" --quote-dates
  size=$(du -sm "$data/claims" | cut -f1)
  echo
  echo "== $n claims ($size MB of claim files)"
  measure_median "treatywatch validate (full rules)" $tw validate --data "$data" --as-of 2026-11-27 --format json
  grep -o '"errors": [0-9]*' "$work/out" | head -1
  TREATYWATCH_TIMINGS=1 $tw validate --data "$data" --as-of 2026-11-27 --format json 2>&1 >/dev/null | grep timings || true
  measure_median "treatywatch validate (quoted dates)" $tw validate --data "$quoted" --as-of 2026-11-27 --format json
  if [ -z "${SKIP_OTHERS:-}" ]; then
    if [ "$n" -le 100000 ]; then
      measure "ajv-cli 5 (schema only)" "$work/npm/node_modules/.bin/ajv" validate --spec=draft2020 --strict=false -c ajv-formats -s "$work/claims-list.schema.json" -d "$quoted/claims/claims-*.yaml"
      grep -c " valid" "$work/out" || true
    fi
    if [ "$n" -le 10000 ]; then
      measure "check-jsonschema 0.37 (schema only)" "$work/venv/bin/check-jsonschema" --schemafile "$work/claims-list.schema.json" "$quoted"/claims/claims-*.yaml
      tail -1 "$work/out"
    fi
  fi
done

# Briefings: the bundled data, and the 10k dataset when it was generated above (the full PDF:
# model, templates, Typst layout, tagged PDF/UA-1 + PDF/A-2a, every markdown page).
echo
echo "== reports"
measure_median "treatywatch report (bundled data)" $tw report --out "$work/reports-bundled"
grep -o 'wrote [0-9]* files' "$work/out" || cat "$work/err"
if [ -d "$work/data-10000" ]; then
  measure_median "treatywatch report (10k claims)" $tw report --data "$work/data-10000" --as-of 2026-11-27 --out "$work/reports-10k"
  grep -o 'wrote [0-9]* files' "$work/out" || cat "$work/err"
  echo "pages: $(pdfinfo "$work/reports-10k/briefing.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
fi
if [ -d "$work/data-10000" ]; then
  measure_median "treatywatch export (10k claims)" $tw export --data "$work/data-10000" --as-of 2026-11-27 --out "$work/export-10k"
  grep -o 'wrote [0-9]* files' "$work/out" || cat "$work/err"
fi
