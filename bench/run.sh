#!/usr/bin/env bash
# Reproduces every figure in BENCHMARKS.md: generates datasets of 10k, 100k and 1M claims,
# times `treatywatch validate` on them (wall time and peak memory, GNU time) beside the parse
# floor (the same YAML parser on the same files, doing nothing else) and the floor's next
# stages (treatywatch's tree of every file; its typed records), in the default bounded
# batches and in one batch, with the light build too; shows where the time goes
# (TREATYWATCH_TIMINGS); times `validate --cache` after a one-file change; and runs the
# schema-only validators people use today — check-jsonschema (PyPI) and ajv-cli (npm) — on the
# same files and the same schemas. Ends with the summary table BENCHMARKS.md shows.
#
#   bash bench/run.sh            # all sizes; check-jsonschema only at 10k (it takes minutes)
#   SIZES="10000" bash bench/run.sh
#   SKIP_OTHERS=1                # treatywatch only (no npm, no PyPI)
#   SKIP_LIGHT=1                 # no light build (it takes two minutes in its own target folder)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000 1000000"}
work=${WORK:-$(mktemp -d)}
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"

cargo build --locked -q -p treatywatch -p treatywatch-datagen
tw=target/debug/treatywatch
gen=target/debug/treatywatch-datagen
floor=target/debug/treatywatch-parse-floor
# The light build (no PDF), in its own target folder so the full one stays as it is.
if [ -z "${SKIP_LIGHT:-}" ]; then
  CARGO_TARGET_DIR="$work/light-target" cargo build --locked -q -p treatywatch --no-default-features
  light="$work/light-target/debug/treatywatch"
fi
summary="$work/summary"
: > "$summary"

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

# This VM pages out file data it has not read for a few seconds (DAMON), so a dataset read a
# minute ago is read from disk again: every timed run (treatywatch's and the floor's alike)
# starts right after its files are read into the page cache.
warm_dir=""
# shellcheck disable=SC2086
warm_up() { if [ -n "$warm_dir" ]; then find $warm_dir -type f -exec cat {} + > /dev/null 2>&1 || true; fi; }

measure() { # label, command…
  local label=$1; shift
  warm_up
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
    warm_up
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2> "$work/err" || true
    tail -1 "$work/time" >> "$work/runs"
  done
  read -r secs kb < <(sort -n "$work/runs" | sed -n "$(( (REPEAT + 1) / 2 ))p")
  printf '%-42s %8.2f s %8d MiB   (median of %d: %s s)\n' "$label" "$secs" "$((kb / 1024))" "$REPEAT" "$(cut -d' ' -f1 "$work/runs" | sort -n | tr '\n' ' ')"
  last_secs=$secs; last_mib=$((kb / 1024))
  last_range="$(cut -d' ' -f1 "$work/runs" | sort -n | sed -n '1p;$p' | tr '\n' ' ' | sed 's/ $//; s/ /–/')"
}

