#!/usr/bin/env bash
# How long the whole conformance suite takes against one target (default: the embedded GreenMail), in seconds.
# Usage: conformance/bench/suite-time.sh [RUNS] [conformance options...]
#   RUNS   timed runs after one untimed warm-up run that also builds (default 3)
#   e.g.   conformance/bench/suite-time.sh 3 --target-file servers/targets.toml --target postfix-dovecot
# Prints one line per run (seconds, and the outcome counts from summary.txt) and the median.
# SUITE_TIME_KEEP=DIR keeps each run's results (summary, transcripts) in DIR/run-N, to read what a count changed by.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=${1:-3}
shift || true
case "$RUNS" in ''|*[!0-9]*) echo "suite-time: RUNS must be a number, got '$RUNS'" >&2; exit 2 ;; esac
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
KEEP=${SUITE_TIME_KEEP:-}

echo "warm-up (builds when needed)…" >&2
"$ROOT/mailharness" conformance --report-only --out "$WORK/warm-up" "$@" > "$WORK/warm-up.log" 2>&1 \
  || { tail -20 "$WORK/warm-up.log" >&2; echo "suite-time: the warm-up run failed" >&2; exit 1; }

times=()
for i in $(seq 1 "$RUNS"); do
  out="$WORK/run-$i"
  start=$(date +%s%N)
  MAILHARNESS_SKIP_BUILD=1 "$ROOT/mailharness" conformance --report-only --out "$out" "$@" > "$WORK/run-$i.log" 2>&1
  end=$(date +%s%N)
  seconds=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')
  times+=("$seconds")
  counts=$(grep -E '^[0-9]+ checks:' "$out/summary.txt" || true)
  echo "run $i: ${seconds} s  ${counts}"
  if [ -n "$KEEP" ]; then mkdir -p "$KEEP" && rm -rf "$KEEP/run-$i" && cp -r "$out" "$KEEP/run-$i"; fi
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
echo "median of $RUNS: ${median} s"