# The figures compared with each other (the floor and its stages, validate in batches, in one
# batch, the light build) are measured in rounds: each round runs every one of them once, so
# that a slower minute of the machine slows all of them alike. REPEAT rounds; each figure is
# its median. Every run's output is kept in $work/out-<key>.
declare -A SECS MIB RANGE
measure_rounds() { # "key|label|command" …
  local spec key label cmd
  for spec in "$@"; do key=${spec%%|*}; : > "$work/runs-$key"; done
  for _ in $(seq "$REPEAT"); do
    for spec in "$@"; do
      key=${spec%%|*}; cmd=${spec#*|}; cmd=${cmd#*|}
      warm_up
      # shellcheck disable=SC2086
      /usr/bin/time -f "%e %M" -o "$work/time" $cmd > "$work/out-$key" 2> "$work/err-$key" || true
      tail -1 "$work/time" >> "$work/runs-$key"
    done
  done
  for spec in "$@"; do
    key=${spec%%|*}; label=${spec#*|}; label=${label%%|*}
    read -r secs kb < <(sort -n "$work/runs-$key" | sed -n "$(( (REPEAT + 1) / 2 ))p")
    SECS[$key]=$secs; MIB[$key]=$((kb / 1024))
    RANGE[$key]="$(cut -d' ' -f1 "$work/runs-$key" | sort -n | sed -n '1p;$p' | tr '\n' ' ' | sed 's/ $//; s/ /–/')"
    printf '%-42s %8.2f s %8d MiB   (median of %d: %s s)\n' "$label" "$secs" "${MIB[$key]}" "$REPEAT" "$(cut -d' ' -f1 "$work/runs-$key" | sort -n | tr '\n' ' ')"
  done
}

for n in $SIZES; do
  data="$work/data-$n"
  quoted="$work/quoted-$n"
  [ -d "$data" ] || $gen --claims "$n" --out "$data"
  [ -d "$quoted" ] || $gen --claims "$n" --out "$quoted" --quote-dates
  size=$(du -sm "$data/claims" | cut -f1)
  echo
  echo "== $n claims ($size MB of claim files), $REPEAT rounds"
  warm_dir="$data"
  validate="validate --data $data --as-of 2026-11-27 --format json"
  rounds=(
    "floor|parse floor (saphyr-parser, nothing else)|$floor $data"
    "tree|  + treatywatch's tree of every file|$floor $data --stage tree"
    "records|  + records and typed records|$floor $data --stage records"
    "full|treatywatch validate (full rules)|$tw $validate"
  )
  [ -n "${light:-}" ] && rounds+=("light|treatywatch validate, light build|$light $validate")
  # Last in each round: a run that holds every claim at once (4 GiB at 1M) leaves the next
  # process slower while this VM gives the memory back.
  rounds+=("one|treatywatch validate --batch-bytes 0|$tw $validate --batch-bytes 0")
  measure_rounds "${rounds[@]}"
  cp "$work/out-full" "$work/full-$n.json"
  grep -o '"errors": [0-9]*' "$work/out-full" | head -1
  TREATYWATCH_TIMINGS=1 $tw validate --data "$data" --as-of 2026-11-27 --format json 2>&1 >/dev/null | grep timings || true
  cmp -s "$work/out-one" "$work/full-$n.json" && echo "  one batch: same output as in batches" || { echo "  OUTPUT DIFFERS in one batch"; exit 1; }
  floor_secs=${SECS[floor]}; tree_secs=${SECS[tree]}; records_secs=${SECS[records]}
  tw_secs=${SECS[full]}; tw_mib=${MIB[full]}; tw_range=${RANGE[full]}
  one_secs=${SECS[one]}; one_mib=${MIB[one]}
  light_cell="not run"
  if [ -n "${light:-}" ]; then
    cmp -s "$work/out-light" "$work/full-$n.json" && echo "  light build: same output as the full build" || { echo "  OUTPUT DIFFERS in the light build"; exit 1; }
    light_cell="${SECS[light]} s, ${MIB[light]} MiB"
  fi
  warm_dir="$quoted"
  measure_median "treatywatch validate (quoted dates)" $tw validate --data "$quoted" --as-of 2026-11-27 --format json
  ajv_cell="not run"; cj_cell="not run"
  if [ -z "${SKIP_OTHERS:-}" ]; then
    if [ "$n" -le 100000 ]; then
      measure "ajv-cli 5 (schema only)" "$work/npm/node_modules/.bin/ajv" validate --spec=draft2020 --strict=false -c ajv-formats -s "$work/claims-list.schema.json" -d "$quoted/claims/claims-*.yaml"
      grep -c " valid" "$work/out" || true
      ajv_cell="$(tail -1 "$work/time" | cut -d' ' -f1) s"
    fi
    if [ "$n" -le 10000 ]; then
      measure "check-jsonschema 0.37 (schema only)" "$work/venv/bin/check-jsonschema" --schemafile "$work/claims-list.schema.json" "$quoted"/claims/claims-*.yaml
      tail -1 "$work/out"
      cj_cell="$(tail -1 "$work/time" | cut -d' ' -f1) s"
    fi
  fi
  ratio=$(awk -v a="$tw_secs" -v b="$floor_secs" 'BEGIN { printf "%.2f", a / b }')
  tree_ratio=$(awk -v a="$tree_secs" -v b="$floor_secs" 'BEGIN { printf "%.2f", a / b }')
  records_ratio=$(awk -v a="$records_secs" -v b="$floor_secs" 'BEGIN { printf "%.2f", a / b }')
  printf '| %s (%s MB) | **%s s** (%s) | %s MiB | %s s | **%s×** | %s s (%s×) | %s s (%s×) | %s s, %s MiB | %s | %s | %s |\n' \
    "$n" "$size" "$tw_secs" "$tw_range" "$tw_mib" "$floor_secs" "$ratio" "$tree_secs" "$tree_ratio" "$records_secs" "$records_ratio" "$one_secs" "$one_mib" "$light_cell" "$ajv_cell" "$cj_cell" >> "$summary"
done

# Incremental: `validate --cache` on the largest dataset after a one-file change (a claim's
# summary edited in one list file), each run seeing a file it has not cached; the output is
# compared with the cold run's.
largest=$(echo $SIZES | tr ' ' '\n' | sort -n | tail -1)
data="$work/data-$largest"
cache="$work/cache-$largest"
victim=$(find "$data/claims" -name '*.yaml' | sort | sed -n '2p')
cp "$victim" "$work/victim.yaml"
echo
echo "== incremental: validate --cache on $largest claims, one file changed ($victim)"
warm_dir="$data $cache"
rm -rf "$cache"
measure "cold, filling the cache" $tw validate --data "$data" --as-of 2026-11-27 --format json --cache "$cache"
cold_cache=$(tail -1 "$work/time" | cut -d' ' -f1)
measure_median "warm, nothing changed" $tw validate --data "$data" --as-of 2026-11-27 --format json --cache "$cache"
warm=$last_secs
: > "$work/runs"
for i in $(seq "$REPEAT"); do
  sed "0,/  summary: '/s//  summary: 'Edit $i of the benchmark: /" "$work/victim.yaml" > "$victim"
  if cmp -s "$victim" "$work/victim.yaml"; then echo "the edit changed nothing"; exit 1; fi
  warm_up
  /usr/bin/time -f "%e %M" -o "$work/time" $tw validate --data "$data" --as-of 2026-11-27 --format json --cache "$cache" > "$work/out" 2> "$work/err" || true
  tail -1 "$work/time" >> "$work/runs"
  $tw validate --data "$data" --as-of 2026-11-27 --format json > "$work/cold.json" 2>/dev/null || true
  cmp -s "$work/out" "$work/cold.json" && echo "  edit $i: same output as a cold run" || { echo "  edit $i: OUTPUT DIFFERS from a cold run"; exit 1; }
done
cp "$work/victim.yaml" "$victim"
read -r one_file kb < <(sort -n "$work/runs" | sed -n "$(( (REPEAT + 1) / 2 ))p")
printf '%-42s %8.2f s %8d MiB   (median of %d: %s s)\n' "one file changed" "$one_file" "$((kb / 1024))" "$REPEAT" "$(cut -d' ' -f1 "$work/runs" | sort -n | tr '\n' ' ')"

# Briefings: the bundled data, and the 10k dataset when it was generated above (the full PDF:
# model, templates, Typst layout, tagged PDF/UA-1 + PDF/A-2a, every markdown page).
echo
echo "== reports"
warm_dir=""
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

# The site: every page, feed and the search index (written to this disk, as a user would).
measure_median "treatywatch site (bundled data)" $tw site --out "$work/site-bundled"
grep -o 'wrote the site to [^ ]* ([0-9]* pages' "$work/out" || cat "$work/err"
echo "index page with its assets: $(cat "$work/site-bundled/index.html" "$work/site-bundled/assets/"* | wc -c) bytes; search index $(wc -c < "$work/site-bundled/search-index.json") bytes"
if [ -d "$work/data-10000" ]; then
  measure_median "treatywatch site (10k claims)" $tw site --data "$work/data-10000" --as-of 2026-11-27 --out "$work/site-10k"
  grep -o 'wrote the site to [^ ]* ([0-9]* pages' "$work/out" || cat "$work/err"
fi

echo
echo "== summary (BENCHMARKS.md)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); commit $(git rev-parse --short HEAD)"
echo
echo "| claims (claim files) | treatywatch validate (median, range) | peak memory | parse floor | × floor | floor + tree | floor + typed records | one batch (--batch-bytes 0) | light build | ajv-cli (schema only) | check-jsonschema (schema only) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
cat "$summary"
echo
echo "incremental at $largest claims (--cache): cold with the cache ${cold_cache} s; nothing changed ${warm} s; one file changed **${one_file} s** (median of $REPEAT)"
